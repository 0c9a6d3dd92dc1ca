"""How long governance takes on the seed plan and on a plan of about 1,000 actions.

    .venv/bin/python bench/governance_bench.py [COPIES]

Stores the demo plan, and a plan of COPIES x its recommendations (default 14: 1,008
actions), generates a year of meetings for their bodies, then times relinking, the forward
plan, a body's and a person's calendar, planning a day's reminders and sending them (to
Django's in-memory mail backend). Uses a fresh SQLite file in a temporary folder unless
DATABASE_URL is set (then that database is migrated and written to: give it a scratch one).
"""

import datetime as dt
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"
RULES = {
    "CYPLT": "third Tuesday of each month",
    "SMT": "every 2 weeks on Wednesday",
    "LSCB": "last Thursday of each quarter",
    "DCS": "first Monday of each month",
    "YPC": "first Monday of every other month",
    "OSC": "second Thursday of each month",
}


@contextmanager
def timed(label: str):
    start = time.perf_counter()
    yield
    print(f"  {label:<34} {time.perf_counter() - start:6.3f} s")


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 14
    folder = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.local")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command

    from actionplan.governance.agenda import forward_plan
    from actionplan.governance.calendars import body_calendar, person_calendar, to_ics
    from actionplan.governance.linking import relink
    from actionplan.governance.meetings import find_body, generate_meetings
    from actionplan.governance.models import Contact, Reminder
    from actionplan.governance.reminders import deliver_pending, plan_reminders
    from actionplan.importing.pipeline import parse_file
    from actionplan.plans.models import ActionParty, Party
    from actionplan.plans.services import store_plan

    call_command("migrate", verbosity=0)
    mail.outbox = []
    seed = parse_file(DEMO)
    big = seed.model_copy(deep=True)
    big.plan.title = f"Benchmark plan x{copies}"
    big.recommendations = []
    for copy in range(copies):
        for rec in seed.recommendations:
            rec = rec.model_copy(deep=True)
            rec.number = f"{copy + 1}.{rec.number}"
            big.recommendations.append(rec)
    plans = [store_plan(seed).plan, store_plan(big).plan]
    org = plans[0].organisation
    for abbreviation, rule in RULES.items():
        generate_meetings(
            find_body(org, abbreviation), rule, dt.date(2012, 12, 1), dt.date(2013, 12, 31)
        )
    for party in Party.objects.filter(organisation=org):
        Contact.objects.get_or_create(party=party, defaults={"email": f"p{party.pk}@bench.example"})
    cyplt = find_body(org, "CYPLT")
    person = (
        ActionParty.objects.filter(action__recommendation__plan=plans[1], role="lead")
        .values_list("party", flat=True)
        .first()
    )
    lead = Party.objects.get(pk=person)
    print(f"on {django.db.connection.vendor}")
    for plan in plans:
        actions = sum(r.actions.count() for r in plan.recommendations.all())
        print(f"{plan.title}: {actions} actions")
        with timed("relink the plan"):
            links = relink(plan_id=plan.pk)
        with timed(f"forward plan ({links} links)"):
            forward_plan(plan, as_at=dt.date(2013, 3, 15))
        with timed("CYPLT calendar"):
            to_ics(body_calendar(plan, [cyplt], as_at=dt.date(2013, 3, 15)))
        with timed(f"{lead.name}'s calendar"):
            to_ics(person_calendar(plan, lead, as_at=dt.date(2013, 3, 15)))
        before = Reminder.objects.count()
        with timed("plan reminders (20 March 2013)"):
            plan_reminders(today=dt.date(2013, 3, 20), plans=[plan])
        planned = Reminder.objects.count() - before
        with timed(f"send them ({planned})"):
            deliver_pending()
        with timed("plan them again (nothing new)"):
            plan_reminders(today=dt.date(2013, 3, 20), plans=[plan])


if __name__ == "__main__":
    main()
