"""Synthetic Annex A data of any size, with the answers to the standard measures known.

The generator plants what the measures look for (a referral in the window or not, an
assessment authorised k working days after its start, a plan ending on its second
anniversary) and tallies the expected numerators and denominators, by team, as it
writes each row. It works the reading rules out on its own, with plain Python dates and
dateutil, never with the engine's code, so a test comparing the two checks one against
the other.

With messy=True it also writes what real workbooks hold: dates as Excel dates and as
text, unreadable dates, blank cohort dates, answers as "a) Yes", "Y" or "Unknown",
junk counts, rows with no child id, ends before starts, header variants, a title row
above a header, shuffled and extra columns. Every problem it plants is listed, by list,
row and column, for the reader's report to be checked against.

Names and ids are obviously synthetic: children are SYN0000001..., workers "Worker 7
(synthetic)". The same seed gives the same data.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import holidays
import openpyxl
from dateutil.relativedelta import relativedelta

from .lists import LISTS, Field, Kind, ListSpec

# Share of the rows each list gets, roughly as in a large council's return.
SHARES = {1: 28, 2: 7, 3: 15, 4: 14, 5: 6, 6: 13, 7: 6, 8: 6, 9: 3, 10: 1, 11: 1}
TEAMS = ("Locality 1", "Locality 2", "Locality 3", "Duty and Assessment", "Disabled Children")
JUNK_DATES = ("TBC", "31/02/2023", "#N/A", "2023-01-05", "n/a")
_JUNK = 0.01  # the chance that a messy cell is junk
_UNREADABLE = "unreadable"  # what a date cell holds, as the reader will see it
_CODES = {
    "gender": ("a) Male", "b) Female", "c) Not stated/recorded"),
    "ethnicity": ("a) WBRI", "k) APKN", "r) OOTH", "s) NOBT"),
}
_YES = ("Yes", "a) Yes", "y", " YES ", "Y")
_NO = ("No", "b) No", "n", "NO")


@dataclass
class Expected:
    numerator: int = 0
    denominator: int = 0
    by_team: dict[str | None, tuple[int, int]] = field(default_factory=dict)


@dataclass
class SyntheticAnnexA:
    as_at: dt.date
    sheets: dict[str, list[list[object]]]  # sheet name -> rows, header (and title) first
    expected: dict[str, Expected]
    problems: set[tuple[int, int, str]]  # (list, row, column header) of each planted problem

    def rows(self) -> Iterator[tuple[str, list[list[object]]]]:
        """(sheet name, rows) pairs, as reader.read_sheets takes them."""
        return iter(self.sheets.items())

    def write_xlsx(self, path: Path) -> Path:
        workbook = openpyxl.Workbook(write_only=True)
        for name, rows in self.sheets.items():
            sheet = workbook.create_sheet(name)
            for row in rows:
                sheet.append(row)
        workbook.save(path)
        return path

    def write_csv(self, folder: Path) -> Path:
        """One file per list, dates written day first as a council's export writes them."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in self.sheets.items():
            with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows([_csv_cell(v) for v in row] for row in rows)
        return folder


def generate(rows: int, as_at: dt.date, *, seed: int = 0, messy: bool = True) -> SyntheticAnnexA:
    generator = _Generator(as_at, random.Random(seed), messy)
    for number, n in _split(rows).items():
        generator.make_list(LISTS[number], n)
    return generator.result()


