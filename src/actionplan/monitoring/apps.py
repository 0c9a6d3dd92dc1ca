from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Running the plan: progress updates, RAG, sign-off, roll-up, history, challenge."""

    name = "actionplan.monitoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registered here, not where a view is defined, so that access knows them in a
        # command, a task or the shell as well as in a request.
        from actionplan.accounts import access
        from actionplan.core.presenters import navigation
        from actionplan.monitoring import signals, todo
        from actionplan.monitoring.models import Challenge, Evidence

        access.register(Challenge, "plan")
        access.register(Evidence, "update__action__recommendation__plan")
        signals.connect()
        navigation.to_do_count = todo.count_for_request
