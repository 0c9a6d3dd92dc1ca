"""A small audit world for the tests: a tool, an audit of the personas' plan with the lead
officer as its auditor and the partner as its moderator, and a case audited."""

from __future__ import annotations

import datetime as dt

from actionplan.audits import services
from actionplan.audits.models import Audit

TOOL = """Section: The child's voice
Question seen-alone (yes/partly/no): Was the child seen alone at the last visit?
Guidance: The visit record says the child was seen without their parents.
Question views (grade): Are the child's views recorded, and do they shape the plan?

Section: Planning
Question plan-quality (grade): Is the child in need plan outcome focused?
"""

ANSWERS = {"seen-alone": "yes", "views": "good", "plan-quality": "requires_improvement"}


def make_tool(plan, name: str = "CSC case file audit tool", user=None):
    return services.create_tool(plan, name=name, definition=TOOL, user=user)


def make_audit(plan, *, tool=None, auditors=(), moderators=(), report_to=None, **fields) -> Audit:
    tool = tool or make_tool(plan)
    audit = Audit.objects.create(
        plan=plan,
        tool=tool,
        title=fields.pop("title", "Quality of child in need plans"),
        quarter_start=fields.pop("quarter_start", dt.date(2013, 1, 1)),
        due=fields.pop("due", dt.date(2013, 3, 31)),
        sample_size=fields.pop("sample_size", 30),
        report_to=report_to,
        **fields,
    )
    audit.auditors.set(auditors)
    audit.moderators.set(moderators)
    return audit


def record(audit, user, reference: str = "CA-2013-0001", **overrides):
    kwargs = {
        "case_reference": reference,
        "audited_on": dt.date(2013, 2, 14),
        "answers": dict(ANSWERS),
        "overall_grade": "good",
        "strengths": "The social worker saw the child alone and recorded their wishes.",
        "improvements": "The plan's actions need timescales.",
        "team_actions": "Team manager to review the plan at the next core group.",
    }
    kwargs.update(overrides)
    return services.record_case_audit(audit, user=user, **kwargs)


def audit_world(personas):
    """The walk's audit: lead officer audits, partner moderates, one case audited."""
    plan = personas.plan
    audit = make_audit(plan, auditors=[personas.lead_party], moderators=[personas.partner_party])
    case = record(audit, personas.lead_officer)
    finding = services.add_finding(audit, kind="learning", text="Plans need clearer timescales.")
    question = services.ask(audit, user=personas.member, question="How many plans improved?")
    return audit, case, finding, question
