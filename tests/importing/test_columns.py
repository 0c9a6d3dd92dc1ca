import pytest

from actionplan.importing.columns import ColumnMap, Role, find_header, header_role, map_columns
from actionplan.importing.readers import Row, read_document
from support.seed import SEED


def roles_of(columns: ColumnMap) -> list[Role | None]:
    by_index = {i: role for role, i in columns.roles.items()}
    return [by_index.get(i) for i in range(len(columns.headers))]


def test_the_role_values_are_lowercase_names():
    assert Role.RECOMMENDATION_REF == "recommendation_ref"
    assert [r.value for r in Role][:4] == ["ref", "recommendation", "recommendation_ref", "action"]


def test_it_maps_the_reference_plans_columns():
    header = [
        "Key Actions Summary (with end date)",
        "Resources",
        "Lead Officer",
        "Key Partners",
        "Milestones",
        "Reporting Process",
        "",
        "",
    ]
    columns = map_columns(header)
    assert roles_of(columns) == [
        Role.ACTION,
        Role.RESOURCES,
        Role.LEADS,
        Role.PARTNERS,
        Role.MILESTONES,
        Role.REPORTING,
        None,
        None,
    ]
    assert columns.headers == tuple(header)
    assert columns.unmapped == ()


def test_it_reads_action_as_the_reference_when_activity_holds_the_action():
    header = ["Action", "Activity", "Owner", "Due Date (mm/yy)", "Progress & Review"]
    sample = [["1.1", "Draft standards", "AT", "12/12", ""], ["2a", "Brief staff", "NO", "01/13"]]
    assert roles_of(map_columns(header, sample)) == [
        Role.REF,
        Role.ACTION,
        Role.LEADS,
        Role.DUE,
        Role.PROGRESS,
    ]
    assert roles_of(map_columns(header))[:2] == [Role.REF, Role.ACTION]


def test_it_keeps_action_as_the_action_when_its_values_are_not_references():
    header = ["Action", "Activity", "Owner"]
    sample = [["Ensure compliance with recording standards", "Audit case files", "JH"]]
    columns = map_columns(header, sample)
    assert roles_of(columns) == [Role.ACTION, None, Role.LEADS]
    assert columns.unmapped == (1,)


def test_it_maps_an_ofsted_area_for_improvement_layout():
    header = [
        "No.",
        "Ofsted Para No",
        "Ofsted Area for Improvement",
        "Lead",
        "Action",
        "By When",
        "Progress",
        "R/A/G",
        "Monitoring and Evaluation",
    ]
    assert roles_of(map_columns(header)) == [
        Role.REF,
        Role.RECOMMENDATION_REF,
        Role.RECOMMENDATION,
        Role.LEADS,
        Role.ACTION,
        Role.DUE,
        Role.PROGRESS,
        Role.RAG,
        Role.REPORTING,
    ]


def test_it_maps_an_area_requiring_improvement_layout():
    header = [
        "Ref No",
        "Area requiring improvement",
        "Action Required",
        "Planned Completion Date",
        "Lead Officer / Agency",
        "Progress against agreed action and impact monitoring",
    ]
    assert roles_of(map_columns(header)) == [
        Role.REF,
        Role.RECOMMENDATION,
        Role.ACTION,
        Role.DUE,
        Role.LEADS,
        Role.PROGRESS,
    ]


NOS = ["NOS", "What?", "Who?", "How?", "When?", "Success measures", "Current Status", "Outcome"]


def test_it_maps_a_what_who_how_when_layout():
    sample = [["1", "Train managers", "HOS", "WFD", "March 2013", "All trained", "On track", ""]]
    assert roles_of(map_columns(NOS, sample)) == [
        Role.REF,
        Role.ACTION,
        Role.LEADS,
        Role.RESOURCES,
        Role.DUE,
        Role.INDICATORS,  # "Outcome" is surer of success criteria, so the measures are KPIs
        Role.STATUS,
        Role.SUCCESS_CRITERIA,
    ]


