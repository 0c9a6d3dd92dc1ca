"""The second factor: an authenticator app and backup codes, required for improvement leads
and administrators, offered to everyone else."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from actionplan.accounts import access, secondfactor
from actionplan.accounts.models import AuditEvent
from support.secondfactor import authenticator, next_code

PASSWORD = "correct horse battery staple"
Kind = AuditEvent.Kind


def sign_in(client, user, password=PASSWORD):
    return client.post(
        reverse("accounts:sign_in"), {"username": user.username, "password": password}
    )


def code_from(page_html: str, device: TOTPDevice) -> str:
    """What the person's app shows after they type the key the set-up page gives."""
    key = re.search(r'<code class="app-secret" id="secret-key">([A-Z2-7 ]+)</code>', page_html)
    from base64 import b32decode

    assert b32decode(key.group(1).replace(" ", "")) == device.bin_key
    return next_code(device)


def test_improvement_leads_and_administrators_must_have_one(personas, django_user_model):
    admin = django_user_model.objects.create_user("staff", "s@example.gov.uk", PASSWORD)
    admin.is_staff = True
    assert access.needs_second_factor(personas.improvement_lead)
    assert access.needs_second_factor(personas.outsider)
    assert access.needs_second_factor(admin)
    for name in ("lead_officer", "partner", "member", "inspector"):
        assert not access.needs_second_factor(getattr(personas, name)), name


def test_an_improvement_lead_is_sent_to_set_it_up_before_anything_else(personas):
    client = Client()
    response = sign_in(client, personas.improvement_lead)

    assert response["Location"].startswith(reverse("accounts:set_up"))
    dashboard = reverse("plans:dashboard", args=[personas.plan.pk])
    held = client.get(dashboard)
    assert held.status_code == 302
    assert held["Location"] == f"{reverse('accounts:set_up')}?next=%2Fplans%2F{personas.plan.pk}%2F"
    assert client.get(reverse("accounts:account")).status_code == 302


