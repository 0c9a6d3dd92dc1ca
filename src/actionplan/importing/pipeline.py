"""The import pipeline: read a file, walk its rows, interpret every cell, check the result.

    parse_file(path) -> PlanDocument

Each step is its own module; this one puts them in order and turns what they noticed into
warnings that name the recommendation, the action and the text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from pydantic import ValidationError

from actionplan.core.text import printable
from actionplan.importing import catalogue
from actionplan.importing.bodies import Bodies
from actionplan.importing.cells import cross_references, split_milestones, split_reporting
from actionplan.importing.colours import read_colour
from actionplan.importing.columns import Role
from actionplan.importing.dates import find_dates, is_not_a_date, parse_date
from actionplan.importing.errors import PlanReadError
from actionplan.importing.frontmatter import read_front_matter
from actionplan.importing.labelled import as_table
from actionplan.importing.layout import Layout
from actionplan.importing.numbering import Numbered, assign_refs
from actionplan.importing.people import CellParties, People
from actionplan.importing.progress import read_progress, status_of
from actionplan.importing.ragkey import fold, read_rag_key
from actionplan.importing.readers import Limits, read_bytes, read_document
from actionplan.importing.readers.packages import Budget, Refused
from actionplan.importing.readers.rows import Document
from actionplan.importing.structure import (
    RawAction,
    RawRecommendation,
    header_at,
    sheet_of,
    walk,
)
from actionplan.interchange import (
    Action,
    CrossReference,
    Milestone,
    Objective,
    Party,
    PartyKind,
    PlanDocument,
    Recommendation,
    Reporting,
    Source,
    Warning,
)

# A line that is one item of a bulleted list: "• Review the policy", "- Train staff".
_BULLET = re.compile(r"^\s*[•·▪◦●○■□➢➤✓*\-–]\s+")
_SHOWN_ROWS = 8  # rows shown when no header is found
# The meeting a progress update goes to, as a plan's front matter or a column header says:
# "Update for the Scrutiny Sub-Committee – July 2014", "Children and Families Committee:
# 23 May 2022", "Progress presented to Committee Dec 2017".
_MEETING = re.compile(
    r"^(?:(?:progress\s+)?update|(?:progress\s+)?report)\s+(?:for|to)\s+(?:the\s+)?"
    r"(?P<body>.{3,100}?)(?:\s[–—-]\s|:\s*)(?P<when>[^:]{3,40})$"
    r"|^(?P<named>[A-Z].{2,80}?\b(?:Committee|Board|Cabinet|Panel))(?:\s[–—-]\s|:\s*)"
    r"(?P<on>[^:]{3,40})$",
    re.IGNORECASE,
)
_PRESENTED = re.compile(
    r"\b(?:presented|reported|submitted)\s+to\s+(?:the\s+)?(?P<body>.{3,80}?)\s+"
    r"(?P<when>(?:[A-Za-z]+\.?\s+)?\d{4})$",
    re.IGNORECASE,
)


def parse_file(
    path: str | os.PathLike, layout: Layout | None = None, *, limits: Limits | None = None
) -> PlanDocument:
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _read_interchange(path.read_bytes(), str(path))
    budget = Budget(limits or Limits())
    return _interpreted(read_document(path, limits=limits, budget=budget), layout, budget)


def parse_bytes(
    data: bytes, filename: str, layout: Layout | None = None, *, limits: Limits | None = None
) -> PlanDocument:
    """The plan in an upload, read and interpreted within `limits`: the time allowed
    covers both, since interpreting a huge table takes longer than reading it."""
    if filename.lower().endswith(".json"):
        return _read_interchange(data, filename)
    budget = Budget(limits or Limits())
    return _interpreted(read_bytes(data, filename, limits=limits, budget=budget), layout, budget)


def _interpreted(doc: Document, layout: Layout | None, budget: Budget) -> PlanDocument:
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


def no_header_problem(doc: Document, layout: Layout | None = None) -> str:
    """What to say when no row reads as a header: the first rows, to pick one from."""
    sheet = layout.sheet if layout is not None else None
    shown = [
        r for r in doc.rows if not r.is_blank and (sheet is None or sheet_of(r) in (None, sheet))
    ][:_SHOWN_ROWS]
    lines = [
        f"  {r.where}: " + " | ".join(c.strip()[:30] for c in r.cells if c.strip()) for r in shown
    ]
    asked = ""
    if layout is not None and layout.header_row:
        where = f"row {layout.header_row}" + (f" of sheet {sheet!r}" if sheet else "")
        asked = f" ({where} is missing, or names no action, response or recommendation)"
    return (
        f"no table header found{asked}: a plan needs a header row naming at least the action "
        "(or the recommendation), its lead and its date (for example 'Action | Lead officer | "
        "Due date'). Its first rows are:\n" + "\n".join(lines) + "\nName the header row with "
        "--header-row N (and --sheet NAME in a workbook; in a Word document N counts the rows "
        "of each table)."
    )


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
            raise PlanReadError(doc.file, no_header_problem(doc, self.layout))
        all_text = "\n".join("\t".join(r.cells) for r in doc.rows)
        plan = read_front_matter(doc.rows[:first_table], all_text, Path(doc.file).stem)
        plan.rag_key = read_rag_key(doc.rows)
        self.rag_key = {fold(k.label): k.rag for k in plan.rag_key}
        cover_items = plan.cover.recommendations if plan.cover else []
        walked = walk(doc, cover_items, self.layout)
        self.walked = walked
        if not any(r.actions for r in walked.recommendations):
            where = doc.rows[walked.headers[0][0]].where if walked.headers else "?"
            raise PlanReadError(
                doc.file,
                f"the header row ({where}) has no actions under it; if it is not the header, "
                "name the right one with --header-row N",
            )
        self.period = (
            (plan.period.start, plan.period.end) if plan.period.start and plan.period.end else None
        )
        self.plan_start = plan.period.start
        self.timescales = plan.timescales
        self.meeting = None if plan.cover else self._meeting(plan.front_matter, walked)
        self.read_by_colour = 0
        self.renamed: dict[str, str] = {}
        for where, message, text in walked.notes:
            self.warn(message, where=where, text=text)

        people = People(self.catalogue)
        self._harvest(people, walked.recommendations, plan)
        bodies = Bodies(self.catalogue, person_initials=people.initials())
        bodies.learn_definitions(all_text)
        bodies.learn_usage(
            [a.cell(Role.REPORTING) for r in walked.recommendations for a in r.actions]
        )
        self.people, self.bodies = people, bodies

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
        self._check_cross_references(recommendations)
        if self.read_by_colour:
            self.warn(
                f"the RAG of {self.read_by_colour} action{'s' * (self.read_by_colour != 1)} is "
                "read from its cell's colour alone (the nearest of red, amber, green and blue)",
                where="plan",
            )
        for bare, named in self.renamed.items():
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
        for name, role, organisation in _people_table(self.doc.rows):
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
        main = max(counts, key=counts.get)
        for value, where, rec in values:
            if value != main:
                self.warn(
                    f"LEAD BODY reads {value!r} here but {main!r} everywhere else",
                    rec=rec.number,
                    text=value,
                    where=where,
                )
        return main

    def _parties(
        self, parsed: CellParties, rec: str, action: str | None, cell: str = ""
    ) -> list[Party]:
        for problem in parsed.problems:
            self.warn(problem, rec=rec, action=action, text=cell)
        return parsed.parties

    # -- recommendations and actions ------------------------------------------------------

    def _recommendation(self, raw: RawRecommendation) -> Recommendation:
        for where, message, text in raw.notes:
            self.warn(message, rec=raw.number, text=text, where=where)
        owners: list[Party] = []
        for cell in raw.owners:
            owners += self._parties(self.people.parse(cell), raw.number, None, cell)
        if not raw.title:
            self.warn("the recommendation has no title in the plan", rec=raw.number)
        numbered = [Numbered(label=a.label, text=a.cell(Role.ACTION)) for a in raw.actions]
        has_parts = any(a.label.part for a in raw.actions)
        for message in assign_refs(numbered, has_parts=has_parts):
            self.warn(message, rec=raw.number)
        self._report_inferred(raw.number, numbered)
        # A Timescale column that names the plan's timescales ("Short term") says which
        # timescale the recommendation is under, not a date.
        named = {self._timescale_named(a.cell(Role.DUE)) for a in raw.actions if a.cell(Role.DUE)}
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
            action = self._action(raw_action, num, rec, by_ref, starred, previous)
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
            CrossReference(recommendation=n) for n in sorted(seen, key=_number_key)
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

    def _action(
        self, raw: RawAction, num: Numbered, rec: Recommendation, by_ref, starred, previous
    ) -> Action:
        if self.budget:
            self.budget.check_time()
        ref = num.ref
        text, steps = split_steps(_unquoted(raw.cell(Role.ACTION)))
        action = Action(
            ref=ref,
            parent_ref=num.parent_ref,
            text=text,
            steps=steps,
            objective=raw.objective,
            success_criteria=raw.cell(Role.SUCCESS_CRITERIA) or raw.impact,
            indicators=_indicators(raw.cell(Role.INDICATORS)),
            resources=raw.cell(Role.RESOURCES),
            number=raw.label.number,
            ref_inferred=num.inferred,
            part=raw.part,
            phase=raw.phase,
            lead_text=raw.cell(Role.LEADS),
            partners_text=raw.cell(Role.PARTNERS),
            milestones_text=raw.cell(Role.MILESTONES),
            reporting_text=raw.cell(Role.REPORTING),
            extra=raw.extra,
            where=raw.where,
        )
        for role, field in ((Role.LEADS, "leads"), (Role.PARTNERS, "partners")):
            parsed = self.people.parse(raw.cell(role))
            parties = self._parties(parsed, rec.number, ref, raw.cell(role))
            if parsed.reference is not None:
                parties = self._resolve(parsed, role, field, rec, ref, by_ref, starred, previous)
            if parsed.starred:
                starred[role] = parties
            if role == Role.LEADS:
                parties = self._with_column_nouns(parties, raw.lead_columns)
            setattr(action, field, parties)
        action.milestones = self._milestones(raw, previous, rec, ref, action)
        action.reporting = self._reporting(raw, previous)
        if stated_start := parse_date(raw.cell(Role.START), self.period):
            action.start = stated_start.start
        if self.meeting is not None:
            action.reporting.append(self.meeting.model_copy())
        if committee := raw.cell(Role.REPORTING_DATE):
            when = parse_date(committee, self.period)
            action.reporting.append(
                Reporting(
                    text=committee,
                    due=when.due if when else None,
                    start=when.start if when else None,
                    precision=when.precision if when else None,
                )
            )
        mentions, problems = self.people.mentions(action.text)
        action.mentions = mentions
        for problem in problems:
            self.warn(
                f"the action text mentions {problem!r}, who matches no one named in the plan",
                rec=rec.number,
                action=ref,
                text=action.text[:120],
            )
        for text in (action.text, action.resources, raw.cell(Role.MILESTONES)):
            for number, context in cross_references(text):
                if number != rec.number and all(
                    c.recommendation != number for c in action.cross_references
                ):
                    action.cross_references.append(
                        CrossReference(recommendation=number, text=context)
                    )
        # A due column says when; without one, a date in the action's own words does
        # ("Key Actions Summary (with end date)").
        stated = [] if raw.cell(Role.DUE) else find_dates(action.text, self.period)
        if stated:
            action.due = stated[-1].date.due
        elif raw.cell(Role.DUE):
            action.due = next((m.due for m in action.milestones if m.due), None)
        cells = dict(raw.cells)
        colour = self._colour(raw, rec.number, ref)
        if raw.periods:
            self._periods(raw, action, cells, rec.number, colour)
            colour = colour or self._period_colour(raw, rec.number, ref)
        action.progress = read_progress(cells, self.period, colour, self.rag_key)
        if action.progress and action.progress[0].rag_colour:
            self.read_by_colour += 1
        self._check_dates(action, rec.number)
        return action

    def _with_column_nouns(self, parties: list[Party], columns: list[tuple[str, str]]):
        """Under 'Lead Directorate', 'Resources' is the Resources Directorate; under 'Portfolio
        Holder', 'Resources and Staffing' is that portfolio's holder. Known roles ('Leader',
        the Leader of the Council) and people keep their own names."""
        renamed: dict[str, Party] = {}
        for header, cell in columns:
            noun = next(
                (
                    n
                    for n in self.catalogue.lead_column_nouns
                    if header.casefold().endswith(n.casefold())
                ),
                None,
            )
            if noun is None:
                continue
            for party in self.people.parse(cell).parties:
                if (
                    party.kind != PartyKind.PERSON
                    and not self.catalogue.role(party.name)
                    and not self.catalogue.organisation(party.name)
                    and noun.casefold() not in party.name.casefold()
                ):
                    kind = PartyKind(self.catalogue.lead_column_nouns[noun])
                    self.renamed[party.name] = f"{party.name} {noun}"
                    renamed[party.name] = party.model_copy(
                        update={"name": f"{party.name} {noun}", "kind": kind, "text": party.name}
                    )
        return [renamed.get(p.name, p) for p in parties]

    def _meeting(self, front: list[str], walked) -> Reporting | None:
        """The committee meeting the whole update goes to, when the plan names one with its
        date: each action is reported there."""
        progress_headers = [
            c.headers[c.roles[Role.PROGRESS]] for _, c in walked.headers if Role.PROGRESS in c.roles
        ]
        lines = [(line, _MEETING.match) for line in front]
        lines += [(header, _PRESENTED.search) for header in progress_headers[:1]]
        for line, reads in lines:
            line = " ".join(line.split())
            m = reads(line)
            if m is None:
                continue
            body = m.group("body") or m.group("named")
            when = parse_date(m.group("when") or m.group("on"), self.period)
            if when is None or when.precision not in ("day", "month", "part-month"):
                continue
            self.warn(
                f"each action is taken to be reported to {body} ({when.text}), as the plan says",
                where="plan",
                text=line,
            )
            return Reporting(
                text=line, body=body, due=when.due, start=when.start, precision=when.precision
            )
        return None

    def _colour(self, raw: RawAction, rec: str, ref: str | None) -> tuple[str, str] | None:
        """The RAG a cell's colour gives, when its text gives none: the RAG column's colour
        first, then the status, progress or % complete cell's."""
        for role in (Role.RAG, Role.STATUS, Role.PROGRESS, Role.PERCENT):
            rgb = raw.fills.get(role)
            if rgb is None:
                continue
            reading = read_colour(rgb)
            if reading.rag:
                return reading.rag, rgb
            if reading.meaningful and role == Role.RAG:
                self.warn(
                    f"the RAG cell is coloured #{rgb}, which is none of red, amber, green or "
                    "blue; the action is left without a RAG",
                    rec=rec,
                    action=ref,
                    text=raw.cell(Role.RAG),
                )
        return None

    def _periods(self, raw: RawAction, action: Action, cells, rec: str, colour) -> None:
        """Period columns: a timeline of shaded months gives the due date (the end of the last
        shaded period); quarterly status columns give the latest status written."""
        written = [t for _, t, _ in raw.periods if t.strip()]
        if written and not cells.get(Role.STATUS) and not cells.get(Role.RAG):
            cells[Role.STATUS] = written[-1]
            cells.setdefault(Role.PROGRESS, "")
            return
        shaded = [h for h, t, fill in raw.periods if fill and read_colour(fill).meaningful]
        if shaded and not raw.cell(Role.DUE) and not action.due:
            first, last = _period_of(shaded[0], self.period), _period_of(shaded[-1], self.period)
            if last is not None:
                action.due = last.due
                action.start = action.start or (first.start if first else None)
                action.milestones.append(
                    Milestone(
                        text=f"{shaded[0]} to {shaded[-1]}" if len(shaded) > 1 else shaded[0],
                        due=last.due,
                        start=first.start if first else None,
                        precision="month" if len(shaded) == 1 else "range",
                    )
                )
                self.warn(
                    f"the due date is the end of the last shaded period ({shaded[-1]})",
                    rec=rec,
                    action=action.ref,
                    text=action.text[:100],
                )

    def _period_colour(self, raw: RawAction, rec: str, ref: str | None) -> tuple[str, str] | None:
        """In quarterly status columns, the colour of the latest written quarter."""
        written = [fill for _, t, fill in raw.periods if t.strip() and fill]
        if not written:
            return None
        rgb = written[-1]
        reading = read_colour(rgb)
        return (reading.rag, rgb) if reading.rag else None

    def _resolve(
        self,
        parsed: CellParties,
        role: Role,
        field: str,
        rec: Recommendation,
        ref,
        by_ref,
        starred,
        previous,
    ) -> list[Party]:
        reference = parsed.reference
        target: list[Party] | None = None
        if reference.star:
            target = starred.get(role) or starred.get(Role.LEADS)
            if target and reference.star_role:
                for party in target:
                    self.people.note_role(party.name, reference.star_role)
        elif reference.ref:
            found = _find_ref(by_ref, reference.ref, ref)
            target = getattr(found, field) if found else None
        elif previous is not None:
            target = getattr(previous, field)
        if target is None:
            self.warn(
                f"{reference.text!r} points at nothing the importer can find",
                rec=rec.number,
                action=ref,
                text=reference.text,
            )
            return list(reference.plus)
        parties = [p.model_copy(update={"text": reference.text}) for p in target]
        return parties + [p for p in reference.plus if all(q.name != p.name for q in parties)]

    def _milestones(
        self, raw: RawAction, previous: Action | None, rec: Recommendation, ref, action: Action
    ):
        text = raw.cell(Role.MILESTONES)
        milestones = []
        if re.fullmatch(r"\s*as above\.?\s*", text, re.IGNORECASE) and previous is not None:
            milestones = [
                m.model_copy(update={"text": f"As above: {m.text}"}) for m in previous.milestones
            ]
        elif text:
            milestones = split_milestones(text, self.period)
        due_text = raw.cell(Role.DUE)
        if due_text and not self._timescale_named(due_text):
            parsed = _parse_due(due_text, self.period)
            if parsed is None and _is_status(due_text):
                # "Ongoing", "Complete", "TBC": a status where a date was expected.
                action.status_text = " ".join(due_text.split())
                return milestones
            if parsed is None and due_text.strip():
                self.warn(
                    f"the due date {due_text!r} is not a date the importer can read",
                    rec=rec.number,
                    action=ref,
                    text=due_text,
                )
            milestones.insert(0, parsed or split_milestones(due_text, self.period)[0])
        return milestones

    def _timescale_named(self, text: str) -> str | None:
        folded = re.sub(r"[\s-]+", " ", text).strip().casefold()
        for t in self.timescales:
            if folded in (t.key, t.label.casefold(), f"{t.key} term"):
                return t.key
        return None

    def _reporting(self, raw: RawAction, previous: Action | None):
        text = raw.cell(Role.REPORTING)
        if re.fullmatch(r"\s*as above\.?\s*", text, re.IGNORECASE) and previous is not None:
            return [
                r.model_copy(update={"text": f"As above: {r.text}"}) for r in previous.reporting
            ]
        return split_reporting(text, self.bodies, self.period)

    # -- checks -----------------------------------------------------------------------------

    def _check_dates(self, action: Action, rec: str) -> None:
        start = self.plan_start
        latest_milestone = max((m.due for m in action.milestones if m.due), default=None)
        for report in action.reporting:
            if report.due and start and report.due < start:
                detail = (
                    f"; the action's milestone is {latest_milestone:%B %Y}"
                    if latest_milestone and latest_milestone > report.due
                    else ""
                )
                self.warn(
                    f"a report is due {report.due:%B %Y}, before the plan starts ({start:%B %Y}){detail}",
                    rec=rec,
                    action=action.ref,
                    text=report.text,
                )
        if (
            not any(m.due for m in action.milestones)
            and not any(r.due for r in action.reporting)
            and not action.due
        ):
            self.warn(
                "the action has no date, so it can never fall due or become overdue",
                rec=rec,
                action=action.ref,
                text=action.text[:100],
            )

    def _check_cross_references(self, recs: list[Recommendation]) -> None:
        """A reference whose words fit another recommendation far better than the one it
        names is probably a slip ('under Recommendation 6.0' where 5.0 is meant)."""
        profiles = {
            r.number: _words(" ".join([r.title, *(a.text for a in r.actions), *r.overview]))
            for r in recs
        }
        titles = {r.number: _words(r.title) for r in recs}
        for rec in recs:
            for action in rec.actions:
                for ref in action.cross_references:
                    if ref.recommendation not in profiles:
                        self.warn(
                            f"refers to Recommendation {ref.recommendation}, which the plan does not have",
                            rec=rec.number,
                            action=action.ref,
                            text=ref.text,
                        )
                        continue
                    words = _words(action.text) - {"recommendation", "improved", "improvement"}
                    named = _overlap(
                        words, profiles[ref.recommendation], titles[ref.recommendation]
                    )
                    best_number, best = max(
                        (
                            (n, _overlap(words, p, titles[n]))
                            for n, p in profiles.items()
                            if n != rec.number
                        ),
                        key=lambda x: x[1],
                    )
                    if (
                        best_number != ref.recommendation
                        and best >= 2 * max(named, 0.5)
                        and best >= 2
                    ):
                        self.warn(
                            f"refers to Recommendation {ref.recommendation} ({_short(profiles, recs, ref.recommendation)}) "
                            f"but its words fit Recommendation {best_number} ({_short(profiles, recs, best_number)})",
                            rec=rec.number,
                            action=action.ref,
                            text=action.text[:160],
                        )


