"""Who a paper says wrote it, and which actions it picks for the body."""

import datetime as dt

import pytest
from paper_support import small_plan

from actionplan import interchange as ix
from actionplan.governance.models import Contact
from actionplan.plans.models import Body, Party
from actionplan.reports.building import build_paper
from actionplan.reports.data import Author
from support.factories import plan_document
from support.monitoring import stored

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 15)


@pytest.fixture
def plan():
    return small_plan()


@pytest.fixture
def smt(plan):
    return Body.objects.get(organisation=plan.organisation, abbreviation="SMT")


def test_the_author_defaults_to_the_plans_covering_report_with_their_recorded_email(plan, smt):
    party, _ = Party.objects.get_or_create(
        organisation=plan.organisation, kind=Party.Kind.PERSON, name="Stephanie Bratcher"
    )
    Contact.objects.create(party=party, email="stephanie.bratcher@anyshire.gov.uk")

    author = build_paper(plan, smt, MARCH).author

    assert author == Author(
        "Stephanie Bratcher", "Improvement Lead", "stephanie.bratcher@anyshire.gov.uk"
    )


def test_the_paper_author_setting_comes_before_the_covering_report(plan, smt, settings):
    settings.PAPER_AUTHOR = {"name": "Pat Jones", "email": "scrutiny@anyshire.gov.uk"}

    author = build_paper(plan, smt, MARCH).author

    assert author == Author("Pat Jones", "Improvement Lead", "scrutiny@anyshire.gov.uk")


def test_the_options_come_before_the_setting(plan, smt, settings):
    settings.PAPER_AUTHOR = {"name": "Pat Jones", "phone": "01609 780780"}

    author = build_paper(plan, smt, MARCH, author=Author("Ann Other", "Scrutiny Officer")).author

    assert author == Author("Ann Other", "Scrutiny Officer", "", "01609 780780")


def test_items_due_after_the_period_are_left_for_a_later_paper(plan, smt):
    february = build_paper(plan, smt, dt.date(2013, 2, 15))
    longer = build_paper(plan, smt, dt.date(2013, 2, 15), period_end=dt.date(2013, 3, 31))

    assert february.period_end == dt.date(2013, 2, 28) and february.items == ()
    assert [i.ref for i in longer.items] == ["1.0 / 1", "1.0 / 2", "1.0 / 3"]
    assert longer.items[0].reporting == ("Report to SMT March 2013",)


def test_recurring_lines_are_picked_and_undated_ones_are_not(smt):
    lines = {
        "1": ix.Reporting(text="Quarterly report to SMT", body="SMT", frequency="quarterly"),
        "2": ix.Reporting(text="Report to SMT as appropriate", body="SMT"),
        "3": ix.Reporting(
            text="Report to SMT, September 2013", body="SMT", due=dt.date(2013, 9, 30)
        ),
    }
    doc = plan_document(
        title="Second plan",
        bodies=[ix.Body(abbreviation="SMT", name="Senior Management Team")],
        recommendation={"number": "1", "title": "Audit"},
        action=lambda r, i: {"reporting": [lines[str(i)]]},
    )
    plan = stored(doc)

    data = build_paper(plan, smt, MARCH)

    assert [i.label for i in data.items] == ["1"]
