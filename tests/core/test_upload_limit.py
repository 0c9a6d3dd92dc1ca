"""Every upload shares one limit, IMPORT_MAX_BYTES (core.uploads.too_large): each form and
the plan import refuse a file one byte over it, and take one at it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplan.governance.forms import ImportForm
from actionplan.importing.errors import PlanReadError
from actionplan.indicators.forms import AnnexAForm, ValuesFileForm
from actionplan.plans import imports
from actionplan.plans.models import Plan
from actionplan.reports.forms import PaperForm
from actionplan.voice.forms import ResultsFileForm

LIMIT = 2 * 1024 * 1024
REFUSED = "must be smaller than 2 MB"

FORMS = {
    "meetings": (lambda files: ImportForm(data={}, files=files), "file", "meetings.csv"),
    "survey results": (lambda files: ResultsFileForm(data={}, files=files), "file", "r.csv"),
    "indicator values": (lambda files: ValuesFileForm(data={}, files=files), "file", "v.csv"),
    "annex a": (
        lambda files: AnnexAForm(data={}, files=files, today=dt.date(2013, 3, 31)),
        "file",
        "annex.xlsx",
    ),
    "paper template": (
        lambda files: PaperForm(data={}, files=files, plan=Plan(), editing=True),
        "template",
        "council.docx",
    ),
}


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.IMPORT_MAX_BYTES = LIMIT


def _errors(name: str, size: int) -> list[str]:
    make, field, filename = FORMS[name]
    form = make({field: SimpleUploadedFile(filename, b"x" * size)})
    form.is_valid()
    return form.errors.get(field, [])


@pytest.mark.parametrize("name", FORMS)
def test_each_upload_form_refuses_one_byte_over_the_limit(name):
    assert any(REFUSED in e for e in _errors(name, LIMIT + 1))


@pytest.mark.parametrize("name", FORMS)
def test_each_upload_form_takes_a_file_at_the_limit(name):
    # It may refuse the file for what is in it, never for its size.
    assert not any(REFUSED in e for e in _errors(name, LIMIT))


def test_the_plan_import_refuses_one_byte_over_the_limit():
    with pytest.raises(PlanReadError, match=REFUSED):
        imports.upload(None, "plan.docx", b"x" * (LIMIT + 1))
    with pytest.raises(PlanReadError) as at_limit:
        imports.upload(None, "plan.docx", b"x" * LIMIT)  # not a plan, but not too large
    assert REFUSED not in str(at_limit.value)
