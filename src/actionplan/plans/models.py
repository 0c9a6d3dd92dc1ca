"""The plan as stored: one table per thing a council's plan is made of.

Text that comes from the document is kept as the document wrote it (TextField: a plan's
cells have no length limit), next to what was made of it (dates, links to people and
bodies). The plan-interchange model (actionplan.interchange) is the contract: services.py
turns a PlanDocument into these rows and exporting.py turns them back.

The plan's structure (plan, recommendations, owners, actions, leads and partners,
milestones, reporting lines) keeps its history with django-simple-history: every version
of every row, who saved it and when, so the plan can be read as it stood on any date
(docs/adr/0005-history-and-as-at.md). Progress records are append-only instead: each one
is a dated, signed entry that nothing changes or deletes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actionplan.core.errors import UserError


class PlanLookupError(UserError):
    """No plan, or more than one, answers to what the user typed."""


class AppendOnlyError(Exception):
    """Code tried to change or delete a record that is kept as it was written."""


class AppendOnlyQuerySet(models.QuerySet):
    def _refuse(self, *args, **kwargs):
        raise AppendOnlyError(
            f"{self.model._meta.verbose_name_plural} are never changed or deleted: add a new one"
        )

    update = delete = bulk_update = _refuse


class AppendOnlyModel(models.Model):
    """A record that is only ever added: a correction is a new record."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(
                f"a {self._meta.verbose_name} is never changed: add a new one instead"
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"a {self._meta.verbose_name} is never deleted")


class Organisation(models.Model):
    """A council (or other body) that owns plans, people and bodies."""

    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PlanQuerySet(models.QuerySet["Plan"]):
    def identify(self, text: str) -> Plan:
        """The one plan whose id is `text`, or whose title contains it (any case)."""
        text = text.strip()
        if text.isdigit():
            try:
                return self.get(pk=int(text))
            except self.model.DoesNotExist:
                raise PlanLookupError(f"there is no plan with id {text}") from None
        matches = list(self.filter(title__icontains=text)[:6]) if text else []
        if not matches:
            raise PlanLookupError(f"no plan's title contains {text!r}")
        if len(matches) > 1:
            names = "; ".join(f"{p.pk}: {p.title}" for p in matches[:5])
            raise PlanLookupError(f"{text!r} matches more than one plan ({names}): give its id")
        return matches[0]


class Plan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    title = models.TextField()
    inspection = models.TextField(blank=True)
    inspectorate = models.TextField(blank=True)
    lead_body = models.TextField(blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    cover = models.JSONField(null=True, blank=True, help_text="the covering report, if any")
    opens_as_at = models.DateField(
        null=True,
        blank=True,
        help_text="the date its pages open on when none is asked for, not today: the demo's, "
        "in its story",
    )
    # The plan's front matter, as the document wrote it (interchange PlanInfo).
    strategic_lead = models.TextField(blank=True)
    objectives = models.JSONField(default=list, blank=True)
    rag_key = models.JSONField(default=list, blank=True)
    front_matter = models.JSONField(default=list, blank=True)
    source_file = models.TextField(blank=True)
    source_format = models.TextField(blank=True)
    schema_version = models.TextField(blank=True)
    people: models.ManyToManyField[Party, PlanPerson] = models.ManyToManyField(
        "Party", through="PlanPerson", related_name="plans"
    )
    bodies: models.ManyToManyField[Body, PlanBody] = models.ManyToManyField(
        "Body", through="PlanBody", related_name="plans"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        # Two plans of a council may share a title and start date: an import never matches
        # a plan its importer does not lead (plans.services.store_plan).
        ordering = ["organisation__name", "-period_start", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Timescale(models.Model):
    """A timescale category the plan defines, e.g. Short term: by March 2013."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="timescales")
    key = models.TextField()
    label = models.TextField()
    due = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="timescale_unique_key")]

    def __str__(self) -> str:
        return self.label


class Party(models.Model):
    """Anyone a plan names as lead, partner or owner: a person, a role, a group or an
    organisation. Kept per organisation, so one person is one row across its plans."""

    class Kind(models.TextChoices):
        PERSON = "person"
        ROLE = "role"
        GROUP = "group"
        ORGANISATION = "organisation"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.TextField()
    aliases = models.JSONField(default=list, blank=True)
    job_role = models.TextField(blank=True)
    employer = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation", "kind", "name"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "name"], name="party_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Body(models.Model):
    """A board, committee or team that plans report to: CYPLT, the LSCB, scrutiny."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bodies")
    abbreviation = models.TextField(blank=True)
    name = models.TextField()
    aliases = models.JSONField(default=list, blank=True)
    kind = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="body_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class PlanPerson(models.Model):
    """The people a plan's document names, in its order."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_people")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "party"], name="planperson_unique")]

    def __str__(self) -> str:
        return f"{self.party} in {self.plan}"


class PlanBody(models.Model):
    """The bodies a plan's document names, in its order."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_bodies")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "body"], name="planbody_unique")]

    def __str__(self) -> str:
        return f"{self.body} in {self.plan}"


class Recommendation(models.Model):
    """One of the inspection's recommendations, as the plan numbers it (1.0, 2.0, ...)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.TextField()
    title = models.TextField()
    timescale = models.ForeignKey(
        Timescale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    overview = models.JSONField(default=list, blank=True)
    where = models.TextField(blank=True)
    retired = models.BooleanField(
        default=False, help_text="gone from the latest import but kept for its progress records"
    )
    overall_responsibility = models.ManyToManyField(
        Party, through="Responsibility", related_name="responsible_for"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="recommendation_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Responsibility(models.Model):
    """Who has overall responsibility for a recommendation."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responsibilities"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True, help_text="as the document wrote it, if different")
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "order", "pk"]
        verbose_name_plural = "responsibilities"

    def __str__(self) -> str:
        return str(self.party)


