"""Measures computed from Ofsted Annex A child-level data. Pure Python, no Django.

    annex = read_annex_a("annex_a.xlsx")          # or a folder of CSV files, Lists 1-11
    result = compute(annex, dt.date(2024, 3, 31))  # the eleven standard measures
    result.as_dict()                               # {"as_at", "measures", "problems"}

lists.py      the lists and their columns, as Ofsted's template names them
headers.py    finding the header row and each column, leniently
cells.py      reading a cell: dates, yes/no answers, counts, ids, codes
reader.py     workbook or CSV folder -> typed columns and problems
fastcsv.py    large CSV files split by DuckDB, read by the same rules (reader.py the oracle)
columns.py    a batch of rows read a column at a time, each distinct cell once
workdays.py   calendar months and working days (bank holidays in England)
measures.py   the standard measures, in words and in SQL
engine.py     DuckDB over the columns: standard and local measures
local.py      a council's own SQL, run sandboxed
synthetic.py  generated Annex A data with known answers
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Computation, MeasureEngine, MeasureResult, check_local_sql, compute
    from .local import MeasureQueryError
    from .measures import MEASURES_BY_ID, STANDARD_MEASURES, Measure, Period
    from .problems import Problem
    from .reader import AnnexA, AnnexAError, read_annex_a, read_sheets

# Each name is imported from its module when first used, so that the measures' list or
# headers.py can be read without loading DuckDB, numpy and openpyxl (the engine and reader).
_MODULES = {
    "Computation": "engine",
    "MeasureEngine": "engine",
    "MeasureResult": "engine",
    "check_local_sql": "engine",
    "compute": "engine",
    "MeasureQueryError": "local",
    "MEASURES_BY_ID": "measures",
    "STANDARD_MEASURES": "measures",
    "Measure": "measures",
    "Period": "measures",
    "Problem": "problems",
    "AnnexA": "reader",
    "AnnexAError": "reader",
    "read_annex_a": "reader",
    "read_sheets": "reader",
}

__all__ = [
    "MEASURES_BY_ID",
    "STANDARD_MEASURES",
    "AnnexA",
    "AnnexAError",
    "Computation",
    "Measure",
    "MeasureEngine",
    "MeasureQueryError",
    "MeasureResult",
    "Period",
    "Problem",
    "check_local_sql",
    "compute",
    "read_annex_a",
    "read_sheets",
]


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
