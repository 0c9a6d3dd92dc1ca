"""The forward plan: each body's meetings with what is due at each, as plain data."""

import dataclasses
import datetime as dt

import pytest
from governance_world import build_world

from actionplan.governance import agenda
from actionplan.governance.agenda import (
    ActionDue,
    IndicatorDue,
    MeetingAgenda,
    forward_plan,
    register_indicator_source,
)

D = dt.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings")]


def meeting(fp, body: str, date: dt.date) -> MeetingAgenda:
    return next(m for m in fp.body(body).meetings if m.date == date)


def labels(m: MeetingAgenda) -> list[str]:
    return [f"{a.recommendation_number}/{a.label}" for a in m.actions]


def test_each_body_the_plan_reports_to_has_its_meetings_in_date_order(world):
    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    assert [b.label for b in fp.bodies] == ["CYPLT", "LSCB"]
    assert [m.date.isoformat() for m in fp.body("CYPLT").meetings] == [
        "2013-01-15",
        "2013-02-19",
        "2013-03-19",
        "2013-04-16",
        "2013-05-21",
        "2013-06-18",
    ]
    assert [m.date.isoformat() for m in fp.body("lscb").meetings] == ["2013-03-28", "2013-06-27"]


def test_a_meeting_lists_the_actions_whose_reporting_lines_it_hears(world):
    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    march = meeting(fp, "CYPLT", D(2013, 3, 19))
    assert labels(march) == ["1.0/1"]
    (due,) = march.actions
    assert due == ActionDue(
        action_id=world.a11.pk,
        recommendation_id=world.rec1.pk,
        recommendation_number="1.0",
        label="1",
        text="Set practice standards",
        leads=("Alice Lead",),
        reporting=("Report to CYPLT March 2013",),
        due=D(2013, 3, 31),
        late=False,
        last_update=None,
        update_missing=True,
        finished=False,
    )
    assert labels(meeting(fp, "CYPLT", D(2013, 6, 18))) == ["2.0/1"]
    assert labels(meeting(fp, "LSCB", D(2013, 3, 28))) == ["1.0/2"]
    assert labels(meeting(fp, "CYPLT", D(2013, 2, 19))) == []


def test_a_meeting_lists_the_recommendations_of_its_actions_with_their_owners(world):
    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    (rec,) = meeting(fp, "CYPLT", D(2013, 3, 19)).recommendations
    assert (rec.number, rec.title, rec.owners, rec.actions, rec.missing_updates) == (
        "1.0",
        "Hear children",
        ("Olive Owner",),
        1,
        1,
    )


def test_an_update_since_the_previous_meeting_is_not_missing(world):
    world.update(world.a11, D(2013, 3, 1), text="Draft standards circulated")

    march = meeting(forward_plan(world.plan, as_at=D(2013, 3, 10)), "CYPLT", D(2013, 3, 19))

    assert march.previous == D(2013, 2, 19)
    assert march.missing_updates == ()
    assert march.actions[0].last_update == D(2013, 3, 1)


def test_an_update_before_the_previous_meeting_does_not_count(world):
    world.update(world.a11, D(2013, 2, 1))

    march = meeting(forward_plan(world.plan, as_at=D(2013, 3, 10)), "CYPLT", D(2013, 3, 19))

    assert [a.label for a in march.missing_updates] == ["1"]
    assert march.actions[0].last_update == D(2013, 2, 1)


def test_an_update_after_the_as_at_date_is_not_seen(world):
    world.update(world.a11, D(2013, 3, 12))

    before = meeting(forward_plan(world.plan, as_at=D(2013, 3, 10)), "CYPLT", D(2013, 3, 19))
    after = meeting(forward_plan(world.plan, as_at=D(2013, 3, 15)), "CYPLT", D(2013, 3, 19))

    assert before.actions[0].update_missing
    assert not after.actions[0].update_missing


def test_a_past_meeting_shows_whether_the_update_was_there_in_time(world):
    world.update(world.a11, D(2013, 3, 25))  # after the meeting

    march = meeting(forward_plan(world.plan, as_at=D(2013, 4, 1)), "CYPLT", D(2013, 3, 19))

    assert march.actions[0].update_missing


