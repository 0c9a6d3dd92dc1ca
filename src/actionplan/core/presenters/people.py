"""How a person (a user account) is shown on every page: the one display name."""

from __future__ import annotations


def display_name(user) -> str:
    """The person's full name; until they give one, their e-mail address, else their
    username; '' for nobody. The full name is `first_name` (ADR 0027: one "Full name" field,
    as GOV.UK asks; a name split in two by an older account still reads whole)."""
    if user is None:
        return ""
    name = " ".join(f"{user.first_name} {user.last_name}".split())
    return name or getattr(user, "email", "") or user.get_username()
