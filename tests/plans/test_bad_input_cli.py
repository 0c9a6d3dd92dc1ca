"""Bad files at the command line: one short line naming the file and the problem, exit
status 2, no traceback, and nothing in the database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from docx import Document as WordDocument

ACTIONPLAN = Path(sys.executable).with_name("actionplan")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "plans.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    subprocess.run([ACTIONPLAN, "migrate", "-v", "0"], env=env, check=True)
    return path, env


def _rows(path: Path) -> int:
    with sqlite3.connect(path) as db:
        plans = db.execute("select count(*) from plans_plan").fetchone()[0]
        actions = db.execute("select count(*) from plans_action").fetchone()[0]
    return plans + actions


def run_import(database, file: Path):
    """The command's result, and how many plans and actions it added: the tests share one
    database, in whatever order they run."""
    path, env = database
    before = _rows(path)
    result = subprocess.run(
        [ACTIONPLAN, "import", str(file)], env=env, capture_output=True, text=True
    )
    return result, _rows(path) - before


def make_empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def make_png(folder: Path) -> Path:
    path = folder / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return path


def make_docx_without_tables(folder: Path) -> Path:
    doc = WordDocument()
    doc.add_paragraph("Our improvement plan will follow.")
    path = folder / "letter.docx"
    doc.save(path)
    return path


def make_sheet_without_header(folder: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["Child", "Age", "School"])
    book.active.append(["A", "7", "Hill Top"])
    path = folder / "children.xlsx"
    book.save(path)
    return path


def make_huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (make_empty, "the file is empty"),
        (make_png, "looks like a PNG image, not a plan"),
        (make_docx_without_tables, "the document has no tables"),
        (make_sheet_without_header, "no table header found"),
        (make_huge, "the file is 50.0 MB; the largest plan accepted is 20 MB"),
    ],
)
def test_a_bad_file_is_one_line_exit_2_and_nothing_written(database, tmp_path, make, problem):
    file = make(tmp_path)
    result, rows = run_import(database, file)
    assert result.returncode == 2
    assert result.stderr.startswith(f"actionplan: error: {file.name}: {problem}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert rows == 0


def test_a_plan_saved_as_windows_1252_imports(database, tmp_path):
    text = (
        Path(__file__).resolve().parents[2] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"
    ).read_text()
    file = tmp_path / "plan-1252.txt"
    file.write_bytes(text.encode("cp1252", errors="replace"))
    result, rows = run_import(database, file)
    assert result.returncode == 0, result.stderr
    assert rows > 70
