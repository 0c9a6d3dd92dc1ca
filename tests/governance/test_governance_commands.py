"""The governance commands: meetings, calendar, remind, worker, as a user runs them."""

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.governance.models import Meeting

D = dt.date
pytestmark = pytest.mark.django_db
ACTIONPLAN = Path(sys.executable).with_name("actionplan")


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_rule_generates_meetings_over_the_plan_period(world):
    out = run("meetings", "Improvement", "--body", "CYPLT", "--rule", "third Tuesday of each month")

    assert out.strip() == (
        "Children and Young People's Leadership Team (CYPLT): 6 meetings added, 0 there "
        "already, 1 January 2013 to 30 June 2013 (third Tuesday of each month)"
    )
    again = run(
        "meetings", "Improvement", "--body", "CYPLT", "--rule", "third Tuesday of each month"
    )
    assert "0 meetings added, 6 there already" in again


def test_a_rule_can_be_given_its_own_range(world):
    run(
        "meetings", "Improvement", "--body", "LSCB", "--rule", "every 2 weeks on Wednesday",
        "--from", "2013-03-01", "--to", "31/03/2013",
    )  # fmt: skip

    assert list(Meeting.objects.values_list("date", flat=True)) == [D(2013, 3, 6), D(2013, 3, 20)]


def test_a_meeting_is_added_with_its_time_and_place(world):
    out = run(
        "meetings", "Improvement", "--body", "cyplt", "--add", "19/03/2013",
        "--time", "2pm", "--location", "County Hall",
    )  # fmt: skip

    assert out.strip() == "Added CYPLT 19 March 2013"
    meeting = Meeting.objects.get()
    assert (meeting.time, meeting.location) == (dt.time(14), "County Hall")


def test_a_meeting_is_removed(world):
    world.meet(world.cyplt, D(2013, 3, 19))

    assert run("meetings", "Improvement", "--body", "CYPLT", "--remove", "2013-03-19").strip() == (
        "Removed Children and Young People's Leadership Team (CYPLT) 19 March 2013"
    )
    assert not Meeting.objects.exists()


def test_meetings_are_imported_from_csv(world, tmp_path):
    path = tmp_path / "meetings.csv"
    path.write_text("Body,Date\nCYPLT,2013-03-19\nLSCB,28/03/2013\n")

    out = run("meetings", "Improvement", "--import", str(path))

    assert out.strip() == f"{path}: 2 meetings added, 0 updated, 0 unchanged"


def test_an_excel_workbook_named_csv_is_one_clear_error(world, tmp_path):
    import openpyxl

    path = tmp_path / "meetings.csv"
    openpyxl.Workbook().save(path)

    with pytest.raises(CommandError, match=r"meetings\.csv: .*Excel workbook") as caught:
        run("meetings", "Improvement", "--import", str(path))

    assert caught.value.returncode == 2
    assert not Meeting.objects.exists()


def test_the_listing_is_the_forward_plan(world):
    world.meet(world.cyplt, D(2013, 3, 19))

    out = run("meetings", "Improvement", "--as-at", "2013-03-01")

    assert "Improvement plan: the forward plan as at 1 March 2013" in out
    assert "Children and Young People's Leadership Team (CYPLT)" in out
    assert "  Tue 19 Mar 2013  2 actions due, 2 without an update" in out
    assert "      1.0/1  Set practice standards [update missing]" in out


def test_the_listing_says_how_to_add_meetings_when_there_are_none(world):
    assert "No meetings yet: add them with --add, --rule or --import" in run(
        "meetings", "Improvement"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rule", "third Tuesday"], "say which body meets: add --body NAME"),
        (
            ["--body", "CYPLT", "--rule", "thrid Tuesday of each month"],
            "cannot read the meeting rule",
        ),
        (["--body", "Cabinet", "--add", "2013-03-19"], "no body called 'Cabinet'"),
        (["--body", "CYPLT", "--add", "31/02/2013"], "'31/02/2013' is not a date"),
        (["--body", "CYPLT", "--remove", "2013-03-19"], "has no meeting on 19 March 2013"),
        (["--import", "missing.csv"], "missing.csv: no such file"),
    ],
)
def test_a_users_mistake_is_one_clear_error(world, args, message):
    with pytest.raises(CommandError, match=message) as caught:
        run("meetings", "Improvement", *args)

    assert caught.value.returncode == 2


def test_a_bad_rule_at_the_command_line_is_one_line_and_exit_status_2(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "PATH": "/usr/bin:/bin",
        "DEBUG": "1",  # local use: no SECRET_KEY needed
    }
    done = subprocess.run(
        [str(ACTIONPLAN), "meetings", "1", "--body", "X", "--add", "someday"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert done.returncode == 2
    assert done.stderr.strip() == (
        "actionplan: error: argument --add: 'someday' is not a date (write 2013-03-19 or 19/03/2013)"
    )


def test_the_program_lists_the_governance_commands():
    done = subprocess.run([str(ACTIONPLAN)], capture_output=True, text=True, timeout=60)

    for name in ("meetings", "calendar", "remind", "worker"):
        assert f"\n  {name:<8} " in done.stdout
