"""The board paper pages: who sees what, drafting with bad input, issuing through the task
queue (once, whatever happens), and issued downloads frozen byte for byte.

Issuing runs through the real queue: the database backend (the project's setting) and
`actionplan worker --batch` run in this process. That checks what the immediate backend
would not: that the page only queues the task (the request renders nothing), that a
double submit queues one task, and that the worker finds and runs it by its path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from docx import Document

from actionplan.monitoring import services as monitoring
from actionplan.monitoring import statuses
from actionplan.plans.models import Body
from actionplan.reports import services, tasks
from actionplan.reports.models import DraftRendering, Paper
from actionplan.reports.views import PREVIEW_CSP
from support.walks.reports import issued_stand_in

FORMATS = ("html", "pdf", "docx")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cyplt(personas):
    return Body.objects.get(organisation=personas.plan.organisation, abbreviation="CYPLT")


@pytest.fixture
def draft(personas, cyplt, today):
    return services.draft_paper(personas.plan, cyplt, today, user=personas.improvement_lead)


def as_user(client, user):
    client.force_login(user)
    return client


def url(name, paper, *more):
    return reverse(name, args=[paper.plan_id, paper.pk, *more])


def papers_url(plan):
    return reverse("reports:papers", args=[plan.pk])


def form_data(body=None, day=None, **over):
    day = day or timezone.localdate()
    data = {
        "as_at_day": str(day.day),
        "as_at_month": str(day.month),
        "as_at_year": str(day.year),
        "author_name": "Stephanie Bratcher",
        "author_role": "Corporate Development Officer",
        "author_email": "stephanie.bratcher@northyorks.example",
        "asks": "Note the progress\n\n  Challenge the   red actions  \n",
    }
    if body is not None:
        data["body"] = str(body.pk)
    return data | over


def docx_bytes() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


# The worker closes the database connection after each task, as a long-running process
# should; on PostgreSQL that would end the transaction a plain test runs in.
WORKER = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("worker", "--batch", "--no-sweep", "--interval", "0", verbosity=0)


def render_results():
    return DBTaskResult.objects.filter(task_path="actionplan.reports.tasks.render_draft")


def outcomes(results):
    return sorted(r.return_value["outcome"] for r in results)


# --- who sees what ---------------------------------------------------------------------


def test_every_reader_sees_issued_papers_with_their_sizes_and_only_the_lead_sees_drafts(
    client, personas, cyplt, draft
):
    issued = issued_stand_in(personas.plan, cyplt, user=personas.improvement_lead)

    member = as_user(client, personas.member).get(papers_url(personas.plan)).content.decode()
    assert url("reports:paper", issued) in member
    assert url("reports:paper_download", issued, "pdf") in member
    assert 'PDF<span class="govuk-visually-hidden">' in member and "(8 bytes)" in member
    assert url("reports:paper", draft) not in member
    assert "Draft a paper" not in member

    lead = as_user(client, personas.improvement_lead).get(papers_url(personas.plan))
    page = lead.content.decode()
    assert url("reports:paper", draft) in page and url("reports:paper", issued) in page
    assert "Draft a paper" in page


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member", "inspector"])
def test_a_draft_and_its_files_are_the_improvement_teams(client, personas, draft, persona):
    client = as_user(client, personas.all()[persona])
    got = [
        client.get(url("reports:paper", draft)).status_code,
        client.get(url("reports:paper_preview", draft)).status_code,
        *(client.get(url("reports:paper_download", draft, f)).status_code for f in FORMATS),
        client.post(url("reports:delete_paper", draft)).status_code,
        client.post(url("reports:issue_paper", draft)).status_code,
        client.post(reverse("reports:new_paper", args=[draft.plan_id]), {}).status_code,
    ]
    assert got == [403] * 8
    assert Paper.objects.get(pk=draft.pk).issue_requested_at is None
    assert Paper.objects.count() == 1


def test_an_issued_paper_is_every_readers(client, personas, cyplt):
    issued = issued_stand_in(personas.plan, cyplt, user=personas.improvement_lead)
    client = as_user(client, personas.member)

    page = client.get(url("reports:paper", issued)).content.decode()
    download = client.get(url("reports:paper_download", issued, "pdf"))

    assert "Issued" in page and "by ilead" in page
    assert "Edit draft" not in page and "Delete draft" not in page
    assert download.content == b"%PDF-1.7"
    assert download["Content-Disposition"] == (
        f'attachment; filename="cyplt-paper-{issued.as_at.isoformat()}.pdf"'
    )
    assert client.get(url("reports:paper_download", issued, "txt")).status_code == 404
    # Issued: no longer a draft to edit or delete, even for the improvement lead.
    lead = as_user(client, personas.improvement_lead)
    assert lead.post(url("reports:delete_paper", issued)).status_code == 302
    assert lead.get(url("reports:edit_paper", issued))["Location"] == url("reports:paper", issued)
    assert Paper.objects.filter(pk=issued.pk).exists()


# --- drafting --------------------------------------------------------------------------


def test_the_plans_reporting_bodies_come_first(client, personas):
    page = as_user(client, personas.improvement_lead).get(
        reverse("reports:new_paper", args=[personas.plan.pk])
    )
    labels = [label for _, label in page.context["form"].fields["body"].choices]
    with_lines = [label for label in labels if "reporting line" in label]
    assert with_lines and labels[: len(with_lines)] == with_lines, labels
    # The seed plan's CYPLT has the most lines; its name is only its abbreviation.
    assert labels[0] == "CYPLT: 22 reporting lines"


def test_the_improvement_lead_drafts_a_paper_and_sees_what_it_will_say(
    client, personas, cyplt, today
):
    client = as_user(client, personas.improvement_lead)
    template = SimpleUploadedFile("council.docx", docx_bytes())
    response = client.post(
        reverse("reports:new_paper", args=[personas.plan.pk]),
        form_data(cyplt, template=template),
    )

    paper = Paper.objects.get()
    assert response["Location"] == url("reports:paper", paper)
    assert (paper.body, paper.as_at, paper.created_by) == (cyplt, today, personas.improvement_lead)
    # The period ends with the as-at month, as the service does.
    assert paper.period_end.month == today.month and (paper.period_end + dt.timedelta(1)).day == 1
    assert paper.options["asks"] == ["Note the progress", "Challenge the red actions"]
    assert paper.options["author"]["name"] == "Stephanie Bratcher"
    assert paper.template_name == "council.docx"

    page = client.get(response["Location"])
    text = page.content.decode()
    summary = page.context["summary"]
    assert summary.total == sum(c.count for c in summary.counts) > 0
    assert "What the paper will say if it is issued now" in text
    assert f"The plan's {summary.total} actions by rating" in text
    assert f"Actions reporting to the CYPLT by {paper.period_end.day} " in text
    assert "Exceptions: red, amber and overdue actions" in text
    assert "Challenge the red actions" in text
    assert "sandbox" in text and url("reports:paper_preview", paper) in text
    for fmt in FORMATS:
        assert url("reports:paper_download", paper, fmt) in text


@WORKER
def test_a_draft_downloads_marked_draft(client, personas, draft):
    client = as_user(client, personas.improvement_lead)
    html = client.get(url("reports:paper_download", draft, "html"))
    assert client.get(url("reports:paper_download", draft, "docx")).status_code == 202
    run_worker()
    docx = client.get(url("reports:paper_download", draft, "docx"))

    assert html["Content-Disposition"].endswith(f'-{draft.as_at.isoformat()}-draft.html"')
    assert "<strong>Draft</strong>" in html.content.decode()
    assert docx["Content-Disposition"].endswith(f'-{draft.as_at.isoformat()}-draft.docx"')
    assert zipfile.is_zipfile(io.BytesIO(docx.content))
    assert "DRAFT" in " ".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)


def test_the_preview_is_framed_by_our_pages_only_and_runs_nothing(client, personas, draft):
    client = as_user(client, personas.improvement_lead)
    page = client.get(url("reports:paper", draft))
    preview = client.get(url("reports:paper_preview", draft))

    assert preview["Content-Security-Policy"] == PREVIEW_CSP
    assert "script-src" not in PREVIEW_CSP and "default-src 'none'" in PREVIEW_CSP
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert preview.content.startswith(b"<!DOCTYPE html>")
    # The page that frames it keeps the service's policy: frame-src falls back to
    # default-src 'self', so no setting changes.
    policy = page["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-src" not in policy
    assert "frame-ancestors 'none'" in policy
    assert page["X-Frame-Options"] == "DENY"


BAD = [
    ({"body": ""}, "body", "Select the body the paper is for"),
    ({"body": "999999"}, "body", "Select one of the plan's bodies"),
    ({"as_at_day": "31", "as_at_month": "2"}, "as_at", "Position as at must be a real date"),
    ({"as_at_day": "", "as_at_month": "", "as_at_year": ""}, "as_at", "Enter the date"),
    (
        {"period_end_day": "1", "period_end_month": "1", "period_end_year": "2001"},
        "period_end",
        "must be the same as or after the as-at date",
    ),
    ({"author_email": "stephanie at nyc"}, "author_email", "Enter the email address like"),
    (
        {"template": SimpleUploadedFile("council.pdf", b"%PDF-1.4")},
        "template",
        "The template must be a Word .docx file: council.pdf is not",
    ),
    (
        {"template": SimpleUploadedFile("council.docx", b"not a zip at all")},
        "template",
        "The template council.docx is not a readable Word .docx file",
    ),
    (
        {"as_at_day": "15", "as_at_month": "3", "as_at_year": "2013"},
        "as_at",
        "This plan was not yet in actionplan on 15 March 2013: choose a later date",
    ),
]


@pytest.mark.parametrize(("over", "field", "message"), BAD, ids=[b[1] for b in BAD])
def test_bad_input_names_the_field_and_the_problem_and_writes_nothing(
    client, personas, cyplt, over, field, message
):
    client = as_user(client, personas.improvement_lead)
    response = client.post(
        reverse("reports:new_paper", args=[personas.plan.pk]), form_data(cyplt) | over
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in e for e in form.errors[field]), form.errors
    text = response.content.decode()
    assert text.count("There is a problem") == 1 and f'href="#{form[field].anchor}"' in text
    assert Paper.objects.count() == 0


def test_the_lead_edits_a_draft_and_bad_input_changes_nothing(client, personas, draft, today):
    client = as_user(client, personas.improvement_lead)
    edit = url("reports:edit_paper", draft)
    assert client.get(edit).context["form"].initial["as_at"] == draft.as_at

    bad = client.post(edit, form_data(day=dt.date(2013, 3, 15), asks="Noted"))
    assert bad.status_code == 200 and "not yet in actionplan" in bad.content.decode()
    assert Paper.objects.get(pk=draft.pk).options == draft.options

    good = client.post(edit, form_data(asks="Agree the next steps"))
    assert good["Location"] == url("reports:paper", draft)
    assert Paper.objects.get(pk=draft.pk).options["asks"] == ["Agree the next steps"]


def test_edits_to_a_draft_issued_while_the_form_was_open_are_kept_on_the_page(
    client, personas, draft, monkeypatch
):
    from actionplan.reports import views

    real = views._frozen
    calls = []

    def frozen_after_the_form_was_shown(paper):
        calls.append(paper)
        return False if len(calls) == 1 else real(paper)  # the page's first look: a draft

    monkeypatch.setattr(views, "_frozen", frozen_after_the_form_was_shown)
    Paper.objects.filter(pk=draft.pk).update(issue_requested_at=timezone.now())

    response = as_user(client, personas.improvement_lead).post(
        url("reports:edit_paper", draft), form_data(asks="Ask about the audit findings")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "your changes were not saved" in html
    assert "Ask about the audit findings" in html
    assert Paper.objects.get(pk=draft.pk).options == draft.options


def test_the_lead_deletes_a_draft_after_confirming(client, personas, draft):
    client = as_user(client, personas.improvement_lead)
    assert "The draft is deleted" in client.get(url("reports:delete_paper", draft)).content.decode()

    response = client.post(url("reports:delete_paper", draft))

    assert response["Location"] == papers_url(personas.plan)
    assert not Paper.objects.exists()


# --- issuing through the task queue ----------------------------------------------------


@WORKER
def test_issuing_queues_one_task_the_worker_issues_it_and_downloads_stay_frozen(
    client, personas, draft
):
    lead = as_user(client, personas.improvement_lead)
    confirm = lead.get(url("reports:issue_paper", draft)).content.decode()
    assert "Issuing freezes the paper" in confirm

    # Pressed twice: one task. The request renders nothing.
    first = lead.post(url("reports:issue_paper", draft))
    second = lead.post(url("reports:issue_paper", draft))
    assert first["Location"] == second["Location"] == url("reports:paper", draft)
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "actionplan.reports.tasks.issue_paper"
    paper = Paper.objects.get(pk=draft.pk)
    assert not paper.issued and paper.being_issued and paper.pdf is None
    assert paper.issue_task_id == str(queued.pk)

    page = lead.get(url("reports:paper", draft)).content.decode()
    assert "This paper is being issued" in page and "Being issued" in page
    assert "Edit draft" not in page and ">Issue<" not in page
    # Its PDF and Word files are the issuing task's to make: nothing else is queued.
    assert page.count("(ready when issued)") == 2
    pdf = lead.get(url("reports:paper_download", draft, "pdf"))
    assert pdf["Location"] == url("reports:paper", draft)
    assert DBTaskResult.objects.count() == 1 and not DraftRendering.objects.exists()
    # Being issued: not to be changed or deleted under the worker.
    lead.post(url("reports:delete_paper", draft))
    lead.post(url("reports:edit_paper", draft), form_data(asks="Too late"))
    assert Paper.objects.get(pk=draft.pk).options == draft.options

    run_worker()

    paper = Paper.objects.get(pk=draft.pk)
    assert paper.issued and paper.issued_by == personas.improvement_lead
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value["outcome"] == tasks.ISSUED

    # Every reader downloads exactly what was issued ...
    member = as_user(client, personas.member)
    issued = {f: member.get(url("reports:paper_download", paper, f)).content for f in FORMATS}
    assert issued == {f: bytes(getattr(paper, f)) for f in FORMATS}
    assert issued["pdf"].startswith(b"%PDF") and b"Draft</strong>" not in issued["html"]
    page = member.get(papers_url(personas.plan)).content.decode()
    assert "PDF<span" in page and "KB)" in page

    # ... after the plan moves on, even for the paper's own date.
    action = personas.action_of_neither()
    monitoring.record_update(
        action,
        user=personas.improvement_lead,
        status=statuses.OFF_TRACK,
        narrative="The audit was cancelled.",
        as_at=paper.as_at,
    )
    monitoring.override_rag(action, user=personas.improvement_lead, colour="red", reason="Late")
    again = {f: member.get(url("reports:paper_download", paper, f)).content for f in FORMATS}
    assert again == issued
    # A draft of the same paper now says something else.
    redraft = services.draft_paper(personas.plan, paper.body, paper.as_at)
    assert services.paper_file(redraft, "html").content != issued["html"]

    # The task run again (a retry, a second worker) issues nothing more.
    issued_at = paper.issued_at
    tasks.issue_paper.enqueue(paper.pk)
    run_worker()
    last = DBTaskResult.objects.order_by("enqueued_at").last()
    assert last.return_value["outcome"] == tasks.ALREADY_ISSUED
    paper.refresh_from_db()
    assert paper.issued_at == issued_at and bytes(paper.pdf) == issued["pdf"]


@WORKER
def test_a_worker_that_loses_the_race_issues_nothing_and_records_no_failure(
    personas, cyplt, draft, monkeypatch
):
    # Another worker (or the command line) issues the paper between this task's read and
    # its lock: the service refuses, and the task says it was already issued.
    tasks.request_issue(draft, personas.improvement_lead)
    real = services.issue_paper

    def beaten(paper, user=None):
        winner = issued_stand_in(personas.plan, cyplt)
        Paper.objects.filter(pk=paper.pk).update(
            **{
                f: getattr(winner, f)
                for f in ("status", "data", "issued_at", "html", "html_sha256")
            }
        )
        return real(paper, user)

    monkeypatch.setattr(services, "issue_paper", beaten)
    run_worker()

    result = DBTaskResult.objects.get(task_path="actionplan.reports.tasks.issue_paper")
    assert result.return_value == {"paper": draft.pk, "outcome": tasks.ALREADY_ISSUED}
    paper = Paper.objects.get(pk=draft.pk)
    assert paper.issued and paper.issue_error == ""


@WORKER
def test_a_failed_issue_is_shown_with_its_message_and_can_be_asked_again(
    client, personas, draft, monkeypatch
):
    def broken(*args, **kwargs):
        raise MemoryError("WeasyPrint ran out of memory on page 412")

    monkeypatch.setattr(services, "render_all", broken)
    lead = as_user(client, personas.improvement_lead)
    lead.post(url("reports:issue_paper", draft))
    run_worker()

    paper = Paper.objects.get(pk=draft.pk)
    assert not paper.issued and paper.issue_failed
    assert paper.issue_error == "MemoryError: WeasyPrint ran out of memory on page 412"
    assert DBTaskResult.objects.get().status == "FAILED"
    page = lead.get(url("reports:paper", draft)).content.decode()
    assert "The paper could not be issued" in page
    assert "WeasyPrint ran out of memory on page 412" in page and "Issue again" in page

    monkeypatch.undo()
    lead.post(url("reports:issue_paper", draft))
    paper.refresh_from_db()
    assert paper.being_issued and paper.issue_error == ""
    assert DBTaskResult.objects.count() == 2


@WORKER
def test_a_stalled_issue_may_be_asked_again_and_the_paper_is_still_issued_once(
    client, personas, draft
):
    lead = as_user(client, personas.improvement_lead)
    lead.post(url("reports:issue_paper", draft))
    # No worker came: the request is older than a worker takes.
    long_ago = timezone.now() - tasks.STALLED_AFTER - dt.timedelta(minutes=1)
    Paper.objects.filter(pk=draft.pk).update(issue_requested_at=long_ago)

    page = lead.get(url("reports:paper", draft)).content.decode()
    assert "This is taking longer than it should" in page and "Issue again" in page
    lead.post(url("reports:issue_paper", draft))
    assert DBTaskResult.objects.count() == 2

    # The first task was only slow after all: both run, the paper is issued once. (Issued,
    # it queues its notifications too: docs/notifications.md.)
    run_worker()
    issues = DBTaskResult.objects.filter(task_path="actionplan.reports.tasks.issue_paper")
    outcomes = sorted(r.return_value["outcome"] for r in issues)
    assert outcomes == [tasks.ALREADY_ISSUED, tasks.ISSUED]
    assert Paper.objects.get(pk=draft.pk).issued


# --- a draft's PDF and Word files, made in the background ------------------------------


@WORKER
def test_a_drafts_pdf_is_prepared_in_the_background_once_and_then_served(client, personas, draft):
    lead = as_user(client, personas.improvement_lead)
    download = url("reports:paper_download", draft, "pdf")

    # Asked for twice (a second click, a second tab): one task. The request renders nothing.
    first, second = lead.get(download), lead.get(download)
    assert first.status_code == second.status_code == 202
    text = first.content.decode()
    assert "Preparing the PDF: check again in a minute" in text
    assert f'href="{download}">Check again' in text
    assert "http-equiv" not in text and "<script>" not in text
    (queued,) = render_results()
    (rendering,) = DraftRendering.objects.all()
    assert (rendering.paper_id, rendering.format, rendering.content) == (draft.pk, "pdf", None)
    assert rendering.task_id == str(queued.pk)
    page = lead.get(url("reports:paper", draft)).content.decode()
    assert "(being prepared)" in page
    assert f'href="{download}">PDF draft' in page  # no download attribute: it may be a page

    run_worker()

    ready = lead.get(download)
    assert ready.status_code == 200 and ready.content.startswith(b"%PDF")
    assert ready["Content-Disposition"].endswith(f'-{draft.as_at.isoformat()}-draft.pdf"')
    rendering.refresh_from_db()
    assert (
        ready["X-Content-SHA256"] == rendering.sha256 == hashlib.sha256(ready.content).hexdigest()
    )
    assert render_results().count() == 1  # served, not asked for again
    assert outcomes(render_results()) == [tasks.RENDERED]
    page = lead.get(url("reports:paper", draft)).content.decode()
    assert "(being prepared)" not in page and "KB)" in page

    # Issued, the paper serves its frozen files: the draft's renderings go.
    services.issue_paper(Paper.objects.get(pk=draft.pk), personas.improvement_lead)
    assert not DraftRendering.objects.exists()


@WORKER
def test_a_task_that_finds_its_rendering_done_does_nothing(client, personas, draft):
    rendering, queued = tasks.request_rendering(draft, "docx")
    again, queued_again = tasks.request_rendering(draft, "docx")
    assert queued and not queued_again and again.pk == rendering.pk
    tasks.render_draft.enqueue(rendering.pk)  # a retry, or a second worker
    run_worker()

    assert outcomes(render_results()) == [tasks.ALREADY_RENDERED, tasks.RENDERED]
    rendering.refresh_from_db()
    made, content = rendering.created, bytes(rendering.content)
    tasks.render_draft.enqueue(rendering.pk)
    run_worker()
    rendering.refresh_from_db()
    assert (rendering.created, bytes(rendering.content)) == (made, content)
    assert DraftRendering.objects.count() == 1


@WORKER
def test_a_rendering_is_never_served_once_the_plan_or_the_draft_changes(client, personas, draft):
    lead = as_user(client, personas.improvement_lead)
    download = url("reports:paper_download", draft, "docx")
    lead.get(download)
    run_worker()
    before = lead.get(download)
    assert before.status_code == 200

    # The plan changes: the next download asks for a new file, never the old bytes.
    action = personas.action_of_neither()
    monitoring.override_rag(action, user=personas.improvement_lead, colour="red", reason="Late")
    stale = lead.get(download)
    assert stale.status_code == 202 and stale.content != before.content
    assert "Preparing the Word file" in stale.content.decode()
    assert render_results().count() == 2
    run_worker()
    after = lead.get(download)
    assert after.status_code == 200
    assert after["X-Content-SHA256"] != before["X-Content-SHA256"]
    # Only the current file is kept.
    assert list(DraftRendering.objects.values_list("sha256", flat=True)) == [
        after["X-Content-SHA256"]
    ]

    # The draft is edited: the same.
    lead.post(url("reports:edit_paper", draft), form_data(asks="Agree the next steps"))
    assert lead.get(download).status_code == 202
    assert render_results().count() == 3


@WORKER
def test_a_rendering_asked_for_before_a_change_is_dropped_not_made(client, personas, draft):
    lead = as_user(client, personas.improvement_lead)
    download = url("reports:paper_download", draft, "docx")
    lead.get(download)
    # The plan changes before the worker gets to it: its file would be stale.
    monitoring.override_rag(
        personas.action_of_neither(), user=personas.improvement_lead, colour="red", reason="Late"
    )
    run_worker()

    assert outcomes(render_results()) == [tasks.STALE]
    assert not DraftRendering.objects.exists()
    assert lead.get(download).status_code == 202  # asked for again, as it is now
    run_worker()
    assert lead.get(download).status_code == 200


@WORKER
def test_a_failed_rendering_says_why_and_may_be_tried_again(client, personas, draft, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError("WeasyPrint ran out of memory on page 412")

    monkeypatch.setattr(services, "render", broken)
    lead = as_user(client, personas.improvement_lead)
    download = url("reports:paper_download", draft, "pdf")
    lead.get(download)
    run_worker()

    failed = lead.get(download)
    text = failed.content.decode()
    assert failed.status_code == 200 and "The PDF could not be made" in text
    assert "MemoryError: WeasyPrint ran out of memory on page 412" in text
    assert "Try again" in text and render_results().count() == 1  # not asked again by itself
    assert "(could not be made)" in lead.get(url("reports:paper", draft)).content.decode()

    monkeypatch.undo()
    assert lead.post(download)["Location"] == download
    assert render_results().count() == 2
    assert "Preparing the PDF" in lead.get(download).content.decode()


@WORKER
def test_a_rendering_the_draft_itself_refuses_fails_with_the_drafts_message(
    client, personas, draft, monkeypatch
):
    def refused(*args, **kwargs):
        raise services.PaperError("the template council.docx has no Heading 1 style")

    monkeypatch.setattr(services, "render", refused)
    lead = as_user(client, personas.improvement_lead)
    download = url("reports:paper_download", draft, "docx")
    lead.get(download)
    run_worker()

    (result,) = render_results()
    assert result.status == "SUCCESSFUL" and result.return_value["outcome"] == tasks.FAILED
    text = lead.get(download).content.decode()
    assert "<title>The Word file could not be made: CYPLT paper" in text
    assert "has no Heading 1 style" in text


@WORKER
def test_a_stalled_rendering_is_asked_for_again(client, personas, draft):
    lead = as_user(client, personas.improvement_lead)
    download = url("reports:paper_download", draft, "docx")
    lead.get(download)
    long_ago = timezone.now() - tasks.STALLED_AFTER - dt.timedelta(minutes=1)
    DraftRendering.objects.update(requested_at=long_ago)

    assert lead.get(download).status_code == 202
    assert render_results().count() == 2
    run_worker()  # the first was only slow: both run, one renders
    assert outcomes(render_results()) == [tasks.ALREADY_RENDERED, tasks.RENDERED]
    assert lead.get(download).status_code == 200


def test_the_improvement_lead_sets_the_committee_report_details_on_the_draft(
    client, personas, draft, today
):
    lead = as_user(client, personas.improvement_lead)
    edit = lead.get(url("reports:edit_paper", draft)).content.decode()
    assert "Open or exempt" in edit and "Financial implications (optional)" in edit

    response = lead.post(
        url("reports:edit_paper", draft),
        form_data(
            day=today,
            report_of="Corporate Director, Children and Young People's Service",
            agenda_item="7",
            exempt_paragraph="3",
            wards="Selby; Tadcaster",
            key_decision="yes",
            implications_financial="Met from the improvement budget of £50,000.",
            background_papers="Ofsted report, January 2013\n\nCYPLT minutes",
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    c = services.paper_data(draft).conventions
    assert (c.report_of, c.agenda_item, c.exempt_paragraph, c.wards, c.key_decision) == (
        "Corporate Director, Children and Young People's Service",
        "7",
        3,
        "Selby; Tadcaster",
        True,
    )
    assert c.background_papers == ("Ofsted report, January 2013", "CYPLT minutes")
    implications = dict((i.heading, i.text) for i in c.implications)
    assert implications["Financial"] == "Met from the improvement budget of £50,000."
    assert implications["Legal"] == "None"  # never left blank
    assert c.report_date is None  # a draft is dated when it is issued
    preview = lead.get(url("reports:paper_preview", draft)).content.decode()
    assert "paragraph 3 of Part 1 of Schedule 12A" in preview
    assert "The day it is issued" in preview
    # The form shows what was given, to edit again.
    edit = lead.get(url("reports:edit_paper", draft)).content.decode()
    assert "Selby; Tadcaster" in edit and "improvement budget" in edit

    issued = services.issue_paper(draft, personas.improvement_lead)
    assert services.paper_data(issued).conventions.report_date == timezone.localdate()


def test_the_improvement_lead_records_what_the_body_resolved_on_an_issued_paper(
    client, personas, cyplt
):
    from actionplan.monitoring.models import Challenge
    from actionplan.plans.models import Action, ReportingRequirement
    from actionplan.reports.models import Resolution
    from support.walks.reports import issued_stand_in

    issued = issued_stand_in(personas.plan, cyplt, user=personas.improvement_lead)
    page = url("reports:paper_decisions", issued)
    action = Action.objects.filter(recommendation__plan=personas.plan).first()
    lead = as_user(client, personas.improvement_lead)
    assert "Record a resolution" in lead.get(page).content.decode()

    bad = lead.post(page, {"kind": "question", "text": "Why late?"})
    assert "Choose the action it is about" in bad.content.decode()
    assert not Resolution.objects.exists()

    asked = lead.post(page, {"kind": "question", "text": "Why late?", "action": str(action.pk)})
    further = lead.post(
        page,
        {
            "kind": "further-report",
            "text": "A report on the audit",
            "action": str(action.pk),
            "due_day": "1",
            "due_month": "1",
            "due_year": str(timezone.localdate().year + 1),
        },
    )

    assert asked.status_code == further.status_code == 302
    assert Challenge.objects.get(action=action).question.startswith("Why late?")
    assert ReportingRequirement.objects.filter(
        action=action, body=cyplt, text__contains="Further report to CYPLT"
    )
    shown = lead.get(page).content.decode()
    assert "Why late?: a question on action" in shown and "a further report on action" in shown
    # Everyone who can see the plan reads them; only the improvement lead records them.
    member = as_user(client, personas.member)
    assert "Why late?" in member.get(page).content.decode()
    assert "Record a resolution" not in member.get(page).content.decode()
    assert member.post(page, {"kind": "noted", "text": "Noted"}).status_code == 403
    assert Resolution.objects.count() == 2
