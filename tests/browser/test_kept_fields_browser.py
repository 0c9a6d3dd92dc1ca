"""Issue 12 in a real browser: an action's success criteria and steps on its page and its
edit form, a recommendation's actions under its objectives, and the objective on the
recommendation's edit form: axe finds nothing, and nothing scrolls sideways at 375 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan import interchange as ix
from actionplan.plans.exporting import plan_to_document
from actionplan.plans.models import Action
from actionplan.plans.services import store_plan
from support.browser import check, sign_in


@pytest.fixture
def shaped(personas):
    plan = personas.plan
    doc = plan_to_document(plan)
    rec = doc.recommendations[0]
    rec.objectives = [ix.Objective(number="1.1", title="Audit the front door")]
    rec.actions[0].objective = "1.1"
    rec.actions[0].success_criteria = "Audits graded good in two quarters running"
    rec.actions[0].steps = ["Agree the audit tool", "Audit monthly"]
    store_plan(doc, into=plan)
    return Action.objects.get(recommendation=plan.recommendations.first(), order=1)


def test_the_pages_that_show_and_edit_them_are_accessible_and_fit_a_phone(
    page, live_server, personas, shaped
):
    plan, rec = personas.plan, shaped.recommendation
    urls = [
        reverse("plans:action", args=[plan.pk, shaped.pk]),
        reverse("plans:recommendation", args=[plan.pk, rec.pk]),
        reverse("plans:edit_action", args=[plan.pk, shaped.pk]),
        reverse("plans:edit_recommendation", args=[plan.pk, rec.pk]),
    ]
    sign_in(page, live_server, personas.improvement_lead.username)
    assert check(page, live_server, urls) == {}

    page.goto(live_server.url + urls[0])
    assert page.locator("#steps li").all_inner_texts() == ["Agree the audit tool", "Audit monthly"]
    page.goto(live_server.url + urls[1])
    page.get_by_text("Objective 1.1: Audit the front door").wait_for()

    page.set_viewport_size({"width": 375, "height": 800})
    for url in urls:
        page.goto(live_server.url + url)
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner, f"{url} scrolls sideways at 375 px"
