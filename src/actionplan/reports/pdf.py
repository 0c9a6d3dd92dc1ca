"""The paper as PDF: the HTML document printed by WeasyPrint (A4, running header with the
council and the committee, page numbers: see the @page rules in paper.css), tagged for
PDF/UA: a structure tree of its headings, lists, tables with header cells and figures with
their alt text, in the language and with the title of the HTML's <html lang> and <title>.

Printing a large plan's paper is CPU-bound in WeasyPrint and pydyf; three measured costs
that are not the paper's own are cut here (docs/papers.md, Performance): Python's cyclic
garbage collector, re-run over WeasyPrint's growing box tree (off while printing); pydyf's
list of page references, rebuilt for every element of the structure tree; and level-9
compression."""

from __future__ import annotations

import gc
import logging
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from actionplan.core.text import printable

# WeasyPrint logs every step and page at INFO; the service's log is for the service.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# zlib's default level: pydyf asks for 9, which takes longer for a few per cent less size.
COMPRESSION_LEVEL = 6


def render_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango, which commands that print no PDF do not need.
    from weasyprint import HTML

    _tune_pydyf()
    with _no_collections():
        # render_html's output is printable already; HTML from anywhere else is made so.
        return HTML(string=printable(html)).write_pdf(pdf_variant="pdf/ua-1")


_printing = 0  # PDFs being printed in this process, by any thread
_printing_lock = threading.Lock()
_was_enabled = True


@contextmanager
def _no_collections() -> Iterator[None]:
    """The cyclic garbage collector off while printing: WeasyPrint allocates millions of
    objects that live to the end, and each collection walked them again (1.5-2 s of CPU for
    1,008 actions, at a threshold of 100,000). What the print leaves in cycles is collected
    by the process's next collection, as it was before. Threads share the collector: the
    first to start turns it off, the last to end turns it back on if it was on."""
    global _printing, _was_enabled
    with _printing_lock:
        if not _printing:
            _was_enabled = gc.isenabled()
            gc.disable()
        _printing += 1
    try:
        yield
    finally:
        with _printing_lock:
            _printing -= 1
            if not _printing and _was_enabled:
                gc.enable()


class _Zlib:
    """zlib for pydyf, with the compression level capped (the output is valid Flate)."""

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args: object, **kwargs: object) -> object:
        return zlib.compressobj(min(level, COMPRESSION_LEVEL), *args, **kwargs)  # type: ignore[arg-type]


def _page_references(pdf: object) -> tuple[bytes, ...]:
    # pydyf's own builds the tuple each time: once per structure element, O(elements x
    # pages). Pages are only ever appended, so the count of kids says when it is stale.
    kids = pdf.pages["Kids"]  # type: ignore[attr-defined]
    cached = pdf.__dict__.get("_actionplan_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf._actionplan_page_references = cached  # type: ignore[attr-defined]
    return cached[1]


def _tune_pydyf() -> None:
    import pydyf

    if getattr(pydyf, "_actionplan_tuned", False):
        return
    # Each change applies only while pydyf has the shape it was measured with (0.13).
    if isinstance(getattr(pydyf.PDF, "page_references", None), property):
        pydyf.PDF.page_references = property(_page_references)
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Zlib()
    pydyf._actionplan_tuned = True
