"""Draft, issue, freeze: an issued paper is stored with its data and files and downloads
byte for byte as issued, whatever happens to the plan after."""

import datetime as dt
import hashlib

import pytest
from paper_support import docx_text, html_text, small_plan

from actionplan.monitoring import services as monitoring
from actionplan.monitoring import statuses
from actionplan.plans.models import Action, Body
from actionplan.reports import services
from actionplan.reports.data import from_json
from actionplan.reports.models import FrozenPaperError, Paper
from support.monitoring import at

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 15)
FORMATS = ("html", "pdf", "docx")


@pytest.fixture
def plan():
    return small_plan()


@pytest.fixture
def smt(plan):
    return Body.objects.get(organisation=plan.organisation, abbreviation="SMT")


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_user("stephanie", first_name="Stephanie")


def first_action(plan) -> Action:
    return Action.objects.get(recommendation__plan=plan, ref="1")


def report(plan, lead, status, narrative, when):
    action = first_action(plan)
    monitoring.record_update(
        action, user=lead, status=status, narrative=narrative, as_at=when.date(), at=when
    )


def test_an_issued_paper_downloads_byte_for_byte_after_the_plan_moves_on(plan, smt, lead):
    report(plan, lead, statuses.ON_TRACK, "Audit booked with the team managers.", at(2013, 3, 1))
    paper = services.issue_paper(services.draft_paper(plan, smt, MARCH, user=lead), lead)
    issued = {fmt: services.paper_file(paper, fmt).content for fmt in FORMATS}

    # The plan moves on, even for dates before the paper's: a late update, a RAG
    # override, the action's text edited.
    report(plan, lead, statuses.OFF_TRACK, "The audit was cancelled.", at(2013, 3, 12))
    action = first_action(plan)
    monitoring.override_rag(
        action, user=lead, colour="red", reason="No auditors", at=at(2013, 3, 13)
    )
    monitoring.edit_action(
        action.pk, {"text": "Audit every case file"}, action.version, lead, at=at(2013, 3, 14)
    )

    again = Paper.objects.get(pk=paper.pk)
    for fmt in FORMATS:
        file = services.paper_file(again, fmt)
        assert file.content == issued[fmt]
        assert (
            file.sha256
            == hashlib.sha256(issued[fmt]).hexdigest()
            == getattr(again, f"{fmt}_sha256")
        )
    text = docx_text(issued["docx"])
    assert "Audit booked with the team managers." in text
    assert "The audit was cancelled." not in text and "Audit every case file" not in text
    fresh = docx_text(services.paper_file(services.draft_paper(plan, smt, MARCH), "docx").content)
    assert "The audit was cancelled." in fresh and "Audit every case file" in fresh


def test_an_issued_paper_keeps_the_data_it_was_built_from(plan, smt, lead):
    paper = services.issue_paper(services.draft_paper(plan, smt, MARCH), lead)
    report(plan, lead, statuses.AT_RISK, "Two auditors off sick.", at(2013, 3, 10))

    data = services.paper_data(Paper.objects.get(pk=paper.pk))

    assert data == from_json(paper.data)
    assert [i.latest for i in data.items] == [None, None, None]
    assert paper.issued_by == lead and paper.issued_at is not None


def test_an_issued_paper_cannot_be_edited_issued_again_or_deleted(plan, smt, lead):
    paper = services.issue_paper(services.draft_paper(plan, smt, MARCH), lead)

    with pytest.raises(services.PaperError, match="cannot be issued again: draft a new paper"):
        services.issue_paper(paper, lead)
    with pytest.raises(services.PaperError, match="cannot be edited"):
        services.edit_draft(paper, as_at=dt.date(2013, 3, 20))
    paper.as_at = dt.date(2013, 3, 20)
    with pytest.raises(FrozenPaperError):
        paper.save()
    with pytest.raises(FrozenPaperError):
        paper.delete()
    assert Paper.objects.get(pk=paper.pk).as_at == MARCH


def test_a_draft_is_rebuilt_from_the_live_plan_each_time_it_is_read(plan, smt, lead):
    draft = services.draft_paper(plan, smt, MARCH, user=lead)
    before = html_text(services.paper_file(draft, "html").content)

    report(plan, lead, statuses.AT_RISK, "Two auditors off sick.", at(2013, 3, 10))
    after = html_text(services.paper_file(draft, "html").content)

    assert "Two auditors off sick." not in before and "Two auditors off sick." in after
    assert "Draft : built from the live plan" in after
    assert services.paper_file(draft, "pdf").filename == "smt-paper-2013-03-15-draft.pdf"
    assert Paper.objects.get(pk=draft.pk).data is None


def test_a_draft_can_be_edited_before_it_is_issued(plan, smt, lead):
    draft = services.draft_paper(plan, smt, MARCH, asks=("agree the audit plan.",))

    services.edit_draft(draft, as_at=dt.date(2013, 4, 15))

    data = services.paper_data(draft)
    assert data.as_at == dt.date(2013, 4, 15) and data.period_end == dt.date(2013, 4, 30)
    assert data.sections[1].paragraphs[0].bullets == ("agree the audit plan.",)


def test_a_later_paper_says_what_changed_since_the_previous_issued_one(plan, smt, lead):
    february = services.issue_paper(services.draft_paper(plan, smt, dt.date(2013, 2, 15)), lead)
    report(plan, lead, statuses.OFF_TRACK, "The audit was cancelled.", at(2013, 3, 1))

    data = services.paper_data(services.draft_paper(plan, smt, MARCH))

    assert data.previous.paper_id == february.pk
    # Action 1 reported off track; the others' February milestone has passed since.
    assert [(c.ref, c.before, c.after) for c in data.changes] == [
        ("1.0 / 1", "Not started", "Off track"),
        ("1.0 / 2", "Not started", "At risk"),
        ("1.0 / 3", "Not started", "At risk"),
    ]
    since = [p for p in data.sections[3].paragraphs if p.text.startswith("Since the previous")]
    assert since[0].bullets[0] == "1.0 / 1: Not started → Off track"
