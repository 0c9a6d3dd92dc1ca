"""The voice pages: the object from the access layer, a service, a presenter, a template."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.core.presenters.navigation import plan_breadcrumbs, plan_url
from actionplan.core.views import plan_qs, posted, saved
from actionplan.monitoring import forms as mforms
from actionplan.plans.models import Plan
from actionplan.voice import forms as vforms
from actionplan.voice import presenters, services
from actionplan.voice.models import FeedbackQuestion, FeedbackSource, Quote, Theme, YouSaidWeDid


def _crumbs(request, plan, *more):
    return plan_breadcrumbs(request, plan, ("Voice", "voice:overview"), *more)


def _form_page(
    request, plan, form, *, title, button, caption="", multipart=False, back_url=None, **extra
):
    return render(
        request,
        "voice/form.html",
        {
            "page_title": f"{title}: {caption}" if caption else title,
            "title": title,
            "caption": caption,
            "plan": plan,
            "form": form,
            "button": button,
            "back_url": back_url or plan_url(request, "voice:overview", plan.pk),
            "multipart": multipart,
            "breadcrumbs": _crumbs(request, plan),
            **extra,
        },
    )


def _quotes(request, plan):
    """The quotes the user may see: a flagged one only by those who may see flags."""
    quotes = Quote.objects.select_related("source").order_by("-heard_on", "-pk")
    if not access.can(request.user, access.VIEW_FLAGGED_QUOTES, plan):
        quotes = quotes.filter(flagged=False)
    return quotes


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def overview(request, plan):
    themes = plan.voice_themes.prefetch_related(Prefetch("quotes", queryset=_quotes(request, plan)))
    sources = plan.feedback_sources.prefetch_related("results")
    return render(
        request,
        "voice/overview.html",
        {
            "page_title": "Voice of children and families",
            "plan": plan,
            "sources": [presenters.source_summary(s) for s in sources],
            "themes": [presenters.theme_view(t) for t in themes],
            "entries": presenters.entries(plan),
            "can_manage": access.can(request.user, access.MANAGE_VOICE, plan),
            "can_see_flags": access.can(request.user, access.VIEW_FLAGGED_QUOTES, plan),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


def _source_qs(qs):
    return qs.select_related("plan").prefetch_related(
        "questions__asked_by", "questions__answers__answered_by"
    )


@access.with_object(FeedbackSource, access.VIEW_PLAN, url_kwarg="source_id", queryset=_source_qs)
def source(request, source):
    plan = source.plan
    return render(
        request,
        "voice/source.html",
        {
            "page_title": source.name,
            "plan": plan,
            "source": source,
            "questions": presenters.results_by_question(source),
            "challenges": list(source.questions.all()),
            "can_ask": access.can(request.user, access.RAISE_CHALLENGE, source),
            "can_answer": access.can(request.user, access.ANSWER_CHALLENGE, source),
            "breadcrumbs": _crumbs(request, plan),
        },
    )


# --- members' questions about the feedback, as about an audit's findings ------------------


@require_http_methods(["GET", "POST"])
@access.with_object(FeedbackSource, access.RAISE_CHALLENGE, url_kwarg="source_id")
def ask_about_source(request, source):
    plan = source.plan
    form = mforms.QuestionForm(*posted(request))
    back = plan_url(request, "voice:source", plan.pk, source.pk)
    return saved(
        request,
        form,
        lambda: services.ask(source, user=request.user, **form.cleaned_data),
        done="Your question has been sent to the officers",
        to=back + "#questions",
    ) or _form_page(
        request,
        plan,
        form,
        title="Ask a question about the feedback",
        caption=source.name,
        button="Send question",
        back_url=back,
    )


@require_http_methods(["GET", "POST"])
@access.with_object(
    FeedbackQuestion,
    access.ANSWER_CHALLENGE,
    url_kwarg="question_id",
    queryset=lambda qs: qs.select_related("source__plan"),
)
def answer_question(request, question):
    source = question.source
    plan = source.plan
    form = mforms.AnswerForm(*posted(request))
    back = plan_url(request, "voice:source", plan.pk, source.pk)
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
        caption=source.name,
        button="Send answer",
        back_url=back,
        asked=question,
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_VOICE, url_kwarg="plan_id", queryset=plan_qs)
def add_source(request, plan):
    form = vforms.SourceForm(*posted(request))
    return saved(
        request,
        form,
        lambda: services.add_source(plan, **form.cleaned_data),
        done="The feedback source has been added",
        to=plan_url(request, "voice:overview", plan.pk),
    ) or _form_page(request, plan, form, title="Add a feedback source", button="Add source")


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_VOICE, url_kwarg="plan_id", queryset=plan_qs)
def import_results(request, plan):
    form = vforms.ResultsFileForm(*posted(request, files=True))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imported = services.import_results_csv(upload.read(), plan, today=request.today)
        except services.VoiceError as e:
            for error in e.errors:
                form.add_error("file", f"{upload.name}: {error}")
            form.add_error("file", "Nothing was imported: correct the file and upload it again")
        else:
            messages.success(
                request,
                f"Results imported from {upload.name}: {imported.created} new, "
                f"{imported.updated} replaced",
            )
            return redirect(plan_url(request, "voice:overview", plan.pk))
    return _form_page(
        request,
        plan,
        form,
        title="Import results from a CSV file",
        button="Import results",
        multipart=True,
        csv_help=True,
        source_names=plan.feedback_sources.values_list("name", flat=True),
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_VOICE, url_kwarg="plan_id", queryset=plan_qs)
def add_theme(request, plan):
    form = vforms.ThemeForm(*posted(request))
    return saved(
        request,
        form,
        lambda: services.add_theme(plan, **form.cleaned_data),
        done="The theme has been added",
        to=plan_url(request, "voice:overview", plan.pk) + "#themes",
    ) or _form_page(request, plan, form, title="Add a theme", button="Add theme")


@require_http_methods(["GET", "POST"])
@access.with_object(Theme, access.MANAGE_VOICE, url_kwarg="theme_id")
def add_quote(request, theme):
    plan = theme.plan
    form = vforms.QuoteForm(*posted(request), plan=plan, today=request.today)
    return saved(
        request,
        form,
        lambda: services.add_quote(theme, user=request.user, **form.cleaned_data),
        done=lambda quote: (
            "The quote has been saved and flagged: it suggests a child may be at "
            "risk, so it goes to the safeguarding contact and is kept out of papers"
            if quote.flagged
            else "The quote has been added"
        ),
        to=lambda quote: (
            reverse("voice:safeguarding", args=[plan.pk])
            if quote.flagged
            else plan_url(request, "voice:overview", plan.pk) + "#themes"
        ),
    ) or _form_page(
        request, plan, form, title="Add a quote", caption=theme.name, button="Add quote"
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.VIEW_FLAGGED_QUOTES, url_kwarg="plan_id", queryset=plan_qs)
def safeguarding(request, plan):
    contact = getattr(plan, "safeguarding_contact", None)
    initial = {"name": contact.name, "email": contact.email} if contact else None
    form = vforms.ContactForm(*posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_contact(plan, **form.cleaned_data)
        messages.success(request, "The safeguarding contact has been saved")
        return redirect("voice:safeguarding", plan_id=plan.pk)
    flagged = Quote.objects.filter(theme__plan=plan, flagged=True).select_related(
        "theme", "source", "alert"
    )
    return render(
        request,
        "voice/safeguarding.html",
        {
            "page_title": "Safeguarding",
            "plan": plan,
            "form": form,
            "contact": contact,
            "flagged": [presenters.flagged_row(q) for q in flagged.order_by("-heard_on", "-pk")],
            "breadcrumbs": _crumbs(request, plan),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def you_said_we_did(request, plan):
    """A page for children and families: plain words, large type, made to be printed."""
    return render(
        request,
        "voice/you_said_we_did.html",
        {
            "page_title": "You said, we did",
            "council": plan.organisation.name,
            "entries": presenters.entries(plan),
            "back_url": plan_url(request, "voice:overview", plan.pk),
        },
    )


def _entry_page(request, plan, form, *, title, button, entry=None):
    return saved(
        request,
        form,
        lambda: services.save_you_said(plan, entry=entry, **form.cleaned_data),
        done="Saved: it is on the 'you said, we did' page",
        to=plan_url(request, "voice:overview", plan.pk) + "#you-said-we-did",
    ) or _form_page(request, plan, form, title=title, button=button)


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_VOICE, url_kwarg="plan_id", queryset=plan_qs)
def add_you_said(request, plan):
    form = vforms.YouSaidForm(*posted(request), plan=plan)
    return _entry_page(request, plan, form, title="Add 'you said, we did'", button="Add")


@require_http_methods(["GET", "POST"])
@access.with_object(YouSaidWeDid, access.MANAGE_VOICE, url_kwarg="entry_id")
def edit_you_said(request, entry):
    plan = entry.plan
    initial = {
        "you_said": entry.you_said,
        "we_did": entry.we_did,
        "theme": entry.theme_id,
        "actions": list(entry.links.values_list("action", flat=True)),
    }
    form = vforms.YouSaidForm(*posted(request), plan=plan, initial=initial)
    return _entry_page(
        request, plan, form, title="Change 'you said, we did'", button="Save changes", entry=entry
    )
