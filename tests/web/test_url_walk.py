"""Every URL of the service, as every persona and as a visitor, with real and guessed ids.

When a page is added, add its expectations here: the walk fails for a URL it does not know.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actionplan.accounts import invitations
from actionplan.accounts.models import Invitation, Membership, Role
from actionplan.plans.models import Action, PendingImport, Recommendation
from support.seed import SEED
from support.walks import audits, governance, indicators, reports, voice

# Each app beyond plans and accounts keeps its part of the walk in support/walks/.
APP_WALKS = (governance, reports, indicators, audits, voice)

READERS = {"improvement_lead", "lead_officer", "partner", "member", "inspector"}
EVERYONE = [*READERS, "outsider", "anonymous"]

# URL name -> {persona: status}; "*" for every persona not named.
PLAN_PAGE = {**dict.fromkeys(READERS, 200), "outsider": 404, "anonymous": 302}
EXPECTED = {
    "home": {"*": 302},
    "plans:list": {"*": 200, "anonymous": 302},
    "plans:dashboard": PLAN_PAGE,
    "plans:recommendation": PLAN_PAGE,
    "plans:action": PLAN_PAGE,
    "plans:my_actions": PLAN_PAGE,
    "plans:due": PLAN_PAGE,
    "plans:actions": PLAN_PAGE,
    "plans:bulk_change": {"*": 405},  # a form's target: POST only (tests/monitoring)
    "plans:people": PLAN_PAGE,
    "plans:bodies": PLAN_PAGE,
    "plans:export": PLAN_PAGE,
    "plans:invite": {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302},
    # The forms that run the plan, on an action that neither the lead officer nor the
    # partner is named on: only the improvement lead may use them.
    **{
        name: {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}
        for name in [
            "plans:add_update",
            "plans:propose_completion",
            "plans:accept_completion",
            "plans:return_completion",
            "plans:reopen_action",
            "plans:override_rag",
            "plans:clear_override",
            "plans:edit_action",
            "plans:answer_challenge",
            "plans:rag_rules",
            # Correcting what the import read.
            "plans:edit_recommendation",
            "plans:edit_body",
            "plans:merge_bodies",
            "plans:edit_party",
            "plans:merge_parties",
            "plans:split_party",
        ]
    },
    "plans:ask_about_action": {
        "*": 403,
        "improvement_lead": 200,
        "member": 200,
        "outsider": 404,
        "anonymous": 302,
    },
    "plans:ask_about_recommendation": {
        "*": 403,
        "improvement_lead": 200,
        "member": 200,
        "outsider": 404,
        "anonymous": 302,
    },
    "plans:action_history_csv": {
        "*": 403,
        "improvement_lead": 200,
        "inspector": 200,
        "outsider": 404,
        "anonymous": 302,
    },
    "plans:evidence": PLAN_PAGE,
    "plans:reset_rag_rules": {"*": 405},
    "plans:import": {"*": 403, "improvement_lead": 200, "outsider": 200, "anonymous": 302},
    # The upload is the improvement lead's: the outsider may import, but not see it.
    "plans:import_preview": {
        "*": 403,
        "improvement_lead": 200,
        "outsider": 404,
        "anonymous": 302,
    },
    "plans:import_mapping": {"*": 405},  # posted from the preview only
    "accounts:sign_in": {"*": 302, "anonymous": 200},
    "accounts:sign_out": {"*": 200},
    "accounts:password_change": {"*": 200, "anonymous": 302},
    "accounts:accept_invitation": {"*": 200},
    "accounts:account": {"*": 200, "anonymous": 302},
    "notifications:preferences": {"*": 200, "anonymous": 302},
    # The second factor's pages: setting up (or moving to a new app) for anyone signed in;
    # the code page sends on whoever has nothing to enter.
    "accounts:set_up": {"*": 200, "anonymous": 302},
    "accounts:set_up_qr": {"*": 200, "anonymous": 302},
    "accounts:verify": {"*": 302},
    "accounts:resubmit": {"*": 302},
    "accounts:password_reset": {"*": 200},
    "accounts:password_reset_sent": {"*": 200},
    "accounts:password_reset_confirm": {"*": 200},
    "accounts:password_reset_done": {"*": 200},
    "plans:audit_log": {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302},
    "plans:withdraw_invitation": {"*": 405},
    "plans:resend_invitation": {"*": 405},
    "accounts:name": {"*": 200, "anonymous": 302},
    **{
        name: {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}
        for name in ["plans:members", "plans:change_member", "plans:remove_member"]
    },
    # The pages the footer links to, for anyone.
    "accessibility": {"*": 200},
    "privacy": {"*": 200},
    "help": {"*": 200},
}
for _walk in APP_WALKS:
    EXPECTED.update(_walk.EXPECTED)


def named_patterns(resolver=None, prefix="") -> set[str]:
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= named_patterns(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


@pytest.fixture
def ids(personas, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actionplan.monitoring import services

    settings.MEDIA_ROOT = tmp_path
    plan = personas.plan
    rec = Recommendation.objects.filter(plan=plan).first()
    action = Action.objects.filter(recommendation__plan=plan).first()
    neither = personas.action_of_neither()
    body = plan.bodies.first()
    on = [plan.pk, neither.pk]
    challenge = services.ask(neither, user=personas.member, question="Why?")
    update = services.record_update(
        neither,
        user=personas.improvement_lead,
        status="on_track",
        narrative="Going well",
        files=[SimpleUploadedFile("audit.pdf", b"%PDF-1.4")],
    )
    pending = PendingImport.objects.create(
        user=personas.improvement_lead, filename="plan.txt", data=SEED.read_bytes()
    )
    invitation = Invitation.objects.create(
        email="new.person@example.gov.uk", plan=plan, role=Role.MEMBER
    )
    member = Membership.objects.get(user=personas.member, plan=plan)
    walked = {
        "home": [],
        "plans:list": [],
        "plans:dashboard": [plan.pk],
        "plans:recommendation": [plan.pk, rec.pk],
        "plans:action": [plan.pk, action.pk],
        "plans:my_actions": [plan.pk],
        "plans:due": [plan.pk],
        "plans:actions": [plan.pk],
        "plans:bulk_change": [plan.pk],
        "plans:people": [plan.pk],
        "plans:bodies": [plan.pk],
        "plans:export": [plan.pk, "xlsx"],
        "plans:invite": [plan.pk],
        "plans:add_update": on,
        "plans:propose_completion": on,
        "plans:accept_completion": on,
        "plans:return_completion": on,
        "plans:reopen_action": on,
        "plans:override_rag": on,
        "plans:clear_override": on,
        "plans:edit_action": on,
        "plans:ask_about_action": on,
        "plans:action_history_csv": on,
        "plans:ask_about_recommendation": [plan.pk, rec.pk],
        "plans:answer_challenge": [plan.pk, challenge.pk],
        "plans:evidence": [plan.pk, update.evidence.get().pk],
        "plans:rag_rules": [plan.pk],
        "plans:edit_recommendation": [plan.pk, rec.pk],
        "plans:edit_body": [plan.pk, body.pk],
        "plans:merge_bodies": [plan.pk, body.pk],
        "plans:edit_party": [plan.pk, personas.lead_party.pk],
        "plans:merge_parties": [plan.pk, personas.lead_party.pk],
        "plans:split_party": [plan.pk, personas.lead_party.pk],
        "plans:reset_rag_rules": [plan.pk],
        "plans:import": [],
        "plans:import_preview": [pending.pk],
        "plans:import_mapping": [pending.pk],
        "accounts:sign_in": [],
        "accounts:sign_out": [],
        "accounts:password_change": [],
        "accounts:accept_invitation": [invitations.token_for(invitation)],
        "accounts:account": [],
        "notifications:preferences": [],
        "accounts:set_up": [],
        "accounts:set_up_qr": [],
        "accounts:verify": [],
        "accounts:resubmit": [],
        "accounts:password_reset": [],
        "accounts:password_reset_sent": [],
        "accounts:password_reset_confirm": ["MQ", "set-password"],
        "accounts:password_reset_done": [],
        "plans:audit_log": [plan.pk],
        "plans:withdraw_invitation": [plan.pk, invitation.pk],
        "plans:resend_invitation": [plan.pk, invitation.pk],
        "accounts:name": [],
        "plans:members": [plan.pk],
        "plans:change_member": [plan.pk, member.pk],
        "plans:remove_member": [plan.pk, member.pk],
        "accessibility": [],
        "privacy": [],
        "help": [],
    }
    for walk in APP_WALKS:
        walked.update(walk.ids(personas))
    return walked


def test_the_walk_knows_every_url():
    unknown = named_patterns() - set(EXPECTED)
    assert not unknown, f"add the expected statuses of {sorted(unknown)} to EXPECTED"


def _client_for(client, personas, persona):
    if persona != "anonymous":
        client.force_login(personas.all()[persona])
    return client


@pytest.mark.parametrize("persona", EVERYONE)
def test_every_url_answers_each_persona_as_the_policy_says(client, personas, ids, persona):
    client = _client_for(client, personas, persona)
    wrong = {}
    for name, expected in EXPECTED.items():
        want = expected.get(persona, expected.get("*"))
        got = client.get(reverse(name, args=ids[name])).status_code
        if got != want:
            wrong[name] = (want, got)
    assert not wrong, f"{persona}: name -> (expected, got): {wrong}"


def guessed_urls(personas) -> list[str]:
    """Another council's plan, and this plan's URLs with the other plan's ids in them."""
    mine, theirs = personas.plan, personas.outsider_plan
    their_rec = Recommendation.objects.filter(plan=theirs).first()
    their_action = Action.objects.filter(recommendation__plan=theirs).first()
    urls = [
        reverse(f"plans:{name}", args=[theirs.pk])
        for name in ("dashboard", "my_actions", "due", "people", "bodies", "invite")
    ]
    urls += [
        reverse("plans:recommendation", args=[theirs.pk, their_rec.pk]),
        reverse("plans:action", args=[theirs.pk, their_action.pk]),
        reverse("plans:edit_recommendation", args=[theirs.pk, their_rec.pk]),
        reverse("plans:edit_body", args=[theirs.pk, theirs.bodies.first().pk]),
        reverse("plans:edit_party", args=[theirs.pk, theirs.organisation.parties.first().pk]),
        # Their ids under my plan's URL: still not mine.
        reverse("plans:recommendation", args=[mine.pk, their_rec.pk]),
        reverse("plans:action", args=[mine.pk, their_action.pk]),
        # Ids that do not exist at all answer the same.
        reverse("plans:dashboard", args=[999_999]),
        reverse("plans:action", args=[mine.pk, 999_999]),
    ]
    for walk in APP_WALKS:
        urls += walk.guessed(personas)
    return urls


