"""Board papers for the demo plan: the CYPLT paper as at 15 March 2013, issued, and the
CYPLT paper for its April meeting, a draft (which compares itself with March's).

Run after the demo history (monitoring.demo) and meetings (governance.demo), so that the
papers have updates to report and meetings to name. Issuing renders the PDF, which is
most of the time taken (about 6 seconds on this project's machine). Loading them again
adds nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from actionplan.core.errors import UserError
from actionplan.governance.meetings import find_body
from actionplan.monitoring.demo import IMPROVEMENT_LEAD
from actionplan.plans.models import Plan
from actionplan.reports import services
from actionplan.reports.models import Paper

BODY = "CYPLT"
ISSUED_AS_AT = dt.date(2013, 3, 15)
DRAFT_AS_AT = dt.date(2013, 4, 16)  # CYPLT's April meeting (third Tuesday)


@dataclass(frozen=True)
class DemoPapers:
    issued: Paper
    draft: Paper


def load_demo_papers(plan: Plan) -> DemoPapers | None:
    """Issue the demo's March CYPLT paper and draft its April one; None if the plan has
    CYPLT papers already (or names no CYPLT)."""
    try:
        body = find_body(plan.organisation, BODY)
    except UserError:
        return None
    if Paper.objects.filter(plan=plan, body=body).exists():
        return None
    lead = get_user_model().objects.filter(username=IMPROVEMENT_LEAD).first()
    with transaction.atomic():  # both papers or neither
        issued = services.issue_paper(
            services.draft_paper(plan, body, ISSUED_AS_AT, user=lead), lead, backdated=True
        )
        draft = services.draft_paper(plan, body, DRAFT_AS_AT, user=lead)
    return DemoPapers(issued, draft)
