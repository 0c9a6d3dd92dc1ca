from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from actionplan.accounts import audit, invitations, secondfactor
from actionplan.accounts.models import AuditEvent, Invitation, Membership
from actionplan.core.admin import ReadOnlyAdmin


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "plan", "role", "party"]
    list_filter = ["role"]
    list_select_related = ["user", "plan", "party"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["plan", "party"]
    search_fields = ["user__username", "user__email", "plan__title"]

    # Every change of role made here goes in the audit log, with who made it.
    def save_model(self, request, obj, form, change):
        before = Membership.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if before is not None and (before.user_id, before.plan_id) != (obj.user_id, obj.plan_id):
            self._changed(request, before, None)
            before = None
        if before is None or before.role != obj.role:
            self._changed(request, obj, before.role if before else None, obj.role)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._changed(request, obj, obj.role, None)

    def delete_queryset(self, request, queryset):
        gone = list(queryset.select_related("user", "plan"))
        super().delete_queryset(request, queryset)
        for m in gone:
            self._changed(request, m, m.role, None)

    @staticmethod
    def _changed(request, m, before, after=None):
        audit.role_changed(
            user=m.user,
            plan=m.plan,
            before=before,
            after=after,
            actor=request.user,
            request=request,
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "plan", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "party", "invited_by", "user"]
    readonly_fields = ["created_at", "accepted_at", "user"]

    def delete_model(self, request, obj):
        invitations.withdraw(obj, by=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for invitation in queryset.select_related("plan"):
            invitations.withdraw(invitation, by=request.user, request=request)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The whole log, for administrators; it is written by the service, never edited."""

    list_display = ["at", "username", "kind", "detail", "actor_name", "plan", "ip_address"]
    list_filter = ["kind"]
    list_select_related = ["plan"]
    search_fields = ["username", "actor_name", "ip_address", "detail"]
    date_hierarchy = "at"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    actions = ["reset_second_factor"]

    @admin.action(description="Reset second factor (they set it up again at next sign-in)")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            secondfactor.remove(user)
            audit.record(
                audit.Kind.SECOND_FACTOR_RESET, request=request, user=user, actor=request.user
            )
        messages.success(request, f"Second factor reset for {queryset.count()} user(s)")
