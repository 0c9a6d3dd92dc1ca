"""The import pipeline: read a file, walk its rows, interpret every cell, check the result.

    parse_file(path) -> PlanDocument

Each step is its own module; this one puts them in order and turns what they noticed into
warnings that name the recommendation, the action and the text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import ValidationError

from actionplan.core.text import printable
from actionplan.importing import catalogue
from actionplan.importing.bodies import Bodies
from actionplan.importing.cells import (
    cross_references,
    find_ref,
    indicators_in,
    is_status,
    number_key,
    parse_due,
    split_milestones,
    split_reporting,
    split_steps,
    unquoted,
)
from actionplan.importing.checks import check_cross_references, check_dates
from actionplan.importing.columns import Role
from actionplan.importing.dates import find_dates, parse_date
from actionplan.importing.errors import NoHeaderFound, PlanReadError
from actionplan.importing.explain import no_header_problem
from actionplan.importing.frontmatter import read_front_matter, reporting_meeting
from actionplan.importing.labelled import as_table
from actionplan.importing.layout import Layout
from actionplan.importing.numbering import Numbered, assign_refs
from actionplan.importing.people import CellParties, People, Reference
from actionplan.importing.progress import read_progress
from actionplan.importing.ragkey import fold, read_rag_key
from actionplan.importing.readers import Limits, read_bytes, read_document
from actionplan.importing.readers.packages import Budget, Refused
from actionplan.importing.readers.rows import Document
from actionplan.importing.register import people_table
from actionplan.importing.shading import period_colour, rag_of_colour, read_periods
from actionplan.importing.structure import walk
from actionplan.importing.walked import RawAction, RawRecommendation, header_at
from actionplan.interchange import (
    Action,
    CrossReference,
    Objective,
    Party,
    PartyKind,
    PlanDocument,
    Recommendation,
    Reporting,
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
        progress_headers = [
            c.headers[c.roles[Role.PROGRESS]] for _, c in walked.headers if Role.PROGRESS in c.roles
        ]
        self.meeting = (
            None
            if plan.cover
            else reporting_meeting(plan.front_matter, progress_headers, self.period, self.warn)
        )
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
        check_cross_references(recommendations, self.warn)
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

    def _action(
        self, raw: RawAction, num: Numbered, rec: Recommendation, by_ref, starred, previous
    ) -> Action:
        if self.budget:
            self.budget.check_time()
        ref = num.ref
        text, steps = split_steps(unquoted(raw.cell(Role.ACTION)))
        action = Action(
            ref=ref,
            parent_ref=num.parent_ref,
            text=text,
            steps=steps,
            objective=raw.objective,
            success_criteria=raw.cell(Role.SUCCESS_CRITERIA) or raw.impact,
            indicators=indicators_in(raw.cell(Role.INDICATORS)),
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
                parties = self._resolve(
                    parsed.reference, role, field, rec, ref, by_ref, starred, previous
                )
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
        colour = rag_of_colour(raw, rec.number, ref, self.warn)
        if raw.periods:
            read_periods(raw, action, cells, rec.number, self.period, self.warn)
            colour = colour or period_colour(raw)
        action.progress = read_progress(cells, self.period, colour, self.rag_key)
        if action.progress and action.progress[0].rag_colour:
            self.read_by_colour += 1
        check_dates(action, rec.number, self.plan_start, self.warn)
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

    def _resolve(
        self,
        reference: Reference,
        role: Role,
        field: str,
        rec: Recommendation,
        ref,
        by_ref,
        starred,
        previous,
    ) -> list[Party]:
        target: list[Party] | None = None
        if reference.star:
            target = starred.get(role) or starred.get(Role.LEADS)
            if target and reference.star_role:
                for party in target:
                    self.people.note_role(party.name, reference.star_role)
        elif reference.ref:
            found = find_ref(by_ref, reference.ref, ref)
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
            parsed = parse_due(due_text, self.period)
            if parsed is None and is_status(due_text):
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
