from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_delete, post_save

from actionplan.core.db import ignoring_loaded_rows


class ReportsConfig(AppConfig):
    name = "actionplan.reports"
    verbose_name = "Board papers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.governance.models import Meeting
        from actionplan.monitoring.todo import register_todo_source
        from actionplan.reports.models import Paper
        from actionplan.reports.todo import papers_to_issue

        access.register(Paper, "plan")
        checks.register(_paper_sections, checks.Tags.templates)
        register_todo_source(papers_to_issue)
        # The papers to issue are in the cached to-do list: a paper or a meeting of its body
        # changes it (monitoring/versions.py).
        post_save.connect(_paper, sender=Paper, dispatch_uid="version-Paper")
        post_delete.connect(_paper, sender=Paper, dispatch_uid="version-Paper-")
        post_save.connect(_meeting, sender=Meeting, dispatch_uid="version-Meeting")
        post_delete.connect(_meeting, sender=Meeting, dispatch_uid="version-Meeting-")


def _paper_sections(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from actionplan.reports.sections import check_paper_sections  # imports the Word writer

    return check_paper_sections()


@ignoring_loaded_rows
def _paper(sender, instance, **kwargs) -> None:
    from actionplan.monitoring import versions

    versions.bump_plans([instance.plan_id], deleting="created" not in kwargs)


@ignoring_loaded_rows
def _meeting(sender, instance, **kwargs) -> None:
    from actionplan.monitoring import versions
    from actionplan.plans.models import PlanBody

    plans = PlanBody.objects.filter(body_id=instance.body_id).values_list("plan_id", flat=True)
    versions.bump_plans(plans, deleting="created" not in kwargs)
