"""Seed a database for the worker tests: `python governance_seed.py COUNT TODAY`.

COUNT actions, each led by a person of its own with an e-mail address and a milestone three
days after TODAY: the reminder job owes each lead exactly one e-mail. Run in a process of its
own, with DATABASE_URL naming the database the workers will use.
"""

from __future__ import annotations

import datetime as dt
import os
import sys


def seed(count: int, today: dt.date) -> None:
    from django.db import transaction

    from actionplan.governance.models import Contact
    from actionplan.plans.models import (
        Action,
        ActionParty,
        Milestone,
        Organisation,
        Party,
        Plan,
        Recommendation,
    )

    with transaction.atomic():
        org = Organisation.objects.create(name="Workers Council", slug="workers-council")
        plan = Plan.objects.create(organisation=org, title="Worker test plan")
        rec = Recommendation.objects.create(plan=plan, number="1.0", title="Remind everyone")
        due = today + dt.timedelta(days=3)
        for i in range(1, count + 1):
            action = Action.objects.create(
                recommendation=rec, key=str(i), ref=str(i), text=f"Action {i}"
            )
            lead = Party.objects.create(organisation=org, kind=Party.Kind.PERSON, name=f"Lead {i}")
            ActionParty.objects.create(action=action, party=lead, role=ActionParty.Role.LEAD)
            Contact.objects.create(party=lead, email=f"lead{i}@workers.example")
            Milestone.objects.create(action=action, text="Done", due=due)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.local")
    django.setup()
    seed(int(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]))
