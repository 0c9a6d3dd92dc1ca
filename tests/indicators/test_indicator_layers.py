"""The Annex A core and the target arithmetic are pure Python: they never import Django."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "actionplan" / "indicators"
DJANGO_IMPORT = re.compile(r"^\s*(import django\b|from django\b)", re.MULTILINE)


def test_the_annex_a_core_and_rag_arithmetic_do_not_import_django():
    files = [*sorted((SRC / "annexa").rglob("*.py")), SRC / "rag.py"]

    offenders = [str(f.relative_to(SRC)) for f in files if DJANGO_IMPORT.search(f.read_text())]

    assert offenders == []
