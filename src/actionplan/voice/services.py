"""Writing the voice of children and families, and `feedback_for_paper` for board papers.

- Results come from CSV as aggregates (`import_results_csv`): every row is checked first,
  every bad row named, and nothing is stored unless all rows are good.
- Quotes, themes and 'you said, we did' pass the identifier check (docs/privacy.md).
- Members ask questions about a feedback source and officers answer them, as about an
  audit's findings: the same text checks and permissions, append-only.
- A quote whose words suggest a child may be at risk (risk.py) is flagged: its alert
  e-mail goes to the plan's safeguarding contact once, through the task queue, claimed the
  way reminders are (governance/reminders.py); it never appears in papers or exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionplan.accounts import access
from actionplan.audits.presenters import action_label
from actionplan.audits.services import (
    IdentifiersFound,
    answer_text,
    check_identifiers,
    people_names,
    question_text,
)
from actionplan.core.errors import UserError
from actionplan.core.wording import long_date
from actionplan.governance.delivery import write_transaction
from actionplan.identifiers import find_identifiers
from actionplan.importing.readers.text import detect_encoding, open_text
from actionplan.indicators.annexa.headers import header_key
from actionplan.plans.models import Plan
from actionplan.voice.models import (
    QUOTE_MAX,
    FeedbackAnswer,
    FeedbackQuestion,
    FeedbackResult,
    FeedbackSource,
    Quote,
    SafeguardingAlert,
    SafeguardingContact,
    Theme,
    YouSaidAction,
    YouSaidWeDid,
)
from actionplan.voice.paper import PaperTheme, PaperYouSaid
from actionplan.voice.risk import risk_matches

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
__all__ = ["IdentifiersFound", "VoiceError"]


class VoiceError(UserError):
    """What was asked cannot be done; `field` names the input at fault. For a CSV file,
    `errors` lists every problem by row and column; nothing was stored."""

    def __init__(self, message: str, field: str | None = None, errors: list[str] | None = None):
        super().__init__(message)
        self.field = field
        self.errors = errors or [message]


# --- results from CSV ----------------------------------------------------------------------

_COLUMNS = {
    "source": ("source", "feedback source"),
    "question": ("question",),
    "period_start": ("period start", "start", "from"),
    "period_end": ("period end", "end", "to"),
    "responses": ("responses", "respondents", "answered"),
    "positive": ("positive", "share positive", "% positive", "percent positive"),
}
_HEADERS = {header_key(h): c for c, names in _COLUMNS.items() for h in (c, *names)}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SHOWN = 5


def _date(text: str) -> dt.date | None:
    m = _ISO.fullmatch(text) or _DAY_FIRST.fullmatch(text)
    if not m:
        return None
    a, b, c = (int(g) for g in m.groups())
    try:
        return dt.date(a, b, c) if m.re is _ISO else dt.date(c, b, a)
    except ValueError:
        return None


def _parse_row(number, row: dict[str, str], sources, people, today: dt.date, errors: list[str]):
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(f"row {number}, column {column!r}: {message}")

    source = sources.get(row.get("source", "").casefold())
    if not row.get("source"):
        error("source", "blank")
    elif source is None:
        error("source", "not one of the plan's feedback sources: add it first")
    question = row.get("question", "")
    if not question:
        error("question", "blank")
    dates = {}
    for column in ("period_start", "period_end"):
        text = row.get(column, "")
        dates[column] = _date(text)
        if not text:
            error(column, "blank")
        elif dates[column] is None:
            error(column, "not a date (DD/MM/YYYY or YYYY-MM-DD)")
    start, end = dates["period_start"], dates["period_end"]
    if start and end and start > end:
        error("period_start", "the period starts after it ends")
    if end and end > today:
        error("period_end", "in the future: a period must have ended")
    responses = row.get("responses", "").replace(",", "")
    if not responses.isdigit():
        error("responses", "not a whole number of responses")
    try:
        positive = Decimal(row.get("positive", "").removesuffix("%").strip())
    except InvalidOperation:
        positive = None
    if positive is None or not positive.is_finite() or not 0 <= positive <= 100:
        error("positive", "not a percentage from 0 to 100")
    elif positive != positive.quantize(Decimal("0.01")):
        error("positive", "more than two decimal places")
    if question and len(question) > 500:
        error("question", "longer than 500 characters")
    for found in find_identifiers(question, people=people):
        error("question", f"seems to contain {found.kind} ({found.reason}): results hold none")
    if len(errors) > before:
        return None
    # Each is read, or an error was counted just above.
    assert start is not None and end is not None and positive is not None
    return FeedbackResult(
        source=source,
        question=question,
        period_start=start,
        period_end=end,
        responses=int(responses),
        positive=positive,
    )


@dataclass
class Imported:
    created: int = 0
    updated: int = 0


def import_results_csv(data: bytes, plan: Plan, *, today: dt.date | None = None) -> Imported:
    """Results from CSV bytes with columns source, question, period start, period end,
    responses and positive (a percentage). All rows are checked first: any problem and
    nothing is stored (VoiceError listing each row and column)."""
    today = today or timezone.localdate()
    with open_text(data, detect_encoding(data), newline="") as stream:
        try:
            lines = list(csv.reader(stream))
        except csv.Error as e:
            raise VoiceError(f"not a valid CSV file ({e})", "file") from None
    lines = [line for line in lines if any(c.strip() for c in line)]
    if not lines:
        raise VoiceError("the file is empty", "file")
    header, *body = lines
    columns = {i: _HEADERS.get(header_key(h)) for i, h in enumerate(header)}
    missing = [c for c in _COLUMNS if c not in columns.values()]
    if missing:
        raise VoiceError(f"row 1: no column for {', '.join(missing)}", "file")
    if not body:
        raise VoiceError("the file has a header row but no results", "file")
    sources = {s.name.casefold(): s for s in plan.feedback_sources.all()}
    people = people_names(plan)
    errors: list[str] = []
    rows = []
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(body, start=2):
        row = {field_name: c.strip() for i, c in enumerate(cells) if (field_name := columns.get(i))}
        result = _parse_row(number, row, sources, people, today, errors)
        if result is None:
            continue
        key = (result.source.pk, result.question, result.period_end)
        if key in seen:
            errors.append(f"row {number}: the same source, question and period as row {seen[key]}")
        seen[key] = number
        rows.append(result)
    if errors:
        more = f" (and {len(errors) - _SHOWN} more)" if len(errors) > _SHOWN else ""
        raise VoiceError(f"{'; '.join(errors[:_SHOWN])}{more}; nothing imported", "file", errors)
    imported = Imported()
    with transaction.atomic():
        for r in rows:
            _, created = FeedbackResult.objects.update_or_create(
                source=r.source,
                question=r.question,
                period_end=r.period_end,
                defaults={
                    "period_start": r.period_start,
                    "responses": r.responses,
                    "positive": r.positive,
                    "imported_at": timezone.now(),
                },
            )
            imported.created += created
            imported.updated += not created
    return imported


# --- sources, themes, quotes ---------------------------------------------------------------


def add_source(plan: Plan, *, name: str, kind: str, description: str = "") -> FeedbackSource:
    name = name.strip()
    if plan.feedback_sources.filter(name__iexact=name).exists():
        raise VoiceError(f"The plan has a source called {name!r} already", "name")
    return FeedbackSource.objects.create(
        plan=plan, name=name, kind=kind, description=description.strip()
    )


# --- members' questions about feedback -----------------------------------------------------


def ask(
    source: FeedbackSource, *, user, question: str, at: dt.datetime | None = None
) -> FeedbackQuestion:
    """A member's question about the feedback; refused (as the page is) to those who may
    not challenge."""
    if not access.can(user, access.RAISE_CHALLENGE, source):
        raise PermissionDenied("you may not ask questions about this plan's feedback")
    return FeedbackQuestion.objects.create(
        source=source,
        question=question_text(source.plan, question),
        asked_by=user,
        asked_at=at or timezone.now(),
    )


def answer(
    q: FeedbackQuestion, *, user, text: str, at: dt.datetime | None = None
) -> FeedbackAnswer:
    if not access.can(user, access.ANSWER_CHALLENGE, q):
        raise PermissionDenied("you may not answer questions about this plan's feedback")
    return FeedbackAnswer.objects.create(
        question=q,
        text=answer_text(q.source.plan, text),
        answered_by=user,
        answered_at=at or timezone.now(),
    )


def add_theme(plan: Plan, *, name: str, summary: str = "") -> Theme:
    name = name.strip()
    if plan.voice_themes.filter(name__iexact=name).exists():
        raise VoiceError(f"The plan has a theme called {name!r} already", "name")
    check_identifiers(plan, {"name": ("The theme", name), "summary": ("The summary", summary)})
    return Theme.objects.create(plan=plan, name=name, summary=summary.strip())


def add_quote(
    theme: Theme,
    *,
    text: str,
    heard_on: dt.date,
    source: FeedbackSource | None = None,
    user=None,
    at: dt.datetime | None = None,
) -> Quote:
    """A short quote, checked for identifiers; if its words suggest a child may be at risk
    it is flagged and an alert queued for the safeguarding contact (once)."""
    text = " ".join(text.split())
    if not text:
        raise VoiceError("Enter the quote", "text")
    if len(text) > QUOTE_MAX:
        raise VoiceError(
            f"A quote is at most {QUOTE_MAX} characters: choose the words that say it", "text"
        )
    plan = theme.plan
    check_identifiers(plan, {"text": ("The quote", text)})
    if source is not None and source.plan_id != plan.pk:
        raise VoiceError("Choose one of the plan's feedback sources", "source")
    matches = risk_matches(text)
    with transaction.atomic():
        quote = Quote.objects.create(
            theme=theme,
            source=source,
            text=text,
            heard_on=heard_on,
            flagged=bool(matches),
            flag_reasons=sorted({m.category for m in matches}),
            created_by=user,
            created_at=at or timezone.now(),
        )
        if matches:
            contact = SafeguardingContact.objects.filter(plan=plan).first()
            SafeguardingAlert.objects.create(
                quote=quote,
                email=contact.email if contact else "",
                status=SafeguardingAlert.Status.PENDING
                if contact
                else SafeguardingAlert.Status.WAITING,
            )
            if contact:
                transaction.on_commit(queue_alerts)
    return quote


def set_contact(plan: Plan, *, name: str, email: str) -> SafeguardingContact:
    """Name the plan's safeguarding contact; alerts waiting for one go to them."""
    with transaction.atomic():
        contact, _ = SafeguardingContact.objects.update_or_create(
            plan=plan,
            defaults={"name": name.strip(), "email": email.strip(), "updated_at": timezone.now()},
        )
        waiting = SafeguardingAlert.objects.filter(
            quote__theme__plan=plan, status=SafeguardingAlert.Status.WAITING
        )
        if waiting.update(email=contact.email, status=SafeguardingAlert.Status.PENDING):
            transaction.on_commit(queue_alerts)
    return contact


