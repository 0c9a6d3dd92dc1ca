"""Decisions recorded back (issue 14, point 4): what the body resolved on an issued paper,
recorded through the command line, makes a reporting line, a challenge or an action, each
in the history of what it touched; the next paper lists them as matters arising."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from paper_support import small_plan

from actionplan.governance.models import Meeting, ReportingLink
from actionplan.monitoring.history import action_history
from actionplan.monitoring.models import Challenge
from actionplan.plans.models import Action, Body, ReportingRequirement
from actionplan.reports import decisions, services
from actionplan.reports.models import Paper, Resolution

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 15)


@pytest.fixture
def plan():
    return small_plan()


@pytest.fixture
def smt(plan):
    return Body.objects.get(organisation=plan.organisation, abbreviation="SMT")


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("stephanie", first_name="Stephanie")


@pytest.fixture
def issued(plan, smt, clerk):
    Meeting.objects.create(body=smt, date=dt.date(2013, 3, 19))
    Meeting.objects.create(body=smt, date=dt.date(2013, 6, 18))
    return services.issue_paper(services.draft_paper(plan, smt, MARCH), clerk)


def resolve(paper, *args) -> str:
    out = io.StringIO()
    call_command(
        "report",
        str(paper.plan_id),
        "--paper",
        str(paper.pk),
        "--by",
        "stephanie",
        *args,
        stdout=out,
    )
    return out.getvalue()


def test_a_further_report_becomes_a_reporting_line_on_the_forward_plan(issued, smt):
    out = resolve(
        issued,
        "--resolved",
        "further-report",
        "--text",
        "Members asked for a report on the audit's findings",
        "--action",
        "1.0/2",
        "--due",
        "2013-06-18",
    )

    action = Action.objects.get(recommendation__plan=issued.plan, ref="2")
    line = ReportingRequirement.objects.get(action=action, body=smt, due=dt.date(2013, 6, 18))
    assert "resolved by the SMT on 19 March 2013" in line.text
    assert ReportingLink.objects.filter(requirement=line, meeting__date=dt.date(2013, 6, 18))
    added = [e for e in action_history(action) if e.what == "Reporting line added"]
    assert added and "resolved by the SMT on 19 March 2013" in added[-1].reason
    resolution = Resolution.objects.get()
    assert (resolution.reporting, resolution.resolved_on) == (line, dt.date(2013, 3, 19))
    assert "a further report on action 1.0 / 2 by 18 June 2013" in out


def test_a_question_becomes_a_challenge_on_the_action(issued, clerk):
    resolve(
        issued, "--resolved", "question", "--text", "Why is the audit late?", "--action", "1.0 / 1"
    )

    challenge = Challenge.objects.get()
    assert challenge.action.ref == "1" and challenge.asked_by == clerk
    assert challenge.question == "Why is the audit late? (the SMT, 19 March 2013)"
    assert "Why is the audit late?" in " ".join(e.text for e in action_history(challenge.action))


def test_a_new_action_joins_the_plan_with_the_resolution_as_its_source(issued):
    resolve(
        issued,
        "--resolved",
        "new-action",
        "--text",
        "Train team managers in recording children's views",
        "--recommendation",
        "1.0",
    )

    resolution = Resolution.objects.get()
    action = resolution.new_action
    assert action.text == "Train team managers in recording children's views"
    assert action.recommendation.number == "1.0"
    assert any("resolved by the SMT on 19 March 2013" in e.reason for e in action_history(action))


def test_the_next_paper_lists_the_resolutions_as_matters_arising(issued, plan, smt, clerk):
    decisions.record(issued, "noted", user=clerk, text="The SMT noted the progress made")
    decisions.record(
        issued,
        "question",
        user=clerk,
        text="Why is the audit late?",
        action=Action.objects.get(recommendation__plan=plan, ref="1"),
    )
    frozen = bytes(Paper.objects.get(pk=issued.pk).pdf)

    data = services.paper_data(services.draft_paper(plan, smt, dt.date(2013, 4, 15)))

    background = data.sections[2]
    arising = next(p for p in background.paragraphs if p.text.startswith("Matters arising"))
    assert arising.bullets == (
        "Noted: The SMT noted the progress made",
        "Why is the audit late?: a question on action 1.0 / 1, put to its lead officer.",
    )
    assert data.matters_arising == arising.bullets
    assert bytes(Paper.objects.get(pk=issued.pk).pdf) == frozen  # the paper stays as issued


@pytest.mark.parametrize(
    "args, message",
    [
        (("--resolved", "noted", "--text", ""), "Enter what the body resolved"),
        (("--resolved", "question", "--text", "Why?"), "Choose the action it is about"),
        (("--resolved", "question", "--text", "Why?", "--action", "9/9"), "no action '9/9'"),
        (
            ("--resolved", "further-report", "--text", "More", "--action", "1.0/1"),
            "Enter the date the further report is due by",
        ),
        (
            ("--resolved", "new-action", "--text", "Do it", "--recommendation", "7"),
            "the plan has no recommendation '7'",
        ),
    ],
)
def test_a_resolution_that_cannot_be_recorded_says_why_and_stores_nothing(issued, args, message):
    with pytest.raises(CommandError, match=message):
        resolve(issued, *args)

    assert not Resolution.objects.exists() and not Challenge.objects.exists()


def test_decisions_are_recorded_on_issued_papers_only(plan, smt, clerk):
    draft = services.draft_paper(plan, smt, MARCH)

    with pytest.raises(CommandError, match="decisions are recorded on an issued paper"):
        resolve(draft, "--resolved", "noted", "--text", "Noted")


def test_writing_a_paper_still_needs_its_options(plan):
    with pytest.raises(CommandError, match="required: --as-at, --format, -o"):
        call_command("report", str(plan.pk), "--body", "SMT", stdout=io.StringIO())
