"""The demo plan's voice of children and families, in its 2013 story: the ViewPoint
questionnaire, Young Inspectors, the Children in Care Council's events, complaints and
compliments; their results by quarter; themes with short quotes (one flagged to the
safeguarding contact); and 'you said, we did' linked to the plan's actions. Synthetic: the
figures and quotes are invented and hold no identifiers. Loading it again does nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from actionplan.monitoring.demo import at
from actionplan.plans.models import Action, Plan
from actionplan.voice import services
from actionplan.voice.models import FeedbackResult, FeedbackSource, YouSaidWeDid

D = dt.date
VIEWPOINT = "ViewPoint questionnaire"
SOURCES = [
    (VIEWPOINT, "survey", "Children in need and in care answer it before reviews"),
    ("Young Inspectors", "young_inspectors", "Young people who inspect services and report"),
    ("Children in Care Council events", "participation", "Quarterly participation events"),
    ("Complaints", "complaints", "Complaints from children and families, counted by theme"),
    ("Compliments", "compliments", "Compliments from children and families"),
]
QUARTERS = [
    (D(2012, 10, 1), D(2012, 12, 31)),
    (D(2013, 1, 1), D(2013, 3, 31)),
    (D(2013, 4, 1), D(2013, 6, 30)),
]
# (source, question, [(responses, % positive) for each quarter])
RESULTS = [
    (VIEWPOINT, "I know who my social worker is", [(188, 71), (203, 79), (214, 86)]),
    (VIEWPOINT, "My social worker listens to me", [(188, 64), (203, 70), (214, 77)]),
    (VIEWPOINT, "I feel safe where I live", [(188, 88), (203, 90), (214, 91)]),
    (VIEWPOINT, "I was told I can have an advocate", [(188, 41), (203, 58), (214, 66)]),
    ("Young Inspectors", "The service is welcoming to young people", [(12, 50), (14, 64), (15, 73)]),
]  # fmt: skip
THEMES = {
    "Knowing my social worker": (
        "Children want to know who their worker is and to keep the same one.",
        [
            ("I've had four social workers this year and had to tell my story every time.", D(2012, 11, 20), VIEWPOINT),
            ("I got a card with my worker's photo, so I know who's coming.", D(2013, 4, 18), VIEWPOINT),
        ],
    ),
    "Being listened to": (
        "Young people want their views to change what happens, not only to be written down.",
        [
            ("They ask what I think but then the plan says the same thing.", D(2013, 1, 24), "Children in Care Council events"),
            ("At my review they changed my contact because of what I said.", D(2013, 5, 16), "Children in Care Council events"),
            ("Young inspectors should go to every team, not just one.", D(2013, 3, 6), "Young Inspectors"),
        ],
    ),
    "Feeling safe": (
        "Most children feel safe where they live; any comment suggesting otherwise goes to the "
        "safeguarding contact.",
        [
            ("My foster carers make me feel safe and I like my school.", D(2013, 2, 12), VIEWPOINT),
            ("Sometimes I'm scared to go home after school.", D(2013, 2, 19), VIEWPOINT),
        ],
    ),
}  # fmt: skip
YOU_SAID = [
    (
        "Knowing my social worker",
        "We did not know who our social worker was, and it kept changing.",
        "Every child now gets a card with their social worker's name and photo, and is told "
        "before their worker changes.",
        ("1", ("2", "4")),
    ),
    (
        "Being listened to",
        "You write down what we say, but nothing changes.",
        "Plans now have a part called 'what you told us and what we did about it', and your "
        "reviewing officer checks it.",
        ("1", ("5", "6")),
    ),
    (
        "Being listened to",
        "We did not know we could have an advocate.",
        "Your social worker now tells you about NYAS at every review, and you can ask for an "
        "advocate yourself.",
        ("6", ("1",)),
    ),
]
LEAD = "stephanie.bratcher"


@transaction.atomic
def load_demo_voice(plan: Plan) -> int | None:
    """The demo's voice; how many quotes it added, or None if the plan has sources."""
    if FeedbackSource.objects.filter(plan=plan).exists():
        return None
    lead = get_user_model().objects.filter(username=LEAD).first()
    sources = {
        name: services.add_source(plan, name=name, kind=kind, description=description)
        for name, kind, description in SOURCES
    }
    for source, question, figures in RESULTS:
        for (start, end), (responses, positive) in zip(QUARTERS, figures, strict=True):
            FeedbackResult.objects.create(
                source=sources[source],
                question=question,
                period_start=start,
                period_end=end,
                responses=responses,
                positive=Decimal(positive),
                imported_at=at(end.year, end.month, end.day) + dt.timedelta(days=10),
            )
    services.set_contact(
        plan, name="NYSCB designated safeguarding lead", email="safeguarding@example.gov.uk"
    )
    quotes = 0
    themes = {}
    for name, (summary, said) in THEMES.items():
        themes[name] = services.add_theme(plan, name=name, summary=summary)
        for text, heard_on, source in said:
            services.add_quote(
                themes[name],
                text=text,
                heard_on=heard_on,
                source=sources[source],
                user=lead,
                at=at(heard_on.year, heard_on.month, heard_on.day) + dt.timedelta(days=3),
            )
            quotes += 1
    for theme, you_said, we_did, (rec, refs) in YOU_SAID:
        actions = Action.objects.filter(
            recommendation__plan=plan, recommendation__number=rec, ref__in=refs
        ).select_related("recommendation")
        entry = services.save_you_said(
            plan, theme=themes[theme], you_said=you_said, we_did=we_did, actions=actions
        )
        # Written inside the story, so the demo's papers of March 2013 show them (Annex B).
        YouSaidWeDid.objects.filter(pk=entry.pk).update(created_at=at(2013, 3, 1))
    return quotes
