"""Every write that can change an action's standing today marks its state stale, in the
same transaction (monitoring/state.py, ADR 0024); it and every other write a plan's pages
or to-do list show bump the plan's write version (monitoring/versions.py), which keys the
cached past "as at" and to-do lists. Connected in MonitoringConfig.ready()."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from actionplan.accounts.models import Invitation, Membership
from actionplan.core.db import ignoring_loaded_rows
from actionplan.monitoring import state, versions
from actionplan.monitoring.models import Answer, Challenge, RagOverride, RagRuleSet
from actionplan.plans.models import (
    Action,
    ActionParty,
    Correction,
    ImportRun,
    Milestone,
    Plan,
    ProgressRecord,
    Recommendation,
    Responsibility,
)


@ignoring_loaded_rows
def _of_action(sender, instance, **kwargs) -> None:
    state.invalidate(action_ids=[instance.action_id], deleting="created" not in kwargs)


@ignoring_loaded_rows
def _action(sender, instance, created: bool, **kwargs) -> None:
    state.invalidate(action_ids=[instance.pk])


@ignoring_loaded_rows
def _recommendation(sender, instance, **kwargs) -> None:
    state.invalidate(recommendation_id=instance.pk, deleting="created" not in kwargs)


@ignoring_loaded_rows
def _plan(sender, instance, **kwargs) -> None:
    # A rule set changes every colour; an import (its run record, written last) may have
    # written actions, milestones and progress in bulk, which sends no signals.
    state.invalidate(plan_id=instance.plan_id, deleting="created" not in kwargs)


@ignoring_loaded_rows
def _correction(sender, instance, **kwargs) -> None:
    # A correction may rename or merge a council's people and bodies, which every plan of
    # the council shows, in the past too: no cached "as at" of theirs holds (cached.py).
    versions.bump(organisation_id=instance.organisation_id)


@ignoring_loaded_rows
def _of_plan(sender, instance, **kwargs) -> None:
    # What the to-do list reads besides the actions' standing (monitoring/todo.py).
    versions.bump_plans([instance.plan_id], deleting="created" not in kwargs)


@ignoring_loaded_rows
def _plan_itself(sender, instance, **kwargs) -> None:
    versions.bump_plans([instance.pk], deleting="created" not in kwargs)


@ignoring_loaded_rows
def _answer(sender, instance, **kwargs) -> None:
    versions.bump_plans([instance.challenge.plan_id], deleting="created" not in kwargs)


@ignoring_loaded_rows
def _people_of_action(sender, instance, **kwargs) -> None:
    # Who leads an action, who owns a recommendation: the snapshot's names, the to-do's "mine".
    if "created" in kwargs:
        if isinstance(instance, Responsibility):
            versions.bump(recommendation_id=instance.recommendation_id)
        else:
            versions.bump(action_ids=[instance.action_id])
        return
    plan = (
        Recommendation.objects.filter(pk=instance.recommendation_id)
        if isinstance(instance, Responsibility)
        else Recommendation.objects.filter(actions=instance.action_id)
    ).values_list("plan_id", flat=True)
    versions.bump_plans(plan, deleting=True)


# What of a user the pages show: their name (display_name) or, without one, their e-mail.
_SHOWN_OF_USER = frozenset({"first_name", "last_name", "email", "username"})


@ignoring_loaded_rows
def _user(sender, instance, **kwargs) -> None:
    # A renamed person shows renamed on every page of their plans, past dates too; a save of
    # other fields (the last login, a password) changes nothing shown.
    fields = kwargs.get("update_fields")
    if fields is not None and not _SHOWN_OF_USER & set(fields):
        return
    plans = Membership.objects.filter(user_id=instance.pk).values_list("plan_id", flat=True)
    versions.bump_plans(plans, deleting="created" not in kwargs)


def connect() -> None:
    post_save.connect(_user, sender=get_user_model(), dispatch_uid="version-User")
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
    post_save.connect(_correction, sender=Correction, dispatch_uid="version-Correction")
    for model in (Challenge, Invitation, Membership):
        post_save.connect(_of_plan, sender=model, dispatch_uid=f"version-{model.__name__}")
        post_delete.connect(_of_plan, sender=model, dispatch_uid=f"version-{model.__name__}-")
    post_save.connect(_plan_itself, sender=Plan, dispatch_uid="version-Plan")
    post_save.connect(_answer, sender=Answer, dispatch_uid="version-Answer")
    for model in (ActionParty, Responsibility):
        post_save.connect(_people_of_action, sender=model, dispatch_uid=f"v-{model.__name__}")
        post_delete.connect(_people_of_action, sender=model, dispatch_uid=f"v-{model.__name__}-")
