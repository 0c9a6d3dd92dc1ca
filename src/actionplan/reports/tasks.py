"""Issuing a paper, and rendering a draft's PDF or Word file, as background tasks
(docs/adr/0008-task-queue.md): rendering a large plan's PDF takes about a minute, too long
for a request.

The task is idempotent: what makes a paper issued once is in services.issue_paper (the
row locked, an issued paper refused). A task that finds its paper issued, by an earlier
run, another worker or the command line, does nothing and says so. A task that fails
records why on the paper, so its page can say; asking again clears it.

A draft's rendering is asked for by downloading it (request_rendering): one row per paper,
format and fingerprint of what it is made from, so asking twice queues one task. The task
renders only what it was asked for: a rendering done already is left alone, and one whose
draft has changed since (another fingerprint) is dropped unrendered, since its file would
be stale; the next download asks for the current one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import TaskContext, task

from actionplan.core.errors import UserError
from actionplan.reports import services
from actionplan.reports.models import DraftRendering, Paper

log = logging.getLogger(__name__)

# A paper still being issued this long after it was asked for has most likely lost its
# worker (killed, or none running): it may be asked for again. That is safe even if the
# first task is only slow: whichever runs second finds the paper issued.
STALLED_AFTER = dt.timedelta(minutes=10)

ISSUED = "issued"
ALREADY_ISSUED = "already issued"
GONE = "gone"
FAILED = "failed"
RENDERED = "rendered"
ALREADY_RENDERED = "already rendered"
STALE = "stale"


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
    requested = paper.issue_requested_at
    return paper.being_issued and requested is not None and requested < now - STALLED_AFTER


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


# --- a draft's PDF and Word files ----------------------------------------------------------


@task(takes_context=True)
def render_draft(context: TaskContext, rendering_id: int) -> dict:
    """Render DraftRendering `rendering_id`, if it is still wanted and not done yet."""
    rendering = (
        DraftRendering.objects.select_related("paper__plan", "paper__body")
        .defer("content")
        .filter(pk=rendering_id)
        .first()
    )
    if rendering is None:
        return {"rendering": rendering_id, "outcome": GONE}
    out = {"rendering": rendering_id, "paper": rendering.paper_id, "format": rendering.format}
    if DraftRendering.objects.filter(pk=rendering_id, content__isnull=False).exists():
        return out | {"outcome": ALREADY_RENDERED}
    paper = rendering.paper
    try:
        if paper.issued:  # it serves its frozen files now
            rendering.delete()
            return out | {"outcome": ALREADY_ISSUED}
        data = services.paper_data(paper)
        if services.fingerprint(paper, data) != rendering.fingerprint:
            # The draft or its plan changed since this was asked for: its file would be
            # stale. The next download asks for the current one.
            rendering.delete()
            return out | {"outcome": STALE}
        content = services.render(
            data, rendering.format, draft=True, template=services.template_of(paper)
        )
    except UserError as e:  # the paper's own problem (a date, a template): say so
        _rendering_failed(rendering_id, str(e))
        return out | {"outcome": FAILED, "error": str(e)}
    except Exception as e:
        log.exception("rendering %s failed (worker %s)", rendering_id, _worker(context))
        _rendering_failed(rendering_id, f"{type(e).__name__}: {e}" if str(e) else type(e).__name__)
        raise
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        stored = DraftRendering.objects.filter(pk=rendering_id, content__isnull=True).update(
            content=content, sha256=sha256, error="", created=timezone.now()
        )
        if not stored:  # done by another worker meanwhile, or gone with its paper
            return out | {"outcome": ALREADY_RENDERED}
        # The draft's older files (and failures) for this format are stale for good: drop
        # them. Others still being prepared are left to their tasks.
        DraftRendering.objects.filter(paper_id=paper.pk, format=rendering.format).exclude(
            pk=rendering_id
        ).exclude(content__isnull=True, error="").delete()
    return out | {"outcome": RENDERED, "sha256": sha256, "bytes": len(content)}


def _rendering_failed(rendering_id: int, message: str) -> None:
    DraftRendering.objects.filter(pk=rendering_id, content__isnull=True).update(
        error=message or "the file could not be made"
    )


def rendering_stalled(rendering: DraftRendering, now: dt.datetime | None = None) -> bool:
    """Being prepared for longer than a worker takes: see STALLED_AFTER."""
    now = now or timezone.now()
    return rendering.pending and rendering.requested_at < now - STALLED_AFTER


def request_rendering(
    paper: Paper, fmt: str, *, data=None, again: bool = False
) -> tuple[DraftRendering, bool]:
    """The draft's up-to-date rendering in `fmt` (pdf or docx), queued if there is none.
    (The rendering, whether this call queued it.) Asked for twice, it is queued once; a
    stalled one is queued again, and so is a failed one when `again` (the user's "Try
    again"). `data`: the paper's data, if the caller has built it already."""
    if fmt not in DraftRendering.FORMATS:
        raise ValueError(f"a draft is rendered in the background as pdf or docx, not {fmt!r}")
    data = data if data is not None else services.paper_data(paper)
    fingerprint = services.fingerprint(paper, data)
    now = timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                rendering, created = DraftRendering.objects.get_or_create(
                    paper=paper, format=fmt, fingerprint=fingerprint, defaults={"requested_at": now}
                )
        except IntegrityError:  # asked for at the same moment by another request
            rendering = DraftRendering.objects.get(paper=paper, format=fmt, fingerprint=fingerprint)
            created = False
        if not created:
            wanted = rendering_stalled(rendering, now) or (again and rendering.failed)
            # Conditional on what we read: of two requests, one queues it again.
            if not wanted or not DraftRendering.objects.filter(
                pk=rendering.pk, requested_at=rendering.requested_at, content__isnull=True
            ).update(requested_at=now, error="", task_id=""):
                return rendering, False
        # In the same transaction as the request: both are stored, or neither.
        result = render_draft.enqueue(rendering.pk)
        DraftRendering.objects.filter(pk=rendering.pk).update(task_id=str(result.id))
    rendering.refresh_from_db()
    return rendering, True
