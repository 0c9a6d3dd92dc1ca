"""Child identifiers and dates of birth never reach the database, the logs or the output:
compute and store from messy Annex A data, and from malformed workbooks whose damage is a
child's id, then search everything that was written."""

import datetime as dt
import io
import json
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplan.indicators.annexa import AnnexAError
from actionplan.indicators.annexa.synthetic import generate
from actionplan.indicators.models import Indicator, LocalMeasure
from actionplan.indicators.services import compute_from_annex_a, store_computation
from actionplan.plans.services import store_plan
from support.office_files import CHILD_ID, MALFORMED

pytestmark = pytest.mark.django_db
A = dt.date(2013, 3, 31)
BAD_BIRTHDAY = "31/02/2011"
PRIVATE = ("Child Unique ID", "Date of Birth")


def private_values(data) -> tuple[set[str], set[str]]:
    """Every child id, and every date of birth in the ways it might be written."""
    ids, births = set(), set()
    for rows in data.sheets.values():
        header = rows[0] if "Child Unique ID" in rows[0] else rows[2]
        for row in rows[rows.index(header) + 1 :]:
            cells = dict(zip(header, row, strict=False))
            if cells.get("Child Unique ID"):
                ids.add(cells["Child Unique ID"].strip())
            birth = cells.get("Date of Birth")
            if isinstance(birth, dt.date):
                births |= {
                    birth.isoformat(),
                    f"{birth:%d/%m/%Y}",
                    f"{birth.day}/{birth.month}/{birth.year}",
                }
    # These two dates are stored on purpose, as the period the values cover.
    return ids, births - {A.isoformat(), "2012-10-01"}


def dump_database() -> str:
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    return dump.getvalue()


def test_no_child_id_or_date_of_birth_is_stored_logged_or_printed(plan_doc, tmp_path, caplog):
    data = generate(2000, A, seed=31)
    referrals = data.sheets["List 3"]
    referrals[1][referrals[0].index("Date of Birth")] = BAD_BIRTHDAY  # a problem to report
    workbook = data.write_xlsx(tmp_path / "annex_a.xlsx")
    ids, births = private_values(data)
    assert len(ids) > 300 and len(births) > 1000
    plan = store_plan(plan_doc).plan
    for measure_id in ("re_referral_12m", "cp_seen_alone", "cin_seen_within_6_weeks", "children"):
        Indicator.objects.create(plan=plan, name=measure_id, measure_id=measure_id)
    LocalMeasure.objects.create(
        organisation=plan.organisation,
        key="children",
        name="Children referred",
        sql="SELECT count(DISTINCT child_id) AS numerator, count(*) AS denominator FROM list_3",
    )
    # The plan's own dates were in the database before any Annex A data was read.
    before = dump_database()
    births = {b for b in births if b not in before}
    caplog.set_level(logging.DEBUG)
    table, as_json = io.StringIO(), io.StringIO()

    with CaptureQueriesContext(connection) as queries:
        result = compute_from_annex_a(workbook, A, plan.organisation)
        stored = store_computation(plan, result, source=workbook.name)
        compute = ["indicators", "compute", "--annex-a", str(workbook), "--as-at", A.isoformat()]
        call_command(
            *compute, "--plan", str(plan.pk), "--store", "--by-team", stdout=table, stderr=table
        )
        call_command(*compute, "--json", stdout=as_json)

    assert stored.created == 4
    kept = {
        "database": dump_database(),
        "queries": "\n".join(q["sql"] for q in queries.captured_queries),
        "logs": caplog.text,
    }
    for where, text in kept.items():
        assert not [i for i in ids if i in text], where
        assert not [b for b in births | {BAD_BIRTHDAY} if b in text], where
    # What is printed shows other dates (problems quote them), but never these.
    for text in (table.getvalue(), as_json.getvalue()):
        assert not [i for i in ids if i in text]
        assert BAD_BIRTHDAY not in text
    private = [p for p in json.loads(as_json.getvalue())["problems"] if p["column"] in PRIVATE]
    assert private and all(p["value"] is None for p in private)


@pytest.mark.parametrize("attack", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_workbook_puts_no_child_id_in_the_logs_the_output_or_the_database(
    attack, plan_doc, tmp_path, caplog
):
    """openpyxl's own messages quote the cell it failed on ("Invalid datetime value <id>"):
    whatever breaks, only a reason without the value comes out."""
    workbook = tmp_path / "annex_a.xlsx"
    workbook.write_bytes(MALFORMED[attack]())
    plan = store_plan(plan_doc).plan
    caplog.set_level(logging.DEBUG)
    printed = io.StringIO()

    try:
        said = json.dumps(compute_from_annex_a(workbook, A, plan.organisation).as_dict())
    except AnnexAError as e:
        said = str(e)
    compute = ["indicators", "compute", "--annex-a", str(workbook), "--as-at", A.isoformat()]
    try:
        call_command(*compute, "--json", stdout=printed, stderr=printed)
    except CommandError as e:
        printed.write(str(e))

    for where, text in {
        "result": said,
        "printed": printed.getvalue(),
        "logs": caplog.text,
        "database": dump_database(),
    }.items():
        assert CHILD_ID not in text, where
