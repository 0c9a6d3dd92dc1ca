"""What the audit pages share: the querysets their objects are fetched with, breadcrumbs and
the form page."""

from __future__ import annotations

from django.shortcuts import render

from actionplan.core.presenters.navigation import plan_breadcrumbs


def audit_qs(qs):
    return qs.select_related("plan__organisation", "tool", "report_to")


def case_qs(qs):
    return qs.select_related(
        "audit__plan__organisation", "audit__tool", "tool_version__tool", "auditor"
    )


def plan_crumbs(request, plan, *more):
    return plan_breadcrumbs(request, plan, ("Audits", "audits:programme"), *more)


def audit_crumbs(request, audit):
    return plan_crumbs(request, audit.plan, (audit.title, "audits:audit", audit.pk))


def form_page(request, plan, form, *, title, button, back, caption="", crumbs=None, **extra):
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
            "breadcrumbs": crumbs or plan_crumbs(request, plan),
            **extra,
        },
    )
