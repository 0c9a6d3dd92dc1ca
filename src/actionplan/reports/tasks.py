"""Issuing a paper as a background task (docs/adr/0008-task-queue.md): rendering a large
plan's PDF takes about a minute, too long for a request.

The task is idempotent: what makes a paper issued once is in services.issue_paper (the
row locked, an issued paper refused). A task that finds its paper issued, by an earlier
run, another worker or the command line, does nothing and says so. A task that fails
records why on the paper, so its page can say; asking again clears it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, task

from actionplan.core.errors import UserError
from actionplan.reports import services
from actionplan.reports.models import Paper

log = logging.getLogger(__name__)

# A paper still being issued this long after it was asked for has most likely lost its
# worker (killed, or none running): it may be asked for again. That is safe even if the
# first task is only slow: whichever runs second finds the paper issued.
STALLED_AFTER = dt.timedelta(minutes=10)

ISSUED = "issued"
ALREADY_ISSUED = "already issued"
GONE = "gone"
FAILED = "failed"


def _worker(context: TaskContext) -> str:
    ids = context.task_result.worker_ids
    return ids[-1] if ids else ""


@task(takes_context=True)
def issue_paper(context: TaskContext, paper_id: int) -> dict:
    """Issue draft `paper_id` for whoever asked (its issue_requested_by)."""
    paper = Paper.objects.select_related("issue_requested_by").filter(pk=paper_id).first()
    if paper is None:
        return {"paper": paper_id, "outcome": GONE}
    if paper.issued:
        return {"paper": paper_id, "outcome": ALREADY_ISSUED}
    try:
        paper = services.issue_paper(paper, paper.issue_requested_by)
    except UserError as e:
        # The service refuses a paper issued since we read it: another worker won.
        if Paper.objects.issued().filter(pk=paper_id).exists():
            return {"paper": paper_id, "outcome": ALREADY_ISSUED}
        _failed(paper_id, str(e))
        return {"paper": paper_id, "outcome": FAILED, "error": str(e)}
    except Exception as e:
        log.exception("paper %s: issuing failed (worker %s)", paper_id, _worker(context))
        _failed(paper_id, f"{type(e).__name__}: {e}" if str(e) else type(e).__name__)
        raise
    return {
        "paper": paper_id,
        "outcome": ISSUED,
        "sha256": {fmt: getattr(paper, f"{fmt}_sha256") for fmt in ("html", "pdf", "docx")},
    }


def _failed(paper_id: int, message: str) -> None:
    # An update, not save(): the row may be issued by now, and then it is left alone.
    Paper.objects.filter(pk=paper_id, status=Paper.Status.DRAFT).update(
        issue_error=message or "the paper could not be issued"
    )


def stalled(paper: Paper, now: dt.datetime | None = None) -> bool:
    """Being issued for longer than a worker takes: see STALLED_AFTER."""
    now = now or timezone.now()
    return paper.being_issued and paper.issue_requested_at < now - STALLED_AFTER


def request_issue(paper: Paper, user) -> tuple[Paper, bool]:
    """Ask for `paper` to be issued: queue the task once. (The paper, whether this call
    queued it.) A paper issued or being issued already is left as it is, so a double
    submit, or two people pressing Issue, queue one task; a stalled one is queued again."""
    with transaction.atomic():
        paper = Paper.objects.select_for_update().get(pk=paper.pk)
        if paper.issued or (paper.being_issued and not stalled(paper)):
            return paper, False
        Paper.objects.filter(pk=paper.pk).update(
            issue_requested_at=timezone.now(),
            issue_requested_by=user,
            issue_error="",
            issue_task_id="",
        )
        # In the same transaction as the request: both are stored, or neither.
        result = issue_paper.enqueue(paper.pk)
        Paper.objects.filter(pk=paper.pk, status=Paper.Status.DRAFT).update(
            issue_task_id=str(result.id)
        )
    paper.refresh_from_db()
    return paper, True
