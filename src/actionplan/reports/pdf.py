"""The paper as PDF: the HTML document printed by WeasyPrint (A4, running header with the
council and the committee, page numbers: see the @page rules in paper.css)."""

from __future__ import annotations

import logging

# WeasyPrint logs every step and page at INFO; the service's log is for the service.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango, which commands that print no PDF do not need.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
