"""The reading limits of the settings (UPLOAD_MAX_...), as the pure readers take them."""

from __future__ import annotations

import dataclasses

from django.conf import settings

from actionplan.importing.readers.packages import Limits


def read_limits(*, upload: bool = True) -> Limits:
    """The limits for reading a file: an upload read on the web (or on the task queue for
    the web) counts rows, cells and seconds too; a file given to the command line does not."""
    limits = Limits(
        unpacked_bytes=settings.UPLOAD_MAX_UNPACKED_BYTES,
        part_bytes=settings.UPLOAD_MAX_PART_BYTES,
        ratio=settings.UPLOAD_MAX_RATIO,
        parts=settings.UPLOAD_MAX_PARTS,
        shared_strings=settings.UPLOAD_MAX_SHARED_STRINGS,
        rows=settings.UPLOAD_MAX_ROWS,
        cells=settings.UPLOAD_MAX_CELLS,
        seconds=settings.UPLOAD_READ_SECONDS,
    )
    return limits if upload else limits.untimed()


def plan_limits() -> Limits:
    """An uploaded plan's: fewer rows than a workbook of case data may have (IMPORT_MAX_ROWS),
    since interpreting a plan costs far more a row than reading Annex A."""
    return dataclasses.replace(read_limits(), rows=settings.IMPORT_MAX_ROWS)
