"""The council, its plans and their vocabulary: timescales, the people, roles, groups and
organisations a plan names (parties) and the boards it reports to (bodies)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from .base import PlanLookupError


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
