"""Models of the plan-interchange JSON (version SCHEMA_VERSION).

Field names in the issue's list are fixed; the extra fields carry what the document said
(original text, where it was) so nothing the council wrote is lost on the way in.
Dates are `datetime.date` and serialise as ISO 8601. A `due` is the last day of the
period the text states; `start` is its first day.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class PartyKind(StrEnum):
    PERSON = "person"
    ROLE = "role"
    GROUP = "group"
    ORGANISATION = "organisation"


class Period(_Model):
    start: dt.date | None = None
    end: dt.date | None = None


class Timescale(_Model):
    key: str = Field(description="immediate, short, medium, long, or a slug of the label")
    label: str
    due: dt.date | None = None
    text: str = Field("", description="the definition as the document gives it")


class Cover(_Model):
    """The covering report that took the plan to a committee, when the document has one."""

    title: str = ""
    committee: str = ""
    date: dt.date | None = None
    author: str = ""
    author_role: str = ""
    recommendations: list[str] = Field(
        default_factory=list,
        description="the inspection's recommendations as the report lists them",
    )


class RagKey(_Model):
    """One line of the plan's own RAG key: what a colour or a status word means there."""

    label: str = Field(description="the word or phrase the plan uses: 'On Track', 'Red'")
    rag: str = Field(description="red, amber, green or blue")
    colour: str | None = Field(None, description="the key's colour (RRGGBB), if it shows one")
    text: str = Field("", description="the definition as written")


class PlanInfo(_Model):
    title: str
    organisation: str = ""
    lead_body: str = ""
    period: Period = Field(default_factory=Period)
    timescales: list[Timescale] = Field(default_factory=list)
    inspection: str = ""
    inspectorate: str = ""
    cover: Cover | None = None
    strategic_lead: str = Field("", description="who answers for the whole plan, as written")
    objectives: list[str] = Field(
        default_factory=list, description="the plan's stated objectives, from its front matter"
    )
    rag_key: list[RagKey] = Field(
        default_factory=list, description="the plan's RAG key or legend, when it has one"
    )
    front_matter: list[str] = Field(
        default_factory=list,
        description="the lines above the plan's first table or header row, as written",
    )


class Person(_Model):
    name: str = Field(description="the fullest form of the name the document gives")
    aliases: list[str] = Field(default_factory=list, description="other forms, initials, fragments")
    role: str = ""
    organisation: str = ""


class Body(_Model):
    abbreviation: str = ""
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str = Field("", description="board, committee, management team, officer, members")


class Party(_Model):
    """A lead or partner: a person, a role, a group or an organisation."""

    name: str
    kind: PartyKind
    text: str = Field("", description="how the document wrote it, when that differs from name")
    organisation: str = Field(
        "", description="the organisation the document places them in: 'Jo Bloggs (Police)'"
    )


class Milestone(_Model):
    text: str
    due: dt.date | None = None
    precision: str | None = None
    start: dt.date | None = None
    frequency: str | None = None


class Reporting(_Model):
    text: str
    body: str | None = Field(
        None, description="the body's abbreviation, or its name if it has none"
    )
    due: dt.date | None = None
    frequency: str | None = None
    precision: str | None = None
    start: dt.date | None = None


class CrossReference(_Model):
    recommendation: str
    text: str = ""


class Progress(_Model):
    as_at: dt.date | None = None
    status: str | None = None
    rag: str | None = Field(None, description="red, amber, green or blue")
    percent_complete: int | None = None
    text: str = ""
    rag_colour: str | None = Field(
        None, description="the cell colour (RRGGBB) the RAG was read from, when it was"
    )


class Action(_Model):
    ref: str | None = Field(None, description="unique within the recommendation, e.g. 4a, B.2(a)")
    parent_ref: str | None = None
    text: str
    resources: str = ""
    leads: list[Party] = Field(default_factory=list)
    partners: list[Party] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    reporting: list[Reporting] = Field(default_factory=list)
    cross_references: list[CrossReference] = Field(default_factory=list)
    progress: list[Progress] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # What the document said, and where.
    number: str | None = Field(None, description="the action's own label as written, e.g. '2 (a)'")
    ref_inferred: bool = Field(False, description="the document gave no number; ref is inferred")
    part: str | None = None
    phase: str | None = None
    due: dt.date | None = Field(None, description="an end date stated with the action itself")
    start: dt.date | None = Field(None, description="when the action starts, if the plan says")
    objective: str | None = Field(
        None, description="the number of the recommendation's objective this action serves"
    )
    steps: list[str] = Field(
        default_factory=list, description="the bullet list in the action's cell, one per step"
    )
    success_criteria: str = Field(
        "", description="how the plan will know the action worked (Outcome, Impact, ...)"
    )
    indicators: list[str] = Field(
        default_factory=list, description="the performance indicators (KPIs) the plan names"
    )
    status_text: str = Field(
        "", description="a status written where a date was expected: Ongoing, Complete, TBC"
    )
    mentions: list[Party] = Field(
        default_factory=list, description="people named in the action's text"
    )
    extra: dict[str, str] = Field(
        default_factory=dict, description="columns the importer did not map, by their header"
    )
    lead_text: str = ""
    partners_text: str = ""
    milestones_text: str = ""
    reporting_text: str = ""
    where: str = ""


class Objective(_Model):
    """The middle level of a plan with three (priority > objective > action)."""

    number: str
    title: str
    where: str = ""


class Recommendation(_Model):
    number: str
    title: str
    timescale: str | None = Field(None, description="the key of one of the plan's timescales")
    overall_responsibility: list[Party] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    objectives: list[Objective] = Field(
        default_factory=list, description="objectives between it and its actions, if any"
    )
    overview: list[str] = Field(default_factory=list)
    cross_references: list[CrossReference] = Field(default_factory=list)
    where: str = ""


class Warning(_Model):
    where: str = Field(description="e.g. 'Recommendation 1, action 4a' or 'line 57'")
    message: str
    recommendation: str | None = None
    action: str | None = None
    text: str = Field("", description="the text the warning is about")


class Source(_Model):
    file: str = ""
    format: str = Field("", description="text, docx, xlsx, csv or json")


class PlanDocument(_Model):
    """One whole plan: the root of the interchange JSON."""

    schema_version: str = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    plan: PlanInfo
    people: list[Person] = Field(default_factory=list)
    bodies: list[Body] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> PlanDocument:
        return cls.model_validate_json(text)
