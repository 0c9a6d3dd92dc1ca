from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Keeping the plan's reporting promises: meetings, the forward plan, calendars,
    reminders and escalation."""

    name = "actionplan.governance"
    label = "governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.governance import linking  # noqa: F401 (connects its signal handlers)
        from actionplan.governance.models import Meeting, Reminder

        access.register_organisation(Meeting, "body__organisation")
        access.register(Reminder, "plan")