def test_it_reads_a_status_column_holding_rag_colours_as_rag():
    sample = [
        ["1", "Train managers", "HOS", "", "", "", "Green", ""],
        ["2", "Audit", "JF", "", "", "", "Amber/Green", ""],
        ["3", "Report", "AT", "", "", "", "R", ""],
    ]
    assert map_columns(NOS, sample).roles[Role.RAG] == 6
    assert Role.STATUS not in map_columns(NOS, sample).roles


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Recommendation", Role.RECOMMENDATION),
        ("Area for improvement", Role.RECOMMENDATION),
        ("Areas for Development", Role.RECOMMENDATION),
        ("Priority", Role.RECOMMENDATION),
        ("Key action(s)", Role.ACTION),
        ("Actions", Role.ACTION),
        ("Task", Role.ACTION),
        ("Responsible officer", Role.LEADS),
        ("Lead officer(s)", Role.LEADS),
        ("Accountable", Role.LEADS),
        ("Owner", Role.LEADS),
        ("Partners", Role.PARTNERS),
        ("Key partners", Role.PARTNERS),
        ("Other agencies", Role.PARTNERS),
        ("Target date", Role.DUE),
        ("Deadline", Role.DUE),
        ("Completion date", Role.DUE),
        ("Timescale", Role.DUE),
        ("Milestones", Role.MILESTONES),
        ("Measures of success", Role.SUCCESS_CRITERIA),
        ("Success criteria", Role.SUCCESS_CRITERIA),
        ("How will we know", Role.SUCCESS_CRITERIA),
        ("KPI", Role.INDICATORS),
        ("Measure", Role.INDICATORS),
        ("Evaluation", Role.SUCCESS_CRITERIA),
        ("Committee date", Role.REPORTING_DATE),
        ("Management Response", Role.RESPONSE),
        ("Agreed action", Role.RESPONSE),
        ("Item to be rectified", Role.RESPONSE),
        ("Pledge", Role.ACTION),
        ("Start date", Role.START),
        ("Q3 (Oct-Dec)", Role.PERIOD),
        ("Dec-22", Role.PERIOD),
        ("Evidence", Role.EVIDENCE),
        ("Evidence of impact", Role.EVIDENCE),
        ("Impact", Role.SUCCESS_CRITERIA),
        ("Outcome", Role.SUCCESS_CRITERIA),
        ("RAG", Role.RAG),
        ("RAG rating", Role.RAG),
        ("BRAG", Role.RAG),
        ("Status", Role.STATUS),
        ("% complete", Role.PERCENT),
        ("Progress update", Role.PROGRESS),
        ("Comments", Role.PROGRESS),
        ("Governance", Role.REPORTING),
        ("Reporting to", Role.REPORTING),
        ("Monitoring", Role.REPORTING),
        ("Resources", Role.RESOURCES),
        ("Cost", Role.RESOURCES),
        ("Budget", Role.RESOURCES),
        ("Recommendation No", Role.RECOMMENDATION_REF),
        ("Ref", Role.REF),
        ("#", Role.REF),
    ],
)
def test_it_knows_the_common_header_wordings(header, role):
    assert header_role(header) == role


@pytest.mark.parametrize(
    "header",
    [
        "LEAD OFFICER",
        "  lead   officer ",
        "Lead\nOfficer",
        "Lead Officer:",
        "Lead officer?",
        "Lead Officer (name and role)",
        "Lead officer [see key]",
        "Lead\u00a0Officer",
    ],
)
def test_it_matches_headers_leniently(header):
    assert header_role(header) == Role.LEADS


def test_it_reads_an_ampersand_as_and():
    assert header_role("Monitoring & Evaluation") == header_role("Monitoring and Evaluation")
    assert header_role("Monitoring & Evaluation") == Role.REPORTING


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Existing",
        "Judith Hay",
        "1. Review actions",
        "4a Action by team managers",
        "(b) Additional actions",
        "1. CSC SMT to ensure compliance with existing recording standards for case file keeping "
        "and to report progress to the senior management team every month",
    ],
)
def test_it_gives_no_role_to_cells_that_are_not_headers(text):
    assert header_role(text) is None


def test_when_two_headers_claim_a_role_the_first_keeps_it_and_the_second_is_unmapped():
    columns = map_columns(["Action", "Due date", "Deadline", "Notes", ""])
    assert roles_of(columns) == [Role.ACTION, Role.DUE, None, Role.PROGRESS, None]
    assert columns.unmapped == (2,)


def test_two_lead_columns_are_both_leads():
    columns = map_columns(["Milestone", "Portfolio Holder", "Director", "Target date", "No."])
    assert columns.roles[Role.LEADS] == 1
    assert columns.more == {Role.LEADS: (2,)}
    assert [g.role for g in columns.guesses][:3] == [Role.ACTION, Role.LEADS, Role.LEADS]


def test_a_header_that_loses_its_role_falls_back_to_another_it_could_mean():
    columns = map_columns(["Action", "Lead", "Lead Officer / Agency"])
    assert roles_of(columns) == [Role.ACTION, Role.LEADS, Role.PARTNERS]


def test_a_fallback_role_never_takes_a_role_a_later_header_holds_first():
    columns = map_columns(["Action", "Lead", "Lead Officer / Agency", "Key Partners"])
    assert roles_of(columns) == [Role.ACTION, Role.LEADS, None, Role.PARTNERS]


def rows(*lines: str) -> list[Row]:
    return [Row(tuple(line.split("|")), where=f"line {n}") for n, line in enumerate(lines, 1)]


def test_it_finds_the_header_row_below_the_titles():
    found = find_header(
        rows(
            "1.0 Ensure that children's views are recorded",
            "",
            "LEAD BODY|NYCC - CYPS|||",
            "Key Actions Summary (with end date)|Resources|Lead Officer|Key Partners|Milestones",
            "1. Draft standards|Existing|Alan Tucker||November 2012",
        )
    )
    assert found is not None
    index, columns = found
    assert index == 3
    assert columns.roles[Role.MILESTONES] == 4


