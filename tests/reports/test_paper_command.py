"""actionplan report PLAN --body NAME --as-at DATE --format docx|pdf|html -o FILE, and its
mistakes: one line, `actionplan: error: ...`, exit status 2."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from paper_support import docx_text, html_text, small_plan

from actionplan.reports.models import Paper

pytestmark = pytest.mark.django_db
PROGRAM = Path(sys.executable).with_name("actionplan")


@pytest.fixture
def plan():
    return small_plan()


def report(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def program(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PROGRAM), "report", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )


def test_it_writes_a_draft_without_storing_anything(plan, tmp_path):
    out = report(
        "Improvement",
        "--body",
        "smt",
        "--as-at",
        "2013-03-15",
        "--format",
        "html",
        "-o",
        str(tmp_path / "p.html"),
    )

    text = html_text((tmp_path / "p.html").read_bytes())
    assert "Draft : built from the live plan" in text and "Senior Management Team" in text
    assert out.startswith(
        f"Wrote {tmp_path / 'p.html'}: a draft paper for the SMT as at 15 March 2013"
    )
    assert Paper.objects.count() == 0


def test_with_issue_it_stores_the_paper_and_writes_the_issued_file(plan, tmp_path):
    target = tmp_path / "smt.docx"

    out = report(
        "Improvement",
        "--body",
        "Senior Management Team",
        "--as-at",
        "2013-03-15",
        "--format",
        "docx",
        "-o",
        str(target),
        "--issue",
        "--author",
        "Ann Other",
        "--author-email",
        "ann@anyshire.gov.uk",
    )

    paper = Paper.objects.get()
    assert paper.issued and bytes(paper.docx) == target.read_bytes()
    assert f"SHA-256 {paper.docx_sha256}" in out
    text = docx_text(target.read_bytes())
    assert "Ann Other, Improvement Lead" in text and "ann@anyshire.gov.uk" in text
    assert "DRAFT" not in text


def test_it_writes_into_a_template(plan, tmp_path):
    template = tmp_path / "council.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Anyshire Council · OFFICIAL"
    doc.save(template)

    report(
        str(plan.pk),
        "--body",
        "SMT",
        "--as-at",
        "2013-03-15",
        "--format",
        "docx",
        "--template",
        str(template),
        "-o",
        str(tmp_path / "out.docx"),
    )

    written = Document(tmp_path / "out.docx")
    assert written.sections[0].header.paragraphs[0].text == "Anyshire Council · OFFICIAL"


def test_an_unknown_body_is_a_mistake_naming_the_bodies_there_are(plan, tmp_path):
    with pytest.raises(
        CommandError, match=r"Anyshire Council has no body called 'Cabinet' \(its bodies: SMT\)"
    ) as e:
        report(
            str(plan.pk),
            "--body",
            "Cabinet",
            "--as-at",
            "2013-03-15",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "p.pdf"),
        )

    assert e.value.returncode == 2
    assert not (tmp_path / "p.pdf").exists()


def test_a_mistake_at_the_command_line_is_one_line_and_exit_status_2(tmp_path):
    result = program(
        "1",
        "--body",
        "SMT",
        "--as-at",
        "the Ides of March",
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "p.pdf"),
    )

    assert result.returncode == 2
    assert (
        result.stderr
        == "actionplan: error: --as-at 'the Ides of March' is not a date: write it like "
        "2013-03-15\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-at", "2013-02-30"], "--as-at '2013-02-30' is not a date"),
        (
            ["-o", "/no/such/folder/p.docx"],
            "/no/such/folder/p.docx: no such folder '/no/such/folder'",
        ),
        (["--template", "council.dotx"], "council.dotx: a template must be a Word .docx file"),
        (
            ["--format", "pdf", "--template", "council.docx"],
            "--template is a Word template: it goes with --format docx",
        ),
        (["--format", "odt"], "argument --format: invalid choice: 'odt'"),
    ],
    ids=["no such day", "unwritable output", "not a docx", "template for a pdf", "unknown format"],
)
def test_mistakes_exit_with_status_2_before_anything_is_built(plan, tmp_path, args, message):
    base = {"--as-at": "2013-03-15", "--format": "docx", "-o": str(tmp_path / "p.docx")}
    for option, value in zip(args[::2], args[1::2], strict=True):
        base[option] = value

    with pytest.raises(CommandError) as e:
        report(str(plan.pk), "--body", "SMT", *[x for pair in base.items() for x in pair])

    assert e.value.returncode == 2
    assert str(e.value).startswith(message)
    assert not (tmp_path / "p.docx").exists()


def test_a_template_that_is_not_a_word_file_is_refused(plan, tmp_path):
    fake = tmp_path / "council.docx"
    fake.write_bytes(b"%PDF-1.7")

    with pytest.raises(CommandError, match=r"council\.docx is not a (readable )?Word \.docx file"):
        report(
            str(plan.pk),
            "--body",
            "SMT",
            "--as-at",
            "2013-03-15",
            "--format",
            "docx",
            "--template",
            str(fake),
            "-o",
            str(tmp_path / "p.docx"),
        )
