"""Retention: what each app deletes or anonymises once it is kept no longer (docs/privacy.md).

Apps register a policy in their AppConfig.ready(); `actionplan retention` (or its task, from
cron) runs them all. A policy takes today's date and returns how many records it changed; it
must be safe to run again (a second run changes nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Policy = Callable[[dt.date], int]
policies: dict[str, Policy] = {}


def register(name: str, policy: Policy) -> None:
    policies[name] = policy


def enforce(today: dt.date) -> dict[str, int]:
    """Run every policy as at `today`: {its name: how many records it changed}."""
    return {name: policy(today) for name, policy in policies.items()}
