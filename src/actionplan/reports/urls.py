from django.urls import path

from actionplan.reports import views

app_name = "reports"

urlpatterns = [
    path("plans/<int:plan_id>/papers/", views.papers, name="papers"),
    path("plans/<int:plan_id>/papers/new/", views.new_paper, name="new_paper"),
    path("plans/<int:plan_id>/papers/<int:paper_id>/", views.paper, name="paper"),
    path(
        "plans/<int:plan_id>/papers/<int:paper_id>/preview/",
        views.paper_preview,
        name="paper_preview",
    ),
    path(
        "plans/<int:plan_id>/papers/<int:paper_id>/download/<slug:fmt>/",
        views.paper_download,
        name="paper_download",
    ),
    path("plans/<int:plan_id>/papers/<int:paper_id>/edit/", views.edit_paper, name="edit_paper"),
    path(
        "plans/<int:plan_id>/papers/<int:paper_id>/delete/",
        views.delete_paper,
        name="delete_paper",
    ),
    path("plans/<int:plan_id>/papers/<int:paper_id>/issue/", views.issue_paper, name="issue_paper"),
    path(
        "plans/<int:plan_id>/papers/<int:paper_id>/decisions/",
        views.paper_decisions,
        name="paper_decisions",
    ),
]
