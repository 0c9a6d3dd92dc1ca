"""An action's history: every change to it and what hangs off it, and every record about
it, in one dated list; exportable as CSV."""

import csv
import io

import pytest

from actionplan.monitoring import history, services
from support.monitoring import D, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(action, people):
    """A few months in the life of an action."""
    milestone = action.milestones.get()
    services.record_update(
        action,
        user=people.officer,
        status="at_risk",
        narrative="Auditors short",
        percent_complete=20,
        at=at(2013, 1, 7),
    )
    services.edit_action(
        action.pk,
        {
            "text": "Audit 40 case files",
            "leads": [],
            "milestones": [{"id": milestone.pk, "text": milestone.text, "due": D(2013, 3, 31)}],
        },
        action.version,
        people.lead,
        at=at(2013, 1, 10),
    )
    services.override_rag(
        action, user=people.lead, colour="red", reason="Escalated to DCS", at=at(2013, 1, 11)
    )
    question = services.ask(action, user=people.member, question="Who audits?", at=at(2013, 1, 12))
    services.answer(question, user=people.officer, text="Two practice managers", at=at(2013, 1, 14))
    action.refresh_from_db()
    services.propose_completion(
        action,
        user=people.officer,
        expected_version=action.version,
        impact="38 of 40 files",
        at=at(2013, 3, 1),
    )
    action.refresh_from_db()
    services.accept_completion(
        action, user=people.lead, expected_version=action.version, at=at(2013, 3, 5)
    )
    return action


def test_the_history_merges_every_kind_of_change_in_date_order(story):
    entries = history.action_history(story)

    assert [e.what for e in entries] == [
        "Action created",
        "Milestone added",
        "Reporting line added",
        "Lead added",
        "Partner added",
        "Progress update",
        "Action changed",  # the three parts of one edit, at one moment
        "Milestone changed",
        "Lead removed",
        "RAG overridden",
        "Question asked",
        "Question answered",
        "Completion proposed",
        "Completion signed off",
    ]
    assert entries == sorted(entries, key=lambda e: e.at)


def test_a_change_says_who_made_it_what_changed_and_why(story):
    changed = next(e for e in history.action_history(story) if e.what == "Action changed")
    milestone = next(e for e in history.action_history(story) if e.what == "Milestone changed")

    assert (changed.who, changed.reason) == ("Stephanie Bratcher", "edited")
    assert [(c.field, c.before, c.after) for c in changed.changes] == [
        ("Action", "Action 1", "Audit 40 case files")
    ]
    assert [(c.field, c.before, c.after) for c in milestone.changes] == [
        ("Due", "28 February 2013", "31 March 2013")
    ]
    assert milestone.subject == "Audit – February 2013"


def test_the_import_is_in_the_history_as_the_plan_arrived(story):
    created = history.action_history(story)[0]

    assert (created.reason, created.who) == ("import", "")
    assert ("Action", "", "Action 1") in [(c.field, c.before, c.after) for c in created.changes]
    assert created.at.date() == at(2012, 12, 3).date()
    assert "Retired" not in [c.field for c in created.changes]


def test_updates_and_decisions_carry_their_author_status_and_words(story):
    entries = {e.what: e for e in history.action_history(story)}

    update = entries["Progress update"]
    assert (update.who, update.text) == ("Judith Hay", "Auditors short")
    assert [(c.field, c.after) for c in update.changes][:2] == [
        ("Status", "At risk"),
        ("Percent complete", "20%"),
    ]
    assert entries["Completion signed off"].who == "Stephanie Bratcher"
    assert (entries["RAG overridden"].text, entries["Question answered"].subject) == (
        "Escalated to DCS",
        "Who audits?",
    )


def test_the_history_can_stop_at_a_date(story):
    entries = history.action_history(story, until=at(2013, 1, 12))

    assert entries[-1].what == "RAG overridden"


def test_the_history_exports_as_csv_one_row_per_changed_field(story):
    out = io.StringIO()

    history.write_csv(history.action_history(story), out)

    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == history.HEADERS
    changed = [r for r in rows if r[2] == "Action changed"]
    assert changed == [
        [
            "2013-01-10 10:00",
            "Stephanie Bratcher",
            "Action changed",
            "",
            "Action",
            "Action 1",
            "Audit 40 case files",
            "",
            "edited",
        ]
    ]
    assert any(r[2] == "Question asked" and r[7] == "Who audits?" for r in rows)


def test_csv_cells_that_a_spreadsheet_would_run_stay_text(action, people):
    services.record_update(
        action,
        user=people.officer,
        status="on_track",
        narrative='=HYPERLINK("x")',
        at=at(2013, 1, 7),
    )
    out = io.StringIO()

    history.write_csv(history.action_history(action), out)

    assert "'=HYPERLINK" in out.getvalue()


def test_a_recommendations_history_has_its_owners_and_questions(plan, people):
    rec = plan.recommendations.get()
    services.ask(
        rec, user=people.member, question="Is this working for children?", at=at(2013, 2, 1)
    )

    entries = history.recommendation_history(rec)

    assert [e.what for e in entries] == [
        "Recommendation added",
        "Overall responsibility added",
        "Question asked",
    ]
    assert entries[1].subject == "Judith Hay"
