"""What each notification says. Only what is true and needed: who did what, to which action
(its label and words, which are the plan's own), and a link to read the rest there.

Never the free text people write (a question, an answer, a reason for a return): it can
name a child or a family, and an e-mail leaves the service (GOV.UK Notify keeps its
messages for days). The link shows it to whoever may read it, after signing in."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator

from actionplan.core.presenters.people import display_name
from actionplan.core.wording import action_label, long_date
from actionplan.notifications.models import Choice

TITLE_WORDS = 30


def name_of(user) -> str:
    """How a person is named to others (core's one rule), "Someone" for nobody."""
    return display_name(user) or "Someone"


def link(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def label(action) -> str:
    """'2 of recommendation 1.0': which action, in the plan's own numbering."""
    number = action_label(action.ref, action.number, action.order)
    return f"{number} of recommendation {action.recommendation.number}"


def about_action(action) -> str:
    title = Truncator(" ".join(action.text.split())).words(TITLE_WORDS)
    return f"action {label(action)}: {title}"


def about_recommendation(recommendation) -> str:
    return f"recommendation {recommendation.number}: {recommendation.title}"


def action_link(action) -> str:
    return link(reverse("plans:action", args=[action.recommendation.plan_id, action.pk]))


def recommendation_link(recommendation) -> str:
    return link(reverse("plans:recommendation", args=[recommendation.plan_id, recommendation.pk]))


def paper_link(paper) -> str:
    return link(reverse("reports:paper", args=[paper.plan_id, paper.pk]))


def paper_title(paper) -> str:
    return f"the {paper.body.name} paper as at {long_date(paper.as_at)}"


def footer(delivery: str) -> str:
    how = "as things happen" if delivery == Choice.IMMEDIATELY else "in a daily digest"
    return (
        f"You get these e-mails {how}. Choose which you get, and when: "
        f"{link(reverse('notifications:preferences'))}"
    )


def single(subject: str, text: str, delivery: str) -> str:
    """The body of a notification sent on its own."""
    return f"{text}\n\n{footer(delivery)}\n"


def digest(items: list) -> tuple[str, str]:
    """One e-mail of a day's notifications: subject and body."""
    count = len(items)
    subject = f"actionplan: {count} thing{'s' if count != 1 else ''} since the last digest"
    parts = [f"{n}. {item.subject}\n{item.text}" for n, item in enumerate(items, start=1)]
    return subject, "\n\n".join(parts) + f"\n\n{footer(Choice.DAILY)}\n"
