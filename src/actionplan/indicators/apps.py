from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Measuring impact: indicators, their values, and measures computed from case data."""

    name = "actionplan.indicators"
    default_auto_field = "django.db.models.BigAutoField"
