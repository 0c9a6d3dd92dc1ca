"""The command line's layout options: parse --explain, --header-row, --sheet, --column,
--layout and --save-layout, and the same options on import."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.plans.models import Action


@pytest.fixture
def tracker(tmp_path):
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["Anytown Council audit tracker"])
    sheet = book.create_sheet("Tracker")
    sheet.append(["Audit recommendations tracker"])
    sheet.append([])
    sheet.append(["AR No.", "Finding", "Management Response", "Responsibility", "Agreed date"])
    sheet.append(
        [
            "297",
            "Agreements should be signed",
            "Agreed. A checklist",
            "Head of Finance",
            "30/06/2023",
        ]
    )
    sheet.append(
        ["298", "Reviews should be annual", "Agreed. A schedule", "Team Manager", "30/09/2023"]
    )
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_explain_shows_the_header_row_and_each_columns_meaning_confidence_and_reason(tracker):
    out, _ = run("parse", str(tracker), "--explain")
    assert "Header row: sheet 'Tracker', row 3" in out
    assert "'Management Response'" in out and "response" in out and "90%" in out
    assert "'responsibility' reads as leads" in out


def test_a_column_option_changes_a_meaning(tracker):
    out, _ = run("parse", str(tracker), "--json", "--column", "Responsibility=partners")
    action = json.loads(out)["recommendations"][0]["actions"][0]
    assert (action["leads"], action["partners"][0]["name"]) == ([], "Head of Finance")


def test_a_saved_layout_is_used_again(tracker, tmp_path):
    saved = tmp_path / "layout.json"
    run("parse", str(tracker), "--column", "Responsibility=partners", "--save-layout", str(saved))
    layout = json.loads(saved.read_text())
    assert (layout["sheet"], layout["header_row"]) == ("Tracker", 3)
    assert layout["columns"]["Responsibility"] == "partners"
    out, _ = run("parse", str(tracker), "--json", "--layout", str(saved))
    assert json.loads(out)["recommendations"][0]["actions"][0]["partners"]


def test_a_header_row_with_no_header_says_which_rows_there_are(tracker):
    with pytest.raises(CommandError) as caught:
        run("parse", str(tracker), "--header-row", "2", "--sheet", "Tracker")
    message = str(caught.value)
    assert "no table header found (row 2 of sheet 'Tracker' is missing" in message
    assert "sheet 'Tracker', row 3: AR No. | Finding" in message
    assert "--header-row N" in message


def test_a_header_row_with_nothing_under_it_says_so(tracker):
    with pytest.raises(CommandError, match=r"the header row \(sheet 'Tracker', row 1\) has no"):
        run("parse", str(tracker), "--header-row", "1", "--sheet", "Tracker")


def test_an_unknown_meaning_is_a_users_mistake(tracker):
    with pytest.raises(CommandError, match="'boss' is not a column meaning"):
        run("parse", str(tracker), "--column", "Responsibility=boss")


@pytest.mark.django_db
def test_import_takes_the_same_options(tracker):
    run(
        "import",
        str(tracker),
        "--organisation",
        "Anytown Council",
        "--column",
        "Agreed date=ignore",
    )
    action = Action.objects.get(recommendation__number="297")
    assert action.text == "Agreed. A checklist"
    assert not action.milestones.exists()  # the ignored date column gave none
