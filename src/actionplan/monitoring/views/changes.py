"""The forms that run the plan: progress updates, sign-off, RAG overrides and rules, edits,
challenges and their answers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.core.db import BUSY_MESSAGE, database_busy
from actionplan.core.presenters.navigation import Crumb, plan_breadcrumbs
from actionplan.core.views import plan_qs, posted
from actionplan.monitoring import challenging, editing, overrides, services, snapshot, statuses
from actionplan.monitoring import forms as mforms
from actionplan.monitoring import presenters as pages
from actionplan.monitoring.forms import add_service_error
from actionplan.monitoring.models import Challenge, RagRuleSet
from actionplan.monitoring.services import MonitoringError, StaleEdit
from actionplan.monitoring.views.pages import action_label, action_qs
from actionplan.plans.models import Action, Party, Plan, Recommendation


def _action_url(action, anchor="") -> str:
    url = reverse("plans:action", args=[action.recommendation.plan_id, action.pk])
    return f"{url}#{anchor}" if anchor else url


def _form_page(request, action, form, *, title, button, intro="", extra=None, **context):
    """One of an action's form pages: the action's caption, the form, Cancel."""
    rec, plan = action.recommendation, action.recommendation.plan
    return render(
        request,
        "monitoring/action_form.html",
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
@access.with_object(Action, access.UPDATE_ACTION, url_kwarg="action_id", queryset=action_qs)
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
@access.with_object(Action, access.PROPOSE_COMPLETION, url_kwarg="action_id", queryset=action_qs)
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
@access.with_object(Action, access.SIGN_OFF, url_kwarg="action_id", queryset=action_qs)
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
@access.with_object(Action, access.RETURN_COMPLETION, url_kwarg="action_id", queryset=action_qs)
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
@access.with_object(Action, access.SIGN_OFF, url_kwarg="action_id", queryset=action_qs)
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
@access.with_object(Action, access.OVERRIDE_RAG, url_kwarg="action_id", queryset=action_qs)
def override_rag(request, action):
    rules = services.rules_for(action.recommendation.plan_id)
    form = mforms.OverrideForm(*posted(request), rules=rules)
    saved = _saved(
        request,
        form,
        lambda: overrides.override_rag(action, user=request.user, **form.cleaned_data),
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
@access.with_object(Action, access.OVERRIDE_RAG, url_kwarg="action_id", queryset=action_qs)
def clear_override(request, action):
    form = mforms.ClearOverrideForm(*posted(request))
    saved = _saved(
        request,
        form,
        lambda: overrides.clear_override(action, user=request.user, **form.cleaned_data),
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
@access.with_object(Action, access.EDIT_ACTION, url_kwarg="action_id", queryset=action_qs)
def edit_action(request, action):
    plan = action.recommendation.plan
    parties = Party.objects.filter(organisation_id=plan.organisation_id).order_by("name", "pk")
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
            editing.edit_action(
                action.pk,
                form.changes(state),
                form.cleaned_data["version"],
                request.user,
                reason=form.given_reason(),
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
@access.with_object(Action, access.RAISE_CHALLENGE, url_kwarg="action_id", queryset=action_qs)
def ask_about_action(request, action):
    form = mforms.QuestionForm(*posted(request))
    saved = _saved(
        request,
        form,
        lambda: challenging.ask(action, user=request.user, **form.cleaned_data),
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
        lambda: challenging.ask(rec, user=request.user, **form.cleaned_data),
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
        "monitoring/simple_form.html",
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
        lambda: challenging.answer(challenge, user=request.user, **form.cleaned_data),
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


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_RAG_RULES, url_kwarg="plan_id", queryset=plan_qs)
def rag_rules(request, plan):
    rules = services.rules_for(plan)
    form = mforms.RagRulesForm(*posted(request), rules=rules)
    saved = _saved(
        request,
        form,
        lambda: overrides.set_rag_rules(plan, form.data_for_service(), user=request.user),
        done="The plan's RAG rules have been saved",
        to=reverse("plans:rag_rules", args=[plan.pk]),
    )
    return saved or render(
        request,
        "monitoring/rag_rules.html",
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
    overrides.reset_rag_rules(plan, user=request.user)
    messages.success(request, "The plan uses the default RAG rules again")
    return redirect("plans:rag_rules", plan_id=plan.pk)
