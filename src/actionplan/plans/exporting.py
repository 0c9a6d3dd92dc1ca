"""A stored plan back out: as a PlanDocument (the inverse of services.store_plan), and as
the one-row-per-action spreadsheet councils circulate (interchange/sheet.py: its columns,
and the packed data that brings it back whole)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import IO, BinaryIO

from actionplan import interchange as ix
from actionplan.core.spreadsheets import write_csv_rows, xlsx_put
from actionplan.core.wording import long_date
from actionplan.interchange.sheet import HEADERS, VISIBLE, rows
from actionplan.plans.models import (
    Action,
    ActionParty,
    CrossReference,
    ImportWarning,
    Milestone,
    Objective,
    Plan,
    ProgressRecord,
    ReportingRequirement,
    Responsibility,
)


def _by(rows, key) -> defaultdict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


def _party(ap: ActionParty | Responsibility) -> ix.Party:
    return ix.Party(name=ap.party.name, kind=ap.party.kind, text=ap.text)


def _xref(c: CrossReference) -> ix.CrossReference:
    return ix.CrossReference(recommendation=c.target_number, text=c.text)


def plan_to_document(plan: Plan) -> ix.PlanDocument:
    """The plan as the interchange model: what was stored, minus retired actions."""
    in_plan = {"action__recommendation__plan": plan, "action__retired": False}
    actions = _by(
        Action.objects.filter(recommendation__plan=plan, retired=False).select_related("parent"),
        lambda a: a.recommendation_id,
    )
    responsibilities = _by(
        Responsibility.objects.filter(recommendation__plan=plan).select_related("party"),
        lambda r: r.recommendation_id,
    )
    action_parties = _by(
        ActionParty.objects.filter(**in_plan).select_related("party"),
        lambda ap: (ap.action_id, ap.role),
    )
    milestones = _by(Milestone.objects.filter(**in_plan), lambda m: m.action_id)
    reporting = _by(ReportingRequirement.objects.filter(**in_plan), lambda r: r.action_id)
    progress = _by(ProgressRecord.objects.filter(**in_plan), lambda p: p.action_id)
    xrefs = _by(
        CrossReference.objects.filter(recommendation__plan=plan),
        lambda c: (c.recommendation_id, c.action_id),
    )
    warnings = _by(ImportWarning.objects.filter(plan=plan), lambda w: w.action_id)
    objectives = _by(
        Objective.objects.filter(recommendation__plan=plan), lambda o: o.recommendation_id
    )
    objective_numbers = {o.pk: o.number for os in objectives.values() for o in os}

    def action(a: Action) -> ix.Action:
        def parties(role: str) -> list[ix.Party]:
            return [_party(ap) for ap in action_parties[(a.pk, role)]]

        return ix.Action(
            ref=a.ref or None,
            parent_ref=(a.parent.ref or None) if a.parent else None,
            text=a.text,
            resources=a.resources,
            leads=parties(ActionParty.Role.LEAD),
            partners=parties(ActionParty.Role.PARTNER),
            mentions=parties(ActionParty.Role.MENTION),
            milestones=[ix.Milestone(**_dated(m)) for m in milestones[a.pk]],
            reporting=[
                ix.Reporting(body=r.body_label or None, **_dated(r)) for r in reporting[a.pk]
            ],
            cross_references=[_xref(c) for c in xrefs[(a.recommendation_id, a.pk)]],
            progress=[
                ix.Progress(
                    as_at=p.as_at,
                    status=p.status or None,
                    rag=p.rag or None,
                    percent_complete=p.percent_complete,
                    text=p.text,
                )
                for p in progress[a.pk]
            ],
            warnings=[w.message for w in warnings[a.pk]],
            number=a.number or None,
            ref_inferred=a.ref_inferred,
            part=a.part or None,
            phase=a.phase or None,
            due=a.due,
            lead_text=a.lead_text,
            partners_text=a.partners_text,
            milestones_text=a.milestones_text,
            reporting_text=a.reporting_text,
            where=a.where,
            extra=dict(a.extra),
            success_criteria=a.success_criteria,
            steps=list(a.steps),
            objective=objective_numbers.get(a.objective_id) if a.objective_id else None,
        )

    timescales = list(plan.timescales.all())
    keys: dict[int | None, str] = {t.pk: t.key for t in timescales}
    return ix.PlanDocument(
        schema_version=plan.schema_version or ix.SCHEMA_VERSION,
        source=ix.Source(file=plan.source_file, format=plan.source_format),
        plan=ix.PlanInfo(
            title=plan.title,
            organisation=plan.organisation.name,
            lead_body=plan.lead_body,
            period=ix.Period(start=plan.period_start, end=plan.period_end),
            timescales=[
                ix.Timescale(key=t.key, label=t.label, due=t.due, text=t.text) for t in timescales
            ],
            inspection=plan.inspection,
            inspectorate=plan.inspectorate,
            cover=ix.Cover.model_validate(plan.cover) if plan.cover is not None else None,
            strategic_lead=plan.strategic_lead,
            objectives=list(plan.objectives),
            rag_key=[ix.RagKey.model_validate(k) for k in plan.rag_key],
            front_matter=list(plan.front_matter),
        ),
        people=[
            ix.Person(
                name=pp.party.name,
                aliases=list(pp.party.aliases),
                role=pp.party.job_role,
                organisation=pp.party.employer,
            )
            for pp in plan.plan_people.select_related("party")
        ],
        bodies=[
            ix.Body(
                abbreviation=pb.body.abbreviation,
                name=pb.body.name,
                aliases=list(pb.body.aliases),
                kind=pb.body.kind,
            )
            for pb in plan.plan_bodies.select_related("body")
        ],
        recommendations=[
            ix.Recommendation(
                number=r.number,
                title=r.title,
                timescale=keys.get(r.timescale_id),
                overall_responsibility=[_party(x) for x in responsibilities[r.pk]],
                actions=[action(a) for a in actions[r.pk]],
                objectives=[
                    ix.Objective(number=o.number, title=o.title, where=o.where)
                    for o in objectives[r.pk]
                ],
                overview=list(r.overview),
                cross_references=[_xref(c) for c in xrefs[(r.pk, None)]],
                where=r.where,
            )
            for r in plan.recommendations.filter(retired=False)
        ],
        warnings=[
            ix.Warning(
                where=w.where,
                message=w.message,
                recommendation=w.recommendation_number or None,
                action=w.action_ref or None,
                text=w.text,
            )
            for w in warnings[None]
        ],
    )


def _dated(d: Milestone | ReportingRequirement) -> dict:
    return {
        "text": d.text,
        "due": d.due,
        "start": d.start,
        "precision": d.precision or None,
        "frequency": d.frequency or None,
    }


def preamble(doc: ix.PlanDocument) -> list[str]:
    """The lines above the table, as a council's plan has them: what the importer reads
    back as the plan's title, council, inspection, period, lead body and timescales."""
    plan = doc.plan
    lines = [plan.title, plan.organisation, plan.inspection]
    if plan.period.start and plan.period.end:
        lines.append(
            f"{_month_or_day(plan.period.start, first=True)} to {_month_or_day(plan.period.end)}"
        )
    lines += [
        f"{t.label}: {t.text or (f'by {t.due:%B %Y}' if t.due else '')}" for t in plan.timescales
    ]
    return [line for line in lines if line]


