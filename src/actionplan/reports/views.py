"""The board paper pages (docs/papers.md, "In the web app").

Each view: the paper or plan from the access layer, a presenter (presenters.py),
a template. Issued papers are the plan's: everyone who can see the plan reads them. Drafts
are the improvement team's (DRAFT_PAPER) until issued; issuing (ISSUE_PAPER) runs in the
task queue (tasks.py), because a large plan's PDF takes about a minute to render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Length
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.core.errors import UserError
from actionplan.core.presenters.navigation import Crumb, plan_breadcrumbs
from actionplan.core.views import plan_qs, posted
from actionplan.core.wording import long_date
from actionplan.monitoring.services import user_name
from actionplan.monitoring.snapshot import NotInPlanYet
from actionplan.plans.models import Body, Plan
from actionplan.reports import decisions, finding, services, tasks
from actionplan.reports.forms import ConfirmForm, PaperForm, ResolutionForm
from actionplan.reports.models import FORMATS, DraftRendering, Paper
from actionplan.reports.presenters import (
    FILE_NAMES,
    body_label,
    downloads,
    label_of,
    paper_row,
    renderings,
    state_tag,
    summary,
)

# The preview is the paper's own standalone HTML (inline styles, charts as data: URIs), in
# a sandboxed frame of this page. Its response gets a policy of its own: nothing but its
# inline styles and images, no script, no form, framed only by our own pages.
PREVIEW_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox"
)
BINARIES = ("html", "pdf", "docx", "template", "data")


# --- presenters ----------------------------------------------------------------------------


# --- loading -------------------------------------------------------------------------------


def _with_sizes(qs):
    return (
        qs.select_related("plan__organisation", "body", "created_by", "issued_by")
        .select_related("issue_requested_by")
        .defer(*BINARIES)
        .annotate(**{f"{fmt}_size": Length(fmt) for fmt in FORMATS})
    )


def _readable(request, paper: Paper) -> Paper:
    """An issued paper is the plan's; a draft only its drafters'."""
    if not paper.issued and not access.can(request.user, access.DRAFT_PAPER, paper):
        raise PermissionDenied("drafts are the improvement team's until they are issued")
    return paper


def _crumbs(request, plan, *more: Crumb) -> list[Crumb]:
    return [
        *plan_breadcrumbs(request, plan),
        Crumb("Board papers", reverse("reports:papers", args=[plan.pk])),
        *more,
    ]


def _paper_crumb(paper: Paper) -> Crumb:
    return Crumb(label_of(paper), reverse("reports:paper", args=[paper.plan_id, paper.pk]))


# --- pages ---------------------------------------------------------------------------------


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def papers(request, plan):
    user = request.user
    may_draft = access.can(user, access.DRAFT_PAPER, plan)
    mine = _with_sizes(Paper.objects.filter(plan=plan))
    query = request.GET
    if not may_draft:  # issued papers only, and no state to filter by
        mine = mine.filter(status=Paper.Status.ISSUED)
        query = query.copy()
        query.setlist("status", [])
    bodies = list(
        Body.objects.filter(papers__plan=plan).distinct().order_by("name").values_list("pk", "name")
    )
    # Searched, filtered and paged from the query string; the page's papers then split into
    # issued and drafts as before.
    found = finding.find(mine, query, today=request.today, bodies=bodies)
    issued = [paper_row(p) for p in found.rows if p.issued]
    drafts = [paper_row(p) for p in found.rows if not p.issued] if may_draft else None
    return render(
        request,
        "reports/pages/papers.html",
        {
            "page_title": "Board papers",
            "plan": plan,
            "issued": issued,
            "drafts": drafts,
            "may_draft": may_draft,
            "found": found,
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


class _Refused(Exception):
    pass


def _write_draft(form, write) -> Paper | None:
    """Run `write` (which stores the draft and returns it) in one transaction, then build
    the draft once: a date before the plan was in the service, or the service's refusal,
    is the form's error, and nothing is written. None when refused."""
    try:
        with transaction.atomic():
            paper = write(**form.service_kwargs())
            if _frozen(paper):
                return paper
            try:
                services.paper_data(paper)
            except NotInPlanYet as e:
                form.add_error("as_at", f"{e}: choose a later date")
                raise _Refused from None
    except _Refused:
        return None
    except UserError as e:
        form.add_error(None, str(e))
        return None
    return paper


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.DRAFT_PAPER, url_kwarg="plan_id", queryset=plan_qs)
def new_paper(request, plan):
    form = PaperForm(*posted(request, files=True), plan=plan, initial={"as_at": request.as_at})
    if request.method == "POST" and form.is_valid():
        body = form.body_obj()
        paper = _write_draft(
            form, lambda **kw: services.draft_paper(plan, body, user=request.user, **kw)
        )
        if paper is not None:
            messages.success(request, f"Draft saved: {label_of(paper)}")
            return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
    return render(
        request,
        "reports/pages/paper_form.html",
        {
            "page_title": "Draft a board paper",
            "title": "Draft a board paper",
            "plan": plan,
            "form": form,
            "button": "Save draft",
            "back_url": reverse("reports:papers", args=[plan.pk]),
            "breadcrumbs": _crumbs(request, plan),
        },
    )


