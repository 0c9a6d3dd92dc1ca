"""The audit log: who signed in (or failed to), from where, invitations and roles; the
improvement lead sees the events about their plan's people, and nobody else's."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from actionplan.accounts import audit
from actionplan.accounts.models import AuditEvent, Invitation, Membership, Role
from actionplan.accounts.presenters import audit_row
from actionplan.core.presenters.people import display_name

PASSWORD = "correct horse battery staple"
Kind = AuditEvent.Kind


def kinds(**filters):
    return [e.kind for e in AuditEvent.objects.filter(**filters).order_by("pk")]


def test_sign_ins_failures_and_sign_outs_are_recorded_with_the_address(personas):
    client = Client(REMOTE_ADDR="192.0.2.10")
    url = reverse("accounts:sign_in")
    client.post(url, {"username": "member", "password": "wrong"})
    client.post(url, {"username": "member", "password": PASSWORD})
    client.post(reverse("accounts:sign_out"))

    assert kinds(user=personas.member) == [Kind.SIGN_IN_FAILED, Kind.SIGNED_IN, Kind.SIGNED_OUT]
    assert {e.ip_address for e in AuditEvent.objects.all()} == {"192.0.2.10"}


def test_nothing_secret_is_recorded(personas):
    client = Client()
    client.post(reverse("accounts:sign_in"), {"username": "member", "password": "hunter2 x"})
    client.post(reverse("accounts:sign_in"), {"username": "hunter2 y", "password": "z"})

    text = " ".join(f"{e.username} {e.detail} {e.actor_name}" for e in AuditEvent.objects.all())
    assert "hunter2" not in text
    unknown = AuditEvent.objects.get(user=None)
    assert (unknown.username, unknown.detail) == ("", "no account has that username")


def test_a_lockout_is_recorded(personas, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        client.post(reverse("accounts:sign_in"), {"username": "member", "password": "wrong"})

    assert Kind.LOCKED_OUT in kinds(user=personas.member)


def test_invitations_sent_accepted_and_withdrawn_are_recorded(client, personas):
    lead = personas.improvement_lead
    client.force_login(lead)
    invite = reverse("plans:invite", args=[personas.plan.pk])
    client.post(invite, {"full_name": "New", "email": "new@example.gov.uk", "role": "member"})
    client.post(invite, {"full_name": "Gone", "email": "gone@example.gov.uk", "role": "inspector"})
    gone = Invitation.objects.get(email="gone@example.gov.uk")

    response = client.post(reverse("plans:withdraw_invitation", args=[personas.plan.pk, gone.pk]))

    assert response["Location"] == reverse("plans:people", args=[personas.plan.pk])
    assert not Invitation.objects.filter(pk=gone.pk).exists()
    events = AuditEvent.objects.filter(plan=personas.plan).order_by("pk")
    assert [(e.kind, e.username, e.actor, e.detail) for e in events] == [
        (Kind.INVITATION_SENT, "new@example.gov.uk", lead, "as elected or board member"),
        (Kind.INVITATION_SENT, "gone@example.gov.uk", lead, "as inspector or auditor"),
        (Kind.INVITATION_WITHDRAWN, "gone@example.gov.uk", lead, "as inspector or auditor"),
    ]


def test_only_a_waiting_invitation_of_this_plan_can_be_withdrawn(client, personas):
    other = Invitation.objects.create(
        email="x@example.gov.uk", plan=personas.outsider_plan, role=Role.MEMBER
    )
    client.force_login(personas.improvement_lead)

    response = client.post(reverse("plans:withdraw_invitation", args=[personas.plan.pk, other.pk]))

    assert response.status_code == 404
    assert Invitation.objects.filter(pk=other.pk).exists()


def test_a_role_changed_in_the_admin_is_recorded_with_who_changed_it(
    client, personas, django_user_model
):
    root = django_user_model.objects.create_superuser("root", "root@example.gov.uk", PASSWORD)
    client.force_login(root)
    membership = Membership.objects.get(user=personas.member)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])

    response = client.post(
        url,
        {"user": personas.member.pk, "plan": personas.plan.pk, "role": "inspector", "party": ""},
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=Kind.ROLE_CHANGED)
    assert (event.user, event.actor, event.plan) == (personas.member, root, personas.plan)
    assert event.detail == "elected or board member → inspector or auditor"


def test_the_lead_sees_their_plans_people_and_no_one_elses(client, personas):
    audit.record(Kind.SIGNED_IN, user=personas.member)
    audit.record(Kind.SIGNED_IN, user=personas.outsider)
    audit.record(Kind.INVITATION_SENT, username="a@example.gov.uk", plan=personas.plan)
    audit.record(Kind.INVITATION_SENT, username="b@example.gov.uk", plan=personas.outsider_plan)
    client.force_login(personas.improvement_lead)

    response = client.get(reverse("plans:audit_log", args=[personas.plan.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Sign-in and access log – actionplan</title>" in html
    assert f">{display_name(personas.member)}<" in html  # the name, not the username
    assert "a@example.gov.uk" in html
    assert "outsider" not in html.split("<main")[1].split("Sign-in and access log")[-1]
    assert "b@example.gov.uk" not in html


def test_only_the_improvement_lead_opens_the_log(client, personas):
    url = reverse("plans:audit_log", args=[personas.plan.pk])
    for persona in ("lead_officer", "partner", "member", "inspector"):
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 403, persona
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404


def test_the_people_page_links_to_the_log_for_the_lead(client, personas):
    client.force_login(personas.improvement_lead)
    html = client.get(reverse("plans:people", args=[personas.plan.pk])).content.decode()

    assert reverse("plans:audit_log", args=[personas.plan.pk]) in html


def test_the_log_pages_by_fifty_latest_first(client, personas):
    for n in range(51):
        audit.record(Kind.SIGNED_IN, user=personas.member, detail=f"n{n}")
    client.force_login(personas.improvement_lead)
    url = reverse("plans:audit_log", args=[personas.plan.pk])

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert "(n50)" in first
    assert "(n0)" not in first
    assert "(n0)" in second
    assert "Earlier events" in first
    assert "Later events" in second


def test_a_row_says_when_who_what_by_whom_and_from_where(db):
    import datetime as dt

    from django.utils import timezone

    event = AuditEvent(
        at=timezone.make_aware(dt.datetime(2013, 3, 19, 14, 5)),
        kind=Kind.ROLE_CHANGED,
        username="pat",
        actor_name="root",
        detail="member → inspector",
        ip_address="192.0.2.1",
    )

    row = audit_row(event)

    assert row.when == "19 March 2013, 14:05"
    assert (row.who, row.what, row.by, row.address) == (
        "pat",
        "Role changed (member → inspector)",
        "root",
        "192.0.2.1",
    )


def test_the_admin_shows_the_log_and_nobody_edits_it(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.gov.uk", PASSWORD)
    client.force_login(root)
    audit.record(Kind.SIGNED_IN, user=root)

    listing = client.get(reverse("admin:accounts_auditevent_changelist"))

    assert listing.status_code == 200
    assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403


def test_importing_a_plan_records_the_importer_becoming_its_lead(personas):
    from actionplan.plans import imports
    from actionplan.plans.models import PendingImport
    from support.seed import SEED

    pending = PendingImport.objects.create(
        user=personas.outsider, filename="plan.txt", data=SEED.read_bytes()
    )
    plan, _ = imports.confirm(
        pending, user=personas.outsider, organisation_name="Testshire Council"
    )

    event = AuditEvent.objects.get(kind=Kind.ROLE_CHANGED)
    assert (event.user, event.plan, event.detail) == (
        personas.outsider,
        plan,
        "none → improvement lead",
    )
