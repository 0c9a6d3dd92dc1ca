from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "actionplan.reports"
    verbose_name = "Board papers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.reports.models import Paper

        access.register(Paper, "plan")
