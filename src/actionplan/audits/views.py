"""The audit pages. Each view: the object from the access layer, a service, a presenter, a
template. A service's refusal (an identifier in the text, a grade missing) is shown on the
form, against its field, with everything the user typed kept."""

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
    AuditTool,
    CaseAudit,
    Finding,
    Moderation,
)
from actionplan.core.presenters.navigation import plan_breadcrumbs, plan_url
from actionplan.core.views import plan_qs, posted, saved
from actionplan.monitoring import forms as mforms
from actionplan.plans.models import Plan


def _audit_qs(qs):
    return qs.select_related("plan__organisation", "tool", "report_to")


def _case_qs(qs):
    return qs.select_related(
        "audit__plan__organisation", "audit__tool", "tool_version__tool", "auditor"
    )


def _crumbs(request, plan, *more):
    return plan_breadcrumbs(request, plan, ("Audits", "audits:programme"), *more)


def _audit_crumbs(request, audit):
    return _crumbs(request, audit.plan, (audit.title, "audits:audit", audit.pk))


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


def _form_page(request, plan, form, *, title, button, back, caption="", crumbs=None, **extra):
    return render(
        request,
        "audits/form.html",
        {
            "page_title": f"{title}: {caption}" if caption else title,
            "title": title,
            "caption": caption,
            "plan": plan,
            "form": form,
            "button": button,
            "back_url": back,
            "breadcrumbs": crumbs or _crumbs(request, plan),
            **extra,
        },
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
    return _form_page(
        request,
        plan,
        form,
        title="Plan an audit",
        button="Add audit",
        back=plan_url(request, "audits:programme", plan.pk),
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.PLAN_AUDITS, url_kwarg="audit_id", queryset=_audit_qs)
def edit_audit(request, audit):
    plan = audit.plan
    form = aforms.AuditForm(*posted(request), plan=plan, today=request.today, instance=audit)
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your changes to the audit have been saved")
        return redirect(back)
    return _form_page(
        request,
        plan,
        form,
        title="Change the audit",
        caption=audit.title,
        button="Save changes",
        back=back,
        crumbs=_audit_crumbs(request, audit),
    )


@access.with_object(Audit, access.VIEW_PLAN, url_kwarg="audit_id", queryset=_audit_qs)
def audit(request, audit):
    plan, user = audit.plan, request.user
    audit = (
        _audits(plan)
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.prefetch_related("links__action__recommendation"),
            ),
            "questions__answers",
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
            "breadcrumbs": _crumbs(request, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.PLAN_AUDITS, url_kwarg="audit_id", queryset=_audit_qs)
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
            "breadcrumbs": _audit_crumbs(request, audit),
        },
    )


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
            "breadcrumbs": _crumbs(request, plan),
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
    ) or _form_page(
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
            "breadcrumbs": _crumbs(request, plan, ("Audit tools", "audits:tools")),
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Change the audit tool",
        caption=tool.name,
        button="Save changes",
        back=back,
        tool_help=True,
        used=current.used,
        crumbs=_crumbs(request, plan, ("Audit tools", "audits:tools")),
    )


# --- case audits ---------------------------------------------------------------------------


