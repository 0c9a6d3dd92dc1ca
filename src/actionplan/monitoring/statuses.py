"""The delivery statuses of an action, kept apart from its RAG colour (see rag.py).

Pure Python: no Django. Status keys are what the database stores and what the importer's
`actionplan.importing.progress` maps a council's words to.
"""

from __future__ import annotations

from actionplan.importing.progress import status_of

NOT_STARTED = "not_started"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
AWAITING_SIGN_OFF = "completed_awaiting_sign_off"
COMPLETE = "complete"
CLOSED = "closed_not_completed"

LABELS = {
    NOT_STARTED: "Not started",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    AWAITING_SIGN_OFF: "Completed – awaiting sign-off",
    COMPLETE: "Complete",
    CLOSED: "Closed – not completed",
}

# What an ordinary progress update may say. Completion goes through a proposal and the
# improvement lead's decision instead, so that "complete" always means signed off.
UPDATE_STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, CLOSED)
# The work is over (or handed over for sign-off): its milestones can no longer fall due.
FINISHED = (AWAITING_SIGN_OFF, COMPLETE, CLOSED)


def normalise(text: str | None) -> str | None:
    """The status key for what a record says: a key as it is, a council's words through the
    importer's mapping ("Fully achieved" -> complete), None for nothing recognisable."""
    if not text:
        return None
    if text in LABELS:
        return text
    return status_of(text)


def label(key: str | None) -> str:
    return LABELS.get(key or "", "No update yet")
