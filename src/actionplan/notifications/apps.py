from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "actionplan.notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.core import retention as retention_policies
        from actionplan.notifications import listeners, retention

        listeners.connect()
        retention_policies.register("notifications", retention.delete_old_notifications)
