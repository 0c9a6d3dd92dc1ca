"""Action numbers as councils write them, and the references actionplan gives actions.

Real plans number irregularly: "1.", "4a", "2 (a).", "(a)", "(A) Immediate/ operational
CSC: 1.", "Phase 1: 1.", "1.2", and often not at all. `read_label` takes the label off the
front of an action's text; `assign_refs` gives every action of a recommendation a
reference that is unique within it, inferring the missing ones from their neighbours and
saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_PART = re.compile(r"^\(([A-Z])\)\s*(?P<title>[^:()]{0,80}?)\s*:\s*")
_PHASE = re.compile(r"^Phase\s+(?P<phase>\d+)\s*[:;.–-]\s*", re.IGNORECASE)
_DOTTED = re.compile(r"^(?P<dotted>\d{1,2}(?:\.\d{1,2})+[a-z]?)(?:[.):]|\s)\s*(?=\S)")
_NUMBER = re.compile(
    r"^(?P<num>\d{1,2})(?P<letter>[a-z])?(?:\s*\((?P<sub>[a-z]|[ivx]{1,4})\))?"
    rf"(?:[.):](?!\d)\s*|\s+)(?!(?:{_MONTHS})\b|%)(?=\S)"
)
_SUB = re.compile(r"^\((?P<sub>[a-z]|[ivx]{1,4})\)\s*")
# "a) School Self Evaluation", "b. Review the ...": a letter closed by ")" or "." before a
# capital; a sub-item as "(a)" is, written as a list letter.
_LETTER = re.compile(r"^(?P<sub>[a-z])[.)]\s+(?=[A-Z])")
# "(1a) Raise performance": a number written in brackets.
_BRACKETED = re.compile(r"^\((?P<number>\d{1,2}[a-z]?)\)\s+(?=\S)")
_LEADIN = re.compile(r"^(?P<leadin>[^:()]{3,80}?:-?)\s*(?=\(?[a-z0-9]{1,2}[.)]\s)")


@dataclass
class Label:
    """What the front of an action's text says about its place."""

    text: str  # the text with the label taken off
    number: str | None = None  # as written: "2 (a)", "4a", "(c)", "1.2"
    top: int | None = None  # 2 for "2 (a)"
    suffix: str = ""  # "a" for "4a"; "(a)" for "2 (a)"
    sub_only: bool = False  # "(c)": a sub-item of the last numbered action
    dotted: str | None = None  # "1.2"
    part: str | None = None
    part_title: str = ""
    phase: str | None = None
    given_ref: str | None = None  # a Ref column's value, taken as the ref as it stands


def read_label(text: str) -> Label:
    rest = text.strip()
    label = Label(text=rest)
    if m := _PART.match(rest):
        label.part, label.part_title = m.group(1), m.group("title").strip()
        rest = rest[m.end() :]
    if m := _PHASE.match(rest):
        label.phase = m.group("phase")
        rest = rest[m.end() :]
    if m := _BRACKETED.match(rest):
        rest = f"{m.group('number')} {rest[m.end() :]}"
    leadin = ""
    if (
        not _NUMBER.match(rest)
        and not _SUB.match(rest)
        and not _LETTER.match(rest)
        and (m := _LEADIN.match(rest))
    ):
        leadin, rest = m.group("leadin"), rest[m.end() :]
    if m := _DOTTED.match(rest):
        label.number = label.dotted = m.group("dotted")
        rest = rest[m.end() :]
    elif m := _NUMBER.match(rest):
        label.number = m.group(0).strip().rstrip(".):").strip()
        label.top = int(m.group("num"))
        label.suffix = (m.group("letter") or "") + (f"({m.group('sub')})" if m.group("sub") else "")
        rest = rest[m.end() :]
    elif m := _SUB.match(rest):
        label.number = f"({m.group('sub')})"
        label.suffix = label.number
        label.sub_only = True
        rest = rest[m.end() :]
    elif m := _LETTER.match(rest):
        label.number = m.group("sub")
        label.suffix = f"({m.group('sub')})"
        label.sub_only = True
        rest = rest[m.end() :]
    elif leadin:
        rest = f"{leadin} {rest}"  # a colon that introduced no number
        leadin = ""
    parts = [p for p in (label.part_title and f"{label.part_title}:", leadin, rest) if p]
    label.text = " ".join(parts).strip()
    return label


