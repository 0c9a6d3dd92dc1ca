# PendingImport moves here from core (docs/adr/0020-layers.md) without moving a row: the
# model keeps core's table, and its content type (with its permissions) changes app.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from actionplan.core.migrating import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_plans_may_share_a_title"),
        ("core", "0002_pendingimport_moves_to_plans"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PendingImport",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("filename", models.CharField(max_length=255)),
                        ("data", models.BinaryField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "plan",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="plans.plan",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "core_pendingimport", "ordering": ["-created_at"]},
                ),
            ],
            database_operations=[],
        ),
        move_content_types("core", "plans", "pendingimport"),
    ]
