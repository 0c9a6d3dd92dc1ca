"""Finding 1: an improvement lead of any plan of a council uploaded a file with another
plan's title and start date, confirmed it, became that plan's improvement lead and
overwrote it. An import now updates only a plan its importer already leads, gives nobody a
role in a plan that exists, and leaves the people and bodies other plans use as they are
(plans.imports, plans.services.store_plan). The attacks, through the web client."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan import interchange as ix
from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Action, Body, ImportWarning, Party, Plan, ProgressRecord
from support.factories import plan_document
from support.seed import SEED

PASSWORD = "correct horse battery staple"


@pytest.fixture
def mallory(client, personas):
    """An improvement lead of another plan of the same council, signed in."""
    theirs = Plan.objects.create(organisation=personas.plan.organisation, title="Early help plan")
    user = get_user_model().objects.create_user("mallory", "m@example.gov.uk", PASSWORD)
    Membership.objects.create(user=user, plan=theirs, role=Role.IMPROVEMENT_LEAD)
    client.force_login(user)
    return user


def what_it_shows(plan: Plan) -> dict:
    """Everything an import could change in a plan, as its pages would show it."""
    return {
        "plan": Plan.objects.filter(pk=plan.pk).values().get(),
        "actions": sorted(
            Action.objects.filter(recommendation__plan=plan).values_list(
                "pk", "key", "text", "retired", "version"
            )
        ),
        "progress": ProgressRecord.objects.filter(action__recommendation__plan=plan).count(),
        "members": sorted(plan.memberships.values_list("user__username", "role")),
        "people": sorted(
            Party.objects.filter(organisation=plan.organisation).values_list(
                "name", "aliases", "job_role", "employer"
            )
        ),
        "bodies": sorted(
            Body.objects.filter(organisation=plan.organisation).values_list(
                "name", "abbreviation", "aliases", "kind"
            )
        ),
    }


def import_file(client, name: str, data: bytes):
    """Upload, then confirm, as the import pages are used."""
    uploaded = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})
    assert uploaded.status_code == 302, uploaded.content.decode()[:2000]
    return client.post(
        uploaded["Location"],
        {"organisation": "North Yorkshire County Council", "update": "confirmed"},
    )


def test_a_file_with_another_plans_title_and_date_makes_a_new_plan_not_a_takeover(
    client, personas, mallory
):
    target = personas.plan
    dashboard = reverse("plans:dashboard", args=[target.pk])
    before = what_it_shows(target)
    assert client.get(dashboard).status_code == 404

    confirmed = import_file(client, "north_yorkshire.txt", SEED.read_bytes())

    assert what_it_shows(target) == before
    assert client.get(dashboard).status_code == 404
    assert not Membership.objects.filter(user=mallory, plan=target).exists()
    new = Plan.objects.exclude(pk=target.pk).get(
        title=target.title, organisation=target.organisation
    )
    assert confirmed["Location"] == reverse("plans:dashboard", args=[new.pk])
    assert Membership.objects.get(user=mallory, plan=new).role == Role.IMPROVEMENT_LEAD


def test_a_cut_down_file_cannot_retire_or_delete_another_plans_actions(
    client, personas, mallory, seed_doc
):
    target = personas.plan
    before = what_it_shows(target)
    attack = seed_doc.model_copy(deep=True)
    attack.recommendations = attack.recommendations[:1]
    attack.recommendations[0].actions = attack.recommendations[0].actions[:1]

    import_file(client, "plan.json", attack.to_json().encode())

    assert what_it_shows(target) == before


def test_a_file_cannot_rename_merge_or_relabel_people_and_bodies_another_plan_shows(
    client, personas, mallory, seed_doc
):
    target = personas.plan
    judith = Party.objects.get(organisation=target.organisation, name="Judith Hay")
    before = what_it_shows(target)
    people_page = client_page(personas, "plans:people", target)
    bodies_page = client_page(personas, "plans:bodies", target)
    attack = seed_doc.model_copy(deep=True, update={"plan": seed_doc.plan.model_copy()})
    attack.plan.title = "Quite another plan"
    for person in attack.people:
        person.aliases = [*person.aliases, "Not to be trusted"]
        person.role = "Former employee"
        person.organisation = "Elsewhere"
    for body in attack.bodies:
        body.abbreviation = "JOKE"
        body.aliases = [*body.aliases, "Rubber stamp"]
        body.kind = "pub quiz"

    import_file(client, "plan.json", attack.to_json().encode())

    assert what_it_shows(target) == before
    assert client_page(personas, "plans:people", target) == people_page
    assert client_page(personas, "plans:bodies", target) == bodies_page
    judith.refresh_from_db()
    assert "Not to be trusted" not in judith.aliases
    new = Plan.objects.get(title="Quite another plan")
    kept = ImportWarning.objects.filter(plan=new, text="Judith Hay").get()
    assert "another plan names it too" in kept.message


def client_page(personas, name, plan) -> str:
    """The page as the plan's own improvement lead sees it."""
    from django.test import Client

    own = Client()
    own.force_login(personas.improvement_lead)
    return own.get(reverse(name, args=[plan.pk])).content.decode()


def test_the_plans_own_improvement_lead_still_updates_it_in_place(client, personas, seed_doc):
    target = personas.plan
    client.force_login(personas.improvement_lead)
    update = seed_doc.model_copy(deep=True)
    update.recommendations[0].actions[0].text = "Reworded by the improvement lead"
    for person in update.people:
        person.aliases = [*person.aliases, "New alias"]

    confirmed = import_file(client, "plan.json", update.to_json().encode())

    assert confirmed["Location"] == reverse("plans:dashboard", args=[target.pk])
    assert Plan.objects.filter(title=target.title, organisation=target.organisation).count() == 1
    assert Action.objects.filter(
        recommendation__plan=target, text="Reworded by the improvement lead"
    ).exists()
    assert (
        "New alias"
        in Party.objects.get(organisation=target.organisation, name="Judith Hay").aliases
    )
    assert sorted(target.memberships.values_list("user__username", "role")) == sorted(
        what_it_shows(target)["members"]
    )


def test_the_preview_says_which_plan_it_will_update_or_that_it_makes_a_new_one(
    client, personas, mallory
):
    uploaded = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("plan.txt", SEED.read_bytes())}
    )
    preview = client.get(uploaded["Location"]).content.decode()
    assert "It will be a new plan." in preview

    client.force_login(personas.improvement_lead)
    uploaded = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("plan.txt", SEED.read_bytes())}
    )
    preview = client.get(uploaded["Location"]).content.decode()
    assert "It updates your plan" in preview
    assert reverse("plans:dashboard", args=[personas.plan.pk]) in preview


def test_a_people_record_only_the_importers_own_plans_use_is_theirs_to_change(
    client, personas, mallory
):
    doc = plan_document(
        title="Early help plan",
        organisation="North Yorkshire County Council",
        recommendations=0,
        people=[ix.Person(name="Pat Newperson", aliases=["PN"])],
    )
    import_file(client, "plan.json", doc.to_json().encode())
    doc.people[0].aliases = ["PN", "Patricia"]

    import_file(client, "plan.json", doc.to_json().encode())

    assert Party.objects.get(name="Pat Newperson").aliases == ["PN", "Patricia"]
