"""The plan's own pages. Their names are in the "plans" namespace with monitoring's pages of
the same plan (config/urls.py), as they always were: plans:list, plans:people, plans:import..."""

from django.urls import path

from actionplan.accounts.member_pages import (
    change_member,
    members_page,
    remove_member,
    resend_invitation,
)
from actionplan.accounts.views import audit_log, invite, withdraw_invitation
from actionplan.plans import correction_views, views

urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:plan_id>/people/", views.people, name="people"),
    path("plans/<int:plan_id>/people/invite/", invite, name="invite"),
    path(
        "plans/<int:plan_id>/people/invitations/<int:invitation_id>/withdraw/",
        withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("plans/<int:plan_id>/people/log/", audit_log, name="audit_log"),
    path(
        "plans/<int:plan_id>/people/<int:party_id>/edit/",
        correction_views.edit_party,
        name="edit_party",
    ),
    path(
        "plans/<int:plan_id>/people/<int:party_id>/merge/",
        correction_views.merge_parties,
        name="merge_parties",
    ),
    path(
        "plans/<int:plan_id>/people/<int:party_id>/split/",
        correction_views.split_party,
        name="split_party",
    ),
    path("plans/<int:plan_id>/people/members/", members_page, name="members"),
    path(
        "plans/<int:plan_id>/people/members/<int:membership_id>/",
        change_member,
        name="change_member",
    ),
    path(
        "plans/<int:plan_id>/people/members/<int:membership_id>/remove/",
        remove_member,
        name="remove_member",
    ),
    path(
        "plans/<int:plan_id>/people/invitations/<int:invitation_id>/resend/",
        resend_invitation,
        name="resend_invitation",
    ),
    path("plans/<int:plan_id>/bodies/", views.bodies, name="bodies"),
    path(
        "plans/<int:plan_id>/bodies/<int:body_id>/edit/",
        correction_views.edit_body,
        name="edit_body",
    ),
    path(
        "plans/<int:plan_id>/bodies/<int:body_id>/merge/",
        correction_views.merge_bodies,
        name="merge_bodies",
    ),
    path(
        "plans/<int:plan_id>/recommendations/<int:recommendation_id>/edit/",
        correction_views.edit_recommendation,
        name="edit_recommendation",
    ),
    path("plans/<int:plan_id>/export.<str:fmt>", views.export_plan, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/<uuid:pending_id>/", views.import_preview, name="import_preview"),
    path("import/<uuid:pending_id>/mapping/", views.import_mapping, name="import_mapping"),
]
