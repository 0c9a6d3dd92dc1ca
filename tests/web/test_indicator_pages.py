"""The indicator pages: the list and one indicator as at a date, "did we do it" beside "did
it make a difference", the trend chart with its table, and the forms (define, record,
import, compute from Annex A) with who may use them and how they say what is wrong."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
import tempfile
import zipfile
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.indicators import chart
from actionplan.indicators.annexa.synthetic import generate
from actionplan.indicators.demo import load_demo_indicators
from actionplan.indicators.models import Indicator, IndicatorValue, LocalMeasure, shown_value
from actionplan.indicators.services import compute_from_annex_a
from actionplan.plans.models import Action, Recommendation

A = dt.date(2013, 3, 31)


@pytest.fixture
def demo(personas):
    """The demo's five indicators on the seed plan, with their values Oct 2012 - Mar 2013."""
    return {i.name: i for i in load_demo_indicators(personas.plan)}


def as_user(client, user):
    client.force_login(user)
    return client


def text_of(response) -> str:
    """The page's text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def list_url(plan, query=""):
    return reverse("indicators:list", args=[plan.pk]) + query


def page_url(indicator, name="indicators:indicator", query=""):
    return reverse(name, args=[indicator.plan_id, indicator.pk]) + query


# --- the list --------------------------------------------------------------------------


def test_the_list_shows_each_indicator_against_target_in_words_with_the_delivery_rag(
    client, personas, demo
):
    response = as_user(client, personas.member).get(list_url(personas.plan))
    text = text_of(response)

    assert response.status_code == 200
    for name in demo:
        assert name in text
    # Children in need with a plan: 610 of 630 in March 2013 = 96.8%, target 100, tolerance 5.
    assert "Children in need with a plan 96.8% March 2013 100% Close to target Improving" in text
    # Advocacy referrals: 61 against a target of 60.
    assert "Advocacy referrals to NYAS 61 October to December 2012" not in text
    assert "Advocacy referrals to NYAS 61 January to March 2013 60 On target" in text
    # Both keys, in words.
    assert "Against target: what the colours mean" in text
    assert "Close to target Short of the target by no more than" in text
    assert "Delivery RAG: what the colours mean" in text
    # The delivery RAG of the linked actions: counted by colour, as on the dashboard.
    assert re.search(r"(Red|Amber|Green|Grey|Blue|Black) \d", text)
    # A member may not define indicators or load values.
    assert "Add an indicator" not in text and "Compute values" not in text


def test_the_list_as_at_a_date_leaves_out_later_periods(client, personas, demo):
    response = as_user(client, personas.inspector).get(list_url(personas.plan, "?as_at=2013-01-31"))
    text = text_of(response)

    # January 2013: 561 of 617 = 90.9%.
    assert "Children in need with a plan 90.9% January 2013" in text
    assert "96.8%" not in text and "March 2013" not in text
    # The quarterly indicators' latest quarter ended in December.
    assert "Advocacy referrals to NYAS 52 October to December 2012" in text
    # The seed plan was stored today: its actions were not here in 2013.
    assert "Not in the plan on that date" in text


def test_the_improvement_lead_sees_the_buttons_to_add_import_and_compute(client, personas):
    text = text_of(as_user(client, personas.improvement_lead).get(list_url(personas.plan)))

    assert "The plan has no indicators yet" in text
    for button in ("Add an indicator", "Import values from CSV", "Compute values from Annex A"):
        assert button in text


# --- one indicator ---------------------------------------------------------------------


def test_the_indicator_page_answers_both_questions_with_a_chart_and_its_table(
    client, personas, demo
):
    indicator = demo["Children in need with a plan"]
    response = as_user(client, personas.partner).get(page_url(indicator))
    html = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    for fact in (
        "Definition Children in need receiving social work services",
        "Unit % (numerator as a share of denominator)",
        "Which way is better Higher is better",
        "Frequency Monthly",
        "Baseline 78% (September 2012)",
        "Target 100%",
        "Tolerance 5%",
        "Owner Head of Safeguarding",
        "Computed from cin_with_plan (local measure)",
    ):
        assert fact in text
    # Did we do it: the linked actions, each with its delivery RAG, linking to its page.
    assert "Did we do it?" in text
    for action in indicator.actions.all():
        assert reverse("plans:action", args=[personas.plan.pk, action.pk]) in html
    assert "Delivery RAG: what the colours mean" in text
    # Did it make a difference: the RAG against target, in words, with the latest value.
    assert "Did it make a difference? Close to target Latest value: 96.8% (March 2013)" in text
    assert "Trend: improving on the value before" in text
    # The chart: an SVG with a title, a description, the target line and a marker a point.
    svg = re.search(r"<svg\b.*?</svg>", html, flags=re.S).group(0)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert 'stroke-dasharray="6 4"' in svg and "Target 100%" in svg
    assert svg.count("<polygon") + svg.count("<rect") + svg.count("<circle") >= 6
    # Its table: every period, with numerator, denominator and RAG in words.
    assert "October 2012 79.5% 480 604 Off target" in text
    assert "January 2013 90.9% 561 617 Off target Imported from CSV Monthly monitoring" in text
    assert "March 2013 96.8% 610 630 Close to target" in text


def test_the_indicator_page_as_at_a_date_shows_no_later_values(client, personas, demo):
    indicator = demo["Children in need with a plan"]
    response = as_user(client, personas.member).get(page_url(indicator, query="?as_at=2012-11-30"))
    text = text_of(response)

    assert "November 2012 82.2%" in text
    assert "December 2012" not in text and "96.8%" not in text
    assert "were not in actionplan on 30 November 2012" in text


def test_the_pages_cost_the_same_queries_however_many_indicators_there_are(client, personas, demo):
    client = as_user(client, personas.member)
    indicator = demo["Children in need with a plan"]

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as listed:
            client.get(list_url(personas.plan))
        with CaptureQueriesContext(connection) as one:
            client.get(page_url(indicator))
        return len(listed), len(one)

    queries()  # the first request fills the cached to-do list (monitoring/cached.py)
    few = queries()
    for n in range(20):
        more = Indicator.objects.create(plan=personas.plan, name=f"Extra {n}", target=n)
        more.actions.set(indicator.actions.all())
        more.recommendations.set(indicator.recommendations.all())
        IndicatorValue.objects.create(indicator=more, period_end=A, value=n)
    assert queries() == few


def test_an_indicator_with_no_values_or_target_says_so(client, personas):
    indicator = Indicator.objects.create(plan=personas.plan, name="New measure")
    text = text_of(as_user(client, personas.member).get(page_url(indicator)))

    assert "Not rated" in text and "No values yet" in text
    assert "Target None set" in text
    assert "No recommendations or actions are linked" in text


def test_a_lead_officer_may_record_values_only_for_the_indicators_they_own(client, personas):
    theirs = Indicator.objects.create(plan=personas.plan, name="Theirs", owner=personas.lead_party)
    other = Indicator.objects.create(plan=personas.plan, name="Other")
    client = as_user(client, personas.lead_officer)

    assert "Record a value" in text_of(client.get(page_url(theirs)))
    assert "Record a value" not in text_of(client.get(page_url(other)))
    assert "Edit the indicator" not in text_of(client.get(page_url(theirs)))
    refused = client.post(page_url(other, "indicators:record_value"), value_data(value="5"))
    assert refused.status_code == 403
    assert not IndicatorValue.objects.exists()


# --- defining an indicator -------------------------------------------------------------


def indicator_data(personas, **over):
    rec = Recommendation.objects.filter(plan=personas.plan).order_by("order").first()
    action = Action.objects.filter(recommendation=rec).order_by("order").first()
    data = {
        "name": "Re-referrals within 12 months",
        "definition": "Referrals within 12 months of a previous one, of all referrals",
        "unit": "percent",
        "polarity": "lower",
        "frequency": "quarterly",
        "baseline_value": "24",
        "baseline_period": "Q2 2012/13",
        "target": "18",
        "tolerance": "2",
        "owner": str(personas.lead_party.pk),
        "recommendations": [str(rec.pk)],
        "actions": [str(action.pk)],
        "measure_id": "re_referral_12m",
    }
    return data | over


def test_the_improvement_lead_adds_an_indicator_linked_to_the_plans_work(client, personas):
    data = indicator_data(personas)
    response = as_user(client, personas.improvement_lead).post(
        reverse("indicators:add", args=[personas.plan.pk]), data
    )

    indicator = Indicator.objects.get(plan=personas.plan)
    assert response.status_code == 302
    assert response["Location"] == page_url(indicator)
    assert (indicator.name, indicator.unit, indicator.polarity, indicator.frequency) == (
        "Re-referrals within 12 months",
        "percent",
        "lower",
        "quarterly",
    )
    assert (indicator.target, indicator.tolerance, indicator.baseline_value) == (18, 2, 24)
    assert indicator.owner == personas.lead_party
    assert [a.pk for a in indicator.actions.all()] == [int(a) for a in data["actions"]]
    assert [r.pk for r in indicator.recommendations.all()] == [int(data["recommendations"][0])]
    assert indicator.measure_id == "re_referral_12m"


def test_the_indicator_form_names_each_field_that_is_wrong(client, personas):
    Indicator.objects.create(plan=personas.plan, name="Taken")
    theirs = Action.objects.filter(recommendation__plan=personas.outsider_plan).first()
    data = indicator_data(
        personas,
        name="taken",
        target="eighty",
        tolerance="-1",
        unit="",
        actions=[str(theirs.pk)],
        measure_id="no_such_measure",
    )
    response = as_user(client, personas.improvement_lead).post(
        reverse("indicators:add", args=[personas.plan.pk]), data
    )
    text = text_of(response)

    assert response.status_code == 200
    assert text.startswith("Error: ")
    for message in (
        "The plan already has an indicator with this name",
        "Enter the target as a number, like 80 or 12.5",
        "The tolerance must be 0 or more",
        "Choose the unit",
        f"Select a valid choice. {theirs.pk} is not one of the available choices.",
        "Select a valid choice. no_such_measure is not one of the available choices.",
    ):
        assert message in text
    assert Indicator.objects.filter(plan=personas.plan).count() == 1


def test_the_improvement_lead_edits_an_indicator(client, personas, demo):
    indicator = demo["Advocacy referrals to NYAS"]
    client = as_user(client, personas.improvement_lead)
    form = client.get(page_url(indicator, "indicators:edit"))
    assert 'value="Advocacy referrals to NYAS"' in form.content.decode()

    data = indicator_data(
        personas, name="Advocacy referrals", unit="count", polarity="higher", target="72"
    )
    response = client.post(page_url(indicator, "indicators:edit"), data)

    indicator.refresh_from_db()
    assert response.status_code == 302
    assert (indicator.name, indicator.target) == ("Advocacy referrals", 72)
    assert indicator.values.count() == 2  # its values are kept


def test_retired_actions_are_offered_only_to_an_indicator_already_linked_to_them(client, personas):
    retired = Action.objects.filter(recommendation__plan=personas.plan).first()
    Action.objects.filter(pk=retired.pk).update(retired=True)
    linked = Indicator.objects.create(plan=personas.plan, name="Linked")
    linked.actions.add(retired)
    client = as_user(client, personas.improvement_lead)
    checkbox = f'value="{retired.pk}"'

    add = client.get(reverse("indicators:add", args=[personas.plan.pk])).content.decode()
    edit = client.get(page_url(linked, "indicators:edit")).content.decode()

    assert not re.search(rf'name="actions" {checkbox}', add)
    assert re.search(rf'name="actions" {checkbox}', edit)


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member", "inspector"])
def test_only_the_improvement_lead_may_define_indicators(client, personas, persona):
    client = as_user(client, personas.all()[persona])
    response = client.post(
        reverse("indicators:add", args=[personas.plan.pk]), indicator_data(personas)
    )

    assert response.status_code == 403
    assert not Indicator.objects.filter(plan=personas.plan).exists()


# --- recording a value -----------------------------------------------------------------


def value_data(**over):
    data = {
        "period_start_day": "1",
        "period_start_month": "3",
        "period_start_year": "2013",
        "period_end_day": "31",
        "period_end_month": "3",
        "period_end_year": "2013",
        "numerator": "",
        "denominator": "",
        "value": "",
        "note": "",
    }
    return data | over


def test_the_owner_records_a_value_from_its_numerator_and_denominator(client, personas):
    indicator = Indicator.objects.create(
        plan=personas.plan, name="Seen alone", owner=personas.lead_party, target=90
    )
    response = as_user(client, personas.lead_officer).post(
        page_url(indicator, "indicators:record_value"),
        value_data(numerator="45", denominator="60", note="From the March audit"),
    )

    value = indicator.values.get()
    assert response.status_code == 302
    assert response["Location"] == page_url(indicator) + "#values"
    assert (value.value, value.numerator, value.denominator) == (75, 45, 60)
    assert (value.period_start, value.period_end) == (dt.date(2013, 3, 1), A)
    assert (value.source, value.note) == ("manual", "From the March audit")


def test_recording_a_value_again_for_the_period_replaces_it(client, personas, demo):
    indicator = demo["Advocacy referrals to NYAS"]
    client = as_user(client, personas.improvement_lead)
    response = client.post(
        page_url(indicator, "indicators:record_value"),
        value_data(period_start_month="1", numerator="63"),
    )

    assert response.status_code == 302
    assert indicator.values.get(period_end=A).value == 63
    assert indicator.values.count() == 2
    page = text_of(client.get(response["Location"]))
    assert "replacing the one for that date" in page


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({}, "value", "Enter the value, or the numerator to work it out from"),
        ({"denominator": "60"}, "numerator", "Enter the numerator as well as the denominator"),
        ({"numerator": "45"}, "denominator", "Enter the denominator to work out the percentage"),
        (
            {"numerator": "0", "denominator": "0"},
            "denominator",
            "The denominator must be more than 0",
        ),
        ({"value": "high"}, "value", "Enter the value as a number, like 80 or 12.5"),
        ({"numerator": "-3"}, "numerator", "The numerator must be 0 or more"),
        (
            {"value": "5", "period_start_day": "1", "period_start_month": "4"},
            "period_start",
            "The start of the period must be on or before its end",
        ),
        (
            {"value": "5", "period_end_day": "31", "period_end_month": "2"},
            "period_end",
            "must be a real date",
        ),
        ({"value": "5", "period_end_year": "2099"}, "period_end", "today or in the past"),
        ({"value": "5", "period_end_day": ""}, "period_end", "must include a day"),
        # What the value columns cannot hold: the rule the CSV import applies too.
        ({"value": "1e30"}, "value", "Enter the value with no more than 14 digits before"),
        (
            {"value": "5", "numerator": "0.0000001"},
            "numerator",
            "Enter the numerator with no more than 6 decimal places",
        ),
        (
            {"numerator": "99999999999999", "denominator": "0.000001"},
            "value",
            "The value worked out from the numerator and denominator is too large",
        ),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(client, personas, over, field, message):
    indicator = Indicator.objects.create(plan=personas.plan, name="Seen alone", target=90)
    response = as_user(client, personas.improvement_lead).post(
        page_url(indicator, "indicators:record_value"), value_data(**over)
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert message in text_of(response)
    # The error summary links to the field at fault.
    assert re.search(rf'href="#id_{field}(_0)?"', html), html
    assert not IndicatorValue.objects.exists()


# --- importing values from CSV ---------------------------------------------------------


def csv_upload(text: str, name="values.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_values_are_imported_from_csv(client, personas, demo):
    csv = (
        "indicator,period_start,period_end,numerator,denominator,note\n"
        "Children in need with a plan,01/04/2013,30/04/2013,620,634,April\n"
        f"{demo['Advocacy referrals to NYAS'].pk},,2013-06-30,66,,Q1 2013/14\n"
    )
    response = as_user(client, personas.improvement_lead).post(
        reverse("indicators:import_values", args=[personas.plan.pk]), {"file": csv_upload(csv)}
    )

    assert response.status_code == 302
    april = demo["Children in need with a plan"].values.get(period_end=dt.date(2013, 4, 30))
    assert (april.value, april.source, april.note) == (Decimal("97.791798"), "csv", "April")
    assert (
        demo["Advocacy referrals to NYAS"].values.get(period_end=dt.date(2013, 6, 30)).value == 66
    )


def test_a_csv_with_bad_rows_names_every_one_and_imports_nothing(client, personas, demo):
    bad = "".join(f"Children in need with a plan,31/0{m}/2013,eighty\n" for m in range(2, 9))
    csv = "indicator,period_end,value\nNo such indicator,31/01/2013,5\n" + bad
    before = IndicatorValue.objects.count()
    response = as_user(client, personas.improvement_lead).post(
        reverse("indicators:import_values", args=[personas.plan.pk]),
        {"file": csv_upload(csv, "march.csv")},
    )
    text = text_of(response)

    assert response.status_code == 200
    assert "march.csv: row 2, column 'indicator': no indicator has that name" in text
    for row in range(3, 10):  # every bad row, not only the first five
        assert f"march.csv: row {row}, column 'value': not a number" in text
    assert "march.csv: row 3, column 'period_end': not a date" in text
    assert "eighty" not in text  # no cell is quoted back
    assert "Nothing was imported" in text
    assert IndicatorValue.objects.count() == before


def test_a_csv_value_too_large_to_store_is_refused_and_the_pages_still_work(client, personas, demo):
    client = as_user(client, personas.improvement_lead)
    csv = "indicator,period_end,value\nAdvocacy referrals to NYAS,30/04/2013,1E+30\n"
    response = client.post(
        reverse("indicators:import_values", args=[personas.plan.pk]),
        {"file": csv_upload(csv, "big.csv")},
    )

    assert "big.csv: row 2, column 'value': the number has more than 14 digits" in text_of(response)
    assert client.get(list_url(personas.plan)).status_code == 200
    assert client.get(page_url(demo["Advocacy referrals to NYAS"])).status_code == 200


def test_a_csv_period_ending_after_today_is_refused(client, personas, demo):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    csv = f"indicator,period_end,value\nAdvocacy referrals to NYAS,{tomorrow:%d/%m/%Y},5\n"
    response = as_user(client, personas.improvement_lead).post(
        reverse("indicators:import_values", args=[personas.plan.pk]),
        {"file": csv_upload(csv)},
    )

    assert "the period ends in the future: a period must have ended" in text_of(response)


def test_a_file_that_is_not_a_values_csv_is_refused(client, personas):
    response = as_user(client, personas.improvement_lead).post(
        reverse("indicators:import_values", args=[personas.plan.pk]),
        {"file": csv_upload("name,colour\nx,red\n")},
    )

    assert "values.csv: row 1: no column for indicator, period_end" in text_of(response)


# --- computing from Annex A ------------------------------------------------------------


@pytest.fixture
def annex_a(tmp_path):
    data = generate(1200, A, seed=7)
    return data, data.write_xlsx(tmp_path / "annex_a.xlsx")


def measured(personas):
    return [
        Indicator.objects.create(
            plan=personas.plan, name=name, measure_id=measure_id, target=target
        )
        for name, measure_id, target in (
            ("Re-referrals", "re_referral_12m", 20),
            ("Plans for a second time", "cp_plans_second_or_subsequent", 15),
            ("Children seen alone", "cp_seen_alone", 90),
        )
    ]


def compute_url(personas):
    return reverse("indicators:compute", args=[personas.plan.pk])


def upload_annex(client, personas, path: Path, name=None, as_at=A):
    with path.open("rb") as f:
        return client.post(
            compute_url(personas),
            {
                "file": SimpleUploadedFile(name or path.name, f.read()),
                "as_at_day": str(as_at.day),
                "as_at_month": str(as_at.month),
                "as_at_year": str(as_at.year),
            },
        )


def leftover_uploads() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("actionplan-upload-*")}


def test_annex_a_is_computed_shown_with_its_problems_then_stored(client, personas, annex_a):
    data, workbook = annex_a
    indicators = measured(personas)
    before = leftover_uploads()
    client = as_user(client, personas.improvement_lead)
    response = upload_annex(client, personas, workbook)
    text = text_of(response)

    assert response.status_code == 200
    assert leftover_uploads() == before  # the upload's folder is gone
    assert not IndicatorValue.objects.exists()  # nothing stored yet
    expected = data.expected["re_referral_12m"]
    percent = shown_value(Decimal(str(expected.numerator / expected.denominator * 100)), "percent")
    assert f"re_referral_12m {expected.numerator} {expected.denominator} {percent}" in text
    assert "Re-referrals re_referral_12m" in text
    problems = compute_from_annex_a(workbook, A, personas.plan.organisation).problems
    assert len(problems) >= len(data.problems) > 0
    assert f"Problems in the data ({len(problems)})" in text
    assert str(problems[0]) in text
    assert "Store 3 values" in text

    token = re.search(r'name="computed" value="([^"]+)"', response.content.decode()).group(1)
    stored = client.post(compute_url(personas), {"computed": token})

    assert stored.status_code == 302
    value = indicators[0].values.get()
    assert (value.numerator, value.denominator) == (expected.numerator, expected.denominator)
    assert (value.period_end, value.source) == (A, "computed")
    assert value.note == "Computed from annex_a.xlsx as at 31/03/2013"
    assert IndicatorValue.objects.count() == 3


def test_a_zip_of_list_csvs_is_read_as_a_folder(client, personas, tmp_path):
    data = generate(600, A, seed=3, messy=False)
    folder = data.write_csv(tmp_path / "lists")
    archive = tmp_path / "annex_a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in folder.iterdir():
            z.write(f, f"annex_a/{f.name}")
        z.writestr("__MACOSX/annex_a/._List 3.csv", b"\x00junk")
    measured(personas)
    response = upload_annex(as_user(client, personas.improvement_lead), personas, archive)
    text = text_of(response)

    expected = data.expected["cp_seen_alone"]
    assert f"cp_seen_alone {expected.numerator} {expected.denominator}" in text
    assert "Problems in the data (0)" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("annex_a.xlsx", b"not a workbook", "annex_a.xlsx: is not a readable .xlsx workbook"),
        ("annex_a.zip", b"not a zip", "annex_a.zip: is not a readable .zip file"),
        ("annex_a.pdf", b"%PDF", "The file must be an .xlsx workbook or a .zip of CSV files"),
    ],
)
def test_a_file_that_is_not_annex_a_is_refused_on_the_form(
    client, personas, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    response = upload_annex(as_user(client, personas.improvement_lead), personas, path)
    text = text_of(response)

    assert response.status_code == 200
    assert message in text
    assert tempfile.gettempdir() not in text  # the temporary path is never shown


def test_annex_a_is_not_computed_as_at_a_date_after_today(client, personas, annex_a):
    _, workbook = annex_a
    later = dt.date.today() + dt.timedelta(days=2)
    response = upload_annex(
        as_user(client, personas.improvement_lead), personas, workbook, as_at=later
    )

    assert response.status_code == 200
    assert "must be today or in the past: the data cannot yet show" in text_of(response)
    assert re.search(r'href="#id_as_at(_0)?"', response.content.decode())


def test_a_changed_or_foreign_result_is_not_stored(client, personas, annex_a):
    _, workbook = annex_a
    measured(personas)
    client = as_user(client, personas.improvement_lead)
    token = re.search(
        r'name="computed" value="([^"]+)"',
        upload_annex(client, personas, workbook).content.decode(),
    ).group(1)

    tampered = client.post(compute_url(personas), {"computed": token[:-2] + "xx"})
    client.force_login(personas.outsider)
    theirs = client.post(
        reverse("indicators:compute", args=[personas.outsider_plan.pk]), {"computed": token}
    )

    assert tampered.status_code == 302 and theirs.status_code == 302
    assert not IndicatorValue.objects.exists()


def dump_database() -> str:
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    return dump.getvalue()


def child_ids(data) -> set[str]:
    """Synthetic children are SYN0000001...: every such cell, whatever its column is called."""
    return {
        str(cell).strip().strip('"')
        for rows in data.sheets.values()
        for row in rows
        for cell in row
        if isinstance(cell, str) and cell.strip().startswith("SYN")
    }


def test_no_child_id_from_an_upload_is_kept_after_computing_and_storing(
    client, personas, annex_a, caplog, settings, tmp_path
):
    """The house's privacy check (tests/indicators/test_indicator_privacy.py), through the
    web: upload, compute, store; then search the database, the media folder and the logs."""
    settings.MEDIA_ROOT = tmp_path / "media"
    data, workbook = annex_a
    ids = child_ids(data)
    assert len(ids) > 200
    measured(personas)
    caplog.set_level(logging.DEBUG)
    client = as_user(client, personas.improvement_lead)
    response = upload_annex(client, personas, workbook)
    token = re.search(r'name="computed" value="([^"]+)"', response.content.decode()).group(1)
    client.post(compute_url(personas), {"computed": token})

    assert IndicatorValue.objects.count() == 3
    database = dump_database()
    assert not [i for i in ids if i in database]
    assert not [i for i in ids if i in caplog.text]
    assert not [i for i in ids if i in response.content.decode()]
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*"))


def test_a_local_measure_failing_on_a_child_id_does_not_carry_it_anywhere(
    client, personas, annex_a, caplog
):
    """DuckDB quotes the value a query failed on ("Could not convert string 'SYN0000001'"):
    the reason shown, the signed figures, the message kept in a cookie or the session, the
    database and the logs must hold no child id."""
    data, workbook = annex_a
    ids = child_ids(data)
    LocalMeasure.objects.create(
        organisation=personas.plan.organisation,
        key="bad_cast",
        name="Children as numbers",
        sql="SELECT sum(CAST(child_id AS INTEGER)) AS numerator FROM list_3",
    )
    Indicator.objects.create(plan=personas.plan, name="Cast", measure_id="bad_cast")
    measured(personas)
    caplog.set_level(logging.DEBUG)
    client = as_user(client, personas.improvement_lead)
    response = upload_annex(client, personas, workbook)
    page = response.content.decode()
    token = re.search(r'name="computed" value="([^"]+)"', page).group(1)
    stored = client.post(compute_url(personas), {"computed": token})
    listed = client.get(stored["Location"])

    kept = {
        "page": page,
        "token": json.dumps(signing.loads(token, salt="actionplan.indicators.compute")),
        "cookies": str(stored.cookies),
        "database": dump_database(),  # sessions included
        "logs": caplog.text,
        "list": listed.content.decode(),
    }
    for where, text in kept.items():
        assert not [i for i in ids if i in text], where
    assert "the query failed: conversion error (a value could not be converted)" in page
    assert "Cast: bad_cast not computed" in text_of(listed)


# --- the chart -------------------------------------------------------------------------


def test_the_trend_chart_marks_each_point_by_its_rag_and_escapes_its_text():
    points = [
        chart.Point("Jan 2013", 70.0, "70%", "red"),
        chart.Point("Feb 2013", None, "", None),
        chart.Point("Mar 2013", 88.0, "88%", "amber"),
        chart.Point("Apr <2013>", 95.0, "95%", "green"),
    ]
    drawn = chart.trend_chart(
        points, title="Seen & heard", chart_id="t", target=90, target_text="90%"
    )

    assert '<title id="t-title">Seen &amp; heard</title>' in drawn.svg
    assert "Apr &lt;2013&gt;" in drawn.svg and "<2013>" not in drawn.svg
    assert drawn.svg.count("<rect") == 1 + 1  # the red point, and red in the legend
    assert drawn.svg.count("<polygon") == 2  # amber: point and legend
    assert "On target" in drawn.svg and "Off target" in drawn.svg and "Target 90%" in drawn.svg
    # The gap in February breaks the line: one segment, March to April.
    assert drawn.svg.count("<polyline") == 1
    assert drawn.description == (
        "3 values from Jan 2013 (70%) to Apr <2013> (95%); the latest is on target. Target 90%."
    )
    with pytest.raises(ValueError):
        chart.trend_chart(points, title="x", chart_id="not an id")


def test_the_chart_of_no_values_says_so():
    drawn = chart.trend_chart([], title="Nothing yet", chart_id="empty")
    assert drawn.description == "No values yet. No target set."
    assert "<svg" in drawn.svg
