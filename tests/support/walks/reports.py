"""The reports app's URLs in the URL walk (tests/web/test_url_walk.py merges them).

EXPECTED: URL name -> {persona: status}, "*" for every persona not named.
ids(personas): URL name -> the args to reverse it with, on personas.plan.
guessed(personas): URLs with another council's ids in them; every reader must get 404.

The walk's draft is the seed plan's CYPLT paper; its issued paper is stored as issuing
stores one, from the data build_paper gives, but with small stand-in files: rendering a
PDF in every walk would cost seconds for nothing the walk checks.
"""

from __future__ import annotations

import hashlib

from django.urls import reverse
from django.utils import timezone

from actionplan.plans.models import Body
from actionplan.reports import services
from actionplan.reports.building import build_paper
from actionplan.reports.data import to_json
from actionplan.reports.models import Paper

_SEEN = {"*": 200, "outsider": 404, "anonymous": 302}
_DRAFTERS = {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}

EXPECTED: dict[str, dict[str, int]] = {
    "reports:papers": _SEEN,
    "reports:new_paper": _DRAFTERS,
    # On a draft: the improvement team's until issued.
    "reports:paper": _DRAFTERS,
    "reports:paper_preview": _DRAFTERS,
    "reports:edit_paper": _DRAFTERS,
    "reports:delete_paper": _DRAFTERS,
    "reports:issue_paper": _DRAFTERS,
    # On the issued paper: everyone's who can see the plan.
    "reports:paper_download": _SEEN,
    # What the body resolved on the issued paper: read by all, recorded by the lead.
    "reports:paper_decisions": _SEEN,
}


def issued_stand_in(plan, body, as_at=None, user=None) -> Paper:
    """An issued paper with the real data and small stand-in files (see above)."""
    as_at = as_at or timezone.localdate()  # the personas' plan is stored today
    paper = services.draft_paper(plan, body, as_at, user=user)
    files = {"html": b"<!DOCTYPE html><title>x</title>", "pdf": b"%PDF-1.7", "docx": b"PK"}
    fields = {
        "data": to_json(build_paper(plan, body, as_at)),
        "status": Paper.Status.ISSUED,
        "issued_at": timezone.now(),
        "issued_by": user,
    }
    for fmt, content in files.items():
        fields[fmt] = content
        fields[f"{fmt}_sha256"] = hashlib.sha256(content).hexdigest()
    Paper.objects.filter(pk=paper.pk).update(**fields)
    return Paper.objects.get(pk=paper.pk)


def _cyplt(plan) -> Body:
    return Body.objects.get(organisation_id=plan.organisation_id, abbreviation="CYPLT")


def ids(personas) -> dict[str, list]:
    plan = personas.plan
    draft = services.draft_paper(
        plan, _cyplt(plan), timezone.localdate(), user=personas.improvement_lead
    )
    issued = issued_stand_in(plan, _cyplt(plan), user=personas.improvement_lead)
    on_draft = [plan.pk, draft.pk]
    return {
        "reports:papers": [plan.pk],
        "reports:new_paper": [plan.pk],
        "reports:paper": on_draft,
        "reports:paper_preview": on_draft,
        "reports:edit_paper": on_draft,
        "reports:delete_paper": on_draft,
        "reports:issue_paper": on_draft,
        "reports:paper_download": [plan.pk, issued.pk, "html"],
        "reports:paper_decisions": [plan.pk, issued.pk],
    }


def guessed(personas) -> list[str]:
    mine, theirs = personas.plan, personas.outsider_plan
    body = Body.objects.filter(organisation_id=theirs.organisation_id).first()
    their_draft = services.draft_paper(theirs, body, timezone.localdate())
    their_issued = issued_stand_in(theirs, body)
    urls = [
        reverse("reports:papers", args=[theirs.pk]),
        reverse("reports:new_paper", args=[theirs.pk]),
    ]
    for paper in (their_draft, their_issued):
        for plan in (theirs, mine):
            urls += [
                reverse("reports:paper", args=[plan.pk, paper.pk]),
                reverse("reports:paper_preview", args=[plan.pk, paper.pk]),
                reverse("reports:paper_download", args=[plan.pk, paper.pk, "pdf"]),
                reverse("reports:edit_paper", args=[plan.pk, paper.pk]),
                reverse("reports:delete_paper", args=[plan.pk, paper.pk]),
                reverse("reports:issue_paper", args=[plan.pk, paper.pk]),
                reverse("reports:paper_decisions", args=[plan.pk, paper.pk]),
            ]
    urls.append(reverse("reports:paper", args=[mine.pk, 999_999]))
    return urls
