"""Zip and XML bombs, performed on the readers: each file is refused, with a reason that
names the problem, before the library that would choke on it is called (or, for what a
zip cannot declare, while it is read), by the plan importer and the Annex A reader alike."""

from __future__ import annotations

import io
import itertools
import random
import zipfile

import docx.oxml.parser
import hypothesis
import pytest
from hypothesis import strategies as st
from lxml import etree

from actionplan.importing.errors import PlanReadError
from actionplan.importing.numbering import Label, Numbered, _following_tops
from actionplan.importing.pipeline import interpret, parse_bytes
from actionplan.importing.readers import read_bytes
from actionplan.importing.readers.packages import Budget, Limits, Refused, check_office, check_zip
from actionplan.indicators.annexa import AnnexAError, read_annex_a
from support.office_files import (
    BILLION_LAUGHS,
    XXE,
    cell_replaced,
    rewrite,
    shared_strings_bomb,
    sheet_name,
    with_doctype,
    with_shared_strings,
    word_document,
    workbook,
)

HEADER = ["Child Unique ID", "Referral Date", "Number of Referrals in Last 12 Months"]


def plan_sheet(rows: int = 3) -> bytes:
    return workbook(
        [["Action", "Lead Officer", "Due date"]]
        + [[f"Action {n}", "Judith Hay", "March 2013"] for n in range(rows)]
    )


def refused_by_both(data: bytes, limits: Limits, tmp_path, monkeypatch=None) -> tuple[str, str]:
    """The reasons the plan importer and the Annex A reader give for refusing the file."""
    with pytest.raises(PlanReadError) as plan:
        read_bytes(data, "plan.xlsx", limits=limits)
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(data)
    with pytest.raises(AnnexAError) as annex:
        read_annex_a(path, limits)
    return str(plan.value), str(annex.value)


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the workbook was opened: it should have been refused first")

    monkeypatch.setattr("actionplan.importing.readers.workbooks.openpyxl.load_workbook", fail)


def test_the_830_kb_shared_strings_bomb_is_refused_before_it_is_opened(
    tmp_path, openpyxl_never_opens
):
    bomb = shared_strings_bomb()
    assert len(bomb) < 850_000

    plan, annex = refused_by_both(bomb, Limits(), tmp_path)

    assert plan.startswith("plan.xlsx: ")
    for message in (plan, annex):
        assert "unpacks to 324.2 MB" in message
        assert "at most 100 times is accepted" in message


def test_shared_strings_that_pack_loosely_are_still_counted_and_refused(
    tmp_path, openpyxl_never_opens
):
    def unique(part):  # distinct strings pack about 4 to 1: no ratio gives them away
        part.write(b"".join(b"<si><t>%d</t></si>" % n for n in range(5000)))

    def prefixed(part):
        part.write(b"".join(b"<x:si><x:t>%d</x:t></x:si>" % n for n in range(5000)))

    limits = Limits(shared_strings=4000)
    for write in (unique, prefixed):
        data = with_shared_strings(plan_sheet(), write)
        for message in refused_by_both(data, limits, tmp_path):
            assert "holds more than 4,000 different text values" in message


def test_a_workbook_within_the_shared_strings_limit_is_read(tmp_path):
    def strings(part):
        part.write(b"".join(b"<si><t>%d</t></si>" % n for n in range(3000)))

    data = with_shared_strings(plan_sheet(), strings)

    assert check_office(data, Limits(shared_strings=3000)).names


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (Limits(parts=5), "holds 9 files; at most 5 are accepted"),
        (Limits(unpacked_bytes=10_000), "at most 9.8 KB is accepted"),
        (Limits(part_bytes=2_000), "at most 2.0 KB is accepted for one part"),
    ],
)
def test_a_zip_holding_too_much_is_refused(tmp_path, limits, reason, openpyxl_never_opens):
    for message in refused_by_both(plan_sheet(), limits, tmp_path):
        assert reason in message


