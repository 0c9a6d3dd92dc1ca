"""Roll-up of colours (counts, worst, weighted figure) and the accessible bar chart."""

import re

import pytest

from actionplan.monitoring import chart
from actionplan.monitoring.rag import DEFAULT_RULES
from actionplan.monitoring.rollup import roll_up


def test_a_roll_up_counts_every_colour_of_the_key_in_its_order():
    rollup = roll_up(["green", "red", "green", "grey"], DEFAULT_RULES)

    assert rollup.counts == (
        ("red", 1), ("amber", 0), ("green", 2), ("blue", 0), ("grey", 1), ("black", 0)
    )  # fmt: skip
    assert rollup.total == 4


def test_the_worst_colour_is_the_lowest_weighted_one_present():
    assert roll_up(["green", "amber", "blue"], DEFAULT_RULES).worst == "amber"
    assert roll_up(["green", "red", "amber"], DEFAULT_RULES).worst == "red"
    assert roll_up(["grey", "black"], DEFAULT_RULES).worst is None


def test_the_weighted_figure_is_the_mean_weight_of_the_weighed_actions():
    rollup = roll_up(["green", "amber", "red", "blue", "grey", "black"], DEFAULT_RULES)

    assert rollup.score == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    assert rollup.percent == 62


def test_nothing_to_weigh_gives_no_figure_rather_than_zero():
    rollup = roll_up(["grey", "grey"], DEFAULT_RULES)

    assert (rollup.score, rollup.percent) == (None, None)
    assert roll_up([], DEFAULT_RULES).total == 0


def test_a_colour_the_rules_do_not_have_still_counts_at_the_end():
    rollup = roll_up(["purple", "green"], DEFAULT_RULES)

    assert rollup.counts[-1] == ("purple", 1)
    assert rollup.score == 1


def drawn(rollup) -> chart.BarChart:
    return chart.bar_chart(chart.rollup_bars(rollup), title="Plan <1>", chart_id="plan-rag")


def test_the_chart_is_an_image_named_by_its_title_and_description():
    svg = drawn(roll_up(["red", "green", "green"], DEFAULT_RULES)).svg

    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert 'aria-labelledby="plan-rag-title plan-rag-desc"' in svg
    assert '<title id="plan-rag-title">Plan &lt;1&gt;</title>' in svg
    assert (
        '<desc id="plan-rag-desc">Red 1, Amber 0, Green 2, Blue 0, Grey 0, Black 0; 3 actions in all.</desc>'
        in svg
    )


def test_each_bar_is_labelled_in_text_and_scaled_to_the_largest():
    svg = drawn(roll_up(["red", "green", "green"], DEFAULT_RULES)).svg

    widths = [int(w) for w in re.findall(r'<rect [^>]*width="(\d+)"', svg)]
    assert max(widths) == 2 * sorted(set(widths))[1]
    assert ">Green</text>" in svg
    assert ">2</text>" in svg
    assert "style=" not in svg


def test_the_table_beside_the_chart_holds_the_same_numbers():
    table = drawn(roll_up(["red", "green", "green"], DEFAULT_RULES)).table_html()

    assert "<caption" in table and "Plan &lt;1&gt;" in table
    cells = re.findall(r'<th scope="row"[^>]*>(\w+)</th><td[^>]*>(\d+)</td>', table)
    assert ("Green", "2") in cells and ("Red", "1") in cells


def test_a_chart_id_must_be_usable_as_an_html_id():
    with pytest.raises(ValueError, match="chart_id"):
        chart.bar_chart([], title="x", chart_id="two words")


def test_an_empty_chart_says_there_is_nothing_to_show():
    empty = chart.bar_chart([], title="Nothing", chart_id="empty")

    assert empty.description == "No actions."
