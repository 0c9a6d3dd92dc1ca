"""The demo's papers: the CYPLT paper as at 15 March 2013 issued, April's drafted."""

import io
import time

import pytest
from django.core.management import call_command

from actionplan.plans.models import Plan
from actionplan.reports import services
from actionplan.reports.demo import DRAFT_AS_AT, ISSUED_AS_AT, load_demo_papers
from actionplan.reports.models import Paper

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_issued_cyplt_paper_and_a_draft(capsys):
    call_command("demo", stdout=io.StringIO())  # which loads the papers, as below
    plan = Plan.objects.get()
    assert load_demo_papers(plan) is None  # loaded already: nothing added
    Paper.objects.all().delete()  # (a queryset's delete: Paper.delete refuses issued ones)

    start = time.perf_counter()
    loaded = load_demo_papers(plan)
    with capsys.disabled():
        print(f"\nload_demo_papers: {time.perf_counter() - start:.1f} s")

    issued, draft = loaded.issued, loaded.draft
    assert (issued.issued, issued.as_at, issued.body.abbreviation) == (True, ISSUED_AS_AT, "CYPLT")
    assert issued.issued_by.username == "stephanie.bratcher"  # the demo's improvement lead
    data = services.paper_data(issued)
    assert len(data.items) == 6  # docs/papers.md: the six actions CYPLT hears on 19 March
    assert (draft.issued, draft.as_at) == (False, DRAFT_AS_AT)
    # April's draft compares itself with March's issued paper.
    assert services.paper_data(draft).previous.paper_id == issued.pk
    # Loading again adds nothing.
    assert load_demo_papers(plan) is None
    assert Paper.objects.count() == 2