def _split(rows: int) -> dict[int, int]:
    total = sum(SHARES.values())
    counts = {n: rows * share // total for n, share in SHARES.items()}
    counts[1] += rows - sum(counts.values())
    return counts


def _csv_cell(value: object) -> object:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


class _Tally:
    """Numerator and denominator by team: of rows, or of distinct children."""

    def __init__(self, children: bool = False):
        self.children = children
        # By team: a set of children when `children`, else a Counter of rows under "n".
        self.den: dict[str | None, Any] = defaultdict(set if children else Counter)
        self.num: dict[str | None, Any] = defaultdict(set if children else Counter)

    def add(self, team: str | None, hit: bool, child: str | None = None) -> None:
        for counts in (self.den, self.num) if hit else (self.den,):
            if self.children:
                counts[team].add(child)
                counts["*"].add(child)
            else:
                counts[team]["n"] += 1
                counts["*"]["n"] += 1

    def expected(self) -> Expected:
        def size(counts, team) -> int:
            value = counts.get(team)
            return 0 if value is None else len(value) if self.children else value["n"]

        teams = {t: (size(self.num, t), size(self.den, t)) for t in self.den if t != "*"}
        return Expected(size(self.num, "*"), size(self.den, "*"), teams)


class _Generator:
    def __init__(self, as_at: dt.date, rng: random.Random, messy: bool):
        self.as_at, self.rng, self.messy = as_at, rng, messy
        self.window_start = as_at - relativedelta(months=6)
        self.sheets: dict[str, list[list[object]]] = {}
        self.problems: set[tuple[int, int, str]] = set()
        self.tallies = {
            "re_referral_12m": _Tally(children=True),
            **{
                m: _Tally()
                for m in (
                    "children_seen_at_assessment",
                    "assessments_within_45_wd",
                    "s47_to_icpc",
                    "icpc_within_15_wd",
                    "icpc_to_cp_plan",
                    "cp_plans_second_or_subsequent",
                    "cp_seen_alone",
                    "cp_reviews_in_timescale",
                    "cp_plans_lasting_2_years",
                    "cin_seen_within_6_weeks",
                )
            },
        }
        first, last = as_at - relativedelta(years=7), as_at + relativedelta(years=3)
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first.year, last.year + 1))
        span = (last - first).days
        days = (first + dt.timedelta(days=i) for i in range(span))
        self.working_days = [d for d in days if d.weekday() < 5 and d not in bank]

    def result(self) -> SyntheticAnnexA:
        expected = {m: t.expected() for m, t in self.tallies.items()}
        return SyntheticAnnexA(self.as_at, self.sheets, expected, self.problems)

    # -- dates ----------------------------------------------------------------------------

    def in_window(self, day) -> bool:
        return isinstance(day, dt.date) and self.window_start < day <= self.as_at

    def days_before(self, low: int, high: int) -> dt.date:
        """A date between `high` days before the as-at date and `low` days before it (a
        negative low reaches past it)."""
        return self.as_at - dt.timedelta(days=self.rng.randint(low, high))

    def boundary_or(self, day: dt.date, not_before: dt.date | None = None) -> dt.date:
        """Now and then a date on the window's edges instead (not before `not_before`):
        the rules are about them."""
        if self.rng.random() < 0.03:
            one = dt.timedelta(days=1)
            edge = self.rng.choice(
                (self.window_start, self.window_start + one, self.as_at, self.as_at + one)
            )
            return edge if not_before is None or edge >= not_before else day
        return day

    def add_working_days(self, start: dt.date, k: int) -> dt.date:
        """The day k working days after start (start itself when k is 0)."""
        if k == 0:
            return start
        return self.working_days[bisect.bisect_right(self.working_days, start) + k - 1]

    # -- lists ----------------------------------------------------------------------------

    def make_list(self, spec: ListSpec, n: int) -> None:
        layout = _Layout(spec, self.rng, self.messy)
        rows = [*layout.title_rows(), layout.header()]
        children = max(1, int(n * 0.8))  # about a fifth of rows are a child's second
        make = getattr(self, f"_list_{spec.number}", None)
        for _ in range(n):
            row = _Row(self, spec, layout, len(rows) + 1)
            row.set_id(f"SYN{self.rng.randrange(children) + 1:07d}")
            if make:
                make(row)
            rows.append(row.cells())
        self.sheets[spec.name] = rows

    def _list_3(self, row: _Row) -> None:
        referred = row.date("referral_date", self.boundary_or(self.days_before(-10, 540)))
        count = row.count("referrals_last_12_months", self._count(0.4))
        if self.in_window(referred) and row.child is not None:
            hit = count is not None and count >= 1
            self.tallies["re_referral_12m"].add(row.team, hit, row.child)

    def _list_4(self, row: _Row) -> None:
        rng = self.rng
        start_day = self.boundary_or(self.days_before(-10, 400))
        # Mostly within 45 working days, some later, a few never authorised or (messy)
        # authorised before they started.
        k = rng.choice((rng.randint(0, 45), rng.randint(0, 45), rng.randint(46, 80)))
        authorised_day: dt.date | None = self.boundary_or(
            self.add_working_days(start_day, k), start_day
        )
        if rng.random() < 0.15:
            authorised_day = None
        elif self.messy and rng.random() < 0.005:
            authorised_day = start_day - dt.timedelta(days=rng.randint(1, 10))
        start = row.date("assessment_start_date", start_day)
        authorised = row.date("assessment_authorised_date", authorised_day)
        row.end_before_start("assessment_authorised_date", start, authorised)
        seen = row.answer("child_seen", self._answer(0.8, 0.12))
        if start != _UNREADABLE and self.in_window(start):
            self.tallies["children_seen_at_assessment"].add(row.team, seen == "yes")
        if start != _UNREADABLE and self.in_window(authorised):
            within = start is not None and self._working_days_between(start, authorised) <= 45
            self.tallies["assessments_within_45_wd"].add(row.team, within)

    def _list_5(self, row: _Row) -> None:
        rng = self.rng
        strategy_day = self.boundary_or(self.days_before(-10, 300))
        decision = rng.choices(("no", "yes", None, "unknown"), (45, 40, 10, 5))[0]
        icpc_day, resulted = None, None
        if decision == "no":
            k = rng.choice((rng.randint(0, 15), rng.randint(0, 15), rng.randint(16, 30)))
            icpc_day = self.boundary_or(self.add_working_days(strategy_day, k), strategy_day)
            if self.messy and rng.random() < 0.005:
                icpc_day = strategy_day - dt.timedelta(days=rng.randint(1, 5))
            resulted = self._answer(0.8, 0.15)
        strategy = row.date("strategy_discussion_date", strategy_day)
        icpc = row.date("icpc_date", icpc_day)
        row.end_before_start("icpc_date", strategy, icpc)
        decided = row.answer("icpc_unnecessary", decision)
        resulted = row.answer("icpc_resulted_in_plan", resulted)
        if self.in_window(strategy) and decided is not None:
            self.tallies["s47_to_icpc"].add(row.team, decided == "no")
        if strategy != _UNREADABLE and self.in_window(icpc):
            within = strategy is not None and self._working_days_between(strategy, icpc) <= 15
            self.tallies["icpc_within_15_wd"].add(row.team, within)
        if self.in_window(icpc):
            self.tallies["icpc_to_cp_plan"].add(row.team, resulted == "yes")

    def _list_6(self, row: _Row) -> None:
        rng = self.rng
        start_day = self.boundary_or(self.days_before(-10, 1500))
        closure_day = None if rng.random() < 0.6 else start_day + dt.timedelta(rng.randint(0, 800))
        if closure_day and self.messy and rng.random() < 0.01:
            closure_day = start_day - dt.timedelta(days=rng.randint(1, 30))
        seen_day = self.days_before(-3, 120) if rng.random() < 0.9 else None
        if seen_day and rng.random() < 0.05:
            seen_day = self.rng.choice((self.as_at - dt.timedelta(days=42), self.as_at))
        start = row.date("cin_start_date", start_day)
        closure = row.date("cin_closure_date", closure_day)
        row.end_before_start("cin_closure_date", start, closure)
        seen = row.date("last_seen_date", seen_day)
        if self._open(start, closure) and seen != _UNREADABLE:
            recent = seen is not None and self.as_at - dt.timedelta(days=42) < seen <= self.as_at
            self.tallies["cin_seen_within_6_weeks"].add(row.team, recent)

    def _list_7(self, row: _Row) -> None:
        rng = self.rng
        start_day = self.boundary_or(self.days_before(-10, 1100))
        end_day = None
        if rng.random() < 0.35:
            end_day = rng.choice(
                (
                    start_day + dt.timedelta(days=rng.randint(0, 900)),
                    start_day + relativedelta(years=2),  # lasted exactly two years
                    start_day + relativedelta(years=2) - dt.timedelta(days=1),
                )
            )
            if self.messy and rng.random() < 0.01:
                end_day = start_day - dt.timedelta(days=rng.randint(1, 30))
        review_day = self.days_before(0, 240) if rng.random() < 0.85 else None
        start = row.date("cp_plan_start_date", start_day)
        end = row.date("cp_plan_end_date", end_day)
        row.end_before_start("cp_plan_end_date", start, end)
        review = row.date("latest_review_date", review_day)
        alone = row.answer("seen_alone", self._answer(0.6, 0.25))
        previous = row.count("previous_cp_plans", self._count(0.3))
        tallies = self.tallies
        if self.in_window(start):
            tallies["cp_plans_second_or_subsequent"].add(row.team, (previous or 0) >= 1)
        if self._open(start, end):
            tallies["cp_seen_alone"].add(row.team, alone == "yes")
            if review != _UNREADABLE and start <= self.as_at - relativedelta(months=3):
                tallies["cp_reviews_in_timescale"].add(row.team, self.in_window(review))
        if start != _UNREADABLE and self.in_window(end):
            lasted = start is not None and end >= start + relativedelta(years=2)
            tallies["cp_plans_lasting_2_years"].add(row.team, lasted)

    def _open(self, start, end) -> bool:
        if not isinstance(start, dt.date) or end == _UNREADABLE:
            return False
        return start <= self.as_at and (end is None or end > self.as_at)

    def _working_days_between(self, start: dt.date, end: dt.date) -> int:
        days = self.working_days
        return max(0, bisect.bisect_right(days, end) - bisect.bisect_right(days, start))

    def _count(self, share_nonzero: float) -> int | None:
        if self.rng.random() < 0.03:
            return None
        return self.rng.randint(1, 4) if self.rng.random() < share_nonzero else 0

    def _answer(self, yes: float, no: float) -> str | None:
        roll = self.rng.random()
        if roll < yes:
            return "yes"
        if roll < yes + no:
            return "no"
        return "unknown" if roll < yes + no + (1 - yes - no) / 2 else None


