"""The admin: meetings, contact addresses, reminder settings, and the reminders sent."""

from django.contrib import admin

from actionplan.governance import models as m


@admin.register(m.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["body", "date", "time", "location", "source"]
    list_filter = ["source", "body"]
    date_hierarchy = "date"
    search_fields = ["body__name", "body__abbreviation", "location", "notes"]
    autocomplete_fields = ["body"]
    readonly_fields = ["source", "rule", "created_at"]


@admin.register(m.Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["party", "email"]
    search_fields = ["party__name", "email"]
    autocomplete_fields = ["party"]


@admin.register(m.ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ["plan", "enabled", "days_before", "update_missing_days"]


@admin.register(m.Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only: reminders are planned and sent by the reminder job."""

    list_display = ["created_at", "kind", "email", "due", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "subject"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
