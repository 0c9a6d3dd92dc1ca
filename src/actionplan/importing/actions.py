"""One action's cells interpreted: the part of the import pipeline (pipeline.py) that turns a
walked row (`RawAction`) into an interchange `Action`.

Its leads and partners, with "As above", "As for 2(a)" and "as at * above" resolved
against the actions before it; its milestones, due date and reporting lines; the dates,
mentions and cross-references in its own words; its progress and RAG, from text or colour.
The plan-wide facts this needs (people, bodies, period, timescales, the meeting a whole
update goes to, the RAG key) are learnt first, by the pipeline, and handed in; what it
notices goes to the pipeline's `warn`.
"""

from __future__ import annotations

import datetime as dt
import re

from actionplan.importing.bodies import Bodies
from actionplan.importing.catalogue import Catalogue
from actionplan.importing.cells import (
    cross_references,
    find_ref,
    indicators_in,
    is_status,
    parse_due,
    split_milestones,
    split_reporting,
    split_steps,
    unquoted,
)
from actionplan.importing.checks import Warn, check_dates
from actionplan.importing.columns import Role
from actionplan.importing.dates import Period, find_dates, parse_date
from actionplan.importing.numbering import Numbered
from actionplan.importing.people import CellParties, People, Reference
from actionplan.importing.progress import read_progress
from actionplan.importing.readers.packages import Budget
from actionplan.importing.shading import period_colour, rag_of_colour, read_periods
from actionplan.importing.walked import RawAction
from actionplan.interchange import (
    Action,
    CrossReference,
    Party,
    PartyKind,
    Recommendation,
    Reporting,
    Timescale,
)


def checked_parties(
    parsed: CellParties, warn: Warn, rec: str, action: str | None, cell: str = ""
) -> list[Party]:
    """The parties a cell names, each problem in reading it warned of."""
    for problem in parsed.problems:
        warn(problem, rec=rec, action=action, text=cell)
    return parsed.parties


def timescale_named(text: str, timescales: list[Timescale]) -> str | None:
    """The key of the plan's timescale a cell names ("Short term"), if it names one."""
    folded = re.sub(r"[\s-]+", " ", text).strip().casefold()
    for t in timescales:
        if folded in (t.key, t.label.casefold(), f"{t.key} term"):
            return t.key
    return None


class ActionReader:
    """Reads the actions of one plan, in order. Counts what the pipeline reports once for
    the whole plan: how many RAGs were read from colour alone (`read_by_colour`), and the
    names a lead column's header renamed (`renamed`)."""

    def __init__(
        self,
        catalogue: Catalogue,
        people: People,
        bodies: Bodies,
        warn: Warn,
        *,
        period: Period,
        plan_start: dt.date | None,
        timescales: list[Timescale],
        meeting: Reporting | None,
        rag_key: dict[str, str],
        budget: Budget | None = None,
    ):
        self.catalogue = catalogue
        self.people = people
        self.bodies = bodies
        self.warn = warn
        self.period = period
        self.plan_start = plan_start
        self.timescales = timescales
        self.meeting = meeting
        self.rag_key = rag_key
        self.budget = budget
        self.read_by_colour = 0
        self.renamed: dict[str, str] = {}

    def read(
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
            parties = checked_parties(parsed, self.warn, rec.number, ref, raw.cell(role))
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
        if due_text and not timescale_named(due_text, self.timescales):
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

    def _reporting(self, raw: RawAction, previous: Action | None):
        text = raw.cell(Role.REPORTING)
        if re.fullmatch(r"\s*as above\.?\s*", text, re.IGNORECASE) and previous is not None:
            return [
                r.model_copy(update={"text": f"As above: {r.text}"}) for r in previous.reporting
            ]
        return split_reporting(text, self.bodies, self.period)