@access.with_object(Paper, access.VIEW_PLAN, url_kwarg="paper_id", queryset=_with_sizes)
def paper(request, paper):
    _readable(request, paper)
    plan, user = paper.plan, request.user
    error = None
    try:
        data = services.paper_data(paper)
    except NotInPlanYet as e:  # a draft whose plan's history was changed under it
        data, error = None, str(e)
    asks = tuple((paper.options or {}).get("asks", ()))
    return render(
        request,
        "reports/pages/paper.html",
        {
            "page_title": label_of(paper),
            "plan": plan,
            "paper": paper,
            "label": label_of(paper),
            "body": body_label(paper.body),
            "items_caption": f"Actions reporting to the {paper.body.abbreviation or paper.body.name} "
            f"by {long_date(paper.period_end)}",
            "state": state_tag(paper),
            "summary": summary(data, asks) if data else None,
            "build_error": error,
            "downloads": downloads(
                paper, renderings(paper, data) if data and not paper.issued else None
            ),
            "drafted_by": user_name(paper.created_by),
            "issued_by": user_name(paper.issued_by),
            "requested_by": user_name(paper.issue_requested_by),
            "preview_url": reverse("reports:paper_preview", args=[plan.pk, paper.pk]),
            "may_edit": not paper.issued
            and not paper.being_issued
            and access.can(user, access.DRAFT_PAPER, paper),
            "stalled": tasks.stalled(paper),
            "may_issue": not paper.issued
            and (not paper.being_issued or tasks.stalled(paper))
            and access.can(user, access.ISSUE_PAPER, paper),
            "breadcrumbs": _crumbs(request, plan),
        },
    )


@xframe_options_sameorigin
@access.with_object(Paper, access.VIEW_PLAN, url_kwarg="paper_id", queryset=_with_sizes)
def paper_preview(request, paper):
    _readable(request, paper)
    try:
        content = services.paper_file(paper, "html").content
    except NotInPlanYet as e:
        raise Http404(str(e)) from None
    response = HttpResponse(content, content_type=services.CONTENT_TYPES["html"])
    # Set here, the CSP middleware leaves it as it is (see PREVIEW_CSP).
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["Cache-Control"] = "private, no-store" if not paper.issued else "private"
    return response


