"""The plan as a file from the dashboard: xlsx, CSV or JSON, read back by the importer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.importing.pipeline import parse_bytes
from actionplan.monitoring import services
from actionplan.plans.exporting import plan_to_document


def export_url(plan, fmt):
    return reverse("plans:export", args=[plan.pk, fmt])


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_a_member_downloads_the_plan_and_the_importer_reads_it_back(client, personas, fmt):
    plan = personas.plan
    action = personas.led_action()
    services.record_update(
        action, user=personas.lead_officer, status="off_track", narrative="Two posts vacant"
    )
    client.force_login(personas.member)

    response = client.get(export_url(plan, fmt))

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="post-inspection-action-plan-')
    assert disposition.endswith(f'.{fmt}"')
    back = parse_bytes(response.content, f"plan.{fmt}")
    original = plan_to_document(plan)
    assert [r.number for r in back.recommendations] == [r.number for r in original.recommendations]
    assert sum(len(r.actions) for r in back.recommendations) == sum(
        len(r.actions) for r in original.recommendations
    )
    assert "Two posts vacant" in str(back.model_dump())


def test_the_dashboard_links_each_format(client, personas):
    client.force_login(personas.partner)
    html = client.get(reverse("plans:dashboard", args=[personas.plan.pk])).content.decode()
    for fmt in ("xlsx", "csv", "json"):
        assert export_url(personas.plan, fmt) in html


def test_an_unknown_format_is_not_found(client, personas):
    client.force_login(personas.improvement_lead)
    assert client.get(export_url(personas.plan, "docx")).status_code == 404


def test_another_councils_plan_is_not_found(client, personas):
    client.force_login(personas.outsider)
    assert client.get(export_url(personas.plan, "xlsx")).status_code == 404
