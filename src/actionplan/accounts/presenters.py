"""What the accounts pages show, from the models: pure functions, tested without a database."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from actionplan.core.presenters.people import display_name
from actionplan.core.wording import long_date


@dataclass(frozen=True)
class AuditRow:
    when: str
    who: str
    what: str
    by: str
    address: str


def audit_row(event) -> AuditRow:
    at = timezone.localtime(event.at)
    what = event.get_kind_display()
    if event.detail:
        what = f"{what} ({event.detail})"
    return AuditRow(
        when=f"{long_date(at.date())}, {at:%H:%M}",
        # The person's name while their account exists; the stored username after.
        who=display_name(event.user) if event.user_id else (event.username or "Unknown"),
        what=what,
        by=display_name(event.actor) if event.actor_id else event.actor_name,
        address=event.ip_address or "",
    )
