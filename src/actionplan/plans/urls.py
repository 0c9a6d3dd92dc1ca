from django.urls import path

from actionplan.accounts.views import invite
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
    path("plans/<int:plan_id>/my-actions/", views.my_actions, name="my_actions"),
    path("plans/<int:plan_id>/due/", views.due, name="due"),
    path("plans/<int:plan_id>/people/", views.people, name="people"),
    path("plans/<int:plan_id>/people/invite/", invite, name="invite"),
    path("plans/<int:plan_id>/bodies/", views.bodies, name="bodies"),
    path("import/", views.import_upload, name="import"),
    path("import/<uuid:pending_id>/", views.import_preview, name="import_preview"),
]
