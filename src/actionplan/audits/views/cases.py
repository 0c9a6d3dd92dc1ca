"""Case audits: one case audited against a tool's version, and its moderation."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.audits import forms as aforms
from actionplan.audits import presenters, services
from actionplan.audits.models import (
    Audit,
    CaseAudit,
    Moderation,
)
from actionplan.audits.views.common import audit_crumbs, audit_qs, case_qs
from actionplan.core.presenters.navigation import plan_url
from actionplan.core.views import posted, saved

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
            "breadcrumbs": audit_crumbs(request, audit),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Audit, access.CONDUCT_AUDIT, url_kwarg="audit_id", queryset=audit_qs)
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


@access.with_object(CaseAudit, access.VIEW_CASE_AUDITS, url_kwarg="case_id", queryset=case_qs)
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
            "breadcrumbs": audit_crumbs(request, audit),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(CaseAudit, access.CONDUCT_AUDIT, url_kwarg="case_id", queryset=case_qs)
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
@access.with_object(CaseAudit, access.MODERATE_AUDIT, url_kwarg="case_id", queryset=case_qs)
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
