"""The indicator pages. Each view: the object from the access layer, a presenter, a template.

Uploads (a CSV of values, Annex A data) are written to a temporary folder, read, and the
folder deleted before the response goes: Annex A is child-level data, so only the figures
computed from it are kept, and nothing from inside it is logged. Between computing and
storing, the page carries those figures (and only those) in a signed form field.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.core.presenters.navigation import plan_breadcrumbs, plan_url
from actionplan.core.uploads import UnreadableFile, reading
from actionplan.core.views import plan_qs, posted
from actionplan.core.wording import long_date
from actionplan.indicators import forms as iforms
from actionplan.indicators import presenters as pages
from actionplan.indicators import services
from actionplan.indicators.annexa import AnnexAError, Computation, MeasureResult
from actionplan.indicators.models import Indicator, IndicatorValue, ValuesImport
from actionplan.monitoring import snapshot
from actionplan.plans.models import Action, Plan

_SIGNING_SALT = "actionplan.indicators.compute"
_COMPUTED_MAX_AGE = 2 * 60 * 60  # seconds a computed result may wait to be stored


def _indicator_qs(qs):
    return qs.select_related("plan__organisation", "owner")


def _indicators(plan: Plan, on: dt.date):
    """The plan's indicators with their values for periods ended by `on`, and their links."""
    return (
        Indicator.objects.filter(plan=plan)
        .select_related("owner")
        .prefetch_related(*_prefetches(on))
    )


def _prefetches(on: dt.date) -> list:
    return [
        Prefetch(
            "values",
            queryset=IndicatorValue.objects.filter(period_end__lte=on).order_by("period_end"),
        ),
        Prefetch("actions", queryset=Action.objects.only("pk")),
        "recommendations",
    ]


def _snapshot(plan: Plan, on: dt.date):
    """The plan as at the date, for the actions' delivery RAG; None before it was here."""
    try:
        return snapshot.plan_as_at(plan, on)
    except snapshot.NotInPlanYet:
        return None


def _list_url(request, plan) -> str:
    return plan_url(request, "indicators:list", plan.pk)


def _crumbs(request, plan, *more):
    return plan_breadcrumbs(request, plan, ("Indicators", "indicators:list"), *more)