# Words too common to tell one recommendation from another.
_STOP = frozenset(
    """a an and are as at be by for from in is it of on or that the this to under with will which
    their its into all any been being can has have more not other such than these those through
    using was were""".split()  # noqa: SIM905
)


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{3,}", text.casefold()) if w not in _STOP}


def _overlap(words: set[str], profile: set[str], title: set[str]) -> float:
    return len(words & profile) + len(words & title)


def _short(profiles, recs, number) -> str:
    rec = next(r for r in recs if r.number == number)
    return " ".join(rec.title.split()[:8]) + ("..." if len(rec.title.split()) > 8 else "")


def _number_key(number: str):
    return (int(number), "") if number.isdigit() else (10**6, number)


def _find_ref(by_ref: dict[str, Action], wanted: str, current: str | None) -> Action | None:
    """'As (4) above' or 'As for 2(a)': the action with that number, in the same part."""
    wanted = wanted.replace(" ", "")
    prefix = (
        current.split(".")[0] + "."
        if current and "." in current and not current[0].isdigit()
        else ""
    )
    for candidate in (prefix + wanted, wanted):
        if candidate in by_ref:
            return by_ref[candidate]
    return None


def _parse_due(text: str, period):
    """A due-date cell: an ISO date from a spreadsheet, 'mm/yy' as some plans ask, or a
    phrase."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{2}|\d{4})", text):
        month, year = int(m.group(1)), int(m.group(2))
        year += 2000 if year < 100 else 0
        if 1 <= month <= 12:
            start = dt.date(year, month, 1)
            end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return Milestone(text=text, due=end, start=start, precision="month")
    parsed = parse_date(text, period)
    if parsed:
        return Milestone(text=text, due=parsed.due, start=parsed.start, precision=parsed.precision)
    return None


def split_steps(text: str) -> tuple[str, list[str]]:
    """An action cell holding a bulleted list (two bullets or more): the text without its
    bullet marks (its lines kept), and each bullet as a step. A step runs on over the lower-case
    lines after it that carry no bullet."""
    lines = text.split("\n")
    if sum(bool(_BULLET.match(line)) for line in lines) < 2:
        return text, []  # one dash is not a list: Word's text export loses and adds them
    steps: list[str] = []
    kept: list[str] = []
    for line in lines:
        if m := _BULLET.match(line):
            steps.append(line[m.end() :].strip())
            kept.append(line[m.end() :])
        else:
            if steps and line.strip() and line.lstrip()[:1].islower():
                steps[-1] = f"{steps[-1]} {line.strip()}"
            kept.append(line)
    return "\n".join(kept).strip(), [s for s in steps if s]


def _indicators(text: str) -> list[str]:
    """Indicator names, one a line (or a bullet, or between semicolons)."""
    parts = re.split(r"\n|;", text)
    return [p for part in parts if (p := _BULLET.sub("", part).strip(" .,"))]


def _is_status(text: str) -> bool:
    return is_not_a_date(text) or (bool(status_of(text)) and not find_dates(text))


def _period_of(header: str, period):
    """A period column's header as a date: 'Q3 (Oct-Dec)', 'Dec-22', or an Excel date, which
    stands for its month."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-01(?: 00:00(?::00)?)?", header.strip()):
        header = dt.date(int(m.group(1)), int(m.group(2)), 1).strftime("%B %Y")
    return parse_date(header, period)


