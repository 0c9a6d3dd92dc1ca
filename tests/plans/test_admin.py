"""The admin shows every model of a stored plan, lists and details."""

import pytest
from django.contrib import admin
from django.urls import reverse

from actionplan.plans.services import store_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.org", "pw")


def plans_models():
    return [model for model in admin.site._registry if model._meta.app_label == "plans"]


def test_every_plans_model_is_in_the_admin():
    names = {model.__name__ for model in plans_models()}

    assert {"Organisation", "Plan", "Recommendation", "Action", "Party", "Body"} <= names
    assert {"Milestone", "ReportingRequirement", "CrossReference", "ProgressRecord"} <= names
    assert {"ImportWarning", "ImportRun"} <= names


def test_each_list_and_one_page_of_each_opens_for_an_administrator(client, alice, plan_doc):
    store_plan(plan_doc)
    client.force_login(alice)

    for model in plans_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        assert client.get(changelist, {"q": "Judith"}).status_code == 200, changelist
        first = model.objects.first()
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        assert client.get(change).status_code == 200, change


def test_the_admin_asks_a_visitor_to_sign_in(client):
    # The home page is the service now (tests/web); the admin stays at /admin/.
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
