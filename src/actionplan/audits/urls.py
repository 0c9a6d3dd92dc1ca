from django.urls import path

from actionplan.audits.views import audits, cases, tools

app_name = "audits"

P = "plans/<int:plan_id>/audits/"
urlpatterns = [
    path(P, audits.programme, name="programme"),
    path(f"{P}add/", audits.add_audit, name="add_audit"),
    path(f"{P}indicators/", audits.measures, name="measures"),
    path(f"{P}tools/", tools.tools, name="tools"),
    path(f"{P}tools/add/", tools.add_tool, name="add_tool"),
    path(f"{P}tools/<int:tool_id>/", tools.tool, name="tool"),
    path(f"{P}tools/<int:tool_id>/edit/", tools.edit_tool, name="edit_tool"),
    path(f"{P}<int:audit_id>/", audits.audit, name="audit"),
    path(f"{P}<int:audit_id>/edit/", audits.edit_audit, name="edit_audit"),
    path(f"{P}<int:audit_id>/complete/", audits.complete_audit, name="complete_audit"),
    path(f"{P}<int:audit_id>/cases/add/", cases.add_case, name="add_case"),
    path(f"{P}<int:audit_id>/findings/add/", audits.add_finding, name="add_finding"),
    path(f"{P}<int:audit_id>/ask/", audits.ask_about_audit, name="ask"),
    path(f"{P}cases/<int:case_id>/", cases.case, name="case"),
    path(f"{P}cases/<int:case_id>/edit/", cases.edit_case, name="edit_case"),
    path(f"{P}cases/<int:case_id>/moderate/", cases.moderate_case, name="moderate_case"),
    path(f"{P}findings/<int:finding_id>/edit/", audits.edit_finding, name="edit_finding"),
    path(f"{P}findings/<int:finding_id>/action/", audits.finding_action, name="finding_action"),
    path(f"{P}questions/<int:question_id>/answer/", audits.answer_question, name="answer"),
]
