"""The test factories (support/factories.py) make valid rows, tied together."""

from __future__ import annotations

import pytest

from support.factories import (
    ActionFactory,
    MeetingFactory,
    MembershipFactory,
    PartyFactory,
    ProgressRecordFactory,
    plan_document,
)

pytestmark = pytest.mark.django_db


def test_the_model_factories_make_one_plan_of_rows():
    record = ProgressRecordFactory()
    action = record.action
    membership = MembershipFactory(
        plan=action.recommendation.plan, party=PartyFactory(), role="lead_officer"
    )
    meeting = MeetingFactory()

    assert action.recommendation.plan == membership.plan
    assert membership.party.organisation == membership.plan.organisation
    assert meeting.body.organisation == membership.plan.organisation
    assert ActionFactory(recommendation=action.recommendation).pk != action.pk


def test_the_plan_document_builder():
    doc = plan_document(recommendations=2, actions=2, action=lambda r, i: {"text": f"{r}.{i}"})

    assert [r.number for r in doc.recommendations] == ["1.0", "2.0"]
    assert [a.ref for a in doc.recommendations[1].actions] == ["1", "2"]
    assert doc.recommendations[1].actions[0].text == "2.1"
