"""Where to e-mail the people a plan names: the one lookup from parties to addresses."""

from __future__ import annotations

from collections.abc import Iterable

from actionplan.accounts.models import Membership
from actionplan.governance.models import Contact


def email_addresses(plan_id: int, party_ids: Iterable[int]) -> dict[int, str]:
    """Each party's address: its contact e-mail if one is recorded, else the e-mail of the
    account that is this party in the plan. Parties with neither are left out."""
    wanted = set(party_ids)
    found = dict(
        Membership.objects.filter(plan_id=plan_id, party_id__in=wanted)
        .exclude(user__email="")
        .order_by("created_at", "pk")
        .values_list("party_id", "user__email")
    )
    # A recorded contact wins: it is the address someone chose for reminders.
    found.update(Contact.objects.filter(party_id__in=wanted).values_list("party_id", "email"))
    return found
