"""The audit tools: the questions a case audit asks and how each is graded, in versions."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.audits import forms as aforms
from actionplan.audits import grading, services
from actionplan.audits.models import (
    AuditTool,
)
from actionplan.audits.views.common import form_page, plan_crumbs
from actionplan.core.presenters.navigation import plan_url
from actionplan.core.views import plan_qs, posted, saved
from actionplan.plans.models import Plan

# --- tools ---------------------------------------------------------------------------------


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def tools(request, plan):
    return render(
        request,
        "audits/tools.html",
        {
            "page_title": "Audit tools",
            "plan": plan,
            "tools": plan.audit_tools.prefetch_related("versions"),
            "can_plan": access.can(request.user, access.PLAN_AUDITS, plan),
            "breadcrumbs": plan_crumbs(request, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.PLAN_AUDITS, url_kwarg="plan_id", queryset=plan_qs)
def add_tool(request, plan):
    form = aforms.ToolForm(*posted(request))
    return saved(
        request,
        form,
        lambda: services.create_tool(plan, user=request.user, **form.cleaned_data),
        done=lambda tool: f"The audit tool has been added: {tool.name}",
        to=lambda tool: plan_url(request, "audits:tool", plan.pk, tool.pk),
    ) or form_page(
        request,
        plan,
        form,
        title="Define an audit tool",
        button="Add tool",
        back=plan_url(request, "audits:tools", plan.pk),
        tool_help=True,
    )


@access.with_object(AuditTool, access.VIEW_PLAN, url_kwarg="tool_id")
def tool(request, tool):
    plan = tool.plan
    versions = list(tool.versions.order_by("-number"))
    wanted = request.GET.get("version", "")
    shown = next((v for v in versions if str(v.number) == wanted), versions[0])
    return render(
        request,
        "audits/tool.html",
        {
            "page_title": f"{tool.name}, version {shown.number}",
            "plan": plan,
            "tool": tool,
            "shown": shown,
            "spec": shown.spec(),
            "versions": [(v, v.case_audits.count()) for v in versions],
            "choices": grading.SCALES,
            "can_plan": access.can(request.user, access.PLAN_AUDITS, tool),
            "breadcrumbs": plan_crumbs(request, plan, ("Audit tools", "audits:tools")),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(AuditTool, access.PLAN_AUDITS, url_kwarg="tool_id")
def edit_tool(request, tool):
    plan = tool.plan
    current = tool.current()
    form = aforms.ToolForm(
        *posted(request), initial=aforms.ToolForm.initial_for(tool, current.spec())
    )
    back = plan_url(request, "audits:tool", plan.pk, tool.pk)
    return saved(
        request,
        form,
        lambda: services.revise_tool(tool, user=request.user, **form.cleaned_data),
        done=lambda made: (
            f"Saved as version {made[0].number}: cases audited with earlier versions keep them"
            if made[1]
            else "Your changes to the tool have been saved"
        ),
        to=back,
    ) or form_page(
        request,
        plan,
        form,
        title="Change the audit tool",
        caption=tool.name,
        button="Save changes",
        back=back,
        tool_help=True,
        used=current.used,
        crumbs=plan_crumbs(request, plan, ("Audit tools", "audits:tools")),
    )
