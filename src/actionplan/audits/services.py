"""Writing audits: tools and their versions, case audits, moderation, findings, questions,
and the indicator values audits give; and `findings_for_paper`, what board papers show.

Every function trusts its caller (a view, the demo) to have checked the user may do it, and
writes in one transaction. Free text is checked for identifiers first: AuditError names the
field and the kind of identifier, never the text, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionplan.audits import grading
from actionplan.audits.models import (
    Audit,
    AuditAnswer,
    AuditMeasure,
    AuditQuestion,
    AuditTool,
    CaseAudit,
    Finding,
    FindingAction,
    Moderation,
    ToolVersion,
)
from actionplan.audits.paper import PaperFinding
from actionplan.audits.presenters import action_label
from actionplan.audits.quarters import Quarter, quarter_of
from actionplan.audits.tools import Tool, ToolError, parse_tool
from actionplan.core.errors import UserError
from actionplan.identifiers import find_identifiers, mask, refusal
from actionplan.indicators.models import Indicator, IndicatorValue
from actionplan.indicators.services import value_in_unit
from actionplan.monitoring import services as monitoring
from actionplan.plans.models import Action, Party, Plan, Recommendation


class AuditError(UserError):
    """What was asked cannot be done; `field` names the input at fault, for the form."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class IdentifiersFound(AuditError):
    """Free text holds likely identifiers: `problems` maps each field to its messages, and
    `masked` to its text with each identifier replaced, for the form to show back."""

    def __init__(self, problems: dict[str, list[str]], masked: dict[str, str]):
        self.problems, self.masked = problems, masked
        field, messages = next(iter(problems.items()))
        super().__init__(messages[0], field)


def people_names(plan: Plan) -> list[str]:
    """The full names of the people of the plan's council, whose names free text may use."""
    return list(
        Party.objects.filter(organisation_id=plan.organisation_id, kind=Party.Kind.PERSON)
        .values_list("name", flat=True)
        .order_by("name")
    )


def check_identifiers(plan: Plan, fields: Mapping[str, tuple[str, str]]) -> None:
    """Raise IdentifiersFound for any field (name -> (label, text)) holding an identifier."""
    people = people_names(plan)
    problems: dict[str, list[str]] = {}
    masked: dict[str, str] = {}
    for name, (label, text) in fields.items():
        found = find_identifiers(text or "", people=people)
        if found:
            problems[name] = [refusal(label, f) for f in found]
            masked[name] = mask(text, found)
    if problems:
        raise IdentifiersFound(problems, masked)


# --- tools ---------------------------------------------------------------------------------


def _spec(definition: str) -> Tool:
    try:
        return parse_tool(definition)
    except ToolError as e:
        raise AuditError(str(e), "definition") from None


@transaction.atomic
def create_tool(plan: Plan, *, name: str, definition: str, description: str = "", user=None):
    _spec(definition)
    name = name.strip()
    if AuditTool.objects.filter(plan=plan, name=name).exists():
        raise AuditError(f"The plan has a tool called {name!r} already", "name")
    tool = AuditTool.objects.create(plan=plan, name=name, description=description.strip())
    ToolVersion.objects.create(tool=tool, number=1, definition=definition, created_by=user)
    return tool


@transaction.atomic
def revise_tool(
    tool: AuditTool,
    *,
    definition: str,
    name: str | None = None,
    description: str | None = None,
    user=None,
) -> tuple[ToolVersion, bool]:
    """Change what the tool asks: in place while no case has used the current version, else
    as a new version, so that audited cases keep the form they were audited with. Says
    whether a new version was made."""
    _spec(definition)
    if name is not None and name.strip() != tool.name:
        if AuditTool.objects.filter(plan=tool.plan_id, name=name.strip()).exists():
            raise AuditError(f"The plan has a tool called {name.strip()!r} already", "name")
        tool.name = name.strip()
    if description is not None:
        tool.description = description.strip()
    tool.save()
    current = ToolVersion.objects.select_for_update().filter(tool=tool).latest("number")
    if current.definition == definition:
        return current, False
    if not current.used:
        current.definition, current.created_by = definition, user
        current.save(update_fields=["definition", "created_by"])
        return current, False
    version = ToolVersion.objects.create(
        tool=tool, number=current.number + 1, definition=definition, created_by=user
    )
    return version, True


