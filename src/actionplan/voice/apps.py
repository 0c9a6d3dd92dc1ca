from django.apps import AppConfig


class VoiceConfig(AppConfig):
    """The voice of children and families: feedback sources and results, themes and quotes,
    safeguarding flags, and 'you said, we did'."""

    name = "actionplan.voice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.core import retention as retention_policies
        from actionplan.voice import models, services

        access.register(models.FeedbackSource, "plan")
        access.register(models.FeedbackQuestion, "source__plan")
        access.register(models.Theme, "plan")
        access.register(models.Quote, "theme__plan")
        access.register(models.YouSaidWeDid, "plan")
        retention_policies.register("feedback quotes", services.delete_old_quotes)