# --- reading ------------------------------------------------------------------------------


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def indicator_list(request, plan):
    on = request.as_at
    user = request.user
    return render(
        request,
        "indicators/list.html",
        {
            "page_title": "Indicators",
            "plan": plan,
            "page": pages.list_page(list(_indicators(plan, on)), _snapshot(plan, on), on),
            "can_manage": access.can(user, access.MANAGE_INDICATORS, plan),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Indicator, access.VIEW_PLAN, url_kwarg="indicator_id", queryset=_indicator_qs)
def indicator(request, indicator):
    plan, on = indicator.plan, request.as_at
    indicator = _indicators(plan, on).get(pk=indicator.pk)
    return render(
        request,
        "indicators/indicator.html",
        {
            "page_title": indicator.name,
            "plan": plan,
            "page": pages.indicator_page(indicator, _snapshot(plan, on), on),
            "can_manage": access.can(request.user, access.MANAGE_INDICATORS, indicator),
            "can_record": access.can(request.user, access.RECORD_INDICATOR_VALUE, indicator),
            "breadcrumbs": _crumbs(request, plan),
        },
    )


# --- defining an indicator, recording a value ---------------------------------------------


def _form_page(request, plan, form, *, title, button, back, caption="", multipart=False, **kw):
    return render(
        request,
        "indicators/form.html",
        {
            "page_title": f"{title}: {caption}" if caption else title,
            "title": title,
            "caption": caption,
            "plan": plan,
            "form": form,
            "button": button,
            "back_url": back,
            "multipart": multipart,
            "breadcrumbs": _crumbs(request, plan),
            **kw,
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_INDICATORS, url_kwarg="plan_id", queryset=plan_qs)
def add_indicator(request, plan):
    form = iforms.IndicatorForm(*posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        form.instance.order = (
            plan.indicators.order_by("-order").values_list("order", flat=True).first() or 0
        ) + 1
        created = form.save()
        messages.success(request, f"The indicator has been added: {created.name}")
        return redirect("indicators:indicator", plan_id=plan.pk, indicator_id=created.pk)
    return _form_page(
        request,
        plan,
        form,
        title="Add an indicator",
        button="Add indicator",
        back=_list_url(request, plan),
    )


@require_http_methods(["GET", "POST"])
@access.with_object(
    Indicator, access.MANAGE_INDICATORS, url_kwarg="indicator_id", queryset=_indicator_qs
)
def edit_indicator(request, indicator):
    plan = indicator.plan
    form = iforms.IndicatorForm(*posted(request), plan=plan, instance=indicator)
    back = plan_url(request, "indicators:indicator", plan.pk, indicator.pk)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your changes to the indicator have been saved")
        return redirect(back)
    return _form_page(
        request,
        plan,
        form,
        title="Edit the indicator",
        caption=indicator.name,
        button="Save changes",
        back=back,
    )


@require_http_methods(["GET", "POST"])
@access.with_object(
    Indicator, access.RECORD_INDICATOR_VALUE, url_kwarg="indicator_id", queryset=_indicator_qs
)
def record_value(request, indicator):
    plan = indicator.plan
    form = iforms.ValueForm(*posted(request), indicator=indicator, today=request.today)
    back = plan_url(request, "indicators:indicator", plan.pk, indicator.pk)
    if request.method == "POST" and form.is_valid():
        _, created = services.record_value(indicator, **form.service_kwargs())
        end = form.cleaned_data["period_end"]
        done = "recorded" if created else "recorded, replacing the one for that date"
        messages.success(request, f"The value for {long_date(end)} has been {done}")
        return redirect(reverse("indicators:indicator", args=[plan.pk, indicator.pk]) + "#values")
    return _form_page(
        request,
        plan,
        form,
        title="Record a value",
        caption=indicator.name,
        button="Record value",
        back=back,
        indicator=indicator,
        unit=indicator.get_unit_display(),
    )


# --- uploads: values from CSV, measures from Annex A ---------------------------------------


class UploadError(Exception):
    """An upload that cannot be read at all; the message names the file as the user did."""


@contextmanager
def _uploaded(upload):
    """The upload as a file in a temporary folder that is deleted, with everything in it,
    on leaving the block. The readers take a .zip as it is: nothing is unpacked to disk."""
    # The form has refused a file larger than the upload limit.
    folder = Path(tempfile.mkdtemp(prefix="actionplan-upload-"))
    try:
        path = folder / f"upload{PurePosixPath(upload.name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_INDICATORS, url_kwarg="plan_id", queryset=plan_qs)
def import_values(request, plan):
    form = iforms.ValuesFileForm(*posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.VALUES_IMPORT_QUEUE_BYTES:
            job = services.queue_values_import(
                plan, upload.read(), upload.name, user=request.user, today=request.today
            )
            return redirect("indicators:values_import", plan_id=plan.pk, import_id=job.pk)
        try:
            with _uploaded(upload) as path, reading(upload.name, "a CSV file of values"):
                imported = services.import_values_csv(path, plan, today=request.today)
        except (UploadError, UnreadableFile) as e:
            form.add_error("file", str(e))
        except services.ValueImportError as e:
            for error in e.errors:
                form.add_error("file", f"{upload.name}: {error}")
            form.add_error("file", "Nothing was imported: correct the file and upload it again")
        else:
            messages.success(
                request,
                f"Values imported from {upload.name}: {imported.created} new, "
                f"{imported.updated} replaced",
            )
            return redirect(_list_url(request, plan))
    return _form_page(
        request,
        plan,
        form,
        title="Import values from a CSV file",
        button="Import values",
        back=_list_url(request, plan),
        multipart=True,
        csv_help=True,
        indicators=list(plan.indicators.order_by("order", "name").values_list("pk", "name")),
    )


@access.with_object(ValuesImport, access.MANAGE_INDICATORS, url_kwarg="import_id")
def values_import(request, job):
    """A queued import of values: waiting, done, or the rows that stopped it."""
    plan = job.plan
    return render(
        request,
        "indicators/values_import.html",
        {
            "page_title": f"Importing values: {job.filename}",
            "plan": plan,
            "job": job,
            "more_errors": job.error_count - len(job.errors),
            "list_url": _list_url(request, plan),
            "import_url": plan_url(request, "indicators:import_values", plan.pk),
            "breadcrumbs": _crumbs(request, plan),
        },
    )


_NOT_COMPUTED = "not computed"


def _sign(plan: Plan, result: Computation, filename: str) -> str:
    """Each measure's id with its numerator and denominator, or that it was not computed
    (not why: a reason is shown on the page, never carried). No problems and no teams, so
    no value from a row of the file. Signed, not encrypted: the page's user can read it."""
    return signing.dumps(
        {
            "plan": plan.pk,
            "as_at": result.as_at.isoformat(),
            "file": filename,
            "measures": [
                [m.id, m.numerator, m.denominator, bool(m.not_computed)] for m in result.measures
            ],
        },
        salt=_SIGNING_SALT,
        compress=True,
    )


def _unsign(token: str, plan: Plan) -> tuple[Computation, str] | None:
    try:
        data = signing.loads(token, salt=_SIGNING_SALT, max_age=_COMPUTED_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("plan") != plan.pk:
        return None
    measures = [
        MeasureResult(
            id=i, numerator=n, denominator=d, not_computed=_NOT_COMPUTED if not_ else None
        )
        for i, n, d, not_ in data["measures"]
    ]
    return Computation(dt.date.fromisoformat(data["as_at"]), measures), data["file"]


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_INDICATORS, url_kwarg="plan_id", queryset=plan_qs)
def compute(request, plan):
    if request.method == "POST" and "computed" in request.POST:
        return _store_computed(request, plan)
    form = iforms.AnnexAForm(
        *posted(request, files=True), initial={"as_at": request.as_at}, today=request.today
    )
    if request.method == "POST" and form.is_valid():
        upload, as_at = form.cleaned_data["file"], form.cleaned_data["as_at"]
        try:
            with _uploaded(upload) as path:
                try:
                    what = "Annex A (an .xlsx workbook or a .zip of CSV files)"
                    with reading(upload.name, what, keep=(AnnexAError,)):
                        result = services.compute_from_annex_a(path, as_at, plan.organisation)
                except AnnexAError as e:
                    # Its message names the temporary path: name the upload instead.
                    raise UploadError(str(e).replace(str(path), upload.name)) from None
        except (UploadError, UnreadableFile) as e:
            form.add_error("file", str(e))
        else:
            indicators = list(plan.indicators.exclude(measure_id="").order_by("order", "name"))
            local = dict(plan.organisation.local_measures.values_list("key", "name"))
            return render(
                request,
                "indicators/computed.html",
                {
                    "page_title": f"Check the measures before you store them: {upload.name}",
                    "plan": plan,
                    "page": pages.compute_page(result, upload.name, indicators, local),
                    "token": _sign(plan, result, upload.name),
                    "problems_listed": pages.PROBLEMS_LISTED,
                    "breadcrumbs": _crumbs(
                        request, plan, ("Compute from Annex A", "indicators:compute")
                    ),
                },
            )
    return _form_page(
        request,
        plan,
        form,
        title="Compute values from Annex A",
        button="Upload and compute",
        back=_list_url(request, plan),
        multipart=True,
        annex_a=True,
        measured=list(
            plan.indicators.exclude(measure_id="")
            .order_by("order", "name")
            .values_list("name", "measure_id")
        ),
    )


def _store_computed(request, plan):
    unsigned = _unsign(request.POST.get("computed", ""), plan)
    if unsigned is None:
        messages.error(request, "Those figures have expired or were changed: upload the data again")
        return redirect("indicators:compute", plan_id=plan.pk)
    result, filename = unsigned
    stored = services.store_computation(plan, result, source=filename)
    text = f"Values stored as at {result.as_at:%d/%m/%Y}: {stored.created} new, {stored.updated} replaced"
    if stored.not_stored:
        text += f". Not stored: {'; '.join(stored.not_stored)}"
    messages.success(request, text)
    return redirect(_list_url(request, plan))
