"""The import's mapping step in a real browser: a tracker the importer refuses gets its
header row and column meanings from the user, the layout is saved with the import, and the
next file of that layout is read with it. axe on each page."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Organisation, Plan, SavedLayout
from support.browser import PASSWORD, axe_violations, sign_in
from support.layouts import renamed_tracker


def upload(page, path) -> None:
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Upload a plan file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()


def preview_again(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Preview again").click()


def test_a_lead_maps_a_refused_tracker_and_the_next_file_uses_the_layout(
    page, live_server, transactional_db, tmp_path
):
    org = Organisation.objects.create(name="Reading Borough Council", slug="reading")
    older = Plan.objects.create(organisation=org, title="Adult social care plan")
    lead = get_user_model().objects.create_user("lead@example.gov.uk", "", PASSWORD)
    Membership.objects.create(user=lead, plan=older, role=Role.IMPROVEMENT_LEAD)
    tracker = tmp_path / "audit-tracker-april.xlsx"
    tracker.write_bytes(renamed_tracker())

    sign_in(page, live_server, lead.username)
    upload(page, tracker)
    page.get_by_role("heading", name="Which row holds the column headings?").wait_for()
    assert axe_violations(page) == []

    page.get_by_label("Sheet 'Tracker', row 4: AR No.", exact=False).check()
    preview_again(page)
    # Row 4 has no column the importer reads as what is to be done: the user says which.
    page.get_by_label("Column ‘Observation’").select_option("recommendation")
    page.get_by_label("Column ‘Way forward’").select_option("response")
    page.get_by_label("Column ‘Officer’").select_option("leads")
    preview_again(page)

    page.get_by_role("heading", name="Check the plan before you import it").wait_for()
    assert page.get_by_text("8 recommendations, 8 actions").is_visible()
    assert page.get_by_label("Column ‘Way forward’").input_value() == "response"
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Import this plan").click()
    assert page.get_by_text("The plan has been imported").is_visible()
    assert SavedLayout.objects.get().organisation == org

    may = tmp_path / "audit-tracker-may.xlsx"
    may.write_bytes(renamed_tracker())
    upload(page, may)
    page.get_by_role("heading", name="Check the plan before you import it").wait_for()
    assert page.get_by_text("Using your saved layout from").is_visible()
    assert page.get_by_text("8 recommendations, 8 actions").is_visible()
    assert page.get_by_label("Column ‘Officer’").input_value() == "leads"
    assert axe_violations(page) == []
