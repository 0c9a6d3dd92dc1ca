"""The eleven standard measures over a million Annex A rows: actionplan beside plain pandas.

    .venv/bin/python bench/indicators_bench.py [--rows 1000000] [--seed 1] [--xlsx-rows 100000]

Generates messy synthetic Annex A data (junk dates, answers and counts, header variants,
title rows) as a folder of CSV files, one per list, then runs each implementation in its
own process, so that each reports its own peak memory: the RSS high-water mark, because
DuckDB and numpy allocate outside Python's heap, where tracemalloc cannot see.

- actionplan: read_annex_a (every cell read by the rules, every problem listed), load
  into DuckDB, compute the standard measures with their team breakdowns.
- pandas, checked (CSV only): the same work in plain pandas: read_csv (its C parser) of
  all 11 lists, every cell read by the same rules with vectorised pandas (dates day first,
  counts, numbers, answers, codes, Excel error values, blank rows dropped, ends before
  starts) over each column's distinct cells (pandas.factorize), every problem listed with
  its row (the count printed), then the measures.
- pandas, lists 3-7: the first baseline: read_csv of the five lists the measures use,
  only the columns' text turned into what the measures need, nothing checked or listed.
  Kept so that the first comparison can still be made.

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
        _table(made, ("actionplan", "pandas_checked", "pandas"))

        if args.xlsx_rows:
            made = _child("generate", args.xlsx_rows, args.seed, Path(tmp) / "annex_a.xlsx", "xlsx")
            print(f"\n{args.xlsx_rows:,} rows in one .xlsx workbook ({made['mb']:.0f} MB)")
            _table(made, ("actionplan", "pandas"))


LABELS = {
    "actionplan": "actionplan, fast reader",
    "reference": "actionplan, reference reader",
    "pandas_checked": "pandas, same work (11 lists, checked)",
    "pandas": "pandas, lists 3-7, nothing checked",
}


def _table(made: dict, engines: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """Run each engine in a process of its own; print a row each; (wall, CPU) totals."""
    print(
        f"{'':<38} {'read':>15} {'load':>13} {'measures':>13} {'whole job':>15} "
        f"{'peak RSS':>9} {'problems':>9}"
    )
    totals = {}
    for engine in engines:
        result = _child(engine, made["path"])
        assert result["measures"] == made["expected"], f"{engine} differs from the planted answers"
        wall, cpu = result["seconds"], result["cpu"]
        cells = [f"{wall[k]:>6.2f} ({cpu[k]:>5.2f})" for k in ("read", "load", "measures")]
        totals[engine] = (sum(wall.values()), sum(cpu.values()))
        total = f"{totals[engine][0]:>6.2f} ({totals[engine][1]:>6.2f})"
        problems = result.get("problems")
        print(
            f"{LABELS[engine]:<38} {cells[0]:>15} {cells[1]:>13} {cells[2]:>13} {total:>15} "
            f"{result['peak_rss_mb']:>7.0f}MB {'-' if problems is None else f'{problems:,}':>9}"
        )
    print("All give the planted answers for all 11 measures, team by team.")
    return totals


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
    report = clock.report(measures)
    report["problems"] = len(annex.problems)
    return report


def run_pandas(path: str) -> dict:
    """Plain pandas as first written: lists 3-7 only, nothing checked or listed."""
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
    measures = _pandas_measures({n: _typed_quick(f, pd) for n, f in frames.items()}, pd, np)
    clock.lap("measures")
    return clock.report(measures)


def run_pandas_checked(path: str) -> dict:
    """Plain pandas doing actionplan's work: every list read by its C parser, every cell
    read by the rules (vectorised), every problem listed with its row, then the measures."""
    import numpy as np
    import pandas as pd

    clock = _Clock()
    problems: list = []
    frames = {}
    for number in range(1, 12):
        frame = _read_list(Path(path), number, checked=True)
        frames[number] = _typed_checked(frame, number, problems, pd, np)
    listed = pd.concat(problems, ignore_index=True).sort_values(["list", "row"], kind="stable")
    clock.lap("read")
    clock.lap("load")
    measures = _pandas_measures(frames, pd, np)
    clock.lap("measures")
    report = clock.report(measures)
    report["problems"] = len(listed)
    return report


CHILDREN = {
    "generate": make_data,
    "actionplan": run_actionplan,
    "pandas": run_pandas,
    "pandas_checked": run_pandas_checked,
}


# -- the pandas implementation -----------------------------------------------------------


def _read_list(folder: Path, number: int, *, checked: bool = False):
    """One list's CSV file as text columns named by their keys (and `row`, the row in the
    file, when checked). The header row is found with actionplan's own header matching."""
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
        keep_default_na=False,
        usecols=list(header.fields),
        dtype=str,
        skip_blank_lines=not checked,
    )
    frame = frame.rename(columns={col: f.key for col, f in header.fields.items()})
    if checked:
        frame.attrs["written"] = {f.key: header.written[col] for col, f in header.fields.items()}
        frame["row"] = frame.index + header.row_index + 2
    return frame


