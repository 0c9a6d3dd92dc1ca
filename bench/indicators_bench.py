"""The eleven standard measures over a million Annex A rows: actionplan beside plain pandas.

    .venv/bin/python bench/indicators_bench.py [--rows 1000000] [--seed 1] [--xlsx-rows 100000]

Generates messy synthetic Annex A data (junk dates, answers and counts, header variants,
title rows) as a folder of CSV files, one per list, then runs each implementation in its
own process, so that each reports its own peak memory: the RSS high-water mark, because
DuckDB and numpy allocate outside Python's heap, where tracemalloc cannot see.

- actionplan: read_annex_a (every cell read by the rules, every problem listed), load
  into DuckDB, compute the standard measures with their team breakdowns.
- pandas: read_csv, the same reading rules and measures written with pandas and numpy
  (numpy.busday_count for working days), here only, as the comparison.

Both must give the generator's planted answers, team by team, or the benchmark fails.
Then the same two on a smaller .xlsx workbook (both read it through openpyxl: pandas's
read_excel for lists 3-7, its dates, numbers and text then written as the CSV export
writes them, so the same pandas rules apply).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_AT = dt.date(2024, 3, 31)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return

    with tempfile.TemporaryDirectory() as tmp:
        # Every step runs in a process of its own, started from this small one, so each
        # peak RSS is that step's alone (Linux keeps the high-water mark across exec).
        made = _child("generate", args.rows, args.seed, Path(tmp) / "annex_a", "csv")
        print(
            f"{args.rows:,} Annex A rows in 11 CSV files ({made['mb']:.0f} MB), "
            f"{made['problems']:,} planted problems; generated in {made['seconds']:.0f} s"
        )
        print("\nseconds, wall clock (CPU)")
        _table(made)

        if args.xlsx_rows:
            made = _child("generate", args.xlsx_rows, args.seed, Path(tmp) / "annex_a.xlsx", "xlsx")
            print(f"\n{args.xlsx_rows:,} rows in one .xlsx workbook ({made['mb']:.0f} MB)")
            _table(made)


def _table(made: dict) -> None:
    print(f"{'':<11} {'read':>15} {'load':>13} {'measures':>13} {'total':>15} {'peak RSS':>9}")
    for engine in ("actionplan", "pandas"):
        result = _child(engine, made["path"])
        assert result["measures"] == made["expected"], f"{engine} differs from the planted answers"
        wall, cpu = result["seconds"], result["cpu"]
        cells = [f"{wall[k]:>6.2f} ({cpu[k]:>5.2f})" for k in ("read", "load", "measures")]
        total = f"{sum(wall.values()):>6.2f} ({sum(cpu.values()):>6.2f})"
        print(
            f"{engine:<11} {cells[0]:>15} {cells[1]:>13} {cells[2]:>13} {total:>15} "
            f"{result['peak_rss_mb']:>7.0f}MB"
        )
    print("Both give the planted answers for all 11 measures, team by team.")


def _child(step: str, *args) -> dict:
    command = [sys.executable, __file__, "--child", step, *map(str, args)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def make_data(rows: str, seed: str, path: str, form: str) -> dict:
    from actionplan.indicators.annexa.synthetic import generate

    t0 = time.perf_counter()
    data = generate(int(rows), AS_AT, seed=int(seed))
    written = data.write_csv(Path(path)) if form == "csv" else data.write_xlsx(Path(path))
    files = written.iterdir() if written.is_dir() else [written]
    return {
        "path": str(written),
        "mb": sum(f.stat().st_size for f in files) / 2**20,
        "problems": len(data.problems),
        "seconds": time.perf_counter() - t0,
        "expected": {
            m: [e.numerator, e.denominator, _teams(e.by_team)] for m, e in data.expected.items()
        },
    }


def _teams(by_team: dict) -> dict[str, list[int]]:
    return {str(team): list(counts) for team, counts in sorted(by_team.items(), key=str)}


class _Clock:
    """Wall-clock and CPU seconds per step: on a busy machine the two part company."""

    def __init__(self):
        self.wall, self.cpu = {}, {}
        self._last = (time.perf_counter(), time.process_time())

    def lap(self, step: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.wall[step], self.cpu[step] = now[0] - self._last[0], now[1] - self._last[1]
        self._last = now

    def report(self, measures: dict) -> dict:
        return {
            "seconds": self.wall,
            "cpu": self.cpu,
            "measures": measures,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KB on Linux
        }


def run_actionplan(path: str) -> dict:
    from actionplan.indicators.annexa import MeasureEngine, read_annex_a

    clock = _Clock()
    annex = read_annex_a(Path(path))
    clock.lap("read")
    with MeasureEngine(annex) as engine:
        clock.lap("load")
        results = engine.standard(AS_AT)
        clock.lap("measures")
    measures = {
        r.id: [
            r.numerator,
            r.denominator,
            _teams({t.team: (t.numerator, t.denominator) for t in r.by_team}),
        ]
        for r in results
    }
    return clock.report(measures)


def run_pandas(path: str) -> dict:
    import numpy as np
    import pandas as pd

    clock = _Clock()
    numbers = (3, 4, 5, 6, 7)
    frames = (
        _read_sheets(Path(path), numbers)
        if path.endswith(".xlsx")
        else {n: _read_list(Path(path), n) for n in numbers}
    )
    clock.lap("read")
    clock.lap("load")  # nothing to load: the frames are the data
    measures = _pandas_measures(frames, pd, np)
    clock.lap("measures")
    return clock.report(measures)


CHILDREN = {"generate": make_data, "actionplan": run_actionplan, "pandas": run_pandas}


# -- the pandas implementation -----------------------------------------------------------


def _read_list(folder: Path, number: int):
    """One list's CSV file as text columns named by their keys. The header row is found
    with actionplan's own header matching: only the measures are compared here."""
    import pandas as pd

    from actionplan.indicators.annexa.headers import find_header
    from actionplan.indicators.annexa.lists import LISTS

    path = folder / f"List {number}.csv"
    with open(path, newline="", encoding="utf-8") as f:
        head = [row for _, row in zip(range(20), csv.reader(f), strict=False)]
    header = find_header(head, LISTS[number])
    frame = pd.read_csv(
        path,
        header=None,
        skiprows=header.row_index + 1,
        dtype=str,
        keep_default_na=False,
        usecols=list(header.fields),
    )
    return frame.rename(columns={col: f.key for col, f in header.fields.items()})


