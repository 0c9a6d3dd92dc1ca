"""Presenters for the voice pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from actionplan.audits.presenters import action_label
from actionplan.core.presenters.tags import Tag
from actionplan.core.wording import long_date, plural
from actionplan.voice.models import FeedbackSource, Quote, SafeguardingAlert, Theme

ALERT_TAGS = {
    SafeguardingAlert.Status.WAITING: Tag("Waiting for a contact", "govuk-tag--red"),
    SafeguardingAlert.Status.PENDING: Tag("Being sent", "govuk-tag--yellow"),
    SafeguardingAlert.Status.SENT: Tag("Sent", "govuk-tag--green"),
    SafeguardingAlert.Status.FAILED: Tag("Not sent", "govuk-tag--red"),
}


def percent(value) -> str:
    return f"{value:.1f}".removesuffix(".0") + "%"


@dataclass(frozen=True)
class SourceSummary:
    id: int
    name: str
    kind: str
    latest: str  # "Feeling safe: 84% positive of 212 responses (to 31 March 2013)"
    results: int


def source_summary(source: FeedbackSource) -> SourceSummary:
    results = sorted(source.results.all(), key=lambda r: (r.period_end, r.question))
    last = results[-1].period_end if results else None
    latest = [r for r in results if r.period_end == last]
    words = "; ".join(
        f"{r.question}: {percent(r.positive)} positive of {plural(r.responses, 'response')}"
        for r in latest
    )
    return SourceSummary(
        id=source.pk,
        name=source.name,
        kind=source.get_kind_display().capitalize(),
        latest=f"{words} (to {long_date(last)})" if latest else "No results yet",
        results=len(results),
    )


@dataclass(frozen=True)
class ResultRow:
    period: str
    responses: int
    positive: str


def results_by_question(source: FeedbackSource) -> list[tuple[str, list[ResultRow]]]:
    by_question = defaultdict(list)
    for r in source.results.order_by("question", "period_end"):
        by_question[r.question].append(
            ResultRow(
                f"{long_date(r.period_start)} to {long_date(r.period_end)}",
                r.responses,
                percent(r.positive),
            )
        )
    return list(by_question.items())


@dataclass(frozen=True)
class QuoteView:
    text: str
    heard: str
    source: str
    flagged: bool


@dataclass(frozen=True)
class ThemeView:
    id: int
    name: str
    summary: str
    quotes: tuple[QuoteView, ...]


def theme_view(theme: Theme) -> ThemeView:
    return ThemeView(
        id=theme.pk,
        name=theme.name,
        summary=theme.summary,
        quotes=tuple(
            QuoteView(q.text, long_date(q.heard_on), q.source.name if q.source else "", q.flagged)
            for q in theme.quotes.all()
        ),
    )


@dataclass(frozen=True)
class EntryView:
    id: int
    you_said: str
    we_did: str
    theme: str
    actions: tuple[tuple[int, str], ...]


def entries(plan) -> list[EntryView]:
    found = plan.you_said_we_did.select_related("theme").prefetch_related(
        "links__action__recommendation"
    )
    return [
        EntryView(
            e.pk,
            e.you_said,
            e.we_did,
            e.theme.name if e.theme else "",
            tuple((link.action_id, action_label(link.action, 0)) for link in e.links.all()),
        )
        for e in found
    ]


@dataclass(frozen=True)
class FlaggedRow:
    text: str
    heard: str
    theme: str
    source: str
    reasons: str
    alert: Tag
    sent: str


def flagged_row(q: Quote) -> FlaggedRow:
    alert = getattr(q, "alert", None)
    status = alert.status if alert else SafeguardingAlert.Status.WAITING
    return FlaggedRow(
        text=q.text,
        heard=long_date(q.heard_on),
        theme=q.theme.name,
        source=q.source.name if q.source else "Not stated",
        reasons=", ".join(q.flag_reasons),
        alert=ALERT_TAGS[status],
        sent=f"to {alert.email}" if alert and alert.email else "",
    )
