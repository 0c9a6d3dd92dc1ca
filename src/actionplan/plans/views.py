"""The plan pages. Each view: the object from the access layer, a presenter, a template."""

from __future__ import annotations

import io
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.accounts.models import Membership
from actionplan.core import imports
from actionplan.core.db import BUSY_MESSAGE, database_busy
from actionplan.core.errors import UserError
from actionplan.core.forms import GovukForm
from actionplan.core.models import PendingImport
from actionplan.core.presenters import plans as present
from actionplan.core.presenters.navigation import Crumb, plan_breadcrumbs
from actionplan.core.uploads import UnreadableFile
from actionplan.core.views import plan_qs, posted
from actionplan.importing.errors import PlanReadError
from actionplan.monitoring import forms as mforms
from actionplan.monitoring import history, services, snapshot, statuses
from actionplan.monitoring.forms import add_service_error
from actionplan.monitoring.models import Challenge, Evidence, RagRuleSet
from actionplan.monitoring.services import MonitoringError, StaleEdit
from actionplan.plans import exporting
from actionplan.plans import presenters as pages
from actionplan.plans.models import Action, Party, Plan, Recommendation


def action_label(action: Action) -> str:
    return action.ref or action.number or f"#{action.order}"


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


# --- the plan as at a date: dashboard, recommendation, action, my actions, due -----------


def _action_qs(qs):
    return qs.select_related("recommendation__plan__organisation")


