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


@pytest.mark.parametrize(
    "text",
    [
        "DOB 3/4/2012",
        "born 3 April 2012",
        "born April 3, 2012",
        "born in April 2012",
        "DOB: Apr 2012",
        "date of birth 3rd Apr 2012",
        "NHS: 943 476-5919",
        "943-476 5919",
        "EC1A 1BB",
        "W1A 0AX",
        "M1 1AE",
        "B33 8TH",
        "CR2 6XH",
        "DN55 1PT",
        "GIR 0AA",
        "BFPO 801",
        "+447700900123",
        "0044 20 7946 0958",
        "+44 (0)20 7946 0958",
        "020 7946 0958",
        "0113 496 0000",
        "07700-900-123",
        "0800 123 4567",
        "JO@EXAMPLE.CO.UK",
        "a_b+c@mail.nhs.net",
        "Mrs Evans agreed",
        "Mr. Smith said",
        "Sarah-Jane Brown",
        "Aisha Begum",
        "Priya Patel",
        "Jayden Smith",
        "Zara Ali",
    ],
)
def test_each_form_a_reviewer_may_try_is_refused(text):
    assert len(kinds(text, people=["Judith Hay"])) == 1, text


@pytest.mark.parametrize(
    "text",
    [
        "seen on 3 April",
        "seen on 3/4/2012",
        "ICPC held within 15 days",
        "Section 47 enquiry; Section 20 accommodation",
        "Harrogate Central ward",
        "Florence Nightingale ward",
        "Grace Darling House",
        "Victoria Park",
        "Holly Lodge",
        "the Summer Holiday scheme",
        "Grace Period",
        "the baby was born prematurely; ICPC in April 2013",
        "audit completed in April 2013",
        "Ms Hay chaired the panel",
        "Child's birthday party attended",
        "Q3 2012/13: 18 of 30 cases good",
        "case reference CA-2012-0034",
    ],
)
def test_ordinary_practice_examples_pass(text):
    assert kinds(text, people=["Judith Hay"]) == [], text


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
    sep, sep2 = (draw(st.sampled_from(["", " ", "-"])) for _ in range(2))
    return f"{digits[:3]}{sep}{digits[3:6]}{sep2}{digits[6:]}"


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
                f"{day.day}.{day.month}.{day:%Y}",
                f"{day:%B} {day.day}, {day:%Y}",
                f"{day:%B %Y}",
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
                "born in {}",
                "Date of birth: {}",
                "d.o.b {}",
            ]
        )
    )
    return template.format(shown)


AREAS = ["YO", "HG", "DL", "TS", "LS", "BD", "M", "B", "SW", "E", "N", "L", "S", "EC", "W"]
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
# Every outward form: A9, A99, AA9, AA99, A9A and AA9A ("W1A", "EC1A").
DISTRICT_LETTERS = "ABCDEFGHJKPSTUW"


@st.composite
def postcodes(draw) -> str:
    area = draw(st.sampled_from(AREAS))
    district = str(draw(st.integers(1, 99 if draw(st.booleans()) else 9)))
    if len(district) == 1 and draw(st.booleans()):
        district += draw(st.sampled_from(DISTRICT_LETTERS))
    inward = str(draw(st.integers(0, 9))) + "".join(
        draw(st.lists(st.sampled_from(INWARD), min_size=2, max_size=2))
    )
    code = f"{area}{district}{draw(st.sampled_from([' ', '']))}{inward}"
    if draw(st.booleans()):
        return code
    assume(not re.fullmatch(r"1st|2nd|3rd|\dth", inward.lower()))  # "s47 2nd" is a count
    return code.lower()


@st.composite
def phone_numbers(draw) -> str:
    shape = draw(
        st.sampled_from(
            [
                "01{3} {6}",  # landline
                "07{3} {6}",  # mobile
                "+44 7{3} {6}",
                "(01{3}) {6}",
                "020 {4} {4}",  # London
                "0113 {3} {4}",
                "0044 1904 {6}",
            ]
        )
    )
    return re.sub(
        r"\{(\d)\}",
        lambda m: draw(st.text("0123456789", min_size=int(m[1]), max_size=int(m[1]))),
        shape,
    )


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
    form = draw(st.sampled_from(["given", "double", "title"]))
    if form == "double":  # "Sarah-Jane"
        first += "-" + draw(st.sampled_from(sorted(given_names()))).capitalize()
    elif form == "title":
        first = draw(st.sampled_from(["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Mr.", "Dr."]))
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
PLACES = [
    "Florence Nightingale ward",
    "Grace Darling House",
    "Victoria Park",
    "Holly Lodge",
    "St Mary's Hospital",
    "the Jack and Jill Nursery",
    "Rose Court",
]
PRACTICE += [
    "the family moved near {place}",
    "contact took place at {place}",
    "Ms Hay and Mr Tucker moderated the audit",
    "the baby was born prematurely and the ICPC was held within 15 days",
    "Section 47 enquiry and Section 20 accommodation were considered",
]
MEETINGS = [
    "ICPC on {date}",
    "home visit on {date}",
    "strategy discussion held {date}",
    "core group met {date}",
    "review conference {date}",
    "audit completed in {month}",
    "seen on {day}",
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
            place=draw(st.sampled_from(PLACES)),
        )
        if draw(st.booleans()):
            day = draw(st.dates(dt.date(2012, 4, 1), dt.date(2013, 12, 31)))
            shown = draw(
                st.sampled_from([f"{day:%d/%m/%Y}", f"{day.day} {day:%B %Y}", f"{day:%Y-%m-%d}"])
            )
            meeting = draw(st.sampled_from(MEETINGS)).format(
                date=shown, month=f"{day:%B %Y}", day=f"{day.day} {day:%B}"
            )
            phrase = f"{phrase}; {meeting}"
        sentences.append(phrase[0].upper() + phrase[1:] + ".")
    return " ".join(sentences)


@settings(max_examples=300, deadline=None)
@given(text=practice_text())
def test_ordinary_practice_text_passes(text):
    assert find_identifiers(text, people=["Judith Hay", "Alan Tucker"]) == [], text