def _month_or_day(day: dt.date, *, first: bool = False) -> str:
    """'December 2012' when the date is the month's first (or last) day, else the day."""
    whole_month = day.day == 1 if first else (day + dt.timedelta(days=1)).day == 1
    return f"{day:%B %Y}" if whole_month else long_date(day)


def write_csv(doc: ix.PlanDocument, fileobj: IO[str]) -> None:
    """Write the plan as CSV (dates ISO 8601) to a text file opened with newline=""."""
    lines = (
        ["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row]
        for row in rows(doc)
    )
    write_csv_rows(fileobj, [HEADERS, *lines])


_WIDTHS = {
    "Recommendation": 40,
    "Key action": 60,
    "Milestones": 40,
    "Reporting process": 40,
    "Progress": 40,
    "Lead officer": 24,
    "Key partners": 24,
    "Resources": 14,
    "Success criteria": 40,
    "Steps": 40,
    "Overall responsibility": 24,
}


def write_xlsx(doc: ix.PlanDocument, fileobj: BinaryIO) -> None:
    """Write the plan as an Excel workbook: one sheet, a header row, one row per action."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    lines = [[line] for line in preamble(doc)]
    if doc.plan.lead_body:
        lines.append(["LEAD BODY", doc.plan.lead_body])
    for number, line in enumerate([*lines, [], HEADERS], start=1):
        for column, value in enumerate(line, start=1):
            xlsx_put(ws, number, column, value)  # the plan's title is the council's text too
    header_row = ws.max_row
    ws.cell(1, 1).font = Font(bold=True, size=14)
    for c in ws[header_row]:
        c.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    date_column = HEADERS.index("Progress date") + 1
    for number, row in enumerate(rows(doc), start=header_row + 1):
        for column, value in enumerate(row, start=1):
            # Text the council wrote, never a formula for Excel to run.
            xlsx_put(ws, number, column, value).alignment = wrap
        ws.cell(number, date_column).number_format = "dd/mm/yyyy"
    for i, header in enumerate(HEADERS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(header, 12)
    # The packed data is for actionplan to read back, not for people to read or edit.
    ws.column_dimensions[get_column_letter(len(VISIBLE) + 1)].hidden = True
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    wb.save(fileobj)
