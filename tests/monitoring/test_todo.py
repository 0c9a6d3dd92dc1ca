"""The to-do list (issue 16, point 1): each kind of item reaches the person who must act,
links to where it is done, and leaves the list once done; a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplan.accounts.models import Invitation, Role
from actionplan.monitoring import challenging, services
from actionplan.monitoring.todo import todo
from actionplan.plans.models import Action
from support.factories import MembershipFactory
from support.monitoring import D, at, small_document, stored

pytestmark = pytest.mark.django_db
MARCH_10 = D(2013, 3, 10)


@pytest.fixture
def roles(plan, people, judith):
    MembershipFactory(user=people.lead, plan=plan, role=Role.IMPROVEMENT_LEAD)
    MembershipFactory(user=people.officer, plan=plan, role=Role.LEAD_OFFICER, party=judith)
    MembershipFactory(user=people.member, plan=plan, role=Role.MEMBER)
    return people


def kinds(user, plan, on=MARCH_10):
    return {g.kind: [i.text for i in g.items] for g in todo(user, plan, on).groups}


def hrefs(user, plan, kind, on=MARCH_10):
    return [i.href for g in todo(user, plan, on).groups if g.kind == kind for i in g.items]


def propose(action, people):
    action.refresh_from_db()
    services.propose_completion(
        action,
        user=people.officer,
        expected_version=action.version,
        impact="Audit of 40 files: views recorded in 38",
        at=at(2013, 3, 1),
    )


def test_a_proposed_completion_waits_for_the_improvement_lead_until_signed_off(plan, action, roles):
    propose(action, roles)

    assert len(kinds(roles.lead, plan)["sign_off"]) == 1
    assert hrefs(roles.lead, plan, "sign_off") == [
        f"/plans/{plan.pk}/actions/{action.pk}/#what-you-can-do"
    ]
    assert "sign_off" not in kinds(roles.officer, plan)
    assert "sign_off" not in kinds(roles.member, plan)

    action.refresh_from_db()
    services.accept_completion(action, user=roles.lead, expected_version=action.version)
    assert "sign_off" not in kinds(roles.lead, plan)


def test_a_returned_completion_waits_for_its_lead_until_updated(plan, action, roles):
    propose(action, roles)
    action.refresh_from_db()
    services.return_completion(
        action, user=roles.lead, expected_version=action.version, reason="No evidence"
    )

    assert "sign_off" not in kinds(roles.lead, plan)
    assert len(kinds(roles.officer, plan)["returned"]) == 1
    assert hrefs(roles.officer, plan, "returned") == [
        f"/plans/{plan.pk}/actions/{action.pk}/update/"
    ]

    action.refresh_from_db()
    services.record_update(action, user=roles.officer, status="on_track", narrative="Audit booked")
    assert "returned" not in kinds(roles.officer, plan)


def test_a_question_waits_for_the_lead_until_answered_then_the_member_sees_the_answer(
    plan, action, roles
):
    challenge = challenging.ask(action, user=roles.member, question="What has changed?")

    assert kinds(roles.officer, plan)["questions"] == [
        "About action 1 of recommendation 1.0: What has changed?"
    ]
    assert hrefs(roles.officer, plan, "questions") == [
        f"/plans/{plan.pk}/challenges/{challenge.pk}/answer/"
    ]
    assert "questions" in kinds(roles.lead, plan)  # the improvement lead may answer any
    assert "questions" not in kinds(roles.member, plan)
    assert "answered" not in kinds(roles.member, plan)

    challenging.answer(challenge, user=roles.officer, text="38 of 40 files")

    assert "questions" not in kinds(roles.officer, plan)
    assert kinds(roles.member, plan)["answered"] == ["What has changed?"]
    assert "answered" not in kinds(roles.officer, plan)


def test_a_question_about_another_leads_action_is_not_on_the_list(plan, roles, judith):
    other = Action.objects.filter(recommendation__plan=plan).exclude(ref="1").first()
    other.action_parties.filter(party=judith).delete()
    rec = other.recommendation
    rec.responsibilities.all().delete()

    challenging.ask(other, user=roles.member, question="Who leads this?")

    assert "questions" not in kinds(roles.officer, plan)


def test_updates_due_and_late_follow_the_milestones_until_the_action_is_finished(
    plan, action, roles
):
    soon = kinds(roles.officer, plan, on=D(2013, 2, 20))["updates"]
    late = todo(roles.officer, plan, D(2013, 3, 10)).groups
    assert len(soon) == 3  # three actions, each with the audit milestone due 28 February
    details = [i.detail for g in late if g.kind == "updates" for i in g.items]
    assert details[0] == "Audit – February 2013, 28 February 2013 (10 days late)"
    assert "updates" not in kinds(roles.lead, plan)
    assert "updates" not in kinds(roles.member, plan)

    propose(action, roles)
    assert len(kinds(roles.officer, plan)["updates"]) == 2


def test_pending_invitations_wait_for_the_improvement_lead_until_accepted(plan, roles):
    invitation = Invitation.objects.create(
        plan=plan, email="new.officer@example.gov.uk", role=Role.LEAD_OFFICER
    )
    old = Invitation.objects.create(plan=plan, email="old@example.gov.uk", role=Role.MEMBER)
    Invitation.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=30))

    assert kinds(roles.lead, plan)["invitations"] == ["new.officer@example.gov.uk as lead officer"]
    assert "invitations" not in kinds(roles.officer, plan)

    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    assert "invitations" not in kinds(roles.lead, plan)


def test_someone_with_no_role_in_the_plan_has_nothing_to_do(plan, people):
    assert todo(people.other, plan, D(2013, 3, 10)).count == 0


@pytest.mark.parametrize("role", [Role.IMPROVEMENT_LEAD, Role.LEAD_OFFICER, Role.MEMBER])
def test_the_list_takes_a_fixed_number_of_queries_whatever_the_plan_size(
    role, django_user_model, django_assert_max_num_queries
):
    counts = []
    for size in (3, 60):
        plan = stored(small_document(actions=size, title=f"Plan of {size}"))
        judith = plan.organisation.parties.get(name="Judith Hay")
        asker = django_user_model.objects.create_user(f"asker{size}")
        user = django_user_model.objects.create_user(f"{role}{size}")
        MembershipFactory(user=asker, plan=plan, role=Role.MEMBER)
        MembershipFactory(user=user, plan=plan, role=role, party=judith)
        for action in Action.objects.filter(recommendation__plan=plan):
            c = challenging.ask(action, user=asker, question="Why?")
            if action.pk % 2:
                challenging.answer(c, user=user, text="Because")
            if action.pk % 3 == 0:
                action.refresh_from_db()
                services.propose_completion(
                    action, user=user, expected_version=action.version, impact="Done"
                )
        user = django_user_model.objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            todo(user, plan, D(2013, 3, 10))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(20):
        todo(django_user_model.objects.get(pk=user.pk), plan, D(2013, 3, 10))
