"""Issue 15, point 6: the words a child might use to say they are at risk are flagged, and
what children say about services that help them is not."""

from __future__ import annotations

import pytest

from actionplan.voice.risk import risk_matches


@pytest.mark.parametrize(
    "quote",
    [
        "he hits me",
        "I don't feel safe at home",
        "I don’t want to live any more",
        "I get hit when I am bad",
        "they lock me in my room",
        "nobody feeds me",
        "he beats my mum",
        "I got kicked out",
        "an older man gives me money",
        "I want to kill myself",
        "mum's boyfriend touches me",
        "I went missing last weekend",
    ],
)
def test_what_a_child_at_risk_might_say_is_flagged(quote):
    assert risk_matches(quote), quote


@pytest.mark.parametrize(
    "quote",
    [
        "I feel safe with my carers",
        "My worker listens to me",
        "I got a card with my worker's photo, so I know who's coming.",
        "At my review they changed my contact because of what I said.",
        "Young inspectors should go to every team, not just one.",
        "I like my school and my foster family",
    ],
)
def test_what_children_say_about_services_is_not(quote):
    assert risk_matches(quote) == [], quote
