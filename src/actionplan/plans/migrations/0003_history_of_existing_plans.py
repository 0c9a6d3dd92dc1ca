"""A first historical record for every row stored before history was kept, dated when its
plan was stored, so that a plan imported earlier can be read "as at" a date too."""

from django.db import migrations
from django.db.models import F

# Each tracked model, and the path from it to its plan's created_at.
TRACKED = {
    "Plan": "created_at",
    "Recommendation": "plan__created_at",
    "Responsibility": "recommendation__plan__created_at",
    "Action": "recommendation__plan__created_at",
    "ActionParty": "action__recommendation__plan__created_at",
    "Milestone": "action__recommendation__plan__created_at",
    "ReportingRequirement": "action__recommendation__plan__created_at",
}


def record_existing(apps, schema_editor):
    for name, stored_at in TRACKED.items():
        model = apps.get_model("plans", name)
        historical = apps.get_model("plans", f"Historical{name}")
        fields = [
            f.attname for f in historical._meta.concrete_fields if not f.name.startswith("history_")
        ]
        recorded = historical.objects.values("id")
        rows = model.objects.exclude(pk__in=recorded).annotate(stored_at=F(stored_at))
        batch = [
            historical(
                history_date=row.stored_at,
                history_type="+",
                history_change_reason="stored before history was kept",
                **{f: getattr(row, f) for f in fields},
            )
            for row in rows.iterator(chunk_size=2000)
        ]
        historical.objects.bulk_create(batch, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_history_and_progress_updates")]

    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
