"""Status and RAG as GOV.UK tags. No database: the monitoring pages pass in their data.

RAG is never shown alone: `rag_tag(value, key)` needs the key it is read by, and the
`{% rag %}` template tag with it, so the page that shows a colour has the key at hand to
show with `{% rag_key key %}`. Delivery status (how the work is going) is kept apart from
RAG (what the council's rules make of it); pages show it as words beside the RAG tag
(`{% status %}`), so RAG's colours are the only colours a row carries. STATUSES' classes
are for the places that show a status alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    text: str
    classes: str = ""


# GOV.UK tag colours for the RAG colours councils use, Blue (complete) included.
RAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "blue": "govuk-tag--blue",
}
_NO_RAG = Tag("No RAG", "govuk-tag--grey")


@dataclass(frozen=True)
class RagKeyItem:
    colour: str
    label: str
    meaning: str

    @property
    def tag(self) -> Tag:
        return Tag(self.label, RAG_CLASSES.get(self.colour, "govuk-tag--grey"))


@dataclass(frozen=True)
class RagKey:
    """What each colour means, in the order to list them: from the plan's rules."""

    items: tuple[RagKeyItem, ...]
    title: str = "What the colours mean"

    def __post_init__(self):
        if not self.items:
            raise ValueError("a RAG key needs at least one colour")

    def label(self, colour: str) -> str | None:
        return next((i.label for i in self.items if i.colour == colour), None)


def rag_key(
    definitions: Iterable[tuple[str, str]] | Iterable[tuple[str, str, str]], **kw
) -> RagKey:
    """A key from (colour, meaning) or (colour, label, meaning) rows."""
    items = []
    for row in definitions:
        if len(row) == 2:
            colour, meaning = row
            label = colour.title()
        else:
            colour, label, meaning = row
        items.append(RagKeyItem(colour.strip().lower(), label, meaning))
    return RagKey(tuple(items), **kw)


# The default rules, worded for the key, until a plan has its own definitions.
DEFAULT_RAG_KEY = rag_key(
    [
        ("red", "Off track, or more than a month past a milestone"),
        ("amber", "At risk, or up to a month past a milestone"),
        ("green", "On track"),
        ("blue", "Complete and signed off"),
    ]
)


def rag_tag(value: str | None, key: RagKey) -> Tag:
    """The tag for a RAG value, labelled as `key` labels it."""
    colour = (value or "").strip().lower()
    if not colour:
        return _NO_RAG
    label = key.label(colour) or colour.title()
    return Tag(label, RAG_CLASSES.get(colour, "govuk-tag--grey"))


# Delivery status: how the work is going, as the person updating it says.
STATUSES = {
    "not_started": Tag("Not started", "govuk-tag--grey"),
    "on_track": Tag("On track", "govuk-tag--turquoise"),
    "at_risk": Tag("At risk", "govuk-tag--yellow"),
    "off_track": Tag("Off track", "govuk-tag--red"),
    "awaiting_sign_off": Tag("Completed – awaiting sign-off", "govuk-tag--purple"),
    "complete": Tag("Complete", "govuk-tag--green"),
    "closed_not_completed": Tag("Closed – not completed", "govuk-tag--pink"),
}
_STATUS_WORDS = {
    "not started": "not_started",
    "on track": "on_track",
    "at risk": "at_risk",
    "off track": "off_track",
    "completed - awaiting sign-off": "awaiting_sign_off",
    "completed – awaiting sign-off": "awaiting_sign_off",
    "awaiting sign-off": "awaiting_sign_off",
    "complete": "complete",
    "completed": "complete",
    "closed - not completed": "closed_not_completed",
    "closed – not completed": "closed_not_completed",
}


def status_tag(status: str | None) -> Tag | None:
    """The tag for a status: one of STATUSES' keys, or words a plan used ("On track");
    other text keeps its words in a grey tag. None for no status."""
    text = (status or "").strip()
    if not text:
        return None
    key = text if text in STATUSES else _STATUS_WORDS.get(text.casefold())
    return STATUSES[key] if key else Tag(text, "govuk-tag--grey")
