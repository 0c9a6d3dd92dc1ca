"""From an event (actionplan.core.events) to the notifications it owes: who is told, by
their choice, with what words. A row per person in the event's own transaction; each
immediate one is queued for the worker in that transaction too (the task queue is a
table of the same database), so an event that rolls back queues nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction

from actionplan.accounts.models import Role
from actionplan.core import events
from actionplan.notifications import messages
from actionplan.notifications.models import DEFAULTS, Choice, Kind, Notification, Preference
from actionplan.plans.models import ActionParty, ProgressRecord

Source = ProgressRecord.Source


def connect() -> None:
    for signal, receiver in (
        (events.question_asked, _question_asked),
        (events.question_answered, _question_answered),
        (events.completion_proposed, _completion_proposed),
        (events.completion_decided, _completion_decided),
        (events.party_assigned, _party_assigned),
        (events.paper_issued, _paper_issued),
    ):
        signal.connect(receiver, dispatch_uid=f"notifications-{receiver.__name__}")


def choices_of(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each person's choice for `kind`: theirs, else the default."""
    ids = list(user_ids)
    chosen = dict(
        Preference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "choice")
    )
    return {pk: chosen.get(pk, DEFAULTS[kind]) for pk in ids}


def notify(
    users: Iterable, *, plan_id: int, kind: str, key: str, subject: str, text: str, at=None
) -> list[Notification]:
    """Owe each of `users` (with an address, still active) one notification of this event,
    as they chose; return those made now (an event seen again makes none)."""
    from actionplan.notifications.tasks import send_notification

    people = {u.pk: u for u in users if u is not None and u.is_active and u.email}
    made = []
    for user_id, choice in choices_of(people, kind).items():
        if choice == Choice.OFF:
            continue
        fields = {"plan_id": plan_id, "kind": kind, "subject": subject, "text": text}
        if at is not None:
            fields["happened_at"] = at
        with transaction.atomic():
            row, created = Notification.objects.get_or_create(
                user_id=user_id, key=key, defaults={**fields, "delivery": choice}
            )
        if created:
            made.append(row)
            if choice == Choice.IMMEDIATELY:
                send_notification.enqueue(row.pk)
    return made


def _members(plan_id: int, **which) -> list:
    users = get_user_model().objects.filter(
        memberships__plan_id=plan_id, **{f"memberships__{k}": v for k, v in which.items()}
    )
    return list(users.distinct())


def _but(users: list, actor) -> list:
    """Nobody is told of what they did themselves."""
    return [u for u in users if actor is None or u.pk != actor.pk]


def _about(challenge) -> tuple[str, str]:
    """What a question is about, in words, and the link to the page that shows it."""
    if challenge.action_id:
        return messages.about_action(challenge.action), messages.action_link(challenge.action)
    rec = challenge.recommendation
    return messages.about_recommendation(rec), messages.recommendation_link(rec)


def _question_asked(sender, challenge, backdated=False, **kwargs) -> None:
    if backdated:
        return
    if challenge.action_id:
        leads = ActionParty.objects.filter(action=challenge.action, role=ActionParty.Role.LEAD)
        to = _members(challenge.plan_id, party__in=leads.values("party_id"))
    else:
        owners = challenge.recommendation.overall_responsibility.values("pk")
        to = _members(challenge.plan_id, party__in=owners) or _members(
            challenge.plan_id, role=Role.IMPROVEMENT_LEAD
        )
    about, url = _about(challenge)
    who = messages.name_of(challenge.asked_by)
    notify(
        _but(to, challenge.asked_by),
        plan_id=challenge.plan_id,
        kind=Kind.QUESTION_RAISED,
        key=f"question:{challenge.pk}",
        subject=f"A question from {who}",
        text=f"{who} asked a question about {about}.\n\nRead and answer it: {url}",
        at=challenge.asked_at,
    )