# --- case audits ---------------------------------------------------------------------------

CASE_TEXT = {
    "strengths": "Strengths",
    "improvements": "Areas to improve",
    "team_actions": "Actions for the case's team",
}


def _check_answers(spec: Tool, answers: Mapping[str, str], overall: str) -> dict[str, str]:
    clean = {}
    for q in spec.questions:
        value = answers.get(q.key, "")
        allowed = {k for k, _ in q.choices} | {grading.NOT_APPLICABLE}
        if value not in allowed:
            raise AuditError(f"Answer the question: {q.text}", f"q_{q.key}")
        clean[q.key] = value
    if overall not in grading.GRADES:
        raise AuditError("Choose the case's overall grade", "overall_grade")
    return clean


def _check_case(audit: Audit, fields: Mapping[str, str], reference: str) -> None:
    texts = {k: (label, fields.get(k, "")) for k, label in CASE_TEXT.items()}
    texts["case_reference"] = ("The case reference", reference)
    check_identifiers(audit.plan, texts)


def _open(audit: Audit) -> None:
    if audit.complete:
        raise AuditError("This audit is complete: its cases are no longer changed")


@transaction.atomic
def record_case_audit(
    audit: Audit,
    *,
    user,
    case_reference: str,
    audited_on: dt.date,
    answers: Mapping[str, str],
    overall_grade: str,
    strengths: str = "",
    improvements: str = "",
    team_actions: str = "",
    at: dt.datetime | None = None,
) -> CaseAudit:
    """An audited case, against the current version of the audit's tool."""
    _open(audit)
    reference = case_reference.strip()
    texts = {"strengths": strengths, "improvements": improvements, "team_actions": team_actions}
    _check_case(audit, texts, reference)
    version = audit.tool.current()
    clean = _check_answers(version.spec(), answers, overall_grade)
    if audit.cases.filter(case_reference__iexact=reference).exists():
        raise AuditError("This case has been audited in this audit already", "case_reference")
    at = at or timezone.now()
    return CaseAudit.objects.create(
        audit=audit,
        tool_version=version,
        case_reference=reference,
        auditor=user,
        audited_on=audited_on,
        answers=clean,
        overall_grade=overall_grade,
        created_at=at,
        updated_at=at,
        **{k: v.strip() for k, v in texts.items()},
    )


@transaction.atomic
def edit_case_audit(
    case: CaseAudit,
    *,
    case_reference: str,
    audited_on: dt.date,
    answers: Mapping[str, str],
    overall_grade: str,
    strengths: str = "",
    improvements: str = "",
    team_actions: str = "",
) -> CaseAudit:
    """Correct a case audit, which keeps the tool version it was audited with; not once it
    has been moderated (the moderator's view is of what they saw)."""
    _open(case.audit)
    if case.moderations.exists():
        raise AuditError("This case has been moderated: ask its moderator to look again")
    reference = case_reference.strip()
    texts = {"strengths": strengths, "improvements": improvements, "team_actions": team_actions}
    _check_case(case.audit, texts, reference)
    clean = _check_answers(case.tool_version.spec(), answers, overall_grade)
    if case.audit.cases.filter(case_reference__iexact=reference).exclude(pk=case.pk).exists():
        raise AuditError("This case has been audited in this audit already", "case_reference")
    case.case_reference, case.audited_on = reference, audited_on
    case.answers, case.overall_grade = clean, overall_grade
    for k, v in texts.items():
        setattr(case, k, v.strip())
    case.updated_at = timezone.now()
    case.save()
    return case


