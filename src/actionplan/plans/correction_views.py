"""The pages that correct what an import read: the improvement lead's alone."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access
from actionplan.core.presenters.navigation import plan_breadcrumbs
from actionplan.core.views import plan_qs, posted, saved
from actionplan.plans import correction_forms as cforms
from actionplan.plans import corrections
from actionplan.plans.models import Body, Party, Plan, Recommendation


def _page(request, plan, form, *, title, caption, button, back_url, crumbs=(), intro=""):
    return render(
        request,
        "core/form_page.html",
        {
            "page_title": title,
            "title": title,
            "caption": caption,
            "plan": plan,
            "form": form,
            "button": button,
            "intro": intro,
            "back_url": back_url,
            "breadcrumbs": plan_breadcrumbs(request, plan, *crumbs),
        },
    )


def _parties(plan: Plan, first: list[Party]) -> list[Party]:
    """The council's parties, those chosen now first."""
    others = Party.objects.filter(organisation_id=plan.organisation_id).exclude(
        pk__in=[p.pk for p in first]
    )
    return [*first, *others.order_by("name", "pk")]


@require_http_methods(["GET", "POST"])
@access.with_object(
    Recommendation,
    access.CORRECT_PLAN,
    url_kwarg="recommendation_id",
    queryset=lambda qs: qs.select_related("plan__organisation", "timescale"),
)
def edit_recommendation(request, rec):
    plan = rec.plan
    owners = [r.party for r in rec.responsibilities.select_related("party")]
    parties = _parties(plan, owners)
    objectives = list(rec.objectives.all())
    form = cforms.RecommendationForm(
        *posted(request),
        timescales=plan.timescales.all(),
        parties=parties,
        objectives=objectives,
        initial={
            "title": rec.title,
            "timescale": rec.timescale_id,
            "owners": [p.pk for p in owners],
            **{f"objective_{o.pk}": o.title for o in objectives},
        },
    )
    back = reverse("plans:recommendation", args=[plan.pk, rec.pk])

    def write():
        data = form.cleaned_data
        by_id = {p.pk: p for p in parties}
        return corrections.edit_recommendation(
            rec,
            user=request.user,
            reason=data["reason"],
            title=data["title"],
            timescale=plan.timescales.filter(pk=data["timescale"]).first(),
            owners=[by_id[i] for i in data["owners"]],
            objectives={o.pk: data[f"objective_{o.pk}"] for o in objectives},
        )

    done = saved(
        request, form, write, done=f"Recommendation {rec.number} has been changed", to=back
    )
    return done or _page(
        request,
        plan,
        form,
        title="Edit the recommendation",
        caption=f"Recommendation {rec.number}",
        button="Save changes",
        back_url=back,
        crumbs=[(f"Recommendation {rec.number}", "plans:recommendation", rec.pk)],
    )


