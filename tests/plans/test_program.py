"""The installed `actionplan` program, run as a user runs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = Path(sys.executable).with_name("actionplan")


def actionplan(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PROGRAM), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [[], ["help"], ["--help"]])
def test_the_overview_lists_our_commands_and_mentions_django_administration(args):
    result = actionplan(*args)

    assert result.returncode == 0
    for command in ("parse", "import", "export", "show", "demo", "serve", "schema"):
        assert f"\n  {command} " in result.stdout
    assert (
        "Administration: any Django management command (migrate, createsuperuser" in result.stdout
    )
    assert "runserver" not in result.stdout


def test_a_missing_file_is_one_line_on_stderr_and_exit_status_2(tmp_path):
    result = actionplan("parse", str(tmp_path / "missing.txt"))

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"actionplan: error: argument FILE: {tmp_path / 'missing.txt'}: no such file"
    ]


def test_a_missing_argument_is_one_line_too():
    result = actionplan("export")

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "actionplan: error: the following arguments are required: PLAN, --format"
    ]


def test_each_command_explains_itself():
    result = actionplan("export", "--help")

    assert result.returncode == 0
    assert result.stdout.startswith("usage: actionplan export")
    assert "json and csv go to standard output" in result.stdout


def test_a_bad_setting_stops_the_program_with_one_line():
    result = actionplan("help", DEBUG="maybe")

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "actionplan: error: DEBUG must be true or false (1/0, yes/no, on/off), not 'maybe'"
    ]
