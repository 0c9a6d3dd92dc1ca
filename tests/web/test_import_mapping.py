"""The mapping step of the web import: the header row and each column's meaning shown and
changed, a refused file becoming a choice of header row, the layout saved for the council on
confirm and used for its next file, never for another council's."""

from __future__ import annotations

import html as htmllib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument

from actionplan.accounts.models import Membership, Role
from actionplan.importing.layout import Layout, signature
from actionplan.importing.readers import read_bytes
from actionplan.plans.models import Organisation, PendingImport, Plan, SavedLayout
from support.layouts import HEADER, renamed_tracker
from support.seed import SEED

NAME = "audit-tracker.xlsx"


def lead_of(client, council: str, username: str = "lead"):
    org = Organisation.objects.create(name=council, slug=council.lower().replace(" ", "-"))
    plan = Plan.objects.create(organisation=org, title="An older plan")
    user = get_user_model().objects.create_user(username, "", "pw")
    Membership.objects.create(user=user, plan=plan, role=Role.IMPROVEMENT_LEAD)
    client.force_login(user)
    return org, user


@pytest.fixture
def reading(client, db):
    return lead_of(client, "Reading Borough Council")


def upload(client, data: bytes, name: str = NAME):
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def row_index(where: str) -> str:
    rows = read_bytes(renamed_tracker(), NAME).rows
    return str(next(i for i, r in enumerate(rows) if r.where == where))


def column(html: str, header: str) -> str:
    """The name of the select for the column headed `header`."""
    label = re.search(
        rf'<label class="govuk-label[^"]*" for="id_(column_\d+)">Column ‘{header}', html
    )
    assert label, f"no select for {header!r}"
    return label.group(1)


def mapping_url(location: str) -> str:
    pending = location.rstrip("/").rsplit("/", 1)[-1]
    return reverse("plans:import_mapping", args=[pending])


def choose_header_and_columns(client, location: str) -> None:
    """What a person does with the refused tracker: name row 4, then its three columns."""
    header = row_index(HEADER)
    response = client.post(
        mapping_url(location), {"header": header, "shown_header": "", "sheet": "Cover"}
    )
    assert response.status_code == 302
    html = client.get(location).content.decode()
    posted = {
        "header": header,
        "shown_header": header,
        "shown_sheet": "Tracker",
        "sheet": "Tracker",
    }
    for name, value in re.findall(
        r'<select name="(column_\d+)"[^>]*>.*?<option value="([^"]*)" selected', html, re.S
    ):
        posted[name] = value
    posted[column(html, "Observation")] = "recommendation"
    posted[column(html, "Way forward")] = "response"
    posted[column(html, "Officer")] = "leads"
    assert client.post(mapping_url(location), posted).status_code == 302


def test_the_preview_shows_the_header_row_and_each_columns_meaning_and_certainty(client, db):
    lead_of(client, "North Yorkshire County Council")
    html = client.get(upload(client, SEED.read_bytes(), "north_yorkshire.txt")).content.decode()
    assert 'id="mapping"' in html
    assert "Row that holds the column headings" in html
    key_actions = column(html, "Key Actions Summary")
    select = html[html.index(f'name="{key_actions}"') :]
    assert re.match(r'[^>]*>.*?<option value="action" selected', select, re.S)
    hint = html[html.index(f'id="id_{key_actions}-hint"') :][:300]
    assert "% sure: " in hint


def test_a_refused_file_becomes_a_choice_of_header_row(client, reading):
    location = upload(client, renamed_tracker())
    response = client.get(location)
    html = htmllib.unescape(response.content.decode())
    assert "Which row holds the column headings?" in html
    assert "Sheet 'Tracker', row 4: AR No. | Audit Title" in html
    assert 'id="confirm"' not in html  # nothing to import until a header is chosen
    assert PendingImport.objects.get().layout == ""