def queue_alerts() -> None:
    from actionplan.voice.tasks import send_safeguarding_alerts

    send_safeguarding_alerts.enqueue()


def _alert_message(alert: SafeguardingAlert) -> EmailMessage:
    quote = alert.quote
    plan = quote.theme.plan
    url = reverse("voice:safeguarding", args=[plan.pk])
    text = "\n".join(
        [
            f"Dear {plan.safeguarding_contact.name},",
            "",
            "A quote from a child or family member, entered in actionplan, contains words "
            f"that suggest a child may be at risk ({', '.join(quote.flag_reasons)}).",
            "",
            f"Quote: \u201c{quote.text}\u201d",
            f"Source: {quote.source.name if quote.source else 'not stated'}",
            f"Heard on: {long_date(quote.heard_on)}",
            f"Theme: {quote.theme.name}",
            "",
            "The quote is kept out of board papers and exports. Please follow it up with the "
            "service that heard it, under your safeguarding procedures.",
            f"It is listed on the plan's safeguarding page: {url}",
            "",
            f"This message comes from actionplan, which runs {plan.title!r}.",
        ]
    )
    return EmailMessage(
        subject="Safeguarding: a quote that may show a child at risk",
        body=text,
        to=[alert.email],
        headers={"X-Actionplan-Safeguarding-Alert": str(alert.pk)},
    )


