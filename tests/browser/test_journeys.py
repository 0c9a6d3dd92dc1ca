"""Journeys through the service in a real browser."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.urls import reverse

from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Organisation, Plan
from actionplan.plans.showing import all_warnings
from support.browser import CHROMIUM_FLAGS, PASSWORD, axe_violations, csp_refusals, sign_in
from support.seed import SEED

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_an_improvement_lead_imports_the_seed_plan(page, live_server, transactional_db, seed_doc):
    org = Organisation.objects.create(name="North Yorkshire County Council", slug="nycc")
    older = Plan.objects.create(organisation=org, title="Children's services improvement plan 2011")
    lead = get_user_model().objects.create_user("lead@example.gov.uk", "", PASSWORD)
    Membership.objects.create(user=lead, plan=older, role=Role.IMPROVEMENT_LEAD)

    sign_in(page, live_server, lead.username)
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Upload a plan file").set_input_files(str(SEED))
    page.get_by_role("button", name="Upload and check").click()

    page.get_by_role("heading", name="Check the plan before you import it").wait_for()
    warnings = all_warnings(seed_doc)
    assert page.locator("#warning-list li").count() == len(warnings)
    assert page.get_by_text(warnings[0], exact=False).first.is_visible()
    assert not Plan.objects.exclude(pk=older.pk).exists()

    page.get_by_role("button", name="Import this plan").click()
    page.get_by_role("heading", name="Post Inspection Action Plan").wait_for()
    plan = Plan.objects.exclude(pk=older.pk).get()
    assert page.url == f"{live_server.url}{reverse('plans:dashboard', args=[plan.pk])}"
    assert page.get_by_text("The plan has been imported").is_visible()
    assert page.locator("#recommendations tbody tr").count() == 10
    assert axe_violations(page) == []

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)


def test_pages_keep_to_the_content_security_policy(browser, live_server, personas):
    """No CSP bypass here: our own CSS and module script load, and nothing is refused."""
    context = browser.new_context()
    page = context.new_page()
    refused = csp_refusals(page)
    try:
        sign_in(page, live_server, personas.member.username)
        page.goto(live_server.url + reverse("plans:dashboard", args=[personas.plan.pk]))
        page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
            )
            == "rgb(11, 12, 12)"
        )
        assert refused == []
    finally:
        context.close()


def test_every_page_works_without_javascript(browser, live_server, personas):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server, personas.lead_officer.username)
        assert page.get_by_role("heading", name="Post Inspection Action Plan").is_visible()
        page.get_by_role("link", name="My actions").click()
        page.get_by_role("heading", name="My actions").wait_for()
        page.get_by_label("Show the plan as at another date").fill("2013-03-15")
        page.get_by_role("button", name="Show").click()
        assert page.get_by_text("Showing the plan as at 15 March 2013").is_visible()
        page.get_by_role("link", name="Sign out").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Sign out").click()
        assert "/accounts/sign-in/" in page.url
    finally:
        context.close()


def test_chromium_runs_with_the_flags_this_machine_needs():
    assert "--disable-background-networking" in CHROMIUM_FLAGS
