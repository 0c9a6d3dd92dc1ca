"""The plan's own pages: the list of plans, its people and bodies, its export, and
importing a plan. The pages of the plan as at a date are monitoring's (monitoring/views)."""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.accounts.models import Membership
from actionplan.core.errors import UserError
from actionplan.core.forms import GovukForm, choice
from actionplan.core.presenters.navigation import Crumb, plan_breadcrumbs
from actionplan.core.uploads import UnreadableFile
from actionplan.core.views import plan_qs, posted
from actionplan.importing.errors import PlanReadError
from actionplan.plans import exporting, imports
from actionplan.plans import presenters as present
from actionplan.plans.difference import reimport
from actionplan.plans.mapping import MappingForm, Shown
from actionplan.plans.models import PendingImport, Plan


def home(request):
    """Signed out: sign in. One plan: that plan. Otherwise the list of plans."""
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    plans = list(access.visible_plans(request.user).values_list("pk", flat=True)[:2])
    if len(plans) == 1:
        return redirect("plans:dashboard", plan_id=plans[0])
    return redirect("plans:list")


@login_required
def plan_list(request):
    plans = access.visible_plans(request.user).select_related("organisation")
    rows = present.plan_list(plans, Membership.objects.filter(user=request.user))
    return render(
        request,
        "plans/plan_list.html",
        {"page_title": "Your plans", "rows": rows, "can_import": access.can_import(request.user)},
    )


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def export_plan(request, plan, fmt):
    """The whole plan as it stands now, one row per action with its latest progress, as the
    `export` command writes it (and the importer reads it back)."""
    if fmt not in EXPORT_TYPES:
        raise Http404(f"a plan exports as xlsx, csv or json, not {fmt}")
    doc = exporting.plan_to_document(plan)
    response = HttpResponse(content_type=EXPORT_TYPES[fmt])
    name = f"{slugify(plan.title) or 'plan'}-{request.today.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if fmt == "xlsx":
        workbook = io.BytesIO()  # the zip writer wants a file it can seek in
        exporting.write_xlsx(doc, workbook)
        response.write(workbook.getvalue())
    elif fmt == "csv":
        exporting.write_csv(doc, response)
    else:
        response.write(doc.to_json() + "\n")
    return response


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id")
def people(request, plan):
    can_invite = access.can(request.user, access.INVITE_USER, plan)
    return render(
        request,
        "plans/people.html",
        {
            "page_title": "People",
            "plan": plan,
            "found": present.people_found(present.people_page(plan), request.GET),
            "members": (plan.memberships.select_related("user", "party") if can_invite else None),
            "invitations": (
                plan.invitations.filter(accepted_at__isnull=True) if can_invite else None
            ),
            "can_invite": can_invite,
            "can_view_log": access.can(request.user, access.VIEW_AUDIT_LOG, plan),
            "can_correct": access.can(request.user, access.CORRECT_PLAN, plan),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id")
def bodies(request, plan):
    return render(
        request,
        "plans/bodies.html",
        {
            "page_title": "Bodies",
            "plan": plan,
            "bodies": present.bodies_page(plan),
            "can_correct": access.can(request.user, access.CORRECT_PLAN, plan),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a plan file",
        help_text="A Word document (.docx), a spreadsheet (.xlsx or .csv), the text of a "
        "Word plan (.txt) or a plan-interchange file (.json)",
        error_messages={"required": "Select a plan file"},
    )

    @classmethod
    def refused(cls, message: str) -> UploadForm:
        """The empty form, showing why the last file was refused."""
        form = cls(data={})
        form.full_clean()
        form.errors.clear()
        form.add_error("file", message)
        return form


class ConfirmForm(GovukForm):
    organisation = forms.ChoiceField(
        label="Which council's plan is this?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the council the plan belongs to"},
    )

    def __init__(self, *args, choices: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choice(self, "organisation").choices = [(c, c) for c in choices]


@require_http_methods(["GET", "POST"])
@access.permission_required(access.IMPORT_PLAN)
def import_upload(request):
    form = UploadForm(*posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            pending = imports.upload(request.user, f.name, f.read())
        except (PlanReadError, UnreadableFile) as e:
            form.add_error("file", str(e))
        else:
            return redirect("plans:import_preview", pending_id=pending.pk)
    return _upload_page(request, form)


def _upload_page(request, form):
    return render(
        request,
        "plans/import_upload.html",
        {
            "page_title": "Import a plan",
            "form": form,
            "breadcrumbs": [Crumb("Plans", reverse("plans:list"))],
        },
    )


def _organisation_choices(request, file_organisation: str) -> list[str]:
    names = list(access.import_organisations(request.user).values_list("name", flat=True))
    if (
        request.user.is_superuser
        and file_organisation
        and not any(n.casefold() == file_organisation.casefold() for n in names)
    ):
        names.append(file_organisation)
    return names


def _opened(request, pending_id):
    """The user's pending import previewed, or the response instead: its plan once stored,
    or the upload page asking for the file again when it no longer reads (it was read when
    uploaded, so only a changed importer gets there)."""
    pending = get_object_or_404(PendingImport, pk=pending_id, user=request.user)
    if pending.plan_id is not None:
        return None, redirect("plans:dashboard", plan_id=pending.plan_id)
    try:
        return imports.preview(pending, imports.layout_councils(request.user)), None
    except (PlanReadError, UnreadableFile) as e:
        return None, _upload_page(request, UploadForm.refused(str(e)))


@require_http_methods(["GET", "POST"])
@access.permission_required(access.IMPORT_PLAN)
def import_preview(request, pending_id):
    preview, instead = _opened(request, pending_id)
    if instead:
        return instead
    pending = preview.pending
    form = _confirm_form(request, preview, request.POST if request.method == "POST" else None)
    if form is None:  # no header found: the page asks which row it is
        return _preview_page(request, preview, form=None)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if request.POST.get("update") != "confirmed":
            # An update of a stored plan: first what it will change, and nothing changes yet.
            try:
                into = imports.target(
                    preview.doc, user=request.user, organisation_name=organisation
                )
            except UserError as e:
                return _preview_page(request, preview, form=form, store_error=str(e))
            if into is not None:
                return _difference_page(request, preview, into, organisation)
        try:
            plan, stored = imports.confirm(
                pending, user=request.user, organisation_name=organisation
            )
        except UserError as e:
            return _preview_page(request, preview, form=form, store_error=str(e))
        if stored:
            messages.success(request, f"The plan has been imported: {plan.title}")
        return redirect("plans:dashboard", plan_id=plan.pk)
    return _preview_page(request, preview, form=form)


@require_http_methods(["POST"])
@access.permission_required(access.IMPORT_PLAN)
def import_mapping(request, pending_id):
    """Another header row, sheet or column meaning for the pending file: kept as its
    layout, then previewed again."""
    preview, instead = _opened(request, pending_id)
    if instead:
        return instead
    pending = preview.pending
    if preview.read.document is None:  # plan-interchange JSON: nothing to map
        return redirect("plans:import_preview", pending_id=pending.pk)
    mapping = MappingForm(request.POST, shown=Shown(preview.read))
    if not mapping.is_valid():
        form = _confirm_form(request, preview)
        return _preview_page(request, preview, form=form, mapping=mapping)
    pending.layout = mapping.layout().to_json()
    pending.save(update_fields=["layout"])
    return redirect(reverse("plans:import_preview", args=[pending.pk]) + "#mapping")


def _confirm_form(request, preview, data=None) -> ConfirmForm | None:
    """The form that confirms the import; None while no header is found."""
    if preview.doc is None:
        return None
    choices = _organisation_choices(request, preview.file_organisation)
    initial = imports.default_organisation(preview.file_organisation, choices)
    return ConfirmForm(data, choices=choices, initial={"organisation": initial})


def _difference_page(request, preview, into, organisation):
    """What updating `into` with the previewed file will add, change and remove, and what it
    keeps; its form confirms the import with update=confirmed."""
    return render(
        request,
        "plans/import_difference.html",
        {
            "page_title": f"Check what will change in {into.title}",
            "preview": preview,
            "shown": reimport(into, preview.doc),
            "organisation": organisation,
            "breadcrumbs": [
                Crumb("Plans", reverse("plans:list")),
                Crumb("Import a plan", reverse("plans:import")),
                Crumb("Check the plan", reverse("plans:import_preview", args=[preview.pending.pk])),
            ],
        },
    )


def _preview_page(request, preview, *, form, mapping=None, store_error=None):
    pending = preview.pending
    found = preview.read
    if mapping is None and found.document is not None:
        shown = Shown(found)
        # Nothing to choose in a plan of labelled paragraphs: no row has two cells.
        mapping = MappingForm(shown=shown) if shown.offered else None
    choices = form.fields["organisation"].choices if form is not None else []
    single_choice = choices[0][0] if len(choices) == 1 else None
    updates = None
    if single_choice and not store_error:
        try:
            updates = imports.target(
                preview.doc, user=request.user, organisation_name=single_choice
            )
        except UserError as e:
            store_error = str(e)
    title = (
        f"Check the plan before you import it: {pending.filename}"
        if preview.doc is not None
        else f"Which row holds the column headings? {pending.filename}"
    )
    return render(
        request,
        "plans/import_preview.html",
        {
            "page_title": title,
            "preview": preview,
            "doc": preview.doc,
            "form": form,
            "mapping": mapping,
            "saved": found.saved,
            "single_choice": single_choice,
            "updates": updates,
            "store_error": store_error,
            "has_errors": bool(store_error) or bool(mapping is not None and mapping.errors),
            "breadcrumbs": [
                Crumb("Plans", reverse("plans:list")),
                Crumb("Import a plan", reverse("plans:import")),
            ],
        },
    )
