"""The program starts quickly: what a command loads, checked by module, not by the clock
(issue 13 point 4; bench/cli_bench.py times it)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import load_command_class

from actionplan.cli import COMMANDS, command_help

SEED = Path(__file__).resolve().parents[2] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"

# Slow to load, and needed only by the commands or pages that use them.
HEAVY = (
    "coloraide",
    "docx",
    "duckdb",
    "holidays",
    "matplotlib",
    "numpy",
    "openpyxl",
    "pandas",
    "polars",
    "weasyprint",
)
# Loaded by django.setup() (every app's models and admin): a sign it ran.
APPS_SET_UP = ("django.contrib.admin", "actionplan.plans.models")


def loaded_by(code: str, *args: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code` with `args` as argv."""
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules), file=sys.stderr)"
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "actionplan.config.local"},
        timeout=120,
        check=True,
    )
    return set(result.stderr.split())


def top_level(modules: set[str]) -> set[str]:
    return {m.partition(".")[0] for m in modules}


RUN = "from actionplan.cli import main\nmain(sys.argv[1:])"


@pytest.mark.parametrize("args", [[], ["--help"]])
def test_the_overview_loads_no_app_and_no_heavy_library(args):
    modules = loaded_by(RUN, *args)

    assert not top_level(modules) & set(HEAVY)
    assert not modules & {*APPS_SET_UP, "django.db.models", "pydantic"}


def test_parse_runs_without_the_apps_and_loads_no_heavy_library():
    modules = loaded_by(RUN, "parse", str(SEED))

    assert "actionplan.importing.pipeline" in modules  # it did parse
    assert not top_level(modules) & set(HEAVY)
    assert not modules & set(APPS_SET_UP)


def test_setting_django_up_loads_no_heavy_library():
    # What every other command, the server and the worker pay before they start.
    modules = loaded_by("import django\ndjango.setup()")

    assert "actionplan.plans.models" in modules
    assert not top_level(modules) & set(HEAVY)


@pytest.mark.parametrize("name", COMMANDS)
def test_the_overview_reads_each_command_s_own_help(name):
    assert command_help(name) == load_command_class(COMMANDS[name], name).help
