from django.urls import path

from actionplan.indicators import views

app_name = "indicators"

urlpatterns = [
    path("plans/<int:plan_id>/indicators/", views.indicator_list, name="list"),
    path("plans/<int:plan_id>/indicators/add/", views.add_indicator, name="add"),
    path("plans/<int:plan_id>/indicators/import/", views.import_values, name="import_values"),
    path(
        "plans/<int:plan_id>/indicators/import/<int:import_id>/",
        views.values_import,
        name="values_import",
    ),
    path("plans/<int:plan_id>/indicators/compute/", views.compute, name="compute"),
    path("plans/<int:plan_id>/indicators/<int:indicator_id>/", views.indicator, name="indicator"),
    path(
        "plans/<int:plan_id>/indicators/<int:indicator_id>/edit/",
        views.edit_indicator,
        name="edit",
    ),
    path(
        "plans/<int:plan_id>/indicators/<int:indicator_id>/values/add/",
        views.record_value,
        name="record_value",
    ),
]