@transaction.atomic
def moderate(
    case: CaseAudit,
    *,
    user,
    grades: Mapping[str, str],
    reason: str = "",
    at: dt.datetime | None = None,
) -> Moderation:
    """A second reviewer's grades for the case (every question and the overall grade):
    both theirs and those they moderated are kept. A changed grade needs a reason."""
    if case.auditor_id is not None and case.auditor_id == getattr(user, "pk", None):
        raise AuditError("A case is moderated by someone other than its auditor")
    before = case.grades()
    spec = case.tool_version.spec()
    allowed = {q.key: {k for k, _ in q.choices} | {grading.NOT_APPLICABLE} for q in spec.questions}
    allowed[grading.OVERALL] = set(grading.GRADES)
    pairs = {}
    for key, choices in allowed.items():
        value = grades.get(key, "")
        if value not in choices:
            field = "overall_grade" if key == grading.OVERALL else f"q_{key}"
            raise AuditError("Choose a grade for every question, and overall", field)
        pairs[key] = [before.get(key, ""), value]
    changed = any(a != b for a, b in pairs.values())
    reason = reason.strip()
    if changed and not reason:
        raise AuditError("Say why you changed the grade", "reason")
    check_identifiers(case.audit.plan, {"reason": ("The reason", reason)})
    moderation = Moderation.objects.create(
        case_audit=case,
        moderator=user,
        grades=pairs,
        agreed=not changed,
        reason=reason,
        created_at=at or timezone.now(),
    )
    if case.audit.complete:
        refresh_indicator_values(case.audit.plan)
    return moderation


@transaction.atomic
def complete_audit(audit: Audit, *, user, at: dt.datetime | None = None) -> Audit:
    """The audit is done: its findings are final and its results go to the indicators."""
    if audit.complete:
        raise AuditError("This audit is complete already")
    if not audit.cases.exists():
        raise AuditError("Audit at least one case before completing the audit")
    audit.completed_at, audit.completed_by = at or timezone.now(), user
    audit.save(update_fields=["completed_at", "completed_by"])
    refresh_indicator_values(audit.plan)
    return audit


# --- findings ------------------------------------------------------------------------------


