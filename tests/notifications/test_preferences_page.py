"""The page where each person chooses, per kind, immediately, a daily digest or never."""

from __future__ import annotations

from django.urls import reverse

from actionplan.notifications.models import Choice, Kind, Preference

URL = reverse("notifications:preferences")


def test_it_asks_you_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:sign_in") in response["Location"]


def test_it_shows_the_defaults_and_saves_your_choices(client, personas):
    client.force_login(personas.member)
    page = client.get(URL).content.decode()
    assert "member@example.gov.uk" in page
    # The defaults: at once, but news of being named lead or partner in the daily digest.
    assert 'name="question_raised" value="immediately" id="id_question_raised_0" checked' in page
    assert 'name="assigned" value="daily" id="id_assigned_1" checked' in page
    choices = {kind.value: Choice.IMMEDIATELY for kind in Kind}
    choices[Kind.PAPER_ISSUED] = Choice.OFF
    choices[Kind.QUESTION_ANSWERED] = Choice.DAILY
    response = client.post(URL, choices)
    assert response.status_code == 302
    saved = dict(Preference.objects.filter(user=personas.member).values_list("kind", "choice"))
    assert saved[Kind.PAPER_ISSUED] == Choice.OFF
    assert saved[Kind.QUESTION_ANSWERED] == Choice.DAILY
    assert "Your e-mail notification choices are saved" in client.get(URL).content.decode()


def test_a_missing_choice_is_an_error_that_says_which(client, personas):
    client.force_login(personas.member)
    choices = {kind.value: Choice.IMMEDIATELY for kind in Kind}
    del choices[Kind.PAPER_ISSUED]
    page = client.post(URL, choices).content.decode()
    assert "govuk-error-summary" in page
    assert "Choose when to hear that a board paper is issued" in page
    assert not Preference.objects.exists()


def test_the_account_page_and_footer_link_to_it(client, personas):
    client.force_login(personas.member)
    page = client.get(reverse("accounts:account")).content.decode()
    assert page.count(URL) == 2
