"""Fixtures for running a plan: a small plan dated from December 2012, and its people."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from actionplan.plans.models import Action, Party, Plan
from support.monitoring import small_document, stored


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(django_user_model) -> SimpleNamespace:
    def user(username: str, first: str, last: str):
        return django_user_model.objects.create_user(username, first_name=first, last_name=last)

    return SimpleNamespace(
        lead=user("stephanie", "Stephanie", "Bratcher"),  # the improvement lead
        officer=user("judith", "Judith", "Hay"),  # a lead officer
        other=user("julie", "Julie", "Firth"),  # another officer
        member=user("cllr.brookes", "Anne", "Brookes"),  # an elected member
    )


@pytest.fixture
def plan(db) -> Plan:
    return stored(small_document())


@pytest.fixture
def action(plan) -> Action:
    return Action.objects.get(recommendation__plan=plan, ref="1")


@pytest.fixture
def judith(plan) -> Party:
    return Party.objects.get(name="Judith Hay")