@transaction.atomic
def add_finding(audit: Audit, *, kind: str, text: str, actions: Iterable[Action] = ()) -> Finding:
    text = text.strip()
    if not text:
        raise AuditError("Write the finding", "text")
    if kind not in Finding.Kind.values:
        raise AuditError("Choose a theme or a learning point", "kind")
    check_identifiers(audit.plan, {"text": ("The finding", text)})
    order = (audit.findings.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    finding = Finding.objects.create(audit=audit, kind=kind, text=text, order=order)
    link_actions(finding, actions)
    return finding


@transaction.atomic
def edit_finding(finding: Finding, *, kind: str, text: str, actions: Iterable[Action]) -> Finding:
    text = text.strip()
    if not text:
        raise AuditError("Write the finding", "text")
    check_identifiers(finding.audit.plan, {"text": ("The finding", text)})
    finding.kind, finding.text = kind, text
    finding.save(update_fields=["kind", "text"])
    link_actions(finding, actions)
    return finding


def link_actions(finding: Finding, actions: Iterable[Action]) -> None:
    """Link the finding to exactly these actions of its plan (an action made from it stays)."""
    wanted = {a.pk for a in actions}
    plan_id = finding.audit.plan_id
    if Action.objects.filter(pk__in=wanted).exclude(recommendation__plan_id=plan_id).exists():
        raise AuditError("Choose actions of this plan", "actions")
    finding.links.filter(made_from_finding=False).exclude(action_id__in=wanted).delete()
    have = set(finding.links.values_list("action_id", flat=True))
    FindingAction.objects.bulk_create(
        FindingAction(finding=finding, action_id=pk) for pk in wanted - have
    )


@transaction.atomic
def action_from_finding(
    finding: Finding,
    *,
    user,
    recommendation: Recommendation,
    text: str,
    leads: list[int],
    due: dt.date | None,
    at: dt.datetime | None = None,
) -> Action:
    """A new action in the plan, made through the plan's own service (so its history says
    who added it, when, and from which audit), linked to the finding."""
    if recommendation.plan_id != finding.audit.plan_id:
        raise AuditError("Choose a recommendation of this plan", "recommendation")
    check_identifiers(finding.audit.plan, {"text": ("The action", text)})
    try:
        action = monitoring.add_action(
            recommendation,
            user=user,
            text=text,
            leads=leads,
            due=due,
            reason=f"from the findings of the audit '{finding.audit.title}'",
            at=at,
        )
    except monitoring.MonitoringError as e:
        raise AuditError(str(e), e.field) from None
    FindingAction.objects.create(finding=finding, action=action, made_from_finding=True)
    return action


# --- members' questions --------------------------------------------------------------------


def question_text(plan: Plan, question: str) -> str:
    """A member's question, stripped and checked: shared with the voice app's questions."""
    question = question.strip()
    if not question:
        raise AuditError("Enter your question", "question")
    check_identifiers(plan, {"question": ("Your question", question)})
    return question


def answer_text(plan: Plan, text: str) -> str:
    """An officer's answer to a member's question, stripped and checked (shared too)."""
    text = text.strip()
    if not text:
        raise AuditError("Enter the answer", "text")
    check_identifiers(plan, {"text": ("The answer", text)})
    return text


def ask(audit: Audit, *, user, question: str, at: dt.datetime | None = None) -> AuditQuestion:
    return AuditQuestion.objects.create(
        audit=audit,
        question=question_text(audit.plan, question),
        asked_by=user,
        asked_at=at or timezone.now(),
    )


def answer(q: AuditQuestion, *, user, text: str, at: dt.datetime | None = None) -> AuditAnswer:
    return AuditAnswer.objects.create(
        question=q,
        text=answer_text(q.audit.plan, text),
        answered_by=user,
        answered_at=at or timezone.now(),
    )


# --- indicators ----------------------------------------------------------------------------


@transaction.atomic
def feed_indicator(
    plan: Plan,
    *,
    name: str,
    measure: str,
    question_key: str = "",
    target=None,
    tolerance=0,
) -> Indicator:
    """A new indicator whose values come from the plan's completed audits, one a quarter."""
    name = name.strip()
    if not name:
        raise AuditError("Name the indicator", "name")
    if plan.indicators.filter(name=name).exists():
        raise AuditError(f"The plan has an indicator called {name!r} already", "name")
    if measure == AuditMeasure.Measure.ANSWER_YES and not question_key:
        raise AuditError("Choose the question whose yes answers are counted", "question_key")
    what = (
        "audited cases graded good or outstanding overall"
        if measure == AuditMeasure.Measure.GOOD_OR_BETTER
        else f"audited cases answering yes to the question '{question_key}'"
    )
    indicator = Indicator.objects.create(
        plan=plan,
        name=name,
        definition=f"The share of {what}, from the case-file audits completed in each quarter "
        "(moderated grades where a case was moderated; not applicable left out).",
        unit=Indicator.Unit.PERCENT,
        frequency=Indicator.Frequency.QUARTERLY,
        target=target,
        tolerance=tolerance or 0,
        order=(plan.indicators.order_by("-order").values_list("order", flat=True).first() or 0) + 1,
    )
    AuditMeasure.objects.create(
        indicator=indicator,
        measure=measure,
        question_key=question_key if measure == AuditMeasure.Measure.ANSWER_YES else "",
    )
    refresh_indicator_values(plan)
    return indicator


def _counted(measure: AuditMeasure, grades: list[dict[str, str]]) -> tuple[int, int]:
    if measure.measure == AuditMeasure.Measure.GOOD_OR_BETTER:
        return grading.share((g.get(grading.OVERALL) for g in grades), grading.GOOD_OR_BETTER)
    return grading.share((g.get(measure.question_key) for g in grades), {grading.YES})


@transaction.atomic
def refresh_indicator_values(plan: Plan) -> int:
    """Give every audit-fed indicator of the plan one value per quarter with completed
    audits, from their cases' grades (moderated where moderated); remove audit values for
    quarters that no longer have any. Returns how many values it wrote."""
    measures = list(AuditMeasure.objects.filter(indicator__plan=plan).select_related("indicator"))
    if not measures:
        return 0
    by_quarter: dict[Quarter, list[Audit]] = defaultdict(list)
    for audit in Audit.objects.filter(plan=plan, completed_at__isnull=False):
        by_quarter[audit.quarter].append(audit)
    cases = CaseAudit.objects.filter(audit__in=[a for q in by_quarter.values() for a in q])
    grades: dict[int, list[dict[str, str]]] = defaultdict(list)
    for case in cases.prefetch_related("moderations"):
        grades[case.audit_id].append(case.grades())
    written = 0
    for measure in measures:
        indicator = measure.indicator
        ends = []
        for quarter, audits in sorted(by_quarter.items()):
            numerator, denominator = _counted(measure, [g for a in audits for g in grades[a.pk]])
            if not denominator:
                continue
            titles = "; ".join(a.title for a in audits)
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                period_end=quarter.end,
                defaults={
                    "period_start": quarter.start,
                    "value": value_in_unit(indicator.unit, numerator, denominator),
                    "numerator": numerator,
                    "denominator": denominator,
                    "source": IndicatorValue.Source.AUDIT,
                    "note": f"From the case-file audits of {quarter.label}: {titles}",
                    "source_url": reverse("audits:audit", args=[plan.pk, audits[0].pk]),
                },
            )
            ends.append(quarter.end)
            written += 1
        indicator.values.filter(source=IndicatorValue.Source.AUDIT).exclude(
            period_end__in=ends
        ).delete()
    return written


