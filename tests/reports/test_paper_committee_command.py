"""The report command's --kind, and the committee report's details on the command line
(--committee FILE.json and an option each), checked with messages that name the field."""

import json

import pytest
from django.core.management.base import CommandError
from paper_support import html_text
from test_paper_command import plan, report  # noqa: F401  (plan: the fixture)

from actionplan.core.errors import UserError
from actionplan.reports import committee
from actionplan.reports.models import Paper

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("plan")]
WRITE = ("Improvement", "--body", "smt", "--as-at", "2013-03-15", "--format", "html")


@pytest.mark.parametrize(
    ("kind", "title", "said"),
    [
        ("performance", "six-monthly performance report", "six-monthly performance report"),
        ("highlight", "highlight report", "highlight report"),
    ],
)
def test_kind_writes_that_paper_type(tmp_path, kind, title, said):
    out = report(*WRITE, "-o", str(tmp_path / "p.html"), "--kind", kind)

    text = html_text((tmp_path / "p.html").read_bytes())
    assert f"Improvement plan: {title}" in text
    assert f"a draft {said} for the SMT" in out


def test_an_issued_performance_report_keeps_its_kind(tmp_path):
    report(*WRITE[:-1], "pdf", "-o", str(tmp_path / "p.pdf"), "--kind", "performance", "--issue")

    paper = Paper.objects.get()
    assert paper.kind == "performance" and paper.kind_label == "Six-monthly performance report"
    assert paper.data["kind"] == "performance"
    assert paper.data["title"].endswith(": six-monthly performance report")


def test_the_committee_details_come_from_a_file_and_the_options(tmp_path):
    given = tmp_path / "committee.json"
    given.write_text(
        json.dumps(
            {
                "report_of": "Director of Children's Services",
                "agenda_item": "6",
                "exempt_paragraph": 3,
                "wards": "Whitby; Scarborough",
                "key_decision": "yes",
                "implications": {"financial": "Within budget.", "Human resources": "None."},
                "background_papers": ["Ofsted report, January 2013"],
                "contact": {"name": "Judith Hay", "email": "judith.hay@example.gov.uk"},
            }
        )
    )

    report(
        *WRITE,
        "-o",
        str(tmp_path / "p.html"),
        "--committee",
        str(given),
        "--agenda-item",
        "7",
        "--implication",
        "Legal=The Children Act 1989 applies.",
        "--author-phone",
        "01609 780780",
    )

    text = html_text((tmp_path / "p.html").read_bytes())
    for words in (
        "Report of Director of Children's Services",
        "Agenda item 7",
        "paragraph 3 of Part 1 of Schedule 12A",
        "Wards affected Whitby; Scarborough",
        "Key decision Yes",
        "Financial implications: Within budget.",
        "Legal implications: The Children Act 1989 applies.",
        "Human resources implications: None.",
        "Ofsted report, January 2013",
        "Judith Hay",
        "judith.hay@example.gov.uk",
        "01609 780780",
    ):
        assert words in text


def test_an_issued_paper_stores_the_committee_details_with_the_draft(tmp_path):
    report(
        *WRITE,
        "-o",
        str(tmp_path / "p.html"),
        "--issue",
        "--report-of",
        "Corporate Director",
        "--key-decision",
        "no",
        "--exempt-paragraph",
        "open",
        "--background-paper",
        "The plan",
    )

    options = Paper.objects.get().options["committee"]
    assert options == {
        "report_of": "Corporate Director",
        "key_decision": False,
        "background_papers": ["The plan"],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--exempt-paragraph", "9"), "--exempt-paragraph must be a paragraph of Schedule 12A"),
        (("--key-decision", "maybe"), "--key-decision must be yes or no, not 'maybe'"),
        (("--implication", "Legal"), "--implication 'Legal': write it as HEADING=TEXT"),
        (("--implication", "Money=None"), "--implication: no heading 'Money'; the headings are"),
        (("--agenda-item", "x" * 21), "--agenda-item must be 20 characters or fewer"),
        (("--author-email", "judith"), "--author: email 'judith' is not an email address"),
    ],
)
def test_each_wrong_option_is_named(tmp_path, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        report(*WRITE, "-o", str(tmp_path / "p.html"), *args)
    assert not (tmp_path / "p.html").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not JSON"),
        ("[]", "give a JSON object"),
        ('{"agenda": "6"}', "unknown field 'agenda'; the fields are report_of, agenda_item"),
        ('{"exempt_paragraph": true}', "exempt_paragraph must be a paragraph of Schedule 12A"),
        ('{"implications": ["Legal"]}', "implications must be an object of heading and text"),
        ('{"implications": {"Money": "x"}}', "implications: no heading 'Money'"),
        ('{"background_papers": "The plan"}', "background_papers must be a list of titles"),
        ('{"wards": 7}', "wards must be text"),
        ('{"contact": {"mobile": "1"}}', "contact: unknown field 'mobile'"),
    ],
)
def test_each_mistake_in_a_committee_file_is_named(tmp_path, content, message):
    given = tmp_path / "committee.json"
    given.write_text(content)

    with pytest.raises(CommandError, match=message):
        report(*WRITE, "-o", str(tmp_path / "p.html"), "--committee", str(given))


def test_a_missing_committee_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"--committee .*nowhere\.json: No such file"):
        report(
            *WRITE, "-o", str(tmp_path / "p.html"), "--committee", str(tmp_path / "nowhere.json")
        )


def test_the_checks_are_plain_python():
    conventions, contact = committee.check({"key_decision": True, "implications": {}})

    assert conventions == {"key_decision": True, "implications": {}}
    assert contact.name == ""
    with pytest.raises(UserError, match="exempt_paragraph"):
        committee.check({"exempt_paragraph": "seven"})