def _question_answered(sender, answer, backdated=False, **kwargs) -> None:
    if backdated:
        return
    challenge = answer.challenge
    about, url = _about(challenge)
    who = messages.name_of(answer.answered_by)
    notify(
        _but([challenge.asked_by], answer.answered_by),
        plan_id=challenge.plan_id,
        kind=Kind.QUESTION_ANSWERED,
        key=f"answer:{answer.pk}",
        subject=f"{who} answered your question",
        text=f"{who} answered your question about {about}.\n\nRead the answer: {url}",
        at=answer.answered_at,
    )


def _completion_proposed(sender, record, backdated=False, **kwargs) -> None:
    if backdated:
        return
    action = record.action
    plan_id = action.recommendation.plan_id
    who = messages.name_of(record.author)
    notify(
        _but(_members(plan_id, role=Role.IMPROVEMENT_LEAD), record.author),
        plan_id=plan_id,
        kind=Kind.COMPLETION_PROPOSED,
        key=f"proposal:{record.pk}",
        subject=f"A completion to sign off: action {messages.label(action)}",
        text=f"{who} proposed {messages.about_action(action)} as complete, with evidence of "
        f"its impact.\n\nSign it off or return it: {messages.action_link(action)}",
        at=record.created_at,
    )


def _completion_decided(sender, record, backdated=False, **kwargs) -> None:
    if backdated:
        return
    action = record.action
    proposal = (
        ProgressRecord.objects.filter(
            action=action, source=Source.PROPOSAL, created_at__lte=record.created_at
        )
        .exclude(pk=record.pk)
        .select_related("author")
        .order_by("-created_at", "-pk")
        .first()
    )
    if proposal is None:
        return
    who = messages.name_of(record.author)
    about = messages.about_action(action)
    if record.source == Source.SIGN_OFF:
        subject = f"Completion signed off: action {messages.label(action)}"
        text = f"{who} signed off the completion you proposed of {about}."
    else:
        subject = f"Completion returned: action {messages.label(action)}"
        text = f"{who} returned the completion you proposed of {about}, saying why."
    notify(
        _but([proposal.author], record.author),
        plan_id=action.recommendation.plan_id,
        kind=Kind.COMPLETION_DECIDED,
        key=f"decision:{record.pk}",
        subject=subject,
        text=f"{text}\n\nRead it: {messages.action_link(action)}",
        at=record.created_at,
    )


def _party_assigned(sender, action_party, backdated=False, **kwargs) -> None:
    if backdated or action_party.role not in (ActionParty.Role.LEAD, ActionParty.Role.PARTNER):
        return
    action = action_party.action
    plan_id = action.recommendation.plan_id
    actor = getattr(action_party, "_history_user", None)
    role = "a lead" if action_party.role == ActionParty.Role.LEAD else "a partner"
    notify(
        _but(_members(plan_id, party_id=action_party.party_id), actor),
        plan_id=plan_id,
        kind=Kind.ASSIGNED,
        key=f"assigned:{action_party.pk}",
        subject=f"{action_party.party.name} is {role} of action {messages.label(action)}",
        text=f"{messages.name_of(actor)} named {action_party.party.name} {role} of "
        f"{messages.about_action(action)}.\n\nSee the action: {messages.action_link(action)}",
    )


def _paper_issued(sender, paper, backdated=False, **kwargs) -> None:
    if backdated:
        return
    title = messages.paper_title(paper)
    notify(
        _but(_members(paper.plan_id, role=Role.MEMBER), paper.issued_by),
        plan_id=paper.plan_id,
        kind=Kind.PAPER_ISSUED,
        key=f"paper:{paper.pk}",
        subject=f"Paper issued: {paper.body.abbreviation or paper.body.name}",
        text=f"{messages.name_of(paper.issued_by)} issued {title}.\n\n"
        f"Read it: {messages.paper_link(paper)}",
        at=paper.issued_at,
    )
