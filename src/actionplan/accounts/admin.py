from django.contrib import admin

from actionplan.accounts.models import Invitation, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "plan", "role", "party"]
    list_filter = ["role"]
    list_select_related = ["user", "plan", "party"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["plan", "party"]
    search_fields = ["user__username", "user__email", "plan__title"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "plan", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "party", "invited_by", "user"]
    readonly_fields = ["created_at", "accepted_at", "user"]
