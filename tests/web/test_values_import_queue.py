"""A large CSV file of indicator values is imported on the task queue: the page says it is
queued, the worker checks every row and stores the values once, and the page then shows
the result, or the first hundred problems with their count. Nothing from the file's cells
is shown or kept, and a run cut short stores nothing and is run again."""

from __future__ import annotations

import datetime as dt
import io
from itertools import islice

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from actionplan.indicators import services
from actionplan.indicators.models import Indicator, IndicatorValue, ValuesImport

# The worker closes the database connection after each task; on PostgreSQL that would end
# the transaction a plain test runs in.
pytestmark = pytest.mark.django_db(transaction=True)
CHILD_ID = "SYN0004711"


def run_worker():
    call_command("worker", "--batch", "--no-sweep", "--interval", "0", verbosity=0)


@pytest.fixture
def indicators(personas):
    return [
        Indicator.objects.create(plan=personas.plan, name=f"Indicator {n}", unit="count")
        for n in range(10)
    ]


def values_file(indicators, rows: int, *, bad: bool = False) -> bytes:
    out = io.StringIO()
    out.write("indicator,period_end,value\n")
    first = dt.date(2000, 1, 1)
    for n in range(rows):
        end = first + dt.timedelta(days=n // len(indicators))
        when = CHILD_ID if bad else f"{end:%d/%m/%Y}"
        out.write(f"{indicators[n % len(indicators)].pk},{when},{n % 50}\n")
    return out.getvalue().encode()


def upload(client, personas, content: bytes):
    client.force_login(personas.improvement_lead)
    return client.post(
        reverse("indicators:import_values", args=[personas.plan.pk]),
        {"file": SimpleUploadedFile("values.csv", content, content_type="text/csv")},
    )


def test_a_large_file_is_queued_then_imported_by_the_worker(client, personas, indicators, settings):
    settings.VALUES_IMPORT_QUEUE_BYTES = 10_000
    content = values_file(indicators, 3000)
    assert len(content) > 10_000

    response = upload(client, personas, content)

    (job,) = ValuesImport.objects.all()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "indicators:values_import", args=[personas.plan.pk, job.pk]
    )
    waiting = client.get(response["Location"])
    assert "being imported in the background" in waiting.content.decode()
    assert "Check again" in waiting.content.decode()
    assert not IndicatorValue.objects.exists()
    assert DBTaskResult.objects.get().task_path == "actionplan.indicators.tasks.import_values"

    run_worker()

    done = client.get(response["Location"]).content.decode()
    assert "Values imported" in done and "3000 new, 0 replaced" in done
    assert IndicatorValue.objects.count() == 3000
    job.refresh_from_db()
    assert (job.status, bytes(job.data)) == ("done", b"")  # the file is not kept


def test_a_queued_file_with_thousands_of_errors_lists_a_hundred_and_counts_them_all(
    client, personas, indicators, settings
):
    settings.VALUES_IMPORT_QUEUE_BYTES = 10_000
    response = upload(client, personas, values_file(indicators, 2500, bad=True))

    run_worker()

    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported: 2500 problems in the file" in page
    assert page.count("column &#x27;period_end&#x27;: not a date") == 100
    assert "and 2400 more" in page
    assert CHILD_ID not in page
    job = ValuesImport.objects.get()
    assert (job.status, job.error_count, len(job.errors), bytes(job.data)) == (
        "failed",
        2500,
        100,
        b"",
    )
    assert CHILD_ID not in str(job.errors)
    assert not IndicatorValue.objects.exists()


def test_a_small_file_is_still_imported_at_once(client, personas, indicators, settings):
    settings.VALUES_IMPORT_QUEUE_BYTES = 10_000

    response = upload(client, personas, values_file(indicators, 20))

    assert response["Location"] == reverse("indicators:list", args=[personas.plan.pk])
    assert IndicatorValue.objects.count() == 20
    assert not ValuesImport.objects.exists()


def test_the_job_run_twice_imports_once(personas, indicators):
    job = services.queue_values_import(personas.plan, values_file(indicators, 40), "v.csv")

    assert services.run_values_import(job.pk) == "done"
    assert services.run_values_import(job.pk) == "done"

    job.refresh_from_db()
    assert (job.created, job.updated) == (40, 0)
    assert IndicatorValue.objects.count() == 40


def test_a_run_cut_short_stores_nothing_and_the_next_run_imports_it(
    personas, indicators, monkeypatch
):
    job = services.queue_values_import(personas.plan, values_file(indicators, 1200), "v.csv")
    real_store = services._store_values

    def killed_half_way(values):
        real_store(islice(values, 600))  # half the values written, then the worker dies
        raise SystemExit("the worker was stopped")

    monkeypatch.setattr(services, "_store_values", killed_half_way)
    with pytest.raises(SystemExit):
        services.run_values_import(job.pk)

    job.refresh_from_db()
    assert job.status == "queued" and not IndicatorValue.objects.exists()
    monkeypatch.setattr(services, "_store_values", real_store)
    assert services.run_values_import(job.pk) == "done"
    assert IndicatorValue.objects.count() == 1200
