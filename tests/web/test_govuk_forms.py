"""Every field renders the GOV.UK way through the one renderer."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from actionplan.core.forms import GovukDateField, GovukForm


class Everything(GovukForm):
    name = forms.CharField(label="Name", help_text="As on your badge")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("g", "Green")])
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    tags = forms.MultipleChoiceField(
        label="Tags",
        choices=[("x", "X"), ("y", "Y")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="I agree", required=False)
    when = GovukDateField(label="Date of the update")
    evidence = forms.FileField(label="Evidence", required=False)


def test_each_widget_gets_its_govuk_classes():
    html = str(Everything())
    for cls in (
        "govuk-input",
        "govuk-textarea",
        "govuk-select",
        "govuk-radios__input",
        "govuk-checkboxes__input",
        "govuk-date-input__input",
        "govuk-file-upload",
        "govuk-fieldset__legend",
    ):
        assert f'class="{cls}' in html or f" {cls}" in html, cls
    assert '<label class="govuk-label govuk-label--s" for="id_name">Name</label>' in html
    assert '<div id="id_name-hint" class="govuk-hint">As on your badge</div>' in html
    assert 'aria-describedby="id_name-hint"' in html


def test_errors_are_inline_and_in_the_summary_with_links_to_the_first_input():
    form = Everything({"name": "", "when_day": "31", "when_month": "2", "when_year": "2013"})
    assert not form.is_valid()
    html = str(form)
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert '<span class="govuk-visually-hidden">Error:</span> This field is required.' in html
    assert "govuk-input--error" in html
    hrefs = {i["href"] for i in form.error_summary_items()}
    assert {"#id_name", "#id_kind_0", "#id_when_0"} <= hrefs


def test_the_date_input_reads_three_boxes():
    form = Everything(
        {
            "name": "a",
            "colour": "r",
            "kind": "a",
            "when_day": "15",
            "when_month": "3",
            "when_year": "2013",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == dt.date(2013, 3, 15)


def test_the_date_input_says_which_part_is_missing():
    form = Everything({"when_day": "15", "when_month": "", "when_year": "2013"})
    form.is_valid()
    assert form.errors["when"] == ["Date of the update must include a month"]


def test_an_upload_over_the_limit_is_refused_with_the_limit_in_words(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actionplan.core.forms import check_upload_size

    settings.IMPORT_MAX_BYTES = 2 * 1024 * 1024
    check_upload_size(SimpleUploadedFile("ok.csv", b"x" * 1024))
    with pytest.raises(forms.ValidationError) as refused:
        check_upload_size(
            SimpleUploadedFile("big.docx", b"x" * (2 * 1024 * 1024 + 1)), "The template"
        )
    assert refused.value.messages == ["The template must be smaller than 2 MB"]
