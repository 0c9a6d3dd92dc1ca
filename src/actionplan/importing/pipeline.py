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

from actionplan.importing import catalogue
from actionplan.importing.bodies import Bodies
from actionplan.importing.cells import cross_references, split_milestones, split_reporting
from actionplan.importing.columns import Role
from actionplan.importing.dates import find_dates, parse_date
from actionplan.importing.errors import PlanReadError
from actionplan.importing.frontmatter import read_front_matter
from actionplan.importing.numbering import Numbered, assign_refs
from actionplan.importing.people import CellParties, People
from actionplan.importing.progress import read_progress
from actionplan.importing.readers import Limits, read_bytes, read_document
from actionplan.importing.readers.packages import Budget, Refused
from actionplan.importing.readers.rows import Document
from actionplan.importing.structure import RawAction, RawRecommendation, header_at, walk
from actionplan.interchange import (
    Action,
    CrossReference,
    Milestone,
    Party,
    PlanDocument,
    Recommendation,
    Source,
    Warning,
)


def parse_file(path: str | os.PathLike, limits: Limits | None = None) -> PlanDocument:
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _read_interchange(path.read_bytes(), str(path))
    budget = Budget(limits or Limits())
    return _interpreted(read_document(path, limits=limits, budget=budget), budget)


def parse_bytes(data: bytes, filename: str, limits: Limits | None = None) -> PlanDocument:
    """The plan in an upload, read and interpreted within `limits`: the time allowed
    covers both, since interpreting a huge table takes longer than reading it."""
    if filename.lower().endswith(".json"):
        return _read_interchange(data, filename)
    budget = Budget(limits or Limits())
    return _interpreted(read_bytes(data, filename, limits=limits, budget=budget), budget)


def _interpreted(doc: Document, budget: Budget) -> PlanDocument:
    try:
        return interpret(doc, budget)
    except Refused as e:
        raise PlanReadError(doc.file, str(e)) from None


def _read_interchange(data: bytes, filename: str) -> PlanDocument:
    try:
        return PlanDocument.from_json(data)
    except ValidationError as e:
        first = e.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise PlanReadError(
            filename, f"not a plan-interchange file: {place}: {first['msg']}"
        ) from None


def interpret(doc: Document, budget: Budget | None = None) -> PlanDocument:
    return _Interpreter(doc, budget).run()


class _Interpreter:
    def __init__(self, doc: Document, budget: Budget | None = None):
        self.doc = doc
        self.budget = budget
        self.catalogue = catalogue.load()
        self.warnings: list[Warning] = []

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
        first_table = next((i for i in range(len(doc.rows)) if header_at(doc.rows, i)), None)
        if first_table is None:
            raise PlanReadError(
                doc.file,
                "no table header found: a plan needs a header row naming at least the action, "
                "its lead and its date (for example 'Action | Lead officer | Due date')",
            )
        all_text = "\n".join("\t".join(r.cells) for r in doc.rows)
        plan = read_front_matter(doc.rows[:first_table], all_text, Path(doc.file).stem)
        cover_items = plan.cover.recommendations if plan.cover else []
        walked = walk(doc, cover_items)
        if not any(r.actions for r in walked.recommendations):
            raise PlanReadError(doc.file, "the table has a header row but no actions under it")
        self.period = (
            (plan.period.start, plan.period.end) if plan.period.start and plan.period.end else None
        )
        self.plan_start = plan.period.start
        self.timescales = plan.timescales
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
        )
        by_ref: dict[str, Action] = {}
        starred: dict[Role, list[Party]] = {}
        previous: Action | None = None
        for raw_action, num in zip(raw.actions, numbered, strict=True):
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
        action = Action(
            ref=ref,
            parent_ref=num.parent_ref,
            text=raw.cell(Role.ACTION),
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
            setattr(action, field, parties)
        action.milestones = self._milestones(raw, previous, rec, ref)
        action.reporting = self._reporting(raw, previous)
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
        stated = [m for m in find_dates(action.text, self.period)]
        if stated:
            action.due = stated[-1].date.due
        elif raw.cell(Role.DUE):
            action.due = next((m.due for m in action.milestones if m.due), None)
        action.progress = read_progress(raw.cells, self.period)
        self._check_dates(action, rec.number)
        return action

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

    def _milestones(self, raw: RawAction, previous: Action | None, rec: Recommendation, ref):
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