def test_a_finished_action_needs_no_update(world):
    world.update(world.a11, D(2013, 1, 20), status="complete", rag="blue")

    march = meeting(forward_plan(world.plan, as_at=D(2013, 3, 10)), "CYPLT", D(2013, 3, 19))

    assert march.actions[0].finished
    assert march.missing_updates == ()


def test_a_line_heard_after_its_due_date_is_flagged_late(world):
    world.r11.due = D(2013, 1, 10)
    world.r11.save()
    from actionplan.governance.linking import relink

    relink(plan_id=world.plan.pk)

    january = meeting(forward_plan(world.plan, as_at=D(2013, 1, 1)), "CYPLT", D(2013, 1, 15))
    assert [(a.label, a.late) for a in january.actions] == [("1", True)]


def test_a_dated_line_to_a_body_with_no_meetings_is_listed_as_unscheduled(world):
    from actionplan.governance.models import Meeting

    Meeting.objects.filter(body=world.cyplt).delete()

    body = forward_plan(world.plan, as_at=D(2013, 3, 1)).body("CYPLT")

    assert body.meetings == ()
    assert [(a.label, a.due) for a in body.unscheduled] == [
        ("1", D(2013, 3, 31)),
        ("1", D(2013, 6, 30)),
    ]


def test_the_range_limits_the_meetings(world):
    fp = forward_plan(world.plan, start=D(2013, 3, 1), end=D(2013, 4, 30), as_at=D(2013, 3, 1))

    assert [m.date.isoformat() for m in fp.body("CYPLT").meetings] == ["2013-03-19", "2013-04-16"]


def test_the_forward_plan_can_be_asked_for_one_body(world):
    fp = forward_plan(world.plan, bodies=[world.lscb], as_at=D(2013, 3, 1))

    assert [b.label for b in fp.bodies] == ["LSCB"]
    with pytest.raises(KeyError):
        fp.body("CYPLT")


def test_another_plans_actions_are_not_on_the_agenda(world):
    other = build_world("Otherton Council")
    other.meet(other.cyplt, D(2013, 3, 19))

    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    heard = {a.action_id for b in fp.bodies for m in b.meetings for a in m.actions}
    assert heard == {world.a11.pk, world.a12.pk, world.a21.pk}


def test_a_retired_action_is_not_on_the_agenda(world):
    world.a11.retired = True
    world.a11.save()

    march = meeting(forward_plan(world.plan, as_at=D(2013, 3, 1)), "CYPLT", D(2013, 3, 19))

    assert march.actions == ()


def test_indicators_come_from_the_registered_sources(world, monkeypatch):
    monkeypatch.setattr(agenda, "indicator_sources", [])

    @register_indicator_source
    def rereferrals(plan, body, meetings):
        return {
            m.pk: [IndicatorDue("rereferrals", "Re-referrals within 12 months", "21%")]
            for m in meetings
            if body.abbreviation == "LSCB"
        }

    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    assert meeting(fp, "LSCB", D(2013, 3, 28)).indicators == (
        IndicatorDue("rereferrals", "Re-referrals within 12 months", "21%"),
    )
    assert meeting(fp, "CYPLT", D(2013, 3, 19)).indicators == ()


def test_without_an_indicators_source_meetings_have_no_indicators(world, monkeypatch):
    monkeypatch.setattr(agenda, "indicator_sources", [])

    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    assert all(m.indicators == () for b in fp.bodies for m in b.meetings)


def test_the_forward_plan_is_plain_frozen_data(world):
    fp = forward_plan(world.plan, as_at=D(2013, 3, 1))

    with pytest.raises(dataclasses.FrozenInstanceError):
        fp.title = "changed"
    assert dataclasses.asdict(fp)["bodies"][0]["meetings"][2]["actions"][0]["label"] == "1"


def test_the_number_of_queries_does_not_grow_with_the_plan(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        forward_plan(world.plan, as_at=D(2013, 3, 1))
