"""`actionplan voice import`: results from CSV on the command line, all rows or none."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.voice import services
from actionplan.voice.models import FeedbackResult

pytestmark = pytest.mark.django_db
HEADER = "source,question,period start,period end,responses,positive\n"


def test_it_imports_results_into_the_plan(personas, tmp_path, capsys):
    services.add_source(personas.plan, name="ViewPoint", kind="survey")
    path = tmp_path / "results.csv"
    path.write_text(HEADER + "ViewPoint,Do you feel safe?,01/10/2012,31/12/2012,212,84\n")
    call_command("voice", "import", str(path), "--plan", str(personas.plan.pk))
    assert "Imported 1 new results" in capsys.readouterr().out
    assert FeedbackResult.objects.count() == 1


def test_a_bad_file_is_one_line_naming_the_row_and_nothing_is_stored(personas, tmp_path):
    path = tmp_path / "results.csv"
    path.write_text(HEADER + "Nowhere,Q,01/10/2012,31/12/2012,2,50\n")
    with pytest.raises(CommandError, match=r"results.csv: row 2, column 'source'"):
        call_command("voice", "import", str(path), "--plan", str(personas.plan.pk))
    assert not FeedbackResult.objects.exists()


def test_the_retention_command_reports_each_policy(db, capsys):
    call_command("retention")
    out = capsys.readouterr().out
    assert "case audits: 0 past the retention period, removed" in out
    assert "feedback quotes: 0 past the retention period, removed" in out
