"""The paper's data, words and charts, without a database: JSON round trip, the covering
report's wording, and charts that carry their numbers in text."""

import dataclasses
import io
import json

from PIL import Image

from actionplan.reports import wording
from actionplan.reports.charts import charts
from actionplan.reports.data import Change, Count, Paragraph, Previous, Section, from_json, to_json
from reports.paper_support import D, paper


def facts(**changes) -> wording.Facts:
    base = wording.Facts(
        committee="Children's Scrutiny Committee",
        committee_short="Scrutiny",
        plan_title="Improvement plan",
        inspection="Inspection of services for children in need of help and protection",
        inspectorate="Ofsted",
        period=(D(2012, 12, 1), D(2013, 6, 30)),
        timescales=(),
        cover_committee="",
        cover_date=None,
        recommendations=("1.0 Record children's views",),
        as_at=D(2013, 3, 15),
        period_end=D(2013, 3, 31),
        totals=(Count("red", "Off track", 1), Count("blue", "Complete", 0)),
        total=1,
        planned_by_now=1,
        completed=0,
        red=1,
        amber=0,
        overdue=1,
        items=1,
        indicators=(),
        previous=None,
        changes=(),
        completed_since=0,
    )
    return dataclasses.replace(base, **changes)


def test_the_data_survives_a_round_trip_through_json_unchanged():
    data = paper()

    assert from_json(json.loads(json.dumps(to_json(data)))) == data
    assert to_json(data)["as_at"] == "2013-03-15"
    assert to_json(data)["items"][0]["latest"]["as_at"] == "2013-02-28"


def test_a_colour_with_two_meanings_is_labelled_with_both():
    assert paper().label("green") == "On track / Completed – awaiting sign-off"
    assert paper().label("purple") == "Purple"


def test_the_first_paper_to_a_body_has_no_changes_since_a_previous_one():
    summary = wording.sections(facts())[3]

    assert not any(p.text.startswith("Since the previous") for p in summary.paragraphs)
    assert summary.paragraphs[0].bullets == (
        "Off track (red): 1",
    )  # colours nobody has are left out
    assert "1 action is rated red and 0 amber" in summary.paragraphs[2].text


def test_a_later_paper_lists_the_changes_since_the_previous_one():
    change = Change("1.0 / 1", "Action 1", "On track", "Off track", "green", "red")
    f = facts(
        previous=Previous(7, D(2013, 2, 15), D(2013, 2, 20)), changes=(change,), completed_since=2
    )

    background, summary = wording.sections(f)[2:4]

    assert background.paragraphs[-1].text.endswith("as at 15 February 2013.")
    since = next(p for p in summary.paragraphs if p.text.startswith("Since the previous"))
    assert since.text.startswith(
        "Since the previous paper (as at 15 February 2013), 2 actions have been completed"
    )
    assert since.bullets == ("1.0 / 1: On track → Off track",)


def test_members_are_asked_about_the_indicators_only_when_there_are_some():
    without = wording.sections(facts())[1].paragraphs[0].bullets
    with_them = wording.sections(facts(indicators=("green", "red")))[1].paragraphs[0].bullets

    assert len(without) == 3 and without[-1].endswith("(section 6).")
    assert len(with_them) == 4 and "indicators (section 8)" in with_them[-1]


def test_asks_given_replace_the_standard_ones():
    asks = wording.sections(facts(), asks=("approve the revised plan.",))[1].paragraphs[0].bullets

    assert asks == ("approve the revised plan.",)


def test_both_charts_are_pngs_whose_alt_text_gives_their_numbers():
    progress, rag = charts(paper())

    for chart in (progress, rag):
        image = Image.open(io.BytesIO(chart.png))
        assert image.format == "PNG" and image.width > 800
    assert (
        "By 15 March 2013, 4 were planned to be complete and 3 had been completed" in progress.alt
    )
    assert "1.0: 1 red and 2 amber; 2.0: 3 blue" in rag.alt


def test_the_rag_chart_draws_in_the_keys_colours():
    _, rag = charts(paper())
    colours = {c for _, c in Image.open(io.BytesIO(rag.png)).convert("RGB").getcolors(1_000_000)}

    assert {(0xD4, 0x35, 0x1C), (0xF4, 0x77, 0x38), (0x1D, 0x70, 0xB8)} <= colours


def test_abbreviations_are_spelled_out_at_their_first_use_only():
    glossary = (("CYPLT", "Children and Young People's Leadership Team"), ("LSCB", "LSCB"))
    f = facts(committee="CYPLT", committee_short="CYPLT", glossary=glossary)

    purpose, asks = wording.sections(f)[:2]

    assert purpose.paragraphs[0].text.startswith(
        "This report updates members of the Children and Young People's Leadership Team "
        "(CYPLT) on progress"
    )
    assert "report to the CYPLT by" in purpose.paragraphs[0].text  # later uses stay short
    assert "the CYPLT this period" in asks.paragraphs[0].bullets[-1]
    assert "(LSCB)" not in str(wording.sections(f))  # a name that is its abbreviation
    written = wording.spell_out(
        (Section(1, "T", (Paragraph("The Local Board (LB) met; the LB agreed."),)),),
        (("LB", "Local Board"),),
    )
    assert written[0].paragraphs[0].text == "The Local Board (LB) met; the LB agreed."