class Objective(models.Model):
    """The middle level of a plan with three (priority > objective > action): an
    objective of a recommendation, which some of its actions serve."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.TextField()
    title = models.TextField()
    where = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "number"], name="objective_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


# The key of an action added in the service rather than read from a document (one made
# from an audit's finding): a document never has it, so re-importing leaves the action be.
ADDED_KEY_PREFIX = "added-"


class Action(models.Model):
    """A key action. `key` identifies it within its recommendation from one import to the
    next: the document's ref when it has a unique one, otherwise its position (or, for an
    action added in the service, ADDED_KEY_PREFIX and a number)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    key = models.TextField()
    ref = models.TextField(blank=True)
    number = models.TextField(blank=True, help_text="the label as written, e.g. '2 (a)'")
    ref_inferred = models.BooleanField(default=False)
    part = models.TextField(blank=True)
    phase = models.TextField(blank=True)
    text = models.TextField()
    resources = models.TextField(blank=True)
    due = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    lead_text = models.TextField(blank=True)
    partners_text = models.TextField(blank=True)
    milestones_text = models.TextField(blank=True)
    reporting_text = models.TextField(blank=True)
    where = models.TextField(blank=True)
    extra = models.JSONField(
        default=dict, blank=True, help_text="columns the importer did not map, by their header"
    )
    success_criteria = models.TextField(
        blank=True, help_text="how the plan will know the action worked"
    )
    steps = models.JSONField(default=list, blank=True, help_text="its steps, in order")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    retired = models.BooleanField(
        default=False, help_text="gone from the latest import but kept for its progress records"
    )
    parties = models.ManyToManyField(Party, through="ActionParty", related_name="actions")
    version = models.PositiveIntegerField(
        default=1, help_text="counts saved changes, so that a stale edit can be refused"
    )
    # The version is bookkeeping for optimistic locking, not something that changed.
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["recommendation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "key"], name="action_unique_key")
        ]
        indexes = [models.Index(fields=["due"], name="action_due")]

    def __str__(self) -> str:
        label = self.ref or f"#{self.order}"
        return f"{label} {self.text[:60]}"


class ActionParty(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead"
        PARTNER = "partner"
        MENTION = "mention", "mentioned"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="action_parties")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="action_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    text = models.TextField(blank=True, help_text="as the document wrote it, if different")
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "role", "order", "pk"]
        verbose_name = "lead or partner"
        verbose_name_plural = "leads and partners"
        indexes = [models.Index(fields=["party", "role"], name="actionparty_party_role")]

    def __str__(self) -> str:
        return f"{self.party} ({self.role})"


class _Dated(models.Model):
    """A line of a milestones or reporting cell: its text and the dates read from it."""

    text = models.TextField()
    due = models.DateField(null=True, blank=True)
    start = models.DateField(null=True, blank=True)
    precision = models.TextField(blank=True)
    frequency = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text


