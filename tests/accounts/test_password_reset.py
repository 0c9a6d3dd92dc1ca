"""Password reset by e-mail: Django's views with our pages, no account enumeration."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from actionplan.accounts.models import AuditEvent

PASSWORD = "correct horse battery staple"
NEW = "a brand new long passphrase"
Kind = AuditEvent.Kind


def ask(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_e_mail_has_a_link_that_sets_a_new_password(db, django_user_model):
    user = django_user_model.objects.create_user("pat", "Pat@Example.gov.uk", PASSWORD)
    client = Client()

    response = ask(client, "pat@example.gov.uk")

    assert response["Location"] == reverse("accounts:password_reset_sent")
    (message,) = mail.outbox
    assert message.to == ["Pat@example.gov.uk"]
    assert message.subject == "Reset your password for actionplan"
    assert "(pat)" in message.body
    assert "The link works once, for 2 hours." in message.body
    form = client.get(link_in(message), follow=True)
    assert "<title>Choose a new password – actionplan</title>" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "Your password has been reset" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert [e.kind for e in AuditEvent.objects.filter(user=user).order_by("pk")] == [
        Kind.PASSWORD_RESET_REQUESTED,
        Kind.PASSWORD_RESET,
    ]


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)

    known = ask(Client(), "pat@example.gov.uk")
    unknown = ask(Client(), "nobody@example.gov.uk")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    sent = Client().get(known["Location"]).content.decode()
    assert "If an account uses that address, we have sent it a link" in sent
    event = AuditEvent.objects.get(user=None)
    assert "nobody" not in event.username + event.detail


def test_the_link_works_once(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    ask(client, "pat@example.gov.uk")
    url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NEW, "new_password2": NEW})

    again = Client().get(link_in(mail.outbox[0]), follow=True)

    html = again.content.decode()
    assert "<title>You cannot use this link – actionplan</title>" in html
    assert "Ask for a new link" in html


def test_a_weak_new_password_is_refused_the_govuk_way(db, django_user_model):
    user = django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    ask(client, "pat@example.gov.uk")
    url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    html = client.post(url, {"new_password1": "pat", "new_password2": "pat"}).content.decode()

    assert "<title>Error: Choose a new password – actionplan</title>" in html
    assert 'class="govuk-error-summary"' in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_bad_address_gets_an_inline_error(db):
    html = ask(Client(), "not an address").content.decode()

    assert "Enter an e-mail address in the correct format" in html
    assert not mail.outbox


def test_the_sign_in_page_links_to_it(db):
    html = Client().get(reverse("accounts:sign_in")).content.decode()

    assert f'href="{reverse("accounts:password_reset")}">Forgotten your password?' in html


def test_a_reset_does_not_skip_the_second_factor(personas):
    from support.secondfactor import authenticator

    lead = personas.improvement_lead
    authenticator(lead)
    client = Client()
    ask(client, lead.email)
    url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NEW, "new_password2": NEW})

    response = client.post(
        reverse("accounts:sign_in"), {"username": lead.username, "password": NEW}
    )

    assert response["Location"].startswith(reverse("accounts:verify"))
