"""Reopening: the improvement lead reopens an action signed off by mistake, with a reason;
it goes back to the working status it had before its completion was proposed."""

import pytest

from actionplan.monitoring import services
from actionplan.monitoring.history import action_history
from actionplan.monitoring.services import InvalidTransition, MonitoringError
from support.monitoring import at

pytestmark = pytest.mark.django_db


def step(service, action, user, when, **kwargs):
    action.refresh_from_db()
    return service(action, user=user, expected_version=action.version, at=when, **kwargs)


def signed_off(action, people):
    step(services.propose_completion, action, people.officer, at(2013, 3, 1), impact="Done")
    step(services.accept_completion, action, people.lead, at(2013, 3, 5))


def test_a_reopened_action_goes_back_to_its_status_before_the_proposal(action, people):
    services.record_update(
        action,
        user=people.officer,
        status="at_risk",
        narrative="Behind",
        percent_complete=60,
        at=at(2013, 2, 1),
    )
    signed_off(action, people)

    reopened = step(
        services.reopen_action, action, people.lead, at(2013, 3, 8), reason="Signed off in error"
    )

    assert (reopened.status, reopened.percent_complete) == ("at_risk", 60)
    assert (reopened.source, reopened.text, reopened.author) == (
        "reopen",
        "Signed off in error",
        people.lead,
    )
    assert services.current_status(action) == "at_risk"
    last = action_history(action)[-1]
    assert (last.what, last.who, last.text) == ("Reopened", "Stephanie Bratcher", reopened.text)


def test_an_action_with_no_working_status_before_is_reopened_on_track(action, people):
    signed_off(action, people)

    reopened = step(services.reopen_action, action, people.lead, at(2013, 3, 8), reason="Undone")

    assert (reopened.status, reopened.percent_complete) == ("on_track", None)


def test_reopening_needs_a_reason_and_a_complete_action(action, people):
    with pytest.raises(InvalidTransition, match="this action has no update yet"):
        step(services.reopen_action, action, people.lead, at(2013, 3, 8), reason="x")
    signed_off(action, people)
    with pytest.raises(MonitoringError, match="Say why the action is reopened") as e:
        step(services.reopen_action, action, people.lead, at(2013, 3, 8), reason="  ")
    assert e.value.field == "reason"
    assert services.current_status(action) == "complete"
