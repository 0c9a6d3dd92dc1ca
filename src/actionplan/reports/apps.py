from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "actionplan.reports"
    verbose_name = "Board papers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.monitoring.todo import register_todo_source
        from actionplan.reports.models import Paper
        from actionplan.reports.todo import papers_to_issue

        access.register(Paper, "plan")
        register_todo_source(papers_to_issue)
