from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who may do what: user accounts, invitations, roles on a plan, the access policy,
    sign-in (second factor, session expiry) and the audit log."""

    name = "actionplan.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from actionplan.accounts import access, audit, sessions
        from actionplan.core.presenters import navigation

        audit.connect()
        sessions.connect()
        navigation.may_import = access.can_import
