"""Case-file audits: the programme, the tools, each audited case, moderation, findings.

A case is held by its pseudonymous case reference only: no name, date of birth or other
identifier, in any field (the identifier check refuses them, docs/privacy.md). After the
retention period the free text of a case audit is removed and its reference replaced, and
only its grades stay, for the findings and indicators that count them (retention.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from actionplan.audits import grading
from actionplan.audits.quarters import Quarter, quarter_of
from actionplan.audits.tools import Tool, parse_tool
from actionplan.indicators.models import Indicator
from actionplan.plans.models import Action, AppendOnlyModel, Body, Party, Plan, Recommendation


class AuditTool(models.Model):
    """A council's audit form for a plan. What it asks is in its versions: an audit keeps
    the version each case was audited with."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="audit_tools")
    name = models.TextField()
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="audittool_unique")]

    def __str__(self) -> str:
        return self.name

    def current(self) -> ToolVersion:
        return self.versions.latest("number")  # a tool is made with its first version


class ToolVersion(models.Model):
    """What a tool asked from a moment on. Never changed once a case has used it."""

    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.TextField(help_text="the tool as text (audits/tools.py)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["tool", "number"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="toolversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.tool} (version {self.number})"

    def spec(self) -> Tool:
        return parse_tool(self.definition)

    @property
    def used(self) -> bool:
        return self.case_audits.exists()


class Audit(models.Model):
    """One audit in the programme: a theme audited in a quarter, on a sample of cases, by
    named auditors, with named moderators, meant to evidence some of the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="audits")
    title = models.TextField(help_text="the theme, e.g. 'Quality of child in need plans'")
    scope = models.TextField(blank=True)
    quarter_start = models.DateField(help_text="the first day of the financial quarter")
    due = models.DateField(help_text="when the audit's cases should all be audited")
    sample_size = models.PositiveSmallIntegerField()
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="audits")
    report_to = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits"
    )
    auditors = models.ManyToManyField(Party, related_name="audits_to_do", blank=True)
    moderators = models.ManyToManyField(Party, related_name="audits_to_moderate", blank=True)
    recommendations = models.ManyToManyField(Recommendation, related_name="audits", blank=True)
    actions = models.ManyToManyField(Action, related_name="audits", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["plan", "quarter_start", "due", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def quarter(self) -> Quarter:
        return quarter_of(self.quarter_start)

    @property
    def complete(self) -> bool:
        return self.completed_at is not None


class CaseAudit(models.Model):
    """One audited case, by its pseudonymous case reference. `tool_version` is the version
    of the tool it was audited with; `answers` maps each question's key to its answer."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="cases")
    tool_version = models.ForeignKey(
        ToolVersion, on_delete=models.PROTECT, related_name="case_audits"
    )
    case_reference = models.CharField(max_length=30)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    audited_on = models.DateField()
    answers = models.JSONField(default=dict)
    overall_grade = models.CharField(max_length=30)
    strengths = models.TextField(blank=True)
    improvements = models.TextField(blank=True, verbose_name="areas to improve")
    team_actions = models.TextField(blank=True, verbose_name="actions for the case's team")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="when its free text was removed after the retention period"
    )

    class Meta:
        ordering = ["audit", "audited_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "case_reference"], name="caseaudit_one_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_reference} ({self.audit})"

    def latest_moderation(self) -> Moderation | None:
        """The moderation in force: the latest. Read from the prefetched moderations when a
        page loaded them, so a list of cases costs no query per case."""
        return max(self.moderations.all(), key=lambda m: (m.created_at, m.pk), default=None)

    def grades(self) -> dict[str, str]:
        """Every question's answer and the overall grade (key grading.OVERALL), with the
        moderator's changes where the case has been moderated."""
        mine = {**self.answers, grading.OVERALL: self.overall_grade}
        moderation = self.latest_moderation()
        moderated = {k: pair[1] for k, pair in moderation.grades.items()} if moderation else {}
        return grading.effective(mine, moderated)


class Moderation(AppendOnlyModel):
    """A second reviewer's view of a case audit: for each grade, the one they saw and the
    one they give (the same where they agree), and why. A later moderation adds a record."""

    case_audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="moderations")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    grades = models.JSONField(help_text="key -> [the grade moderated, the moderator's grade]")
    agreed = models.BooleanField(help_text="the moderator kept every grade")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["case_audit", "created_at", "id"]

    def __str__(self) -> str:
        return f"moderation of {self.case_audit}"

    def changed(self) -> dict[str, tuple[str, str]]:
        return {k: (a, b) for k, (a, b) in self.grades.items() if a != b}


class Finding(models.Model):
    """A theme or a learning point of an audit, linked to the plan's actions it bears on,
    or made into a new action."""

    class Kind(models.TextChoices):
        THEME = "theme"
        LEARNING = "learning", "learning point"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    actions = models.ManyToManyField(
        Action, through="FindingAction", related_name="findings", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["audit", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class FindingAction(models.Model):
    """A finding's link to an action. PROTECT, so that a re-import retires rather than
    deletes an action a finding points at."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="links")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="finding_links")
    made_from_finding = models.BooleanField(default=False)

    class Meta:
        # In the plan's order, as the action pages list them.
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["finding", "action"], name="findingaction_unique")
        ]

    def __str__(self) -> str:
        return f"{self.finding} → {self.action}"


class MemberQuestion(AppendOnlyModel):
    """A member's question (challenge), never changed: about an audit's findings here, and
    about a feedback source in voice. Subclasses add what it is about and their ordering."""

    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.question[:60]


class OfficerAnswer(AppendOnlyModel):
    """An officer's answer to a MemberQuestion; subclasses add the `question` it answers."""

    text = models.TextField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text[:60]


class AuditQuestion(MemberQuestion):
    """A member's question (challenge) about an audit's findings."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="questions")

    class Meta:
        ordering = ["audit", "asked_at", "id"]


class AuditAnswer(OfficerAnswer):
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="answers")

    class Meta:
        ordering = ["question", "answered_at", "id"]


class AuditMeasure(models.Model):
    """An indicator whose values come from the plan's completed audits: the share of
    audited cases graded good or better, or answering yes to a question (by its key, in
    whichever version of whichever tool asked it)."""

    class Measure(models.TextChoices):
        GOOD_OR_BETTER = "good_or_better", "% of audited cases graded good or better overall"
        ANSWER_YES = "answer_yes", "% of audited cases answering yes to a question"

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="audit_measure"
    )
    measure = models.CharField(max_length=20, choices=Measure.choices)
    question_key = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_measure_display()}"
