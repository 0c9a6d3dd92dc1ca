"""Rows that tie on what they are listed by still come back in one order (docs/adr/0036):
every model's default ordering is unique, and the database's own order of ties (which on
PostgreSQL changes when a row is updated) never shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import models

from actionplan.governance.models import Meeting
from actionplan.plans.models import Body, Milestone, Plan
from support.factories import ActionFactory, PlanFactory


def _unique_keys(model: type[models.Model]) -> list[set[str]]:
    opts = model._meta
    keys = [{opts.pk.name}]
    keys += [{f.name} for f in opts.concrete_fields if f.unique]
    keys += [set(fields) for fields in opts.unique_together]
    keys += [
        set(c.fields)
        for c in opts.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    return keys


def _ordering_is_unique(model: type[models.Model], seen: frozenset = frozenset()) -> bool:
    """Whether no two rows can tie on the model's ordering. Ordering by a relation orders
    by the related model's ordering, which then has to be unique too."""
    opts = model._meta
    if not opts.ordering:
        return True  # a relation to it orders by its primary key
    if model in seen:
        return False
    compared: set[str] = set()
    keys = _unique_keys(model)
    for item in opts.ordering:
        if not isinstance(item, str):
            continue  # an expression: compares something, not a field
        name = item.lstrip("-")
        name = opts.pk.name if name == "pk" else name
        if "__" in name:
            continue  # a field of another row: many rows share it
        field = opts.get_field(name)
        if field.is_relation and not _ordering_is_unique(field.related_model, seen | {model}):
            continue  # rows of two related rows that tie would tie
        compared.add(field.name)
        if any(key <= compared for key in keys):
            return True
    return False


def _ordered_models() -> list[type[models.Model]]:
    return [
        m for m in apps.get_models() if m.__module__.startswith("actionplan.") and m._meta.ordering
    ]


def test_the_check_sees_a_tie(monkeypatch):
    assert _ordering_is_unique(Milestone)
    monkeypatch.setattr(Milestone._meta, "ordering", ["action", "order"])
    assert not _ordering_is_unique(Milestone)
    # A body's meetings are unique by body and date only while bodies are in one order.
    assert _ordering_is_unique(Meeting)
    monkeypatch.setattr(Body._meta, "ordering", ["organisation__name", "kind"])
    assert not _ordering_is_unique(Meeting)


def test_every_models_default_ordering_is_unique():
    tied = sorted({m._meta.label for m in _ordered_models() if not _ordering_is_unique(m)})
    assert tied == []


@pytest.mark.django_db
def test_milestones_that_share_a_place_come_back_in_the_order_they_were_made():
    action = ActionFactory()
    made = [
        Milestone.objects.create(action=action, text=f"Step {i}", order=1, due=dt.date(2013, 3, i))
        for i in (1, 2, 3)
    ]
    # An update moves a row to the end of a PostgreSQL table: its order must not follow.
    made[0].text = "Step 1, reworded"
    made[0].save()

    assert [m.pk for m in action.milestones.all()] == [m.pk for m in made]


@pytest.mark.django_db
def test_plans_that_share_a_title_and_start_come_back_in_the_order_they_were_made():
    plans = [PlanFactory() for _ in range(3)]
    Plan.objects.filter(pk=plans[0].pk).update(inspection="Reinspected")

    assert list(Plan.objects.filter(pk__in=[p.pk for p in plans])) == plans