class _Layout:
    """The order and spelling of a list's headers; when messy, the variants real
    workbooks have."""

    def __init__(self, spec: ListSpec, rng: random.Random, messy: bool):
        self.spec, self.messy = spec, messy
        self.fields: list[Field | None] = list(spec.fields)
        self.headers = {f.key: f.header for f in spec.fields}
        self.span_start = {end: start for start, end in spec.spans}
        if not messy:
            return
        if "age" in self.headers and spec.number != 10:
            self.headers["age"] = "Age"
        if spec.number == 3:
            self.headers["referral_nfa"] = "referral nfa?"
        if spec.number == 4:
            rng.shuffle(self.fields)
            self.fields.insert(len(self.fields) // 2, None)  # a column Annex A does not have
        if spec.number == 5:
            self.headers["icpc_date"] = "DATE OF INITIAL CHILD PROTECTION CONFERENCE"
        if spec.number == 7:
            self.headers["seen_alone"] = "Was the Child Seen Alone ?"
        if spec.number == 8:
            self.headers["missing_episodes_last_12_months"] = (
                self.headers["missing_episodes_last_12_months"]
                .replace("'", "‘", 1)
                .replace("'", "’", 1)
            )

    def title_rows(self) -> list[list[object]]:
        if self.messy and self.spec.number in (6, 7):
            return [[f"Annex A {self.spec.name}: {self.spec.title} (synthetic data)"], []]
        return []

    def header(self) -> list[object]:
        return [self.headers[f.key] if f else "Notes (synthetic)" for f in self.fields]


class _Row:
    """One row being written: each setter writes the cell, now and then as junk when
    messy, and returns what the reader will make of it (a date, None for blank,
    _UNREADABLE), so the tallies follow the reading rules."""

    def __init__(self, gen: _Generator, spec: ListSpec, layout: _Layout, number: int):
        self.gen, self.rng, self.messy = gen, gen.rng, gen.messy
        self.spec, self.layout, self.number = spec, layout, number
        self.values: dict[str, object] = {}
        self.days: dict[str, dt.date] = {}  # dates written, for ends to follow their starts
        self.child: str | None = None
        self.team: str | None = None
        if "allocated_team" in spec.by_key:
            self._set_team()

    def cells(self) -> list[object]:
        for f in self.spec.fields:
            if f.key not in self.values:
                self._fill(f)
        return [self.values[f.key] if f else "synthetic note" for f in self.layout.fields]

    def problem(self, key: str) -> None:
        self.gen.problems.add((self.spec.number, self.number, self.layout.headers[key]))

    def junk(self) -> bool:
        return self.messy and self.rng.random() < _JUNK

    def set_id(self, child: str) -> None:
        key = "child_id" if self.spec.has_children else "adopter_id"
        if self.spec.has_children and self.junk():
            self.values[key] = None
            self.problem(key)
            return
        self.child = child if self.spec.has_children else None
        padded = self.messy and self.rng.random() < 0.05
        self.values[key] = f" {child} " if padded else child

    def date(self, key: str, day: dt.date | None):
        if self.junk():
            self.values[key] = self.rng.choice(JUNK_DATES)
            self.problem(key)
            return _UNREADABLE
        if day is not None and self.junk():
            day = None  # a blank where a date belongs
        if day is None:
            self.values[key] = None
            return None
        self.days[key] = day
        if not self.messy or self.rng.random() < 0.7:
            self.values[key] = dt.datetime(day.year, day.month, day.day)
        else:
            padded = self.rng.random() < 0.2
            text = f"{day.day}/{day.month}/{day.year}" if padded else day.strftime("%d/%m/%Y")
            self.values[key] = f" {text} " if padded else text
        return day

    def end_before_start(self, end_key: str, start, end) -> None:
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.problem(end_key)

    def answer(self, key: str, answer: str | None) -> str | None:
        if answer is not None and self.junk():
            self.values[key] = "Maybe"
            self.problem(key)
            return "other"
        words = {"yes": _YES, "no": _NO, "unknown": ("Unknown",)}
        if answer is None:
            self.values[key] = None
        elif not self.messy:
            self.values[key] = words[answer][0].strip()
        else:
            self.values[key] = self.rng.choice(words[answer])
        return answer

    def count(self, key: str, count: int | None) -> int | None:
        if count is not None and self.junk():
            self.values[key] = self.rng.choice(("two", "1.5", "-1"))
            self.problem(key)
            return None
        text = self.messy and count is not None and self.rng.random() < 0.3
        self.values[key] = str(count) if text else count
        return count

    def _set_team(self) -> None:
        if self.junk():
            self.values["allocated_team"] = "#N/A"
            self.problem("allocated_team")
            return
        if self.rng.random() < 0.02:
            self.values["allocated_team"] = None
            return
        self.team = self.rng.choice(TEAMS)
        spaced = self.messy and self.rng.random() < 0.05
        self.values["allocated_team"] = (
            self.team.replace(" ", "\u00a0") + " " if spaced else self.team
        )

    def _fill(self, f: Field) -> None:
        rng = self.rng
        if f.key == "date_of_birth":
            self.values[f.key] = self.gen.days_before(30, 17 * 365)
        elif f.kind is Kind.NUMBER:
            self.values[f.key] = round(rng.uniform(0, 17.9), 2)
        elif f.kind is Kind.DATE:
            start_key = self.layout.span_start.get(f.key)
            start = self.days.get(start_key) if start_key else None
            day = start + dt.timedelta(days=rng.randint(0, 400)) if start else None
            self.date(f.key, day or self.gen.days_before(-30, 900))
        elif f.kind is Kind.ID:
            self.values[f.key] = f"SYN{rng.randrange(10**7):07d}"
        elif f.kind is Kind.ANSWER:
            self.answer(f.key, self.gen._answer(0.2, 0.7))
        elif f.kind is Kind.COUNT:
            self.count(f.key, rng.randint(0, 3))
        elif f.key in _CODES:
            self.values[f.key] = rng.choice(_CODES[f.key])
        elif f.key == "allocated_worker":
            self.values[f.key] = f"Worker {rng.randint(1, 40)} (synthetic)"
        elif f.kind is Kind.CODE:
            self.values[f.key] = f"{rng.choice('abc')}) Code {rng.randint(1, 5)}"
        else:
            self.values[f.key] = f"Synthetic {f.header.lower()} {rng.randint(1, 9)}"
