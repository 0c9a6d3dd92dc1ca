"""The admin shows the monitoring records, and changes none of them."""

import pytest
from django.contrib import admin
from django.urls import reverse

from actionplan.monitoring import services
from support.monitoring import at

pytestmark = pytest.mark.django_db


def test_each_monitoring_list_and_record_opens_read_only(
    client, action, people, plan, django_user_model
):
    services.set_rag_rules(plan, services.rules_for(plan).to_data(), user=people.lead)
    services.override_rag(action, user=people.lead, colour="red", reason="Escalated")
    record = services.record_update(
        action,
        user=people.officer,
        status="on_track",
        narrative="x",
        links=[services.Link("https://example.org")],
        at=at(2013, 1, 7),
    )
    services.answer(
        services.ask(action, user=people.member, question="Why?"),
        user=people.officer,
        text="Because",
    )
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))

    for model in [m for m in admin.site._registry if m._meta.app_label == "monitoring"]:
        opts = model._meta
        assert (
            client.get(reverse(f"admin:monitoring_{opts.model_name}_changelist")).status_code == 200
        )
        change = reverse(
            f"admin:monitoring_{opts.model_name}_change", args=[model.objects.first().pk]
        )
        page = client.get(change)
        assert page.status_code == 200, change
        assert b'name="_save"' not in page.content
    assert record.evidence.count() == 1
