from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "actionplan.reports"
    verbose_name = "Board papers"
    default_auto_field = "django.db.models.BigAutoField"
