"""The indicator pages in Chromium: axe (WCAG 2.2 AA) on every page and form, with and
without errors, and the improvement lead's journey from Annex A data to stored values."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from actionplan.indicators.annexa.synthetic import generate
from actionplan.indicators.demo import load_demo_indicators
from actionplan.indicators.models import Indicator, IndicatorValue
from support.browser import axe_violations, check, sign_in

A = dt.date(2013, 3, 31)


def reading_pages(plan, indicator) -> list[str]:
    args = [plan.pk, indicator.pk]
    return [
        reverse("indicators:list", args=[plan.pk]),
        reverse("indicators:list", args=[plan.pk]) + "?as_at=2013-01-31",
        reverse("indicators:indicator", args=args),
        reverse("indicators:indicator", args=args) + "?as_at=2012-11-30",
    ]


def test_the_indicator_pages_are_accessible_to_a_member(page, live_server, personas):
    indicator = load_demo_indicators(personas.plan)[0]
    sign_in(page, live_server, personas.member.username)
    assert check(page, live_server, reading_pages(personas.plan, indicator)) == {}


def test_the_improvement_leads_indicator_pages_and_forms_are_accessible(
    page, live_server, personas
):
    plan = personas.plan
    indicator = load_demo_indicators(plan)[0]
    empty = Indicator.objects.create(plan=plan, name="Nothing yet")
    args = [plan.pk, indicator.pk]
    forms = {
        reverse("indicators:add", args=[plan.pk]): "Add indicator",
        reverse("indicators:edit", args=args): None,
        reverse("indicators:record_value", args=args): "Record value",
        reverse("indicators:import_values", args=[plan.pk]): "Import values",
        reverse("indicators:compute", args=[plan.pk]): "Upload and compute",
    }
    sign_in(page, live_server, personas.improvement_lead.username)
    urls = [
        *reading_pages(plan, indicator),
        reverse("indicators:indicator", args=[plan.pk, empty.pk]),
        *forms,
    ]
    assert check(page, live_server, urls) == {}
    # Each form, sent empty: the error summary and the fields' errors.
    for url, button in forms.items():
        if button is None:
            continue
        page.goto(live_server.url + url)
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        assert page.title().startswith("Error: "), url
        assert axe_violations(page) == [], url


def test_the_improvement_lead_computes_values_from_annex_a_and_stores_them(
    page, live_server, personas, tmp_path
):
    plan = personas.plan
    indicator = Indicator.objects.create(
        plan=plan, name="Children seen alone", measure_id="cp_seen_alone", target=90, tolerance=5
    )
    data = generate(800, A, seed=5)
    workbook = data.write_xlsx(tmp_path / "annex_a.xlsx")
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("indicators:list", args=[plan.pk]))
    page.get_by_role("link", name="Compute values from Annex A").click()
    page.get_by_label("Upload Annex A data").set_input_files(str(workbook))
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill("2013")
    page.get_by_role("button", name="Upload and compute").click()

    assert page.get_by_role("heading", name="Check the measures before you store them").count()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Store 1 value").click()

    value = IndicatorValue.objects.get(indicator=indicator)
    expected = data.expected["cp_seen_alone"]
    assert (value.numerator, value.denominator) == (expected.numerator, expected.denominator)
    assert page.get_by_text("Values stored as at 31/03/2013: 1 new, 0 replaced").count()
    page.get_by_role("link", name="Children seen alone").click()
    assert page.get_by_role("heading", name="Did it make a difference?").count()
    assert axe_violations(page) == []


def test_a_queued_values_import_is_accessible_waiting_done_and_failed(page, live_server, personas):
    from actionplan.indicators.models import ValuesImport

    plan = personas.plan
    errors = [
        f"row {n}, column 'period_end': not a date (DD/MM/YYYY or YYYY-MM-DD)"
        for n in range(2, 102)
    ]
    jobs = [
        ValuesImport.objects.create(plan=plan, filename="waiting.csv", data=b"x", today=A),
        ValuesImport.objects.create(
            plan=plan, filename="done.csv", data=b"", today=A, status="done", created=5, updated=1
        ),
        ValuesImport.objects.create(
            plan=plan,
            filename="wrong.csv",
            data=b"",
            today=A,
            status="failed",
            errors=errors,
            error_count=4000,
        ),
    ]
    sign_in(page, live_server, personas.improvement_lead.username)

    urls = [reverse("indicators:values_import", args=[plan.pk, job.pk]) for job in jobs]
    assert check(page, live_server, urls) == {}
    page.goto(live_server.url + urls[2])
    assert page.get_by_text("and 3900 more").is_visible()