def _read_sheets(workbook: Path, numbers: tuple[int, ...]) -> dict:
    """Lists' sheets in one pandas.read_excel call, each cut below its header row (found
    as for the CSV files), its cells then written as the CSV export writes them (dates
    day first, whole numbers without a point, blanks empty, error cells, which pandas
    makes NaN, as #N/A), so that the same pandas rules read both."""
    import pandas as pd

    from actionplan.indicators.annexa.headers import find_header
    from actionplan.indicators.annexa.lists import LISTS

    def text(v) -> str:
        if isinstance(v, float) and v != v:
            return "#N/A"
        if isinstance(v, dt.datetime | dt.date):
            return v.strftime("%d/%m/%Y")
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    sheets = pd.read_excel(
        workbook,
        sheet_name=[f"List {n}" for n in numbers],
        header=None,
        dtype=object,
        keep_default_na=False,
    )
    frames = {}
    for n in numbers:
        sheet = sheets[f"List {n}"]
        head = [[v if v != "" else None for v in row] for row in sheet.head(20).itertuples(False)]
        header = find_header(head, LISTS[n])
        frame = sheet.iloc[header.row_index + 1 :, list(header.fields)].map(text)
        frame.columns = [f.key for f in header.fields.values()]
        frames[n] = frame.reset_index(drop=True)
    return frames


