from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who may do what: user accounts, invitations, roles on a plan, the access policy."""

    name = "actionplan.accounts"
    default_auto_field = "django.db.models.BigAutoField"
