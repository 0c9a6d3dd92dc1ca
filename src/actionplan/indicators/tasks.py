"""Background work for indicators: a large CSV file of values is imported on the queue
(docs/adr/0013-reading-uploads.md)."""

from __future__ import annotations

from django_tasks import task

from actionplan.indicators import services


@task()
def import_values(job_id: int) -> str:
    """Import the values file of a ValuesImport; a second run of the same job does nothing."""
    return services.run_values_import(job_id)
