from django.urls import path

from actionplan.governance import views

app_name = "governance"

urlpatterns = [
    path("plans/<int:plan_id>/meetings/", views.meeting_list, name="meetings"),
    path("plans/<int:plan_id>/meetings/add/", views.add_meeting, name="add_meeting"),
    path(
        "plans/<int:plan_id>/meetings/generate/",
        views.generate_meetings,
        name="generate_meetings",
    ),
    path("plans/<int:plan_id>/meetings/import/", views.import_meetings, name="import_meetings"),
    path(
        "plans/<int:plan_id>/meetings/<int:meeting_id>/remove/",
        views.remove_meeting,
        name="remove_meeting",
    ),
    path(
        "plans/<int:plan_id>/meetings/<int:meeting_id>/edit/",
        views.edit_meeting,
        name="edit_meeting",
    ),
    path("plans/<int:plan_id>/forward-plan/", views.forward_plan, name="forward_plan"),
    path(
        "plans/<int:plan_id>/forward-plan/<int:body_id>/",
        views.forward_plan_body,
        name="forward_plan_body",
    ),
    path("plans/<int:plan_id>/calendars/meetings.ics", views.plan_calendar, name="plan_calendar"),
    path(
        "plans/<int:plan_id>/calendars/bodies/<int:body_id>.ics",
        views.body_calendar,
        name="body_calendar",
    ),
    path(
        "plans/<int:plan_id>/calendars/people/<int:party_id>.ics",
        views.person_calendar,
        name="person_calendar",
    ),
    path("plans/<int:plan_id>/reminders/", views.reminder_list, name="reminders"),
    path("plans/<int:plan_id>/reminders/run/", views.run_reminders, name="run_reminders"),
    path("plans/<int:plan_id>/reminders/settings/", views.reminder_policy, name="reminder_policy"),
]
