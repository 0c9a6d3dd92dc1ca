"""Asking when unsure: each column's meaning with its confidence and reason, layouts that
override the guesses, and the first rows when no header is found."""

from __future__ import annotations

import pytest

from actionplan.importing.columns import Role, map_columns
from actionplan.importing.errors import PlanReadError
from actionplan.importing.explain import explain
from actionplan.importing.layout import Layout, LayoutError, meaning, signature
from actionplan.importing.pipeline import interpret
from actionplan.importing.readers.rows import Document, Row

TRACKER = [
    ("Audit recommendations tracker", "", "", "", ""),
    ("AR No.", "Finding", "Management Response", "Responsibility", "Agreed date"),
    ("297", "Agreements should be signed", "Agreed. A checklist", "Head of Finance", "30/06/2023"),
    ("298", "Reviews should be annual", "Agreed. A schedule", "Team Manager", "30/09/2023"),
]


def document(rows, fmt="csv") -> Document:
    return Document(
        file="tracker.csv",
        format=fmt,
        rows=[Row(tuple(r), where=f"row {n}") for n, r in enumerate(rows, start=1)],
    )


def test_each_column_says_its_meaning_how_sure_and_which_words_decided():
    columns = map_columns(["Ref", "Lead Officer / Agency", "Lead", "Q1", "Q2", "Whatever"])
    by_header = {g.header: g for g in columns.guesses}
    assert (by_header["Lead"].role, by_header["Lead"].confidence) == (Role.LEADS, 0.9)
    assert "'lead' reads as leads" in by_header["Lead"].reason
    # Its first reading went to the surer "Lead" column, so it took its second.
    officer = by_header["Lead Officer / Agency"]
    assert (officer.role, officer.confidence) == (Role.PARTNERS, 0.5)
    assert "first reading went to 'Lead'" in officer.reason
    assert columns.periods == (3, 4)
    assert (by_header["Whatever"].role, by_header["Whatever"].confidence) == (None, 0.0)
    assert by_header["Whatever"].reason == "no rule reads these words"


def test_a_layout_meaning_always_wins():
    columns = map_columns(["Ref", "Action", "Responsibility"], forced={2: Role.PARTNERS})
    guess = columns.guesses[2]
    assert (guess.role, guess.confidence, guess.reason) == (
        Role.PARTNERS,
        1.0,
        "set by the layout",
    )
    assert Role.LEADS not in columns.roles


def test_a_tracker_of_recommendations_with_responses_reads_unaided():
    doc = interpret(document(TRACKER))
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("297", "Agreements should be signed"),
        ("298", "Reviews should be annual"),
    ]
    (action,) = doc.recommendations[0].actions
    assert action.text == "Agreed. A checklist"
    assert action.ref_inferred  # the number is the recommendation's, the response has none
    assert [p.name for p in action.leads] == ["Head of Finance"]
    assert doc.plan.title == "Audit recommendations tracker"


def test_layout_columns_change_the_meaning_and_the_result():
    layout = Layout.from_options(["Responsibility=partners"])
    (action,) = interpret(document(TRACKER), layout).recommendations[0].actions
    assert (action.leads, [p.name for p in action.partners]) == ([], ["Head of Finance"])


def test_a_forced_header_row_is_the_only_header():
    rows = [("Ref", "Action", "Lead", "Due"), *TRACKER[1:]]
    layout = Layout(header_row=2, columns={"Finding": Role.ACTION})
    doc = interpret(document(rows), layout)
    assert [a.text for r in doc.recommendations for a in r.actions] == [
        "Agreements should be signed",
        "Reviews should be annual",
    ]


def test_no_header_shows_the_first_rows_and_says_to_name_one():
    rows = [("Minutes", "", ""), ("Item 1", "Noted", ""), ("Item 2", "Agreed", "")]
    with pytest.raises(PlanReadError) as caught:
        interpret(document(rows))
    problem = caught.value.problem
    assert problem.startswith("no table header found")
    assert "row 2: Item 1 | Noted" in problem
    assert "--header-row N" in problem


def test_explain_names_the_header_row_and_each_column_and_builds_the_layout_used():
    explained = explain(document(TRACKER))
    assert explained.header_where == "row 2"
    text = explained.text()
    assert "Header row: row 2" in text
    assert "'Management Response'" in text and "response" in text
    assert explained.layout.header_row == 2
    assert explained.layout.signature == signature(TRACKER[1])
    assert explained.layout.columns["Responsibility"] == Role.LEADS


def test_a_saved_layout_finds_its_header_after_the_rows_above_it_move():
    saved = Layout.from_json(explain(document(TRACKER)).layout.to_json())
    moved = [("New title row", "", "", "", ""), *TRACKER]  # the header is now row 3
    doc = interpret(document(moved), saved)
    assert [r.number for r in doc.recommendations] == ["297", "298"]


def test_a_layout_round_trips_through_json():
    layout = Layout(
        columns={"Lead Officer": Role.LEADS, "KPI": Role.INDICATORS},
        header_row=4,
        sheet="Tracker",
        signature="ref|action|lead officer|kpi",
    )
    assert Layout.from_json(layout.to_json()) == layout


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("lead", Role.LEADS),
        ("KPI", Role.INDICATORS),
        ("success criteria", Role.SUCCESS_CRITERIA),
        ("ignore", Role.IGNORE),
        ("recommendation_ref", Role.RECOMMENDATION_REF),
    ],
)
def test_meanings_are_read_as_people_write_them(word, role):
    assert meaning(word) == role


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ('{"columns": {"Lead": "boss"}}', "'boss' is not a column meaning; use one of:"),
        ('{"header_row": "four"}', "header_row must be a row number"),
        ('{"rows": 4}', "unknown keys: rows"),
        ("[1, 2]", "must be a JSON object"),
        ("{", "is not JSON"),
    ],
)
def test_a_bad_layout_is_refused_with_what_is_wrong(bad, says):
    with pytest.raises(LayoutError, match=says.replace("(", r"\(")):
        Layout.from_json(bad, "layout.json")


def test_a_column_option_needs_a_header_and_a_meaning():
    with pytest.raises(LayoutError, match="write it as 'Header=meaning'"):
        Layout.from_options(["Responsibility"])