@require_http_methods(["GET", "POST"])
@access.with_object(Paper, access.VIEW_PLAN, url_kwarg="paper_id", queryset=_with_sizes)
def paper_download(request, paper, fmt):
    """A paper's file. An issued paper's is its stored file, and a draft's HTML is made
    now; a draft's PDF or Word file is made in the task queue (a large plan's PDF takes
    about a minute): served when an up-to-date one is ready, else asked for, and this page
    says so. POST: try a failed one again."""
    if fmt not in FORMATS:
        raise Http404(f"a paper is html, pdf or docx, not {fmt!r}")
    _readable(request, paper)
    if paper.issued or fmt not in DraftRendering.FORMATS:
        if request.method == "POST":
            return redirect(request.path)
        try:
            file = services.paper_file(paper, fmt)
        except NotInPlanYet as e:
            raise Http404(str(e)) from None
        return _attachment(file.content, file.filename, file.content_type, file.sha256)
    if paper.being_issued and not tasks.stalled(paper):
        # The issuing task is making its files (and holds the paper's row): its page says
        # so, with a link to check again.
        return redirect("reports:paper", plan_id=paper.plan_id, paper_id=paper.pk)
    try:
        rendering, _ = tasks.request_rendering(paper, fmt, again=request.method == "POST")
    except NotInPlanYet as e:
        raise Http404(str(e)) from None
    if request.method == "POST":
        return redirect(request.path)
    if rendering.ready:
        response = _attachment(
            bytes(rendering.content),
            services.filename(paper, fmt),
            services.CONTENT_TYPES[fmt],
            rendering.sha256,
        )
        response["Cache-Control"] = "private, no-store"
        return response
    label, what = label_of(paper), FILE_NAMES[fmt]
    title = (
        f"{what[0].upper()}{what[1:]} could not be made"
        if rendering.failed
        else f"Preparing {what}"
    )
    return render(
        request,
        "reports/pages/preparing.html",
        _on_paper(request, paper, page_title=f"{title}: {label}", label=label, what=what)
        | {"rendering": rendering},
        # Accepted: the file is being made. A failure is a page of its own.
        status=200 if rendering.failed else 202,
    )


def _on_paper(request, paper, **more) -> dict:
    """What every page about one paper below its own page has: the way back to it."""
    return {
        "plan": paper.plan,
        "paper": paper,
        "back_url": reverse("reports:paper", args=[paper.plan_id, paper.pk]),
        "breadcrumbs": _crumbs(request, paper.plan, _paper_crumb(paper)),
        **more,
    }


