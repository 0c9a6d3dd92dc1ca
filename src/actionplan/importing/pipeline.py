"""The import pipeline: read a file, walk its rows, interpret every cell, check the result.

    parse_file(path) -> PlanDocument

Each step is its own module; this one puts them in order and turns what they noticed into
warnings that name the recommendation, the action and the text. It reads the plan-wide
facts (front matter, people, bodies) and each recommendation; each action's cells are
read by actions.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import ValidationError

from actionplan.core.text import printable
from actionplan.importing import catalogue
from actionplan.importing.actions import ActionReader, checked_parties, timescale_named
from actionplan.importing.bodies import Bodies
from actionplan.importing.cells import number_key
from actionplan.importing.checks import check_cross_references
from actionplan.importing.columns import Role
from actionplan.importing.errors import NoHeaderFound, PlanReadError
from actionplan.importing.explain import no_header_problem
from actionplan.importing.frontmatter import read_front_matter, reporting_meeting
from actionplan.importing.labelled import as_table
from actionplan.importing.layout import Layout
from actionplan.importing.numbering import Numbered, assign_refs
from actionplan.importing.people import People
from actionplan.importing.ragkey import fold, read_rag_key
from actionplan.importing.readers import Limits, read_bytes, read_document
from actionplan.importing.readers.packages import Budget, Refused
from actionplan.importing.readers.rows import Document
from actionplan.importing.register import people_table
from actionplan.importing.structure import walk
from actionplan.importing.walked import RawRecommendation, header_at
from actionplan.interchange import (
    Action,
    CrossReference,
    Objective,
    Party,
    PlanDocument,
    Recommendation,
    Source,
    Warning,
    sheet,
)


def parse_file(
    path: str | os.PathLike, layout: Layout | None = None, *, limits: Limits | None = None
) -> PlanDocument:
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _read_interchange(path.read_bytes(), str(path))
    budget = Budget(limits or Limits())
    return interpret_read(read_document(path, limits=limits, budget=budget), layout, budget)


def parse_bytes(
    data: bytes, filename: str, layout: Layout | None = None, *, limits: Limits | None = None
) -> PlanDocument:
    """The plan in an upload, read and interpreted within `limits`: the time allowed
    covers both, since interpreting a huge table takes longer than reading it."""
    if filename.lower().endswith(".json"):
        return _read_interchange(data, filename)
    budget = Budget(limits or Limits())
    return interpret_read(read_bytes(data, filename, limits=limits, budget=budget), layout, budget)


def interpret_read(doc: Document, layout: Layout | None, budget: Budget) -> PlanDocument:
    """A document already read (`read_bytes` with `budget`) interpreted within the same
    budget: the web reads a file once, explains it, looks up a saved layout, then this.
    actionplan's own spreadsheet export is read back whole (interchange/sheet.py)."""
    exported = sheet.read(
        [row.cells for row in doc.rows], doc.file, doc.format, [row.where for row in doc.rows]
    )
    if exported is not None:
        # Packed JSON can carry any character, as an interchange file can (below).
        return PlanDocument.model_validate(_printable(exported.model_dump()))
    try:
        return interpret(doc, layout, budget)
    except Refused as e:
        raise PlanReadError(doc.file, str(e)) from None


def _read_interchange(data: bytes, filename: str) -> PlanDocument:
    try:
        doc = PlanDocument.from_json(data)
    except ValidationError as e:
        first = e.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise PlanReadError(
            filename, f"not a plan-interchange file: {place}: {first['msg']}"
        ) from None
    # JSON can carry any character, a NUL included, which PostgreSQL refuses to store and no
    # paper can print: the text becomes printable, as everything typed into a form does.
    return PlanDocument.model_validate(_printable(doc.model_dump()))


def _printable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def interpret(
    doc: Document, layout: Layout | None = None, budget: Budget | None = None
) -> PlanDocument:
    return _Interpreter(doc, layout, budget).run()