def test_setting_up_shows_the_qr_code_and_the_key_and_confirms_with_a_code(personas):
    lead = personas.improvement_lead
    client = Client()
    sign_in(client, lead)
    page = client.get(reverse("accounts:set_up") + "?next=/plans/")
    html = page.content.decode()
    assert '<img class="app-qr-code" src="/accounts/second-factor/qr.svg"' in html
    device = TOTPDevice.objects.get(user=lead, confirmed=False)

    response = client.post(
        reverse("accounts:set_up"), {"code": code_from(html, device), "next": "/plans/"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Your app is set up – actionplan</title>" in html
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == secondfactor.BACKUP_CODE_COUNT
    assert 'href="/plans/"' in html
    assert client.get("/plans/").status_code == 200
    assert secondfactor.app(lead).pk == device.pk
    assert AuditEvent.objects.filter(user=lead, kind=Kind.SECOND_FACTOR_SET_UP).exists()


def test_the_qr_code_is_an_svg_image_without_style_attributes(personas):
    client = Client()
    sign_in(client, personas.improvement_lead)
    response = client.get(reverse("accounts:set_up_qr"))

    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml"
    assert svg.startswith("<svg")
    assert "style" not in svg
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_code_at_set_up_says_so_and_sets_nothing_up(personas):
    client = Client()
    sign_in(client, personas.improvement_lead)
    client.get(reverse("accounts:set_up"))

    html = client.post(reverse("accounts:set_up"), {"code": "000000"}).content.decode()

    assert "<title>Error: Set up an authenticator app – actionplan</title>" in html
    assert '<a href="#id_code">The code is not right.' in html
    assert secondfactor.app(personas.improvement_lead) is None


def test_signing_in_asks_for_the_code_after_the_password(personas):
    lead = personas.improvement_lead
    device = authenticator(lead)
    client = Client()

    response = sign_in(client, lead)
    assert response["Location"] == f"{reverse('accounts:verify')}?next=%2F"
    assert client.get("/plans/").status_code == 302
    page = client.get(response["Location"])
    assert "<title>Enter your security code – actionplan</title>" in page.content.decode()

    verified = client.post(reverse("accounts:verify"), {"code": next_code(device), "next": "/"})

    assert verified["Location"] == "/"
    assert client.get("/plans/").status_code == 200


def test_a_wrong_code_is_refused_and_recorded(personas):
    lead = personas.improvement_lead
    authenticator(lead)
    client = Client()
    sign_in(client, lead)

    response = client.post(reverse("accounts:verify"), {"code": "123 456"})

    assert response.status_code == 200
    assert "The security code is not right" in response.content.decode()
    assert client.get("/plans/").status_code == 302
    assert AuditEvent.objects.filter(user=lead, kind=Kind.CODE_FAILED).count() == 1


def test_after_wrong_codes_the_next_try_must_wait(personas, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600
    lead = personas.improvement_lead
    device = authenticator(lead)
    client = Client()
    sign_in(client, lead)
    client.post(reverse("accounts:verify"), {"code": "123456"})

    # django-otp's throttle: right or wrong, a code is not even tried until the wait is over.
    response = client.post(reverse("accounts:verify"), {"code": next_code(device)})

    assert "You have entered too many wrong codes. Wait" in response.content.decode()
    assert client.get("/plans/").status_code == 302


def test_a_code_works_once(personas):
    lead = personas.improvement_lead
    device = authenticator(lead)
    code = next_code(device)
    first = Client()
    sign_in(first, lead)
    assert first.post(reverse("accounts:verify"), {"code": code}).status_code == 302

    second = Client()
    sign_in(second, lead)
    response = second.post(reverse("accounts:verify"), {"code": code})

    assert "The security code is not right" in response.content.decode()


def test_a_backup_code_signs_in_once(personas):
    lead = personas.improvement_lead
    authenticator(lead)
    codes = secondfactor.new_backup_codes(lead)
    client = Client()
    sign_in(client, lead)

    response = client.post(reverse("accounts:verify"), {"code": codes[0].upper()}, follow=True)

    assert "You have 9 codes left" in response.content.decode()
    assert AuditEvent.objects.filter(user=lead, kind=Kind.BACKUP_CODE_USED).count() == 1
    again = Client()
    sign_in(again, lead)
    refused = again.post(reverse("accounts:verify"), {"code": codes[0]})
    assert "The security code is not right" in refused.content.decode()


def test_the_password_alone_cannot_replace_an_existing_second_factor(personas):
    lead = personas.improvement_lead
    authenticator(lead)
    client = Client()
    sign_in(client, lead)

    assert client.get(reverse("accounts:set_up"))["Location"].startswith(reverse("accounts:verify"))
    assert client.post(reverse("accounts:set_up"), {"code": "123456"}).status_code == 302
    assert client.get(reverse("accounts:set_up_qr")).status_code == 404
    assert TOTPDevice.objects.filter(user=lead, confirmed=False).count() == 0


def test_the_admin_needs_the_second_factor_too(db, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.gov.uk", PASSWORD)
    device = authenticator(root)
    client = Client()
    client.post(reverse("admin:login"), {"username": "root", "password": PASSWORD})

    held = client.get(reverse("admin:index"))

    assert held["Location"].startswith(reverse("accounts:verify"))
    client.post(reverse("accounts:verify"), {"code": next_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_administrator_resets_someones_second_factor(client, personas, django_user_model):
    lead = personas.improvement_lead
    authenticator(lead)
    secondfactor.new_backup_codes(lead)
    signed_in = Client()
    signed_in.force_login(lead)
    root = django_user_model.objects.create_superuser("root", "root@example.gov.uk", PASSWORD)
    client.force_login(root)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [lead.pk]},
    )

    assert response.status_code == 302
    assert not secondfactor.has_second_factor(lead)
    event = AuditEvent.objects.get(kind=Kind.SECOND_FACTOR_RESET)
    assert (event.user, event.actor) == (lead, root)
    fresh = Client()
    assert sign_in(fresh, lead)["Location"].startswith(reverse("accounts:set_up"))


def test_everyone_else_is_offered_it_on_their_account_page(client, personas):
    member = personas.member
    client.force_login(member)

    html = client.get(reverse("accounts:account")).content.decode()

    assert "You sign in with your password alone" in html
    assert f'href="{reverse("accounts:set_up")}?next=/accounts/"' in html
    assert sign_in(Client(), member)["Location"] == "/"


def test_someone_who_chose_it_is_asked_for_the_code_and_may_stop(client, personas):
    member = personas.member
    device = authenticator(member)
    raw = Client()
    assert sign_in(raw, member)["Location"].startswith(reverse("accounts:verify"))
    raw.post(reverse("accounts:verify"), {"code": next_code(device)})

    response = raw.post(reverse("accounts:account"), {"action": "turn_off"})

    assert response.status_code == 302
    assert not secondfactor.has_second_factor(member)
    assert sign_in(Client(), member)["Location"] == "/"
    assert AuditEvent.objects.filter(user=member, kind=Kind.SECOND_FACTOR_REMOVED).exists()


def test_an_improvement_lead_may_not_stop_using_it(client, personas):
    lead = personas.improvement_lead
    client.force_login(lead)

    html = client.get(reverse("accounts:account")).content.decode()
    client.post(reverse("accounts:account"), {"action": "turn_off"})

    assert "Stop using a security code" not in html
    assert secondfactor.has_second_factor(lead)


def test_new_backup_codes_replace_the_old_ones(client, personas):
    lead = personas.improvement_lead
    client.force_login(lead)
    old = secondfactor.new_backup_codes(lead)

    html = client.post(reverse("accounts:account"), {"action": "backup_codes"}).content.decode()

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(new) == 10
    assert not set(old) & set(new)
    assert secondfactor.backup_codes_left(lead) == 10


def test_while_the_code_is_awaited_the_navigation_offers_only_signing_out(personas):
    authenticator(personas.improvement_lead)
    client = Client()
    sign_in(client, personas.improvement_lead)

    html = client.get(reverse("accounts:verify")).content.decode()

    nav = html[html.index('id="navigation"') : html.index("</nav>")]
    assert re.findall(r'href="([^"]+)"', nav) == [reverse("accounts:sign_out")]


@pytest.mark.parametrize("code", ["", "   "])
def test_an_empty_code_gets_an_inline_error(personas, code):
    authenticator(personas.improvement_lead)
    client = Client()
    sign_in(client, personas.improvement_lead)

    html = client.post(reverse("accounts:verify"), {"code": code}).content.decode()

    assert 'id="id_code-error"' in html
    assert "Enter the security code" in html


def test_the_code_of_the_step_after_the_last_used_is_accepted(db, django_user_model):
    # The tests' helper gives the code a person's app would show next; it must be one the
    # device accepts, even straight after another was used.
    user = django_user_model.objects.create_user("pat", "p@example.gov.uk", PASSWORD)
    device = authenticator(user)
    for _ in range(3):
        assert device.verify_token(next_code(device))


def test_someone_invited_as_improvement_lead_sets_it_up_on_accepting(personas):
    from actionplan.accounts import invitations
    from actionplan.accounts.models import Invitation, Role

    invitation = Invitation.objects.create(
        email="new.lead@example.gov.uk", plan=personas.plan, role=Role.IMPROVEMENT_LEAD
    )
    client = Client()
    url = reverse("accounts:accept_invitation", args=[invitations.token_for(invitation)])
    passphrase = "a long enough passphrase"
    client.post(
        url, {"full_name": "New Lead", "new_password1": passphrase, "new_password2": passphrase}
    )

    held = client.get(reverse("plans:dashboard", args=[personas.plan.pk]))

    assert held["Location"].startswith(reverse("accounts:set_up"))
