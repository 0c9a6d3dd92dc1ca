from django.contrib import admin

from actionplan.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: to see what was sent, and what failed and why."""

    list_display = ["happened_at", "kind", "user", "delivery", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "delivery"]
    search_fields = ["user__email", "subject"]
    date_hierarchy = "happened_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
