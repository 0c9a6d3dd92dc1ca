"""Two people editing one action: the second save is refused, with the action as it is
now and who saved it; nothing is lost and nothing half-saved."""

import pytest

from actionplan.monitoring import services
from actionplan.monitoring.services import MonitoringError, StaleEdit
from actionplan.plans.models import ActionParty, Party
from support.monitoring import D, at

pytestmark = pytest.mark.django_db


def test_the_second_of_two_sessions_saving_the_same_version_is_refused(action, people):
    alice_sees = bob_sees = action.version  # both open the edit page

    saved = services.edit_action(
        action.pk, {"text": "Alice's wording"}, alice_sees, people.officer, at=at(2013, 2, 1, 9)
    )
    with pytest.raises(StaleEdit) as stale:
        services.edit_action(
            action.pk, {"text": "Bob's wording"}, bob_sees, people.other, at=at(2013, 2, 1, 10)
        )

    assert saved.version == alice_sees + 1
    assert stale.value.current["text"] == "Alice's wording"
    assert stale.value.current["version"] == alice_sees + 1
    assert stale.value.saved_by == people.officer
    assert "Judith Hay saved a change to this action at 09:00 on 1 February 2013" in str(
        stale.value
    )
    action.refresh_from_db()
    assert (action.text, action.version) == ("Alice's wording", alice_sees + 1)


def test_after_a_refusal_the_user_saves_again_on_the_current_version(action, people):
    services.edit_action(action.pk, {"text": "Alice's wording"}, action.version, people.officer)
    with pytest.raises(StaleEdit) as stale:
        services.edit_action(action.pk, {"text": "Bob's wording"}, action.version, people.other)

    services.edit_action(
        action.pk, {"text": "Bob's wording"}, stale.value.current["version"], people.other
    )

    action.refresh_from_db()
    assert action.text == "Bob's wording"


def test_a_refused_edit_saves_none_of_its_changes(action, people):
    services.edit_action(action.pk, {"resources": "Two auditors"}, action.version, people.officer)
    stale_version = action.version  # the version Bob saw, now old
    action.refresh_from_db()
    before = services.editable_state(action)

    with pytest.raises(StaleEdit):
        services.edit_action(
            action.pk,
            {"text": "New", "milestones": [], "leads": []},
            stale_version,
            people.other,
        )

    action.refresh_from_db()
    assert services.editable_state(action) == before


def test_an_edit_changes_text_resources_end_date_leads_partners_and_milestones(
    action, people, judith
):
    julie = Party.objects.create(
        organisation=judith.organisation, kind="person", name="Julie Firth"
    )
    milestone = action.milestones.get()

    services.edit_action(
        action.pk,
        {
            "text": "Audit case files",
            "resources": "Two auditors",
            "due": D(2013, 7, 31),
            "leads": [julie.pk, judith.pk],
            "partners": [],
            "milestones": [
                {
                    "id": milestone.pk,
                    "text": milestone.text,
                    "due": D(2013, 3, 31),
                    "done_on": None,
                },
                {"text": "Report to SMT", "due": D(2013, 4, 30)},
            ],
        },
        action.version,
        people.lead,
    )

    action.refresh_from_db()
    state = services.editable_state(action)
    assert (state["text"], state["resources"], state["due"]) == (
        "Audit case files",
        "Two auditors",
        D(2013, 7, 31),
    )
    assert (state["leads"], state["partners"]) == ([julie.pk, judith.pk], [])
    assert [(m["text"], m["due"]) for m in state["milestones"]] == [
        ("Audit – February 2013", D(2013, 3, 31)),
        ("Report to SMT", D(2013, 4, 30)),
    ]


def test_an_edit_is_recorded_in_the_history_with_who_and_why(action, people):
    services.edit_action(
        action.pk, {"text": "Audit case files", "leads": []}, action.version, people.lead
    )

    version = action.history.first()
    assert (version.text, version.history_user, version.history_change_reason) == (
        "Audit case files",
        people.lead,
        "edited",
    )
    removed = ActionParty.history.filter(action_id=action.pk, history_type="-").get()
    assert removed.history_user == people.lead


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "9"}, "cannot be edited here: key"),
        ({"text": ""}, "Enter the action"),
        ({"leads": [999999]}, "this plan's council"),
        ({"milestones": [{"id": 999999, "text": "x"}]}, "not one of this action's"),
        ({"due": "next week"}, "real date"),
    ],
)
def test_an_edit_that_makes_no_sense_is_refused_and_the_version_kept(
    action, people, changes, message
):
    with pytest.raises(MonitoringError, match=message):
        services.edit_action(action.pk, changes, action.version, people.lead)

    version = action.version
    action.refresh_from_db()
    assert action.version == version


def test_milestone_changes_are_in_the_history_with_who_and_why(action, people):
    milestone = action.milestones.get()
    reason = "The audit moved to March"

    services.edit_action(
        action.pk,
        {"milestones": [{"text": "Report to SMT", "due": D(2013, 4, 30)}]},
        action.version,
        people.lead,
        reason=reason,
    )

    removed = milestone.history.filter(history_type="-").get()
    added = action.milestones.get().history.get()
    for version in (removed, added):
        assert (version.history_user, version.history_change_reason) == (people.lead, reason)
