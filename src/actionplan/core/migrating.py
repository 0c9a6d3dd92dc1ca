"""For migrations that move a model from one app to another without moving a row: the table
keeps its name (Meta.db_table), so only Django's own records of the model change app."""

from __future__ import annotations

from django.db import migrations


def move_content_types(old_app: str, new_app: str, *models: str) -> migrations.RunPython:
    """Point the content types of `models` (lower-case names) at `new_app`, so the admin,
    history and permissions (which hang off the content type) keep working. Reversible."""

    def move(apps, schema_editor, source=old_app, target=new_app):
        content_type = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in models:
            # A row made for the new app already (nothing should have) gives way to the old
            # one, which permissions and log entries point at.
            content_type.objects.using(db).filter(app_label=target, model=model).delete()
            content_type.objects.using(db).filter(app_label=source, model=model).update(
                app_label=target
            )

    def back(apps, schema_editor):
        move(apps, schema_editor, source=new_app, target=old_app)

    return migrations.RunPython(move, back)