def _pandas_measures(lists: dict, pd, np) -> dict:
    import holidays

    a = pd.Timestamp(AS_AT)
    window_start = a - pd.DateOffset(months=6)
    bank = np.array(
        sorted(holidays.country_holidays("GB", subdiv="ENG", years=range(2010, 2030))),
        dtype="datetime64[D]",
    )

    def date(s):
        """(dates, unreadable): day-first text, blank is NaT, anything else unreadable."""
        text = s.str.strip()
        shaped = text.str.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
        parsed = pd.to_datetime(text.where(shaped), format="%d/%m/%Y", errors="coerce")
        return parsed, text.ne("") & parsed.isna()

    def answer(s):
        words = s.str.strip().str.replace(r"^[A-Za-z]{1,2}\)\s*", "", regex=True).str.casefold()
        return words.map({"yes": "yes", "y": "yes", "no": "no", "n": "no"}).where(
            words.ne(""), None
        )

    def count(s):
        text = s.str.strip()
        return pd.to_numeric(text.where(text.str.fullmatch(r"[0-9]+")), errors="coerce")

    def team(s):
        text = s.str.split().str.join(" ")
        return text.where(text.ne("") & text.ne("#N/A"))

    def in_window(d):
        return (d > window_start) & (d <= a)

    def working_days(x, y):
        days = pd.Series(np.nan, index=x.index)
        ok = x.notna() & y.notna()
        begin = x[ok].to_numpy().astype("datetime64[D]") + 1
        end = y[ok].to_numpy().astype("datetime64[D]") + 1
        days[ok] = np.maximum(np.busday_count(begin, end, holidays=bank), 0)
        return days

    def tally(teams, cohort, hit, children=None):
        def total(mask):
            return int(children[mask].nunique()) if children is not None else int(mask.sum())

        frame = pd.DataFrame({"team": teams, "cohort": cohort, "hit": cohort & hit})
        by_team = {}
        for name, group in frame[frame.cohort].groupby("team", dropna=False):
            key = None if pd.isna(name) else name
            if children is None:
                by_team[key] = (int(group.hit.sum()), len(group))
            else:
                ids = children[group.index]
                by_team[key] = (int(ids[group.hit].nunique()), int(ids.nunique()))
        return [total(cohort & hit), total(cohort), _teams(by_team)]

    out = {}
    l3 = lists[3]
    ids = l3.child_id.str.strip().replace("", None)
    referred, bad = date(l3.referral_date)
    out["re_referral_12m"] = tally(
        team(l3.allocated_team),
        in_window(referred) & ~bad & ids.notna(),
        count(l3.referrals_last_12_months) >= 1,
        children=ids,
    )

    l4 = lists[4]
    start, start_bad = date(l4.assessment_start_date)
    authorised, authorised_bad = date(l4.assessment_authorised_date)
    teams = team(l4.allocated_team)
    out["children_seen_at_assessment"] = tally(
        teams, in_window(start) & ~start_bad, answer(l4.child_seen).eq("yes")
    )
    out["assessments_within_45_wd"] = tally(
        teams,
        in_window(authorised) & ~authorised_bad & ~start_bad,
        working_days(start, authorised) <= 45,
    )

    l5 = lists[5]
    strategy, strategy_bad = date(l5.strategy_discussion_date)
    icpc, icpc_bad = date(l5.icpc_date)
    teams = team(l5.allocated_team)
    decision = l5.icpc_unnecessary.str.strip()
    out["s47_to_icpc"] = tally(
        teams,
        in_window(strategy) & ~strategy_bad & decision.ne(""),
        answer(l5.icpc_unnecessary).eq("no"),
    )
    out["icpc_within_15_wd"] = tally(
        teams, in_window(icpc) & ~icpc_bad & ~strategy_bad, working_days(strategy, icpc) <= 15
    )
    out["icpc_to_cp_plan"] = tally(
        teams, in_window(icpc) & ~icpc_bad, answer(l5.icpc_resulted_in_plan).eq("yes")
    )

    l6 = lists[6]
    start, start_bad = date(l6.cin_start_date)
    closed, closed_bad = date(l6.cin_closure_date)
    seen, seen_bad = date(l6.last_seen_date)
    open_cin = (start <= a) & (closed.isna() | (closed > a)) & ~start_bad & ~closed_bad
    out["cin_seen_within_6_weeks"] = tally(
        team(l6.allocated_team),
        open_cin & ~seen_bad,
        (seen > a - pd.Timedelta(days=42)) & (seen <= a),
    )

    l7 = lists[7]
    start, start_bad = date(l7.cp_plan_start_date)
    end, end_bad = date(l7.cp_plan_end_date)
    review, review_bad = date(l7.latest_review_date)
    teams = team(l7.allocated_team)
    open_plan = (start <= a) & (end.isna() | (end > a)) & ~start_bad & ~end_bad
    out["cp_plans_second_or_subsequent"] = tally(
        teams, in_window(start) & ~start_bad, count(l7.previous_cp_plans) >= 1
    )
    out["cp_seen_alone"] = tally(teams, open_plan, answer(l7.seen_alone).eq("yes"))
    out["cp_reviews_in_timescale"] = tally(
        teams,
        open_plan & (start <= a - pd.DateOffset(months=3)) & ~review_bad,
        in_window(review),
    )
    out["cp_plans_lasting_2_years"] = tally(
        teams, in_window(end) & ~end_bad & ~start_bad, end >= start + pd.DateOffset(years=2)
    )
    return out


if __name__ == "__main__":
    main()
