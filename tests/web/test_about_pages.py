"""The footer's help, accessibility statement and privacy notice: real pages, for anyone."""

from __future__ import annotations

import pytest
from django.urls import reverse

PAGES = {
    "help": "Help and contact",
    "accessibility": "Accessibility statement for actionplan",
    "privacy": "Privacy notice",
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_open_to_anyone_and_gives_the_help_address(client, settings, name):
    settings.HELP_EMAIL = "improvement@example.gov.uk"
    settings.COUNCIL_NAME = "North Yorkshire County Council"
    html = client.get(reverse(name)).content.decode()
    assert f'<h1 class="govuk-heading-l">{PAGES[name]}</h1>' in html
    assert 'href="mailto:improvement@example.gov.uk"' in html


def test_without_a_help_address_the_pages_send_people_to_their_improvement_lead(client, settings):
    settings.HELP_EMAIL = ""
    html = client.get(reverse("help")).content.decode()
    assert "mailto:" not in html
    assert "your council’s improvement lead" in html


def test_the_privacy_notice_says_what_happens_to_childrens_data(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "Children’s data" in html
    assert "rows about each child are not kept" in html


def test_every_pages_footer_links_to_them(client, personas):
    client.force_login(personas.member)
    html = client.get(reverse("plans:dashboard", args=[personas.plan.pk])).content.decode()
    footer = html[html.index("<footer") :]
    for name, words in (
        ("help", "Help and contact"),
        ("accessibility", "Accessibility statement"),
        ("privacy", "Privacy notice"),
    ):
        assert f'href="{reverse(name)}">{words}</a>' in footer