def _attachment(content: bytes, name: str, content_type: str, sha256: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-SHA256"] = sha256
    return response


def _frozen(paper) -> bool:
    """Issued or being issued: not to be changed. The paper's page says which."""
    return paper.issued or paper.being_issued


@require_http_methods(["GET", "POST"])
@access.with_object(Paper, access.DRAFT_PAPER, url_kwarg="paper_id", queryset=_with_sizes)
def edit_paper(request, paper):
    plan = paper.plan
    if _frozen(paper):
        return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
    form = PaperForm(
        *posted(request, files=True),
        plan=plan,
        editing=True,
        template_name=paper.template_name,
        initial=PaperForm.initial_from(paper),
    )
    if request.method == "POST" and form.is_valid():

        def write(**kw):
            locked = Paper.objects.select_for_update().get(pk=paper.pk)
            if _frozen(locked):
                return locked  # issued or being issued since the form was shown
            return services.edit_draft(locked, **kw)

        edited = _write_draft(form, write)
        if edited is not None and not _frozen(edited):
            messages.success(request, "Your changes to the draft have been saved")
            return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
        if edited is not None:
            # Issued while the form was open: keep what was typed in front of the user.
            form.add_error(
                None,
                "The paper was issued after you opened this form, so it can no longer "
                "change and your changes were not saved. They are still below, to copy.",
            )
    return render(
        request,
        "reports/pages/paper_form.html",
        {
            "page_title": f"Edit the draft: {label_of(paper)}",
            "title": "Edit the draft",
            "caption": label_of(paper),
            "plan": plan,
            "paper": paper,
            "form": form,
            "button": "Save changes",
            "back_url": reverse("reports:paper", args=[plan.pk, paper.pk]),
            "breadcrumbs": _crumbs(request, plan, _paper_crumb(paper)),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Paper, access.DRAFT_PAPER, url_kwarg="paper_id", queryset=_with_sizes)
def delete_paper(request, paper):
    plan = paper.plan
    if _frozen(paper):
        return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
    if request.method == "POST":
        label = label_of(paper)
        with transaction.atomic():
            locked = Paper.objects.select_for_update().filter(pk=paper.pk).first()
            if locked is None:
                return redirect("reports:papers", plan_id=plan.pk)
            if _frozen(locked):
                return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
            locked.delete()
        messages.success(request, f"Draft deleted: {label}")
        return redirect("reports:papers", plan_id=plan.pk)
    return _confirm_page(
        request,
        paper,
        title="Delete the draft",
        button="Delete draft",
        warning="The draft is deleted. Issued papers are not affected.",
        button_class="govuk-button--warning",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Paper, access.ISSUE_PAPER, url_kwarg="paper_id", queryset=_with_sizes)
def issue_paper(request, paper):
    plan = paper.plan
    if _frozen(paper) and not tasks.stalled(paper):
        return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
    if request.method == "POST":
        paper, queued = tasks.request_issue(paper, request.user)
        if queued and paper.issued:
            messages.success(request, f"Issued: {label_of(paper)}")
        elif queued:
            messages.success(request, f"The paper is being issued: {label_of(paper)}")
        return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
    return _confirm_page(
        request,
        paper,
        title="Issue the paper",
        button="Issue paper",
        warning="Issuing freezes the paper: it is built from the plan one last time, as at "
        f"{long_date(paper.as_at)}, and its HTML, PDF and Word files are stored. From then "
        "on everyone who can see the plan can read it, and it downloads exactly as issued, "
        "whatever happens to the plan. It cannot be edited, issued again or deleted.",
        intro="Issuing runs in the background: for a large plan it takes about a minute. "
        "The paper's page says when it is done.",
    )


def _confirm_page(request, paper, *, title, button, warning, intro="", button_class=""):
    label = label_of(paper)
    return render(
        request,
        "reports/pages/confirm.html",
        _on_paper(
            request,
            paper,
            page_title=f"{title}: {label}",
            title=title,
            caption=label,
            form=ConfirmForm(),
            warning=warning,
            intro=intro,
            button=button,
            button_class=button_class,
        ),
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Paper, access.VIEW_PLAN, url_kwarg="paper_id", queryset=_with_sizes)
def paper_decisions(request, paper):
    """What the body resolved on an issued paper; the improvement lead (ISSUE_PAPER) records
    each after the meeting. The paper stays frozen: the resolutions are stored beside it."""
    plan = paper.plan
    if not paper.issued:
        _readable(request, paper)
        return redirect("reports:paper", plan_id=plan.pk, paper_id=paper.pk)
    may_record = access.can(request.user, access.ISSUE_PAPER, paper)
    if request.method == "POST" and not may_record:
        raise PermissionDenied("the improvement lead records what the body resolved")
    form = ResolutionForm(*posted(request), paper=paper) if may_record else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            resolution = decisions.record(
                paper, form.cleaned_data["kind"], user=request.user, **form.record_kwargs()
            )
        except decisions.DecisionError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
        else:
            messages.success(request, f"Recorded: {decisions.describe(resolution)}")
            return redirect("reports:paper_decisions", plan_id=plan.pk, paper_id=paper.pk)
    resolutions = paper.resolutions.select_related("action__recommendation", "recorded_by")
    return render(
        request,
        "reports/pages/decisions.html",
        {
            "page_title": f"What the body resolved: {label_of(paper)}",
            "plan": plan,
            "paper": paper,
            "label": label_of(paper),
            "body": body_label(paper.body),
            "resolutions": [
                (r, decisions.describe(r), user_name(r.recorded_by)) for r in resolutions
            ],
            "form": form,
            "breadcrumbs": _crumbs(request, plan, _paper_crumb(paper)),
        },
    )