def test_a_part_packed_too_tightly_is_refused_even_when_the_whole_is_not(tmp_path):
    noise = random.Random(9)  # pictures hardly pack at all
    padding = {f"xl/media/image{n}.png": noise.randbytes(1_000_000) for n in range(3)}
    tight = {"customXml/item1.xml": b"<a>" + b" " * 3_000_000 + b"</a>"}
    data = rewrite(plan_sheet(), {}, {**padding, **tight})

    plan, _ = refused_by_both(data, Limits(), tmp_path)

    assert "one of its parts unpacks to 2.9 MB" in plan


def test_an_encrypted_or_oddly_compressed_zip_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("List 3.csv", ",".join(HEADER), compress_type=zipfile.ZIP_BZIP2)
    (tmp_path / "lists.zip").write_bytes(out.getvalue())

    with pytest.raises(AnnexAError, match="compressed in a way Excel and Word never use"):
        read_annex_a(tmp_path / "lists.zip")

    encrypted = bytearray(plan_sheet())
    # Set the "encrypted" flag of every entry in the central directory.
    at = 0
    while (at := encrypted.find(b"PK\x01\x02", at)) != -1:
        encrypted[at + 8] |= 1
        at += 4
    with pytest.raises(PlanReadError, match="is password-protected"):
        read_bytes(bytes(encrypted), "plan.xlsx")


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, XXE], ids=["billion laughs", "xxe"])
def test_an_entity_attack_in_a_workbook_is_refused(tmp_path, doctype, openpyxl_never_opens):
    data = plan_sheet()
    entity = "&lol9;" if doctype == BILLION_LAUGHS else "&xxe;"
    for part in (sheet_name(data), "xl/workbook.xml", "[Content_Types].xml"):
        attacked = rewrite(data, {part: lambda xml, e=entity, d=doctype: with_doctype(xml, d, e)})
        for message in refused_by_both(attacked, Limits(), tmp_path):
            assert "document type declaration" in message


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, XXE], ids=["billion laughs", "xxe"])
def test_an_entity_attack_in_a_word_document_is_refused(doctype):
    entity = "&lol9;" if doctype == BILLION_LAUGHS else "&xxe;"
    for part in ("word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"):
        attacked = rewrite(
            word_document(), {part: lambda xml, e=entity, d=doctype: with_doctype(xml, d, e)}
        )

        with pytest.raises(PlanReadError, match="document type declaration"):
            read_bytes(attacked, "plan.docx")


@pytest.mark.parametrize(
    "prolog",
    [
        '<?xml version="1.0"?><!-- <a> --><!DOCTYPE x [<!ENTITY e "e">]>',  # after a comment
        "<!-- " + "<a>" * 30_000 + " -->" + '<!DOCTYPE x [<!ENTITY e "e">]>',  # past the head
        "<!-- never closed <a> " + " " * 70_000 + '--><!DOCTYPE x [<!ENTITY e "e">]>',
    ],
    ids=["after a comment", "after a long comment", "after an unclosed head"],
)
def test_a_doctype_hidden_behind_comments_is_found(prolog):
    def hide(xml: str) -> str:
        return prolog + (xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml)

    attacked = rewrite(plan_sheet(), {"xl/workbook.xml": hide})

    with pytest.raises(Refused):
        check_office(attacked, Limits())


def test_a_doctype_in_utf16_is_found():
    xml = BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>') + "<workbook/>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", xml.encode("utf-16-le"))

    with pytest.raises(Refused, match="document type declaration"):
        check_office(out.getvalue(), Limits())


