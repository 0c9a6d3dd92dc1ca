"""Issue 12: a paper's action annex prints each action's success criteria."""

import dataclasses

from paper_support import item, paper

from actionplan.reports.data import RecommendationItems, from_json, to_json
from actionplan.reports.html import render_html


def test_the_annex_prints_an_actions_success_criteria_and_old_papers_still_load():
    measured = dataclasses.replace(item("1", "amber"), success_criteria="Audits graded good")
    data = paper(annex=(RecommendationItems("1.0", "Record views", (), (measured,)),))

    html = render_html(data, draft=False)

    annex = html[html.index('id="annex-a"') :]
    assert "Success criteria: Audits graded good" in annex
    stored = to_json(data)
    del stored["annex"][0]["items"][0]["success_criteria"]  # a paper issued before
    assert from_json(stored).annex[0].items[0].success_criteria == ""
