"""The identifier check refuses likely identifiers in free text and lets practice text pass.

Hypothesis generates the identifiers (NHS numbers with their real check digit, pupil
numbers with their check letter, dates of birth, postcodes, phone numbers, e-mail
addresses, names) inside ordinary sentences, and ordinary practice text built from a
vocabulary of social-work phrases, roles, teams and meeting dates, which must pass.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from actionplan.identifiers import (
    Kind,
    find_identifiers,
    is_valid_nhs_number,
    mask,
    nhs_check_digit,
    refusal,
    upn_check_letter,
)
from actionplan.identifiers.check import _NOT_SURNAMES, given_names

PURE = Path(__file__).resolve().parents[2] / "src" / "actionplan" / "identifiers"


def kinds(text: str, people=()) -> list[Kind]:
    return [f.kind for f in find_identifiers(text, people=people)]


def test_the_identifier_package_does_not_import_django():
    pattern = re.compile(r"^\s*(import django\b|from django\b)", re.MULTILINE)
    assert not [p for p in PURE.rglob("*.py") if pattern.search(p.read_text())]


# --- known examples --------------------------------------------------------------------


def test_it_refuses_an_nhs_number_with_its_check_digit_and_not_without():
    assert nhs_check_digit("943476591") == 9
    assert kinds("NHS no 943 476 5919 on file") == [Kind.NHS_NUMBER]
    assert kinds("ref 9434765919.") == [Kind.NHS_NUMBER]
    assert kinds("ref 9434765918") == []  # wrong check digit


def test_it_refuses_a_upn_with_its_check_letter():
    rest = "80120100101"  # LA 801, school 2010, year 01, serial 01 and one more digit
    rest += "1"
    letter = upn_check_letter(rest)
    assert kinds(f"UPN {letter}{rest} checked") == [Kind.UPN]
    wrong = next(c for c in "ABCDEFGH" if c != letter)
    assert kinds(f"UPN {wrong}{rest}") == []


@pytest.mark.parametrize(
    "text",
    [
        "born 13/03/2009",
        "DOB: 13.03.09",
        "D.O.B. 13 March 2009",
        "she was born on the 13th of March 2009 in York",
        "13 March 2009 (date of birth)",
        "birthday March 13th",
    ],
)
def test_it_refuses_a_date_next_to_a_birth_word(text):
    assert kinds(text) == [Kind.DATE_OF_BIRTH]


@pytest.mark.parametrize(
    "text",
    [
        "ICPC held on 13/03/2013 within 15 working days",
        "Home visit 4 March 2013: the child was seen alone",
        "Strategy discussion 2013-02-11, S47 enquiry started",
        "Plan reviewed in March 2013 and again on 2nd April",
    ],
)
def test_other_dates_pass(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("lives at YO7 1HH now", Kind.POSTCODE),
        ("moved to yo7 1hh", Kind.POSTCODE),
        ("write to parent@example.com", Kind.EMAIL),
        ("call 01609 780780", Kind.PHONE),
        ("mobile +44 (0)7700 900123", Kind.PHONE),
        ("tel (01904) 554433", Kind.PHONE),
        ("Jack Robinson was seen", Kind.NAME),
        ("the mother, Kelly O'Neill, agreed", Kind.NAME),
    ],
)
def test_it_refuses_each_kind(text, kind):
    assert kinds(text) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "S47 2nd strategy meeting",  # an ordinal, not an inward code
        "May ICPC was quorate",
        "Grace Team reviewed the file",
        "Judith Hay chaired the audit panel",
    ],
)
def test_practice_words_pass(text):
    assert kinds(text, people=["Judith Hay"]) == []


def test_the_plans_people_may_be_named_by_first_and_last_name():
    assert kinds("David O'Brien agreed", people=["David F O'Brien"]) == []
    assert kinds("David Smith agreed", people=["David F O'Brien"]) == [Kind.NAME]


def test_a_refusal_names_the_field_and_the_kind_but_never_the_value():
    found = find_identifiers("NHS 943 476 5919")[0]
    message = refusal("Strengths", found)
    assert message.startswith("Strengths seems to contain an NHS number")
    assert mask("NHS 943 476 5919", [found]) == "NHS [removed]"
    assert "5919" not in message and "5919" not in repr(found)


def test_the_names_list_is_loaded_from_its_data_file():
    names = given_names()
    assert {"amelia", "harry", "judith", "kelly"} <= names
    assert len(names) > 500


# --- generated identifiers -------------------------------------------------------------

BEFORE = st.sampled_from(["", "Noted: ", "The file records ", "Worker recorded ", "Seen; "])
AFTER = st.sampled_from(["", ".", " on the file.", ", then the plan was reviewed.", " (checked)"])


@st.composite
def nhs_numbers(draw) -> str:
    nine = draw(st.text("0123456789", min_size=9, max_size=9))
    check = nhs_check_digit(nine)
    assume(check is not None)
    digits = nine + str(check)
    sep = draw(st.sampled_from(["", " ", "-"]))
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


@st.composite
def upns(draw) -> str:
    rest = draw(st.text("0123456789", min_size=12, max_size=12))
    return upn_check_letter(rest) + rest


@st.composite
def dates_of_birth(draw) -> str:
    day = draw(st.dates(dt.date(1995, 1, 1), dt.date(2013, 12, 31)))
    shown = draw(
        st.sampled_from(
            [
                f"{day:%d/%m/%Y}",
                f"{day.day}/{day.month}/{day:%y}",
                f"{day.day} {day:%B %Y}",
                f"{day.day} {day:%b %Y}",
                f"{day:%Y-%m-%d}",
                f"{day.day}th of {day:%B}",
            ]
        )
    )
    template = draw(
        st.sampled_from(
            [
                "born {}",
                "DOB {}",
                "DOB: {}",
                "D.O.B. {}",
                "date of birth {}",
                "{} (DOB)",
                "born on {}",
            ]
        )
    )
    return template.format(shown)


AREAS = ["YO", "HG", "DL", "TS", "LS", "BD", "M", "B", "SW", "E", "N", "L", "S"]
INWARD = "ABDEFGHJLNPQRSTUWXYZ"


@st.composite
def postcodes(draw) -> str:
    area = draw(st.sampled_from(AREAS))
    district = str(draw(st.integers(1, 29)))
    inward = str(draw(st.integers(0, 9))) + "".join(
        draw(st.lists(st.sampled_from(INWARD), min_size=2, max_size=2))
    )
    code = f"{area}{district}{draw(st.sampled_from([' ', '']))}{inward}"
    return code if draw(st.booleans()) else code.upper()


@st.composite
def phone_numbers(draw) -> str:
    kind = draw(st.sampled_from(["landline", "mobile", "international", "bracketed"]))
    digits = draw(st.text("0123456789", min_size=6, max_size=6))
    if kind == "landline":
        return f"01{draw(st.text('0123456789', min_size=3, max_size=3))} {digits}"
    if kind == "mobile":
        return f"07{draw(st.text('0123456789', min_size=3, max_size=3))} {digits}"
    if kind == "international":
        return f"+44 7{draw(st.text('0123456789', min_size=3, max_size=3))} {digits}"
    return f"(01{draw(st.text('0123456789', min_size=3, max_size=3))}) {digits}"


@st.composite
def emails(draw) -> str:
    local = draw(st.from_regex(r"[a-z][a-z0-9.]{0,10}[a-z0-9]", fullmatch=True))
    domain = draw(st.from_regex(r"[a-z][a-z0-9-]{1,10}[a-z]", fullmatch=True))
    tld = draw(st.sampled_from(["com", "co.uk", "org.uk", "gov.uk", "net"]))
    return f"{local}@{domain}.{tld}"


@st.composite
def names(draw) -> str:
    first = draw(st.sampled_from(sorted(given_names()))).capitalize()
    surname = draw(st.from_regex(r"[a-z]{3,10}", fullmatch=True)).capitalize()
    assume(surname.casefold() not in _NOT_SURNAMES)
    prefix = draw(st.sampled_from(["", "O'", "Mac"]))
    return f"{first} {prefix}{surname}"


IDENTIFIERS = [
    (Kind.NHS_NUMBER, nhs_numbers()),
    (Kind.UPN, upns()),
    (Kind.DATE_OF_BIRTH, dates_of_birth()),
    (Kind.POSTCODE, postcodes()),
    (Kind.PHONE, phone_numbers()),
    (Kind.EMAIL, emails()),
    (Kind.NAME, names()),
]


@pytest.mark.parametrize(("kind", "strategy"), IDENTIFIERS, ids=[k.name for k, _ in IDENTIFIERS])
def test_every_generated_identifier_is_refused_as_its_kind(kind, strategy):
    @settings(max_examples=150, deadline=None)
    @given(value=strategy, before=BEFORE, after=AFTER)
    def check(value, before, after):
        text = before + value + after
        found = find_identifiers(text)
        assert [f.kind for f in found] == [kind], text
        assert text[found[0].start : found[0].end] in value

    check()


@settings(max_examples=100, deadline=None)
@given(nine=st.text("0123456789", min_size=9, max_size=9))
def test_an_nhs_number_is_valid_only_with_its_own_check_digit(nine):
    check = nhs_check_digit(nine)
    for digit in range(10):
        assert is_valid_nhs_number(nine + str(digit)) == (digit == check)


# --- generated practice text, which must pass ------------------------------------------

ROLES = [
    "the social worker",
    "the team manager",
    "the Independent Reviewing Officer",
    "the IRO",
    "the child's health visitor",
    "the Family Support Worker",
    "the advanced practitioner",
    "the conference chair",
    "the school nurse",
    "NYAS",
]
TEAMS = [
    "the Harrogate Children's Social Care Team",
    "the Selby Family Intervention Team",
    "the Scarborough Assessment Team",
    "the Looked After Children Team",
    "CSC SMT",
    "the LSCB",
    "the Youth Offending Team",
]
PRACTICE = [
    "{role} saw the child alone",
    "{role} recorded the child's wishes and feelings",
    "the CiN plan is outcome focused and reviewed within timescales",
    "the chronology is up to date",
    "supervision by {role} was reflective and recorded",
    "{team} held a core group",
    "the S47 enquiry was completed within 15 working days",
    "the assessment was authorised within 45 working days",
    "the CP plan has SMART actions",
    "{role} referred the young person to NYAS for advocacy",
    "management oversight is evident on the file",
    "{team} agreed the next steps",
    "{count} of {total} cases were graded good",
    "the child's views are explicit in the plan",
]
MEETINGS = [
    "ICPC on {date}",
    "home visit on {date}",
    "strategy discussion held {date}",
    "core group met {date}",
    "review conference {date}",
    "audit completed in {month}",
]


@st.composite
def practice_text(draw) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        phrase = draw(st.sampled_from(PRACTICE)).format(
            role=draw(st.sampled_from(ROLES)),
            team=draw(st.sampled_from(TEAMS)),
            count=draw(st.integers(0, 30)),
            total=draw(st.integers(30, 40)),
        )
        if draw(st.booleans()):
            day = draw(st.dates(dt.date(2012, 4, 1), dt.date(2013, 12, 31)))
            shown = draw(
                st.sampled_from([f"{day:%d/%m/%Y}", f"{day.day} {day:%B %Y}", f"{day:%Y-%m-%d}"])
            )
            meeting = draw(st.sampled_from(MEETINGS)).format(date=shown, month=f"{day:%B %Y}")
            phrase = f"{phrase}; {meeting}"
        sentences.append(phrase[0].upper() + phrase[1:] + ".")
    return " ".join(sentences)


@settings(max_examples=300, deadline=None)
@given(text=practice_text())
def test_ordinary_practice_text_passes(text):
    assert find_identifiers(text, people=["Judith Hay", "Alan Tucker"]) == [], text