@pytest.mark.parametrize("persona", sorted(READERS))
def test_guessed_ids_of_another_councils_plan_are_not_found(client, personas, persona):
    client = _client_for(client, personas, persona)
    answers = {url: client.get(url).status_code for url in guessed_urls(personas)}
    assert set(answers.values()) == {404}, answers


def test_a_visitor_guessing_ids_is_sent_to_sign_in(client, personas):
    for url in guessed_urls(personas):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member", "inspector"])
def test_posting_what_a_role_may_not_do_is_forbidden(client, personas, persona):
    client = _client_for(client, personas, persona)
    invite = client.post(
        reverse("plans:invite", args=[personas.plan.pk]),
        {"email": "x@example.gov.uk", "role": "improvement_lead"},
    )
    upload = client.post(reverse("plans:import"), {})
    assert (invite.status_code, upload.status_code) == (403, 403)
    assert not Invitation.objects.filter(email="x@example.gov.uk").exists()


def test_the_outsider_cannot_invite_into_another_councils_plan(client, personas):
    client.force_login(personas.outsider)
    response = client.post(
        reverse("plans:invite", args=[personas.plan.pk]),
        {"email": "x@example.gov.uk", "role": "improvement_lead"},
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_no_page_or_file_with_plan_data_may_be_kept_in_a_cache(client, personas, ids):
    """Exports, evidence, papers, calendars and every page: no-store and private (finding 13
    of issue 9), for each URL the walk knows, so a new page is held to it too."""
    client.force_login(personas.improvement_lead)
    kept = {}
    for name in EXPECTED:
        response = client.get(reverse(name, args=ids[name]))
        control = {p.strip() for p in response.get("Cache-Control", "").split(",")}
        if not {"no-store", "private"} <= control:
            kept[name] = response.get("Cache-Control")
    assert not kept, f"name -> Cache-Control: {kept}"


# ?as_at= at the edges of what a date can be, and not a date at all (finding 11 of issue 9).
AS_AT_PROBES = ["9999-12-31", "0001-01-01", "2100-12-31", "1900-01-01", "10000-01-01", "x"]


@pytest.mark.parametrize("persona", ["improvement_lead", "inspector"])
def test_no_page_fails_on_an_as_at_date_at_the_edge_of_the_calendar(client, personas, ids, persona):
    client = _client_for(client, personas, persona)
    failed = {}
    for name in EXPECTED:
        for probe in AS_AT_PROBES:
            status = client.get(reverse(name, args=ids[name]), {"as_at": probe}).status_code
            if status >= 500:
                failed[(name, probe)] = status
    assert not failed, failed


def _forms(client, ids):
    """Every form that sends something, on every page the walk knows: (page URL, form)."""
    from support.forms import post_forms

    for name in EXPECTED:
        url = reverse(name, args=ids[name])
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        for form in post_forms(page.content.decode()):
            yield url, form


def test_every_upload_form_answers_xml_bombs_and_external_entities_with_a_message(
    client, personas, ids
):
    """Billion laughs and XXE in .xlsx and .docx, sent to each upload form the walk finds
    (finding 11 of issue 9): never a 500, never the server's files in the page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from support.hostile import LEAKED, hostile_files

    client.force_login(personas.improvement_lead)
    client.raise_request_exception = False  # a 500 is counted, not raised
    forms = [(url, f) for url, f in _forms(client, ids) if "file" in f.kinds.values()]
    assert len(forms) >= 4, [url for url, _ in forms]
    failed = {}
    for url, form in forms:
        for filename, content in hostile_files().items():
            data = form.data()
            for field, kind in form.kinds.items():
                if kind == "file":
                    data[field] = SimpleUploadedFile(filename, content)
            response = client.post(form.action or url, data)
            text = response.content.decode(errors="replace")
            if response.status_code >= 500 or LEAKED in text:
                failed[(url, filename)] = response.status_code
    assert not failed, failed


def test_every_form_with_a_date_answers_an_absurd_year_with_a_message(client, personas, ids):
    """A year of 10^20, and one past 2100, in every date of every form the walk finds
    (finding 11 of issue 9): the form again, saying what the date must be; never a 500."""
    client.force_login(personas.improvement_lead)
    client.raise_request_exception = False  # a 500 is counted, not raised
    dated, failed = [], {}
    for url, form in list(_forms(client, ids)):
        years = [f for f in form.kinds if f.endswith("_year")]
        if not years:
            continue
        dated.append(url)
        for year in ("100000000000000000000", "9999"):
            data = form.data()
            for field in years:
                stem = field.removesuffix("_year")
                data |= {f"{stem}_day": ["1"], f"{stem}_month": ["1"], field: [year]}
            response = client.post(form.action or url, data)
            text = response.content.decode(errors="replace")
            if response.status_code >= 500 or "must be between 1900 and 2100" not in text:
                failed[(url, year)] = response.status_code
    assert len(dated) >= 5, dated
    assert not failed, failed


def test_every_form_takes_control_characters_in_its_text_without_failing(client, personas, ids):
    """NUL, escape and Word's vertical tab in every text box of every form the walk finds
    (finding 7 of issue 9): whatever each form does with them (core.forms drops them before
    any field reads them), none may fail."""
    client.force_login(personas.improvement_lead)
    client.raise_request_exception = False  # a 500 is counted, not raised
    typed, failed = [], {}
    for url, form in list(_forms(client, ids)):
        boxes = [f for f, kind in form.kinds.items() if kind in ("text", "textarea", "email")]
        if not boxes:
            continue
        typed.append(url)
        data = form.data()
        for field in boxes:
            data[field] = [
                f"Pasted\x0bfrom Word\x00 with\x1b[31m {value}" for value in data.get(field, [""])
            ]
        response = client.post(form.action or url, data)
        if response.status_code >= 500:
            failed[url] = response.status_code
    assert len(typed) >= 10, typed
    assert not failed, failed
