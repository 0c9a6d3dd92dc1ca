"""The kind of paper, chosen on the web draft form (issue 14, point 2): the draft keeps it,
its page names it, the preview is that paper, and editing may change it."""

import re

import pytest
import test_paper_pages
from django.urls import reverse
from test_paper_pages import as_user, form_data, url

from actionplan.reports.models import Paper

pytestmark = pytest.mark.django_db
cyplt = test_paper_pages.cyplt  # the fixture: the demo's CYPLT


def checked(html: str) -> str:
    return re.search(r'value="(\w+)" id="id_kind_\d" checked', html).group(1)


@pytest.mark.parametrize(
    ("kind", "label", "title"),
    [
        ("performance", "Six-monthly performance report", "six-monthly performance report"),
        ("highlight", "Highlight report", "highlight report"),
    ],
)
def test_the_lead_drafts_each_kind_and_its_page_and_preview_say_so(
    client, personas, cyplt, kind, label, title
):
    client = as_user(client, personas.improvement_lead)
    form = client.get(reverse("reports:new_paper", args=[personas.plan.pk])).content.decode()
    assert checked(form) == "progress"

    response = client.post(
        reverse("reports:new_paper", args=[personas.plan.pk]), form_data(cyplt, kind=kind)
    )

    paper = Paper.objects.get()
    assert response["Location"] == url("reports:paper", paper)
    assert paper.kind == kind and paper.options["kind"] == kind
    page = client.get(response["Location"]).content.decode()
    assert f'<dd class="govuk-summary-list__value">{label}</dd>' in page
    preview = client.get(url("reports:paper_preview", paper)).content.decode()
    assert f": {title}</h1>" in preview


def test_a_form_without_a_kind_drafts_a_progress_report_and_keeps_its_options(
    client, personas, cyplt
):
    client = as_user(client, personas.improvement_lead)
    client.post(reverse("reports:new_paper", args=[personas.plan.pk]), form_data(cyplt))

    paper = Paper.objects.get()
    assert paper.kind == "progress" and "kind" not in paper.options


def test_editing_a_draft_changes_its_kind_and_a_wrong_one_is_named(client, personas, cyplt):
    client = as_user(client, personas.improvement_lead)
    client.post(
        reverse("reports:new_paper", args=[personas.plan.pk]), form_data(cyplt, kind="highlight")
    )
    paper = Paper.objects.get()
    edit = url("reports:edit_paper", paper)
    assert checked(client.get(edit).content.decode()) == "highlight"

    wrong = client.post(edit, form_data(kind="memo"))
    assert "Select the kind of paper" in wrong.content.decode()
    paper.refresh_from_db()
    assert paper.kind == "highlight"

    client.post(edit, form_data(kind="performance"))
    paper.refresh_from_db()
    assert paper.kind == "performance"
