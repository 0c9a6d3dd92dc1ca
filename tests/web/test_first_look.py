"""Issue 16's defects on the pages people look at first: text that ran together, status in a
second set of colours."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_the_classes_that_lay_out_the_action_tables_are_defined():
    css = Path(finders.find("application.css")).read_text(encoding="utf-8")
    # The reference and the action's words, a date and "5 days ago", on lines of their own.
    assert re.search(r"\.app-action-table__text\s*\{[^}]*display:\s*block", css)
    assert ".app-status" in css
    assert ".app-table--stack" in css


def test_status_is_words_beside_the_rag_tag_not_a_second_colour(client, personas):
    client.force_login(personas.improvement_lead)
    rec = personas.led_action().recommendation
    html = client.get(reverse("plans:recommendation", args=[personas.plan.pk, rec.pk])).content
    html = html.decode()
    row = re.search(r"<td data-label=\"Status\"[^>]*>(.*?)</td>", html).group(1)
    assert row == '<span class="app-status">Not started</span>'
    assert 'data-label="RAG"' in html
    for colour in ("turquoise", "yellow", "purple", "pink"):
        assert f"govuk-tag--{colour}" not in html


def test_the_overdue_date_and_its_days_ago_are_apart(client, personas):
    client.force_login(personas.improvement_lead)
    html = client.get(reverse("plans:due", args=[personas.plan.pk])).content.decode()
    assert re.search(r'\d{4}<span class="govuk-body-s app-action-table__text">\d+ days? ago', html)
