"""Issue 16, point 5: the People page searched, filtered by kind and paged from the query
string, instead of one page 18,887 px long."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse

from actionplan.plans.models import Party


def names(html: str) -> list[str]:
    return [
        unescape(n)
        for n in re.findall(r"<h4 class=\"govuk-summary-card__title\">([^<]*)</h4>", html)
    ]


def test_the_people_page_is_searched_filtered_and_paged(client, personas):
    client.force_login(personas.member)
    url = reverse("plans:people", args=[personas.plan.pk])

    first = client.get(url).content.decode()
    everyone = re.search(r'id="people-count" role="status">(\d+) found', first)
    judith = client.get(url + "?q=judith").content.decode()
    organisations = client.get(url + f"?kind={Party.Kind.ORGANISATION}").content.decode()

    assert len(names(first)) <= 25
    assert int(everyone.group(1)) > 25  # the seed plan names more than one page
    assert 'aria-label="Pages of people"' in first
    assert names(judith) == ["Judith Hay"]
    assert 'href="?#named">Clear filters' in judith
    shown = set(names(organisations))
    assert shown and shown <= set(
        Party.objects.filter(kind=Party.Kind.ORGANISATION).values_list("name", flat=True)
    )
    last = client.get(url + "?page=999").content.decode()
    assert 'aria-current="page"' in last
