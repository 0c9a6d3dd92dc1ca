"""How an indicator is doing: RAG against its target, and its direction of travel.

Pure Python (no Django), so the rules are tested without a database. Polarity says which
way is better: "higher" (more children seen) or "lower" (fewer re-referrals). Tolerance
is how far short of the target, in the indicator's own unit, still counts as amber.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

HIGHER, LOWER = "higher", "lower"

Number = Decimal | int | float


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Direction(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    STEADY = "no change"


def rag_against_target(
    value: Number | None, target: Number | None, tolerance: Number | None, polarity: str
) -> Rag | None:
    """Green on or beyond the target, amber short of it by no more than the tolerance,
    red further off; None without a value or a target."""
    if value is None or target is None:
        return None
    shortfall = _shortfall(_decimal(value), _decimal(target), polarity)
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= _decimal(tolerance or 0):
        return Rag.AMBER
    return Rag.RED


def direction(previous: Number | None, latest: Number | None, polarity: str) -> Direction | None:
    """Which way the latest value moved from the one before, as good or bad news."""
    if previous is None or latest is None:
        return None
    change = _shortfall(_decimal(latest), _decimal(previous), polarity)
    if change == 0:
        return Direction.STEADY
    return Direction.WORSENING if change > 0 else Direction.IMPROVING


def _shortfall(value: Decimal, reference: Decimal, polarity: str) -> Decimal:
    """How far value falls short of reference, the way the polarity counts: negative
    when it is better."""
    if polarity == HIGHER:
        return reference - value
    if polarity == LOWER:
        return value - reference
    raise ValueError(f"polarity must be {HIGHER!r} or {LOWER!r}, not {polarity!r}")


def _decimal(number: Number) -> Decimal:
    # Through str, so 0.1 is 0.1 and not its binary neighbour.
    return number if isinstance(number, Decimal) else Decimal(str(number))
