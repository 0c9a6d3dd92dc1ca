"""How one cell is read: the reading rules, cell by cell."""

import datetime as dt

import pytest

from actionplan.indicators.annexa.cells import (
    BLANK,
    UNREADABLE,
    day_number,
    read_answer,
    read_code,
    read_count,
    read_date,
    read_id,
    read_text,
)


@pytest.mark.parametrize(
    "cell",
    [
        dt.datetime(2024, 3, 5),
        dt.datetime(2024, 3, 5, 17, 30),  # a time of day is dropped
        dt.date(2024, 3, 5),
        "05/03/2024",
        "5/3/2024",
        " 5/03/2024 ",
    ],
)
def test_a_date_is_an_excel_date_or_day_first_text(cell):
    assert read_date(cell) == (day_number(dt.date(2024, 3, 5)), None)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("TBC", "not a date (day/month/year)"),
        ("#N/A", "not a date (day/month/year)"),
        ("2024-03-05", "not a date (day/month/year)"),  # not day first
        ("5/3/24", "not a date (day/month/year)"),  # a two-digit year
        ("31/02/2023", "no such date"),
        ("05/13/2024", "no such date"),  # month first
        (45356, "not a date"),  # a number, not an Excel date cell
        (True, "not a date"),
    ],
)
def test_anything_else_in_a_date_column_is_unreadable(cell, reason):
    assert read_date(cell) == (UNREADABLE, reason)


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_a_blank_date_is_blank_not_unreadable(cell):
    assert read_date(cell) == (BLANK, None)


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        ("Yes", "yes"),
        (" yes ", "yes"),
        ("YES", "yes"),
        ("y", "yes"),
        ("a) Yes", "yes"),
        ("No", "no"),
        ("b) No", "no"),
        ("N", "no"),
        ("Unknown", "Unknown"),
        ("c) Unknown", "Unknown"),
        (None, None),
        ("  ", None),
    ],
)
def test_yes_and_no_are_read_whatever_their_case_spacing_or_code(cell, answer):
    assert read_answer(cell) == (answer, None)


def test_an_answer_that_is_neither_yes_no_nor_unknown_is_kept_and_reported():
    assert read_answer("maybe") == ("maybe", "not a yes/no answer")
    assert read_answer("#N/A") == ("#N/A", "not a yes/no answer")  # not blank: a decision


@pytest.mark.parametrize(("cell", "count"), [(0, 0), (3, 3), (2.0, 2), ("2", 2), (" 12 ", 12)])
def test_a_count_is_a_number_or_text_of_digits(cell, count):
    assert read_count(cell) == (count, None)


@pytest.mark.parametrize("cell", ["two", "1.5", "-1", 1.5, -1, True, "1e3"])
def test_anything_else_in_a_count_column_is_junk(cell):
    assert read_count(cell) == (BLANK, "not a count")


def test_a_blank_count_is_blank():
    assert read_count(None) == (BLANK, None)
    assert read_count(" ") == (BLANK, None)


@pytest.mark.parametrize("cell", [123, 123.0, "123", " 123", "123\u00a0"])
def test_child_ids_compare_as_trimmed_text(cell):
    assert read_id(cell) == "123"


@pytest.mark.parametrize("cell", [None, "", "  "])
def test_a_blank_id_is_no_id(cell):
    assert read_id(cell) is None


def test_codes_lose_their_letter_prefix():
    assert read_code("a) Male") == ("Male", None)
    assert read_code("q) 6: Police") == ("6: Police", None)
    assert read_code("Female") == ("Female", None)


def test_text_is_tidied_and_excel_errors_are_reported_as_blank():
    assert read_text("Locality\u00a04  Unit 1 ") == ("Locality 4 Unit 1", None)
    assert read_text("#N/A") == (None, "an Excel error value")
    assert read_text(None) == (None, None)
