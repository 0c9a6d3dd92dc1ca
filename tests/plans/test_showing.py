"""The terminal views: parse's summary and show's tree."""

from actionplan.plans.showing import all_warnings, render_tree, summary


def test_the_summary_lists_each_recommendation_with_its_actions_and_then_the_warnings(plan_doc):
    text = summary(plan_doc)

    assert "Post Inspection Action Plan" in text
    assert "Period: 2012-12-01 to 2013-06-30" in text
    assert "Immediate: due 2012-12-31" in text
    assert "Recommendations: 4, with 11 actions" in text
    assert "Immediate; 4 actions; owner Judith Hay" in text
    assert "People: 3   Bodies: 3" in text
    assert "Warnings: 3" in text
    assert "  - line 200: CYLPT read as CYPLT ('CYLPT')" in text


def test_an_actions_own_warning_is_listed_once_when_the_plan_repeats_it(plan_doc):
    plan_doc.recommendations[0].actions[2].warnings.append("another problem")

    warnings = all_warnings(plan_doc)

    assert warnings[-1] == "Recommendation 1.0, action 4a: another problem"
    assert len(warnings) == 4


def test_the_tree_nests_sub_actions_and_shows_dates_bodies_and_rag(plan_doc):
    text = render_tree(plan_doc, colour=False)

    lines = text.splitlines()
    four = next(i for i, line in enumerate(lines) if "── 4 Instructions issued" in line)
    four_a = next(i for i, line in enumerate(lines) if "4a Ensure compliance" in line)
    assert four < four_a
    assert lines[four_a].index("4a") > lines[four].index("4 Instructions")
    assert "lead: Judith Hay [GREEN]" in lines[four_a]
    assert "milestone 2013-05-31: Audit of supervision – May 2013" in text
    assert "reports to LSCB (2013-06-30)" in text
    assert "reports to Performance Board (twice a year)" in text
    assert "1.0 Ensure that children's views" in text
    assert "Immediate, due 2012-12-31  owner: Judith Hay" in text


def test_the_tree_has_no_colour_codes_when_not_on_a_terminal(plan_doc):
    assert "\x1b[" not in render_tree(plan_doc, colour=False)
    assert "\x1b[" in render_tree(plan_doc, colour=True)