@dataclass
class Numbered:
    """One action as far as numbering is concerned."""

    label: Label
    text: str
    ref: str | None = None
    parent_ref: str | None = None
    inferred: bool = False
    notes: list[str] = field(default_factory=list)


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[n % 26]


def _introduces_list(text: str) -> bool:
    return bool(re.search(r"(?::-?|:\s*-|following)\s*$", text.strip()))


def assign_refs(actions: list[Numbered], *, has_parts: bool) -> list[str]:
    """Give each action a ref unique within its recommendation. Returns warnings."""
    warnings: list[str] = []
    part = None
    top: int | None = None  # the last top-level number in this part
    top_ref: str | None = None
    children: dict[str, int] = {}
    list_parent: str | None = None  # an action ending "...:-" whose bullets follow
    seen: dict[str, int] = {}
    following_tops = _following_tops(actions)
    for i, action in enumerate(actions):
        label = action.label
        if label.part and label.part != part:
            part, top, top_ref, list_parent = label.part, None, None, None
        prefix = f"{part}." if has_parts and part else ""
        if label.given_ref:
            ref = label.given_ref
            if label.top is not None:
                top, top_ref = label.top, ref
        elif label.dotted:
            ref = prefix + label.dotted
        elif label.top is not None:
            top, top_ref = label.top, prefix + str(label.top)
            ref = prefix + str(label.top) + label.suffix
        elif label.sub_only and top_ref is not None:
            ref = top_ref + label.suffix
        elif label.sub_only:
            ref = prefix + label.suffix
        else:
            action.inferred = True
            starts_lower = action.text[:1].islower()
            if list_parent and starts_lower:
                n = children.get(list_parent, 0)
                children[list_parent] = n + 1
                ref = f"{list_parent}({_letter(n)})"
            else:
                following = following_tops[i]
                current = top or 0
                if following is None or current + 1 < following:
                    top = current + 1
                    top_ref = ref = prefix + str(top)
                else:
                    parent = top_ref or prefix + str(current)
                    n = children.get(parent, 0)
                    children[parent] = n + 1
                    ref = f"{parent}({_letter(n)})"
        if _introduces_list(action.text):
            list_parent = ref
        elif not (action.inferred and action.text[:1].islower()):
            list_parent = None  # a numbered action ends the bullet list
        if ref in seen:
            seen[ref] += 1
            warnings.append(
                f"the number {action.label.number or ref} is used twice in this recommendation"
            )
            ref = f"{ref}#{seen[ref]}"
        else:
            seen[ref] = 1
        action.ref = ref
    refs = {a.ref for a in actions}
    for action in actions:
        action.parent_ref = _parent(action.ref or "", refs)
    return warnings


def _following_tops(actions: list[Numbered]) -> list[int | None]:
    """For each action, the next top-level number after it in its part (None when another
    part starts first, or none comes): one pass back over the actions, where looking ahead
    from each one made a plan of unnumbered rows quadratic (500,000 rows: hours)."""
    parts: list[str | None] = []  # the part each action is in
    part = None
    for action in actions:
        if action.label.part and action.label.part != part:
            part = action.label.part
        parts.append(part)
    following: list[int | None] = [None] * len(actions)
    ahead: int | None = None  # the answer for the action before the one looked at
    for j in range(len(actions) - 1, 0, -1):
        label = actions[j].label
        if label.part and label.part != parts[j - 1]:
            ahead = None  # another part starts here
        elif label.top is not None:
            ahead = label.top
        following[j - 1] = ahead
    return following


def _parent(ref: str, refs: set[str | None]) -> str | None:
    """The nearest ref that this one extends: 4a -> 4, 2(a) -> 2, 1.2.1 -> 1.2."""
    candidate = ref
    while candidate:
        candidate = re.sub(r"(?:\([a-z]+\)|[a-z]|\.\d+|#\d+)$", "", candidate)
        if candidate == ref or not candidate:
            return None
        if candidate in refs:
            return candidate
        ref = candidate
    return None
