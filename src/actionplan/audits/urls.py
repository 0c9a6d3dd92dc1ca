from django.urls import path

from actionplan.audits import views

app_name = "audits"

P = "plans/<int:plan_id>/audits/"
urlpatterns = [
    path(P, views.programme, name="programme"),
    path(f"{P}add/", views.add_audit, name="add_audit"),
    path(f"{P}indicators/", views.measures, name="measures"),
    path(f"{P}tools/", views.tools, name="tools"),
    path(f"{P}tools/add/", views.add_tool, name="add_tool"),
    path(f"{P}tools/<int:tool_id>/", views.tool, name="tool"),
    path(f"{P}tools/<int:tool_id>/edit/", views.edit_tool, name="edit_tool"),
    path(f"{P}<int:audit_id>/", views.audit, name="audit"),
    path(f"{P}<int:audit_id>/edit/", views.edit_audit, name="edit_audit"),
    path(f"{P}<int:audit_id>/complete/", views.complete_audit, name="complete_audit"),
    path(f"{P}<int:audit_id>/cases/add/", views.add_case, name="add_case"),
    path(f"{P}<int:audit_id>/findings/add/", views.add_finding, name="add_finding"),
    path(f"{P}<int:audit_id>/ask/", views.ask_about_audit, name="ask"),
    path(f"{P}cases/<int:case_id>/", views.case, name="case"),
    path(f"{P}cases/<int:case_id>/edit/", views.edit_case, name="edit_case"),
    path(f"{P}cases/<int:case_id>/moderate/", views.moderate_case, name="moderate_case"),
    path(f"{P}findings/<int:finding_id>/edit/", views.edit_finding, name="edit_finding"),
    path(f"{P}findings/<int:finding_id>/action/", views.finding_action, name="finding_action"),
    path(f"{P}questions/<int:question_id>/answer/", views.answer_question, name="answer"),
]
