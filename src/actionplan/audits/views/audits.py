"""The audit programme, an audit, its findings and the questions asked about them, and the
indicators audits feed."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.audits import forms as aforms
from actionplan.audits import grading, presenters, services
from actionplan.audits.models import (
    Audit,
    AuditMeasure,
    AuditQuestion,
    CaseAudit,
    Finding,
)
from actionplan.audits.views.common import audit_crumbs, audit_qs, form_page, plan_crumbs
from actionplan.core.presenters.navigation import plan_breadcrumbs, plan_url
from actionplan.core.views import plan_qs, posted, saved
from actionplan.monitoring import forms as mforms
from actionplan.plans.models import Plan


def _audits(plan):
    return Audit.objects.filter(plan=plan).prefetch_related(
        Prefetch(
            "cases",
            queryset=CaseAudit.objects.select_related("auditor").prefetch_related("moderations"),
        ),
        "auditors",
        "moderators",
        "recommendations",
        "actions",
    )


# --- the programme -------------------------------------------------------------------------


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def programme(request, plan):
    party = getattr(request.membership, "party_id", None)
    return render(
        request,
        "audits/programme.html",
        {
            "page_title": "Audits",
            "plan": plan,
            "quarters": presenters.programme(list(_audits(plan)), request.today, party),
            "tools": plan.audit_tools.count(),
            "measures": AuditMeasure.objects.filter(indicator__plan=plan).select_related(
                "indicator"
            ),
            "can_plan": access.can(request.user, access.PLAN_AUDITS, plan),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.PLAN_AUDITS, url_kwarg="plan_id", queryset=plan_qs)
def add_audit(request, plan):
    if not plan.audit_tools.exists():
        messages.success(request, "Define an audit tool first: every audit uses one")
        return redirect("audits:add_tool", plan_id=plan.pk)
    form = aforms.AuditForm(*posted(request), plan=plan, today=request.today)
    if request.method == "POST" and form.is_valid():
        form.instance.plan = plan
        audit = form.save()
        messages.success(request, f"The audit has been added to the programme: {audit.title}")
        return redirect("audits:audit", plan_id=plan.pk, audit_id=audit.pk)
    return form_page(
        request,
        plan,
        form,
        title="Plan an audit",
        button="Add audit",
        back=plan_url(request, "audits:programme", plan.pk),
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.PLAN_AUDITS, url_kwarg="audit_id", queryset=audit_qs)
def edit_audit(request, audit):
    plan = audit.plan
    form = aforms.AuditForm(*posted(request), plan=plan, today=request.today, instance=audit)
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your changes to the audit have been saved")
        return redirect(back)
    return form_page(
        request,
        plan,
        form,
        title="Change the audit",
        caption=audit.title,
        button="Save changes",
        back=back,
        crumbs=audit_crumbs(request, audit),
    )


@access.with_object(Audit, access.VIEW_PLAN, url_kwarg="audit_id", queryset=audit_qs)
def audit(request, audit):
    plan, user = audit.plan, request.user
    audit = (
        _audits(plan)
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.prefetch_related("links__action__recommendation"),
            ),
            "questions__answers__answered_by",
            "questions__asked_by",
        )
        .get(pk=audit.pk)
    )
    cases = list(audit.cases.all())
    version = audit.tool.current()
    can_see_cases = access.can(user, access.VIEW_CASE_AUDITS, audit)
    return render(
        request,
        "audits/audit.html",
        {
            "page_title": audit.title,
            "plan": plan,
            "audit": audit,
            "row": presenters.audit_row(audit, request.today),
            "findings": presenters.findings(audit, cases, version.spec()),
            "cases": presenters.case_rows(cases) if can_see_cases else None,
            "questions": list(audit.questions.all()),
            "can_plan": access.can(user, access.PLAN_AUDITS, audit),
            "can_audit": access.can(user, access.CONDUCT_AUDIT, audit) and not audit.complete,
            "can_ask": access.can(user, access.RAISE_CHALLENGE, plan),
            "can_answer": access.can(user, access.ANSWER_CHALLENGE, audit),
            "breadcrumbs": plan_crumbs(request, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.PLAN_AUDITS, url_kwarg="audit_id", queryset=audit_qs)
def complete_audit(request, audit):
    plan = audit.plan
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    error = ""
    if request.method == "POST":
        try:
            services.complete_audit(audit, user=request.user)
        except services.AuditError as e:
            error = str(e)
        else:
            messages.success(
                request, "The audit is complete: its results have gone to the indicators"
            )
            return redirect(back)
    return render(
        request,
        "audits/confirm.html",
        {
            "page_title": f"Complete the audit: {audit.title}",
            "plan": plan,
            "audit": audit,
            "error": error,
            "has_errors": bool(error),
            "back_url": back,
            "cases": audit.cases.count(),
            "breadcrumbs": audit_crumbs(request, audit),
        },
    )


# --- findings ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.PLAN_AUDITS, url_kwarg="audit_id", queryset=audit_qs)
def add_finding(request, audit):
    plan = audit.plan
    form = aforms.FindingForm(*posted(request), plan=plan)
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    return saved(
        request,
        form,
        lambda: services.add_finding(audit, **form.cleaned_data),
        done="The finding has been added",
        to=back + "#findings",
    ) or form_page(
        request,
        plan,
        form,
        title="Add a finding",
        caption=audit.title,
        button="Add finding",
        back=back,
        crumbs=audit_crumbs(request, audit),
    )


def _finding_qs(qs):
    return qs.select_related("audit__plan__organisation")


@require_http_methods(["GET", "POST"])
@access.with_object(Finding, access.PLAN_AUDITS, url_kwarg="finding_id", queryset=_finding_qs)
def edit_finding(request, finding):
    audit = finding.audit
    plan = audit.plan
    initial = {
        "kind": finding.kind,
        "text": finding.text,
        "actions": list(
            finding.links.filter(made_from_finding=False).values_list("action", flat=True)
        ),
    }
    form = aforms.FindingForm(*posted(request), plan=plan, initial=initial)
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    return saved(
        request,
        form,
        lambda: services.edit_finding(finding, **form.cleaned_data),
        done="Your changes to the finding have been saved",
        to=back + "#findings",
    ) or form_page(
        request,
        plan,
        form,
        title="Change the finding",
        caption=audit.title,
        button="Save changes",
        back=back,
        crumbs=audit_crumbs(request, audit),
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Finding, access.PLAN_AUDITS, url_kwarg="finding_id", queryset=_finding_qs)
def finding_action(request, finding):
    audit = finding.audit
    plan = audit.plan
    form = aforms.NewActionForm(*posted(request), plan=plan, initial={"text": finding.text})
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    return saved(
        request,
        form,
        lambda: services.action_from_finding(finding, user=request.user, **form.service_kwargs()),
        done="The action has been added to the plan, linked to the finding",
        to=lambda action: plan_url(request, "plans:action", plan.pk, action.pk),
    ) or form_page(
        request,
        plan,
        form,
        title="Make the finding an action",
        caption=finding.text[:80],
        button="Add action to the plan",
        back=back,
        crumbs=audit_crumbs(request, audit),
    )


# --- questions about findings --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.RAISE_CHALLENGE, url_kwarg="audit_id", queryset=audit_qs)
def ask_about_audit(request, audit):
    plan = audit.plan
    form = mforms.QuestionForm(*posted(request))
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    return saved(
        request,
        form,
        lambda: services.ask(audit, user=request.user, **form.cleaned_data),
        done="Your question has been sent to the officers",
        to=back + "#questions",
    ) or form_page(
        request,
        plan,
        form,
        title="Ask a question about the findings",
        caption=audit.title,
        button="Send question",
        back=back,
        crumbs=audit_crumbs(request, audit),
    )


def _question_qs(qs):
    return qs.select_related("audit__plan__organisation")


@require_http_methods(["GET", "POST"])
@access.with_object(
    AuditQuestion, access.ANSWER_CHALLENGE, url_kwarg="question_id", queryset=_question_qs
)
def answer_question(request, question):
    audit = question.audit
    plan = audit.plan
    form = mforms.AnswerForm(*posted(request))
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    return saved(
        request,
        form,
        lambda: services.answer(question, user=request.user, **form.cleaned_data),
        done="Your answer has been added",
        to=back + "#questions",
    ) or form_page(
        request,
        plan,
        form,
        title="Answer a question",
        caption=audit.title,
        button="Send answer",
        back=back,
        crumbs=audit_crumbs(request, audit),
        asked=question,
    )


# --- indicators ----------------------------------------------------------------------------


def _yes_questions(plan) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for tool in plan.audit_tools.all():
        for q in tool.current().spec().questions:
            if q.scale == grading.YES_PARTLY_NO:
                found.setdefault(q.key, f"{q.text} ({tool.name})")
    return sorted(found.items(), key=lambda kv: kv[1])


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.PLAN_AUDITS, url_kwarg="plan_id", queryset=plan_qs)
def measures(request, plan):
    form = aforms.MeasureForm(*posted(request), questions=_yes_questions(plan))
    return saved(
        request,
        form,
        lambda: services.feed_indicator(plan, **form.cleaned_data),
        done=lambda indicator: f"The indicator has been added: {indicator.name}",
        to=lambda indicator: plan_url(request, "indicators:indicator", plan.pk, indicator.pk),
    ) or form_page(
        request,
        plan,
        form,
        title="Indicators from audits",
        button="Add indicator",
        back=plan_url(request, "audits:programme", plan.pk),
        fed=AuditMeasure.objects.filter(indicator__plan=plan).select_related("indicator"),
    )
