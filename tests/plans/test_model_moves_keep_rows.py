"""Models that moved between apps (docs/adr/0020-layers.md) kept every row: a database made
before the moves, holding a plan with its history, progress updates and a pending import,
is migrated to the latest state; every table keeps the same rows, and the moved models'
content types (and so their permissions, admin log and history) now name their new app."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actionplan.monitoring import services
from support.monitoring import at, small_document, stored

# The last migrations before the moves, and the models that moved: (old app, new app, model).
BEFORE = [("core", "0001_initial"), ("plans", "0004_plans_may_share_a_title")]
MOVED = [("core", "plans", "pendingimport")]


def rows() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (the whole row, not just a count)."""
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in ("django_migrations", "django_content_type"):
                continue  # what the migrations change, checked on its own
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            found[table] = sorted(cursor.fetchall(), key=repr)
    return found


def content_types() -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {model: (pk, app) for pk, app, model in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_database_made_before_the_moves_keeps_every_row(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    old = executor.loader.project_state(BEFORE).apps

    # The tables are the same before and after the moves, so today's code can fill them:
    # a plan with its history and an update; the pending import through the old model.
    user = get_user_model().objects.create_user("judith")
    plan = stored(small_document())
    action = plan.recommendations.first().actions.first()
    services.record_update(
        action, user=user, status="on_track", narrative="Going well", at=at(2013, 1, 7)
    )
    pending = old.get_model("core", "PendingImport").objects.create(
        user_id=user.pk, filename="plan.docx", data=b"PK", plan_id=plan.pk
    )
    before, types_before = rows(), content_types()
    assert before["core_pendingimport"] and before["plans_progressrecord"]
    assert before["plans_historicalaction"]

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    assert rows() == before
    types_after = content_types()
    for old_app, new_app, model in MOVED:
        assert types_before[model][1] == old_app
        types_before[model] = (types_before[model][0], new_app)
    assert types_after == types_before  # the same ids; only the moved ones changed app
    from actionplan.plans.models import PendingImport

    assert PendingImport.objects.get(pk=pending.pk).filename == "plan.docx"
