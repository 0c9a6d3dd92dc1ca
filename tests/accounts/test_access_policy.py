"""The access policy, persona by persona: what each role may do, and to what."""

from __future__ import annotations

import pytest

from actionplan.accounts import access
from actionplan.accounts.models import Role
from actionplan.plans.models import Action, Recommendation

ALL = access.ALL_PERMISSIONS

# What each persona may do in the seed plan itself (plan-level answers).
EXPECTED_ON_PLAN = {
    "improvement_lead": ALL,
    "lead_officer": {
        "view_plan",
        "view_history",
        "update_action",
        "propose_completion",
        "answer_challenge",
        "record_indicator_value",
        # Audits: on the plan, whether they may do it at all; per audit, if assigned to it.
        "conduct_audit",
        "moderate_audit",
        "view_case_audits",
    },
    "partner": {
        "view_plan",
        "update_action",
        "conduct_audit",
        "moderate_audit",
        "view_case_audits",
    },
    "member": {"view_plan", "raise_challenge"},
    "inspector": {
        "view_plan",
        "view_history",
        "export_history",
        "view_reminders",
        "view_case_audits",
    },
    "outsider": set(),
}


def test_every_role_has_a_row_in_the_table():
    assert set(access.PERMISSIONS) == set(Role)


def test_every_permission_in_the_table_is_a_known_one():
    for perms in access.PERMISSIONS.values():
        assert perms <= ALL


@pytest.mark.parametrize("persona", EXPECTED_ON_PLAN)
def test_each_persona_holds_exactly_its_permissions_on_the_plan(personas, persona):
    user = personas.all()[persona]
    held = {p for p in ALL if access.can(user, p, personas.plan)}
    assert held == EXPECTED_ON_PLAN[persona]


def test_a_lead_officer_updates_the_actions_they_lead_and_no_other(personas):
    officer = personas.lead_officer
    assert access.can(officer, "update_action", personas.led_action())
    assert access.can(officer, "propose_completion", personas.led_action())
    assert not access.can(officer, "update_action", personas.action_of_neither())
    assert not access.can(officer, "sign_off", personas.led_action())


def test_a_partner_updates_the_actions_where_their_party_is_a_partner_and_no_other(personas):
    partner = personas.partner
    assert access.can(partner, "update_action", personas.partnered_action())
    assert not access.can(partner, "update_action", personas.action_of_neither())
    assert not access.can(partner, "propose_completion", personas.partnered_action())


def test_a_partner_who_only_leads_an_action_does_not_update_it_as_a_partner(personas):
    led_not_partnered = (
        Action.objects.filter(recommendation__plan=personas.plan)
        .filter(action_parties__party=personas.lead_party, action_parties__role="lead")
        .exclude(action_parties__party=personas.lead_party, action_parties__role="partner")
        .first()
    )
    personas.partner.memberships.update(party=personas.lead_party)
    partner = type(personas.partner).objects.get(pk=personas.partner.pk)
    assert not access.can(partner, "update_action", led_not_partnered)


def test_a_member_reads_and_challenges_but_updates_nothing(personas):
    member = personas.member
    action = personas.led_action()
    assert access.can(member, "view_plan", action)
    assert access.can(member, "raise_challenge", action)
    assert not access.can(member, "update_action", action)
    assert not access.can(member, "view_history", action)


def test_an_inspector_reads_everything_with_history_and_writes_nothing(personas):
    inspector = personas.inspector
    action = personas.led_action()
    assert access.can(inspector, "view_history", action)
    assert access.can(inspector, "export_history", personas.plan)
    reads = {"view_plan", "view_history", "export_history", "view_reminders", "view_case_audits"}
    writes = ALL - reads
    assert not any(access.can(inspector, p, action) for p in writes)
    assert not access.updatable_actions(inspector).exists()


def test_an_outsider_can_do_nothing_in_another_councils_plan(personas):
    outsider = personas.outsider
    assert not any(access.can(outsider, p, personas.led_action()) for p in ALL)
    assert personas.plan not in access.visible_plans(outsider)
    assert list(access.visible_plans(outsider)) == [personas.outsider_plan]


def test_visible_querysets_hold_only_the_users_plans(personas):
    rec_ids = set(access.visible(personas.outsider, Recommendation).values_list("plan", flat=True))
    assert rec_ids == {personas.outsider_plan.pk}
    assert (
        not access.visible(personas.outsider, Action)
        .filter(recommendation__plan=personas.plan)
        .exists()
    )


def test_updatable_actions_follow_the_object_rules(personas):
    plan = personas.plan
    everything = Action.objects.filter(recommendation__plan=plan)
    assert access.updatable_actions(personas.improvement_lead, plan).count() == everything.count()
    led = everything.filter(
        action_parties__party=personas.lead_party, action_parties__role="lead"
    ).distinct()
    assert set(access.updatable_actions(personas.lead_officer, plan)) == set(led)
    partnered = everything.filter(
        action_parties__party=personas.partner_party, action_parties__role="partner"
    ).distinct()
    assert set(access.updatable_actions(personas.partner, plan)) == set(partnered)
    assert not access.updatable_actions(personas.member, plan).exists()
    assert not access.updatable_actions(personas.outsider, plan).exists()


def test_each_updatable_action_is_one_can_says_may_be_updated(personas):
    for persona in ("lead_officer", "partner"):
        user = personas.all()[persona]
        for action in access.updatable_actions(user, personas.plan):
            assert access.can(user, "update_action", action)


def test_a_lead_officer_answers_challenges_on_a_recommendation_they_are_responsible_for(
    personas,
):
    rec = (
        Recommendation.objects.filter(
            plan=personas.plan, responsibilities__party=personas.lead_party
        ).first()
        or Recommendation.objects.filter(
            plan=personas.plan, actions__action_parties__party=personas.lead_party
        ).first()
    )
    assert access.can(personas.lead_officer, "answer_challenge", rec)


def test_a_superuser_is_an_improvement_lead_of_every_plan(personas, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "", "pw")
    assert access.role_in(admin, personas.outsider_plan) == Role.IMPROVEMENT_LEAD
    assert all(access.can(admin, p, personas.led_action()) for p in ALL)


def test_an_inactive_user_can_do_nothing(personas):
    personas.improvement_lead.is_active = False
    assert not access.visible_plans(personas.improvement_lead).exists()
    assert not access.can(personas.improvement_lead, "view_plan", personas.plan)


def test_an_unknown_permission_is_a_programming_error(personas):
    with pytest.raises(ValueError, match="unknown permission"):
        access.can(personas.improvement_lead, "fly", personas.plan)


def test_a_model_with_no_plan_path_is_refused(personas):
    from actionplan.plans.models import PendingImport

    with pytest.raises(LookupError, match="register"):
        access.visible(personas.improvement_lead, PendingImport)


def test_a_lead_officer_records_values_only_for_the_indicators_they_own(personas):
    from actionplan.indicators.models import Indicator

    plan, officer = personas.plan, personas.lead_officer
    theirs = Indicator.objects.create(plan=plan, name="Theirs", owner=personas.lead_party)
    nobodys = Indicator.objects.create(plan=plan, name="Nobody's")
    assert access.can(officer, "record_indicator_value", theirs)
    assert not access.can(officer, "record_indicator_value", nobodys)
    assert not access.can(personas.partner, "record_indicator_value", theirs)
    assert access.can(personas.improvement_lead, "record_indicator_value", nobodys)
