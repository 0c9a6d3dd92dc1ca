"""The pages that run the plan, per persona: what each may do, what each is refused, and
how a form says what is wrong."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.monitoring import services, statuses
from actionplan.monitoring.models import Answer, Challenge, Evidence, RagOverride, RagRuleSet
from actionplan.plans.models import Action, ProgressRecord, Recommendation


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, action, *more):
    return reverse(name, args=[action.recommendation.plan_id, action.pk, *more])


def as_user(client, user):
    client.force_login(user)
    return client


def update_data(**over):
    data = {
        "status": "on_track",
        "percent_complete": "40",
        "narrative": "Audit of 20 case files done",
        "next_steps": "Report to SMT",
        "as_at_day": "1",
        "as_at_month": "3",
        "as_at_year": "2013",
        "links": "https://example.org/audit",
    }
    return data | over


def propose(action, user):
    return services.propose_completion(
        action, user=user, expected_version=action.version, impact="Files show views"
    )


# --- progress updates -----------------------------------------------------------------


def test_a_lead_officer_adds_an_update_with_evidence_to_an_action_they_lead(client, personas):
    action = personas.led_action()
    data = update_data(files=[SimpleUploadedFile("audit.pdf", b"%PDF-1.4 audit")])
    response = as_user(client, personas.lead_officer).post(url("plans:add_update", action), data)

    assert response.status_code == 302
    assert response["Location"] == url("plans:action", action) + "#updates"
    record = ProgressRecord.objects.get(action=action, source="update")
    assert (record.status, record.percent_complete, str(record.as_at)) == (
        "on_track",
        40,
        "2013-03-01",
    )
    assert sorted(bool(e.file) for e in record.evidence.all()) == [False, True]
    page = client.get(url("plans:action", action)).content.decode()
    assert "Audit of 20 case files done" in page
    assert "audit.pdf" in page and "https://example.org/audit" in page
    evidence = Evidence.objects.get(update=record, url="")
    download = client.get(reverse("plans:evidence", args=[personas.plan.pk, evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 audit"


def test_a_partner_updates_an_action_they_are_a_partner_in(client, personas):
    action = personas.partnered_action()
    response = as_user(client, personas.partner).post(
        url("plans:add_update", action), update_data()
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("lead_officer", 403),
        ("partner", 403),
        ("member", 403),
        ("inspector", 403),
        ("outsider", 404),
    ],
)
def test_others_cannot_update_an_action(client, personas, persona, status):
    action = personas.action_of_neither()
    client = as_user(client, personas.all()[persona])
    assert client.post(url("plans:add_update", action), update_data()).status_code == status
    assert not ProgressRecord.objects.filter(action=action, source="update").exists()


def test_an_update_with_mistakes_is_shown_again_with_the_errors_the_govuk_way(client, personas):
    action = personas.led_action()
    data = update_data(status="", narrative="", percent_complete="140", as_at_month="13")
    response = as_user(client, personas.lead_officer).post(url("plans:add_update", action), data)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Error: Add a progress update" in html
    assert 'class="govuk-error-summary"' in html
    for message in (
        "Choose the action&#x27;s status",
        "Say what has happened since the last update",
        "The percent complete must be 100 or less",
        "must be a real date",
    ):
        assert html.count(message) == 2, message  # in the summary and by the field
    assert 'href="#id_status_0"' in html
    assert "Report to SMT" in html  # what they typed stays


def test_an_update_shows_every_mistake_at_once_not_one_per_submit(client, personas):
    # The date and the evidence are checked by the service: the form asks it first, so they
    # join the form's own errors instead of waiting for the next submit.
    action = personas.led_action()
    data = update_data(narrative="", as_at_year="2099", links="not a web address")
    html = as_user(client, personas.lead_officer).post(url("plans:add_update", action), data)
    html = html.content.decode()
    start = html.index("govuk-error-summary__list")
    summary = html[start : html.index("</ul>", start)]
    assert "Say what has happened since the last update" in summary
    assert "cannot be in the future" in summary
    assert "is not a web address" in summary


def test_an_update_cannot_speak_for_a_day_to_come(client, personas):
    action = personas.led_action()
    data = update_data(as_at_year="2099")
    html = as_user(client, personas.lead_officer).post(url("plans:add_update", action), data)
    assert "cannot be in the future" in html.content.decode()


# --- completion and sign-off ----------------------------------------------------------


def test_a_lead_officer_proposes_completion_and_the_improvement_lead_signs_it_off(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.lead_officer)
    response = client.post(
        url("plans:propose_completion", action),
        {"version": action.version, "impact": "Children's views in 37 of 40 files"},
    )
    assert response.status_code == 302
    assert services.current_status(action) == statuses.AWAITING_SIGN_OFF
    assert client.get(url("plans:accept_completion", action)).status_code == 403

    client = as_user(client, personas.improvement_lead)
    page = client.get(url("plans:accept_completion", action)).content.decode()
    assert "Children&#x27;s views in 37 of 40 files" in page
    action.refresh_from_db()
    response = client.post(url("plans:accept_completion", action), {"version": action.version})
    assert response.status_code == 302
    assert services.current_status(action) == statuses.COMPLETE


def test_returning_a_completion_needs_a_reason(client, personas):
    action = personas.led_action()
    propose(action, personas.lead_officer)
    action.refresh_from_db()
    client = as_user(client, personas.improvement_lead)
    empty = client.post(url("plans:return_completion", action), {"version": action.version})
    assert "Say why the completion is returned" in empty.content.decode()

    client.post(
        url("plans:return_completion", action),
        {"version": action.version, "reason": "No audit attached"},
    )
    assert services.current_status(action) == statuses.ON_TRACK
    page = client.get(url("plans:action", action)).content.decode()
    assert "No audit attached" in page


def test_a_lead_officer_cannot_propose_what_they_do_not_lead(client, personas):
    action = personas.action_of_neither()
    response = as_user(client, personas.lead_officer).post(
        url("plans:propose_completion", action), {"version": action.version, "impact": "x"}
    )
    assert response.status_code == 403


# --- RAG overrides and rules ----------------------------------------------------------


def test_an_override_needs_a_reason_and_is_flagged_with_it(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.improvement_lead)
    empty = client.post(url("plans:override_rag", action), {"colour": "amber"})
    assert "Give the reason for overriding the RAG rating" in empty.content.decode()

    client.post(url("plans:override_rag", action), {"colour": "red", "reason": "Audit failed"})
    page = client.get(url("plans:action", action)).content.decode()
    assert "Overridden by" in page and "Audit failed" in page
    client.post(url("plans:clear_override", action), {"reason": ""})
    assert RagOverride.objects.filter(action=action).latest("id").colour == ""


def test_only_the_improvement_lead_overrides(client, personas):
    action = personas.led_action()
    response = as_user(client, personas.lead_officer).post(
        url("plans:override_rag", action), {"colour": "red", "reason": "x"}
    )
    assert response.status_code == 403


def test_the_improvement_lead_sets_the_councils_rag_words_and_resets_them(client, personas):
    plan = personas.plan
    client = as_user(client, personas.improvement_lead)
    rules_url = reverse("plans:rag_rules", args=[plan.pk])
    form = client.get(rules_url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    label = next(n for n, f in form.fields.items() if f.initial == "Off track")
    days = next(n for n in form.fields if n.endswith("_days"))
    response = client.post(rules_url, data | {label: "Behind", days: 60})
    assert response.status_code == 302
    rules = services.rules_for(plan)
    assert "Behind" in [r.label for r in rules.rules]
    assert "Behind" in client.get(reverse("plans:dashboard", args=[plan.pk])).content.decode()

    client.post(reverse("plans:reset_rag_rules", args=[plan.pk]))
    assert not RagRuleSet.objects.filter(plan=plan).exists()


def test_rag_rules_with_an_empty_label_are_refused(client, personas):
    client = as_user(client, personas.improvement_lead)
    rules_url = reverse("plans:rag_rules", args=[personas.plan.pk])
    html = client.post(rules_url, {}).content.decode()
    assert "Enter the label of rule 1" in html


# --- editing, and two people at once --------------------------------------------------


def test_the_second_of_two_concurrent_edits_is_refused_and_keeps_its_text(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.improvement_lead)
    form = client.get(url("plans:edit_action", action)).context["form"]
    mine = {k: v for k, v in form.initial.items() if v is not None}
    mine = {k: (v if isinstance(v, list) else str(v)) for k, v in mine.items()}
    for name in ("due", *(n for n in form.fields if n.endswith(("_due", "_done")))):
        mine.pop(name, None)
    mine["text"] = "My careful rewording of the action"

    # Someone else saves first.
    services.edit_action(action.pk, {"text": "Their wording"}, action.version, personas.member)

    response = client.post(url("plans:edit_action", action), mine)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert "after you opened it" in html
    assert "My careful rewording of the action" in html  # their text stays in the form
    assert "Their wording" in html  # and the other version is shown beside it
    action.refresh_from_db()
    assert action.text == "Their wording"

    # Saving again, having compared, goes through.
    again = client.post(url("plans:edit_action", action), mine | {"version": action.version})
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.text == "My careful rewording of the action"


def test_the_edit_form_asks_why_and_the_milestones_history_keeps_it(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.improvement_lead)
    form = client.get(url("plans:edit_action", action)).context["form"]
    assert "Why are you making this change?" in form["reason"].label
    data = {k: v for k, v in form.initial.items() if v is not None}
    data = {k: (v if isinstance(v, list) else str(v)) for k, v in data.items()}
    for name in ("due", *(n for n in form.fields if n.endswith(("_due", "_done")))):
        data.pop(name, None)
    new = f"m{form.milestone_count}_text"
    data |= {new: "Report to SMT", "reason": "SMT asked to see it"}

    assert client.post(url("plans:edit_action", action), data).status_code == 302

    added = action.milestones.get(text="Report to SMT").history.get()
    assert added.history_user == personas.improvement_lead
    assert added.history_change_reason == "SMT asked to see it"


def test_the_edit_forms_leads_and_partners_are_selects_that_post_without_javascript(
    client, personas
):
    """One select each (the autocomplete enhances it), not a checkbox per party twice over;
    what a select posts (leads=ID, repeated) is what the view reads."""
    action = personas.led_action()
    client = as_user(client, personas.improvement_lead)
    response = client.get(url("plans:edit_action", action))
    html = response.content.decode()
    for name in ("leads", "partners"):
        assert f'type="checkbox" name="{name}"' not in html
        assert f'<select name="{name}" data-module="app-autocomplete"' in html
    form = response.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data = {k: (v if isinstance(v, list) else str(v)) for k, v in data.items()}
    for name in ("due", *(n for n in form.fields if n.endswith(("_due", "_done")))):
        data.pop(name, None)
    lead = personas.lead_party
    data |= {"leads": [str(lead.pk), str(personas.partner_party.pk)], "partners": []}

    assert client.post(url("plans:edit_action", action), data).status_code == 302
    roles = action.action_parties.order_by("order").values_list("party_id", "role")
    assert list(roles) == [(lead.pk, "lead"), (personas.partner_party.pk, "lead")]


def test_only_the_improvement_lead_edits_an_action(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.lead_officer)
    assert client.get(url("plans:edit_action", action)).status_code == 403


# --- challenges -----------------------------------------------------------------------


def test_a_member_asks_and_the_lead_officer_answers(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.member)
    empty = client.post(url("plans:ask_about_action", action), {"question": ""})
    assert "Enter your question" in empty.content.decode()
    client.post(url("plans:ask_about_action", action), {"question": "Why is this late?"})
    challenge = Challenge.objects.get(action=action)
    answer_url = reverse("plans:answer_challenge", args=[personas.plan.pk, challenge.pk])
    assert client.post(answer_url, {"text": "x"}).status_code == 403

    client = as_user(client, personas.lead_officer)
    response = client.post(answer_url, {"text": "Staff sickness; back on track in April"})
    assert response.status_code == 302
    assert Answer.objects.get(challenge=challenge).text.startswith("Staff sickness")
    page = client.get(url("plans:action", action)).content.decode()
    assert "Why is this late?" in page and "Staff sickness" in page


def test_a_member_asks_about_a_recommendation_and_an_inspector_may_not(client, personas):
    rec = Recommendation.objects.filter(plan=personas.plan).first()
    ask = reverse("plans:ask_about_recommendation", args=[personas.plan.pk, rec.pk])
    as_user(client, personas.member).post(ask, {"question": "Who checks this?"})
    page = client.get(reverse("plans:recommendation", args=[personas.plan.pk, rec.pk]))
    assert "Who checks this?" in page.content.decode()
    assert as_user(client, personas.inspector).post(ask, {"question": "x"}).status_code == 403


# --- history --------------------------------------------------------------------------


def test_an_inspector_reads_the_history_and_downloads_it(client, personas):
    action = personas.led_action()
    services.record_update(action, user=personas.lead_officer, status="at_risk", narrative="Slow")
    client = as_user(client, personas.inspector)
    page = client.get(url("plans:action", action)).content.decode()
    assert 'id="history"' in page and "Progress update" in page
    csv = client.get(url("plans:action_history_csv", action))
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().startswith('"When","Who","What"')


def test_a_member_sees_no_history_and_cannot_download_it(client, personas):
    action = personas.led_action()
    client = as_user(client, personas.member)
    assert 'id="history"' not in client.get(url("plans:action", action)).content.decode()
    assert client.get(url("plans:action_history_csv", action)).status_code == 403


# --- the read pages -------------------------------------------------------------------


def test_the_dashboard_shows_the_roll_up_chart_key_and_each_recommendation(client, personas):
    html = (
        as_user(client, personas.member)
        .get(reverse("plans:dashboard", args=[personas.plan.pk]))
        .content.decode()
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "Weighted figure" in html
    assert "What the colours mean" in html
    assert html.count(f'href="/plans/{personas.plan.pk}/recommendations/') == 10


def test_my_actions_lists_the_officers_own_actions(client, personas):
    html = (
        as_user(client, personas.lead_officer)
        .get(reverse("plans:my_actions", args=[personas.plan.pk]))
        .content.decode()
    )
    led = Action.objects.filter(
        recommendation__plan=personas.plan, action_parties__party=personas.lead_party
    ).distinct()
    assert html.count(">Lead</td>") + html.count(">Partner</td>") == led.count()
    assert "Due in the next 14 days" in html


def test_my_actions_says_so_when_nothing_is_yours(client, personas):
    html = (
        as_user(client, personas.member)
        .get(reverse("plans:my_actions", args=[personas.plan.pk]))
        .content.decode()
    )
    assert "no actions are yours to update" in html
