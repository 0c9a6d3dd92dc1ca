"""A past "as at" is rebuilt from the history once, then read from the cache until the
plan is written to (monitoring/cached.py, ADR 0024)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.accounts.models import Membership, Role
from actionplan.monitoring import services, versions
from actionplan.monitoring.models import RagRuleSet
from actionplan.monitoring.rag import DEFAULT_RULES
from actionplan.plans import corrections
from actionplan.plans.models import Action, Party
from support.monitoring import D, at, small_document, stored

PAST = "?as_at=2013-03-15"


def test_a_second_request_for_the_same_past_day_is_cheaper_and_a_write_changes_it(
    client, django_user_model, monkeypatch
):
    plan = stored(small_document(actions=3))
    action = Action.objects.filter(recommendation__plan=plan).order_by("order").first()
    officer = django_user_model.objects.create_user("officer")
    judith = Party.objects.get(organisation=plan.organisation, name="Judith Hay")
    Membership.objects.create(user=officer, plan=plan, role=Role.LEAD_OFFICER, party=judith)
    client.force_login(officer)
    urls = [
        reverse("plans:dashboard", args=[plan.pk]),
        reverse("plans:recommendation", args=[plan.pk, action.recommendation_id]),
        reverse("plans:due", args=[plan.pk]),
        reverse("plans:actions", args=[plan.pk]),
        reverse("plans:action", args=[plan.pk, action.pk]),
    ]
    for url in urls:
        cache.clear()  # the dashboard's whole plan would serve the due and actions pages
        with CaptureQueriesContext(connection) as first:
            assert client.get(url + PAST).status_code == 200
        with CaptureQueriesContext(connection) as second:
            assert client.get(url + PAST).status_code == 200
        assert len(second) < len(first), (url, len(first), len(second))

    before = versions.current(plan.pk)
    page = client.get(urls[-1] + PAST).content.decode()
    assert "Written on 14 March" not in page
    # An update recorded as written on 14 March (as loading a council's past updates does):
    # the one kind of write that changes a past day.
    services.record_update(
        action,
        user=officer,
        status="on_track",
        narrative="Written on 14 March",
        as_at=D(2013, 3, 14),
        at=at(2013, 3, 14),
    )
    assert versions.current(plan.pk) > before  # bumped in the write's transaction
    assert "Written on 14 March" in client.get(urls[-1] + PAST).content.decode()


def test_every_write_that_marks_the_state_stale_bumps_the_version(django_user_model):
    plan = stored(small_document(actions=2))
    action = Action.objects.filter(recommendation__plan=plan).first()
    user = django_user_model.objects.create_user("someone")
    start = versions.current(plan.pk)
    services.record_update(action, user=user, narrative="Going well", status="on_track")
    assert versions.current(plan.pk) > start
    again = versions.current(plan.pk)
    RagRuleSet.objects.create(plan=plan, data=DEFAULT_RULES.to_data())
    assert versions.current(plan.pk) > again


def test_renaming_a_person_shows_in_a_past_as_at_already_cached(client, django_user_model):
    # The snapshot reads people's names as they are now: a correction bumps every plan of
    # the council, so the cached past day is rebuilt with the new name.
    plan = stored(small_document(actions=2))
    lead = django_user_model.objects.create_user("lead")
    Membership.objects.create(user=lead, plan=plan, role=Role.IMPROVEMENT_LEAD)
    client.force_login(lead)
    url = reverse("plans:actions", args=[plan.pk]) + PAST
    assert "Judith Hay" in client.get(url).content.decode()
    judith = Party.objects.get(organisation=plan.organisation, name="Judith Hay")
    corrections.edit_party(
        judith, user=lead, reason="Married", name="Judith Brown", kind=judith.kind, plan=plan
    )
    page = client.get(url).content.decode()
    assert "Judith Brown" in page and "Judith Hay" not in page
