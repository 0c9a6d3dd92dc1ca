"""Two sessions saving one action at the same moment, in real concurrent transactions."""

import threading
import time

import pytest
from django.db import connection, transaction

from actionplan.monitoring import services
from actionplan.monitoring.services import StaleEdit
from actionplan.plans.models import Action
from support.monitoring import small_document, stored

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL runs when DATABASE_URL names one (as .ci/run does); SQLite has "
        "one writer at a time",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_of_two_concurrent_saves_of_one_version_exactly_one_goes_through(django_user_model):
    stored(small_document(1))
    action = Action.objects.get()
    seen = action.version
    alice = django_user_model.objects.create_user("alice")
    bob = django_user_model.objects.create_user("bob")
    both_ready = threading.Barrier(2)
    outcomes = {}

    def save(user, text):
        try:
            with transaction.atomic():
                both_ready.wait(timeout=10)
                services.edit_action(action.pk, {"text": text}, seen, user)
                # Hold the row lock a moment, so that the other save waits on it. Had it come
                # after the commit instead, it would find the new version: the same outcome.
                time.sleep(0.5)
            outcomes[user.username] = "saved"
        except StaleEdit:
            outcomes[user.username] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(alice, "Alice's wording")),
        threading.Thread(target=save, args=(bob, "Bob's wording")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes.values()) == ["refused", "saved"]
    action.refresh_from_db()
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert action.text == {"alice": "Alice's wording", "bob": "Bob's wording"}[winner]
    assert action.version == seen + 1
