"""Completion: the lead officer proposes with evidence of impact; the improvement lead
accepts (complete, blue) or returns it with a reason (back to the status it had)."""

import pytest

from actionplan.monitoring import services
from actionplan.monitoring.services import InvalidTransition, Link, MonitoringError, StaleEdit
from actionplan.monitoring.snapshot import plan_as_at
from support.monitoring import D, at

pytestmark = pytest.mark.django_db


def propose(action, people, **kwargs):
    action.refresh_from_db()
    values = {
        "user": people.officer,
        "expected_version": action.version,
        "impact": "Audit of 40 files: children's views recorded in 38",
        "at": at(2013, 3, 1),
    } | kwargs
    return services.propose_completion(action, **values)


def decide(step, action, people, **kwargs):
    action.refresh_from_db()
    return step(
        action, user=people.lead, expected_version=action.version, at=at(2013, 3, 5), **kwargs
    )


def test_proposing_completion_leaves_the_action_awaiting_sign_off(action, people):
    proposal = propose(action, people, links=[Link("https://example.org/audit", "Audit")])

    assert proposal.status == "completed_awaiting_sign_off"
    assert (proposal.source, proposal.percent_complete) == ("proposal", 100)
    assert proposal.evidence.get().url == "https://example.org/audit"
    assert services.current_status(action) == "completed_awaiting_sign_off"


def test_a_proposal_needs_evidence_of_impact(action, people):
    with pytest.raises(MonitoringError) as refused:
        propose(action, people, impact="")

    assert refused.value.field == "impact"


def test_accepting_makes_the_action_complete_and_blue(action, people):
    propose(action, people)

    decision = decide(services.accept_completion, action, people, note="Good evidence")

    assert (decision.status, decision.source, decision.author) == (
        "complete",
        "sign_off",
        people.lead,
    )
    assert decision.text == "Good evidence"
    rated = plan_as_at(action.recommendation.plan, D(2013, 3, 5)).action(action.pk)
    assert (rated.rating.colour, rated.signed_off) == ("blue", True)


def test_returning_records_the_reason_and_restores_the_status_before(action, people):
    services.record_update(
        action, user=people.officer, status="at_risk", narrative="Late", at=at(2013, 2, 1)
    )
    propose(action, people)

    returned = decide(
        services.return_completion, action, people, reason="No evidence from children"
    )

    assert (returned.status, returned.source) == ("at_risk", "return")
    assert returned.text == "No evidence from children"
    assert services.current_status(action) == "at_risk"


def test_returning_an_action_that_had_no_working_status_puts_it_on_track(action, people):
    propose(action, people)

    assert decide(services.return_completion, action, people, reason="Not yet").status == "on_track"


def test_a_return_needs_a_reason(action, people):
    propose(action, people)

    with pytest.raises(MonitoringError) as refused:
        decide(services.return_completion, action, people, reason=" ")
    assert refused.value.field == "reason"


def test_nothing_can_be_signed_off_or_returned_unless_it_was_proposed(action, people):
    with pytest.raises(InvalidTransition, match="awaiting sign-off can be signed off"):
        decide(services.accept_completion, action, people)
    with pytest.raises(InvalidTransition, match="awaiting sign-off can be returned"):
        decide(services.return_completion, action, people, reason="x")


def test_an_action_awaiting_sign_off_takes_no_update_and_no_second_proposal(action, people):
    propose(action, people)

    with pytest.raises(InvalidTransition, match="awaits sign-off"):
        services.record_update(
            action, user=people.officer, status="on_track", narrative="x", at=at(2013, 3, 2)
        )
    with pytest.raises(InvalidTransition, match="already completed – awaiting sign-off"):
        propose(action, people, at=at(2013, 3, 2))


def test_a_signed_off_action_takes_no_update_until_the_improvement_lead_reopens_it(action, people):
    propose(action, people)
    decide(services.accept_completion, action, people)

    with pytest.raises(InvalidTransition, match="complete and signed off"):
        services.record_update(
            action, user=people.officer, status="on_track", narrative="x", at=at(2013, 3, 6)
        )
    reopened = decide(
        services.reopen_action, action, people, reason="Signed off in error", status="at_risk"
    )

    assert (reopened.status, reopened.source) == ("at_risk", "reopen")
    services.record_update(
        action, user=people.officer, status="on_track", narrative="Back on track", at=at(2013, 3, 6)
    )


def test_a_decision_on_a_version_someone_has_since_changed_is_refused(action, people):
    propose(action, people)
    action.refresh_from_db()
    seen = action.version
    services.edit_action(action.pk, {"text": "Reworded"}, seen, people.other, at=at(2013, 3, 4))

    with pytest.raises(StaleEdit) as stale:
        services.accept_completion(
            action, user=people.lead, expected_version=seen, at=at(2013, 3, 5)
        )

    assert stale.value.current["text"] == "Reworded"
    assert services.current_status(action) == "completed_awaiting_sign_off"


def test_a_proposal_on_a_stale_version_is_refused_and_records_nothing(action, people):
    with pytest.raises(StaleEdit):
        propose(action, people, expected_version=action.version + 5)

    assert not action.progress.exists()
