"""A Django e-mail backend that sends through GOV.UK Notify.

Set EMAIL_BACKEND=actionplan.governance.notify.NotifyEmailBackend and:

- GOVUK_NOTIFY_API_KEY: the service's API key;
- GOVUK_NOTIFY_TEMPLATE_ID: an e-mail template whose subject is ((subject)) and whose body
  is ((body));
- GOVUK_NOTIFY_REPLY_TO_ID (optional): a reply-to address set up in Notify.

Notify sends from the address its service is set up with, so DEFAULT_FROM_EMAIL is not
used. Each recipient of a message is one Notify e-mail; a reminder's id goes with it as
Notify's `reference`, to find it in Notify's logs.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

from actionplan.governance.delivery import HEADER

if TYPE_CHECKING:
    from notifications_python_client.notifications import NotificationsAPIClient


def _setting(name: str) -> str:
    return getattr(settings, name, None) or os.environ.get(name, "")


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.api_key = kwargs.get("api_key") or _setting("GOVUK_NOTIFY_API_KEY")
        self.template_id = kwargs.get("template_id") or _setting("GOVUK_NOTIFY_TEMPLATE_ID")
        self.reply_to_id = kwargs.get("reply_to_id") or _setting("GOVUK_NOTIFY_REPLY_TO_ID")
        missing = [
            name
            for name, value in (
                ("GOVUK_NOTIFY_API_KEY", self.api_key),
                ("GOVUK_NOTIFY_TEMPLATE_ID", self.template_id),
            )
            if not value
        ]
        if missing:
            raise ImproperlyConfigured(
                f"the GOV.UK Notify e-mail backend needs {', '.join(missing)}"
            )
        self.client: NotificationsAPIClient | None = None

    def open(self) -> bool:
        if self.client is not None:
            return False
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(self.api_key)
        return True

    def close(self) -> None:
        self.client = None

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        opened = self.open()
        client = self.client
        assert client is not None  # open() made it
        sent = 0
        try:
            for message in email_messages:
                try:
                    for address in message.recipients():
                        client.send_email_notification(
                            email_address=address,
                            template_id=self.template_id,
                            personalisation={"subject": message.subject, "body": message.body},
                            reference=message.extra_headers.get(HEADER),
                            email_reply_to_id=self.reply_to_id or None,
                        )
                    sent += 1
                except Exception:
                    if not self.fail_silently:
                        raise
        finally:
            if opened:
                self.close()
        return sent
