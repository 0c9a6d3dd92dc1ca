"""A draft's fingerprint (services.fingerprint): what its PDF and Word files are made from.
Stable while nothing changes, so a ready file is served; changed by each of the draft's
inputs, so a stale one never is."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from docx import Document

from actionplan.monitoring import services as monitoring
from actionplan.plans.models import Body
from actionplan.reports import services


def fingerprint(paper) -> str:
    return services.fingerprint(paper, services.paper_data(paper))


def docx_bytes() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def test_the_fingerprint_changes_with_every_input_of_the_draft_and_only_then(personas):
    plan, lead = personas.plan, personas.improvement_lead
    body = Body.objects.get(organisation=plan.organisation, abbreviation="CYPLT")
    today = timezone.localdate()
    paper = services.draft_paper(plan, body, today, user=lead)
    seen = [fingerprint(paper)]
    assert fingerprint(paper) == seen[0]  # built again, nothing changed

    services.edit_draft(paper, asks=("Agree the next steps",))
    seen.append(fingerprint(paper))
    services.edit_draft(paper, period_end=today + dt.timedelta(days=60))
    seen.append(fingerprint(paper))
    services.edit_draft(paper, template=docx_bytes(), template_name="council.docx")
    seen.append(fingerprint(paper))
    monitoring.override_rag(personas.action_of_neither(), user=lead, colour="red", reason="Late")
    seen.append(fingerprint(paper))

    assert len(set(seen)) == len(seen)
    assert all(len(f) == 64 for f in seen)
