"""What render_pdf changes to print a large paper faster (issue 14 point 5) changes nothing
else: the collector is on again after printing (and stays off if it was off), pydyf's page
references are the same ones, and its streams are still Flate that reads back; the PDF stays
tagged with its pages' kids."""

import gc
import io
import zlib

import pikepdf
import pydyf

from actionplan.reports import pdf as pdf_module
from actionplan.reports.pdf import render_pdf

HTML = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>A paper</title></head><body>'
    "<h1>A paper</h1>"
    '<p style="break-after: page">One.</p><p style="break-after: page">Two.</p><p>Three.</p>'
    "</body></html>"
)


def test_the_collector_is_off_while_printing_and_on_again_after():
    seen = []
    original = pdf_module.printable

    def spy(text: str) -> str:
        seen.append(gc.isenabled())
        return original(text)

    pdf_module.printable = spy
    try:
        render_pdf(HTML)
    finally:
        pdf_module.printable = original
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        render_pdf(HTML)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_page_references_are_pydyfs_and_follow_new_pages():
    document = pydyf.PDF()

    def expected():
        return tuple(f"{n} 0 R".encode("ascii") for n in document.pages["Kids"][::3])

    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf_module._page_references(document) == expected()
    assert len(pdf_module._page_references(document)) == 3


def test_streams_are_still_flate_that_reads_back():
    pdf_module._tune_pydyf()
    stream = pydyf.Stream([b"BT /F1 12 Tf (Hello) Tj ET"] * 50, compress=True)
    data = stream.data
    body = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert b"/FlateDecode" in data
    assert zlib.decompress(body).startswith(b"BT /F1 12 Tf (Hello) Tj ET")


def test_the_printed_pdf_has_every_page_and_its_structure_tree():
    with pikepdf.open(io.BytesIO(render_pdf(HTML))) as pdf:
        assert len(pdf.pages) == 3
        assert pdf.Root.StructTreeRoot is not None
        pages = {page.objgen for page in pdf.pages}
        parents = [pdf.Root.StructTreeRoot.K[0]]
        seen = set()
        while parents:
            element = parents.pop()
            if "/Pg" in element:
                seen.add(element.Pg.objgen)
            kids = element.get("/K")
            if isinstance(kids, pikepdf.Array):
                parents.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
        assert seen == pages


def test_two_prints_at_once_turn_the_collector_on_when_both_end():
    with pdf_module._no_collections():
        with pdf_module._no_collections():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other still prints
    assert gc.isenabled()