class Milestone(_Dated):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    done_on = models.DateField(
        null=True, blank=True, help_text="the day it was met, as its lead officer reported"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "order", "pk"]
        indexes = [models.Index(fields=["due"], name="milestone_due")]


class ReportingRequirement(_Dated):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reporting")
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="reporting"
    )
    body_label = models.TextField(blank=True, help_text="the body as the document named it")
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "order", "pk"]
        indexes = [models.Index(fields=["due"], name="reporting_due")]


class CrossReference(models.Model):
    """'See Recommendation 6.0': from a recommendation (or one of its actions) to another.
    The number is kept as written: the document may name a recommendation it does not have."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="cross_references"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="cross_references"
    )
    target = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    target_number = models.TextField()
    text = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["recommendation", "action", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation.number} → {self.target_number}"


class ProgressRecord(AppendOnlyModel):
    """What was reported about an action, as at a date: the one table of progress updates,
    imported or entered. Append-only: a correction is a new record, and an action with
    records is retired rather than deleted. The latest record (by as_at, then by when it
    was written) gives the action's status."""

    class Source(models.TextChoices):
        IMPORT = "import", "imported with the plan"
        UPDATE = "update", "progress update"
        PROPOSAL = "proposal", "completion proposed"
        SIGN_OFF = "sign_off", "completion signed off"
        RETURN = "return", "completion returned"
        REOPEN = "reopen", "reopened"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="progress")
    as_at = models.DateField(null=True, blank=True, help_text="the date the record speaks for")
    status = models.TextField(
        blank=True, help_text="a status key (monitoring.statuses); imports keep their words"
    )
    rag = models.TextField(blank=True, help_text="the colour an imported document gave it")
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, verbose_name="narrative")
    next_steps = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.IMPORT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="who wrote it; empty for imported records",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["action", "id"]
        verbose_name = "progress record"
        indexes = [models.Index(fields=["action", "as_at"], name="progress_action_as_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="progress_percent_to_100"
            )
        ]

    def __str__(self) -> str:
        when = self.as_at.isoformat() if self.as_at else "undated"
        return f"{when}: {self.rag or self.status or self.text[:40]}"


class ImportWarning(models.Model):
    """Something the importer noticed. Replaced by each import. One attached to an action
    is that action's own note; the others are the plan's."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="import_warnings")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="import_warnings"
    )
    where = models.TextField(blank=True)
    message = models.TextField()
    recommendation_number = models.TextField(blank=True)
    action_ref = models.TextField(blank=True)
    text = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ImportRun(models.Model):
    """A record of every import of a plan, with what it changed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="import_runs")
    file = models.TextField(blank=True)
    format = models.TextField(blank=True)
    started_at = models.DateTimeField()
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file or 'import'} at {self.started_at:%Y-%m-%d %H:%M}"


class PendingImport(models.Model):
    """An uploaded plan file, kept so the preview can show it and confirm can store it
    without a second upload. Confirming stores it once: `plan` is set, and a repeated
    confirm (a double click, the back button) goes to that plan instead of storing again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The layout the user chose on the preview (Layout.to_json()); "" while they have chosen
    # none, when a saved layout of their council, or the importer's guesses, read the file.
    layout = models.TextField(blank=True, default="")

    class Meta:
        # Made in core before it moved here (docs/adr/0020-layers.md): the table kept its name.
        db_table = "core_pendingimport"
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.filename


class SavedLayout(models.Model):
    """How a council's plan file is laid out, as a person confirmed it on the import page
    (importing.layout.Layout as JSON): found again by the header row's signature when the
    next file of that layout is uploaded for the same council, and never for another."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="saved_layouts"
    )
    signature = models.TextField()  # importing.layout.signature of the header row
    layout = models.TextField()  # Layout.to_json()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "signature"], name="one_layout_per_header"
            )
        ]
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.signature[:60]}"


class Correction(AppendOnlyModel):
    """A correction made by hand to something an import read: what, from what to what, who
    and why (plans.corrections). Bodies, people, meetings and reminder settings keep no
    versions of their own, so this is their history; the plan's structure records the same
    change in its versions too (docs/adr/0029-corrections.md)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="corrections"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    subject = models.TextField(help_text="what was corrected: a body, a party, a meeting...")
    object_id = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(help_text="what changed, from what to what")
    reason = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organisation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.subject}: {self.summary}"