_DAY_FIRST = r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
_CODE = r"^[A-Za-z]{1,2}\)\s*"
_EXCEL_ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"]


# The columns the measures read: the only ones the first baseline turns into values.
_MEASURED = [
    "child_id",
    "allocated_team",
    "referral_date",
    "referrals_last_12_months",
    "assessment_start_date",
    "assessment_authorised_date",
    "child_seen",
    "strategy_discussion_date",
    "icpc_date",
    "icpc_unnecessary",
    "icpc_resulted_in_plan",
    "cin_start_date",
    "cin_closure_date",
    "last_seen_date",
    "cp_plan_start_date",
    "cp_plan_end_date",
    "latest_review_date",
    "previous_cp_plans",
    "seen_alone",
]


def _typed_quick(frame, pd):
    """Lists 3-7's text read as the measures need it, nothing checked (the first baseline)."""

    def date(s):
        text = s.str.strip()
        shaped = text.str.fullmatch(_DAY_FIRST)
        parsed = pd.to_datetime(text.where(shaped), format="%d/%m/%Y", errors="coerce")
        return parsed, text.ne("") & parsed.isna()

    out = pd.DataFrame(index=frame.index)
    for key in frame.columns.intersection(_MEASURED):
        s = frame[key]
        if key.endswith("_date"):
            out[key], out[f"{key}__bad"] = date(s)
        elif key == "child_id":
            out[key] = s.str.strip().replace("", None)
        elif key == "allocated_team":
            text = s.str.split().str.join(" ")
            out[key] = text.where(text.ne("") & text.ne("#N/A"))
        elif key in ("referrals_last_12_months", "previous_cp_plans"):
            text = s.str.strip()
            out[key] = pd.to_numeric(text.where(text.str.fullmatch(r"[0-9]+")), errors="coerce")
        else:  # an answer
            words = s.str.strip().str.replace(_CODE, "", regex=True).str.casefold()
            yes_no = words.map({"yes": "yes", "y": "yes", "no": "no", "n": "no"})
            out[key] = yes_no.fillna(words).where(words.ne(""), None)
    return out


