"""`actionplan demo` loads the seed plan with a realistic history, once."""

import io

import pytest
from django.core.management import call_command

from actionplan.monitoring.demo import load_demo_history
from actionplan.monitoring.models import Answer, Challenge, RagOverride
from actionplan.monitoring.snapshot import plan_as_at
from actionplan.plans.models import Action, ActionParty, Milestone, Plan, ProgressRecord
from support.monitoring import D

pytestmark = pytest.mark.django_db


def demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_as_at_15_march_2013_the_demo_plan_shows_every_colour_an_override_and_a_return():
    out = demo()
    snapshot = plan_as_at(Plan.objects.get(), D(2013, 3, 15))

    counts = dict(snapshot.rollup.counts)
    assert all(counts[c] > 0 for c in ("red", "amber", "green", "blue")), counts
    overridden = [a for a in snapshot.actions() if a.rating.overridden]
    assert [(a.rating.colour, a.rating.computed.colour) for a in overridden] == [("amber", "red")]
    assert "Loaded its history, December 2012 to July 2013" in out


def test_the_demo_history_is_written_by_several_people_over_several_months():
    demo()
    records = ProgressRecord.objects.exclude(source="import")

    assert records.values("author").distinct().count() >= 6
    months = {r.created_at.strftime("%Y-%m") for r in records}
    assert {"2013-01", "2013-03", "2013-06"} <= months
    assert records.filter(source="return").get().text.startswith("The revised guidance")
    assert records.filter(source="sign_off").count() > 10
    assert Challenge.objects.count() == Answer.objects.count() == 3
    assert ActionParty.history.filter(history_change_reason="edited").count() == 1  # a lead given
    assert Milestone.history.filter(history_change_reason="edited").count() == 1  # one moved


def test_running_the_demo_again_adds_nothing():
    demo()
    counts = [m.objects.count() for m in (ProgressRecord, Challenge, RagOverride)]
    versions = Action.history.count()

    out = demo()

    assert [m.objects.count() for m in (ProgressRecord, Challenge, RagOverride)] == counts
    assert Action.history.count() == versions
    assert "Its history of updates is there already" in out


def test_the_demo_history_fits_a_plan_other_than_the_seed(plan):
    loaded = load_demo_history(plan)

    assert loaded.updates > 0
    assert (loaded.overrides, loaded.challenges, loaded.returns) == (0, 0, 0)  # seed stories
    assert load_demo_history(plan) is None
