from django.urls import path

from actionplan.accounts.views import audit_log, invite, withdraw_invitation
from actionplan.plans import views

app_name = "plans"

urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:plan_id>/", views.dashboard, name="dashboard"),
    path(
        "plans/<int:plan_id>/recommendations/<int:recommendation_id>/",
        views.recommendation,
        name="recommendation",
    ),
    path("plans/<int:plan_id>/actions/<int:action_id>/", views.action, name="action"),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/update/", views.add_update, name="add_update"
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/propose-completion/",
        views.propose_completion,
        name="propose_completion",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/sign-off/",
        views.accept_completion,
        name="accept_completion",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/return/",
        views.return_completion,
        name="return_completion",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/reopen/",
        views.reopen_action,
        name="reopen_action",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/rag/", views.override_rag, name="override_rag"
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/rag/clear/",
        views.clear_override,
        name="clear_override",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/edit/", views.edit_action, name="edit_action"
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/ask/",
        views.ask_about_action,
        name="ask_about_action",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/history.csv",
        views.action_history_csv,
        name="action_history_csv",
    ),
    path(
        "plans/<int:plan_id>/recommendations/<int:recommendation_id>/ask/",
        views.ask_about_recommendation,
        name="ask_about_recommendation",
    ),
    path(
        "plans/<int:plan_id>/challenges/<int:challenge_id>/answer/",
        views.answer_challenge,
        name="answer_challenge",
    ),
    path("plans/<int:plan_id>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("plans/<int:plan_id>/rag-rules/", views.rag_rules, name="rag_rules"),
    path("plans/<int:plan_id>/rag-rules/reset/", views.reset_rag_rules, name="reset_rag_rules"),
    path("plans/<int:plan_id>/my-actions/", views.my_actions, name="my_actions"),
    path("plans/<int:plan_id>/due/", views.due, name="due"),
    path("plans/<int:plan_id>/people/", views.people, name="people"),
    path("plans/<int:plan_id>/people/invite/", invite, name="invite"),
    path(
        "plans/<int:plan_id>/people/invitations/<int:invitation_id>/withdraw/",
        withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("plans/<int:plan_id>/people/log/", audit_log, name="audit_log"),
    path("plans/<int:plan_id>/bodies/", views.bodies, name="bodies"),
    path("plans/<int:plan_id>/export.<str:fmt>", views.export_plan, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/<uuid:pending_id>/", views.import_preview, name="import_preview"),
]
