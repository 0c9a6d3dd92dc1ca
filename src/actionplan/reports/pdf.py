"""The paper as PDF: the HTML document printed by WeasyPrint (A4, running header with the
council and the committee, page numbers: see the @page rules in paper.css), tagged for
PDF/UA: a structure tree of its headings, lists, tables with header cells and figures with
their alt text, in the language and with the title of the HTML's <html lang> and <title>."""

from __future__ import annotations

import logging

from actionplan.core.text import printable

# WeasyPrint logs every step and page at INFO; the service's log is for the service.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango, which commands that print no PDF do not need.
    from weasyprint import HTML

    # render_html's output is printable already; HTML from anywhere else is made so.
    return HTML(string=printable(html)).write_pdf(pdf_variant="pdf/ua-1")
