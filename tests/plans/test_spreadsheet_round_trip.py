"""The spreadsheet actionplan writes is one actionplan reads back without loss."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.importing.pipeline import parse_file
from actionplan.plans.exporting import plan_to_document, write_csv, write_xlsx
from actionplan.plans.models import Action, ProgressRecord
from actionplan.plans.services import store_plan
from support.seed import SEED


def essentials(doc):
    """What a council lays out in its spreadsheet, action by action."""
    return [
        (
            rec.number,
            rec.title,
            rec.timescale,
            [
                (
                    a.ref,
                    a.parent_ref,
                    a.text,
                    a.resources,
                    [(p.name, p.kind) for p in a.leads],
                    [p.name for p in a.partners],
                    [(m.text, m.due) for m in a.milestones],
                    [(r.body, r.due, r.frequency) for r in a.reporting],
                    [(p.as_at, p.status, p.rag, p.text) for p in a.progress[-1:]],
                )
                for a in rec.actions
            ],
        )
        for rec in doc.recommendations
    ]


@pytest.fixture
def stored_seed(db):
    plan = store_plan(parse_file(SEED)).plan
    action = Action.objects.get(recommendation__number="1", ref="4a")
    ProgressRecord.objects.create(
        action=action,
        as_at=dt.date(2013, 3, 15),
        status="at_risk",
        rag="amber",
        text="Audit slipped to June",
    )
    return plan


def test_the_xlsx_export_reads_back_as_the_same_plan(stored_seed, tmp_path):
    exported = plan_to_document(stored_seed)
    path = tmp_path / "plan.xlsx"
    with path.open("wb") as f:
        write_xlsx(exported, f)

    again = parse_file(path)

    for read, written in zip(essentials(again), essentials(exported), strict=True):
        assert read[:3] == written[:3]
        for read_action, written_action in zip(read[3], written[3], strict=True):
            assert read_action == written_action
    assert again.plan.title == exported.plan.title
    assert again.plan.organisation == exported.plan.organisation
    assert again.plan.lead_body == exported.plan.lead_body
    assert again.plan.period == exported.plan.period
    assert [(t.key, t.label, t.due) for t in again.plan.timescales] == [
        (t.key, t.label, t.due) for t in exported.plan.timescales
    ]


def test_the_csv_export_keeps_every_action_and_its_latest_progress(stored_seed, tmp_path):
    exported = plan_to_document(stored_seed)
    path = tmp_path / "plan.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        write_csv(exported, f)

    again = parse_file(path)

    assert [(r.number, r.title, [a.ref for a in r.actions]) for r in again.recommendations] == [
        (r.number, r.title, [a.ref for a in r.actions]) for r in exported.recommendations
    ]
    a4a = next(a for a in again.recommendations[0].actions if a.ref == "4a")
    assert [(p.as_at, p.status, p.rag) for p in a4a.progress] == [
        (dt.date(2013, 3, 15), "at_risk", "amber")
    ]
