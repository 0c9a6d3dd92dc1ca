"""The actionplan commands, called as Django management commands."""

import csv
import io
import json
import re
import sys
import types
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from actionplan.accounts import secondfactor
from actionplan.importing.errors import PlanReadError
from actionplan.plans.exporting import HEADERS, plan_to_document
from actionplan.plans.models import Plan
from actionplan.plans.services import store_plan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def parser(monkeypatch, plan_doc):
    """Stand in for the import pipeline: parse_file returns plan_doc, or raises `error`."""
    fake = types.SimpleNamespace(error=None, calls=[])

    def parse_file(path, layout=None, *, limits=None):
        fake.calls.append(Path(path))
        if fake.error:
            raise fake.error
        return plan_doc.model_copy(deep=True)

    module = types.ModuleType("actionplan.importing.pipeline")
    module.parse_file = parse_file
    monkeypatch.setitem(sys.modules, "actionplan.importing.pipeline", module)
    return fake


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text("a plan\n")
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_parse_prints_a_summary_with_the_warnings(parser, plan_file):
    out = run("parse", str(plan_file))

    assert "Recommendations: 4, with 11 actions" in out
    assert "Warnings: 3" in out
    assert parser.calls == [plan_file]


def test_parse_json_prints_the_interchange_document(parser, plan_file, plan_doc):
    out = run("parse", str(plan_file), "--json")

    assert json.loads(out) == plan_doc.model_dump(mode="json")


def test_parse_touches_no_database(parser, plan_file):
    # Without the django_db mark, pytest-django fails any query.
    run("parse", str(plan_file))
    run("parse", str(plan_file), "--json")


def test_a_file_that_is_not_a_plan_is_one_clear_error(parser, plan_file):
    parser.error = PlanReadError(str(plan_file), "no tables found")

    with pytest.raises(CommandError, match=r"plan\.txt: no tables found") as caught:
        run("parse", str(plan_file))
    assert caught.value.returncode == 2


def test_a_missing_file_is_refused_before_reading(parser):
    with pytest.raises(CommandError, match=r"nowhere\.txt: no such file"):
        run("parse", "nowhere.txt")
    assert parser.calls == []


@pytest.mark.django_db
def test_import_stores_the_plan_and_says_what_changed(parser, plan_file):
    out = run("import", str(plan_file))

    plan = Plan.objects.get()
    assert f'Created plan {plan.pk} "Post Inspection Action Plan"' in out
    assert "actions: 11 new, 0 updated" in out
    assert "progress records: 0 kept, 3 added" in out
    assert "warnings: 3" in out


@pytest.mark.django_db
def test_importing_the_same_file_again_into_its_plan_updates_it(parser, plan_file):
    run("import", str(plan_file))
    plan = Plan.objects.get()
    out = run("import", str(plan_file), "--plan", str(plan.pk), "--yes")

    assert f"\nUpdated plan {plan.pk}" in out
    assert "actions: 0 new, 11 updated" in out
    assert "progress records: 3 kept, 0 added" in out
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_importing_the_same_file_again_without_saying_where_is_refused(parser, plan_file):
    run("import", str(plan_file))
    plan = Plan.objects.get()

    with pytest.raises(CommandError) as refused:
        run("import", str(plan_file))

    assert (
        f"North Yorkshire County Council already has a plan called 'Post Inspection Action "
        f"Plan' starting on the same date (id {plan.pk}): add --plan {plan.pk} to update it "
        "in place, or --new to store another plan"
    ) in str(refused.value)
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_new_stores_another_plan_beside_one_of_the_same_title(parser, plan_file):
    run("import", str(plan_file))
    out = run("import", str(plan_file), "--new")

    assert out.startswith("Created plan")
    assert Plan.objects.count() == 2


@pytest.mark.django_db
def test_a_plan_that_does_not_exist_or_is_another_councils_is_refused(parser, plan_file):
    run("import", str(plan_file))
    plan = Plan.objects.get()

    with pytest.raises(CommandError, match="there is no plan with id 999"):
        run("import", str(plan_file), "--plan", "999")
    with pytest.raises(CommandError, match=r"plan \d+ is North Yorkshire County Council's, not"):
        run("import", str(plan_file), "--plan", str(plan.pk), "--organisation", "Anyshire")
    with pytest.raises(CommandError, match="not allowed with argument"):
        run("import", str(plan_file), "--plan", str(plan.pk), "--new")


