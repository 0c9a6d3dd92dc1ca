"""The audit rules of the access policy: auditors and moderators are assigned per audit."""

from __future__ import annotations

import pytest

from actionplan.accounts import access
from support.audits import audit_world, make_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return audit_world(personas)


def test_an_auditor_audits_only_the_audits_that_name_them(personas, world):
    audit, case, *_ = world
    other = make_audit(personas.plan, tool=audit.tool, title="Another audit")
    officer = personas.lead_officer
    assert access.can(officer, access.CONDUCT_AUDIT, audit)
    assert access.can(officer, access.CONDUCT_AUDIT, case)
    assert not access.can(officer, access.CONDUCT_AUDIT, other)
    assert not access.can(officer, access.MODERATE_AUDIT, case)
    assert access.can(officer, access.VIEW_CASE_AUDITS, case)
    assert not access.can(officer, access.VIEW_CASE_AUDITS, other)


def test_a_moderator_moderates_and_reads_but_does_not_audit(personas, world):
    audit, case, *_ = world
    partner = personas.partner
    assert access.can(partner, access.MODERATE_AUDIT, case)
    assert access.can(partner, access.VIEW_CASE_AUDITS, case)
    assert not access.can(partner, access.CONDUCT_AUDIT, audit)


def test_members_and_inspectors(personas, world):
    audit, case, _, question = world
    assert not access.can(personas.member, access.VIEW_CASE_AUDITS, case)
    assert access.can(personas.member, access.RAISE_CHALLENGE, audit)
    assert access.can(personas.inspector, access.VIEW_CASE_AUDITS, case)
    assert not access.can(personas.inspector, access.MODERATE_AUDIT, case)
    assert access.can(personas.lead_officer, access.ANSWER_CHALLENGE, question)
    assert not access.can(personas.partner, access.ANSWER_CHALLENGE, question)


def test_the_assignment_rule_leaves_actions_to_their_own_rule(personas):
    led, other = personas.led_action(), personas.action_of_neither()
    assert access.can(personas.lead_officer, access.ANSWER_CHALLENGE, led)
    assert not access.can(personas.lead_officer, access.ANSWER_CHALLENGE, other)


def test_only_the_improvement_lead_sees_flagged_quotes_and_keeps_the_voice(personas):
    plan = personas.plan
    for persona, allowed in personas.all().items():
        if persona == "outsider":
            continue
        assert access.can(allowed, access.VIEW_FLAGGED_QUOTES, plan) == (
            persona == "improvement_lead"
        )
        assert access.can(allowed, access.MANAGE_VOICE, plan) == (persona == "improvement_lead")
