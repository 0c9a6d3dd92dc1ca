"""The layout every page shares: GOV.UK template parts, navigation, CSP, static files."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.fixture
def dashboard(client, personas):
    def get(persona):
        client.force_login(personas.all()[persona])
        return client.get(reverse("plans:dashboard", args=[personas.plan.pk]))

    return get


def test_a_page_has_the_govuk_template_parts(dashboard):
    html = dashboard("member").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    assert "North Yorkshire County Council</span>" in html
    assert 'class="govuk-service-navigation__service-name"' in html
    assert "govuk-phase-banner" in html
    assert 'class="govuk-breadcrumbs"' in html
    assert "<footer" in html


def nav(html: str) -> list[str]:
    block = html[html.index('id="navigation"') : html.index("</nav>")]
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<a [^>]*>(.*?)</a>", block)]


def test_the_navigation_has_the_plan_pages_and_import_only_for_an_improvement_lead(dashboard):
    plan_pages = [
        "Dashboard",
        "Actions",
        "My actions",
        "Overdue and due soon",
        "Indicators",
        "Audits",
        "Voice",
        "Forward plan",
        "Papers",
        "People",
        "Bodies",
    ]
    assert nav(dashboard("improvement_lead").content.decode()) == [
        *plan_pages,
        "Import",
        "Your account",
        "Sign out",
    ]
    assert nav(dashboard("member").content.decode()) == [*plan_pages, "Your account", "Sign out"]


def test_the_current_page_is_marked_in_the_navigation(dashboard):
    html = dashboard("member").content.decode()
    assert (
        'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Dashboard'
        in html
    )


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("governance:meetings", "Forward plan"),
        ("governance:reminders", "Forward plan"),
        ("reports:papers", "Papers"),
        ("indicators:list", "Indicators"),
        ("audits:programme", "Audits"),
        ("audits:tools", "Audits"),
        ("voice:overview", "Voice"),
    ],
)
def test_a_page_marks_the_navigation_entry_it_sits_under(client, personas, url_name, current):
    client.force_login(personas.improvement_lead)
    html = client.get(reverse(url_name, args=[personas.plan.pk])).content.decode()
    assert (
        'aria-current="page"><strong class="govuk-service-navigation__active-fallback">'
        f"{current}</strong>" in html
    )


def test_the_content_security_policy_allows_only_our_own_files(dashboard):
    response = dashboard("member")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert "<script>" not in html
    assert '<script type="module" src="/static/application.mjs"></script>' in html


def test_the_built_front_end_is_found_by_the_static_files_finders():
    for path in ("application.css", "application.mjs", "govuk/govuk-frontend.min.js"):
        assert finders.find(path), f"{path}: run `npm ci && npm run build` (make setup does)"


def test_error_pages_are_govuk_pages(client, personas):
    client.force_login(personas.member)
    html = client.get("/plans/999999/").content.decode()
    assert "<title>Page not found – actionplan</title>" in html
    forbidden = client.get(reverse("plans:invite", args=[personas.plan.pk]))
    assert "You cannot do this" in forbidden.content.decode()
