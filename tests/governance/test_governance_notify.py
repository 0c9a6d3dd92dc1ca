"""The GOV.UK Notify e-mail backend, against a stand-in for Notify's client."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection

from actionplan.governance.notify import NotifyEmailBackend

BACKEND = "actionplan.governance.notify.NotifyEmailBackend"


class FakeClient:
    instances: list["FakeClient"] = []

    def __init__(self, api_key):
        self.api_key = api_key
        self.sent: list[dict] = []
        FakeClient.instances.append(self)

    def send_email_notification(self, **kwargs):
        if kwargs["email_address"].startswith("bounce"):
            raise RuntimeError("400 BadRequestError")
        self.sent.append(kwargs)
        return {"id": "notification-id"}


@pytest.fixture
def notify(monkeypatch, settings):
    FakeClient.instances = []
    monkeypatch.setattr(
        "notifications_python_client.notifications.NotificationsAPIClient", FakeClient
    )
    settings.GOVUK_NOTIFY_API_KEY = "test-key"
    settings.GOVUK_NOTIFY_TEMPLATE_ID = "template-1"
    settings.GOVUK_NOTIFY_REPLY_TO_ID = ""
    return FakeClient


def test_each_recipient_is_one_notify_email_with_subject_and_body(notify):
    message = EmailMessage(
        "Overdue: action 4a",
        "Dear Judith,\n\nAction 4a is overdue.",
        to=["judith@anyshire.example", "team@anyshire.example"],
        headers={"X-Actionplan-Reminder": "17"},
    )

    assert get_connection(BACKEND).send_messages([message]) == 1

    (client,) = notify.instances
    assert client.api_key == "test-key"
    assert client.sent == [
        {
            "email_address": address,
            "template_id": "template-1",
            "personalisation": {
                "subject": "Overdue: action 4a",
                "body": "Dear Judith,\n\nAction 4a is overdue.",
            },
            "reference": "17",
            "email_reply_to_id": None,
        }
        for address in ("judith@anyshire.example", "team@anyshire.example")
    ]


def test_a_refusal_from_notify_is_raised_so_the_reminder_is_retried(notify):
    message = EmailMessage("Subject", "Body", to=["bounce@anyshire.example"])

    with pytest.raises(RuntimeError, match="BadRequestError"):
        get_connection(BACKEND).send_messages([message])


def test_a_refusal_is_ignored_when_asked_to_fail_silently(notify):
    message = EmailMessage("Subject", "Body", to=["bounce@anyshire.example"])

    assert get_connection(BACKEND, fail_silently=True).send_messages([message]) == 0


def test_the_backend_reads_its_settings_from_the_environment(monkeypatch, settings):
    for name in ("GOVUK_NOTIFY_API_KEY", "GOVUK_NOTIFY_TEMPLATE_ID"):
        monkeypatch.delattr(settings, name, raising=False)
    monkeypatch.setenv("GOVUK_NOTIFY_API_KEY", "from-env")
    monkeypatch.setenv("GOVUK_NOTIFY_TEMPLATE_ID", "template-env")

    backend = NotifyEmailBackend()

    assert (backend.api_key, backend.template_id) == ("from-env", "template-env")


def test_without_a_key_and_template_the_backend_says_what_is_missing(monkeypatch, settings):
    for name in ("GOVUK_NOTIFY_API_KEY", "GOVUK_NOTIFY_TEMPLATE_ID"):
        monkeypatch.delattr(settings, name, raising=False)
        monkeypatch.delenv(name, raising=False)

    with pytest.raises(
        ImproperlyConfigured, match="needs GOVUK_NOTIFY_API_KEY, GOVUK_NOTIFY_TEMPLATE_ID"
    ):
        NotifyEmailBackend()
