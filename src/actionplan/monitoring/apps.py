from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Running the plan: progress updates, RAG, sign-off, roll-up, history, challenge."""

    name = "actionplan.monitoring"
    default_auto_field = "django.db.models.BigAutoField"
