"""The second half of 0001_initial's operations, kept apart only so that no file under src/
runs past 600 lines. Django's migration loader skips modules whose names start with "_", so
this is not a migration of its own; 0001_initial runs these operations after its own, exactly
as they were generated."""

import django.db.models.deletion
from django.db import migrations, models

OPERATIONS = [
    migrations.CreateModel(
        name="ProgressRecord",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("as_at", models.DateField(blank=True, null=True)),
            ("status", models.TextField(blank=True)),
            ("rag", models.TextField(blank=True, help_text="red, amber, green or blue")),
            ("percent_complete", models.PositiveSmallIntegerField(blank=True, null=True)),
            ("text", models.TextField(blank=True)),
            ("source", models.CharField(default="import", max_length=20)),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            (
                "action",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="progress",
                    to="plans.action",
                ),
            ),
        ],
        options={
            "ordering": ["action", "id"],
        },
    ),
    migrations.CreateModel(
        name="Recommendation",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("number", models.TextField()),
            ("title", models.TextField()),
            ("order", models.PositiveIntegerField(default=0)),
            ("overview", models.JSONField(blank=True, default=list)),
            ("where", models.TextField(blank=True)),
            (
                "retired",
                models.BooleanField(
                    default=False,
                    help_text="gone from the latest import but kept for its progress records",
                ),
            ),
            (
                "plan",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="recommendations",
                    to="plans.plan",
                ),
            ),
        ],
        options={
            "ordering": ["plan", "order"],
        },
    ),
    migrations.CreateModel(
        name="CrossReference",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("target_number", models.TextField()),
            ("text", models.TextField(blank=True)),
            ("order", models.PositiveIntegerField(default=0)),
            (
                "action",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="cross_references",
                    to="plans.action",
                ),
            ),
            (
                "recommendation",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="cross_references",
                    to="plans.recommendation",
                ),
            ),
            (
                "target",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="cited_by",
                    to="plans.recommendation",
                ),
            ),
        ],
        options={
            "ordering": ["recommendation", "action", "order"],
        },
    ),
    migrations.AddField(
        model_name="action",
        name="recommendation",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE,
            related_name="actions",
            to="plans.recommendation",
        ),
    ),
    migrations.CreateModel(
        name="ReportingRequirement",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("text", models.TextField()),
            ("due", models.DateField(blank=True, null=True)),
            ("start", models.DateField(blank=True, null=True)),
            ("precision", models.TextField(blank=True)),
            ("frequency", models.TextField(blank=True)),
            ("order", models.PositiveIntegerField(default=0)),
            (
                "body_label",
                models.TextField(blank=True, help_text="the body as the document named it"),
            ),
            (
                "action",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="reporting",
                    to="plans.action",
                ),
            ),
            (
                "body",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="reporting",
                    to="plans.body",
                ),
            ),
        ],
        options={
            "ordering": ["action", "order"],
        },
    ),
    migrations.CreateModel(
        name="Responsibility",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            (
                "text",
                models.TextField(blank=True, help_text="as the document wrote it, if different"),
            ),
            ("order", models.PositiveIntegerField(default=0)),
            (
                "party",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to="plans.party",
                ),
            ),
            (
                "recommendation",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="responsibilities",
                    to="plans.recommendation",
                ),
            ),
        ],
        options={
            "verbose_name_plural": "responsibilities",
            "ordering": ["recommendation", "order"],
        },
    ),
    migrations.AddField(
        model_name="recommendation",
        name="overall_responsibility",
        field=models.ManyToManyField(
            related_name="responsible_for", through="plans.Responsibility", to="plans.party"
        ),
    ),
    migrations.CreateModel(
        name="Timescale",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("key", models.TextField()),
            ("label", models.TextField()),
            ("due", models.DateField(blank=True, null=True)),
            ("text", models.TextField(blank=True)),
            ("order", models.PositiveIntegerField(default=0)),
            (
                "plan",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="timescales",
                    to="plans.plan",
                ),
            ),
        ],
        options={
            "ordering": ["plan", "order"],
        },
    ),
    migrations.AddField(
        model_name="recommendation",
        name="timescale",
        field=models.ForeignKey(
            blank=True,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="+",
            to="plans.timescale",
        ),
    ),
    migrations.CreateModel(
        name="Milestone",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("text", models.TextField()),
            ("due", models.DateField(blank=True, null=True)),
            ("start", models.DateField(blank=True, null=True)),
            ("precision", models.TextField(blank=True)),
            ("frequency", models.TextField(blank=True)),
            ("order", models.PositiveIntegerField(default=0)),
            (
                "action",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="milestones",
                    to="plans.action",
                ),
            ),
        ],
        options={
            "ordering": ["action", "order"],
            "indexes": [models.Index(fields=["due"], name="milestone_due")],
        },
    ),
    migrations.AddConstraint(
        model_name="body",
        constraint=models.UniqueConstraint(
            fields=("organisation", "name"), name="body_unique_name"
        ),
    ),
    migrations.AddConstraint(
        model_name="party",
        constraint=models.UniqueConstraint(
            fields=("organisation", "kind", "name"), name="party_unique_name"
        ),
    ),
    migrations.AddIndex(
        model_name="actionparty",
        index=models.Index(fields=["party", "role"], name="actionparty_party_role"),
    ),
    migrations.AddConstraint(
        model_name="planbody",
        constraint=models.UniqueConstraint(fields=("plan", "body"), name="planbody_unique"),
    ),
    migrations.AddConstraint(
        model_name="planperson",
        constraint=models.UniqueConstraint(fields=("plan", "party"), name="planperson_unique"),
    ),
    migrations.AddConstraint(
        model_name="plan",
        constraint=models.UniqueConstraint(
            fields=("organisation", "title", "period_start"), name="plan_unique_per_period"
        ),
    ),
    migrations.AddIndex(
        model_name="progressrecord",
        index=models.Index(fields=["action", "as_at"], name="progress_action_as_at"),
    ),
    migrations.AddIndex(
        model_name="action",
        index=models.Index(fields=["due"], name="action_due"),
    ),
    migrations.AddConstraint(
        model_name="action",
        constraint=models.UniqueConstraint(
            fields=("recommendation", "key"), name="action_unique_key"
        ),
    ),
    migrations.AddIndex(
        model_name="reportingrequirement",
        index=models.Index(fields=["due"], name="reporting_due"),
    ),
    migrations.AddConstraint(
        model_name="timescale",
        constraint=models.UniqueConstraint(fields=("plan", "key"), name="timescale_unique_key"),
    ),
    migrations.AddConstraint(
        model_name="recommendation",
        constraint=models.UniqueConstraint(
            fields=("plan", "number"), name="recommendation_unique_number"
        ),
    ),
]
