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


def columns() -> dict[str, list[str]]:
    """Each table's columns, by name."""
    with connection.cursor() as cursor:
        return {
            table: [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for table in connection.introspection.table_names(cursor)
        }


def rows(only: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of every table named, in a stable order (the whole row, not just a count),
    with only the columns named: migrations after the moves may add columns."""
    found = {}
    with connection.cursor() as cursor:
        for table, names in sorted(only.items()):
            if table in ("django_migrations", "django_content_type"):
                continue  # what the migrations change, checked on its own
            listed = ", ".join(connection.ops.quote_name(n) for n in names)
            cursor.execute(f"SELECT {listed} FROM {connection.ops.quote_name(table)}")
            found[table] = sorted(cursor.fetchall(), key=repr)
    return found


def content_types() -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {model: (pk, app) for pk, app, model in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_database_made_before_the_moves_keeps_every_row(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Today's code fills the database (a plan with its history, an update, a pending import);
    # it is then migrated back to before the moves, which is the database to keep, and on
    # to the latest state again. Filling it through today's models needs today's tables.
    user = get_user_model().objects.create_user("judith")
    plan = stored(small_document())
    action = plan.recommendations.first().actions.first()
    services.record_update(
        action, user=user, status="on_track", narrative="Going well", at=at(2013, 1, 7)
    )
    from actionplan.plans.models import PendingImport

    pending = PendingImport.objects.create(
        user=user, filename="plan.docx", data=b"PK", plan_id=plan.pk
    )
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)

    old_columns = columns()
    before, types_before = rows(old_columns), content_types()
    assert before["core_pendingimport"] and before["plans_progressrecord"]
    assert before["plans_historicalaction"]
    assert types_before["pendingimport"][1] == "core"

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    assert rows(old_columns) == before
    types_after = content_types()
    for old_app, new_app, model in MOVED:
        assert types_before[model][1] == old_app
        types_before[model] = (types_before[model][0], new_app)
    # The same ids; only the moved ones changed app (later migrations may add new ones).
    assert {m: types_after[m] for m in types_before} == types_before
    assert PendingImport.objects.get(pk=pending.pk).filename == "plan.docx"
