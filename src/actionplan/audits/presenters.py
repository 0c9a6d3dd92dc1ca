"""Presenters for the audit pages: models in, rows and words for templates out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import Truncator

from actionplan.audits import grading
from actionplan.audits.models import Audit, CaseAudit, Finding, Moderation, ToolVersion
from actionplan.audits.quarters import Quarter
from actionplan.audits.tools import Tool
from actionplan.core import wording
from actionplan.core.presenters.people import display_name
from actionplan.core.presenters.tags import Tag
from actionplan.core.wording import listed, long_date, plural


def action_label(action, text_length: int = 90) -> str:
    """'Recommendation 4, action A.1: Ensure compliance...' (0 for no text)."""
    ref = wording.action_label(action.ref, action.number, action.order)
    label = f"Recommendation {action.recommendation.number}, action {ref}"
    if not text_length:
        return label
    return f"{label}: {Truncator(' '.join(action.text.split())).chars(text_length)}"


GRADE_TAGS = {
    grading.OUTSTANDING: "govuk-tag--blue",
    grading.GOOD: "govuk-tag--green",
    grading.REQUIRES_IMPROVEMENT: "govuk-tag--yellow",
    grading.INADEQUATE: "govuk-tag--red",
    grading.YES: "govuk-tag--green",
    grading.PARTLY: "govuk-tag--yellow",
    grading.NO: "govuk-tag--red",
    grading.NOT_APPLICABLE: "govuk-tag--grey",
}


def grade_tag(value: str | None) -> Tag:
    return Tag(grading.label(value), GRADE_TAGS.get(value or "", "govuk-tag--grey"))


def status_tag(audit: Audit, cases: int, today: dt.date) -> Tag:
    if audit.complete:
        return Tag("Complete", "govuk-tag--blue")
    if audit.due < today:
        return Tag("Overdue", "govuk-tag--red")
    if cases:
        return Tag("In progress", "govuk-tag--green")
    return Tag("Planned", "govuk-tag--grey")


# --- the programme -------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    id: int
    title: str
    due: str
    status: Tag
    progress: str  # "12 of 30 cases audited, 4 moderated"
    auditors: str
    moderators: str
    evidences: str
    mine: str  # "You audit this" / "You moderate this" / ""


@dataclass(frozen=True)
class QuarterGroup:
    label: str
    months: str
    anchor: str
    audits: tuple[AuditRow, ...]


def _names(parties) -> str:
    return listed([p.name for p in parties]) or "None named"


def audit_row(audit: Audit, today: dt.date, party_id: int | None = None) -> AuditRow:
    cases = list(audit.cases.all())
    moderated = sum(1 for c in cases if c.moderations.all())
    auditors, moderators = list(audit.auditors.all()), list(audit.moderators.all())
    evidences = [f"recommendation {r.number}" for r in audit.recommendations.all()]
    n = len(audit.actions.all())
    if n:
        evidences.append(plural(n, "action"))
    mine = ""
    if party_id and any(p.pk == party_id for p in auditors):
        mine = "You are an auditor"
    elif party_id and any(p.pk == party_id for p in moderators):
        mine = "You are a moderator"
    return AuditRow(
        id=audit.pk,
        title=audit.title,
        due=long_date(audit.due),
        status=status_tag(audit, len(cases), today),
        progress=f"{len(cases)} of {audit.sample_size} cases audited, {moderated} moderated",
        auditors=_names(auditors),
        moderators=_names(moderators),
        evidences=listed(evidences) or "Not linked to the plan",
        mine=mine,
    )


def programme(audits: list[Audit], today: dt.date, party_id: int | None) -> list[QuarterGroup]:
    by_quarter: dict[Quarter, list[Audit]] = defaultdict(list)
    for audit in audits:
        by_quarter[audit.quarter].append(audit)
    return [
        QuarterGroup(
            label=q.label,
            months=q.months,
            anchor=f"q{q.number}-{q.year}",
            audits=tuple(audit_row(a, today, party_id) for a in group),
        )
        for q, group in sorted(by_quarter.items())
    ]


# --- one audit: its findings -------------------------------------------------------------


@dataclass(frozen=True)
class GradeCount:
    tag: Tag
    count: int
    percent: int


@dataclass(frozen=True)
class FindingView:
    id: int
    kind: str
    text: str
    actions: tuple[tuple[int, str, bool], ...]  # (action id, label, made from this finding)


@dataclass(frozen=True)
class QuestionResult:
    text: str
    counts: tuple[GradeCount, ...]


@dataclass(frozen=True)
class Findings:
    cases: int
    moderated: int
    changed: int  # moderations that changed a grade
    overall: tuple[GradeCount, ...]
    good_or_better: str  # "22 of 30 cases (73%)"
    questions: tuple[QuestionResult, ...]
    themes: tuple[FindingView, ...]
    learning: tuple[FindingView, ...]


def _counts(values: list[str | None], scale: tuple[tuple[str, str], ...]) -> tuple[GradeCount, ...]:
    answered = [v for v in values if v and v != grading.NOT_APPLICABLE]
    total = len(answered) or 1
    return tuple(
        GradeCount(grade_tag(key), n, round(100 * n / total))
        for key, _ in scale
        for n in [sum(v == key for v in answered)]
    )


def _finding_view(f: Finding) -> FindingView:
    return FindingView(
        id=f.pk,
        kind=f.get_kind_display(),
        text=f.text,
        actions=tuple(
            (link.action_id, action_label(link.action), link.made_from_finding)
            for link in f.links.all()
        ),
    )


def findings(audit: Audit, cases: list[CaseAudit], spec: Tool) -> Findings:
    grades = [c.grades() for c in cases]
    overall = [g.get(grading.OVERALL) for g in grades]
    good, answered = grading.share(overall, grading.GOOD_OR_BETTER)
    percent = f" ({round(100 * good / answered)}%)" if answered else ""
    moderations = [c.latest_moderation() for c in cases]
    all_findings = list(audit.findings.all())
    return Findings(
        cases=len(cases),
        moderated=sum(1 for m in moderations if m),
        changed=sum(1 for m in moderations if m and not m.agreed),
        overall=_counts(overall, grading.SCALES[grading.GRADE]),
        good_or_better=f"{good} of {plural(answered, 'case')}{percent}",
        questions=tuple(
            QuestionResult(q.text, _counts([g.get(q.key) for g in grades], q.choices))
            for q in spec.questions
        ),
        themes=tuple(_finding_view(f) for f in all_findings if f.kind == Finding.Kind.THEME),
        learning=tuple(_finding_view(f) for f in all_findings if f.kind == Finding.Kind.LEARNING),
    )


@dataclass(frozen=True)
class CaseRow:
    id: int
    reference: str
    audited_on: str
    auditor: str
    overall: Tag
    moderation: str  # "Agreed", "Changed: Good to Requires improvement", "Not moderated"


def _user(user) -> str:
    return display_name(user) or "Unknown"


def moderation_words(m: Moderation | None) -> str:
    if m is None:
        return "Not moderated"
    if m.agreed:
        return "Agreed"
    overall = m.changed().get(grading.OVERALL)
    if overall:
        return (
            f"Overall grade changed from {grading.label(overall[0])} to {grading.label(overall[1])}"
        )
    return f"{plural(len(m.changed()), 'grade')} changed"


def case_rows(cases: list[CaseAudit]) -> list[CaseRow]:
    rows = []
    for c in cases:
        m = c.latest_moderation()
        rows.append(
            CaseRow(
                id=c.pk,
                reference=c.case_reference,
                audited_on=long_date(c.audited_on),
                auditor=_user(c.auditor),
                overall=grade_tag(c.grades().get(grading.OVERALL)),
                moderation=moderation_words(m),
            )
        )
    return rows


# --- one case ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    question: str
    guidance: str
    auditor: Tag
    moderated: Tag | None  # the moderator's grade, where it differs


@dataclass(frozen=True)
class CaseView:
    reference: str
    audited_on: str
    auditor: str
    version: str
    sections: tuple[tuple[str, tuple[AnswerRow, ...]], ...]
    overall: AnswerRow
    strengths: str
    improvements: str
    team_actions: str
    moderations: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...]
    anonymised: bool


def case_view(case: CaseAudit, version: ToolVersion) -> CaseView:
    spec = version.spec()
    moderations = sorted(case.moderations.all(), key=lambda m: (m.created_at, m.pk))
    m = case.latest_moderation()
    moderated = {k: pair[1] for k, pair in m.grades.items()} if m else {}

    def row(key: str, question: str, guidance: str, mine: str) -> AnswerRow:
        theirs = moderated.get(key)
        return AnswerRow(
            question,
            guidance,
            grade_tag(mine),
            grade_tag(theirs) if theirs and theirs != mine else None,
        )

    return CaseView(
        reference=case.case_reference,
        audited_on=long_date(case.audited_on),
        auditor=_user(case.auditor),
        version=f"{version.tool.name}, version {version.number}",
        sections=tuple(
            (
                s.title,
                tuple(
                    row(q.key, q.text, q.guidance, case.answers.get(q.key, "")) for q in s.questions
                ),
            )
            for s in spec.sections
        ),
        overall=row(grading.OVERALL, "Overall grade", "", case.overall_grade),
        strengths=case.strengths,
        improvements=case.improvements,
        team_actions=case.team_actions,
        moderations=tuple(
            (
                _user(mod.moderator),
                long_date(mod.created_at.date()),
                mod.reason,
                tuple(
                    (_question_text(spec, k), grading.label(a), grading.label(b))
                    for k, (a, b) in mod.changed().items()
                ),
            )
            for mod in moderations
        ),
        anonymised=case.anonymised_at is not None,
    )


def _question_text(spec: Tool, key: str) -> str:
    if key == grading.OVERALL:
        return "Overall grade"
    q = spec.question(key)
    return q.text if q else key
