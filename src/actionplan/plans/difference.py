"""What re-importing a file over a stored plan would change, read before anything is
written: the web import's confirm step and `actionplan import --plan` show it and ask.

The comparison itself is pure (interchange/difference.py); this adds what the plan keeps:
its progress records, and the removed actions that are retired, not deleted, because
something is recorded against them (services.store_plan does the same)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from actionplan import interchange as ix
from actionplan.interchange.difference import Difference, difference
from actionplan.plans.exporting import plan_to_document
from actionplan.plans.models import Action, Plan, ProgressRecord
from actionplan.plans.services import referenced


@dataclass
class Reimport:
    plan: Plan
    difference: Difference
    progress_kept: int  # the plan's progress records: every one is kept
    retired: int  # removed actions kept, retired, for what is recorded against them
    deleted: int  # removed actions with nothing recorded: deleted

    def lines(self) -> list[str]:
        """For the command line: the difference, then what is kept."""
        out = self.difference.lines()
        out.append(
            f"  kept: all {self.progress_kept} progress records, with every update, sign-off "
            "and challenge"
        )
        if self.retired:
            out.append(
                f"  {self.retired} removed actions are retired, not deleted: they have records"
            )
        return out


def reimport(plan: Plan, doc: ix.PlanDocument) -> Reimport:
    """What storing `doc` into `plan` would change. Writes nothing."""
    stored = Action.objects.filter(recommendation__plan=plan, retired=False).select_related(
        "recommendation"
    )
    keys: dict[str, list[str]] = defaultdict(list)
    ids: dict[tuple[str, str], int] = {}
    for a in stored:
        keys[a.recommendation.number].append(a.key)
        ids[(a.recommendation.number, a.key)] = a.pk
    diff = difference(plan_to_document(plan), doc, before_keys=dict(keys))
    kept = referenced(Action, "recommendation__plan", plan)
    removed = [ids.get((i.recommendation, i.key)) for i in diff.actions_removed]
    retired = sum(1 for pk in removed if pk in kept)
    return Reimport(
        plan=plan,
        difference=diff,
        progress_kept=ProgressRecord.objects.filter(action__recommendation__plan=plan).count(),
        retired=retired,
        deleted=len(removed) - retired,
    )
