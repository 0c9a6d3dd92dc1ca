"""Signing in, in a real browser with axe on every page: being locked out, setting up an
authenticator app, the code after the password, a backup code, resetting a password, your
account page and the plan's sign-in log."""

from __future__ import annotations

import re
from base64 import b32decode

from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP

from actionplan.accounts import audit, secondfactor
from support.browser import PASSWORD, axe_violations, enter_code, sign_in
from support.secondfactor import authenticator, next_code


def type_password(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}{reverse('accounts:sign_in')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_too_many_wrong_passwords_lock_the_sign_in_out(page, live_server, personas, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        type_password(page, live_server, "member", "wrong")
        page.get_by_role("heading", name="There is a problem").wait_for()
        assert page.title().startswith("Error: ")

    type_password(page, live_server, "member", "wrong")

    page.get_by_role("heading", name="You cannot sign in yet").wait_for()
    assert page.get_by_text("Wait 15 minutes").is_visible()
    assert axe_violations(page) == []
    type_password(page, live_server, "member")
    page.get_by_role("heading", name="You cannot sign in yet").wait_for()


def test_an_improvement_lead_sets_up_an_app_then_signs_in_with_its_code(
    page, live_server, personas
):
    lead = personas.improvement_lead
    type_password(page, live_server, lead.username)

    page.get_by_role("heading", name="Set up an authenticator app").wait_for()
    assert page.locator("img.app-qr-code").evaluate("img => img.naturalWidth") > 0
    assert axe_violations(page) == []
    # What the person's app does with the key it is given.
    key = b32decode(page.locator("#secret-key").inner_text().replace(" ", ""))
    code = TOTP(key).token()
    page.get_by_label("Security code").fill(f"{code:06d}")
    page.get_by_role("button", name="Confirm").click()

    page.get_by_role("heading", name="Your app is set up").wait_for()
    assert page.locator("#backup-codes li").count() == secondfactor.BACKUP_CODE_COUNT
    assert axe_violations(page) == []
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("heading", name=personas.plan.title).first.wait_for()

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    type_password(page, live_server, lead.username)
    page.get_by_role("heading", name="Enter your security code").wait_for()
    assert axe_violations(page) == []
    enter_code(page, next_code(authenticator(lead)))
    page.get_by_role("heading", name=personas.plan.title).first.wait_for()


def test_a_wrong_code_is_reported_the_govuk_way(page, live_server, personas):
    authenticator(personas.improvement_lead)
    type_password(page, live_server, personas.improvement_lead.username)

    enter_code(page, "000000")

    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []


def test_signing_in_with_a_backup_code(page, live_server, personas):
    lead = personas.improvement_lead
    authenticator(lead)
    codes = secondfactor.new_backup_codes(lead)
    type_password(page, live_server, lead.username)
    page.get_by_text("I do not have my phone").click()
    assert page.get_by_text("Enter one of the backup codes").is_visible()

    enter_code(page, codes[3])

    page.get_by_text("You have 9 codes left").wait_for()
    assert axe_violations(page) == []
    assert secondfactor.backup_codes_left(lead) == 9


def test_resetting_a_forgotten_password_by_e_mail(page, live_server, personas):
    page.goto(f"{live_server.url}{reverse('accounts:sign_in')}")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_role("heading", name="Reset your password").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("E-mail address").fill(personas.member.email)
    page.get_by_role("button", name="Send the link").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    assert axe_violations(page) == []

    (message,) = mail.outbox
    page.goto(re.search(r"https?://\S+", message.body).group(0))
    page.get_by_role("heading", name="Choose a new password").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("New password", exact=True).fill("a fresh long passphrase")
    page.get_by_label("New password confirmation").fill("a fresh long passphrase")
    page.get_by_role("button", name="Set new password").click()
    page.get_by_role("heading", name="Your password has been reset").wait_for()
    assert axe_violations(page) == []

    type_password(page, live_server, "member", "a fresh long passphrase")
    page.get_by_role("heading", name="Plans").or_(
        page.get_by_role("heading", name=personas.plan.title)
    ).first.wait_for()
    assert "/accounts/" not in page.url


def test_the_account_page_and_the_sign_in_log(page, live_server, personas):
    audit.record(audit.Kind.SIGN_IN_FAILED, user=personas.member)
    sign_in(page, live_server, personas.improvement_lead.username)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("heading", name="Your account").wait_for()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}{reverse('plans:people', args=[personas.plan.pk])}")
    page.get_by_role("link", name="Sign-in and access log").click()
    page.get_by_role("heading", name="Sign-in and access log").wait_for()
    assert page.locator("tbody tr").filter(has_text="Failed to sign in").count() == 1
    assert axe_violations(page) == []
