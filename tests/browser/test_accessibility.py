"""Every page built so far, as each persona, passes axe's WCAG 2.2 AA rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.monitoring import services
from actionplan.plans.models import Action, PendingImport, Recommendation
from support.browser import axe_violations, check, sign_in
from support.seed import SEED


def plan_pages(plan) -> list[str]:
    rec = Recommendation.objects.filter(plan=plan).order_by("order").first()
    action = (
        Action.objects.filter(recommendation__plan=plan, milestones__isnull=False)
        .order_by("recommendation__order", "order")
        .first()
    )
    return [
        reverse("plans:list"),
        reverse("plans:dashboard", args=[plan.pk]),
        reverse("plans:recommendation", args=[plan.pk, rec.pk]),
        reverse("plans:action", args=[plan.pk, action.pk]),
        reverse("plans:action", args=[plan.pk, action.pk]) + "?as_at=2013-03-31",
        reverse("plans:my_actions", args=[plan.pk]),
        reverse("plans:my_actions", args=[plan.pk]) + "?q=zzzz&rag=red&sort=due&order=desc",
        reverse("plans:due", args=[plan.pk]) + "?as_at=2013-03-15",
        reverse("plans:people", args=[plan.pk]),
        reverse("plans:bodies", args=[plan.pk]),
        reverse("plans:dashboard", args=[plan.pk]) + "?as_at=not-a-date",
        reverse("accounts:password_change"),
        reverse("accounts:sign_out"),
    ]


def submit_with_errors(page, button: str) -> None:
    """Press the button, and wait for the page that answers, with its error summary (reading
    the title before it arrives would read the page in between)."""
    page.get_by_role("button", name=button).click()
    page.get_by_role("heading", name="There is a problem").wait_for()


def test_the_sign_in_page_and_its_errors_are_accessible(page, live_server, db):
    page.goto(live_server.url + reverse("accounts:sign_in"))
    assert axe_violations(page) == []
    submit_with_errors(page, "Sign in")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []


def test_every_plan_page_is_accessible(page, live_server, personas):
    sign_in(page, live_server, personas.inspector.username)
    assert check(page, live_server, plan_pages(personas.plan)) == {}


# The pages whose content depends on who is looking; the people and bodies pages are the
# same for everyone and slow to check, so they are checked once, above.
def role_pages(plan) -> list[str]:
    return [url for url in plan_pages(plan) if "/people/" not in url and "/bodies/" not in url]


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member"])
def test_the_pages_are_accessible_to_each_persona(page, live_server, personas, persona):
    sign_in(page, live_server, personas.all()[persona].username)
    assert check(page, live_server, role_pages(personas.plan)) == {}


def test_the_improvement_leads_pages_are_accessible(page, live_server, personas):
    sign_in(page, live_server, personas.improvement_lead.username)
    pending = PendingImport.objects.create(
        user=personas.improvement_lead, filename="north_yorkshire.txt", data=SEED.read_bytes()
    )
    urls = [
        *role_pages(personas.plan),
        reverse("plans:people", args=[personas.plan.pk]),
        reverse("plans:invite", args=[personas.plan.pk]),
        reverse("plans:import"),
        reverse("plans:import_preview", args=[pending.pk]),
    ]
    assert check(page, live_server, urls) == {}
    # Reopening an action signed off by mistake: the action page with its button, the form.
    action = personas.led_action()
    for service, user, words in (
        (services.propose_completion, personas.lead_officer, {"impact": "Files show views"}),
        (services.accept_completion, personas.improvement_lead, {"note": "Checked"}),
    ):
        action.refresh_from_db()
        service(action, user=user, expected_version=action.version, **words)
    reopen = [
        reverse(name, args=[personas.plan.pk, action.pk])
        for name in ("plans:action", "plans:reopen_action")
    ]
    assert check(page, live_server, reopen) == {}
    submit_with_errors(page, "Reopen the action")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    # Forms with errors too.
    page.goto(live_server.url + reverse("plans:invite", args=[personas.plan.pk]))
    submit_with_errors(page, "Send invitation")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("plans:import"))
    submit_with_errors(page, "Upload and check")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []


def test_the_outsiders_pages_and_a_page_not_found_are_accessible(page, live_server, personas):
    sign_in(page, live_server, personas.outsider.username)
    urls = [
        *role_pages(personas.outsider_plan),
        reverse("plans:dashboard", args=[personas.plan.pk]),  # another council's: 404
        # The footer's pages, the same for everyone.
        reverse("help"),
        reverse("accessibility"),
        reverse("privacy"),
    ]
    assert check(page, live_server, urls) == {}
