"""Importing through the web: upload, preview with every warning, confirm once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Action, Organisation, PendingImport, Plan
from actionplan.plans.showing import all_warnings
from support.seed import SEED


@pytest.fixture
def lead(client, personas):
    client.force_login(personas.improvement_lead)
    return client


def upload(client, data: bytes, name: str = "north_yorkshire.txt"):
    return client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})


def test_the_upload_page_has_a_file_input_the_govuk_way(lead):
    html = lead.get(reverse("plans:import")).content.decode()
    assert 'class="govuk-file-upload"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_file_that_is_not_a_plan_is_refused_with_its_name_and_problem(lead):
    response = upload(lead, b"just some words\n", "notes.txt")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Import a plan – actionplan</title>" in html
    assert 'class="govuk-error-summary"' in html
    assert "notes.txt: " in html
    assert 'href="#id_file"' in html
    assert not PendingImport.objects.exists()


def test_no_file_asks_for_one(lead):
    response = lead.post(reverse("plans:import"), {})
    assert "Select a plan file" in response.content.decode()


def test_preview_shows_every_warning_and_writes_nothing(lead, personas, seed_doc):
    plans, actions = Plan.objects.count(), Action.objects.count()
    response = upload(lead, SEED.read_bytes())
    assert response.status_code == 302
    preview = lead.get(response["Location"])
    html = preview.content.decode()
    warnings = all_warnings(seed_doc)
    assert warnings
    assert f"Warnings ({len(warnings)})" in html
    assert html.count("<li>", html.index('id="warning-list"')) >= len(warnings)
    assert (Plan.objects.count(), Action.objects.count()) == (plans, actions)


def importer(client, **names):
    """A council with a plan already, and its improvement lead, signed in, who will import
    the seed as a new plan."""
    org = Organisation.objects.create(name="North Yorkshire County Council", slug="nycc")
    other = Plan.objects.create(organisation=org, title="An older plan")
    user = get_user_model().objects.create_user("lead", "", "pw", **names)
    Membership.objects.create(user=user, plan=other, role=Role.IMPROVEMENT_LEAD)
    client.force_login(user)
    return org, other, user


def test_confirm_stores_the_plan_once_and_lands_on_its_dashboard(client, db, seed_doc):
    org, other, user = importer(client)
    location = upload(client, SEED.read_bytes())["Location"]
    first = client.post(location, {"organisation": org.name})
    plan = Plan.objects.exclude(pk=other.pk).get()
    assert first["Location"] == reverse("plans:dashboard", args=[plan.pk])
    assert Membership.objects.get(user=user, plan=plan).role == Role.IMPROVEMENT_LEAD
    dashboard = client.get(first["Location"])
    assert "The plan has been imported" in dashboard.content.decode()

    actions = Action.objects.count()
    again = client.post(location, {"organisation": org.name})
    assert again["Location"] == first["Location"]
    assert Plan.objects.count() == 2
    assert Action.objects.count() == actions


def test_the_plan_is_stored_for_the_importers_council_whatever_the_file_says(lead, personas):
    data = SEED.read_bytes().replace(b"NORTH YORKSHIRE COUNTY COUNCIL", b"ELSEWHERE COUNCIL", 1)
    location = upload(lead, data)["Location"]
    html = lead.get(location).content.decode()
    assert "Elsewhere Council" in html
    assert "It will be stored as a plan of <strong>North Yorkshire County Council</strong>" in html
    response = lead.post(location, {"organisation": "Elsewhere Council"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Plan.objects.filter(organisation__name="Elsewhere Council").exists()


def test_someone_elses_upload_is_not_found(client, personas):
    pending = PendingImport.objects.create(
        user=personas.improvement_lead, filename="plan.txt", data=SEED.read_bytes()
    )
    client.force_login(personas.outsider)
    response = client.get(reverse("plans:import_preview", args=[pending.pk]))
    assert response.status_code == 404


def test_an_upload_the_importer_no_longer_reads_is_asked_for_again(lead, personas):
    pending = PendingImport.objects.create(
        user=personas.improvement_lead, filename="plan.txt", data=b"no plan here"
    )
    response = lead.get(reverse("plans:import_preview", args=[pending.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "plan.txt: " in html
    assert "govuk-error-message" in html


def test_a_file_over_the_limit_is_refused(lead, settings):
    settings.IMPORT_MAX_BYTES = 10
    response = upload(lead, SEED.read_bytes())
    assert "must be smaller than 1 MB" in response.content.decode()


def test_the_plans_history_names_who_imported_it(client, db):
    org, other, user = importer(client, first_name="Stephanie")
    location = upload(client, SEED.read_bytes())["Location"]
    assert client.post(location, {"organisation": org.name}).status_code == 302
    plan = Plan.objects.exclude(pk=other.pk).get()

    assert {(v.history_user_id, v.history_change_reason) for v in plan.history.all()} == {
        (user.pk, "import")
    }
    actions = Action.history.filter(recommendation__plan=plan)
    assert actions.exists()
    assert set(actions.values_list("history_user_id", flat=True)) == {user.pk}
    action = Action.objects.filter(recommendation__plan=plan).first()
    page = client.get(reverse("plans:action", args=[plan.pk, action.pk])).content.decode()
    history = page[page.index('id="history"') :]
    assert "Stephanie" in history and "The import" not in history


def test_a_reimport_shows_what_it_changes_and_writes_nothing_until_confirmed(lead, personas):
    """Issue 16, point 7: the improvement lead re-imports the seed plan with one action
    reworded; the confirm step shows the difference, and only its own button updates."""
    plan = personas.plan
    action = Action.objects.filter(recommendation__plan=plan).order_by("pk").first()
    data = SEED.read_bytes()
    first_words = " ".join(action.text.split()[:6]).encode()
    assert first_words in data
    location = upload(lead, data.replace(first_words, b"Reworded for the test:", 1))["Location"]
    assert "Check what will change" in lead.get(location).content.decode()

    shown = lead.post(location, {"organisation": plan.organisation.name})

    html = shown.content.decode()
    assert shown.status_code == 200
    assert f"Check what will change in {plan.title}" in html
    assert "Nothing has changed yet" in html
    assert "Reworded for the test:" in html  # the action's text, after the import
    assert 'id="changed"' in html
    assert "progress records, with every update, sign-off" in html
    action.refresh_from_db()
    assert not action.text.startswith("Reworded")
    assert PendingImport.objects.get().plan is None

    done = lead.post(location, {"organisation": plan.organisation.name, "update": "confirmed"})

    assert done["Location"] == reverse("plans:dashboard", args=[plan.pk])
    action.refresh_from_db()
    assert action.text.startswith("Reworded for the test:")
    assert action.history.filter(text__startswith="Reworded").exists()
