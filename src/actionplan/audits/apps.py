from django.apps import AppConfig


class AuditsConfig(AppConfig):
    """Case-file audits: the programme, the tools, audited cases, moderation and findings."""

    name = "actionplan.audits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from actionplan.accounts import access
        from actionplan.audits import deadlines, models, retention
        from actionplan.core import retention as retention_policies
        from actionplan.governance import agenda, reminders

        access.register(models.AuditTool, "plan")
        access.register(models.ToolVersion, "tool__plan")
        access.register(models.Audit, "plan")
        access.register(models.CaseAudit, "audit__plan")
        access.register(models.Finding, "audit__plan")
        access.register(models.AuditQuestion, "audit__plan")
        agenda.register_item_source(deadlines.audits_due_at_meetings)
        reminders.register_deadline_source(deadlines.audit_deadlines)
        retention_policies.register("case audits", retention.anonymise_case_audits)
