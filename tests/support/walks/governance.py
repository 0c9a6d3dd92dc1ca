"""The governance app's URLs in the URL walk (tests/web/test_url_walk.py merges them).

EXPECTED: URL name -> {persona: status}, "*" for every persona not named.
ids(personas): URL name -> the args to reverse it with, on personas.plan.
guessed(personas): URLs with another council's ids in them; every reader must get 404.
"""

from __future__ import annotations

EXPECTED: dict[str, dict[str, int]] = {}


def ids(personas) -> dict[str, list]:
    return {}


def guessed(personas) -> list[str]:
    return []
