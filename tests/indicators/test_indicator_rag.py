"""RAG against target and direction of travel, without a database."""

from decimal import Decimal

import pytest

from actionplan.indicators.rag import Direction, Rag, direction, rag_against_target


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (100, Rag.GREEN),
        (96, Rag.GREEN),
        (95, Rag.GREEN),
        (94.9, Rag.AMBER),
        (90, Rag.AMBER),
        (89.99, Rag.RED),
        (0, Rag.RED),
    ],
)
def test_higher_is_better_is_green_at_the_target_and_amber_within_tolerance(value, rag):
    assert rag_against_target(value, target=95, tolerance=5, polarity="higher") == rag


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (Decimal("12.5"), Rag.GREEN),
        (15, Rag.GREEN),
        (17, Rag.AMBER),
        (18, Rag.AMBER),
        (18.1, Rag.RED),
    ],
)
def test_lower_is_better_turns_the_comparison_round(value, rag):
    assert rag_against_target(value, target=15, tolerance=3, polarity="lower") == rag


def test_without_a_tolerance_short_of_the_target_is_red():
    assert rag_against_target(99, 100, None, "higher") == Rag.RED
    assert rag_against_target(100, 100, 0, "higher") == Rag.GREEN


def test_decimals_and_floats_compare_exactly():
    # In floats 95 - 90.1 is 4.900000000000006, which would be more than the tolerance.
    assert rag_against_target(90.1, 95, 4.9, "higher") == Rag.AMBER
    assert rag_against_target(Decimal("0.3"), 0.3, 0, "higher") == Rag.GREEN


def test_no_value_or_no_target_means_no_rag():
    assert rag_against_target(None, 100, 5, "higher") is None
    assert rag_against_target(80, None, 5, "higher") is None


@pytest.mark.parametrize(
    ("previous", "latest", "polarity", "expected"),
    [
        (80, 85, "higher", Direction.IMPROVING),
        (85, 80, "higher", Direction.WORSENING),
        (20, 15, "lower", Direction.IMPROVING),
        (15, 20, "lower", Direction.WORSENING),
        (Decimal("50.0"), 50, "higher", Direction.STEADY),
        (None, 50, "higher", None),
    ],
)
def test_the_direction_of_travel_follows_the_polarity(previous, latest, polarity, expected):
    assert direction(previous, latest, polarity) == expected


def test_an_unknown_polarity_is_a_bug_not_a_colour():
    with pytest.raises(ValueError, match="polarity must be"):
        rag_against_target(1, 2, 0, "sideways")
