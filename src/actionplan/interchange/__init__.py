"""The plan-interchange format: what `parse --json` and `export --format json` print.

Pure Python (pydantic, no Django). The JSON Schema in docs/interchange.schema.json is
generated from these models; a test keeps the two in step.
"""

from actionplan.interchange.model import (
    SCHEMA_VERSION,
    Action,
    Body,
    Cover,
    CrossReference,
    Milestone,
    Objective,
    Party,
    PartyKind,
    Period,
    Person,
    PlanDocument,
    PlanInfo,
    Progress,
    RagKey,
    Recommendation,
    Reporting,
    Source,
    Timescale,
    Warning,
)

__all__ = [
    "SCHEMA_VERSION",
    "Action",
    "Body",
    "Cover",
    "CrossReference",
    "Milestone",
    "Objective",
    "Party",
    "PartyKind",
    "Period",
    "Person",
    "PlanDocument",
    "PlanInfo",
    "Progress",
    "RagKey",
    "Recommendation",
    "Reporting",
    "Source",
    "Timescale",
    "Warning",
]