def _body_of(plan: Plan, body_id: int) -> Body:
    body = Body.objects.filter(pk=body_id, organisation_id=plan.organisation_id).first()
    if body is None:
        raise Http404("no such body of this plan's council")
    return body


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.CORRECT_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def edit_body(request, plan, body_id):
    body = _body_of(plan, body_id)
    form = cforms.BodyForm(
        *posted(request),
        initial={
            "name": body.name,
            "abbreviation": body.abbreviation,
            "aliases": "\n".join(body.aliases),
        },
    )
    back = reverse("plans:bodies", args=[plan.pk])

    done = saved(
        request,
        form,
        lambda: corrections.edit_body(body, plan=plan, user=request.user, **form.cleaned_data),
        done=lambda b: f"{b.name} has been changed",
        to=back,
    )
    return done or _page(
        request,
        plan,
        form,
        title="Edit the body",
        caption=str(body),
        button="Save changes",
        back_url=back,
        crumbs=[("Bodies", "plans:bodies")],
        intro="Its names are shared by every plan of the council that reports to it.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.CORRECT_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def merge_bodies(request, plan, body_id):
    body = _body_of(plan, body_id)
    others = Body.objects.filter(organisation_id=plan.organisation_id).exclude(pk=body.pk)
    return _merge_page(
        request,
        plan,
        body,
        [(b.pk, str(b)) for b in others],
        find=lambda pk: _body_of(plan, pk),
        merge=corrections.merge_bodies,
        back=("Bodies", "plans:bodies"),
        label="Which body is the same as this one?",
        hint="Its meetings, reporting lines and papers move to this body, and its name is "
        "kept as another name of this one",
        missing="Select the body to merge into this one",
        intro="Use this when a plan names one body in two ways that the import took for two "
        "bodies. The other body is removed once everything of it has moved; this cannot be "
        "undone.",
    )


def _merge_page(request, plan, target, others, *, find, merge, back, intro, **wording):
    """Merge the record the user chooses (`find(id)`) into `target`, with `merge`."""
    form = cforms.MergeForm(*posted(request), others=others, **wording)
    back_url = reverse(back[1], args=[plan.pk])

    def write():
        data = form.cleaned_data
        merged = find(data["other"])
        name = merged.name
        merge(target, merged, plan=plan, user=request.user, reason=data["reason"])
        return name

    done = saved(
        request,
        form,
        write,
        done=lambda name: f"{name} has been merged into {target.name}",
        to=back_url,
    )
    return done or _page(
        request,
        plan,
        form,
        title=f"Merge another into {target.name}",
        caption=back[0],
        button="Merge",
        back_url=back_url,
        crumbs=[back],
        intro=intro,
    )


def _party_of(plan: Plan, party_id: int) -> Party:
    party = Party.objects.filter(pk=party_id, organisation_id=plan.organisation_id).first()
    if party is None:
        raise Http404("no such person or organisation of this plan's council")
    return party


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.CORRECT_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def edit_party(request, plan, party_id):
    party = _party_of(plan, party_id)
    form = cforms.PartyForm(*posted(request), initial={"name": party.name, "kind": party.kind})
    back = reverse("plans:people", args=[plan.pk])

    done = saved(
        request,
        form,
        lambda: corrections.edit_party(party, plan=plan, user=request.user, **form.cleaned_data),
        done=lambda p: f"{p.name} has been changed",
        to=back,
    )
    return done or _page(
        request,
        plan,
        form,
        title="Change a name",
        caption=party.name,
        button="Save changes",
        back_url=back,
        crumbs=[("People", "plans:people")],
        intro="The name is shared by every plan of the council that names them. The old name "
        "is kept as another name, so that the next import of the plan finds them.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.CORRECT_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def merge_parties(request, plan, party_id):
    party = _party_of(plan, party_id)
    others = Party.objects.filter(organisation_id=plan.organisation_id).exclude(pk=party.pk)
    return _merge_page(
        request,
        plan,
        party,
        [(p.pk, f"{p.name} ({p.get_kind_display()})") for p in others.order_by("name", "pk")],
        find=lambda pk: _party_of(plan, pk),
        merge=corrections.merge_parties,
        back=("People", "plans:people"),
        label="Who is the same as them?",
        hint="The actions they lead or are partners in, the recommendations they hold and the "
        "people who act as them move here, and their name is kept as another name",
        missing="Select who to merge into this one",
        intro="Use this when the plan names one person or organisation in two ways that the "
        "import took for two. The other is removed once everything of theirs has moved; this "
        "cannot be undone.",
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.CORRECT_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def split_party(request, plan, party_id):
    party = _party_of(plan, party_id)
    joined = party.name
    held = [
        (corrections.split_key(row), corrections.held_label(row))
        for row in corrections.split_roles(party)
    ]
    form = cforms.SplitForm(*posted(request), held=held, kind=party.kind)
    back = reverse("plans:people", args=[plan.pk])

    def write():
        return corrections.split_party(
            party,
            plan=plan,
            user=request.user,
            reason=form.cleaned_data["reason"],
            parts=form.parts(),
            takes=form.takes(),
        )

    done = saved(
        request,
        form,
        write,
        done=lambda parts: f"{joined} has been split into {', '.join(p.name for p in parts)}",
        to=back,
    )
    return done or _page(
        request,
        plan,
        form,
        title=f"Split {joined}",
        caption="People",
        button="Split",
        back_url=back,
        crumbs=[("People", "plans:people")],
        intro="Use this when the import took two or more people or organisations for one. "
        "Give each their name; the first keeps everything else of theirs (the people who act "
        "as them, reminders). Each name is kept as another name of them all, so that the next "
        "import of the plan finds them.",
    )