def _typed_checked(frame, number: int, problems: list, pd, np):
    """Every cell of a list read by the reading rules, blank rows dropped, and a frame of
    the problems (list, row, column, value, reason) added to `problems`. Each rule runs
    over a column's distinct cells and is taken back to the rows by their codes, as a
    pandas user would for a million rows of few distinct values."""
    from actionplan.indicators.annexa.lists import LISTS, Kind

    spec = LISTS[number]
    written = frame.attrs["written"]
    keys = [k for k in frame.columns if k != "row"]

    factors: dict = {}

    def by_cell(s, rule):
        """rule(distinct cells) for every row: over the column's distinct cells, found once
        (pandas.factorize) before blank rows are dropped, then taken back to the rows by
        their codes (the frame's index is each row's place in the file)."""
        if s.name not in factors:
            factors[s.name] = pd.factorize(s)
        codes, distinct = factors[s.name]
        done = np.asarray(rule(pd.Series(distinct, dtype=object)))
        return pd.Series(done[codes[s.index.to_numpy()]], index=s.index)

    filled = {k: by_cell(frame[k], lambda c: c.str.strip().ne("")) for k in keys}
    blank_row = ~np.logical_or.reduce([filled[k].to_numpy(bool) for k in keys])
    frame = frame[~blank_row]
    filled = {k: s[~blank_row].astype(bool) for k, s in filled.items()}
    rows = frame["row"]
    out = pd.DataFrame({"row": rows})

    def listed(mask, key, values, reason):
        f = spec.by_key[key]
        found = pd.DataFrame(
            {
                "list": number,
                "row": rows[mask],
                "column": written[key],
                "value": None if f.private else values[mask].astype(object),
                "reason": reason[mask] if isinstance(reason, pd.Series) else reason,
            }
        )
        if f.private:
            found["reason"] += f" (the value is not shown: {f.header} is personal data)"
        problems.append(found)

    def date(c):
        text = c.str.strip()
        return pd.to_datetime(
            text.where(text.str.fullmatch(_DAY_FIRST)), format="%d/%m/%Y", errors="coerce"
        )

    def tidy(c, code):
        text = c.str.strip().str.replace(r"\s+", " ", regex=True)
        return text.str.replace(_CODE, "", regex=True) if code else text

    def count(c):
        text = c.str.strip()
        counted = pd.to_numeric(text.where(text.str.fullmatch(r"[0-9]+")), errors="coerce")
        return counted.where(counted <= 2**31 - 1)

    for key in keys:
        f = spec.by_key[key]
        raw, full = frame[key], filled[key]
        if f.kind is Kind.ID:
            out[key] = raw.str.strip().where(full, None)
            if key == "child_id" and spec.has_children:
                listed(~full, key, raw, "no child id: the row is not counted as a child")
        elif f.kind is Kind.DATE:
            parsed = by_cell(raw, date)
            shaped = by_cell(raw, lambda c: c.str.strip().str.fullmatch(_DAY_FIRST))
            bad = full & parsed.isna()
            out[key], out[f"{key}__bad"] = parsed, bad
            why = pd.Series("no such date", index=raw.index).where(
                shaped.astype(bool), "not a date (day/month/year)"
            )
            listed(bad, key, raw, why)
        elif f.kind is Kind.COUNT:
            counted = by_cell(raw, count).astype(float)
            bad = full & counted.isna()
            out[key] = counted
            listed(bad, key, raw, "not a count")
        elif f.kind is Kind.NUMBER:
            number_ = by_cell(raw, lambda c: pd.to_numeric(c, errors="coerce")).astype(float)
            bad = full & ~np.isfinite(number_)
            out[key] = number_.where(~bad)
            listed(bad, key, raw, "not a number")
        else:
            text = by_cell(raw, lambda c, code=f.kind is not Kind.TEXT: tidy(c, code))
            if f.kind is Kind.ANSWER:
                words = by_cell(raw, lambda c: tidy(c, True).str.casefold())
                yes_no = words.map({"yes": "yes", "y": "yes", "no": "no", "n": "no"})
                known = words.isin(["unknown", "not known"])
                out[key] = yes_no.fillna(text).where(text.ne(""), None)
                listed(text.ne("") & yes_no.isna() & ~known, key, raw, "not a yes/no answer")
            else:
                error = text.isin(_EXCEL_ERRORS)
                out[key] = text.where(text.ne("") & ~error, None)
                listed(error, key, raw, "an Excel error value")
    for start, end in spec.spans:
        if start in out and end in out:
            before = out[end] < out[start]
            ends = out[end].dt.strftime("%d/%m/%Y")
            why = "ends before it starts, on " + out[start].dt.strftime("%d/%m/%Y")
            listed(before, end, ends, why)
    return out


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

    def date(frame, key):
        """(dates, unreadable): NaT when blank or unreadable."""
        return frame[key], frame[f"{key}__bad"]

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
    ids = l3.child_id
    referred, bad = date(l3, "referral_date")
    out["re_referral_12m"] = tally(
        l3.allocated_team,
        in_window(referred) & ~bad & ids.notna(),
        l3.referrals_last_12_months >= 1,
        children=ids,
    )

    l4 = lists[4]
    start, start_bad = date(l4, "assessment_start_date")
    authorised, authorised_bad = date(l4, "assessment_authorised_date")
    teams = l4.allocated_team
    out["children_seen_at_assessment"] = tally(
        teams, in_window(start) & ~start_bad, l4.child_seen.eq("yes")
    )
    out["assessments_within_45_wd"] = tally(
        teams,
        in_window(authorised) & ~authorised_bad & ~start_bad,
        working_days(start, authorised) <= 45,
    )

    l5 = lists[5]
    strategy, strategy_bad = date(l5, "strategy_discussion_date")
    icpc, icpc_bad = date(l5, "icpc_date")
    teams = l5.allocated_team
    out["s47_to_icpc"] = tally(
        teams,
        in_window(strategy) & ~strategy_bad & l5.icpc_unnecessary.notna(),
        l5.icpc_unnecessary.eq("no"),
    )
    out["icpc_within_15_wd"] = tally(
        teams, in_window(icpc) & ~icpc_bad & ~strategy_bad, working_days(strategy, icpc) <= 15
    )
    out["icpc_to_cp_plan"] = tally(
        teams, in_window(icpc) & ~icpc_bad, l5.icpc_resulted_in_plan.eq("yes")
    )

    l6 = lists[6]
    start, start_bad = date(l6, "cin_start_date")
    closed, closed_bad = date(l6, "cin_closure_date")
    seen, seen_bad = date(l6, "last_seen_date")
    open_cin = (start <= a) & (closed.isna() | (closed > a)) & ~start_bad & ~closed_bad
    out["cin_seen_within_6_weeks"] = tally(
        l6.allocated_team,
        open_cin & ~seen_bad,
        (seen > a - pd.Timedelta(days=42)) & (seen <= a),
    )

    l7 = lists[7]
    start, start_bad = date(l7, "cp_plan_start_date")
    end, end_bad = date(l7, "cp_plan_end_date")
    review, review_bad = date(l7, "latest_review_date")
    teams = l7.allocated_team
    open_plan = (start <= a) & (end.isna() | (end > a)) & ~start_bad & ~end_bad
    out["cp_plans_second_or_subsequent"] = tally(
        teams, in_window(start) & ~start_bad, l7.previous_cp_plans >= 1
    )
    out["cp_seen_alone"] = tally(teams, open_plan, l7.seen_alone.eq("yes"))
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