def test_a_file_with_no_rows_to_choose_from_is_still_refused(client, reading):
    response = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("notes.txt", b"just some words\n")}
    )
    assert response.status_code == 200
    assert "no table header found" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_chosen_header_and_meanings_are_previewed_then_saved_for_the_council(client, reading):
    org, user = reading
    location = upload(client, renamed_tracker())
    choose_header_and_columns(client, location)
    pending = PendingImport.objects.get()
    layout = Layout.from_json(pending.layout)
    assert (layout.sheet, layout.header_row, layout.columns["Way forward"].value) == (
        "Tracker",
        4,
        "response",
    )
    html = client.get(location).content.decode()
    assert "Check the plan before you import it" in html
    assert "8 recommendations, 8 actions" in html
    assert "Direct Payments Team Manager" in html
    assert not SavedLayout.objects.exists()  # saved on confirm, not on preview

    assert client.post(location, {"organisation": org.name}).status_code == 302
    saved = SavedLayout.objects.get()
    assert saved.organisation == org and saved.saved_by == user
    assert Layout.from_json(saved.layout).columns["Officer"].value == "leads"
    assert [h.history_user_id for h in saved.history.all()] == [user.pk]


def test_the_saved_layout_reads_the_next_file_of_that_layout(client, reading):
    org, _ = reading
    first = upload(client, renamed_tracker())
    choose_header_and_columns(client, first)
    client.post(first, {"organisation": org.name})

    html = client.get(upload(client, renamed_tracker(), "audit-tracker-may.xlsx")).content.decode()
    assert "Using your saved layout from" in html
    assert "8 recommendations, 8 actions" in html
    assert 'id="mapping-form"' in html  # and it can be changed


def test_another_councils_layout_is_never_used(client, db):
    other = Organisation.objects.create(name="Wokingham Borough Council", slug="wokingham")
    layout = Layout.from_options(
        ["Observation=recommendation", "Way forward=response", "Officer=lead"], 4, "Tracker"
    )
    rows = read_bytes(renamed_tracker(), NAME).rows
    layout.signature = signature(next(r for r in rows if r.where == HEADER).cells)
    SavedLayout.objects.create(
        organisation=other, signature=layout.signature, layout=layout.to_json()
    )

    lead_of(client, "Reading Borough Council")
    html = client.get(upload(client, renamed_tracker())).content.decode()
    assert "Which row holds the column headings?" in html
    assert "Using your saved layout" not in html


def test_a_meaning_not_in_the_list_is_reported_next_to_its_column(client, reading):
    location = upload(client, SEED.read_bytes(), "north_yorkshire.txt")
    html = client.get(location).content.decode()
    name = column(html, "Key Actions Summary")
    header = re.search(r'name="shown_header" value="(\d+)"', html).group(1)
    response = client.post(
        mapping_url(location), {"header": header, "shown_header": header, name: "banana"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert f'<a href="#id_{name}">Choose a meaning from the list</a>' in page
    group = page[: page.index(f'<select name="{name}"')]
    assert "govuk-error-message" in group[group.rindex('<div class="govuk-form-group') :]
    assert PendingImport.objects.get().layout == ""


def test_a_mapping_with_nothing_to_be_done_is_refused_next_to_the_first_column(client, reading):
    location = upload(client, SEED.read_bytes(), "north_yorkshire.txt")
    html = client.get(location).content.decode()
    header = re.search(r'name="shown_header" value="(\d+)"', html).group(1)
    posted = {n: "" for n in re.findall(r'<select name="(column_\d+)"', html)}
    posted |= {"header": header, "shown_header": header}
    page = client.post(mapping_url(location), posted).content.decode()
    assert "Choose the column that says what is to be done" in page
    assert "govuk-form-group--error" in page


def test_a_header_row_not_offered_is_refused(client, reading):
    location = upload(client, renamed_tracker())
    page = client.post(
        mapping_url(location), {"header": "99999", "shown_header": ""}
    ).content.decode()
    assert (
        '<a href="#id_header_0">Choose the row that holds the column headings from the list</a>'
        in page
    )


def test_nobody_maps_someone_elses_upload(client, reading, personas):
    pending = PendingImport.objects.create(
        user=personas.improvement_lead, filename=NAME, data=renamed_tracker()
    )
    response = client.post(reverse("plans:import_mapping", args=[pending.pk]), {"header": "1"})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.layout == ""


def test_a_plan_of_labelled_paragraphs_has_no_rows_to_choose(client, reading):
    word = WordDocument()
    word.add_paragraph("Our response")
    for text in ("The Service should manage risk", "The Service should use data"):
        word.add_paragraph(text)
        word.add_paragraph("Action Taken")
        word.add_paragraph("A risk board meets monthly")
        word.add_paragraph("Status: In Progress")
    data = io.BytesIO()
    word.save(data)
    html = client.get(upload(client, data.getvalue(), "response.docx")).content.decode()
    assert "Check the plan before you import it" in html
    assert 'id="mapping-form"' not in html