def test_the_xml_parsers_behind_the_readers_do_not_expand_entities_either():
    """Belt and braces: were a DOCTYPE to get past the check, python-docx's lxml parser keeps
    entities unexpanded and reads no file, and openpyxl parses through defusedxml."""
    from defusedxml import DefusedXmlException
    from openpyxl.xml.functions import fromstring, iterparse

    laughs = (BILLION_LAUGHS + "<r>&lol9;</r>").encode()
    xxe = (XXE + "<r>&xxe;</r>").encode()

    for parse in (docx.oxml.parser.parse_xml, fromstring):  # python-docx, and openpyxl's parts
        assert parsed(parse, laughs) < 1000
        assert b"root:" not in etree.tostring(parse(xxe))
    with pytest.raises(DefusedXmlException):  # openpyxl's sheets and shared strings
        list(iterparse(io.BytesIO(laughs)))


def parsed(parse, xml: bytes) -> int:
    """How large the parsed document is: 0 when the parser refuses it."""
    try:
        return len(etree.tostring(parse(xml)))
    except etree.XMLSyntaxError:
        return 0


def test_a_sheet_declaring_more_cells_than_are_read_is_refused(tmp_path, openpyxl_never_opens):
    data = cell_replaced(
        plan_sheet(), '<dimension ref="A1:C4"/>', '<dimension ref="A1:XFD1048576"/>'
    )

    for message in refused_by_both(data, Limits(), tmp_path):
        assert "its sheets say they run to 1,048,576 rows" in message or "cells" in message
    with pytest.raises(Refused, match="say they hold 17,179,869,184 cells"):
        check_office(data, Limits(rows=None))


def test_a_row_padded_to_the_last_column_is_stopped_while_it_is_read(tmp_path):
    """One cell at XFD makes openpyxl give 16,384 cells for the row; a zip cannot show it."""
    annex = workbook([HEADER, ["1", "01/02/2024", 1]])
    rows = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(3, 2000))
    data = cell_replaced(annex, "</sheetData>", rows + "</sheetData>")
    data = cell_replaced(data, '<dimension ref="A1:C2"/>', "")

    for message in refused_by_both(data, Limits(cells=1_000_000), tmp_path):
        assert "has more than 1,000,000 cells; at most that many are read" in message


def test_more_rows_than_are_read_are_refused_counted_before_and_while_reading(tmp_path):
    annex = workbook([HEADER, *([str(n), "01/02/2024", 1] for n in range(50))])
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(cell_replaced(annex, '<dimension ref="A1:C51"/>', ""))  # counted, not declared
    (tmp_path / "csv").mkdir()
    rows = "\n".join(f"{n},01/02/2024,1" for n in range(50))
    (tmp_path / "csv" / "List 3.csv").write_text(",".join(HEADER) + "\n" + rows)

    with pytest.raises(AnnexAError, match="its sheets hold 51 rows; at most 40 are read"):
        read_annex_a(path, Limits(rows=40))
    with pytest.raises(AnnexAError, match="has more than 40 rows"):
        read_annex_a(tmp_path / "csv", Limits(rows=40))
    assert len(read_annex_a(path, Limits(rows=51)).lists[3]) == 50


