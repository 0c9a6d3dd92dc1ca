"""The plan's actions as one list that can be searched, filtered, sorted and paged, all in the
query string (monitoring/finding.py); and, for the improvement lead, changing the actions
selected in it at once (monitoring/bulk.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import OperationalError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from actionplan.accounts import access
from actionplan.core.forms import (
    AUTOCOMPLETE,
    GovukDateField,
    GovukForm,
    choice,
    show_refusal,
)
from actionplan.core.presenters.navigation import plan_breadcrumbs
from actionplan.core.views import plan_qs
from actionplan.monitoring import bulk, cached, finding, listing, snapshot
from actionplan.monitoring import presenters as pages
from actionplan.monitoring.services import MonitoringError
from actionplan.plans.models import Action, Body, Party, Plan


class BulkChangeForm(GovukForm):
    actions = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": "Select the actions to change"},
    )
    change = forms.ChoiceField(
        label="What do you want to change?",
        widget=forms.RadioSelect,
        choices=list(bulk.CHANGES.items()),
        error_messages={"required": "Choose what to change"},
    )
    lead = forms.ChoiceField(label="Lead", required=False, widget=forms.Select(attrs=AUTOCOMPLETE))
    body = forms.ChoiceField(label="Body they report to", required=False)
    due = GovukDateField(label="New end date", required=False, help_text="For example, 30 6 2013")
    days = forms.IntegerField(
        label="Days to move the end date by",
        required=False,
        min_value=-3650,
        max_value=3650,
        help_text="A number of days: 14 moves it later, -7 earlier",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    reason = forms.CharField(
        label="Why are you making this change?",
        help_text="Shown in the history of each action changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you are making this change"},
    )
    back = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.parties = {
            str(p.pk): p for p in Party.objects.filter(organisation_id=plan.organisation_id)
        }
        self.bodies = {str(b.pk): b for b in Body.objects.filter(plans=plan)}
        # Read only to check a posted form (a callable: Django reads it when it must).
        choice(self, "actions").choices = lambda: [
            (pk, pk)
            for pk in Action.objects.filter(recommendation__plan=plan, retired=False).values_list(
                "pk", flat=True
            )
        ]
        choice(self, "lead").choices = [
            ("", "Choose a lead"),
            *sorted(((k, p.name) for k, p in self.parties.items()), key=lambda c: c[1].casefold()),
        ]
        choice(self, "body").choices = [("", "Choose a body")] + [
            (k, b.name) for k, b in self.bodies.items()
        ]

    def clean(self):
        data = super().clean()
        wanted = {"lead": "Choose the lead", "body": "Choose the body", "due": None, "days": None}
        change = data.get("change")
        if change in ("lead", "body") and not data.get(change):
            self.add_error(change, wanted[change])
        if change == "due" and data.get("due") is None and "due" not in self.errors:
            self.add_error("due", "Enter the new end date")
        if change == "days" and not data.get("days") and "days" not in self.errors:
            self.add_error("days", "Enter the number of days, such as 14 or -7")
        return data

    def bulk_change(self) -> bulk.BulkChange:
        d = self.cleaned_data
        return bulk.BulkChange(
            change=d["change"],
            lead=self.parties.get(d.get("lead") or ""),
            body=self.bodies.get(d.get("body") or ""),
            due=d.get("due"),
            days=d.get("days"),
        )

    def main_fields(self):
        return [self[n] for n in ("change", "lead", "body", "due", "days", "reason")]


def _found(request, plan, bodies: list[tuple[int, str]] | None = None):
    if bodies is None:
        bodies = list(Body.objects.filter(plans=plan).values_list("pk", "name"))
    f = finding.Filters.from_query(request.GET)
    if request.as_at == request.today and listing.answerable(f):
        # Today, filters SQL can answer: only the page shown is built (listing.py).
        listed = cached.listed(request, plan, f, request.GET.get("page"))
        if listed is not None:
            return listed.snapshot, listed.found(f, bodies)
    snap = cached.plan_as_at(request, plan)
    return snap, listing.whole(snap, request.GET, bodies)


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def actions(request, plan):
    return _page(request, plan)


def _page(request, plan, form=None):
    # Changes are made to the plan as it is today, never to a past "as at" view.
    can_change = (
        access.can(request.user, access.EDIT_ACTION, plan) and request.as_at == request.today
    )
    if can_change and form is None:
        form = BulkChangeForm(plan=plan)
    # The form has read the plan's bodies: the filters use them too.
    bodies = [(b.pk, b.name) for b in form.bodies.values()] if form is not None else None
    try:
        snap, found = _found(request, plan, bodies)
    except snapshot.NotInPlanYet as e:
        from actionplan.monitoring.views.pages import _not_yet

        return _not_yet(request, plan, e)
    if form is not None and not form.is_bound:
        form.initial["back"] = found.filters.query()
    select_all = request.GET.get("select") == "all"
    chosen = set(form["actions"].value() or []) if form is not None and form.is_bound else set()
    return render(
        request,
        "monitoring/actions.html",
        {
            "page_title": "Actions",
            "plan": plan,
            "found": found,
            "key": pages.key_of(snap.rules),
            "form": form if can_change else None,
            "checked": {str(i) for i in found.shown_ids}
            if select_all
            else {str(c) for c in chosen},
            "select_all_href": found.filters.query() + "&select=all"
            if found.filters.pairs()
            else "?select=all",
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@require_POST
@access.with_object(Plan, access.EDIT_ACTION, url_kwarg="plan_id", queryset=plan_qs)
def bulk_change(request, plan):
    form = BulkChangeForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            done = bulk.bulk_change(
                plan,
                form.cleaned_data["actions"],
                form.bulk_change(),
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except MonitoringError as e:  # StaleEdit too: nothing was changed
            show_refusal(form, e)
        except OperationalError:
            form.add_error(None, "The service is busy: try again in a moment")
        else:
            messages.success(request, done)
            back = form.cleaned_data.get("back") or ""
            return redirect(
                reverse("plans:actions", args=[plan.pk]) + (back if back.startswith("?") else "")
            )
    return _page(request, plan, form)
