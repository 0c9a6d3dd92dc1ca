"""The pure parts of audits: the tool's text format, quarters and grading."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from actionplan.audits import grading
from actionplan.audits.quarters import Quarter, parse_quarter, quarter_of, quarters_between
from actionplan.audits.tools import ToolError, parse_tool, tool_text
from support.audits import TOOL

AUDITS = Path(__file__).resolve().parents[2] / "src" / "actionplan" / "audits"


@pytest.mark.parametrize("module", ["tools.py", "quarters.py", "grading.py"])
def test_a_pure_audit_module_does_not_import_django(module):
    assert not re.search(r"^\s*(import|from) django\b", (AUDITS / module).read_text(), re.M)


def test_a_tool_is_read_into_sections_questions_scales_and_guidance():
    tool = parse_tool(TOOL)
    assert [s.title for s in tool.sections] == ["The child's voice", "Planning"]
    seen = tool.question("seen-alone")
    assert seen.scale == grading.YES_PARTLY_NO
    assert seen.guidance == "The visit record says the child was seen without their parents."
    assert [k for k, _ in tool.question("views").choices] == list(grading.GRADES)


def test_a_tool_written_out_reads_back_the_same():
    tool = parse_tool(TOOL)
    assert parse_tool(tool_text(tool)) == tool


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Question a (grade): A?", "Line 1: start with a 'Section:' line"),
        ("Section: S\nQuestion a (marks): A?", "Line 2: the scale 'marks' is not one of"),
        (
            "Section: S\nQuestion a (grade): A?\nQuestion a (grade): B?",
            "Line 3: the short name 'a' is used on line 2",
        ),
        ("Section: S\nQuestion bad key! (grade): A?", "Line 2"),
        ("Section: S", "no questions"),
        ("Section: S\nGuidance: g", "Line 2: guidance must follow the question"),
        ("Section: S\nQuestion overall (grade): A?", "'overall' is the overall grade"),
    ],
)
def test_a_wrong_tool_says_which_line_and_why(text, problem):
    with pytest.raises(ToolError, match=re.escape(problem)):
        parse_tool(text)


def test_quarters_follow_the_financial_year():
    assert quarter_of(dt.date(2013, 2, 14)) == Quarter(2012, 4)
    assert Quarter(2012, 4).label == "Q4 2012/13"
    assert (Quarter(2012, 4).start, Quarter(2012, 4).end) == (
        dt.date(2013, 1, 1),
        dt.date(2013, 3, 31),
    )
    assert Quarter(2013, 1).months == "April to June 2013"
    assert parse_quarter("q3 2012/13") == Quarter(2012, 3)
    assert quarters_between(dt.date(2012, 12, 1), dt.date(2013, 4, 2)) == [
        Quarter(2012, 3),
        Quarter(2012, 4),
        Quarter(2013, 1),
    ]
    with pytest.raises(ValueError, match="Q4 2012/13"):
        parse_quarter("Q4 2012/14")


def test_grading_counts_leave_out_not_applicable():
    assert grading.share(["yes", "no", "n/a", "", "partly", "yes"], {"yes"}) == (2, 4)
    assert grading.distribution(["good", "good", "inadequate", None]) == {
        "outstanding": 0,
        "good": 2,
        "requires_improvement": 0,
        "inadequate": 1,
    }
    assert grading.effective({"a": "good", "overall": "good"}, {"overall": "inadequate"}) == {
        "a": "good",
        "overall": "inadequate",
    }
