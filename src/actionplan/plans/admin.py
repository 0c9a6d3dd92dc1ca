"""The admin: for reading what an import stored, and for the odd correction."""

from django.contrib import admin

from actionplan.plans import models as m


class TimescaleInline(admin.TabularInline):
    model = m.Timescale
    extra = 0


class ResponsibilityInline(admin.TabularInline):
    model = m.Responsibility
    extra = 0
    autocomplete_fields = ["party"]


class ActionInline(admin.TabularInline):
    """A read-only list: each action is edited on its own page."""

    model = m.Action
    extra = 0
    fields = readonly_fields = ("order", "ref", "text", "lead_text", "due", "retired")
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ActionPartyInline(admin.TabularInline):
    model = m.ActionParty
    extra = 0
    autocomplete_fields = ["party"]


class MilestoneInline(admin.TabularInline):
    model = m.Milestone
    extra = 0
    fields = ["order", "text", "due", "precision", "frequency"]


class ReportingInline(admin.TabularInline):
    model = m.ReportingRequirement
    extra = 0
    fields = ["order", "text", "body_label", "body", "due", "frequency"]


class ProgressInline(admin.TabularInline):
    model = m.ProgressRecord
    extra = 0
    fields = readonly_fields = (
        "as_at",
        "rag",
        "status",
        "percent_complete",
        "text",
        "source",
        "author",
    )
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # progress is entered through the service, which checks the status


class WarningInline(admin.TabularInline):
    model = m.ImportWarning
    extra = 0
    fields = readonly_fields = ("where", "message", "text")
    can_delete = False


@admin.register(m.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_select_related = ["organisation"]
    list_display = [
        "title",
        "organisation",
        "lead_body",
        "period_start",
        "period_end",
        "updated_at",
    ]
    list_filter = ["organisation"]
    search_fields = ["title", "inspection", "organisation__name"]
    date_hierarchy = "period_start"
    readonly_fields = ["created_at", "updated_at", "source_file", "source_format", "schema_version"]
    inlines = [TimescaleInline, WarningInline]


@admin.register(m.Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan", "timescale", "retired"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "retired"]
    search_fields = ["number", "title"]
    list_select_related = ["plan", "timescale"]
    inlines = [ResponsibilityInline, ActionInline]


@admin.register(m.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "recommendation", "lead_text", "due", "retired"]
    list_filter = ["recommendation__plan", "retired"]
    search_fields = ["ref", "text", "lead_text", "partners_text"]
    list_select_related = ["recommendation"]
    raw_id_fields = ["recommendation", "parent"]
    inlines = [ActionPartyInline, MilestoneInline, ReportingInline, ProgressInline]


@admin.register(m.Party)
class PartyAdmin(admin.ModelAdmin):
    list_select_related = ["organisation"]
    list_display = ["name", "kind", "job_role", "employer", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "job_role", "employer"]


@admin.register(m.Body)
class BodyAdmin(admin.ModelAdmin):
    list_select_related = ["organisation"]
    list_display = ["name", "abbreviation", "kind", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "abbreviation"]


@admin.register(m.Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_select_related = ["action"]
    list_display = ["text", "due", "precision", "action"]
    list_filter = ["action__recommendation__plan"]
    search_fields = ["text"]
    date_hierarchy = "due"
    raw_id_fields = ["action"]


@admin.register(m.ReportingRequirement)
class ReportingRequirementAdmin(admin.ModelAdmin):
    list_select_related = ["action", "body"]
    list_display = ["text", "body", "due", "frequency", "action"]
    list_filter = ["body", "action__recommendation__plan"]
    search_fields = ["text", "body_label"]
    raw_id_fields = ["action"]


@admin.register(m.CrossReference)
class CrossReferenceAdmin(admin.ModelAdmin):
    list_select_related = ["recommendation", "action", "target"]
    list_display = ["recommendation", "action", "target_number", "target", "text"]
    list_filter = ["recommendation__plan"]
    raw_id_fields = ["recommendation", "action", "target"]


@admin.register(m.ProgressRecord)
class ProgressRecordAdmin(admin.ModelAdmin):
    list_select_related = ["action"]
    list_display = ["action", "as_at", "rag", "status", "percent_complete", "source", "created_at"]
    list_filter = ["rag", "source", "action__recommendation__plan"]
    search_fields = ["text", "status"]
    date_hierarchy = "as_at"
    raw_id_fields = ["action"]

    # Read-only: progress is a record, corrected by adding another through the service,
    # which also checks the status (only the improvement lead's sign-off makes "complete").
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.ImportWarning)
class ImportWarningAdmin(admin.ModelAdmin):
    list_select_related = ["plan"]
    list_display = ["plan", "where", "message", "text"]
    list_filter = ["plan"]
    search_fields = ["message", "text", "where"]
    raw_id_fields = ["action"]


@admin.register(m.ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_select_related = ["plan"]
    list_display = ["plan", "file", "format", "started_at"]
    list_filter = ["plan"]
    readonly_fields = ["plan", "file", "format", "started_at", "counts"]
