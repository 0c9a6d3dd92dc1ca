"""E-mail backends for the reminder tests, usable in worker processes too.

`Mailbox` writes each message to a file of its own in $GOVERNANCE_MAILBOX, so that two
processes never write to one file and the test can count what was sent. Before writing it
records a marker (`sending-<reminder>-<pid>`) and waits $GOVERNANCE_MAIL_DELAY seconds: a
test can kill the worker in that wait, between its claim of a reminder and the send.
`Failing` refuses every message, as a mail server that is down would.
"""

from __future__ import annotations

import os
import smtplib
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HEADER = "X-Actionplan-Reminder"


def folder() -> Path:
    return Path(os.environ["GOVERNANCE_MAILBOX"])


class Mailbox(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        delay = float(os.environ.get("GOVERNANCE_MAIL_DELAY", "0") or 0)
        for message in email_messages:
            reminder = message.extra_headers.get(HEADER, "none")
            (folder() / f"sending-{reminder}-{os.getpid()}").touch()
            if delay:
                time.sleep(delay)
            path = folder() / f"mail-{reminder}-{os.getpid()}-{uuid.uuid4().hex}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(email_messages)


class Failing(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def sent(path: Path | None = None) -> list[str]:
    """The reminder id of every message in the mailbox, once per message written."""
    return sorted(p.name.split("-")[1] for p in (path or folder()).glob("mail-*.eml"))
