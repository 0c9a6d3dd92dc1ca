"""The improvement lead corrects what the import read: a recommendation's title, owners and
timescale, a body's names, two bodies that are one. Each change is in the history with who
and why, "as at" shows the plan before and after it, and a re-import keeps it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan import interchange as ix
from actionplan.accounts.models import Membership, Role
from actionplan.governance.meetings import add_meeting
from actionplan.governance.models import Meeting
from actionplan.monitoring import history, snapshot
from actionplan.plans import corrections
from actionplan.plans.corrections import CorrectionError
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    Correction,
    Party,
    Recommendation,
    ReportingRequirement,
)
from actionplan.plans.services import store_plan
from actionplan.reports.models import Paper
from support.factories import plan_document
from support.monitoring import D, at, stored

pytestmark = pytest.mark.django_db


def document() -> ix.PlanDocument:
    judith = ix.Party(name="Judith Hay", kind=ix.PartyKind.PERSON)
    return plan_document(
        people=[ix.Person(name="Judith Hay"), ix.Person(name="Julie Firth")],
        bodies=[
            ix.Body(name="CYPLT", abbreviation="CYPLT"),
            ix.Body(name="CYLPT", abbreviation="CYLPT"),
        ],
        period=ix.Period(start=D(2012, 12, 1), end=D(2013, 6, 30)),
        timescales=[
            ix.Timescale(key="short", label="Short term", due=D(2013, 3, 31)),
            ix.Timescale(key="medium", label="Medium term", due=D(2013, 6, 30)),
        ],
        recommendation={"title": "Ensure that childrens views are recorded"},
        action=lambda r, i: {
            "leads": [judith],
            "reporting": [
                ix.Reporting(text="Report to CYPLT", body="CYPLT")
                if i == 1
                else ix.Reporting(text="Report to CYLPT", body="CYLPT")
            ],
        },
    )


@pytest.fixture
def plan(db):
    return stored(document())


@pytest.fixture
def lead(plan, django_user_model):
    user = django_user_model.objects.create_user("stephanie", first_name="Stephanie")
    Membership.objects.create(user=user, plan=plan, role=Role.IMPROVEMENT_LEAD)
    return user


def test_a_recommendation_gets_its_owner_title_and_timescale_with_who_and_why(plan, lead):
    rec = plan.recommendations.get()
    judith = Party.objects.get(name="Judith Hay")
    corrections.edit_recommendation(
        rec,
        user=lead,
        reason="The plan left the owner out",
        title="Ensure that children's views are recorded",
        timescale=plan.timescales.get(key="short"),
        owners=[judith],
        at=at(2013, 2, 1),
    )

    rec.refresh_from_db()
    assert rec.title == "Ensure that children's views are recorded"
    assert rec.timescale.label == "Short term"
    assert [r.party for r in rec.responsibilities.all()] == [judith]
    entries = history.recommendation_history(rec)
    changed = [(e.what, e.who, e.reason) for e in entries if e.at == at(2013, 2, 1)]
    assert sorted(changed) == [
        ("Overall responsibility added", "Stephanie", "The plan left the owner out"),
        ("Recommendation changed", "Stephanie", "The plan left the owner out"),
    ]
    (note,) = Correction.objects.all()
    assert (note.user, note.reason, note.plan) == (lead, "The plan left the owner out", plan)
    assert "not stated → Judith Hay" in note.summary


def test_an_owner_set_by_hand_stays_when_the_document_still_names_none(plan, lead):
    rec = plan.recommendations.get()
    judith = Party.objects.get(name="Judith Hay")
    corrections.edit_recommendation(
        rec, user=lead, reason="Not stated", title=rec.title, timescale=None, owners=[judith]
    )

    store_plan(document(), into=plan)

    assert [r.party for r in rec.responsibilities.all()] == [judith]


def test_as_at_shows_the_recommendation_before_and_after_the_correction(plan, lead):
    rec = plan.recommendations.get()
    judith = Party.objects.get(name="Judith Hay")
    corrections.edit_recommendation(
        rec,
        user=lead,
        reason="Typo",
        title="Ensure that children's views are recorded",
        timescale=None,
        owners=[judith],
        at=at(2013, 2, 1),
    )

    def shown(on):
        (r,) = snapshot.plan_as_at(plan, on, recommendation_id=rec.pk).recommendations
        return r.title, snapshot.plan_as_at(plan, on).recommendations[0]

    before, _ = shown(D(2013, 1, 15))
    after, _ = shown(D(2013, 2, 15))
    assert before == "Ensure that childrens views are recorded"
    assert after == "Ensure that children's views are recorded"


def test_the_recommendation_page_links_to_the_form_that_shows_every_error_at_once(
    client, plan, lead
):
    rec = plan.recommendations.get()
    client.force_login(lead)
    page = client.get(reverse("plans:recommendation", args=[plan.pk, rec.pk]))
    url = reverse("plans:edit_recommendation", args=[plan.pk, rec.pk])
    assert url in page.content.decode()

    answer = client.post(url, {"title": " ", "reason": ""})

    summary = answer.content.decode().split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert "Enter the recommendation" in summary
    assert "Say why you are making this change" in summary


def test_the_lead_officer_may_not_correct_a_recommendation(client, plan, lead, django_user_model):
    officer = django_user_model.objects.create_user("judith")
    judith = Party.objects.get(name="Judith Hay")
    Membership.objects.create(user=officer, plan=plan, role=Role.LEAD_OFFICER, party=judith)
    rec = Recommendation.objects.get(plan=plan)
    client.force_login(officer)

    answer = client.post(
        reverse("plans:edit_recommendation", args=[plan.pk, rec.pk]),
        {"title": "Mine now", "reason": "Because"},
    )

    assert answer.status_code == 403
    assert Recommendation.objects.get(pk=rec.pk).title != "Mine now"


def test_a_renamed_body_keeps_its_old_name_so_a_reimport_finds_it(plan, lead):
    body = Body.objects.get(name="CYPLT")
    corrections.edit_body(
        body,
        user=lead,
        reason="Spell it out on papers",
        name="Children and Young People's Leadership Team",
        abbreviation="CYPLT",
        aliases=[],
        plan=plan,
    )
    assert body.aliases == ["CYPLT"]

    store_plan(document(), into=plan)

    assert not Body.objects.filter(name="CYPLT").exists()
    line = ReportingRequirement.objects.get(action__ref="1")
    assert line.body == body
    note = Correction.objects.get(subject="body")
    assert note.reason == "Spell it out on papers" and note.user == lead


def test_a_body_needs_a_name_of_its_own(plan, lead):
    body = Body.objects.get(name="CYPLT")
    with pytest.raises(CorrectionError, match="merge the two"):
        corrections.edit_body(
            body, user=lead, reason="x", name="CYLPT", abbreviation="", aliases=[]
        )


def test_merging_bodies_moves_reporting_lines_and_meetings_and_loses_nothing(plan, lead):
    right, wrong = Body.objects.get(name="CYPLT"), Body.objects.get(name="CYLPT")
    add_meeting(right, D(2013, 3, 19), location="County Hall")
    add_meeting(wrong, D(2013, 3, 19), notes="Entered twice")  # the same meeting
    add_meeting(wrong, D(2013, 4, 16))
    lines = set(ReportingRequirement.objects.values_list("pk", flat=True))
    issued = Paper.objects.create(
        plan=plan,
        body=wrong,
        as_at=D(2013, 3, 1),
        period_end=D(2013, 3, 31),
        status=Paper.Status.ISSUED,
        data={"title": "CYLPT paper"},
        issued_at=at(2013, 3, 2),
    )
    draft = Paper.objects.create(
        plan=plan, body=wrong, as_at=D(2013, 4, 1), period_end=D(2013, 4, 30)
    )

    corrections.merge_bodies(right, wrong, user=lead, reason="A misspelling", plan=plan)

    assert not Body.objects.filter(pk=wrong.pk).exists()
    assert set(right.reporting.values_list("pk", flat=True)) == lines
    assert list(Meeting.objects.filter(body=right).values_list("date", "location")) == [
        (D(2013, 3, 19), "County Hall"),
        (D(2013, 4, 16), ""),
    ]
    assert "CYLPT" in right.aliases
    assert set(right.papers.all()) == {issued, draft}
    assert Paper.objects.get(pk=issued.pk).data == {"title": "CYLPT paper"}
    assert list(plan.bodies.all()) == [right]
    last = ReportingRequirement.history.filter(body_id=right.pk).latest("history_date")
    assert last.history_change_reason == "A misspelling"

    store_plan(document(), into=plan)

    assert list(Body.objects.filter(organisation=plan.organisation)) == [right]
    assert set(right.reporting.values_list("pk", flat=True)) == lines


def test_a_body_merges_only_with_another_of_its_council(plan, lead):
    body = Body.objects.get(name="CYPLT")
    with pytest.raises(CorrectionError):
        corrections.merge_bodies(body, body, user=lead, reason="x")
    with pytest.raises(CorrectionError, match="why"):
        corrections.merge_bodies(body, Body.objects.get(name="CYLPT"), user=lead, reason=" ")


# --- people and organisations ---------------------------------------------------------------


def people_document() -> ix.PlanDocument:
    def p(name, kind=ix.PartyKind.PERSON):
        return ix.Party(name=name, kind=kind)

    return plan_document(
        people=[ix.Person(name="Judith Hay"), ix.Person(name="J Hay")],
        recommendation={"overall_responsibility": [p("J Hay")]},
        action=lambda r, i: {
            "leads": [p("Judith Hay"), p("J Hay")] if i == 1 else [p("J Hay")],
            "partners": [p("NYAS", ix.PartyKind.ORGANISATION), p("Head of Safeguarding")],
        },
    )


@pytest.fixture
def people_plan(db):
    return stored(people_document())


def party(name):
    return Party.objects.get(name=name)


def test_a_renamed_organisation_keeps_its_old_name_so_a_reimport_finds_it(people_plan, lead):
    nyas = party("NYAS")
    corrections.edit_party(
        nyas,
        user=lead,
        reason="Spell it out",
        name="National Youth Advocacy Service",
        kind="organisation",
        plan=people_plan,
    )
    assert nyas.aliases == ["NYAS"]

    store_plan(people_document(), into=people_plan)

    assert not Party.objects.filter(name="NYAS").exists()
    assert nyas.action_roles.filter(action__recommendation__plan=people_plan).count() == 3
    note = Correction.objects.get(subject="party")
    assert (note.user, note.reason) == (lead, "Spell it out")
    assert "NYAS (Organisation) → National Youth Advocacy Service" in note.summary


def test_a_party_moved_to_another_kind_stays_moved_after_a_reimport(people_plan, lead):
    head = party("Head of Safeguarding")
    corrections.edit_party(
        head, user=lead, reason="It is a role", name=head.name, kind="role", plan=people_plan
    )

    store_plan(people_document(), into=people_plan)

    assert list(Party.objects.filter(name="Head of Safeguarding").values_list("kind")) == [
        ("role",)
    ]
    head.refresh_from_db()
    assert head.action_roles.count() == 3


def test_merging_people_moves_their_actions_responsibilities_and_members_once(
    people_plan, lead, django_user_model
):
    judith, initials = party("Judith Hay"), party("J Hay")
    officer = django_user_model.objects.create_user("judith")
    Membership.objects.create(
        user=officer, plan=people_plan, role=Role.LEAD_OFFICER, party=initials
    )

    corrections.merge_parties(judith, initials, user=lead, reason="The same person")

    assert not Party.objects.filter(pk=initials.pk).exists()
    leads = judith.action_roles.filter(role="lead", action__recommendation__plan=people_plan)
    assert sorted(leads.values_list("action__ref", flat=True)) == ["1", "2", "3"]  # once each
    assert [r.party for r in people_plan.recommendations.get().responsibilities.all()] == [judith]
    assert Membership.objects.get(user=officer).party == judith
    assert "J Hay" in judith.aliases
    versions = ActionParty.history.filter(history_change_reason="The same person")
    assert set(versions.values_list("history_type", "history_user")) == {
        ("~", lead.pk),  # moved to Judith Hay
        ("-", lead.pk),  # action 1's second lead, now the same person
    }

    store_plan(people_document(), into=people_plan)

    assert not Party.objects.filter(name="J Hay").exists()
    assert leads.count() == 3


def test_the_lead_officer_may_not_rename_anyone(client, people_plan, lead, django_user_model):
    officer = django_user_model.objects.create_user("judith")
    Membership.objects.create(
        user=officer, plan=people_plan, role=Role.LEAD_OFFICER, party=party("Judith Hay")
    )
    client.force_login(officer)
    nyas = party("NYAS")

    answer = client.post(
        reverse("plans:edit_party", args=[people_plan.pk, nyas.pk]),
        {"name": "Someone else", "kind": "person", "reason": "Mine"},
    )

    assert answer.status_code == 403
    assert party("NYAS").kind == "organisation"


def test_the_people_page_links_to_a_form_that_lists_every_error(client, people_plan, lead):
    Membership.objects.create(user=lead, plan=people_plan, role=Role.IMPROVEMENT_LEAD)
    client.force_login(lead)
    nyas = party("NYAS")
    url = reverse("plans:edit_party", args=[people_plan.pk, nyas.pk])
    assert url in client.get(reverse("plans:people", args=[people_plan.pk])).content.decode()

    answer = client.post(url, {"name": "", "reason": ""})

    summary = answer.content.decode().split("govuk-error-summary__list")[1].split("</ul>")[0]
    for message in ("Enter the name", "Select whether it is a person", "Say why"):
        assert message in summary


# --- splitting one party the import joined ----------------------------------------------------

JOINED = "North Yorkshire Police Harrogate NHS Foundation Trust"


def joined_document() -> ix.PlanDocument:
    def org(name):
        return ix.Party(name=name, kind=ix.PartyKind.ORGANISATION)

    return plan_document(
        people=[ix.Person(name="Judith Hay")],
        recommendation={"overall_responsibility": [org(JOINED)]},
        action=lambda r, i: {"leads": [org(JOINED)], "partners": [org("NYAS")]},
    )


@pytest.fixture
def joined_plan(db):
    return stored(joined_document())


PARTS = [
    ("North Yorkshire Police", "organisation"),
    ("Harrogate NHS Foundation Trust", "organisation"),
]


def leads_of(plan):
    return {
        a.ref: sorted(a.action_parties.filter(role="lead").values_list("party__name", flat=True))
        for a in Action.objects.filter(recommendation__plan=plan)
    }


def test_a_split_party_shares_its_actions_and_keeps_the_split_on_reimport(joined_plan, lead):
    old = party(JOINED)
    first_action = ActionParty.objects.filter(party=old, role="lead").order_by("action__ref")[0]
    takes = {corrections.split_key(first_action): [1]}  # action 1: the trust alone

    police, trust = corrections.split_party(
        old, user=lead, reason="Two organisations", parts=PARTS, takes=takes, plan=joined_plan
    )

    assert police.pk == old.pk  # the joined party is kept as the first part
    assert JOINED in police.aliases and JOINED in trust.aliases
    both = sorted(p for p, _ in PARTS)
    assert leads_of(joined_plan) == {"1": ["Harrogate NHS Foundation Trust"], "2": both, "3": both}
    owners = joined_plan.recommendations.get().responsibilities.values_list("party__name")
    assert sorted(n for (n,) in owners) == both
    note = Correction.objects.get(subject="party")
    assert (note.user, note.reason) == (lead, "Two organisations")
    assert f"{JOINED} (Organisation) split into North Yorkshire Police" in note.summary
    versions = ActionParty.history.filter(history_change_reason="Two organisations")
    assert set(versions.values_list("history_type", "history_user")) == {
        ("+", lead.pk),
        ("-", lead.pk),
    }

    store_plan(joined_document(), into=joined_plan)

    assert not Party.objects.filter(name=JOINED).exists()
    assert leads_of(joined_plan) == {"1": ["Harrogate NHS Foundation Trust"], "2": both, "3": both}
    assert sorted(n for (n,) in owners) == both


def test_as_at_shows_the_party_before_the_split_and_the_parts_after(joined_plan, lead):
    corrections.split_party(party(JOINED), user=lead, reason="Two", parts=PARTS, at=at(2013, 2, 1))

    def leads(on):
        rec = snapshot.plan_as_at(joined_plan, on).recommendations[0]
        return [p.name for p in rec.actions[0].leads], [p.name for p in rec.owners]

    assert leads(D(2013, 1, 15)) == (["North Yorkshire Police"], ["North Yorkshire Police"])
    both = [p for p, _ in PARTS]
    assert leads(D(2013, 2, 15)) == (both, both)


def test_a_split_into_an_existing_party_joins_it(joined_plan, lead):
    nyas = party("NYAS")
    first, _ = corrections.split_party(
        party(JOINED), user=lead, reason="Two", parts=[("NYAS", "organisation"), PARTS[1]]
    )

    assert first == nyas
    nyas.refresh_from_db()
    assert not Party.objects.filter(name=JOINED).exists()
    assert JOINED in nyas.aliases


def test_a_split_needs_two_names_and_a_reason(joined_plan, lead):
    with pytest.raises(CorrectionError, match="at least two"):
        corrections.split_party(party(JOINED), user=lead, reason="x", parts=PARTS[:1])
    with pytest.raises(CorrectionError, match="Say why"):
        corrections.split_party(party(JOINED), user=lead, reason=" ", parts=PARTS)
    assert party(JOINED).aliases == []


def test_the_people_page_splits_a_party_with_who_takes_each_place(client, joined_plan, lead):
    Membership.objects.create(user=lead, plan=joined_plan, role=Role.IMPROVEMENT_LEAD)
    client.force_login(lead)
    old = party(JOINED)
    url = reverse("plans:split_party", args=[joined_plan.pk, old.pk])
    assert url in client.get(reverse("plans:people", args=[joined_plan.pk])).content.decode()
    form = client.get(url).context["form"]
    first = next(k for k in form.held if k.startswith("role-"))

    empty = client.post(url, {"name_1": "Only one", "reason": ""}).content.decode()
    assert "Enter at least two names" in empty and "Say why" in empty

    data = {f"name_{i}": n for i, (n, _) in enumerate(PARTS, start=1)}
    data |= {f"kind_{i}": "organisation" for i in range(1, 5)}
    data |= {key: ["0", "1"] for key in form.held} | {first: ["1"], "reason": "Two"}
    assert client.post(url, data).status_code == 302

    parts = {n for n, _ in PARTS}
    assert leads_of(joined_plan)["1"] == ["Harrogate NHS Foundation Trust"]
    assert {p.name for p in Party.objects.all() if JOINED in p.aliases} == parts


def test_the_lead_officer_may_not_split_anyone(client, joined_plan, lead, django_user_model):
    officer = django_user_model.objects.create_user("judith")
    Membership.objects.create(user=officer, plan=joined_plan, role=Role.LEAD_OFFICER)
    client.force_login(officer)
    old = party(JOINED)

    answer = client.post(
        reverse("plans:split_party", args=[joined_plan.pk, old.pk]),
        {"name_1": "A", "name_2": "B", "reason": "Mine"},
    )

    assert answer.status_code == 403
    assert party(JOINED).pk == old.pk


def test_the_overall_responsibility_is_a_picker_that_posts_without_javascript(client, plan, lead):
    """A select the autocomplete enhances, not a checkbox per party; it posts owners=ID."""
    rec = plan.recommendations.get()
    judith = Party.objects.get(name="Judith Hay")
    client.force_login(lead)
    url = reverse("plans:edit_recommendation", args=[plan.pk, rec.pk])
    assert (
        '<select name="owners" data-module="app-autocomplete"' in client.get(url).content.decode()
    )

    data = {"title": rec.title, "owners": [str(judith.pk)], "reason": "Judith holds it"}
    assert client.post(url, data).status_code == 302
    assert list(rec.responsibilities.values_list("party_id", flat=True)) == [judith.pk]

    # Merging two people picks the other the same way, from one select.
    merge = client.get(reverse("plans:merge_parties", args=[plan.pk, judith.pk]))
    assert '<select name="other" data-module="app-autocomplete"' in merge.content.decode()


def test_the_lead_corrects_an_objectives_title_on_the_recommendation_form(client, plan, lead):
    doc = document()
    doc.recommendations[0].objectives = [ix.Objective(number="1.1", title="Recrod views")]
    doc.recommendations[0].actions[0].objective = "1.1"
    store_plan(doc, into=plan)
    rec = plan.recommendations.get()
    objective = rec.objectives.get()
    client.force_login(lead)
    url = reverse("plans:edit_recommendation", args=[plan.pk, rec.pk])
    form = client.get(url).context["form"]
    assert list(form.fields)[-2:] == [f"objective_{objective.pk}", "reason"]

    answer = client.post(
        url,
        {
            "title": rec.title,
            f"objective_{objective.pk}": "Record views",
            "reason": "Typing error",
        },
    )

    assert answer.status_code == 302
    objective.refresh_from_db()
    assert objective.title == "Record views"
    assert objective.history.first().history_change_reason == "Typing error"
    assert "objective 1.1 “Recrod views” → “Record views”" in Correction.objects.get().summary