# --- for board papers ------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperAudit:
    title: str
    quarter: str  # "Q4 2012/13"
    completed: dt.date
    cases: int
    sample_size: int
    moderated: int
    grades: tuple[tuple[str, int], ...]  # (grade label, cases), best first
    good_or_better: int  # cases graded good or outstanding overall
    findings: tuple[PaperFinding, ...]


@dataclass(frozen=True)
class PaperAudits:
    """The case-file audits completed in a period, for a six-monthly performance report or
    a progress report: each with its grade distribution (moderated grades) and findings."""

    start: dt.date
    end: dt.date
    audits: tuple[PaperAudit, ...]

    @property
    def cases(self) -> int:
        return sum(a.cases for a in self.audits)


def findings_for_paper(plan: Plan, period: tuple[dt.date, dt.date]) -> PaperAudits:
    """The audits of `plan` completed from period[0] to period[1] (inclusive), in the order
    they were completed. Only aggregates and findings: no case reference, no case's text."""
    start, end = period
    audits = (
        Audit.objects.filter(
            plan=plan,
            completed_at__date__gte=start,
            completed_at__date__lte=end,
        )
        .order_by("completed_at", "pk")
        .prefetch_related(
            "cases__moderations",
            "findings__links__action__recommendation",
        )
    )
    found = []
    for audit in audits:
        cases = list(audit.cases.all())
        overall = [c.grades()[grading.OVERALL] for c in cases]
        counts = grading.distribution(overall)
        found.append(
            PaperAudit(
                title=audit.title,
                quarter=audit.quarter.label,
                completed=timezone.localdate(audit.completed_at),
                cases=len(cases),
                sample_size=audit.sample_size,
                moderated=sum(1 for c in cases if c.latest_moderation()),
                grades=tuple((grading.label(g), n) for g, n in counts.items()),
                good_or_better=sum(counts[g] for g in grading.GOOD_OR_BETTER),
                findings=tuple(
                    PaperFinding(
                        kind=f.get_kind_display(),
                        text=f.text,
                        actions=tuple(action_label(link.action, 200) for link in f.links.all()),
                    )
                    for f in audit.findings.all()
                ),
            )
        )
    return PaperAudits(start=start, end=end, audits=tuple(found))


def quarter_choices(plan: Plan, today: dt.date) -> list[tuple[str, str]]:
    """The financial quarters an audit can be planned in: from the plan's start (or a year
    ago) to two years after today."""
    first = plan.period_start or today.replace(year=today.year - 1)
    quarter, last = quarter_of(min(first, today)), quarter_of(today.replace(year=today.year + 2))
    choices = []
    while quarter <= last:
        choices.append((quarter.start.isoformat(), f"{quarter.label} ({quarter.months})"))
        quarter = quarter.next()
    return choices
