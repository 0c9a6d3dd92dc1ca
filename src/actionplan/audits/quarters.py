"""Financial quarters, as councils plan audits by them (pure Python: no Django).

The financial year runs April to March: Q1 2013/14 is April to June 2013, Q4 2012/13 is
January to March 2013.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_LABEL = re.compile(r"\s*Q([1-4])\s+(\d{4})/(\d{2})\s*", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int  # the year the financial year starts in: 2012 for 2012/13
    number: int  # 1 (April-June) to 4 (January-March)

    @property
    def start(self) -> dt.date:
        month = 4 + 3 * (self.number - 1)
        return dt.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}/{(self.year + 1) % 100:02d}"

    @property
    def months(self) -> str:
        """'January to March 2013', 'October to December 2012'."""
        return f"{self.start:%B} to {self.end:%B %Y}"

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def __str__(self) -> str:
        return self.label


def quarter_of(day: dt.date) -> Quarter:
    """The financial quarter `day` falls in."""
    year = day.year if day.month >= 4 else day.year - 1
    return Quarter(year, (day.month - 4) % 12 // 3 + 1)


def parse_quarter(text: str) -> Quarter:
    """'Q4 2012/13' -> Quarter(2012, 4); ValueError for anything else."""
    m = _LABEL.fullmatch(text)
    if not m or (int(m.group(2)) + 1) % 100 != int(m.group(3)):
        raise ValueError(f"{text!r} is not a financial quarter such as Q4 2012/13")
    return Quarter(int(m.group(2)), int(m.group(1)))


def quarters_between(first: dt.date, last: dt.date) -> list[Quarter]:
    """The quarters from the one `first` falls in to the one `last` falls in."""
    quarter, end = quarter_of(first), quarter_of(last)
    found = []
    while quarter <= end:
        found.append(quarter)
        quarter = quarter.next()
    return found
