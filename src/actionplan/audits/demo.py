"""The demo plan's case-file audits, in its 2013 story: the CSC case file audit tool
(amended in March 2013 to include the quality of CiN plans, as the plan says: a second
version), an audit of children's views in Q4 2012/13 and one of CiN plans in Q1 2013/14,
30 cases audited between them with a third moderated, findings linked to the plan's actions
(one made a new action), two indicators fed by them, and an audit of supervision planned for
Q2 2013/14. Synthetic: the case references and what the auditors wrote are invented, and
hold no identifiers. Everything goes through the services, dated with `at=`. Loading it
again does nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from actionplan.audits import services
from actionplan.audits.models import Audit, AuditMeasure, ToolVersion
from actionplan.governance.meetings import find_body
from actionplan.monitoring.demo import at
from actionplan.plans.models import Action, Party, Plan

D = dt.date
TOOL_V1 = """Section: The child's voice
Question seen-alone (yes/partly/no): Was the child seen alone at the last statutory visit?
Guidance: The visit record says the child was seen without their parents or carers, or why not.
Question views (grade): Are the child's views recorded in their own words, and do they shape the plan?
Guidance: Look for the child's wishes and feelings in the assessment, the plan and the review.

Section: Assessment and planning
Question chronology (yes/partly/no): Is there an up to date chronology?
Question plan-smart (grade): Are the plan's actions specific, with timescales and who will do them?

Section: Management oversight
Question oversight (grade): Is management oversight and supervision evident and reflective?
"""
# March 2013: "CSC case file audit tool amended to include quality of CiN plans".
TOOL_V2 = TOOL_V1.replace(
    "\nSection: Management oversight",
    "Question cin-plan (grade): Is the child in need plan outcome focused and reviewed within "
    "timescales?\nGuidance: Outcomes say what will be different for the child, and the plan "
    "was reviewed at least every three months.\n\nSection: Management oversight",
)

STRENGTHS = [
    "The social worker saw the child alone at each visit and recorded what the child said.",
    "Good multi-agency working: school and health visitor attend core groups.",
    "The chronology is up to date and shows the pattern of concerns clearly.",
    "The plan is written so the family can understand it.",
    "Supervision notes show reflective discussion and clear decisions.",
]
IMPROVEMENTS = [
    "The plan records that the child was seen but not what they said.",
    "Actions in the plan have no timescales.",
    "The plan was not reviewed within three months.",
    "No evidence of management oversight since the assessment.",
    "The chronology stops six months ago.",
]
TEAM_ACTIONS = [
    "Team manager to review the plan with the social worker within two weeks.",
    "Record the child's wishes and feelings in their own words at the next visit.",
    "Update the chronology before the next core group.",
    "Add timescales and named people to each action at the next review.",
]
OVERALL = ["good", "good", "requires_improvement", "good", "outstanding", "requires_improvement",
           "inadequate", "good", "requires_improvement", "good"]  # fmt: skip
YES = ["yes", "yes", "partly", "yes", "no", "yes", "yes", "partly", "yes", "n/a"]


@dataclass(frozen=True)
class DemoAudit:
    title: str
    scope: str
    quarter_start: dt.date
    due: dt.date
    sample: int
    cases: int
    recommendation: str
    actions: tuple[str, ...]
    completed: dt.datetime | None
    first_audited: dt.date


AUDITS = (
    DemoAudit(
        "Children's views in case files",
        "Open CiN and CP cases in all four localities, work in October to December 2012",
        D(2013, 1, 1),
        D(2013, 2, 28),
        15,
        15,
        "1",
        ("5", "6"),
        at(2013, 3, 8),
        D(2013, 2, 4),
    ),
    DemoAudit(
        "Quality of child in need plans",
        "Children in need with a plan open on 1 April 2013, a random sample across teams",
        D(2013, 4, 1),
        D(2013, 5, 31),
        15,
        15,
        "4",
        ("A.1", "A.4"),
        at(2013, 6, 10),
        D(2013, 5, 7),
    ),
    DemoAudit(
        "Supervision and appraisal records",
        "Supervision files of frontline social workers and their team managers",
        D(2013, 7, 1),
        D(2013, 9, 30),
        20,
        0,
        "7",
        ("1", "2"),
        None,
        D(2013, 9, 2),
    ),
)
AUDITORS = ("Julie Firth", "Alan Tucker")
MODERATORS = ("Judith Hay", "Nick O'Brien")
USERS = {
    "Julie Firth": "julie.firth",
    "Alan Tucker": "alan.tucker",
    "Judith Hay": "judith.hay",
    "Nick O'Brien": "nick.obrien",
}
LEAD = "stephanie.bratcher"


@transaction.atomic
def load_demo_audits(plan: Plan) -> int | None:
    """The demo's audits; how many cases were audited, or None if the plan has audits."""
    if Audit.objects.filter(plan=plan).exists():
        return None
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=[*USERS.values(), LEAD])
    }
    lead = users.get(LEAD)
    tool = services.create_tool(
        plan,
        name="CSC case file audit tool",
        description="The audit form of children's social care, used by every team manager.",
        definition=TOOL_V1,
        user=lead,
    )
    ToolVersion.objects.filter(tool=tool).update(created_at=at(2013, 1, 14))
    parties = {p.name: p for p in Party.objects.filter(organisation=plan.organisation)}
    cyplt = find_body(plan.organisation, "CYPLT")
    cases = 0
    for n, spec in enumerate(AUDITS):
        if n == 1:  # the tool was amended before the CiN plans audit
            version, _ = services.revise_tool(tool, definition=TOOL_V2, user=lead)
            ToolVersion.objects.filter(pk=version.pk).update(created_at=at(2013, 3, 20))
        audit = _audit(plan, tool, spec, parties, cyplt)
        for i in range(spec.cases):
            cases += 1
            _case(audit, spec, i, users, n)
        _findings(audit, spec, n, plan, lead)
        if spec.completed:
            services.complete_audit(audit, user=lead, at=spec.completed)
    _indicators(plan)
    return cases


