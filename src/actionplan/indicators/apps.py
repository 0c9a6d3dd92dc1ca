from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Measuring impact: indicators, their values, and measures computed from case data."""

    name = "actionplan.indicators"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.indicators.models import Indicator, IndicatorValue, ValuesImport

        access.register(Indicator, "plan")
        access.register(IndicatorValue, "indicator__plan")
        access.register(ValuesImport, "plan")
