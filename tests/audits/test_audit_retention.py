"""Case audits past RETAIN_CASE_AUDITS_MONTHS lose their free text and reference; their
grades stay, so findings and indicators still add up."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.core.retention import enforce
from support.audits import make_audit, record

pytestmark = pytest.mark.django_db


def test_old_case_audits_are_anonymised_once(personas, settings):
    settings.RETAIN_CASE_AUDITS_MONTHS = 24
    audit = make_audit(personas.plan)
    old = record(audit, personas.lead_officer, reference="OLD-1", audited_on=dt.date(2013, 2, 14))
    new = record(audit, personas.lead_officer, reference="NEW-1", audited_on=dt.date(2014, 2, 14))
    assert enforce(dt.date(2015, 6, 1))["case audits"] == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.case_reference == f"removed-{old.pk}"
    assert (old.strengths, old.improvements, old.team_actions) == ("", "", "")
    assert old.anonymised_at is not None
    assert old.grades()["overall"] == "good"
    assert new.case_reference == "NEW-1" and new.strengths
    assert enforce(dt.date(2015, 6, 1))["case audits"] == 0
