"""The monitoring records in the admin, to read: they are written through the services,
which check statuses, versions and reasons, and are never changed afterwards."""

from django.contrib import admin
from django.db import models

from actionplan.core.admin import ReadOnlyAdmin as ReadOnly
from actionplan.monitoring import models as m


@admin.register(m.RagRuleSet)
class RagRuleSetAdmin(ReadOnly):
    list_display = ["__str__", "plan", "updated_by", "updated_at"]
    list_select_related = ["plan", "updated_by"]


@admin.register(m.RagOverride)
class RagOverrideAdmin(ReadOnly):
    list_display = ["action", "colour", "reason", "created_by", "created_at"]
    list_select_related = ["action", "created_by"]
    list_filter = ["colour", "action__recommendation__plan"]
    search_fields = ["reason"]


@admin.register(m.Evidence)
class EvidenceAdmin(ReadOnly):
    list_display = ["__str__", "update", "created_at"]
    list_select_related = ["update__action"]
    search_fields = ["title", "url"]
    # Links are https; says so now rather than wait for Django 6's new default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class AnswerInline(admin.TabularInline):
    model = m.Answer
    fields = ("text", "answered_by", "answered_at")  # a tuple: it serves as both
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Challenge)
class ChallengeAdmin(ReadOnly):
    list_display = ["question", "plan", "recommendation", "action", "asked_by", "asked_at"]
    list_select_related = ["plan", "recommendation", "action", "asked_by"]
    list_filter = ["plan"]
    search_fields = ["question", "answers__text"]
    inlines = [AnswerInline]
