"""The whole Annex A job (read every list, load into DuckDB, the eleven standard measures with
their team breakdowns) over generated data: actionplan's fast reader, its reference reader
and plain pandas, in the same run.

    .venv/bin/python bench/annexa_bench.py [--rows 1000000] [--seed 1] [--xlsx-rows 20000]

- actionplan: read_annex_a as the command line reads (no row, cell or time limit): CSV files
  of 1 MB or more split by DuckDB (indicators/annexa/fastcsv.py), every cell read by the
  rules and every problem listed.
- reference: the same with every CSV file read by the csv module (FAST_CSV_BYTES = None)
  and every workbook by openpyxl: the readers the fast ones are tested against.
- pandas, same work (CSV): bench/indicators_bench.py's plain pandas doing what actionplan
  does: read_csv of all 11 lists, every cell read by the same rules (vectorised, over each
  column's distinct cells), every problem listed with its row, then the measures. The
  ratio the issue's goal is about (5x) is against this one.
- pandas, lists 3-7: the first baseline, kept and labelled as such: read_csv of the five
  lists the measures use, nothing checked or listed.

Each runs in a process of its own, so each peak RSS (resource.getrusage) is its own. All
must give the generator's planted answers, team by team. Then the same on one .xlsx
workbook: actionplan reads it with python-calamine (indicators/annexa/xlsx.py), the
reference with openpyxl (reader.XLSX_CALAMINE = False), pandas with read_excel (openpyxl).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("indicators_bench", _HERE / "indicators_bench.py")
indicators_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(indicators_bench)
AS_AT = indicators_bench.AS_AT


def run_actionplan(path: str, fast: str = "yes") -> dict:
    from actionplan.importing.readers.packages import Limits
    from actionplan.indicators.annexa import MeasureEngine, read_annex_a, reader

    if fast != "yes":
        reader.FAST_CSV_BYTES = None
        reader.XLSX_CALAMINE = False
    clock = indicators_bench._Clock()
    annex = read_annex_a(Path(path), Limits().untimed())
    clock.lap("read")
    with MeasureEngine(annex) as engine:
        clock.lap("load")
        results = engine.standard(AS_AT)
        clock.lap("measures")
    teams = indicators_bench._teams
    measures = {
        r.id: [
            r.numerator,
            r.denominator,
            teams({t.team: (t.numerator, t.denominator) for t in r.by_team}),
        ]
        for r in results
    }
    report = clock.report(measures)
    report["problems"] = len(annex.problems)
    return report


CHILDREN = {
    "generate": indicators_bench.make_data,
    "actionplan": run_actionplan,
    "reference": lambda path: run_actionplan(path, "no"),
    "pandas_checked": indicators_bench.run_pandas_checked,
    "pandas": indicators_bench.run_pandas,
}


def _child(step: str, *args) -> dict:
    command = [sys.executable, __file__, "--child", step, *map(str, args)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


indicators_bench._child = _child  # its table runs this file's children


def _table(made: dict, engines: tuple[str, ...]) -> None:
    totals = indicators_bench._table(made, engines)
    for baseline in (e for e in engines if e.startswith("pandas")):
        wall, cpu = totals[baseline]
        for engine in (e for e in engines if not e.startswith("pandas")):
            print(
                f"{indicators_bench.LABELS[baseline]} / {indicators_bench.LABELS[engine]}: "
                f"{cpu / totals[engine][1]:.2f}x CPU, {wall / totals[engine][0]:.2f}x wall clock"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx-rows", type=int, default=20_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return
    with open("/proc/loadavg") as f:
        print(f"load average at the start: {' '.join(f.read().split()[:3])}")
    with tempfile.TemporaryDirectory() as tmp:
        made = _child("generate", args.rows, args.seed, Path(tmp) / "annex_a", "csv")
        print(
            f"{args.rows:,} Annex A rows in 11 CSV files ({made['mb']:.0f} MB), "
            f"{made['problems']:,} planted problems"
        )
        print("seconds, wall clock (CPU)")
        _table(made, ("actionplan", "reference", "pandas_checked", "pandas"))
        if args.xlsx_rows:
            made = _child("generate", args.xlsx_rows, args.seed, Path(tmp) / "annex_a.xlsx", "xlsx")
            print(f"\n{args.xlsx_rows:,} rows in one .xlsx workbook ({made['mb']:.0f} MB)")
            _table(made, ("actionplan", "reference", "pandas"))
    with open("/proc/loadavg") as f:
        print(f"\nload average at the end: {' '.join(f.read().split()[:3])}")


if __name__ == "__main__":
    main()
