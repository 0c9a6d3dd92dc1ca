"""The voice pages through Django's test client."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.core.presenters.people import display_name
from actionplan.voice import services
from actionplan.voice.models import FeedbackResult, Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def voice(personas):
    plan = personas.plan
    source = services.add_source(plan, name="ViewPoint", kind="survey")
    theme = services.add_theme(plan, name="Feeling safe")
    services.add_quote(theme, text="I like my foster carers", heard_on=dt.date(2013, 2, 1))
    services.add_quote(theme, text="Sometimes he hits me", heard_on=dt.date(2013, 2, 2))
    services.save_you_said(
        plan,
        you_said="We did not know who our worker was",
        we_did="You now get a card with your worker's photo",
        actions=[personas.led_action()],
    )
    return source, theme


def test_a_flagged_quote_is_shown_only_to_the_improvement_lead(client, personas, voice):
    url = reverse("voice:overview", args=[personas.plan.pk])
    client.force_login(personas.member)
    page = client.get(url).content.decode()
    assert "I like my foster carers" in page and "hits me" not in page
    client.force_login(personas.improvement_lead)
    page = client.get(url).content.decode()
    assert "hits me" in page and "Flagged to safeguarding" in page
    safeguarding = client.get(reverse("voice:safeguarding", args=[personas.plan.pk]))
    assert "Waiting for a contact" in safeguarding.content.decode()


def test_importing_a_bad_csv_lists_every_bad_row_and_stores_nothing(client, personas, voice):
    client.force_login(personas.improvement_lead)
    data = (
        b"source,question,period start,period end,responses,positive\n"
        b"ViewPoint,Do you feel safe?,01/10/2012,31/12/2012,212,84\n"
        b"Nowhere,Q,01/10/2012,31/12/2012,3,1\n"
        b"ViewPoint,Q,01/10/2012,31/12/2099,x,1\n"
    )
    page = client.post(
        reverse("voice:import_results", args=[personas.plan.pk]),
        {"file": SimpleUploadedFile("results.csv", data, "text/csv")},
    ).content.decode()
    assert "results.csv: row 3, column &#x27;source&#x27;" in page
    assert "results.csv: row 4, column &#x27;period_end&#x27;: in the future" in page
    assert "results.csv: row 4, column &#x27;responses&#x27;" in page
    assert "Nothing was imported" in page
    assert not FeedbackResult.objects.exists()


def test_a_quote_with_a_name_is_refused_and_shown_back_without_it(client, personas, voice):
    _, theme = voice
    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("voice:add_quote", args=[personas.plan.pk, theme.pk]),
        {
            "text": "Kelly Robinson never visits",
            "heard_on_day": "1",
            "heard_on_month": "3",
            "heard_on_year": "2013",
        },
    )
    page = response.content.decode()
    assert "The quote seems to contain a person&#x27;s name" in page
    assert "Kelly Robinson" not in page and "[removed] never visits" in page
    assert Quote.objects.count() == 2


def test_the_you_said_we_did_page_is_plain_large_and_printable(client, personas, voice):
    client.force_login(personas.member)
    page = client.get(reverse("voice:you_said_we_did", args=[personas.plan.pk])).content.decode()
    assert "You said" in page and "You now get a card with your worker&#x27;s photo" in page
    assert "voice/print.css" in page
    for jargon in ("Recommendation", "RAG", "action plan", "CiN"):
        assert jargon not in page


# --- members' questions about a feedback source ---------------------------------------------


def test_a_member_asks_about_feedback_and_the_lead_answers_on_its_page(client, personas, voice):
    source = voice[0]
    page_url = reverse("voice:source", args=[personas.plan.pk, source.pk])
    client.force_login(personas.member)
    page = client.get(page_url).content.decode()
    assert "Questions about the feedback" in page and "No questions asked." in page
    ask_url = reverse("voice:ask", args=[personas.plan.pk, source.pk])
    assert ask_url in page
    refused = client.post(ask_url, {"question": "Did Sarah Jones fill it in?"}).content.decode()
    assert "Your question seems to contain a person&#x27;s name" in refused
    assert not source.questions.exists()
    response = client.post(ask_url, {"question": "Why did fewer children answer this year?"})
    assert response.status_code == 302 and response.url == page_url + "#questions"
    question = source.questions.get()
    page = client.get(page_url).content.decode()
    assert "Why did fewer children answer this year?" in page and "Not answered yet" in page
    answer_url = reverse("voice:answer", args=[personas.plan.pk, question.pk])
    assert answer_url not in page

    client.force_login(personas.improvement_lead)
    form = client.get(answer_url).content.decode()
    assert "Why did fewer children answer this year?" in form  # the question, above the form
    response = client.post(answer_url, {"text": "The survey ran for two weeks, not four."})
    assert response.status_code == 302 and response.url == page_url + "#questions"
    assert question.answers.get().answered_by == personas.improvement_lead
    client.force_login(personas.member)
    page = client.get(page_url).content.decode()
    lead = personas.improvement_lead
    assert "The survey ran for two weeks, not four." in page
    assert f"{display_name(lead)} answered on" in page


def test_only_members_ask_and_only_the_lead_answers_through_the_pages(client, personas, voice):
    source = voice[0]
    plan = personas.plan
    question = services.ask(source, user=personas.member, question="Why?")
    ask_url = reverse("voice:ask", args=[plan.pk, source.pk])
    answer_url = reverse("voice:answer", args=[plan.pk, question.pk])
    for who in ("lead_officer", "partner", "inspector"):
        client.force_login(getattr(personas, who))
        page = client.get(reverse("voice:source", args=[plan.pk, source.pk])).content.decode()
        assert "Why?" in page and ask_url not in page and answer_url not in page
        assert client.get(ask_url).status_code == 403
        assert client.post(ask_url, {"question": "Why not?"}).status_code == 403
        assert client.post(answer_url, {"text": "Because."}).status_code == 403
    client.force_login(personas.member)
    assert client.post(answer_url, {"text": "Because."}).status_code == 403
    client.force_login(personas.outsider)  # another council's: nothing here exists for them
    assert client.get(ask_url).status_code == 404
    assert client.post(answer_url, {"text": "Because."}).status_code == 404
    other = reverse("voice:answer", args=[personas.outsider_plan.pk, question.pk])
    client.force_login(personas.improvement_lead)  # the question under another plan's id
    assert client.get(other).status_code == 404
    assert source.questions.count() == 1 and not question.answers.exists()
