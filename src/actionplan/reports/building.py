"""build_paper: a body's paper on a plan as at a date, as plain data (data.py).

Everything comes from the plan as it stood at the end of the as-at day (monitoring's
snapshot, and the reporting lines' history), so a paper built later for the same date
says the same thing, except for the changes since the previous issued paper.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

from dateutil.relativedelta import relativedelta
from django.conf import settings

from actionplan.audits.services import findings_for_paper
from actionplan.core.wording import long_date, plural
from actionplan.governance.contacts import email_addresses
from actionplan.governance.models import Meeting
from actionplan.indicators import rag as indicator_rag
from actionplan.indicators.models import Indicator, shown_value
from actionplan.monitoring import statuses
from actionplan.monitoring.deadlines import deadlines
from actionplan.monitoring.snapshot import (
    ActionView,
    PlanSnapshot,
    as_of,
    end_of,
    plan_as_at,
)
from actionplan.plans.models import Body, Party, Plan, ReportingRequirement
from actionplan.reports import decisions, wording
from actionplan.reports.data import (
    IMPLICATIONS,
    KINDS,
    PROGRESS,
    Author,
    Change,
    Conventions,
    Count,
    Implication,
    IndicatorRow,
    IndicatorTrend,
    Item,
    KeyEntry,
    PaperData,
    Previous,
    ProgressPoint,
    RecommendationItems,
    RecommendationSummary,
    TrendPoint,
    Update,
    from_json,
)
from actionplan.reports.evidence import (
    ANNEX_B,
    MONTHS,
    AuditSummary,
    Evidence,
    FeedbackResult,
    GradeCount,
)
from actionplan.reports.models import Paper
from actionplan.voice.presenters import percent
from actionplan.voice.services import feedback_for_paper

COMPLETED = (statuses.COMPLETE, statuses.AWAITING_SIGN_OFF)


def month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def default_period_end(body: Body, as_at: dt.date) -> dt.date:
    """Items are due to the body by its next meeting, the one the paper goes to (not past
    it); without meetings entered, by the end of the as-at month."""
    return _meeting(body, as_at) or month_end(as_at)


def build_paper(
    plan: Plan,
    body: Body,
    as_at: dt.date,
    *,
    period_end: dt.date | None = None,
    author: Author | None = None,
    asks: tuple[str, ...] = (),
    previous: Paper | None = None,
    conventions: dict | None = None,
    report_date: dt.date | None = None,
    kind: str = PROGRESS,
) -> PaperData:
    """The paper for `body` on `plan` as at the end of `as_at`. It picks the actions with
    a reporting line to the body due by `period_end` (default: the body's next meeting,
    else the end of the as-at month) or recurring. `previous` is the paper to compare
    with (default: the body's latest issued paper on the plan before `as_at`).
    `conventions` are the committee report's details as the improvement lead gave them
    (Paper.options["committee"]); `report_date` is the issue date. `kind` is the paper
    type (data.KINDS): the progress report, the six-monthly performance report or the
    one-page highlight report; all three are built from the same facts."""
    if kind not in KINDS:
        raise ValueError(f"a paper's kind is one of {', '.join(KINDS)}, not {kind!r}")
    period_end = period_end or default_period_end(body, as_at)
    snapshot = plan_as_at(plan, as_at)
    late = _overdue(snapshot)
    lines = _reporting_lines(snapshot, body, period_end)
    items = tuple(
        _item(snapshot, a, late, lines.get(a.id, ())) for a in snapshot.actions() if a.id in lines
    )
    exceptions = _exceptions(snapshot, late)
    annex = tuple(
        RecommendationItems(
            r.number,
            r.title,
            tuple(p.name for p in r.owners),
            tuple(_item(snapshot, a, late) for a in r.actions),
        )
        for r in snapshot.recommendations
    )
    totals = _totals(snapshot)
    progress = _progress(snapshot, plan)
    indicators = _indicators(plan, as_at)
    if previous is None:
        previous = _previous_paper(plan, body, as_at)
    before, last = None, None
    if previous is not None:
        assert previous.data is not None and previous.issued_at is not None  # it was issued
        before = from_json(previous.data)
        last = Previous(previous.pk, before.as_at, previous.issued_at.date())
    changes = _changes(before, annex) if before else ()
    evidence = _evidence(plan, as_at)
    arising = decisions.matters_arising(previous) if previous is not None else ()
    committee_short = body.abbreviation or body.name
    facts = wording.Facts(
        committee=body.name,
        committee_short=committee_short,
        plan_title=plan.title,
        inspection=plan.inspection,
        inspectorate=plan.inspectorate,
        period=(plan.period_start, plan.period_end),
        timescales=tuple(
            f"{t.label}: {t.text}" if t.text else f"{t.label}: by {long_date(t.due)}"
            for t in plan.timescales.all()
        ),
        cover_committee=(plan.cover or {}).get("committee", ""),
        cover_date=_date((plan.cover or {}).get("date")),
        recommendations=tuple(f"{r.number} {r.title}" for r in snapshot.recommendations),
        as_at=as_at,
        period_end=period_end,
        totals=totals,
        total=snapshot.rollup.total,
        planned_by_now=sum(1 for a in snapshot.actions() if (d := _planned(a)) and d <= as_at),
        completed=sum(1 for a in snapshot.actions() if a.status in COMPLETED),
        red=snapshot.rollup.count("red"),
        amber=snapshot.rollup.count("amber"),
        overdue=len(late),
        items=len(items),
        indicators=tuple(i.rag or "" for i in indicators),
        previous=last,
        changes=changes,
        completed_since=_completed_since(before, snapshot) if before else 0,
        glossary=tuple(
            Body.objects.filter(organisation_id=plan.organisation_id)
            .exclude(abbreviation="")
            .values_list("abbreviation", "name")
        ),
        matters_arising=arising,
    )
    return PaperData(
        council=snapshot.organisation,
        committee=facts.committee,
        committee_short=committee_short,
        plan_id=plan.pk,
        plan_title=plan.title,
        title=f"{plan.title}: {KINDS[kind]}",
        as_at=as_at,
        period_end=period_end,
        meeting=_meeting(body, as_at),
        sections=wording.sections(facts, asks, kind=kind),
        author=_author(plan, author),
        key=tuple(KeyEntry(k.colour, k.label, k.meaning) for k in snapshot.key),
        totals=totals,
        total=snapshot.rollup.total,
        percent=snapshot.rollup.percent,
        recommendations=tuple(
            RecommendationSummary(
                r.number,
                r.title,
                tuple(p.name for p in r.owners),
                _counts(r.rollup.counts),
                r.rollup.total,
                r.rollup.percent,
            )
            for r in snapshot.recommendations
        ),
        items=items,
        exceptions=exceptions,
        indicators=indicators,
        progress=progress,
        annex=annex,
        previous=last,
        changes=changes,
        annexes=("Annex A: the whole plan and its latest updates",)
        + (() if evidence.empty else (ANNEX_B,)),
        evidence=None if evidence.empty else evidence,
        conventions=_conventions(plan, facts, conventions or {}, report_date, kind),
        matters_arising=arising,
        kind=kind,
        trends=_trends(plan, as_at) if kind == "performance" else (),
    )


def _conventions(
    plan: Plan, f: wording.Facts, given: dict, report_date: dt.date | None, kind: str = PROGRESS
) -> Conventions:
    """The committee report's details: each as given on the draft, else from the plan."""
    cover = plan.cover or {}
    papers = [plan.title]
    if plan.inspection:
        papers.append(f"{plan.inspectorate or 'The inspectorate'}: {plan.inspection}")
    if f.previous:
        papers.append(
            f"{f.committee_short} progress report on the plan as at {long_date(f.previous.as_at)}"
        )
    risk = (
        f"{plural(f.red, 'action is', 'actions are')} rated red and {f.amber} amber, and "
        f"{plural(f.overdue, 'action has', 'actions have')} a deadline passed and not met: "
        f"these are the risks to the plan's delivery. Section {wording.exceptions_section(kind)} "
        "sets out each, with the steps being taken."
    )
    defaults = {"Risk": risk}
    written = given.get("implications") or {}
    exempt = given.get("exempt_paragraph")
    return Conventions(
        report_of=given.get("report_of")
        or cover.get("author_role")
        or cover.get("author")
        or plan.lead_body,
        agenda_item=given.get("agenda_item", ""),
        exempt_paragraph=int(exempt) if exempt else None,
        wards=given.get("wards") or "All wards",
        key_decision=bool(given.get("key_decision")),
        implications=tuple(
            Implication(h, (written.get(h) or "").strip() or defaults.get(h, "None"))
            for h in IMPLICATIONS
        ),
        background_papers=tuple(given.get("background_papers") or papers),
        report_date=report_date,
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _overdue(snapshot: PlanSnapshot) -> dict[int, list[str]]:
    """Each unfinished action's deadlines passed and not met, as sentences."""
    late: dict[int, list[str]] = {}
    for d in deadlines(snapshot).overdue:
        days = plural(d.days, "day")
        late.setdefault(d.action.id, []).append(
            f"{d.text.rstrip('.')}: due {long_date(d.due)}, {days} ago"
        )
    return late


def _reporting_lines(snapshot: PlanSnapshot, body: Body, period_end: dt.date) -> dict[int, tuple]:
    """The lines, as written, that bring each action to `body` in the period: due by its
    end, or recurring. Read as they stood on the as-at date."""
    found: dict[int, list[str]] = {}
    lines = as_of(
        ReportingRequirement,
        end_of(snapshot.on),
        body_id=body.pk,
        action_id__in=[a.id for a in snapshot.actions()],
    ).order_by("order", "id")
    for action_id, text, due, frequency in lines.values_list(
        "action_id", "text", "due", "frequency"
    ):
        if (due and due <= period_end) or frequency:
            found.setdefault(action_id, []).append(text)
    return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}


def _item(snapshot: PlanSnapshot, a: ActionView, late: dict, reporting: tuple = ()) -> Item:
    rec = snapshot.recommendation_of(a)
    latest = None
    if a.latest:
        u = a.latest
        latest = Update(
            u.as_at or u.written_at.date(), u.status_label, u.narrative, u.next_steps, u.author
        )
    return Item(
        action_id=a.id,
        recommendation=rec.number,
        label=a.label,
        text=a.text,
        leads=tuple(p.name for p in a.leads),
        due=_planned(a),
        colour=a.rating.colour,
        rating=a.rating.label,
        # The overdue list says it already, with every deadline missed.
        reason="" if late.get(a.id) and " was due " in a.rating.reason else a.rating.reason,
        status=a.status_label,
        latest=latest,
        reporting=reporting,
        overdue=tuple(late.get(a.id, ())),
        success_criteria=a.success_criteria,
    )


def _exceptions(snapshot: PlanSnapshot, late: dict) -> tuple[Item, ...]:
    """Red, then amber, then other overdue actions, each group in the plan's order."""
    rank = {"red": 0, "amber": 1}
    picked = [i for a in snapshot.actions() if (i := _item(snapshot, a, late)).exception]
    return tuple(sorted(picked, key=lambda i: rank.get(i.colour, 2)))


def _totals(snapshot: PlanSnapshot) -> tuple[Count, ...]:
    """Actions by the key's entries: a colour can have several (green is on track, and
    completed awaiting sign-off), and members need to tell them apart."""
    tally = Counter((a.rating.colour, a.rating.label) for a in snapshot.actions())
    return tuple(Count(k.colour, k.label, tally[(k.colour, k.label)]) for k in snapshot.key)


def _counts(counts) -> tuple[Count, ...]:
    return tuple(Count(c, c.capitalize(), n) for c, n in counts)


def _planned(a: ActionView) -> dt.date | None:
    """When the action is due to be complete: its end date, else its last milestone."""
    return a.due or max((m.due for m in a.milestones if m.due), default=None)


def _completed_on(a: ActionView) -> dt.date | None:
    if a.status not in COMPLETED or a.latest is None:
        return None
    return a.latest.as_at or a.latest.written_at.date()


def _progress(snapshot: PlanSnapshot, plan: Plan) -> tuple[ProgressPoint, ...]:
    """At each month's end, and on the as-at date, the actions planned to be complete by
    then (from their due dates) and, up to the as-at date, those completed by then
    (signed off or reported complete)."""
    on = snapshot.on
    planned = sorted(d for a in snapshot.actions() if (d := _planned(a)))
    done = [d for a in snapshot.actions() if (d := _completed_on(a))]
    ends = [d for d in (plan.period_start, plan.period_end) if d]
    first, last = min([*planned, *done, *ends, on]), max([*planned, *ends, on])
    days, month = [], month_end(first)
    while month <= month_end(last):
        days.append(on if month == month_end(on) else month)
        month = month_end(month + dt.timedelta(days=1))
    if on not in days:
        days.append(on)  # a plan that has never had a date
    return tuple(
        ProgressPoint(
            day,
            sum(1 for d in planned if d <= day),
            sum(1 for d in done if d <= day) if day <= on else None,
        )
        for day in days
    )


def _indicators(plan: Plan, as_at: dt.date) -> tuple[IndicatorRow, ...]:
    """The plan's indicators with their latest value for a period ended by the as-at date."""
    rows = []
    for ind in Indicator.objects.filter(plan=plan).prefetch_related("values"):
        values = sorted(
            (v for v in ind.values.all() if v.period_end <= as_at), key=lambda v: v.period_end
        )
        latest = values[-1] if values else None
        before = values[-2] if len(values) > 1 else None
        direction = indicator_rag.direction(
            before.value if before else None, latest.value if latest else None, ind.polarity
        )
        rag = ind.rag_of(latest)
        rows.append(
            IndicatorRow(
                name=ind.name,
                period=_period(latest),
                value=shown_value(latest.value, ind.unit) if latest else "no value yet",
                target=shown_value(ind.target, ind.unit),
                rag=str(rag) if rag else None,
                direction=str(direction) if direction else None,
                previous=shown_value(before.value, ind.unit) if before else "",
            )
        )
    return tuple(rows)


def _trends(plan: Plan, as_at: dt.date) -> tuple[IndicatorTrend, ...]:
    """Each indicator's values for periods ended in the six months to the as-at date (the
    six-monthly report's window, Annex B's too), with the notes written on them."""
    start = as_at - relativedelta(months=MONTHS) + dt.timedelta(days=1)
    trends = []
    for ind in Indicator.objects.filter(plan=plan).prefetch_related("values"):
        values = sorted(
            (v for v in ind.values.all() if start <= v.period_end <= as_at),
            key=lambda v: v.period_end,
        )
        points, notes = [], []
        for v in values:
            rag = ind.rag_of(v)
            points.append(
                TrendPoint(
                    f"{v.period_end:%b %Y}",
                    float(v.value) if v.value is not None else None,
                    shown_value(v.value, ind.unit) or "no value",
                    str(rag) if rag else None,
                )
            )
            if v.note.strip():
                notes.append(f"{_period(v)}: {v.note.strip()}")
        trends.append(
            IndicatorTrend(
                name=ind.name,
                definition=ind.definition,
                target=float(ind.target) if ind.target is not None else None,
                target_text=shown_value(ind.target, ind.unit),
                points=tuple(points),
                commentary=tuple(notes),
            )
        )
    return tuple(trends)


def _period(value) -> str:
    if value is None:
        return ""
    if value.period_start is None:
        return f"at {long_date(value.period_end)}"
    start, end = f"{value.period_start:%B %Y}", f"{value.period_end:%B %Y}"
    return end if start == end else f"{start} to {end}"


def _previous_paper(plan: Plan, body: Body, as_at: dt.date) -> Paper | None:
    return (
        Paper.objects.issued()
        .filter(plan=plan, body=body, as_at__lt=as_at)
        .order_by("-as_at", "-issued_at", "-pk")
        .first()
    )


def _changes(before: PaperData, annex: tuple[RecommendationItems, ...]) -> tuple[Change, ...]:
    was = {i.action_id: i for r in before.annex for i in r.items}
    return tuple(
        Change(i.ref, i.text, was[i.action_id].rating, i.rating, was[i.action_id].colour, i.colour)
        for r in annex
        for i in r.items
        if i.action_id in was and was[i.action_id].colour != i.colour
    )


def _completed_since(before: PaperData, snapshot: PlanSnapshot) -> int:
    done = {statuses.label(k) for k in COMPLETED}
    was = {i.action_id for r in before.annex for i in r.items if i.status in done}
    return sum(1 for a in snapshot.actions() if a.status in COMPLETED and a.id not in was)


def _meeting(body: Body, as_at: dt.date) -> dt.date | None:
    """The body's next meeting on or after the as-at date, if its meetings are entered."""
    return (
        Meeting.objects.filter(body=body, date__gte=as_at)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


def _author(plan: Plan, given: Author | None) -> Author:
    """Each detail from the options, else the PAPER_AUTHOR setting, else the plan's
    covering report (and the author's contact address, if recorded)."""
    given = given or Author()
    configured = getattr(settings, "PAPER_AUTHOR", None) or {}
    cover = plan.cover or {}
    name = given.name or configured.get("name") or cover.get("author", "")
    role = given.role or configured.get("role") or cover.get("author_role", "")
    email = given.email or configured.get("email") or _email_of(plan, name)
    phone = given.phone or configured.get("phone", "")
    return Author(name, role, email, phone)


def _email_of(plan: Plan, name: str) -> str:
    party = Party.objects.filter(organisation_id=plan.organisation_id, name=name).first()
    if party is None:
        return ""
    return email_addresses(plan.pk, [party.pk]).get(party.pk, "")


def _evidence(plan: Plan, as_at: dt.date) -> Evidence:
    """Annex B: the audits completed and the feedback heard in the six months to the as-at
    date, from the audits' and voice's own paper functions (which leave out every case and
    every flagged quote)."""
    period = (as_at - relativedelta(months=MONTHS) + dt.timedelta(days=1), as_at)
    audits, feedback = findings_for_paper(plan, period), feedback_for_paper(plan, period)
    return Evidence(
        start=period[0],
        end=period[1],
        audits=tuple(
            AuditSummary(
                a.title,
                a.quarter,
                a.completed,
                a.cases,
                a.sample_size,
                a.moderated,
                a.good_or_better,
                tuple(GradeCount(g, n) for g, n in a.grades),
                a.findings,
            )
            for a in audits.audits
        ),
        results=tuple(
            FeedbackResult(
                f"{s.name} ({s.kind.lower()})",
                r.question,
                r.period,
                r.responses,
                percent(r.positive),
            )
            for s in feedback.sources
            for r in s.results
        ),
        themes=feedback.themes,
        you_said=feedback.you_said_we_did,
    )
