"""The real North Yorkshire plan (../shared/seeds), read fact by fact."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.importing.pipeline import parse_file
from support.seed import SEED

pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason="../shared/seeds is not beside the checkout"
)


@pytest.fixture(scope="module")
def plan():
    return parse_file(SEED)


def rec(plan, number):
    return next(r for r in plan.recommendations if r.number == number)


def action(plan, number, ref):
    return next(a for a in rec(plan, number).actions if a.ref == ref)


def names(parties):
    return [p.name for p in parties]


def bodies(action):
    return [r.body for r in action.reporting]


def warnings_about(plan, text):
    return [w for w in plan.warnings if text in w.message or text in w.text]


# -- the plan -------------------------------------------------------------------------


def test_it_reads_the_plan_header(plan):
    assert plan.plan.title == "Post Inspection Action Plan"
    assert plan.plan.organisation == "North Yorkshire County Council"
    assert plan.plan.lead_body == "NYCC - CYPS"
    assert plan.plan.inspectorate == "Ofsted"
    assert (
        plan.plan.inspection
        == "Inspection of local authority arrangements for the protection of children"
    )
    assert plan.plan.period.start == dt.date(2012, 12, 1)
    assert plan.plan.period.end == dt.date(2013, 6, 30)


def test_it_reads_the_timescales_as_data(plan):
    assert [(t.key, t.label, t.due) for t in plan.plan.timescales] == [
        ("immediate", "Immediate", dt.date(2012, 12, 31)),
        ("short", "Short term", dt.date(2013, 3, 31)),
        ("medium", "Medium term", dt.date(2013, 6, 30)),
    ]


def test_it_reads_the_covering_report(plan):
    cover = plan.plan.cover
    assert cover.committee == "Young Peoples Overview & Scrutiny Committee"
    assert cover.date == dt.date(2013, 1, 25)
    assert (cover.author, cover.author_role) == (
        "Stephanie Bratcher",
        "Corporate Development Officer",
    )
    assert len(cover.recommendations) == 10
    # The fifth item runs over a line break in the report; it is one item.
    assert cover.recommendations[4].endswith("drive on-going improvements.")


def test_it_finds_ten_recommendations_with_their_timescales(plan):
    assert [(r.number, r.timescale) for r in plan.recommendations] == [
        ("1", "immediate"),
        ("2", "short"),
        ("3", "short"),
        ("4", "short"),
        ("5", "short"),
        ("6", "medium"),
        ("7", "medium"),
        ("8", "medium"),
        ("9", "medium"),
        ("10", "medium"),
    ]


def test_page_break_repeats_are_not_new_recommendations(plan):
    assert len(rec(plan, "1").actions) == 9
    assert len(rec(plan, "4").actions) == 12
    assert len(rec(plan, "7").actions) == 9
    assert len(rec(plan, "9").actions) == 10


def test_every_action_of_the_document_is_read(plan):
    counts = {r.number: len(r.actions) for r in plan.recommendations}
    assert counts == {
        "1": 9,
        "2": 4,
        "3": 2,
        "4": 12,
        "5": 3,
        "6": 3,
        "7": 9,
        "8": 9,
        "9": 10,
        "10": 11,
    }


# -- recommendation 1 -----------------------------------------------------------------


def test_recommendation_1_is_owned_by_judith_hay(plan):
    r1 = rec(plan, "1")
    assert r1.title.startswith("Ensure that from now on children's views are explicitly detailed")
    assert names(r1.overall_responsibility) == ["Judith Hay"]


def test_recommendation_1_numbers_its_unnumbered_first_action_and_says_so(plan):
    first = rec(plan, "1").actions[0]
    assert first.ref == "1" and first.ref_inferred
    assert first.text.startswith("CSC SMT to determine practice model")
    assert warnings_about(plan, "numbered 1 from its place")


def test_recommendation_1_keeps_groups_as_groups(plan):
    first = rec(plan, "1").actions[0]
    assert [(p.name, p.kind) for p in first.leads] == [
        ("CSC SMT", "group"),
        ("DCS Managers", "group"),
    ]


def test_recommendation_1_resolves_fragments_of_names_in_the_text(plan):
    first = rec(plan, "1").actions[0]
    assert names(first.mentions) == ["Alan Tucker", "Alan Critchlow", "Nick O'Brien"]
    assert warnings_about(plan, "'David W'")


def test_recommendation_1_action_4a_is_a_sub_action_of_4(plan):
    a = action(plan, "1", "4a")
    assert a.parent_ref == "4"
    assert names(a.leads) == ["Judith Hay"]
    assert [(m.due, m.precision) for m in a.milestones] == [(dt.date(2013, 5, 31), "month")]


def test_recommendation_1_action_4a_reports_before_the_plan_starts_and_is_warned(plan):
    a = action(plan, "1", "4a")
    assert [(r.body, r.due) for r in a.reporting] == [("SMT", dt.date(2012, 7, 31))]
    found = [w for w in plan.warnings if w.recommendation == "1" and w.action == "4a"]
    assert any(
        "before the plan starts" in w.message and w.text == "Report to SMT July2012" for w in found
    )


def test_recommendation_1_splits_a_reporting_line_into_its_bodies(plan):
    a = action(plan, "1", "5")
    assert bodies(a) == ["CYPLT", "Executive Members", "LSCB"]
    assert {r.due for r in a.reporting} == {dt.date(2013, 6, 30)}
    assert action(plan, "1", "4").reporting[0].body == "DCS"
    assert bodies(action(plan, "1", "4")) == ["DCS", "CYPLT"]


def test_recommendation_1_reads_bi_annual_as_six_monthly(plan):
    a = action(plan, "1", "8")
    assert a.reporting[0].frequency == "six-monthly"
    assert a.reporting[0].body == "SMT"


# -- recommendation 3 -------------------------------------------------------------------


def test_recommendation_3_has_two_actions_and_an_owner(plan):
    r3 = rec(plan, "3")
    assert [a.ref for a in r3.actions] == ["1", "2"]
    assert names(r3.overall_responsibility) == ["Judith Hay"]
    assert names(r3.actions[0].leads) == ["Sue Barker"]
    assert names(r3.actions[1].leads) == ["Julie Firth"]


def test_recommendation_3_joins_the_row_that_spills_over(plan):
    a = action(plan, "3", "2")
    assert [(m.text, m.due) for m in a.milestones] == [
        ("Training needs agreed by February 2013.", dt.date(2013, 2, 28)),
        ("Any training for managers done by end February 2013", dt.date(2013, 2, 28)),
    ]
    assert [(r.body, r.due) for r in a.reporting] == [("DCS", dt.date(2013, 3, 31)), ("LSCB", None)]
    assert [(p.name, p.kind) for p in a.partners] == [
        ("Workforce Development", "group"),
        ("LSCB", "group"),
    ]


def test_recommendation_3_reads_who_hears_not_who_advises(plan):
    # "AD to advise DCS re progress": the report goes to the DCS.
    assert bodies(action(plan, "3", "1")) == ["DCS"]


# -- recommendation 4 ---------------------------------------------------------------------


def test_recommendation_4_keeps_its_two_parts_apart(plan):
    refs = [a.ref for a in rec(plan, "4").actions]
    assert refs == [
        "A.1",
        "A.1a",
        "A.2",
        "A.3",
        "A.4",
        "B.1",
        "B.2(a)",
        "B.2(b)",
        "B.3",
        "B.4",
        "B.5",
        "B.6",
    ]
    assert {a.part for a in rec(plan, "4").actions} == {"A", "B"}
    assert action(plan, "4", "A.1a").parent_ref == "A.1"
    assert action(plan, "4", "A.2").ref_inferred


def test_recommendation_4_keeps_roles_as_roles(plan):
    a = action(plan, "4", "A.1a")
    assert [(p.name, p.kind) for p in a.leads] == [("Head of Safeguarding", "role")]


def test_recommendation_4_resolves_initials_and_names_run_together(plan):
    b1 = action(plan, "4", "B.1")
    assert [(p.name, p.kind) for p in b1.leads] == [
        ("Head of Service", "role"),
        ("Julie Firth", "person"),
        ("Alan Critchlow", "person"),
        ("Louise Dunn", "person"),
        ("Marc Mason", "person"),
        ("Carolyn Bird", "person"),
    ]
    assert names(action(plan, "4", "B.2(a)").leads) == [
        "Carolyn Bird",
        "Judith Hay",
        "Working Group",
    ]
    assert names(action(plan, "4", "B.3").leads) == ["Judith Hay", "Carolyn Bird"]


def test_recommendation_4_resolves_as_for_and_as_above_references(plan):
    assert names(action(plan, "4", "B.4").partners) == names(action(plan, "4", "B.2(a)").partners)
    # "As (4) above": the leads of action 4 of the same part.
    assert names(action(plan, "4", "B.5").leads) == ["Head of Service", "Julie Firth"]


def test_recommendation_4_reads_ranges_terms_and_part_months(plan):
    b4 = action(plan, "4", "B.4")
    assert [(m.due, m.precision) for m in b4.milestones] == [(dt.date(2013, 9, 30), "range")]
    assert [(r.body, r.due, r.precision) for r in b4.reporting] == [
        ("Children's Trust Board", dt.date(2013, 12, 31), "term"),
        ("LSCB", dt.date(2013, 12, 31), "term"),
    ]
    b2b = action(plan, "4", "B.2(b)")
    assert b2b.milestones[0].precision == "part-month"
    assert b2b.milestones[0].due.month == 4
    assert warnings_about(plan, "the cell repeats itself")


def test_recommendation_4_reports_to_the_trust_and_the_board_by_their_real_names(plan):
    assert bodies(action(plan, "4", "B.6")) == ["DCS", "CYPLT", "Children's Trust Board", "LSCB"]


# -- recommendation 10 --------------------------------------------------------------------


def test_recommendation_10_is_found_from_the_covering_report(plan):
    r10 = rec(plan, "10")
    assert r10.title == (
        "Ensure that elected members routinely scrutinise the effectiveness of child protection "
        "and preventative work."
    )
    assert r10.timescale == "medium"
    assert any(w.recommendation == "10" and "no heading" in w.message for w in plan.warnings)


def test_recommendation_10_takes_its_owners_from_its_overview_row(plan):
    r10 = rec(plan, "10")
    assert names(r10.overall_responsibility) == [
        "Director of Children's Services",
        "Carolyn Bird",
        "David F O'Brien",
        "Marion Sadler",
        "Stephanie Bratcher",
    ]
    assert r10.overview[0].startswith("The recommendation applies to all Elected Members")


def test_recommendation_10_has_two_phases_and_bullets_under_phase_2(plan):
    r10 = rec(plan, "10")
    assert [a.ref for a in r10.actions] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "5(a)",
        "5(b)",
        "5(c)",
        "5(d)",
        "5(e)",
        "5(f)",
    ]
    assert [a.phase for a in r10.actions] == ["1"] * 4 + ["2"] * 7
    assert {a.parent_ref for a in r10.actions[5:]} == {"5"}


def test_recommendation_10_cross_references_the_others(plan):
    r10 = rec(plan, "10")
    assert [c.recommendation for c in r10.cross_references] == ["1", "4", "6", "7", "8", "9"]
    assert [c.recommendation for c in action(plan, "10", "5(a)").cross_references] == ["1"]


def test_recommendation_10_flags_the_reference_to_6_where_5_is_meant(plan):
    found = [
        w
        for w in plan.warnings
        if w.recommendation == "10" and w.action == "5(c)" and "Recommendation" in w.message
    ]
    assert len(found) == 1
    assert "Recommendation 6" in found[0].message and "Recommendation 5" in found[0].message


def test_recommendation_10_reads_a_frequency_without_a_date(plan):
    a = action(plan, "10", "2")
    assert [(r.body, r.frequency, r.due) for r in a.reporting] == [("DCS", "monthly", None)]
    first = action(plan, "10", "1")
    assert [(r.body, r.due, r.frequency) for r in first.reporting] == [
        ("Executive Members", dt.date(2012, 12, 31), None),
        ("OSC", dt.date(2012, 12, 31), None),
        ("DCS", None, "quarterly"),
    ]


# -- the rest of the document -------------------------------------------------------------------


def test_several_dated_milestones_in_one_cell_are_split(plan):
    a = action(plan, "8", "1")
    assert [(m.text, m.due) for m in a.milestones] == [
        (
            "Agreement reached to participate in ADCS regional evaluation of CAF impact: December 2012",
            dt.date(2012, 12, 31),
        ),
        ("Commence evaluation project: January 2013", dt.date(2013, 1, 31)),
    ]
    assert [(m.due, m.precision) for m in action(plan, "8", "4").milestones] == [
        (dt.date(2012, 12, 31), "month"),
        (dt.date(2013, 6, 30), "quarter"),
    ]


def test_the_cylpt_typo_is_read_as_cyplt_and_reported(plan):
    assert bodies(action(plan, "8", "8")) == ["CYPLT", "Children's Trust Board"]
    cyplt = next(b for b in plan.bodies if b.abbreviation == "CYPLT")
    assert "CYLPT" in cyplt.aliases
    assert warnings_about(plan, "'CYLPT' is read as CYPLT")


def test_lscb_and_nyscb_are_one_board(plan):
    boards = [b for b in plan.bodies if "Safeguarding" in b.name]
    assert len(boards) == 1
    assert boards[0].abbreviation == "LSCB"
    assert boards[0].name == "North Yorkshire Safeguarding Children Board"
    assert "NYSCB" in boards[0].aliases


def test_csc_smt_and_smt_are_one_team(plan):
    smt = next(b for b in plan.bodies if b.abbreviation == "SMT")
    assert "CSC SMT" in smt.aliases
    assert bodies(action(plan, "8", "5")) == ["ISMT", "PCLT", "SMT"]


def test_people_are_listed_once_with_their_aliases_and_roles(plan):
    people = {p.name: p for p in plan.people}
    assert "David F O'Brien" in people and "David O'Brien" in people["David F O'Brien"].aliases
    assert "Nick O'Brien" in people
    assert "JH" in people["Judith Hay"].aliases
    assert "CAB" in people["Carolyn Bird"].aliases
    assert "Alan T" in people["Alan Tucker"].aliases
    assert people["Dallas Frank"].role == "NYSCB Manager"
    assert people["Iain Spittle"].organisation == "Police"
    # "Heads of Service as at * above" names the starred people as heads of service.
    assert people["Karl Podmore"].role == "Head of Service"


def test_heads_of_service_as_at_star_above_resolves_to_the_starred_people(plan):
    starred = ["Julie Firth", "Marc Mason", "Louise Dunn", "Alan Critchlow", "Karl Podmore"]
    assert names(action(plan, "7", "2").leads) == starred
    assert names(action(plan, "7", "2(c)").leads) == starred
    assert names(action(plan, "7", "3(a)").leads) == [*starred, "Penny Yeadon", "WFD"]


def test_unresolvable_initials_are_warned_not_guessed(plan):
    cw = [w for w in plan.warnings if "'CW'" in w.message]
    assert {(w.recommendation, w.action) for w in cw} == {("5", "3"), ("10", "1")}


def test_the_mangled_lead_body_is_reported(plan):
    assert any("NYCC - CYFPS" in w.message and w.recommendation == "8" for w in plan.warnings)


def test_actions_without_a_lead_are_reported(plan):
    missing = {
        (w.recommendation, w.action)
        for w in plan.warnings
        if w.message == "the action has no lead officer"
    }
    assert ("9", "10") in missing and ("4", "A.1") in missing


def test_actions_with_no_date_are_reported(plan):
    undated = {
        w.action for w in plan.warnings if w.recommendation == "10" and "no date" in w.message
    }
    assert undated == {"2", "5(a)", "5(b)", "5(c)", "5(d)", "5(e)", "5(f)"}
    assert "the action has no lead officer" in action(plan, "10", "2").warnings


def test_every_warning_names_where_it_is(plan):
    assert plan.warnings
    for w in plan.warnings:
        assert w.where and w.message


def test_the_json_is_valid_interchange(plan):
    from actionplan.interchange import PlanDocument

    again = PlanDocument.from_json(plan.to_json())
    assert again == plan
