"""The settings of the local-measure sandbox, as the pure engine (annexa/engine.py) takes
them: DuckDB's memory and threads, and the smallest cohort a local measure may report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from actionplan.indicators.annexa.engine import Resources, Suppression


def resources() -> Resources:
    # Imported here: the engine loads DuckDB and numpy, which setting Django up should not.
    from actionplan.indicators.annexa.engine import Resources

    return Resources(memory_mb=settings.DUCKDB_MEMORY_LIMIT_MB, threads=settings.DUCKDB_THREADS)


def suppression() -> Suppression:
    from actionplan.indicators.annexa.engine import Suppression

    return Suppression(min_cohort=settings.LOCAL_MEASURE_MIN_COHORT)
