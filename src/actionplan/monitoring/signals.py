"""Every write that can change an action's standing today marks its state stale, in the
same transaction (monitoring/state.py, ADR 0024). Connected in MonitoringConfig.ready()."""

from __future__ import annotations

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from actionplan.monitoring import state
from actionplan.monitoring.models import RagOverride, RagRuleSet
from actionplan.plans.models import Action, ImportRun, Milestone, ProgressRecord, Recommendation


def _of_action(sender, instance, **kwargs) -> None:
    state.invalidate(action_ids=[instance.action_id], deleting="created" not in kwargs)


def _action(sender, instance, created: bool, **kwargs) -> None:
    state.invalidate(action_ids=[instance.pk])


def _recommendation(sender, instance, **kwargs) -> None:
    state.invalidate(recommendation_id=instance.pk, deleting="created" not in kwargs)


def _plan(sender, instance, **kwargs) -> None:
    # A rule set changes every colour; an import (its run record, written last) may have
    # written actions, milestones and progress in bulk, which sends no signals.
    state.invalidate(plan_id=instance.plan_id, deleting="created" not in kwargs)


def connect() -> None:
    model: type[Model]
    for model in (ProgressRecord, RagOverride, Milestone):
        post_save.connect(_of_action, sender=model, dispatch_uid=f"state-{model.__name__}")
        post_delete.connect(_of_action, sender=model, dispatch_uid=f"state-{model.__name__}-")
    post_save.connect(_action, sender=Action, dispatch_uid="state-Action")
    post_save.connect(_recommendation, sender=Recommendation, dispatch_uid="state-Rec")
    post_delete.connect(_recommendation, sender=Recommendation, dispatch_uid="state-Rec-")
    for model in (RagRuleSet, ImportRun):
        post_save.connect(_plan, sender=model, dispatch_uid=f"state-{model.__name__}")
        post_delete.connect(_plan, sender=model, dispatch_uid=f"state-{model.__name__}-")
