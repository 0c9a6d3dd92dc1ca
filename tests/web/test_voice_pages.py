"""The voice pages through Django's test client."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
