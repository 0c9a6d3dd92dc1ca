"""The RAG rules, roll-up, chart and statuses are pure Python: they never import Django."""

import re
from pathlib import Path

import pytest

MONITORING = Path(__file__).resolve().parents[2] / "src" / "actionplan" / "monitoring"
DJANGO_IMPORT = re.compile(r"^\s*(import django\b|from django\b)", re.MULTILINE)


@pytest.mark.parametrize("module", ["rag.py", "rollup.py", "chart.py", "statuses.py"])
def test_a_pure_monitoring_module_does_not_import_django(module):
    assert not DJANGO_IMPORT.search((MONITORING / module).read_text())
