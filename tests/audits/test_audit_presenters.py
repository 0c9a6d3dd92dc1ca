"""The audit presenters' words and tags, from unsaved models: no database."""

from __future__ import annotations

import datetime as dt

from actionplan.audits.models import Audit, Moderation
from actionplan.audits.presenters import grade_tag, moderation_words, status_tag
from actionplan.voice.presenters import percent

D = dt.date


def test_grades_have_words_and_colours():
    assert (grade_tag("requires_improvement").text, grade_tag("requires_improvement").classes) == (
        "Requires improvement",
        "govuk-tag--yellow",
    )
    assert grade_tag("n/a").text == "Not applicable"
    assert grade_tag("").text == "Not answered"


def test_a_moderation_in_words():
    assert moderation_words(None) == "Not moderated"
    assert (
        moderation_words(Moderation(agreed=True, grades={"overall": ["good", "good"]})) == "Agreed"
    )
    changed = Moderation(
        agreed=False, grades={"overall": ["good", "inadequate"], "a": ["yes", "yes"]}
    )
    assert moderation_words(changed) == "Overall grade changed from Good to Inadequate"
    one = Moderation(agreed=False, grades={"overall": ["good", "good"], "a": ["yes", "no"]})
    assert moderation_words(one) == "1 grade changed"


def test_an_audits_status():
    audit = Audit(due=D(2013, 3, 31))
    assert status_tag(audit, 0, D(2013, 3, 1)).text == "Planned"
    assert status_tag(audit, 3, D(2013, 3, 1)).text == "In progress"
    assert status_tag(audit, 3, D(2013, 4, 1)).text == "Overdue"
    audit.completed_at = dt.datetime(2013, 4, 2, tzinfo=dt.UTC)
    assert status_tag(audit, 3, D(2013, 4, 3)).text == "Complete"


def test_a_share_positive_in_words():
    assert (percent(84), percent(61.5)) == ("84%", "61.5%")
