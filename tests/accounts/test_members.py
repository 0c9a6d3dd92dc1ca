"""The members page (issue 16, point 4): the improvement lead lists members and pending
invitations, changes a role, removes a member, sends an invitation again; each change is in
the access log with who and why; every other role is refused."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actionplan.accounts.models import AuditEvent, Invitation, Membership, Role

pytestmark = pytest.mark.django_db
Kind = AuditEvent.Kind


def urls(personas):
    plan = personas.plan
    m = Membership.objects.get(user=personas.member, plan=plan)
    i = Invitation.objects.create(plan=plan, email="pat@example.gov.uk", role=Role.MEMBER)
    return {
        "list": (reverse("plans:members", args=[plan.pk]), "get"),
        "change": (reverse("plans:change_member", args=[plan.pk, m.pk]), "get"),
        "remove": (reverse("plans:remove_member", args=[plan.pk, m.pk]), "get"),
        "resend": (reverse("plans:resend_invitation", args=[plan.pk, i.pk]), "post"),
    }


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member", "inspector"])
def test_only_the_improvement_lead_manages_members(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for name, (url, method) in urls(personas).items():
        assert getattr(client, method)(url).status_code == 403, name
    client.force_login(personas.outsider)
    for name, (url, method) in urls(personas).items():
        assert getattr(client, method)(url).status_code == 404, name


def test_the_lead_sees_members_and_pending_invitations_by_name(client, personas):
    Invitation.objects.create(
        plan=personas.plan, email="pat@example.gov.uk", full_name="Pat Ashby", role=Role.MEMBER
    )
    personas.member.first_name, personas.member.last_name = "Sam Ashby", ""
    personas.member.save()
    client.force_login(personas.improvement_lead)
    html = client.get(reverse("plans:members", args=[personas.plan.pk])).content.decode()
    assert "Sam Ashby" in html
    assert "Pat Ashby" in html and "pat@example.gov.uk" in html
    people = client.get(reverse("plans:people", args=[personas.plan.pk])).content.decode()
    assert reverse("plans:members", args=[personas.plan.pk]) in people


def test_changing_a_role_needs_a_reason_and_is_logged_with_who_and_why(client, personas):
    m = Membership.objects.get(user=personas.member, plan=personas.plan)
    url = reverse("plans:change_member", args=[personas.plan.pk, m.pk])
    client.force_login(personas.improvement_lead)

    refused = client.post(url, {"role": "inspector"}).content.decode()
    assert "Say why" in refused
    response = client.post(url, {"role": "inspector", "reason": "Now on the audit panel"})

    assert response["Location"] == reverse("plans:members", args=[personas.plan.pk])
    m.refresh_from_db()
    assert m.role == Role.INSPECTOR
    event = AuditEvent.objects.get(kind=Kind.ROLE_CHANGED, user=personas.member)
    assert event.actor == personas.improvement_lead
    assert event.detail == (
        "elected or board member → inspector or auditor: Now on the audit panel"
    )


def test_removing_a_member_is_logged_and_they_no_longer_see_the_plan(client, personas):
    m = Membership.objects.get(user=personas.member, plan=personas.plan)
    client.force_login(personas.improvement_lead)
    client.post(
        reverse("plans:remove_member", args=[personas.plan.pk, m.pk]),
        {"reason": "Left the committee"},
    )
    assert not Membership.objects.filter(pk=m.pk).exists()
    event = AuditEvent.objects.get(kind=Kind.MEMBER_REMOVED)
    assert (event.user, event.actor) == (personas.member, personas.improvement_lead)
    assert event.detail == "was elected or board member: Left the committee"
    client.force_login(personas.member)
    assert client.get(reverse("plans:dashboard", args=[personas.plan.pk])).status_code == 404


def test_the_last_improvement_lead_can_neither_leave_nor_step_down(client, personas):
    lead = Membership.objects.get(user=personas.improvement_lead, plan=personas.plan)
    client.force_login(personas.improvement_lead)
    remove = reverse("plans:remove_member", args=[personas.plan.pk, lead.pk])
    change = reverse("plans:change_member", args=[personas.plan.pk, lead.pk])

    html = client.post(remove, {"reason": "Moving on"}).content.decode()
    assert "The plan needs an improvement lead" in html
    html = client.post(change, {"role": "inspector", "reason": "Moving on"}).content.decode()
    assert "The plan needs an improvement lead" in html
    lead.refresh_from_db()
    assert lead.role == Role.IMPROVEMENT_LEAD

    Membership.objects.filter(user=personas.inspector, plan=personas.plan).update(
        role=Role.IMPROVEMENT_LEAD
    )
    client.post(change, {"role": "inspector", "reason": "Handed over"})
    lead.refresh_from_db()
    assert lead.role == Role.INSPECTOR


def test_an_invitation_sent_again_gets_a_new_link_and_is_logged(client, personas):
    invitation = Invitation.objects.create(
        plan=personas.plan, email="pat@example.gov.uk", role=Role.MEMBER
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - dt.timedelta(days=20)
    )
    client.force_login(personas.improvement_lead)
    members = reverse("plans:members", args=[personas.plan.pk])

    response = client.post(
        reverse("plans:resend_invitation", args=[personas.plan.pk, invitation.pk])
    )

    assert response["Location"] == members
    invitation.refresh_from_db()
    assert timezone.now() - invitation.created_at < dt.timedelta(minutes=5)
    (message,) = mail.outbox
    assert message.to == ["pat@example.gov.uk"]
    assert AuditEvent.objects.get(kind=Kind.INVITATION_RESENT).actor == personas.improvement_lead

    withdrawn = client.post(
        reverse("plans:withdraw_invitation", args=[personas.plan.pk, invitation.pk]),
        {"back": "members"},
    )
    assert withdrawn["Location"] == members
