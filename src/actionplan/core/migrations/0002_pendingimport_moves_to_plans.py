# PendingImport moves to plans (docs/adr/0020-layers.md). Its table stays where it is: this
# only takes it out of core's state; plans 0005 adds it to plans' and moves its content type.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PendingImport")],
            database_operations=[],
        ),
    ]
