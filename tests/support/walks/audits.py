"""The audits app's URLs in the URL walk (tests/web/test_url_walk.py merges them).

The walk's audit names the lead officer's party as its auditor and the partner's as its
moderator, so assigned work is walked as well as the roles' own rights.
"""

from __future__ import annotations

from django.urls import reverse

from support.audits import audit_world, make_audit

_READERS = {"improvement_lead", "lead_officer", "partner", "member", "inspector"}
_PAGE = {**dict.fromkeys(_READERS, 200), "outsider": 404, "anonymous": 302}
_LEAD = {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}

EXPECTED: dict[str, dict[str, int]] = {
    "audits:programme": _PAGE,
    "audits:add_audit": _LEAD,
    "audits:measures": _LEAD,
    "audits:tools": _PAGE,
    "audits:add_tool": _LEAD,
    "audits:tool": _PAGE,
    "audits:edit_tool": _LEAD,
    "audits:audit": _PAGE,
    "audits:edit_audit": _LEAD,
    "audits:complete_audit": _LEAD,
    "audits:add_finding": _LEAD,
    "audits:edit_finding": _LEAD,
    "audits:finding_action": _LEAD,
    # The auditor (the lead officer) audits; the moderator (the partner) moderates.
    "audits:add_case": {**_LEAD, "lead_officer": 200},
    "audits:edit_case": {**_LEAD, "lead_officer": 200},
    "audits:moderate_case": {**_LEAD, "partner": 200},
    # Case audits: those who do the audit, the improvement lead and inspectors.
    "audits:case": {**_PAGE, "member": 403},
    # Members ask about findings; the improvement lead and the audit's auditors answer.
    "audits:ask": {**_LEAD, "member": 200},
    "audits:answer": {**_LEAD, "lead_officer": 200},
}


def ids(personas) -> dict[str, list]:
    plan = personas.plan
    audit, case, finding, question = audit_world(personas)
    on_audit, on_case = [plan.pk, audit.pk], [plan.pk, case.pk]
    return {
        "audits:programme": [plan.pk],
        "audits:add_audit": [plan.pk],
        "audits:measures": [plan.pk],
        "audits:tools": [plan.pk],
        "audits:add_tool": [plan.pk],
        "audits:tool": [plan.pk, audit.tool_id],
        "audits:edit_tool": [plan.pk, audit.tool_id],
        "audits:audit": on_audit,
        "audits:edit_audit": on_audit,
        "audits:complete_audit": on_audit,
        "audits:add_finding": on_audit,
        "audits:edit_finding": [plan.pk, finding.pk],
        "audits:finding_action": [plan.pk, finding.pk],
        "audits:add_case": on_audit,
        "audits:edit_case": on_case,
        "audits:moderate_case": on_case,
        "audits:case": on_case,
        "audits:ask": on_audit,
        "audits:answer": [plan.pk, question.pk],
    }


def guessed(personas) -> list[str]:
    from actionplan.audits import services

    mine, theirs = personas.plan, personas.outsider_plan
    their_audit = make_audit(
        theirs,
        tool=services.create_tool(
            theirs, name="Theirs", definition=("Section: S\nQuestion q (grade): Q?")
        ),
    )
    their_case = services.record_case_audit(
        their_audit,
        user=personas.outsider,
        case_reference="X-1",
        audited_on=their_audit.due,
        answers={"q": "good"},
        overall_grade="good",
    )
    their_finding = services.add_finding(their_audit, kind="theme", text="Theirs")
    their_question = services.ask(their_audit, user=personas.outsider, question="Theirs?")
    urls = [
        reverse(f"audits:{name}", args=[theirs.pk])
        for name in ("programme", "add_audit", "measures", "tools", "add_tool")
    ]
    for plan in (theirs, mine):
        urls += [reverse("audits:tool", args=[plan.pk, their_audit.tool_id])]
        urls += [
            reverse(f"audits:{name}", args=[plan.pk, their_audit.pk])
            for name in ("audit", "edit_audit", "complete_audit", "add_case", "add_finding", "ask")
        ]
        urls += [
            reverse(f"audits:{name}", args=[plan.pk, their_case.pk])
            for name in ("case", "edit_case", "moderate_case")
        ]
        urls += [
            reverse(f"audits:{name}", args=[plan.pk, their_finding.pk])
            for name in ("edit_finding", "finding_action")
        ]
        urls.append(reverse("audits:answer", args=[plan.pk, their_question.pk]))
    urls.append(reverse("audits:audit", args=[mine.pk, 999_999]))
    return urls
