from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "actionplan.notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.notifications import listeners

        listeners.connect()
