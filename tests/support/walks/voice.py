"""The voice app's URLs in the URL walk (tests/web/test_url_walk.py merges them)."""

from __future__ import annotations

from django.urls import reverse

from actionplan.voice import services

_READERS = {"improvement_lead", "lead_officer", "partner", "member", "inspector"}
_PAGE = {**dict.fromkeys(_READERS, 200), "outsider": 404, "anonymous": 302}
_LEAD = {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}

EXPECTED: dict[str, dict[str, int]] = {
    "voice:overview": _PAGE,
    "voice:source": _PAGE,
    "voice:you_said_we_did": _PAGE,
    "voice:add_source": _LEAD,
    "voice:import_results": _LEAD,
    "voice:add_theme": _LEAD,
    "voice:add_quote": _LEAD,
    "voice:add_you_said": _LEAD,
    "voice:edit_you_said": _LEAD,
    # Flagged quotes and the safeguarding contact: the improvement lead's alone.
    "voice:safeguarding": _LEAD,
    # Members ask about a feedback source; the improvement lead answers (a lead officer
    # answers only what is theirs, and a source is nobody's).
    "voice:ask": {**_LEAD, "member": 200},
    "voice:answer": _LEAD,
}


def voice_world(plan):
    source = services.add_source(plan, name="ViewPoint", kind="survey")
    theme = services.add_theme(plan, name="Feeling listened to")
    entry = services.save_you_said(
        plan,
        you_said="We did not know who our social worker was",
        we_did="Every child now gets a card with their worker's photo",
    )
    return source, theme, entry


def ids(personas) -> dict[str, list]:
    plan = personas.plan
    source, theme, entry = voice_world(plan)
    question = services.ask(source, user=personas.member, question="Why fewer this year?")
    return {
        "voice:overview": [plan.pk],
        "voice:source": [plan.pk, source.pk],
        "voice:you_said_we_did": [plan.pk],
        "voice:add_source": [plan.pk],
        "voice:import_results": [plan.pk],
        "voice:add_theme": [plan.pk],
        "voice:add_quote": [plan.pk, theme.pk],
        "voice:add_you_said": [plan.pk],
        "voice:edit_you_said": [plan.pk, entry.pk],
        "voice:safeguarding": [plan.pk],
        "voice:ask": [plan.pk, source.pk],
        "voice:answer": [plan.pk, question.pk],
    }


def guessed(personas) -> list[str]:
    mine, theirs = personas.plan, personas.outsider_plan
    source, theme, entry = voice_world(theirs)
    question = services.ask(source, user=personas.outsider, question="Theirs?")
    urls = [
        reverse(f"voice:{name}", args=[theirs.pk])
        for name in (
            "overview",
            "you_said_we_did",
            "add_source",
            "import_results",
            "add_theme",
            "add_you_said",
            "safeguarding",
        )
    ]
    for plan in (theirs, mine):
        urls += [
            reverse("voice:source", args=[plan.pk, source.pk]),
            reverse("voice:add_quote", args=[plan.pk, theme.pk]),
            reverse("voice:edit_you_said", args=[plan.pk, entry.pk]),
            reverse("voice:ask", args=[plan.pk, source.pk]),
            reverse("voice:answer", args=[plan.pk, question.pk]),
        ]
    return urls
