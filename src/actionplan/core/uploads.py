"""Reading what people upload. A reader failing on a file's content is the file's problem,
to be said in words on the form: never a 500, never the content itself (an Annex A cell is a
child's data), whatever the reader raised.

The readers say what they can (PlanReadError, AnnexAError, a UserError); the libraries under
them (openpyxl, python-docx, lxml, calamine, zipfile, defusedxml) raise many other kinds on
a damaged or hostile file: an XML bomb, an external entity, a broken zip.
"""

from __future__ import annotations

import contextlib
import logging

from django.conf import settings
from django.db import DatabaseError

from actionplan.core.errors import UserError

logger = logging.getLogger(__name__)

_MB = 1024 * 1024


def largest_upload_mb() -> int:
    """IMPORT_MAX_BYTES in whole MB, as the forms and the 413 page say it."""
    return settings.IMPORT_MAX_BYTES // _MB or 1


def too_large(size: int, what: str = "The file") -> str | None:
    """Why an upload of `size` bytes is refused, or None when it is not too large. Every
    upload (a plan, Annex A, values, meetings, survey results, a template, evidence) shares
    one limit, IMPORT_MAX_BYTES, from which the request limits are made (settings.py): a
    larger limit anywhere else could never be reached. Each caller raises its own error."""
    if size > settings.IMPORT_MAX_BYTES:
        return f"{what} must be smaller than {largest_upload_mb()} MB"
    return None


class UnreadableFile(UserError):
    """An upload no reader could make sense of; the message names it, not its content."""


@contextlib.contextmanager
def reading(name: str, what: str, *, keep: tuple[type[Exception], ...] = ()):
    """Within the block, anything but a user error, the database's or one in `keep` (a
    reader's own, which the caller words itself) becomes UnreadableFile: "NAME: could not be
    read as WHAT"."""
    try:
        yield
    except (UserError, DatabaseError):
        raise
    except keep:
        raise
    except Exception as e:  # the libraries' errors have no common base; see above
        # The kind only: a message could quote the file's content.
        logger.warning("upload %r could not be read as %s (%s)", name, what, type(e).__name__)
        raise UnreadableFile(f"{name}: could not be read as {what}") from None
