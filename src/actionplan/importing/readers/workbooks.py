"""Opening a workbook with openpyxl, read-only, without its first pass over every sheet.

A read-only workbook measures each sheet as it is opened, and when a sheet states no
dimension (openpyxl's own files and many exporters' write none) measuring it means parsing
the whole sheet before a row is read: half of the reading time, and out of reach of the
readers' time limit (a 10 MB sheet of 2.5 million cells took 40 s there). Every reader
here drops the dimension anyway (it is often wrong, and openpyxl would stop reading at it),
so sheets are opened unmeasured: what `reset_dimensions()` leaves, from the start.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO

import openpyxl
from openpyxl.reader import excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet


class _Unmeasured(ReadOnlyWorksheet):
    def _get_size(self) -> None:
        """Not measured: read to the sheet's last row, as after reset_dimensions()."""


_SWAP = threading.Lock()


def open_workbook(source: str | Path | IO[bytes]) -> openpyxl.Workbook:
    """The workbook, read-only, formulas as their last calculated values, its sheets
    unmeasured. openpyxl builds each sheet by the name `ReadOnlyWorksheet` in its reader
    module; the name is pointed at the unmeasured kind while this workbook is opened."""
    with _SWAP:
        excel.ReadOnlyWorksheet = _Unmeasured
        try:
            return openpyxl.load_workbook(source, read_only=True, data_only=True)
        finally:
            excel.ReadOnlyWorksheet = ReadOnlyWorksheet
