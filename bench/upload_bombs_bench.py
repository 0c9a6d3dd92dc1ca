"""How fast upload bombs are refused, what they cost unchecked, and what the checks cost an
honest file.

    .venv/bin/python bench/upload_bombs_bench.py [SECONDS]

Before: the workbook opened as the readers opened it until issue 9 (openpyxl, read-only),
in a child process stopped after SECONDS (default 60), with its peak memory; the bomb at a
tenth and at full size. After: the same files through what the plan import page and the
Annex A compute page call (plans.imports' parse with the upload limits, and
indicators.services.compute_from_annex_a), and the check on an honest 100,000-row workbook.
The slowest file within the limits takes about UPLOAD_READ_SECONDS (30 s) to be refused.
"""

import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

UNCHECKED = """
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        pass
"""


def unchecked(path: Path, limit: float) -> str:
    """Open the workbook as the readers did before issue 9, in a child process."""
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-c", UNCHECKED, str(path)], timeout=limit, check=True)
        took = f"{time.perf_counter() - start:6.1f} s"
    except subprocess.TimeoutExpired:
        took = f"over {limit:.0f} s (stopped)"
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"{took}, peak RSS of the reading process so far {peak:,.0f} MB"


def timed(label: str, call) -> None:
    start = time.perf_counter()
    try:
        call()
        outcome = "read"
    except Exception as e:  # the refusal is what is measured
        outcome = f"refused: {str(e)[:90]}"
    print(f"  {label:<28} {(time.perf_counter() - start) * 1000:8.1f} ms  {outcome}")


def main() -> None:
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.settings")
    import django

    django.setup()
    from actionplan.core.limits import read_limits
    from actionplan.importing.pipeline import parse_bytes
    from actionplan.importing.readers.packages import check_office
    from actionplan.indicators.annexa.synthetic import generate
    from actionplan.indicators.services import compute_from_annex_a
    from support.office_files import (
        cell_replaced,
        rewrite,
        shared_strings_bomb,
        sheet_name,
        with_doctype,
        workbook,
    )

    bomb, small = shared_strings_bomb(), shared_strings_bomb(2_000_000)
    files = {"bomb": bomb, "bomb, a tenth": small}
    header = ["Child Unique ID", "Referral Date"]
    plain = workbook([header, ["1", "01/02/2024"]])
    files["billion laughs"] = rewrite(plain, {sheet_name(plain): with_doctype})
    rows = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(3, 200_000))
    padded = cell_replaced(plain, "</sheetData>", rows + "</sheetData>")
    files["rows padded to XFD"] = cell_replaced(padded, '<dimension ref="A1:B2"/>', "")
    # The slowest file within the size limits: 2,500,000 cells of random numbers (they pack
    # loosely: 10 MB) and no dimension, so openpyxl parses the sheet once before reading it.
    noise = random.Random(1)
    rows = "".join(
        "<row>" + "".join(f"<c><v>{noise.randrange(10**6)}</v></c>" for _ in range(10)) + "</row>"
        for _ in range(250_000)
    )
    dense = cell_replaced(plain, "</sheetData>", rows + "</sheetData>")
    files["2.5 million cells"] = cell_replaced(dense, '<dimension ref="A1:B2"/>', "")
    for name, content in files.items():
        (folder / f"{name}.xlsx").write_bytes(content)
        print(f"{name}: {len(content) / 1024:,.0f} KB")

    print(f"\nBefore (openpyxl, read-only, unchecked; stopped after {limit:.0f} s):")
    for name in ("bomb, a tenth", "bomb", "rows padded to XFD", "2.5 million cells"):
        print(f"  {name:<28} {unchecked(folder / f'{name}.xlsx', limit)}")

    print("\nAfter, as the pages call the readers (UPLOAD_* settings at their defaults):")
    for name, content in files.items():
        path = folder / f"{name}.xlsx"
        timed(
            f"{name}, plan import",
            lambda c=content: parse_bytes(c, "plan.xlsx", limits=read_limits()),
        )
        timed(f"{name}, Annex A", lambda p=path: compute_from_annex_a(p, dt.date(2024, 3, 31)))

    honest = folder / "honest.xlsx"
    generate(100_000, dt.date(2024, 3, 31), seed=1).write_xlsx(honest)
    data = honest.read_bytes()
    print(f"\nThe check on an honest workbook (100,000 rows, {len(data) / 2**20:.1f} MB):")
    timed("check_office", lambda: check_office(data, read_limits()))
    print(
        f"\nPeak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"
    )


if __name__ == "__main__":
    main()
