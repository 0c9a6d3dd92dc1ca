import datetime as dt
import os
from pathlib import Path

from django.core.management.base import CommandError

from actionplan.core.asat import AsAtError, parse_as_at
from actionplan.core.commands import EXIT_USAGE, ActionplanCommand
from actionplan.core.errors import UserError
from actionplan.core.wording import long_date

FORMATS = ("docx", "pdf", "html")
KINDS = ("progress", "performance", "highlight")  # reports.data.KINDS, without loading it
# Required to write a paper, not to record a decision on one.
REQUIRED = (("--body", "body"), ("--as-at", "as_at"), ("--format", "format"), ("-o", "output"))


class Command(ActionplanCommand):
    help = (
        "Write a board paper on a plan for one body, as at a date, as docx, pdf or html. "
        "It has a covering report (purpose, background, summary, what members are asked "
        "to do), the RAG summary "
        "with its key, the actions reporting to the body by the end of the period, the "
        "exceptions, the indicators, and the whole plan as an annex; --kind performance "
        "or highlight writes the six-monthly performance report or the one-page highlight "
        "report instead. Without --issue the "
        "paper is a draft and nothing is stored; with --issue it is issued: stored with "
        "the data it was built from and its files, which never change after. "
        "After the meeting, --paper ID --resolved KIND records what the body resolved on "
        "an issued paper (the other options are then not needed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="the plan's id, or part of its title")
        parser.add_argument(
            "--body", metavar="NAME", help="the body: its name or abbreviation (required)"
        )
        parser.add_argument(
            "--as-at", metavar="YYYY-MM-DD", help="the date the paper is as at (required)"
        )
        parser.add_argument(
            "--period-end",
            metavar="YYYY-MM-DD",
            help="pick reporting lines due up to this date (default: the body's next "
            "meeting, else the as-at month's end)",
        )
        parser.add_argument("--format", choices=FORMATS, help="(required)")
        parser.add_argument("-o", "--output", metavar="FILE", help="(required)")
        parser.add_argument(
            "--template", metavar="FILE.docx", help="the council's Word template (docx only)"
        )
        parser.add_argument(
            "--kind",
            choices=KINDS,
            default="progress",
            help="the paper type: the progress report (default), the six-monthly "
            "performance report (indicators with trends, audit and feedback findings, "
            "exceptions) or the one-page highlight report (RAG summary, top risks, asks)",
        )
        parser.add_argument("--author", metavar="NAME", default="", help="the contact officer")
        parser.add_argument("--author-role", metavar="ROLE", default="")
        parser.add_argument("--author-email", metavar="EMAIL", default="")
        parser.add_argument("--author-phone", metavar="PHONE", default="")
        committee = parser.add_argument_group(
            "the committee report's details",
            "each empty one takes its default (docs/papers.md); an option here wins over "
            "the same field in --committee",
        )
        committee.add_argument(
            "--committee",
            metavar="FILE.json",
            help="the details as a JSON object: report_of, agenda_item, exempt_paragraph, "
            "wards, key_decision, implications (by heading), background_papers (a list), "
            "contact (name, role, email, phone)",
        )
        committee.add_argument("--report-of", metavar="OFFICER", help="the responsible officer")
        committee.add_argument("--agenda-item", metavar="ITEM")
        committee.add_argument(
            "--exempt-paragraph",
            metavar="1-7",
            help="exempt under this paragraph of Schedule 12A to the Local Government Act "
            "1972 (default: open)",
        )
        committee.add_argument("--wards", metavar="WARDS", help="default: all wards")
        committee.add_argument("--key-decision", metavar="yes|no")
        committee.add_argument(
            "--implication",
            metavar="HEADING=TEXT",
            action="append",
            default=[],
            help="one implication, e.g. Legal=None; as often as needed (headings: "
            "Financial, Legal, Equalities, Risk, Human resources, Climate, Consultation)",
        )
        committee.add_argument(
            "--background-paper",
            metavar="TITLE",
            action="append",
            default=[],
            help="as often as needed",
        )
        parser.add_argument(
            "--issue", action="store_true", help="issue the paper: store it, frozen"
        )
        decision = parser.add_argument_group(
            "decisions recorded back", "what the body resolved on an issued paper"
        )
        decision.add_argument("--paper", type=int, metavar="ID", help="the issued paper's id")
        decision.add_argument(
            "--resolved",
            choices=("noted", "approved", "further-report", "question", "new-action"),
            help="noted; approved; a further report (--action, --due: a reporting line); a "
            "question (--action: a challenge on it); a new action (--recommendation)",
        )
        decision.add_argument("--text", default="", help="what was resolved, as minuted")
        decision.add_argument(
            "--action", metavar="REF", help="the action, as the paper shows it: 7 / 2"
        )
        decision.add_argument(
            "--due", metavar="YYYY-MM-DD", help="a further report or new action: by"
        )
        decision.add_argument("--recommendation", metavar="NUMBER", help="a new action's")
        decision.add_argument(
            "--on", metavar="YYYY-MM-DD", help="the meeting (default: the paper's)"
        )
        decision.add_argument("--by", metavar="USERNAME", help="the clerk recording it (required)")

    def handle(self, **options):
        if options["resolved"] or options["paper"] is not None:
            return self._record(options)
        missing = [flag for flag, key in REQUIRED if not options[key]]
        if missing:
            raise CommandError(
                f"the following arguments are required: {', '.join(missing)}",
                returncode=EXIT_USAGE,
            )
        return self._write_paper(options)

    def _record(self, options):
        from django.contrib.auth import get_user_model

        from actionplan.plans.models import Plan
        from actionplan.reports import decisions
        from actionplan.reports.models import Paper

        if options["paper"] is None or not options["resolved"] or not options["by"]:
            raise UserError("--paper ID, --resolved KIND and --by USERNAME go together")
        plan = Plan.objects.identify(options["plan"])
        paper = Paper.objects.filter(plan=plan, pk=options["paper"]).first()
        if paper is None:
            raise UserError(f"{plan.title} has no paper {options['paper']}")
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise UserError(f"no user {options['by']!r}")
        resolution = decisions.record(
            paper,
            options["resolved"],
            user=user,
            text=options["text"],
            resolved_on=_date(options["on"], "--on"),
            action=decisions.find_action(paper, options["action"]) if options["action"] else None,
            due=_date(options["due"], "--due"),
            recommendation=decisions.find_recommendation(paper, options["recommendation"])
            if options["recommendation"]
            else None,
        )
        self.stdout.write(
            f"Recorded on paper {paper.pk} ({long_date(resolution.resolved_on)}): "
            f"{decisions.describe(resolution)}"
        )

    def _write_paper(self, options):
        from actionplan.governance.meetings import find_body
        from actionplan.plans.models import Plan
        from actionplan.reports import services
        from actionplan.reports.building import build_paper

        output = _writable(options["output"])
        as_at = _date(options["as_at"], "--as-at")
        period_end = _date(options["period_end"], "--period-end")
        template = _template(options["template"], options["format"])
        conventions, author = _committee(options)
        plan = Plan.objects.identify(options["plan"])
        body = find_body(plan.organisation, options["body"])
        fmt, kind = options["format"], options["kind"]
        name = body.abbreviation or body.name
        if options["issue"]:
            paper = services.draft_paper(
                plan,
                body,
                as_at,
                period_end=period_end,
                author=author,
                template=template,
                template_name=options["template"] or "",
                conventions=conventions,
                kind=kind,
            )
            paper = services.issue_paper(paper)
            file = services.paper_file(paper, fmt)
            _write(output, file.content)
            self.stdout.write(
                f"Issued paper {paper.pk} for the {name} as at {long_date(as_at)}; wrote {output} "
                f"(SHA-256 {file.sha256})"
            )
            return
        data = build_paper(
            plan,
            body,
            as_at,
            period_end=period_end,
            author=author,
            conventions=conventions,
            kind=kind,
        )
        _write(output, services.render(data, fmt, draft=True, template=template))
        what = "paper" if kind == "progress" else KINDS_SAID[kind]
        self.stdout.write(
            f"Wrote {output}: a draft {what} for the {name} as at {long_date(as_at)}, "
            f"{len(data.items)} actions reporting to it, {len(data.exceptions)} exceptions"
        )


KINDS_SAID = {"performance": "six-monthly performance report", "highlight": "highlight report"}


def _committee(options):
    """The committee report's details (--committee FILE.json, then each option) and the
    contact officer, checked: (Paper.options["committee"], Author)."""
    from actionplan.reports import committee
    from actionplan.reports.data import Author

    given = committee.read_file(options["committee"]) if options["committee"] else {}
    conventions, contact = committee.check(given)
    conventions.update(committee.check_options(options))
    if options["implication"]:
        written = conventions.get("implications", {})
        conventions["implications"] = {
            **written,
            **committee.implication_option(options["implication"]),
        }
    if options["background_paper"]:
        conventions["background_papers"] = [
            t for t in (" ".join(p.split()) for p in options["background_paper"]) if t
        ]
    asked = committee.contact(
        {
            "name": options["author"],
            "role": options["author_role"],
            "email": options["author_email"],
            "phone": options["author_phone"],
        },
        "--author",
    )
    author = Author(*(getattr(asked, f) or getattr(contact, f) for f in committee.CONTACT))
    return conventions, author


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        if value.strip():
            return parse_as_at(value, today=dt.date.today())
    except AsAtError:
        pass
    raise UserError(f"{option} {value!r} is not a date: write it like 2013-03-15")


def _template(value, fmt: str) -> bytes | None:
    from actionplan.reports.word import check_template

    if not value:
        return None
    if fmt != "docx":
        raise UserError("--template is a Word template: it goes with --format docx")
    path = Path(value)
    if path.suffix.lower() != ".docx":
        raise UserError(f"{value}: a template must be a Word .docx file")
    try:
        content = path.read_bytes()
    except OSError as e:
        raise UserError(f"{value}: {e.strerror or e}") from None
    return check_template(content, value)


def _writable(value: str) -> Path:
    """Fail before building anything when the output cannot be written."""
    path = Path(value)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UserError(f"{value}: is a folder; give a file name")
    if not folder.is_dir():
        raise UserError(f"{value}: no such folder {str(folder)!r}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"{value}: cannot write here (permission denied)")
    return path


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as e:
        raise UserError(f"{path}: cannot write it ({e.strerror or e})") from None