def test_the_cells_a_sheet_holds_are_counted_before_it_is_opened(openpyxl_never_opens):
    """Without a dimension, openpyxl would parse the whole sheet before reading a row."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="B{n}"><v>2</v></c></row>'
        for n in range(5, 3000)
    )
    data = cell_replaced(plan_sheet(), "</sheetData>", rows + "</sheetData>")
    data = cell_replaced(data, '<dimension ref="A1:C4"/>', "")

    with pytest.raises(PlanReadError, match="its sheets hold 6,002 cells; at most 5,000 are read"):
        read_bytes(data, "plan.xlsx", limits=Limits(cells=5000))


def test_a_zip_of_csv_files_is_checked_and_counted_as_it_is_read(tmp_path):
    rows = "\n".join(f"{n},01/02/2024,1" for n in range(100))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("annex/List 3.csv", ",".join(HEADER) + "\n" + rows)
        z.writestr("List 4.csv", b"x" * 5_000_000)  # packs 5,000 to 1
    (tmp_path / "lists.zip").write_bytes(out.getvalue())

    with pytest.raises(AnnexAError, match=r"one of its parts unpacks to 4\.8 MB"):
        read_annex_a(tmp_path / "lists.zip")
    with pytest.raises(AnnexAError, match="has more than 50 cells"):
        read_annex_a(tmp_path / "lists.zip", Limits(ratio=10**6, cells=50))


def test_reading_stops_when_the_time_allowed_runs_out():
    ticks = itertools.count(step=1.0)
    budget = Budget(Limits(seconds=30), clock=lambda: next(ticks))

    with pytest.raises(Refused, match="could not be read in 30 seconds, the time allowed"):
        for _ in budget.guard([("a", "b")] * 100_000):
            pass
    assert budget.rows < 100_000


def test_the_command_line_limits_keep_the_package_checks_but_count_nothing():
    untimed = Limits(parts=9).untimed()

    assert (untimed.parts, untimed.rows, untimed.cells, untimed.seconds) == (9, None, None, None)
    with check_zip(plan_sheet(), untimed) as archive:
        assert archive.namelist()


def test_an_honest_workbook_and_word_document_pass_the_checks():
    assert "xl/workbook.xml" in check_office(plan_sheet(200), Limits()).names
    assert "word/document.xml" in check_office(word_document(50), Limits()).names
    assert read_bytes(word_document(), "plan.docx").rows


def test_the_settings_give_the_readers_their_limits(settings):
    from actionplan.core.limits import read_limits

    assert read_limits() == Limits()  # one default for each limit, in one place each
    assert read_limits(upload=False) == Limits().untimed()
    settings.UPLOAD_MAX_RATIO, settings.UPLOAD_READ_SECONDS = 7, 3
    assert (read_limits().ratio, read_limits().seconds) == (7, 3)


def _looking_ahead(actions, i: int, part):
    """The next top-level number after action i, as the importer once found it: by looking
    at every later action (which made a plan of unnumbered rows quadratic)."""
    for later in actions[i + 1 :]:
        if later.label.part and later.label.part != part:
            return None
        if later.label.top is not None:
            return later.label.top
    return None


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    st.lists(
        st.tuples(st.sampled_from([None, "A", "B"]), st.one_of(st.none(), st.integers(1, 9))),
        max_size=30,
    )
)
def test_the_numbers_ahead_are_found_in_one_pass_as_they_were_by_looking_ahead(labels):
    actions = [
        Numbered(label=Label(text="x", part=part, top=top), text="x") for part, top in labels
    ]
    parts, part = [], None
    for action in actions:
        if action.label.part and action.label.part != part:
            part = action.label.part
        parts.append(part)

    assert _following_tops(actions) == [
        _looking_ahead(actions, i, parts[i]) for i in range(len(actions))
    ]


def test_a_plan_too_long_to_read_in_time_is_refused_while_it_is_interpreted():
    rows = "Action,Lead Officer,Due date\n" + "Do it,Judith Hay,March 2013\n" * 300
    ticks = itertools.count(step=0.5)
    budget = Budget(Limits(seconds=30), clock=lambda: next(ticks))
    doc = read_bytes(rows.encode(), "plan.csv")

    with pytest.raises(Refused, match="could not be read in 30 seconds"):
        interpret(doc, budget=budget)


def test_an_uploaded_plan_may_have_fewer_rows_than_a_workbook_of_case_data(settings):
    from actionplan.core.limits import plan_limits

    settings.IMPORT_MAX_ROWS = 100
    rows = "Action,Lead Officer,Due date\n" + "Do it,Judith Hay,March 2013\n" * 150

    with pytest.raises(PlanReadError, match=r"plan\.csv: has more than 100 rows"):
        parse_bytes(rows.encode(), "plan.csv", limits=plan_limits())
    assert plan_limits().cells == Limits().cells