def test_a_header_needs_three_roles_one_of_them_the_action():
    assert find_header(rows("Lead Officer|Key Partners|Milestones|Reporting")) is None
    assert find_header(rows("Action|Lead Officer")) is None
    assert find_header(rows("Action|Lead Officer|Due date")) is not None


def test_it_does_not_take_a_row_of_data_for_a_header():
    found = find_header(
        rows(
            "1. Review actions|Existing|Judith Hay||Timescale agreed, May 2013|Report to SMT",
            "(a) Core standards: action plan|Existing|Lead officers||Date to be agreed|CYPLT",
        )
    )
    assert found is None


def test_it_looks_from_start_and_no_further_than_limit():
    lines = rows("Action|Owner|Deadline", "1|x|y", "2|x|y", "Action|Owner|Deadline")
    assert find_header(lines, start=1)[0] == 3
    assert find_header(lines, start=1, limit=2) is None


@pytest.mark.skipif(not SEED.exists(), reason="the seed plan is not available")
def test_it_finds_every_repeated_header_in_the_reference_plan_and_nothing_else():
    doc = read_document(SEED)
    found, at = [], 0
    while (header := find_header(doc.rows, start=at, limit=len(doc.rows))) is not None:
        found.append(header[0])
        at = header[0] + 1
    expected = [i for i, r in enumerate(doc.rows) if r.cells[0].startswith("Key Actions Summary")]
    assert found == expected
    assert len(found) == 20


def test_numbered_header_cells_are_read_without_their_numbers():
    header = ["1. Rec. No.", "2. Recommendation", "3. Lead", "4. Due date", "5. Progress"]
    assert roles_of(map_columns(header)) == [
        Role.RECOMMENDATION_REF,
        Role.RECOMMENDATION,
        Role.LEADS,
        Role.DUE,
        Role.PROGRESS,
    ]


def test_a_long_header_and_a_run_of_period_columns_still_make_a_header():
    header = ["Ref", "Action", "Lead", "Progress presented to Committee Dec 2017"]
    header += ["Q1 (Apr-Jun)", "Q2 (Jul-Sep)", "Q3 (Oct-Dec)", "Q4 (Jan-Mar)"]
    found = find_header([Row(tuple(header), where="row 4")])
    assert found is not None
    assert found[1].periods == (4, 5, 6, 7)
    assert found[1].roles[Role.PROGRESS] == 3


def test_one_date_among_a_rows_cells_does_not_make_it_a_header():
    row = ("5", "Ensure the workforce strategy has an action plan", "Manager", "March 2014")
    assert find_header([Row(row, where="row 8")]) is None


def test_a_tracker_with_no_action_column_has_a_header():
    header = ("AR No.", "Finding / Recommendation", "Management Response", "Responsible Officer")
    found = find_header([Row(header, where="row 4")])
    assert found is not None
    assert {Role.RECOMMENDATION, Role.RESPONSE} <= found[1].roles.keys()


def test_a_revised_date_is_due_and_the_first_date_a_milestone():
    header = [
        "Finding",
        "Agreed Action",
        "Target Completion Date",
        "Revised Target Completion Date",
    ]
    columns = map_columns(header)
    assert columns.roles[Role.DUE] == 3
    assert columns.roles[Role.MILESTONES] == 2


def test_a_priority_column_of_gradings_is_not_the_recommendation():
    header = ["Priority", "Finding", "Agreed Action", "Responsible Officer"]
    sample = [
        ("1 - Fundamental", "Bank details are not verified", "Agreed. Checks", "Manager"),
        ("2 - Important", "Orders are raised late", "Agreed. Reminders", "Head of Finance"),
        ("High", "No recovery plan", "Agreed. A plan", "ICT Manager"),
    ]
    columns = map_columns(header, sample)
    assert columns.roles[Role.RECOMMENDATION] == 1
    assert 0 in columns.unmapped


def test_a_column_of_labels_beside_the_recommendation_numbers_it():
    header = ["AFI", "Area for improvement", "Action", "Owner"]
    sample = [("AFI 1", "The force should improve", "Refresh the plan", "Director")]
    columns = map_columns(header, sample)
    assert columns.roles[Role.RECOMMENDATION_REF] == 0
    assert columns.roles[Role.RECOMMENDATION] == 1


def test_beside_a_timeline_a_what_and_when_header_is_the_action():
    header = [
        "What are we aiming for and when will it be achieved?",
        "Staff lead?",
        "Governor Monitor?",
    ]
    header += ["April 2014", "July 2014", "December 2014"]
    columns = map_columns(header)
    assert columns.roles[Role.ACTION] == 0
    assert columns.roles[Role.REPORTING] == 2
    assert columns.periods == (3, 4, 5)