def _unquoted(text: str) -> str:
    """A pledge written in quotes ("“Work with ...”") is the words inside them."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in '“"' and stripped[-1] in '”"':
        inner = stripped[1:-1]
        if not any(q in inner for q in '“”"'):
            return inner
    return text


def _people_table(rows) -> list[tuple[str, str, str]]:
    """A plan's list of key individuals ("Initials | Name | Role | Organisation"): who the
    initials in its lead cells are. (name, role, organisation) for each row."""
    out: list[tuple[str, str, str]] = []
    columns: dict[str, int] | None = None
    place = None
    for row in rows:
        head, found, _ = row.where.rpartition(", row ")
        if columns is not None and (head if found else None) == place:
            cells = [c.strip() for c in row.cells]
            name = cells[columns["name"]] if columns["name"] < len(cells) else ""
            if name:
                out.append(
                    (
                        name,
                        cells[columns["role"]] if 0 <= columns["role"] < len(cells) else "",
                        cells[columns["org"]] if 0 <= columns["org"] < len(cells) else "",
                    )
                )
            continue
        words = [" ".join(c.casefold().split()) for c in row.cells]
        if "initials" in words and "name" in words:
            columns = {
                "name": words.index("name"),
                "role": next(
                    (i for i, w in enumerate(words) if w in ("role", "job title", "title")), -1
                ),
                "org": next(
                    (i for i, w in enumerate(words) if w in ("organisation", "agency")), -1
                ),
            }
            place = head if found else None
        else:
            columns = None
    return out
