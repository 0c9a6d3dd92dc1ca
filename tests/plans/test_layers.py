"""The importing and interchange packages are pure Python: they never import Django."""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "actionplan"
DJANGO_IMPORT = re.compile(r"^\s*(import django\b|from django\b)", re.MULTILINE)


@pytest.mark.parametrize("package", ["importing", "interchange"])
def test_a_pure_package_does_not_import_django(package):
    files = sorted((SRC / package).rglob("*.py"))
    assert files

    offenders = [str(f.relative_to(SRC)) for f in files if DJANGO_IMPORT.search(f.read_text())]

    assert offenders == []
