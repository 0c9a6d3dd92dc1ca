"""Reopening an action signed off by mistake: the improvement lead's page, with a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.monitoring import services, statuses
from actionplan.plans.models import ProgressRecord


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, action):
    return reverse(name, args=[action.recommendation.plan_id, action.pk])


def signed_off(personas):
    """The lead officer's action, off track at 30%, then proposed and signed off."""
    action = personas.led_action()
    services.record_update(
        action,
        user=personas.lead_officer,
        status="off_track",
        narrative="Late",
        percent_complete=30,
    )
    for service, user, words in (
        (services.propose_completion, personas.lead_officer, {"impact": "Files show views"}),
        (services.accept_completion, personas.improvement_lead, {"note": "Checked the audit"}),
    ):
        action.refresh_from_db()
        service(action, user=user, expected_version=action.version, **words)
    action.refresh_from_db()
    return action


REOPEN_BUTTON = "Reopen the action</a>"


def test_the_improvement_lead_reopens_a_signed_off_action_with_a_reason(client, personas):
    action = signed_off(personas)
    client.force_login(personas.improvement_lead)
    assert REOPEN_BUTTON in client.get(url("plans:action", action)).content.decode()
    page = client.get(url("plans:reopen_action", action)).content.decode()
    assert "Completion signed off by" in page and "Checked the audit" in page

    records = ProgressRecord.objects.filter(action=action).count()
    empty = client.post(url("plans:reopen_action", action), {"version": action.version})
    html = empty.content.decode()
    assert 'class="govuk-error-summary"' in html and "Say why the action is reopened" in html
    assert ProgressRecord.objects.filter(action=action).count() == records

    response = client.post(
        url("plans:reopen_action", action),
        {"version": action.version, "reason": "Signed off in error: the audit is of 2012"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("plans:action", action)
    record = ProgressRecord.objects.filter(action=action).latest("id")
    assert (record.source, record.status, record.percent_complete, record.author) == (
        "reopen",
        statuses.OFF_TRACK,
        30,
        personas.improvement_lead,
    )
    page = client.get(url("plans:action", action)).content.decode()
    assert "Reopened: the action is back" in page
    history = page[page.index('id="history"') :]
    assert "Reopened" in history and "Signed off in error: the audit is of 2012" in history
    assert REOPEN_BUTTON not in page and "Add a progress update</a>" in page


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member", "inspector"])
def test_only_the_improvement_lead_may_reopen(client, personas, persona):
    action = signed_off(personas)
    client.force_login(personas.all()[persona])
    assert REOPEN_BUTTON not in client.get(url("plans:action", action)).content.decode()
    response = client.post(
        url("plans:reopen_action", action), {"version": action.version, "reason": "Mine now"}
    )
    assert response.status_code == 403
    assert services.current_status(action) == statuses.COMPLETE


def test_an_action_that_is_not_complete_is_not_reopened(client, personas):
    action = personas.led_action()
    client.force_login(personas.improvement_lead)
    assert REOPEN_BUTTON not in client.get(url("plans:action", action)).content.decode()
    response = client.post(
        url("plans:reopen_action", action), {"version": action.version, "reason": "Why not"}
    )
    html = response.content.decode()
    assert "This action is not complete" in html and "<form" not in html.split("govuk-main")[-1]
    assert not ProgressRecord.objects.filter(action=action, source="reopen").exists()


def test_a_reopening_on_a_version_someone_has_since_changed_is_refused(client, personas):
    action = signed_off(personas)
    seen = action.version
    services.edit_action(action.pk, {"text": "Reworded"}, seen, personas.improvement_lead)
    client.force_login(personas.improvement_lead)
    response = client.post(
        url("plans:reopen_action", action), {"version": seen, "reason": "Signed off in error"}
    )
    assert "after you opened it" in response.content.decode()
    assert services.current_status(action) == statuses.COMPLETE
