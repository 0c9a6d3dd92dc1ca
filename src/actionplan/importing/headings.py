"""Headings: the lines that start a recommendation or an objective ("Recommendation 1: ...",
"R1 Raise standards", "a. The quality of plans", "1.0 Ensure that ..."), read as the walk
meets them. `HeadingReader` is the part of the walker (structure.py) that reads them.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from actionplan.importing.layout import Layout
from actionplan.importing.readers.rows import Document, Row
from actionplan.importing.walked import RawRecommendation, folded, header_at, row_cells

NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# The words a plan heads its recommendations with, and the middle level's words.
EXPLICIT_HEADING = re.compile(
    r"^(?P<word>(?P<objective>(?:key\s+)?objective|sub[\s-]*priority)|recommendation"
    r"|areas?\s+(?:for|of|requiring)\s+(?:improvement|development|(?:significant\s+)?weakness)"
    r"|afi|priority(?:\s+action)?|key\s+issue|(?:corporate\s+)?aim|work\s*stream|theme"
    r"|(?:improvement|development)\s+area)\s*"
    rf"(?:no\.?\s*)?(?P<number>\d{{1,2}}(?:\.\d{{1,2}})?(?:[a-z]|\([a-z]\))?|{NUMBER_WORDS})"
    r"(?:\.0)?(?![\w(])\s*[:.–—-]?\s*(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "R1 Raise standards ...", "A1 Reduce surplus places" (recommendation, additional action).
CODED_HEADING = re.compile(r"^(?P<number>[A-Z]{1,2}\d{1,2})\s+(?P<title>[A-Z].{10,})$")
# "a. The quality of plans ...", "A – Ambition and priorities": lettered areas.
LETTERED_HEADING = re.compile(r"^(?P<number>[a-zA-Z])(?:[.)]\s+|\s+[–—-]\s+)(?P<title>[A-Z].{3,})$")
# "1.  Improve the quality of teaching.": a numbered line above a table, under a heading.
NUMBERED_OBJECTIVE = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})?)[.)]?\s+(?P<title>[A-Z].{10,})$"
)
# "The Reading Youth Justice Service manager should:": whom the recommendations below address.
# "Impact: Improving the choice ...": what an objective is for, beside its heading.
NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2})(?:\.0)?\s+(?P<title>[A-Z].{15,})$")
PART_SUFFIX = re.compile(r"\s*[–—-]\s*(?P<part>PART\s+(?P<letter>[A-Z])\b.*)$", re.IGNORECASE)
LEAD_BODY = re.compile(r"^lead\s+body\b", re.IGNORECASE)


class HeadingReader:
    """What the walker knows that reading a heading needs and changes."""

    doc: Document
    rows: list[Row]
    layout: Layout | None
    cover_items: list[str]
    cover_used: dict[int, str]
    recs: list[RawRecommendation]
    rec: RawRecommendation | None
    objective: str | None
    timescale: str | None
    heading_since_table: bool
    part: str | None
    phase: str | None
    notes: list[tuple[str, str, str]]
    pending_lead_body: tuple[str, str] | None
    grouping: list[str]
    section: str
    addressee: str

    def _heading(self, text: str, row: Row, i: int) -> bool:
        if m := EXPLICIT_HEADING.match(text):
            if not row.in_table and not m.group("objective") and self._groups_headings(i):
                self.grouping.append(text)  # "Theme 1: ..." above "Recommendation 1: ..."
                return True
            self._explicit(m, row)
            return True
        coded = CODED_HEADING.match(text) or LETTERED_HEADING.match(text)
        if coded and not row.in_table and self._table_follows(i):
            self._start(coded.group("number"), coded.group("title").strip(), row.where, "heading")
            self.heading_since_table = True
            return True
        numbered = NUMBERED_HEADING.match(text)
        if numbered and not (
            (not row.in_table or self.doc.format != "text") and self._table_follows(i)
        ):
            numbered = None
        objective = NUMBERED_OBJECTIVE.match(text)
        if (
            objective
            and not row.in_table
            and self.rec is not None
            and self.rec.source == "heading"
            and self._table_follows(i)
            and EXPLICIT_HEADING.match(self.rec.heading_text)
        ):
            self._objective(objective.group("number"), objective.group("title").strip(), row)
            return True
        if not numbered:
            return False
        m = numbered
        number, title = m.group("number"), m.group("title").strip()
        part = None
        if p := PART_SUFFIX.search(title):
            part = p.group("letter").upper()
            title = title[: p.start()].strip()
        self.heading_since_table = True
        if self.rec is not None and self.rec.number == number:
            if fuzz.token_set_ratio(folded(title), folded(self.rec.title)) < 80:
                self.rec.notes.append(
                    (
                        row.where,
                        f"the heading repeats number {number} with a different title",
                        title,
                    )
                )
            if part:
                self.part = part
            return True
        self._start(number, title, row.where, "heading")
        if part:
            self.part = part
        return True

    def _explicit(self, m: re.Match[str], row: Row) -> None:
        number, title = m.group("number"), m.group("title").strip()
        if m.groupdict().get("objective"):
            self._objective(number, title, row)
            return
        self.heading_since_table = True
        if self.rec is not None and self.rec.number == number:
            return  # the heading repeated after a page break
        earlier = next((r for r in self.recs if r.number == number and not r.actions), None)
        if earlier is not None:  # the plan's body takes up a heading its summary listed
            self.rec, self.objective = earlier, None
            return
        rec = self._start(number, title, row.where, "heading")
        rec.heading_text = m.group(0)

    def _objective(self, number: str, title: str, row: Row) -> None:
        if self.rec is None:
            self.notes.append(
                (row.where, f"objective {number} comes before any recommendation; kept", title)
            )
            self._start(number, title, row.where, "heading")
            return
        self.heading_since_table = True
        owner = next((r for r in self.recs if number in r.listed), None)
        if owner is not None and number not in self.rec.listed:
            self.rec = owner  # "4." was listed under Key Issue 2 in the plan's summary
        if all(o[0] != number for o in self.rec.objectives):
            self.rec.objectives.append((number, title, row.where))
        self.objective = number

    def _groups_headings(self, i: int) -> bool:
        """Whether the next thing after row i is another heading: then row i groups them."""
        for j in range(i + 1, min(len(self.rows), i + 6)):
            cells = [c for c in row_cells(self.rows[j]) if c]
            if not cells:
                continue
            return (
                len(cells) == 1
                and not self.rows[j].in_table
                and bool(EXPLICIT_HEADING.match(cells[0]))
            )
        return False

    def _table_follows(self, i: int) -> bool:
        seen = 0
        for j in range(i + 1, len(self.rows)):
            cells = row_cells(self.rows[j])
            if not any(cells):
                continue
            if LEAD_BODY.match(cells[0]) or header_at(self.rows, j, self.layout) is not None:
                return True
            seen += 1
            if seen >= 3:
                return False
        return False

    def _start(self, number: str, title: str, where: str, source: str) -> RawRecommendation:
        rec = RawRecommendation(
            number=number, title=title, where=where, timescale=self.timescale, source=source
        )
        if self.pending_lead_body:
            rec.lead_bodies.append(self.pending_lead_body)
            self.pending_lead_body = None
        if self.grouping:
            rec.overview.append(self.grouping[-1])
        if self.section:
            rec.overview.append(self.section)
            rec.section = self.section
        if self.addressee:
            rec.owners.append(self.addressee)
        self.recs.append(rec)
        self.rec = rec
        self.part = self.phase = self.objective = None
        if source in ("heading", "column") and self.cover_items:
            best = self._best_cover_item(title)
            if best is not None:
                self.cover_used[best] = number
        return rec

    def _best_cover_item(self, text: str, threshold: int = 70) -> int | None:
        scored = [
            (fuzz.token_set_ratio(folded(text), folded(item)), k)
            for k, item in enumerate(self.cover_items)
            if k not in self.cover_used
        ]
        best = max(scored, default=(0, None))
        return best[1] if best[0] >= threshold else None