def _case_page(request, audit, form, *, title, button, back, caption):
    return render(
        request,
        "audits/case_form.html",
        {
            "page_title": f"{title}: {caption}",
            "title": title,
            "caption": caption,
            "plan": audit.plan,
            "form": form,
            "button": button,
            "back_url": back,
            "breadcrumbs": _audit_crumbs(request, audit),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.CONDUCT_AUDIT, url_kwarg="audit_id", queryset=_audit_qs)
def add_case(request, audit):
    plan = audit.plan
    back = plan_url(request, "audits:audit", plan.pk, audit.pk)
    if audit.complete:
        messages.success(request, "This audit is complete: no more cases can be added")
        return redirect(back)
    version = audit.tool.current()
    form = aforms.CaseAuditForm(*posted(request), spec=version.spec(), today=request.today)
    return saved(
        request,
        form,
        lambda: services.record_case_audit(audit, user=request.user, **form.service_kwargs()),
        done=lambda case: f"The case audit has been saved: {case.case_reference}",
        to=back + "#cases",
    ) or _case_page(
        request,
        audit,
        form,
        title="Audit a case",
        button="Save case audit",
        back=back,
        caption=f"{audit.title}, {version.tool.name} version {version.number}",
    )


@access.with_object(CaseAudit, access.VIEW_CASE_AUDITS, url_kwarg="case_id", queryset=_case_qs)
def case(request, case):
    audit, user = case.audit, request.user
    case = (
        CaseAudit.objects.prefetch_related(
            Prefetch("moderations", queryset=Moderation.objects.select_related("moderator"))
        )
        .select_related("auditor")
        .get(pk=case.pk)
    )
    moderated = case.moderations.exists()
    return render(
        request,
        "audits/case.html",
        {
            "page_title": f"Case {case.case_reference}",
            "plan": audit.plan,
            "audit": audit,
            "case": case,
            "view": presenters.case_view(case, case.tool_version),
            "can_edit": access.can(user, access.CONDUCT_AUDIT, case)
            and not audit.complete
            and not moderated,
            "can_moderate": access.can(user, access.MODERATE_AUDIT, case)
            and case.auditor_id != user.pk,
            "breadcrumbs": _audit_crumbs(request, audit),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(CaseAudit, access.CONDUCT_AUDIT, url_kwarg="case_id", queryset=_case_qs)
def edit_case(request, case):
    audit = case.audit
    back = plan_url(request, "audits:case", audit.plan_id, case.pk)
    form = aforms.CaseAuditForm(
        *posted(request),
        spec=case.tool_version.spec(),
        today=request.today,
        initial=aforms.CaseAuditForm.initial_for(case),
    )
    return saved(
        request,
        form,
        lambda: services.edit_case_audit(case, **form.service_kwargs()),
        done="Your changes to the case audit have been saved",
        to=back,
    ) or _case_page(
        request,
        audit,
        form,
        title="Change the case audit",
        button="Save changes",
        back=back,
        caption=f"{case.case_reference}, {case.tool_version}",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(CaseAudit, access.MODERATE_AUDIT, url_kwarg="case_id", queryset=_case_qs)
def moderate_case(request, case):
    audit = case.audit
    back = plan_url(request, "audits:case", audit.plan_id, case.pk)
    form = aforms.ModerationForm(
        *posted(request),
        spec=case.tool_version.spec(),
        initial=aforms.ModerationForm.initial_for(case.grades()),
    )
    return saved(
        request,
        form,
        lambda: services.moderate(
            case, user=request.user, grades=form.grades(), reason=form.cleaned_data["reason"]
        ),
        done=lambda m: (
            "You agreed with every grade" if m.agreed else "Your moderated grades have been saved"
        ),
        to=back,
    ) or _case_page(
        request,
        audit,
        form,
        title="Moderate the case audit",
        button="Save moderation",
        back=back,
        caption=f"{case.case_reference}, audited by {presenters._user(case.auditor)}",
    )


# --- findings ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.PLAN_AUDITS, url_kwarg="audit_id", queryset=_audit_qs)
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Add a finding",
        caption=audit.title,
        button="Add finding",
        back=back,
        crumbs=_audit_crumbs(request, audit),
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Change the finding",
        caption=audit.title,
        button="Save changes",
        back=back,
        crumbs=_audit_crumbs(request, audit),
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Make the finding an action",
        caption=finding.text[:80],
        button="Add action to the plan",
        back=back,
        crumbs=_audit_crumbs(request, audit),
    )


# --- questions about findings --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.RAISE_CHALLENGE, url_kwarg="audit_id", queryset=_audit_qs)
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Ask a question about the findings",
        caption=audit.title,
        button="Send question",
        back=back,
        crumbs=_audit_crumbs(request, audit),
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Answer a question",
        caption=audit.title,
        button="Send answer",
        back=back,
        crumbs=_audit_crumbs(request, audit),
        asked=question,
    )


# --- indicators ----------------------------------------------------------------------------


def _yes_questions(plan) -> list[tuple[str, str]]:
    found = {}
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
    ) or _form_page(
        request,
        plan,
        form,
        title="Indicators from audits",
        button="Add indicator",
        back=plan_url(request, "audits:programme", plan.pk),
        fed=AuditMeasure.objects.filter(indicator__plan=plan).select_related("indicator"),
    )