def _not_yet(request, plan, error):
    """The as-at date is before the plan (or the action) was in the service."""
    return render(
        request,
        "plans/not_yet.html",
        {
            "page_title": "Not in the plan on that date",
            "plan": plan,
            "message": str(error),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def dashboard(request, plan):
    try:
        snap = snapshot.plan_as_at(plan, request.as_at)
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    member = request.membership
    return render(
        request,
        "plans/dashboard.html",
        {
            "page_title": plan.title,
            "plan": plan,
            "page": pages.dashboard(snap, snapshot.deadlines(snap)),
            "breadcrumbs": [Crumb("Plans", reverse("plans:list"))],
            "has_party": bool(member and member.party_id),
            "can_manage_rules": access.can(request.user, access.MANAGE_RAG_RULES, plan),
        },
    )


@access.with_object(
    Recommendation,
    access.VIEW_PLAN,
    url_kwarg="recommendation_id",
    queryset=lambda qs: qs.select_related("plan__organisation"),
)
def recommendation(request, rec):
    plan = rec.plan
    try:
        snap = snapshot.plan_as_at(plan, request.as_at, recommendation_id=rec.pk)
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    page = pages.recommendation_page(snap, rec.pk)
    if page is None:
        return _not_yet(
            request, plan, f"Recommendation {rec.number} was not in the plan on that date"
        )
    return render(
        request,
        "plans/recommendation.html",
        {
            "page_title": f"Recommendation {rec.number}",
            "plan": plan,
            "rec": rec,
            "page": page,
            "challenges": snapshot.challenges(rec, request.as_at),
            "can_ask": access.can(request.user, access.RAISE_CHALLENGE, rec),
            "can_answer": access.can(request.user, access.ANSWER_CHALLENGE, rec),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Action, access.VIEW_PLAN, url_kwarg="action_id", queryset=_action_qs)
def action(request, action):
    rec, plan = action.recommendation, action.recommendation.plan
    try:
        page = pages.action_page(snapshot.action_page(action, request.as_at))
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    user = request.user

    def may(permission):
        return access.can(user, permission, action)

    return render(
        request,
        "plans/action.html",
        {
            "page_title": f"Action {page.action.label}, recommendation {rec.number}",
            "plan": plan,
            "page": page,
            "reporting": list(action.reporting.select_related("body")),
            "may": {
                "update": may(access.UPDATE_ACTION),
                "propose": may(access.PROPOSE_COMPLETION),
                "sign_off": may(access.SIGN_OFF),
                "return": may(access.RETURN_COMPLETION),
                "reopen": may(access.SIGN_OFF),
                "override": may(access.OVERRIDE_RAG),
                "edit": may(access.EDIT_ACTION),
                "ask": may(access.RAISE_CHALLENGE),
                "answer": may(access.ANSWER_CHALLENGE),
                "history": may(access.VIEW_HISTORY),
                "export": may(access.EXPORT_HISTORY),
            },
            "breadcrumbs": plan_breadcrumbs(
                request, plan, (f"Recommendation {rec.number}", "plans:recommendation", rec.pk)
            ),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def my_actions(request, plan):
    member = request.membership
    party = member.party if member and member.party_id else None
    page = None
    if party is not None:
        try:
            mine = snapshot.my_actions(party, request.as_at)
        except snapshot.NotInPlanYet as e:
            return _not_yet(request, plan, e)
        snap = next((s for s in mine.plans if s.plan_id == plan.pk), None)
        in_plan = {a.id for a in snap.actions()} if snap else set()
        page = pages.my_actions_page(
            party.name,
            snap,
            mine.roles,
            snapshot.Deadlines(
                mine.deadlines.on,
                tuple(d for d in mine.deadlines.overdue if d.action.id in in_plan),
                tuple(d for d in mine.deadlines.due_soon if d.action.id in in_plan),
            ),
        )
    return render(
        request,
        "plans/my_actions.html",
        {
            "page_title": "My actions",
            "plan": plan,
            "page": page,
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def due(request, plan):
    try:
        snap = snapshot.plan_as_at(plan, request.as_at)
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    return render(
        request,
        "plans/due.html",
        {
            "page_title": "Overdue and due soon",
            "plan": plan,
            "due": pages.due_page(snap.rules, snapshot.deadlines(snap)),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


# --- the forms that run the plan -------------------------------------------------------


def _action_url(action, anchor="") -> str:
    url = reverse("plans:action", args=[action.recommendation.plan_id, action.pk])
    return f"{url}#{anchor}" if anchor else url


def _form_page(request, action, form, *, title, button, intro="", extra=None, **context):
    """One of an action's form pages: the action's caption, the form, Cancel."""
    rec, plan = action.recommendation, action.recommendation.plan
    return render(
        request,
        "plans/action_form.html",
        {
            "page_title": f"{title}: action {action_label(action)}",
            "title": title,
            "plan": plan,
            "action": action,
            "label": action_label(action),
            "form": form,
            "button": button,
            "intro": intro,
            "extra": extra,
            "action_url": _action_url(action),
            "breadcrumbs": [
                *plan_breadcrumbs(
                    request, plan, (f"Recommendation {rec.number}", "plans:recommendation", rec.pk)
                ),
                Crumb(f"Action {action_label(action)}", _action_url(action)),
            ],
            **context,
        },
        status=200,
    )


def _refused(form, error: MonitoringError, fields=None):
    """Show the service's refusal; after a stale edit, the form carries the version now,
    so that saving again (having compared) goes through."""
    add_service_error(form, error, fields)
    if isinstance(error, StaleEdit):
        form.data = form.data.copy()
        form.data["version"] = error.current["version"]


def _saved(request, form, save, *, done, to, fields=None):
    """On a valid POST, `save()` (a service call), then the message `done` and a redirect
    to `to`. Otherwise None, for the caller to show the form again: with the service's
    refusal on it (see _refused; `fields` renames the field it names)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save()
    except MonitoringError as e:
        _refused(form, e, fields)
        return None
    except OperationalError as e:
        _busy(form, e)
        return None
    messages.success(request, done)
    return redirect(to)


def _busy(form, error: OperationalError) -> None:
    """The database stayed busy past its timeout: the form again, with what was typed."""
    if not database_busy(error):
        raise error
    form.add_error(None, BUSY_MESSAGE)


def _latest_update(action):
    updates = snapshot.updates(action)
    return updates[0] if updates else None


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.UPDATE_ACTION, url_kwarg="action_id", queryset=_action_qs)
def add_update(request, action):
    milestones = list(action.milestones.filter(done_on__isnull=True).order_by("order", "pk"))
    form = mforms.UpdateForm(
        *posted(request, files=True), milestones=milestones, initial={"as_at": request.today}
    )
    saved = _saved(
        request,
        form,
        lambda: services.record_update(action, user=request.user, **form.service_kwargs()),
        done="Your progress update has been added",
        to=_action_url(action, "updates"),
        fields=form.SERVICE_FIELDS,
    )
    return saved or _form_page(
        request, action, form, title="Add a progress update", button="Add update", multipart=True
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.PROPOSE_COMPLETION, url_kwarg="action_id", queryset=_action_qs)
def propose_completion(request, action):
    form = mforms.ProposeForm(*posted(request, files=True), initial={"version": action.version})
    saved = _saved(
        request,
        form,
        lambda: services.propose_completion(
            action,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            impact=form.cleaned_data["impact"],
            **form.evidence(),
        ),
        done="Completion proposed: the improvement lead will sign it off",
        to=_action_url(action),
    )
    return saved or _form_page(
        request,
        action,
        form,
        title="Propose completion",
        button="Propose completion",
        intro="The improvement lead checks the evidence of impact, then signs the action off "
        "as complete or returns it to you with a reason.",
        multipart=True,
    )


# What a decision needs the action's status to be, and what its page says otherwise.
NOT_READY = {
    statuses.AWAITING_SIGN_OFF: "This action does not await sign-off: nobody has proposed "
    "its completion.",
    statuses.COMPLETE: "This action is not complete: only an action signed off as complete "
    "can be reopened.",
}


def _decision(
    request,
    action,
    form_class,
    service,
    *,
    title,
    button,
    done,
    needs=statuses.AWAITING_SIGN_OFF,
    intro="",
):
    """A decision on the action's latest record (a proposal, a sign-off), shown above the
    form; only when the action's status is `needs`."""
    form = form_class(*posted(request), initial={"version": action.version})

    def decide():
        data = dict(form.cleaned_data)
        service(action, user=request.user, expected_version=data.pop("version"), **data)

    saved = _saved(request, form, decide, done=done, to=_action_url(action))
    if saved:
        return saved
    ready = services.current_status(action) == needs
    return _form_page(
        request,
        action,
        form if ready else None,
        title=title,
        button=button,
        intro=intro if ready else "",
        record=_latest_update(action) if ready else None,
        not_ready="" if ready else NOT_READY[needs],
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.SIGN_OFF, url_kwarg="action_id", queryset=_action_qs)
def accept_completion(request, action):
    return _decision(
        request,
        action,
        mforms.AcceptForm,
        services.accept_completion,
        title="Sign off completion",
        button="Sign off as complete",
        done="Signed off: the action is complete",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.RETURN_COMPLETION, url_kwarg="action_id", queryset=_action_qs)
def return_completion(request, action):
    return _decision(
        request,
        action,
        mforms.ReturnForm,
        services.return_completion,
        title="Return the completion",
        button="Return to the lead officer",
        done="Returned to the lead officer with your reason",
    )


class ReopenForm(mforms.VersionedForm):
    reason = forms.CharField(
        label="Why are you reopening it?",
        help_text="For example, it was signed off in error, or the work is found undone. "
        "Everyone who sees the action's history sees this reason.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the action is reopened"},
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.SIGN_OFF, url_kwarg="action_id", queryset=_action_qs)
def reopen_action(request, action):
    return _decision(
        request,
        action,
        ReopenForm,
        services.reopen_action,
        title="Reopen the action",
        button="Reopen the action",
        done="Reopened: the action is back to the status it had before it was proposed complete",
        needs=statuses.COMPLETE,
        intro="The action goes back to the status it had before its completion was proposed, "
        "and takes progress updates again.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.OVERRIDE_RAG, url_kwarg="action_id", queryset=_action_qs)
def override_rag(request, action):
    rules = services.rules_for(action.recommendation.plan_id)
    form = mforms.OverrideForm(*posted(request), rules=rules)
    saved = _saved(
        request,
        form,
        lambda: services.override_rag(action, user=request.user, **form.cleaned_data),
        done="The RAG rating is overridden, with your reason",
        to=_action_url(action),
    )
    return saved or _form_page(
        request,
        action,
        form,
        title="Override the RAG rating",
        button="Override the rating",
        intro="The colour you choose is shown instead of the one the plan's rules give, "
        "flagged as an override with your reason, until you clear it.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.OVERRIDE_RAG, url_kwarg="action_id", queryset=_action_qs)
def clear_override(request, action):
    form = mforms.ClearOverrideForm(*posted(request))
    saved = _saved(
        request,
        form,
        lambda: services.clear_override(action, user=request.user, **form.cleaned_data),
        done="The override is cleared: the rules give the colour again",
        to=_action_url(action),
    )
    return saved or _form_page(
        request, action, form, title="Clear the RAG override", button="Clear the override"
    )


def _posted_milestones(post) -> list[dict]:
    """The milestone rows the user was shown, by the ids the form carried."""
    rows, i = [], 0
    while f"m{i}_id" in post:
        rows.append({"id": post[f"m{i}_id"]})
        i += 1
    return rows


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.EDIT_ACTION, url_kwarg="action_id", queryset=_action_qs)
def edit_action(request, action):
    plan = action.recommendation.plan
    parties = Party.objects.filter(organisation_id=plan.organisation_id).order_by("name")
    state = services.editable_state(action)
    if request.method == "POST":
        form = mforms.EditActionForm(
            request.POST, parties=parties, milestones=_posted_milestones(request.POST)
        )
    else:
        form = mforms.EditActionForm(
            initial=mforms.EditActionForm.initial_from(state),
            parties=parties,
            milestones=state["milestones"],
        )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_action(
                action.pk, form.changes(state), form.cleaned_data["version"], request.user
            )
        except StaleEdit as e:
            _refused(form, e)
            current = pages.edited_state(e.current, parties, e.saved_by, e.saved_at)
        except MonitoringError as e:
            _refused(form, e, {"milestones": "m0_text"})
        except OperationalError as e:
            _busy(form, e)
        else:
            messages.success(request, "Your changes to the action have been saved")
            return redirect(_action_url(action))
    return _form_page(
        request,
        action,
        form,
        title="Edit the action",
        button="Save changes",
        current=current,
        edit=True,
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Action, access.RAISE_CHALLENGE, url_kwarg="action_id", queryset=_action_qs)
def ask_about_action(request, action):
    form = mforms.QuestionForm(*posted(request))
    saved = _saved(
        request,
        form,
        lambda: services.ask(action, user=request.user, **form.cleaned_data),
        done="Your question has been sent to the officers",
        to=_action_url(action, "challenges"),
    )
    return saved or _form_page(
        request, action, form, title="Ask a question", button="Send question"
    )


@require_http_methods(["GET", "POST"])
@access.with_object(
    Recommendation,
    access.RAISE_CHALLENGE,
    url_kwarg="recommendation_id",
    queryset=lambda qs: qs.select_related("plan__organisation"),
)
def ask_about_recommendation(request, rec):
    form = mforms.QuestionForm(*posted(request))
    url = reverse("plans:recommendation", args=[rec.plan_id, rec.pk])
    saved = _saved(
        request,
        form,
        lambda: services.ask(rec, user=request.user, **form.cleaned_data),
        done="Your question has been sent to the officers",
        to=f"{url}#challenges",
    )
    return saved or _simple_form_page(
        request,
        rec.plan,
        form,
        page_title=f"Ask a question: recommendation {rec.number}",
        title="Ask a question",
        caption=f"Recommendation {rec.number}",
        button="Send question",
        back_url=url,
        breadcrumbs=plan_breadcrumbs(
            request, rec.plan, (f"Recommendation {rec.number}", "plans:recommendation", rec.pk)
        ),
    )


def _simple_form_page(request, plan, form, *, title, caption, button, back_url, **context):
    """A form about a recommendation or a question: its caption, the form, Cancel."""
    return render(
        request,
        "plans/simple_form.html",
        {
            "title": title,
            "caption": caption,
            "plan": plan,
            "form": form,
            "button": button,
            "back_url": back_url,
            **context,
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(
    Challenge,
    access.VIEW_PLAN,
    url_kwarg="challenge_id",
    queryset=lambda qs: qs.select_related(
        "plan__organisation", "action__recommendation", "recommendation", "asked_by"
    ),
)
def answer_challenge(request, challenge):
    about = challenge.action or challenge.recommendation
    if not access.can(request.user, access.ANSWER_CHALLENGE, about):
        raise PermissionDenied("you may not answer this question")
    plan = challenge.plan
    if challenge.action_id:
        back, caption = _action_url(challenge.action), f"Action {action_label(challenge.action)}"
    else:
        back = reverse("plans:recommendation", args=[plan.pk, challenge.recommendation_id])
        caption = f"Recommendation {challenge.recommendation.number}"
    form = mforms.AnswerForm(*posted(request))
    saved = _saved(
        request,
        form,
        lambda: services.answer(challenge, user=request.user, **form.cleaned_data),
        done="Your answer has been added",
        to=f"{back}#challenges",
    )
    return saved or _simple_form_page(
        request,
        plan,
        form,
        page_title=f"Answer a question: {caption.lower()}",
        title="Answer a question",
        caption=caption,
        button="Send answer",
        back_url=back,
        challenge=challenge,
        asked_by=services.user_name(challenge.asked_by),
        breadcrumbs=plan_breadcrumbs(request, plan),
    )


@access.with_object(Action, access.EXPORT_HISTORY, url_kwarg="action_id", queryset=_action_qs)
def action_history_csv(request, action):
    entries = history.action_history(action, until=snapshot.end_of(request.as_at))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"action-{action.pk}-history-{request.as_at.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    history.write_csv(entries, response)
    return response


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


@access.with_object(Evidence, access.VIEW_PLAN, url_kwarg="evidence_id")
def evidence_file(request, evidence):
    if not evidence.file:
        raise Http404("this evidence is a link")
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name).name
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_RAG_RULES, url_kwarg="plan_id", queryset=plan_qs)
def rag_rules(request, plan):
    rules = services.rules_for(plan)
    form = mforms.RagRulesForm(*posted(request), rules=rules)
    saved = _saved(
        request,
        form,
        lambda: services.set_rag_rules(plan, form.data_for_service(), user=request.user),
        done="The plan's RAG rules have been saved",
        to=reverse("plans:rag_rules", args=[plan.pk]),
    )
    return saved or render(
        request,
        "plans/rag_rules.html",
        {
            "page_title": "RAG rules",
            "plan": plan,
            "form": form,
            "key": pages.key_of(rules),
            "own_rules": RagRuleSet.objects.filter(plan=plan).exists(),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@require_http_methods(["POST"])
@access.with_object(Plan, access.MANAGE_RAG_RULES, url_kwarg="plan_id")
def reset_rag_rules(request, plan):
    services.reset_rag_rules(plan, user=request.user)
    messages.success(request, "The plan uses the default RAG rules again")
    return redirect("plans:rag_rules", plan_id=plan.pk)


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id")
def people(request, plan):
    can_invite = access.can(request.user, access.INVITE_USER, plan)
    return render(
        request,
        "plans/people.html",
        {
            "page_title": "People",
            "plan": plan,
            "page": present.people_page(plan),
            "members": (plan.memberships.select_related("user", "party") if can_invite else None),
            "invitations": (
                plan.invitations.filter(accepted_at__isnull=True) if can_invite else None
            ),
            "can_invite": can_invite,
            "can_view_log": access.can(request.user, access.VIEW_AUDIT_LOG, plan),
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
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


# --- import ------------------------------------------------------------------------------


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
        self.fields["organisation"].choices = [(c, c) for c in choices]


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


@require_http_methods(["GET", "POST"])
@access.permission_required(access.IMPORT_PLAN)
def import_preview(request, pending_id):
    pending = get_object_or_404(PendingImport, pk=pending_id, user=request.user)
    if pending.plan_id is not None:
        return redirect("plans:dashboard", plan_id=pending.plan_id)
    try:
        preview = imports.preview(pending)
    except (PlanReadError, UnreadableFile) as e:
        # Read when uploaded, so only a changed importer gets here: ask for the file again.
        return _upload_page(request, UploadForm.refused(str(e)))
    choices = _organisation_choices(request, preview.file_organisation)
    initial = imports.default_organisation(preview.file_organisation, choices)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        initial={"organisation": initial},
    )
    store_error = updates = None
    single_choice = choices[0] if len(choices) == 1 else None
    if single_choice:
        try:
            updates = imports.target(
                preview.doc, user=request.user, organisation_name=single_choice
            )
        except UserError as e:
            store_error = str(e)
    if request.method == "POST" and form.is_valid():
        try:
            plan, stored = imports.confirm(
                pending, user=request.user, organisation_name=form.cleaned_data["organisation"]
            )
        except UserError as e:
            store_error = str(e)
        else:
            if stored:
                messages.success(request, f"The plan has been imported: {plan.title}")
            return redirect("plans:dashboard", plan_id=plan.pk)
    return render(
        request,
        "plans/import_preview.html",
        {
            "page_title": f"Check the plan before you import it: {pending.filename}",
            "preview": preview,
            "doc": preview.doc,
            "form": form,
            "single_choice": single_choice,
            "updates": updates,
            "store_error": store_error,
            "has_errors": bool(store_error),
            "breadcrumbs": [
                Crumb("Plans", reverse("plans:list")),
                Crumb("Import a plan", reverse("plans:import")),
            ],
        },
    )