def _audit(plan, tool, spec: DemoAudit, parties, body) -> Audit:
    audit = Audit.objects.create(
        plan=plan,
        tool=tool,
        title=spec.title,
        scope=spec.scope,
        quarter_start=spec.quarter_start,
        due=spec.due,
        sample_size=spec.sample,
        report_to=body,
        created_at=at(2013, 1, 14),
    )
    audit.auditors.set([parties[n] for n in AUDITORS if n in parties])
    audit.moderators.set([parties[n] for n in MODERATORS if n in parties])
    rec = plan.recommendations.filter(number=spec.recommendation).first()
    if rec is not None:
        audit.recommendations.set([rec])
        audit.actions.set(Action.objects.filter(recommendation=rec, ref__in=spec.actions))
    return audit


def _case(audit: Audit, spec: DemoAudit, i: int, users, n: int) -> None:
    k = i + 3 * n  # a different pattern for each audit
    answers = {
        "seen-alone": YES[k % len(YES)],
        "views": OVERALL[(k + 2) % len(OVERALL)] if n == 0 else OVERALL[(k + 1) % len(OVERALL)],
        "chronology": YES[(k + 3) % len(YES)],
        "plan-smart": OVERALL[(k + 4) % len(OVERALL)],
        "oversight": OVERALL[(k + 5) % len(OVERALL)],
    }
    if n == 1:
        answers["cin-plan"] = OVERALL[(k + 6) % len(OVERALL)]
    auditor = users.get(USERS[AUDITORS[i % 2]])
    audited_on = spec.first_audited + dt.timedelta(days=(i * 2) % 20)
    case = services.record_case_audit(
        audit,
        user=auditor,
        case_reference=f"NY-{'CV' if n == 0 else 'CIN'}-{1041 + 37 * i + n}",
        audited_on=audited_on,
        answers=answers,
        overall_grade=OVERALL[k % len(OVERALL)],
        strengths=STRENGTHS[k % len(STRENGTHS)],
        improvements=IMPROVEMENTS[(k + 1) % len(IMPROVEMENTS)],
        team_actions=TEAM_ACTIONS[k % len(TEAM_ACTIONS)],
        at=at(audited_on.year, audited_on.month, audited_on.day, 15),
    )
    if i % 3:
        return  # a third of the cases are moderated
    moderator = users.get(USERS[MODERATORS[i % 2]])
    grades = case.grades()
    reason = ""
    if i % 6 == 0 and grades["overall"] == "good":
        grades["overall"] = "requires_improvement"
        reason = "The child's views are recorded but nothing in the plan changed because of them."
    elif i % 6 == 0 and grades["overall"] == "requires_improvement":
        grades["overall"] = "good"
        reason = "The plan was reviewed on time and the outcomes are clear; the gaps are minor."
    services.moderate(
        case,
        user=moderator,
        grades=grades,
        reason=reason,
        at=at(audited_on.year, audited_on.month, audited_on.day, 17) + dt.timedelta(days=5),
    )


FINDINGS = {
    0: [
        (
            "theme",
            "Children are seen alone at most visits, and what they say is recorded more "
            "often than in October.",
        ),
        (
            "learning",
            "Plans record that the child was seen, but rarely say how the child's views "
            "changed the plan.",
        ),
    ],
    1: [
        ("theme", "Most CiN plans now have outcomes; fewer are reviewed within three months."),
        (
            "learning",
            "Reviews slip when the social worker changes: the new worker needs the "
            "review date in the handover.",
        ),
    ],
}


def _findings(audit: Audit, spec: DemoAudit, n: int, plan: Plan, lead) -> None:
    linked = list(audit.actions.all())
    for kind, text in FINDINGS.get(n, []):
        finding = services.add_finding(audit, kind=kind, text=text, actions=linked)
        rec = plan.recommendations.filter(number=spec.recommendation).first()
        if n == 1 and kind == "learning" and rec is not None:
            lead_party = Party.objects.filter(organisation=plan.organisation, name="Judith Hay")
            services.action_from_finding(
                finding,
                user=lead,
                recommendation=rec,
                text="Put the next review date in every CiN case handover, and check it in "
                "supervision",
                leads=list(lead_party.values_list("pk", flat=True)),
                due=D(2013, 9, 30),
                at=at(2013, 6, 12),
            )


def _indicators(plan: Plan) -> None:
    services.feed_indicator(
        plan,
        name="Audited cases graded good or better",
        measure=AuditMeasure.Measure.GOOD_OR_BETTER,
        target=80,
        tolerance=10,
    )
    services.feed_indicator(
        plan,
        name="Children seen alone (case-file audits)",
        measure=AuditMeasure.Measure.ANSWER_YES,
        question_key="seen-alone",
        target=90,
        tolerance=10,
    )
