"""Issue 9's upload attacks through the pages that read uploads: the Annex A compute page,
the plan import, the values and meetings imports. A bomb is refused before any library
reads it; a damaged workbook whose cells hold a child's id is refused or reported without
the id, which then appears nowhere: not on the page, in a cookie, in the database or in
the logs (the house's privacy check, tests/indicators/test_indicator_privacy.py, on
malformed files). Nothing is stored and no page is a 500."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from actionplan.governance.models import Meeting
from actionplan.indicators.models import Indicator, IndicatorValue, LocalMeasure
from actionplan.plans.models import PendingImport
from support.office_files import (
    ANNEX_HEADER,
    CHILD_ID,
    MAIN,
    MALFORMED,
    attacked_cell,
    referrals,
    shared_strings_bomb,
    sheet_name,
    workbook,
    zip_text,
)

A = dt.date(2013, 3, 31)


def compute(client, personas, content: bytes, name="annex_a.xlsx"):
    client.force_login(personas.improvement_lead)
    return client.post(
        reverse("indicators:compute", args=[personas.plan.pk]),
        {
            "file": SimpleUploadedFile(name, content),
            "as_at_day": str(A.day),
            "as_at_month": str(A.month),
            "as_at_year": str(A.year),
        },
    )


def import_plan(client, personas, content: bytes, name="plan.xlsx"):
    client.force_login(personas.improvement_lead)
    return client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, content)})


def dump_database() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


@pytest.fixture
def no_workbook_opened(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the upload was opened: it should have been refused first")

    monkeypatch.setattr("actionplan.importing.readers.workbooks.openpyxl.load_workbook", fail)


def test_the_830_kb_shared_strings_bomb_is_refused_before_it_is_read_on_both_pages(
    client, personas, no_workbook_opened
):
    bomb = shared_strings_bomb()

    annex = compute(client, personas, bomb)
    plan = import_plan(client, personas, bomb)

    for response, name in ((annex, "annex_a.xlsx"), (plan, "plan.xlsx")):
        page = response.content.decode()
        assert response.status_code == 200
        assert f"{name}: one of its parts unpacks to 324.2 MB from 805.5 KB" in page
        assert "at most 100 times is accepted" in page
    assert not PendingImport.objects.exists() and not IndicatorValue.objects.exists()


@pytest.mark.parametrize("attack", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_workbook_leaves_the_childs_id_nowhere(client, personas, caplog, attack):
    caplog.set_level(logging.DEBUG)
    content = MALFORMED[attack]()
    Indicator.objects.create(plan=personas.plan, name="Re-referrals", measure_id="re_referral_12m")

    pages = {
        "compute page": compute(client, personas, content),
        "plan import": import_plan(client, personas, content),
        "values import": client.post(
            reverse("indicators:import_values", args=[personas.plan.pk]),
            {"file": SimpleUploadedFile("values.csv", content)},
        ),
        "meetings import": client.post(
            reverse("governance:import_meetings", args=[personas.plan.pk]),
            {"file": SimpleUploadedFile("meetings.csv", content)},
        ),
    }

    for where, response in pages.items():
        assert response.status_code == 200, where
        assert CHILD_ID not in response.content.decode(), where
        assert CHILD_ID not in str(response.cookies), where
    assert CHILD_ID not in caplog.text
    assert CHILD_ID not in dump_database()
    assert not PendingImport.objects.exists()
    assert not IndicatorValue.objects.exists() and not Meeting.objects.exists()


def test_a_sheet_that_breaks_part_way_is_reported_by_row_without_its_value(client, personas):
    content = attacked_cell(referrals(), f'<c r="C2" t="d"><v>{CHILD_ID}</v></c>')

    page = re.sub(r"\s+", " ", compute(client, personas, content).content.decode())

    assert "row 2" in page
    assert (
        "this row and the rest could not be read (a cell&#x27;s value does not fit its type" in page
    )


def test_a_local_measure_smuggling_a_child_id_is_not_computed_and_leaves_it_nowhere(
    client, personas, caplog
):
    caplog.set_level(logging.DEBUG)
    LocalMeasure.objects.create(
        organisation=personas.plan.organisation,
        key="smuggler",
        name="Smuggled",
        sql="SELECT max(CAST(regexp_replace(child_id, '[^0-9]', '', 'g') AS BIGINT)) "
        "AS numerator, count(*) AS denominator FROM list_3",
    )
    Indicator.objects.create(plan=personas.plan, name="Smuggled", measure_id="smuggler")
    digits = str(int(CHILD_ID[3:]))
    content = workbook(
        [ANNEX_HEADER, [CHILD_ID, dt.datetime(2011, 2, 3), dt.datetime(2013, 1, 5), 1]]
        + [[f"SYN{n:07d}", dt.datetime(2010, 1, 1), dt.datetime(2013, 1, 5), 0] for n in range(40)]
    )

    response = compute(client, personas, content)
    page = response.content.decode()
    token = re.search(r'name="computed" value="([^"]+)"', page).group(1)
    stored = client.post(
        reverse("indicators:compute", args=[personas.plan.pk]), {"computed": token}
    )

    assert "the answer depends on the values of children&#x27;s ids" in page
    for text in (page, str(stored.cookies), caplog.text, dump_database()):
        assert digits not in text and CHILD_ID not in text
    assert not IndicatorValue.objects.filter(indicator__name="Smuggled").exists()


def test_an_honest_workbook_still_computes(client, personas):
    response = compute(client, personas, referrals())

    assert response.status_code == 200
    assert "Check the measures before you store them" in response.content.decode()


def test_openpyxl_itself_would_have_failed_on_these_workbooks():
    """So the tests above perform the attack: each file breaks the library it is fed to."""
    for attack in ("a date cell holding an id", "a number cell holding an id"):
        book = openpyxl.load_workbook(io.BytesIO(MALFORMED[attack]()), read_only=True)
        with pytest.raises(ValueError) as error:  # the date's message quotes the child's id
            list(book.worksheets[0].iter_rows(values_only=True))
        assert CHILD_ID in str(error.value) or "date" not in attack
    assert MAIN in zip_text(referrals(), sheet_name(referrals()))


def test_a_plan_of_too_many_rows_is_refused_on_the_import_page(client, personas):
    """A 1.4 MB CSV of 60,000 rows: each costs the importer far more than it costs to read."""
    rows = b"Action,Lead Officer,Due date\n" + b"Do it,JH,March 2013\n" * 60_000

    response = import_plan(client, personas, rows, name="plan.csv")

    assert response.status_code == 200
    assert "plan.csv: has more than 50,000 rows; at most that many are read" in (
        response.content.decode()
    )
    assert not PendingImport.objects.exists()