class _Interpreter:
    def __init__(self, doc: Document, layout: Layout | None = None, budget: Budget | None = None):
        self.doc = doc
        self.layout = layout
        self.budget = budget
        self.catalogue = catalogue.load()
        self.warnings: list[Warning] = []

    def _first_header(self, doc: Document) -> int | None:
        return next((i for i in range(len(doc.rows)) if header_at(doc.rows, i, self.layout)), None)

    def warn(
        self,
        message: str,
        *,
        rec: str | None = None,
        action: str | None = None,
        text: str = "",
        where: str = "",
    ) -> None:
        place = where
        if rec:
            place = f"Recommendation {rec}" + (f", action {action}" if action else "")
        self.warnings.append(
            Warning(
                where=place or where, message=message, recommendation=rec, action=action, text=text
            )
        )

    def run(self) -> PlanDocument:
        doc = self.doc
        first_table = self._first_header(doc)
        if first_table is None and (labelled := as_table(doc)) is not None:
            self.doc = doc = labelled  # paragraphs labelled alike for each recommendation
            first_table = self._first_header(doc)
            self.warn(
                "the plan has no table; its paragraphs labelled alike are read as one "
                "recommendation each",
                where="plan",
            )
        if first_table is None and doc.format == "docx" and not any(r.in_table for r in doc.rows):
            raise PlanReadError(
                doc.file,
                "the document has no tables; a plan is read from its tables, or from "
                "paragraphs labelled alike for each recommendation ('Action taken', "
                "'Status: ...')",
            )
        if first_table is None:
            raise NoHeaderFound(doc.file, no_header_problem(doc, self.layout), doc)
        all_text = "\n".join("\t".join(r.cells) for r in doc.rows)
        plan = read_front_matter(doc.rows[:first_table], all_text, Path(doc.file).stem)
        plan.rag_key = read_rag_key(doc.rows)
        cover_items = plan.cover.recommendations if plan.cover else []
        walked = walk(doc, cover_items, self.layout)
        if not any(r.actions for r in walked.recommendations):
            where = doc.rows[walked.headers[0][0]].where if walked.headers else "?"
            raise PlanReadError(
                doc.file,
                f"the header row ({where}) has no actions under it; if it is not the header, "
                "name the right one with --header-row N",
            )
        period = (
            (plan.period.start, plan.period.end) if plan.period.start and plan.period.end else None
        )
        self.timescales = plan.timescales
        progress_headers = [
            c.headers[c.roles[Role.PROGRESS]] for _, c in walked.headers if Role.PROGRESS in c.roles
        ]
        meeting = (
            None
            if plan.cover
            else reporting_meeting(plan.front_matter, progress_headers, period, self.warn)
        )
        for where, message, text in walked.notes:
            self.warn(message, where=where, text=text)

        people = People(self.catalogue)
        self._harvest(people, walked.recommendations, plan)
        bodies = Bodies(self.catalogue, person_initials=people.initials())
        bodies.learn_definitions(all_text)
        bodies.learn_usage(
            [a.cell(Role.REPORTING) for r in walked.recommendations for a in r.actions]
        )
        self.people = people
        self.actions = ActionReader(
            self.catalogue,
            people,
            bodies,
            self.warn,
            period=period,
            plan_start=plan.period.start,
            timescales=plan.timescales,
            meeting=meeting,
            rag_key={fold(k.label): k.rag for k in plan.rag_key},
            budget=self.budget,
        )

        plan.lead_body = self._lead_body(walked.recommendations)
        timescale_keys = {t.key for t in plan.timescales}
        recommendations = []
        for raw in walked.recommendations:
            rec = self._recommendation(raw)
            if rec.timescale and timescale_keys and rec.timescale not in timescale_keys:
                self.warn(
                    f"timescale {rec.timescale!r} is not defined at the top of the plan",
                    rec=rec.number,
                )
            recommendations.append(rec)
        check_cross_references(recommendations, self.warn)
        if read_by_colour := self.actions.read_by_colour:
            self.warn(
                f"the RAG of {read_by_colour} action{'s' * (read_by_colour != 1)} is "
                "read from its cell's colour alone (the nearest of red, amber, green and blue)",
                where="plan",
            )
        for bare, named in self.actions.renamed.items():
            self.warn(
                f"{bare!r} in a lead column is read as {named!r}, as its header says",
                where="plan",
                text=bare,
            )
        if cover_items:
            for k, item in enumerate(cover_items):
                if k not in walked.cover_matches and not any(
                    r.title == item[:1].upper() + item[1:] for r in recommendations
                ):
                    self.warn(
                        "the covering report lists this recommendation but the plan has no actions for it",
                        where="covering report",
                        text=item,
                    )
        document = PlanDocument(
            source=Source(file=Path(doc.file).name, format=doc.format),
            plan=plan,
            people=people.people(),
            bodies=bodies.bodies(),
            recommendations=recommendations,
        )
        for text, message in bodies.notes:
            self.warn(message, where="bodies", text=text)
        document.warnings = self.warnings
        # Each action also carries the messages about it, so it can be read on its own.
        by_action: dict[tuple[str | None, str | None], list[str]] = {}
        for w in self.warnings:
            if w.action:
                by_action.setdefault((w.recommendation, w.action), []).append(w.message)
        for rec in recommendations:
            for action in rec.actions:
                action.warnings = by_action.get((rec.number, action.ref), [])
        return document

    # -- people and bodies ----------------------------------------------------------------

    def _harvest(self, people: People, recs: list[RawRecommendation], plan) -> None:
        for name, role, organisation in people_table(self.doc.rows):
            people.harvest(name)
            people.note_role(name, role)
            people.note_organisation(name, organisation)
        for rec in recs:
            for cell in rec.owners:
                people.harvest(cell)
            for action in rec.actions:
                people.harvest(action.cell(Role.LEADS))
                people.harvest(action.cell(Role.PARTNERS))
        if plan.cover and plan.cover.author:
            people.harvest(plan.cover.author)
            people.note_role(plan.cover.author, plan.cover.author_role)

    def _lead_body(self, recs: list[RawRecommendation]) -> str:
        values = [(value, where, rec) for rec in recs for value, where in rec.lead_bodies]
        if not values:
            return ""
        counts: dict[str, int] = {}
        for value, _, _ in values:
            counts[value] = counts.get(value, 0) + 1
        main = max(counts, key=lambda value: counts[value])
        for value, where, rec in values:
            if value != main:
                self.warn(
                    f"LEAD BODY reads {value!r} here but {main!r} everywhere else",
                    rec=rec.number,
                    text=value,
                    where=where,
                )
        return main

    # -- recommendations (each action is read by actions.ActionReader) ---------------------

    def _recommendation(self, raw: RawRecommendation) -> Recommendation:
        for where, message, text in raw.notes:
            self.warn(message, rec=raw.number, text=text, where=where)
        owners: list[Party] = []
        for cell in raw.owners:
            owners += checked_parties(self.people.parse(cell), self.warn, raw.number, None, cell)
        if not raw.title:
            self.warn("the recommendation has no title in the plan", rec=raw.number)
        numbered = [Numbered(label=a.label, text=a.cell(Role.ACTION)) for a in raw.actions]
        has_parts = any(a.label.part for a in raw.actions)
        for message in assign_refs(numbered, has_parts=has_parts):
            self.warn(message, rec=raw.number)
        self._report_inferred(raw.number, numbered)
        # A Timescale column that names the plan's timescales ("Short term") says which
        # timescale the recommendation is under, not a date.
        named = {
            timescale_named(a.cell(Role.DUE), self.timescales)
            for a in raw.actions
            if a.cell(Role.DUE)
        }
        if raw.timescale is None and len(named) == 1 and None not in named:
            raw.timescale = named.pop()
        rec = Recommendation(
            number=raw.number,
            title=raw.title,
            timescale=raw.timescale,
            overall_responsibility=owners,
            overview=raw.overview,
            where=raw.where,
            objectives=[Objective(number=n, title=t, where=w) for n, t, w in raw.objectives],
        )
        by_ref: dict[str, Action] = {}
        starred: dict[Role, list[Party]] = {}
        previous: Action | None = None
        for raw_action, num in zip(raw.actions, numbered, strict=True):
            raw_action.impact = raw.impacts.get(raw_action.objective or "", "")
            action = self.actions.read(raw_action, num, rec, by_ref, starred, previous)
            by_ref[action.ref or ""] = action
            rec.actions.append(action)
            previous = action
        for raw_action, action in zip(raw.actions, rec.actions, strict=True):
            given = re.sub(r"\s+", "", raw_action.cell(Role.PARENT_REF))
            if given and given in by_ref:
                action.parent_ref = given
            elif given:
                self.warn(
                    f"the parent ref {given!r} is not an action of this recommendation",
                    rec=rec.number,
                    action=action.ref,
                )
        for action in rec.actions:
            if not action.leads:
                self.warn(
                    "the action has no lead officer",
                    rec=rec.number,
                    action=action.ref,
                    text=action.text[:100],
                )
        seen = {c.recommendation for a in rec.actions for c in a.cross_references}
        rec.cross_references = [
            CrossReference(recommendation=n) for n in sorted(seen, key=lambda n: (number_key(n), n))
        ]
        return rec

    def _report_inferred(self, rec: str, numbered: list[Numbered]) -> None:
        inferred = [n.ref for n in numbered if n.inferred]
        if not inferred:
            return
        if len(inferred) == len(numbered):
            self.warn(
                f"no action is numbered in the plan; numbered {inferred[0]} to {inferred[-1]} in document order",
                rec=rec,
            )
            return
        runs: list[list[Numbered]] = []
        for n, before in zip(numbered, [None, *numbered[:-1]], strict=True):
            if not n.inferred:
                continue
            if (
                runs
                and before is runs[-1][-1]
                and n.parent_ref
                and n.parent_ref == before.parent_ref
            ):
                runs[-1].append(n)
            else:
                runs.append([n])
        for run in runs:
            if len(run) == 1:
                message = (
                    f"the action has no number in the plan; numbered {run[0].ref} from its place"
                )
            else:
                message = f"actions {run[0].ref} to {run[-1].ref} have no numbers in the plan; numbered from their place"
            self.warn(message, rec=rec, action=run[0].ref, text=run[0].text[:100])
