"""Finding 7: a partner's update pasted from Word held a vertical tab (\\x0b), and the Word
paper, then issuing, failed ("Issue failed: ValueError"). Every form now drops control
characters from what is sent (core.forms.GovukFormMixin, core.text.printable), and every
renderer makes the paper's text printable whatever the plan holds (reports.data.printable_data):
Hypothesis writes every text field of a paper and the renderers must never fail."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.core.forms import GovukForm
from actionplan.core.text import printable
from actionplan.plans.models import Action, Body, ProgressRecord
from actionplan.reports import services
from actionplan.reports.building import build_paper
from actionplan.reports.data import Author, PaperData, Paragraph, Section
from actionplan.reports.html import render_html
from actionplan.reports.pdf import render_pdf
from actionplan.reports.word import render_docx
from reports.paper_support import docx_text, html_text, paper, pdf_text, small_plan, squash
from support.monitoring import at

D = dt.date
PASTED_FROM_WORD = "Audits done in the north\x0bthe east next month\x07"


def test_a_partners_update_pasted_from_word_reaches_the_issued_paper(client, personas):
    action = personas.partnered_action()
    client.force_login(personas.partner)

    response = client.post(
        reverse("plans:add_update", args=[personas.plan.pk, action.pk]),
        {
            "status": "on_track",
            "narrative": PASTED_FROM_WORD,
            "as_at_day": str(dt.date.today().day),
            "as_at_month": str(dt.date.today().month),
            "as_at_year": str(dt.date.today().year),
        },
    )

    assert response.status_code == 302
    record = ProgressRecord.objects.filter(action=action).latest("pk")
    assert record.text == "Audits done in the north\nthe east next month"
    body = Body.objects.filter(reporting__action=action).first()
    draft = services.draft_paper(personas.plan, body, dt.date.today())
    issued = services.issue_paper(draft)
    assert issued.status == issued.Status.ISSUED
    assert "Audits done in the north the east next month" in docx_text(bytes(issued.docx))


def test_text_the_plan_already_holds_with_control_characters_still_makes_every_format(db):
    plan = small_plan()
    action = plan.recommendations.get().actions.first()
    # As an import or the admin could have stored it: straight into the table (with every
    # control character but NUL, which PostgreSQL refuses to store).
    ProgressRecord.objects.create(
        action=action,
        as_at=D(2013, 3, 1),
        status="on_track",
        text="One\x0btwo\x07 three\x1b",
        created_at=at(2013, 3, 1),
    )
    smt = Body.objects.get(abbreviation="SMT")
    data = build_paper(plan, smt, D(2013, 3, 15))

    files = services.render_all(data, draft=True)

    assert "One two three" in docx_text(files["docx"])
    assert "One two three" in html_text(files["html"])
    assert "One two three" in pdf_text(files["pdf"])


class _Typed(GovukForm):
    name = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea)
    choice = forms.MultipleChoiceField(choices=[("a", "A")], required=False)
    password = forms.CharField(widget=forms.PasswordInput)


def test_every_form_drops_control_characters_before_any_field_reads_them():
    form = _Typed(
        data={
            "name": "\x00Judith\x1b Hay\x7f",
            "notes": "Line one\x0bline two\r\nline three\x0c\ttabbed\x85end\ud800",
            "choice": ["a\x07"],
            "password": "pass\x01word",
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Judith Hay"
    assert form.cleaned_data["notes"] == "Line one\nline two\r\nline three\n\ttabbed\nend"
    # Passwords are checked as typed, never changed.
    assert form.cleaned_data["password"] == "pass\x01word"


def test_a_field_of_nothing_but_control_characters_is_empty_and_so_required():
    form = _Typed(data={"name": "\x00\x07", "notes": "x", "password": "p"})

    assert not form.is_valid()
    assert "name" in form.errors


# --- every text field of a paper, written by Hypothesis, through every renderer ------------

# Any character at all, lone surrogates and the controls included.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
# Fields that hold one of the service's own keys (a RAG colour, a trend), not anyone's words.
KEYS = {"colour", "before_colour", "after_colour", "rag", "direction"}


def full_paper() -> PaperData:
    """The reports tests' paper, with something in every part that holds text."""
    base = paper()
    listed = dataclasses.replace(
        base.items[0], reporting=("Report to SMT March 2013",), overdue=("Audit - February",)
    )
    return dataclasses.replace(
        base,
        sections=(
            Section(1, "Purpose", (Paragraph("To report", ("First", "Second")),)),
            Section(3, "Progress", (Paragraph("Progress so far"),)),
        ),
        author=Author("Stephanie Bratcher", "Improvement Lead", "s@example.gov.uk", "01609"),
        meeting=D(2013, 3, 19),
        items=(listed,),
        annexes=("Annex A: the plan",),
    )


def written_over(value, draw, name=""):
    """`value` with every text field replaced by one Hypothesis draws."""
    if isinstance(value, str):
        return value if name in KEYS else draw(ANY_TEXT)
    if isinstance(value, tuple):
        return tuple(written_over(v, draw, name) for v in value)
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(
            value,
            **{
                f.name: written_over(getattr(value, f.name), draw, f.name)
                for f in dataclasses.fields(value)
            },
        )
    return value


def fuzzed(examples: int):
    """Rendering takes seconds (charts, WeasyPrint), so no deadline, and fewer examples."""
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@fuzzed(30)
@given(st.data())
def test_the_word_and_html_papers_never_fail_whatever_the_text(fuzz):
    data = written_over(full_paper(), fuzz.draw)

    html = render_html(data, draft=True)
    docx = render_docx(data, draft=True)

    # Each says what the action is, as printable text.
    said = squash(printable(data.items[0].text))
    assert said in html_text(html.encode("utf-8"))
    assert said in docx_text(docx)


@fuzzed(8)
@given(st.data())
def test_the_pdf_paper_never_fails_whatever_the_text(fuzz):
    data = written_over(full_paper(), fuzz.draw)

    pdf = render_pdf(render_html(data, draft=False))

    assert pdf.startswith(b"%PDF")


def test_each_kind_of_character_word_cannot_hold_renders_in_every_format():
    text = "before \x0b \x00 \ud800 \ufffe \x1b[31m $\\frac{1}{0}$ after"
    data = written_over(full_paper(), lambda strategy: text)

    files = services.render_all(data, draft=True)

    assert set(files) == {"html", "pdf", "docx"}


def test_the_plans_spreadsheets_take_text_with_control_characters(client, personas):
    # As an import or the admin could have stored it: openpyxl refuses such a cell outright.
    action = personas.led_action()
    Action.objects.filter(pk=action.pk).update(text="Audit\x0bcase files\x1b")
    client.force_login(personas.improvement_lead)

    for fmt in ("xlsx", "csv"):
        response = client.get(reverse("plans:export", args=[personas.plan.pk, fmt]))
        assert response.status_code == 200
    assert "Audit\ncase files" in response.content.decode()
