"""RAG and status tags: no database."""

from __future__ import annotations

import pytest

from actionplan.core.presenters.tags import (
    DEFAULT_RAG_KEY,
    RagKey,
    Tag,
    rag_key,
    rag_tag,
    status_tag,
)


def test_each_rag_colour_has_its_govuk_tag_colour():
    assert rag_tag("Red", DEFAULT_RAG_KEY) == Tag("Red", "govuk-tag--red")
    assert rag_tag("amber", DEFAULT_RAG_KEY).classes == "govuk-tag--orange"
    assert rag_tag("green", DEFAULT_RAG_KEY).classes == "govuk-tag--green"
    assert rag_tag("blue", DEFAULT_RAG_KEY).classes == "govuk-tag--blue"


def test_a_council_key_labels_the_tags_its_own_way():
    key = rag_key([("blue", "Fully achieved", "Done and evidenced"), ("green", "On track", "x")])
    assert rag_tag("blue", key) == Tag("Fully achieved", "govuk-tag--blue")
    assert [i.meaning for i in key.items] == ["Done and evidenced", "x"]


def test_no_rag_is_said_in_words():
    assert rag_tag("", DEFAULT_RAG_KEY) == Tag("No RAG", "govuk-tag--grey")


def test_a_key_without_colours_is_refused():
    with pytest.raises(ValueError):
        RagKey(())


def test_the_default_key_lists_four_colours_with_their_meanings():
    assert [i.colour for i in DEFAULT_RAG_KEY.items] == ["red", "amber", "green", "blue"]
    assert all(i.meaning for i in DEFAULT_RAG_KEY.items)


@pytest.mark.parametrize(
    ("status", "text", "colour"),
    [
        ("on_track", "On track", "govuk-tag--turquoise"),
        ("On track", "On track", "govuk-tag--turquoise"),
        ("Completed - awaiting sign-off", "Completed – awaiting sign-off", "govuk-tag--purple"),
        ("complete", "Complete", "govuk-tag--green"),
        ("Slipping a bit", "Slipping a bit", "govuk-tag--grey"),
    ],
)
def test_statuses_have_their_own_tags(status, text, colour):
    assert status_tag(status) == Tag(text, colour)


def test_no_status_is_no_tag():
    assert status_tag("  ") is None