@pytest.mark.django_db
def test_import_takes_the_organisation_from_the_command_line(parser, plan_file):
    run("import", str(plan_file), "--organisation", "Anyshire Council")

    assert Plan.objects.get().organisation.name == "Anyshire Council"


@pytest.mark.django_db
def test_an_import_that_cannot_be_read_writes_nothing(parser, plan_file):
    parser.error = PlanReadError(str(plan_file), "this is an image, not a plan")

    with pytest.raises(CommandError, match="image"):
        run("import", str(plan_file))
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_an_import_the_store_refuses_is_an_error_too(parser, plan_file, plan_doc):
    plan_doc.plan.organisation = ""

    with pytest.raises(CommandError, match="--organisation"):
        run("import", str(plan_file))


@pytest.fixture
def stored(db, plan_doc) -> Plan:
    return store_plan(plan_doc).plan


def test_export_json_goes_to_standard_output(stored):
    out = run("export", str(stored.pk), "--format", "json")

    assert json.loads(out) == plan_to_document(stored).model_dump(mode="json")


def test_export_finds_the_plan_by_part_of_its_title(stored):
    out = run("export", "inspection action", "--format", "csv")

    assert next(csv.reader(io.StringIO(out))) == HEADERS


def test_export_xlsx_needs_an_output_file(stored):
    with pytest.raises(CommandError, match="-o"):
        run("export", str(stored.pk), "--format", "xlsx")


def test_export_writes_the_file_it_is_given(stored, tmp_path):
    target = tmp_path / "plan.xlsx"

    out = run("export", str(stored.pk), "--format", "xlsx", "-o", str(target))

    assert target.read_bytes()[:2] == b"PK"
    assert out == f"Wrote {target}\n"


def test_export_of_an_unknown_plan_is_an_error(stored):
    with pytest.raises(CommandError, match="no plan's title contains 'budget'"):
        run("export", "budget", "--format", "json")
    with pytest.raises(CommandError, match="no plan with id 999"):
        run("export", "999", "--format", "json")


def test_a_title_that_matches_two_plans_asks_for_the_id(stored, plan_doc):
    plan_doc.plan.title = "Post Inspection Action Plan 2014"
    store_plan(plan_doc)

    with pytest.raises(CommandError, match="more than one plan"):
        run("show", "post inspection")


def test_an_unknown_format_is_refused(stored):
    with pytest.raises(CommandError, match="invalid choice: 'pdf'"):
        run("export", str(stored.pk), "--format", "pdf")


def test_show_draws_the_plan_as_a_tree(stored):
    out = run("show", str(stored.pk))

    assert "Post Inspection Action Plan" in out
    assert "4a Ensure compliance through staff supervision  lead: Judith Hay [GREEN]" in out
    assert "\x1b[" not in out


def test_the_committed_json_schema_is_the_one_the_models_give():
    committed = (ROOT / "docs" / "interchange.schema.json").read_text(encoding="utf-8")

    assert run("schema") == committed


@pytest.mark.django_db
def test_demo_loads_the_plan_and_creates_the_demo_user_once(parser):
    first = run("demo")
    second = run("demo")

    assert "Loaded the demo plan" in first
    assert "Created the admin user 'demo' with password" in first
    assert "Refreshed the demo plan" in second
    assert "exists already" in second
    assert Plan.objects.count() == 1
    demo = get_user_model().objects.get(username="demo")
    assert demo.is_superuser
    # Its second factor: backup codes printed once, each good for one sign-in.
    codes = re.findall(r"^  ([a-z2-7]{8}(?: [a-z2-7]{8}){9})$", first, re.MULTILINE)[0].split()
    assert "backup codes" not in second
    assert secondfactor.verify(demo, codes[0], now=timezone.now()).backup_code
    assert parser.calls[0].name == "north_yorkshire_2013.txt"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_spreadsheet_export_imports_back_over_its_plan_without_organisation(
    stored, tmp_path, fmt
):
    before = plan_to_document(stored).model_dump(mode="json", exclude={"source"})
    path = tmp_path / f"plan.{fmt}"
    run("export", str(stored.pk), "--format", fmt, "-o", str(path))

    out = run("import", str(path), "--plan", str(stored.pk), "--yes")

    assert f"Updated plan {stored.pk}" in out
    assert plan_to_document(stored).model_dump(mode="json", exclude={"source"}) == before
