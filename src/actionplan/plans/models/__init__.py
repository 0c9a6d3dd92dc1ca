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

- `plan`: the council, its plans, timescales, parties and bodies;
- `actions`: recommendations, objectives, actions, milestones and reporting lines;
- `records`: what is written about a plan: progress, imports, saved layouts, corrections;
- `base`: the append-only record both progress and corrections are.
"""

from .actions import (
    ADDED_KEY_PREFIX,
    Action,
    ActionParty,
    CrossReference,
    Milestone,
    Objective,
    Recommendation,
    ReportingRequirement,
    Responsibility,
)
from .base import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet, PlanLookupError
from .plan import Body, Organisation, Party, Plan, PlanBody, PlanPerson, PlanQuerySet, Timescale
from .records import (
    Correction,
    ImportRun,
    ImportWarning,
    PendingImport,
    ProgressRecord,
    SavedLayout,
)

__all__ = [
    "ADDED_KEY_PREFIX",
    "Action",
    "ActionParty",
    "AppendOnlyError",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "Body",
    "Correction",
    "CrossReference",
    "ImportRun",
    "ImportWarning",
    "Milestone",
    "Objective",
    "Organisation",
    "Party",
    "PendingImport",
    "Plan",
    "PlanBody",
    "PlanLookupError",
    "PlanPerson",
    "PlanQuerySet",
    "ProgressRecord",
    "Recommendation",
    "ReportingRequirement",
    "Responsibility",
    "SavedLayout",
    "Timescale",
]
