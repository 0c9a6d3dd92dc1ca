"""One long date: '5 March 2013', never zero-padded, written by core.wording.long_date in
Python and by the `long_date` filter (core's template tags) in templates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template

import actionplan
from actionplan.core.wording import long_date

SRC = Path(actionplan.__file__).parent

# Other ways of writing a day, a month's name and a year: strftime or an f-string's format
# ("%d %B %Y", zero-padded; "%-d %B %Y"), "{d.day} {d:%B %Y}", and Django's date filter.
COPIES = [
    re.compile(r"""(?::|strftime\(["'])%-?[de] %B %Y"""),
    re.compile(r"\.day\} \{[^{}]*:%B %Y\}"),
    re.compile(r"""\|date:["'][dj] F Y["']"""),
]


def _copies(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for n, line in enumerate(text.splitlines(), 1)
        if any(p.search(line) for p in COPIES)
    ]


def test_no_other_long_date_format_in_src():
    files = [
        p
        for p in SRC.rglob("*")
        if p.suffix in (".py", ".html", ".txt")
        and "migrations" not in p.parts
        and p != SRC / "core" / "wording.py"  # the one definition
    ]
    found = [hit for p in files for hit in _copies(p)]
    assert found == [], "write long dates with core.wording.long_date or |long_date:\n" + "\n".join(
        found
    )


def test_the_check_finds_the_copies_it_names(tmp_path):
    """The patterns match what they are meant to, so the test above can fail."""
    for line in (
        'f"{d:%d %B %Y}"',
        'f"{d:%-d %B %Y}"',
        'd.strftime("%d %B %Y")',
        'f"{d.day} {d:%B %Y}"',
        '{{ d|date:"j F Y" }}',
        "{{ d|date:'d F Y' }}",
    ):
        assert any(p.search(line) for p in COPIES), line
    for line in ('f"{d:%B %Y}"', '{{ d|date:"j F Y, H:i" }}', '("%d/%m/%Y", "%d %B %Y")'):
        assert not any(p.search(line) for p in COPIES), line


def test_long_date_is_never_zero_padded():
    assert long_date(dt.date(2013, 3, 5)) == "5 March 2013"
    assert long_date(None) == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(2013, 3, 5), "5 March 2013"),
        # 23:30 UTC on 31 May is 00:30 on 1 June in London: the local day, as |date shows it.
        (dt.datetime(2013, 5, 31, 23, 30, tzinfo=dt.UTC), "1 June 2013"),
        (None, ""),
        ("", ""),
    ],
)
def test_long_date_filter(value, shown):
    template = Template("{% load core %}{{ value|long_date }}")
    assert template.render(Context({"value": value})) == shown
