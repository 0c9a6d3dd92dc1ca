"""Test data in one place: factory_boy factories for the models, and one builder of plan
documents (the interchange model) for tests that store a plan as an import would.

Models are named "app.Model" so factory_boy looks them up when a factory is first used:
ProgressRecord is "plans.ProgressRecord" today; where the model lives is said once, here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import factory
from django.conf import settings

from actionplan import interchange as ix

D = dt.date


# --- plan documents ------------------------------------------------------------------------

Fields = dict[str, Any]


def plan_document(
    *,
    title: str = "Improvement plan",
    organisation: str = "Anyshire Council",
    recommendations: int = 1,
    actions: int = 3,
    recommendation: Callable[[int], Fields] | Fields | None = None,
    action: Callable[[int, int], Fields] | Fields | None = None,
    **plan: Any,
) -> ix.PlanDocument:
    """A plan document of `recommendations` recommendations ("1.0", "2.0", ...) with
    `actions` actions each (refs "1", "2", ... and text "Action 1", ...).

    `recommendation` (fields, or r -> fields) and `action` (fields, or (r, i) -> fields)
    add to or replace those defaults; the other keywords are the document's own fields
    (`people`, `bodies`) or its PlanInfo's (`period`, `cover`, ...)."""
    document = {k: plan.pop(k) for k in ("people", "bodies", "source") if k in plan}

    def rec_fields(r: int) -> Fields:
        given = recommendation(r) if callable(recommendation) else recommendation
        return {"number": f"{r}.0", "title": f"Recommendation {r}", **(given or {})}

    def action_fields(r: int, i: int) -> Fields:
        given = action(r, i) if callable(action) else action
        return {"ref": str(i), "text": f"Action {i}", **(given or {})}

    return ix.PlanDocument(
        plan=ix.PlanInfo(title=title, organisation=organisation, **plan),
        recommendations=[
            ix.Recommendation(
                **rec_fields(r),
                actions=[ix.Action(**action_fields(r, i)) for i in range(1, actions + 1)],
            )
            for r in range(1, recommendations + 1)
        ],
        **document,
    )


def person(name: str, text: str = "") -> ix.Party:
    return ix.Party(name=name, kind=ix.PartyKind.PERSON, text=text)


# --- models --------------------------------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Organisation"
        django_get_or_create = ("name",)

    name = "Anyshire Council"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Plan"

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Improvement plan"
    period_start = D(2012, 12, 1)
    period_end = D(2013, 6, 30)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Recommendation"

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: f"{n + 1}.0")
    title = factory.LazyAttribute(lambda r: f"Recommendation {r.number}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Action"

    recommendation = factory.SubFactory(RecommendationFactory)
    ref = factory.Sequence(lambda n: str(n + 1))
    key = factory.LazyAttribute(lambda a: a.ref)
    number = factory.LazyAttribute(lambda a: a.ref)
    text = factory.LazyAttribute(lambda a: f"Action {a.ref}")
    order = factory.Sequence(lambda n: n)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Party"
        django_get_or_create = ("organisation", "kind", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "person"
    name = "Judith Hay"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Body"
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Senior Management Team"
    abbreviation = "SMT"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Meeting"

    body = factory.SubFactory(BodyFactory)
    date = factory.Sequence(lambda n: D(2013, 1, 15) + dt.timedelta(weeks=4 * n))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Membership"

    user = factory.SubFactory(UserFactory)
    plan = factory.SubFactory(PlanFactory)
    role = "lead_officer"
    party = None


class ProgressRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.ProgressRecord"

    action = factory.SubFactory(ActionFactory)
    as_at = D(2013, 1, 31)
    status = "on_track"
    text = "Progress as planned"
    source = "update"