def deliver_alerts() -> int:
    """Send every pending alert once: each is claimed by a conditional UPDATE in the same
    transaction as its e-mail is handed over (as reminders are), so two workers, or a task
    run twice, send it once; a failed send is tried again, up to MAX_ATTEMPTS."""
    sent = 0
    while True:
        with write_transaction():
            pk = (
                SafeguardingAlert.objects.select_for_update(skip_locked=True)
                .filter(status=SafeguardingAlert.Status.PENDING)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                return sent
            claimed = SafeguardingAlert.objects.filter(
                pk=pk, status=SafeguardingAlert.Status.PENDING
            ).update(status=SafeguardingAlert.Status.SENT, sent_at=timezone.now())
            if not claimed:
                continue
            alert = SafeguardingAlert.objects.select_related(
                "quote__theme__plan__safeguarding_contact", "quote__source"
            ).get(pk=pk)
            try:
                _alert_message(alert).send()
            except Exception as e:  # the mail backend's failure: retried later
                # Never the quote or the address: the log says which alert, and why.
                logger.warning("safeguarding alert %s not sent: %s", pk, type(e).__name__)
                attempts = alert.attempts + 1
                SafeguardingAlert.objects.filter(pk=pk).update(
                    status=SafeguardingAlert.Status.FAILED
                    if attempts >= MAX_ATTEMPTS
                    else SafeguardingAlert.Status.PENDING,
                    sent_at=None,
                    attempts=attempts,
                    last_error=type(e).__name__,
                )
                return sent
            sent += 1


# --- you said, we did ----------------------------------------------------------------------


def save_you_said(
    plan: Plan,
    *,
    you_said: str,
    we_did: str,
    theme: Theme | None = None,
    actions=(),
    entry: YouSaidWeDid | None = None,
) -> YouSaidWeDid:
    you_said, we_did = you_said.strip(), we_did.strip()
    if not you_said:
        raise VoiceError("Write what children and families said", "you_said")
    if not we_did:
        raise VoiceError("Write what was done", "we_did")
    check_identifiers(plan, {"you_said": ("You said", you_said), "we_did": ("We did", we_did)})
    actions = list(actions)
    if any(a.recommendation.plan_id != plan.pk for a in actions):
        raise VoiceError("Choose actions of this plan", "actions")
    with transaction.atomic():
        if entry is None:
            order = (
                plan.you_said_we_did.order_by("-order").values_list("order", flat=True).first() or 0
            )
            entry = YouSaidWeDid(plan=plan, order=order + 1)
        entry.you_said, entry.we_did, entry.theme = you_said, we_did, theme
        entry.save()
        entry.links.exclude(action__in=actions).delete()
        have = set(entry.links.values_list("action_id", flat=True))
        YouSaidAction.objects.bulk_create(
            YouSaidAction(entry=entry, action=a) for a in actions if a.pk not in have
        )
    return entry


# --- retention -----------------------------------------------------------------------------


@transaction.atomic
def delete_old_quotes(today: dt.date) -> int:
    """Delete the quotes heard before the retention period (RETAIN_QUOTES_MONTHS), with
    their alerts. Themes, results and 'you said, we did' stay: they hold no quotes."""
    cutoff = today - relativedelta(months=settings.RETAIN_QUOTES_MONTHS)
    _, deleted = Quote.objects.filter(heard_on__lt=cutoff).delete()
    return deleted.get(Quote._meta.label, 0)


# --- for board papers ----------------------------------------------------------------------


@dataclass(frozen=True)
class PaperResult:
    question: str
    period: str  # "1 October 2012 to 31 March 2013"
    responses: int
    positive: Decimal  # % positive


@dataclass(frozen=True)
class PaperSource:
    name: str
    kind: str
    results: tuple[PaperResult, ...]


@dataclass(frozen=True)
class PaperFeedback:
    """What children and families said in a period, for a six-monthly performance report or
    a progress report: results by source, themes with quotes (never a flagged quote), and
    'you said, we did'."""

    start: dt.date
    end: dt.date
    sources: tuple[PaperSource, ...]
    themes: tuple[PaperTheme, ...]
    you_said_we_did: tuple[PaperYouSaid, ...] = field(default_factory=tuple)


def feedback_for_paper(plan: Plan, period: tuple[dt.date, dt.date]) -> PaperFeedback:
    """Results whose period ends in `period`, quotes heard in it (unflagged only), and every
    'you said, we did' entry written by its end."""
    start, end = period
    results = defaultdict(list)
    for r in (
        FeedbackResult.objects.filter(source__plan=plan, period_end__gte=start, period_end__lte=end)
        .select_related("source")
        .order_by("source__name", "question", "period_end")
    ):
        results[r.source].append(
            PaperResult(
                question=r.question,
                period=f"{long_date(r.period_start)} to {long_date(r.period_end)}",
                responses=r.responses,
                positive=r.positive,
            )
        )
    quotes = defaultdict(list)
    for q in Quote.objects.filter(
        theme__plan=plan, flagged=False, heard_on__gte=start, heard_on__lte=end
    ).order_by("heard_on", "pk"):
        quotes[q.theme_id].append(q.text)
    themes = [t for t in plan.voice_themes.order_by("name") if quotes.get(t.pk)]
    entries = plan.you_said_we_did.filter(created_at__date__lte=end).prefetch_related(
        "links__action__recommendation"
    )
    return PaperFeedback(
        start=start,
        end=end,
        sources=tuple(
            PaperSource(s.name, s.get_kind_display(), tuple(rs)) for s, rs in results.items()
        ),
        themes=tuple(PaperTheme(t.name, t.summary, tuple(quotes[t.pk])) for t in themes),
        you_said_we_did=tuple(
            PaperYouSaid(
                e.you_said,
                e.we_did,
                tuple(action_label(link.action, 0) for link in e.links.all()),
            )
            for e in entries
        ),
    )
