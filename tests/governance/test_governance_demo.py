"""The demo plan's meetings: the seed read, stored, and given a year of meetings."""

import datetime as dt

import pytest

from actionplan.governance.agenda import forward_plan
from actionplan.governance.demo import load_demo_meetings
from actionplan.governance.models import Meeting
from actionplan.importing.pipeline import parse_file
from actionplan.plans.services import store_plan
from support.seed import SEED

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seed_document():
    return parse_file(SEED)


@pytest.fixture
def plan(seed_document):
    plan = store_plan(seed_document.model_copy(deep=True)).plan
    load_demo_meetings(plan)
    return plan


def test_loading_the_demo_meetings_again_adds_none(plan):
    count = Meeting.objects.count()

    assert load_demo_meetings(plan) == 0
    assert Meeting.objects.count() == count > 50


def test_cyplts_march_meeting_hears_what_reports_to_it_in_march(plan):
    fp = forward_plan(plan, as_at=D(2013, 3, 15))

    march = next(m for m in fp.body("CYPLT").meetings if m.date == D(2013, 3, 19))
    heard = {a.label: a.reporting for a in march.actions}
    assert heard["4"] == ("Report to DCS/CYPLT March 2013",)
    assert all("March 2013" in " ".join(lines) for lines in heard.values())


def test_the_document_s_report_due_before_the_plan_links_late(plan):
    fp = forward_plan(plan, as_at=D(2013, 3, 15))

    late = [(m.date, a.reporting) for m in fp.body("SMT").meetings for a in m.actions if a.late]
    assert late == [(D(2012, 12, 5), ("Report to SMT July2012",))]


def test_a_reimport_of_the_seed_keeps_its_links(plan, seed_document):
    before = forward_plan(plan, as_at=D(2013, 3, 15))

    store_plan(seed_document.model_copy(deep=True))

    after = forward_plan(plan, as_at=D(2013, 3, 15))
    assert [
        (m.date, [a.action_id for a in m.actions]) for b in after.bodies for m in b.meetings
    ] == [(m.date, [a.action_id for a in m.actions]) for b in before.bodies for m in b.meetings]
