"""Monitoring's pages: the plan as at a date and the forms that run it. Their URL names are
in the "plans" namespace (config/urls.py), as before they moved here: plans:dashboard,
plans:action, plans:add_update..."""

from django.urls import path

from actionplan.monitoring.views import changes, lists, pages

urlpatterns = [
    path("plans/<int:plan_id>/", pages.dashboard, name="dashboard"),
    path(
        "plans/<int:plan_id>/recommendations/<int:recommendation_id>/",
        pages.recommendation,
        name="recommendation",
    ),
    path("plans/<int:plan_id>/actions/<int:action_id>/", pages.action, name="action"),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/update/", changes.add_update, name="add_update"
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/propose-completion/",
        changes.propose_completion,
        name="propose_completion",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/sign-off/",
        changes.accept_completion,
        name="accept_completion",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/return/",
        changes.return_completion,
        name="return_completion",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/reopen/",
        changes.reopen_action,
        name="reopen_action",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/rag/",
        changes.override_rag,
        name="override_rag",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/rag/clear/",
        changes.clear_override,
        name="clear_override",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/edit/", changes.edit_action, name="edit_action"
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/ask/",
        changes.ask_about_action,
        name="ask_about_action",
    ),
    path(
        "plans/<int:plan_id>/actions/<int:action_id>/history.csv",
        pages.action_history_csv,
        name="action_history_csv",
    ),
    path(
        "plans/<int:plan_id>/recommendations/<int:recommendation_id>/ask/",
        changes.ask_about_recommendation,
        name="ask_about_recommendation",
    ),
    path(
        "plans/<int:plan_id>/challenges/<int:challenge_id>/answer/",
        changes.answer_challenge,
        name="answer_challenge",
    ),
    path("plans/<int:plan_id>/evidence/<int:evidence_id>/", pages.evidence_file, name="evidence"),
    path("plans/<int:plan_id>/rag-rules/", changes.rag_rules, name="rag_rules"),
    path("plans/<int:plan_id>/rag-rules/reset/", changes.reset_rag_rules, name="reset_rag_rules"),
    path("plans/<int:plan_id>/my-actions/", pages.my_actions, name="my_actions"),
    path("plans/<int:plan_id>/due/", pages.due, name="due"),
    path("plans/<int:plan_id>/actions/", lists.actions, name="actions"),
    path("plans/<int:plan_id>/actions/change/", lists.bulk_change, name="bulk_change"),
]
