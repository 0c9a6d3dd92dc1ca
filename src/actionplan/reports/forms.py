"""The board paper forms: what a draft is built from."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.db.models import Count, Q

from actionplan.core.forms import GovukDateField, GovukForm, check_upload_size, choice
from actionplan.core.uploads import UnreadableFile, reading
from actionplan.plans.models import Body, Plan
from actionplan.reports.data import IMPLICATIONS, SCHEDULE_12A, Author
from actionplan.reports.word import TemplateError, check_template

MAX_ASKS = 20
MAX_ASK_LENGTH = 500


def body_choices(plan: Plan) -> list[tuple[str, str]]:
    """The plan's bodies, those its actions report to first (most lines first), then the
    rest of the organisation's, by name."""
    bodies = Body.objects.filter(organisation_id=plan.organisation_id).annotate(
        lines=Count("reporting", filter=Q(reporting__action__recommendation__plan=plan))
    )
    ordered = sorted(bodies, key=lambda b: (b.lines == 0, -b.lines, b.name.casefold(), b.pk))
    choices = []
    for b in ordered:
        label = b.name
        if b.abbreviation and b.abbreviation != b.name:
            label += f" ({b.abbreviation})"
        if b.lines:
            label += f": {b.lines} reporting line{'s' if b.lines != 1 else ''}"
        choices.append((str(b.pk), label))
    return choices


class PaperForm(GovukForm):
    """A new draft (with a body) or a draft's edit (without: the body stays)."""

    body = forms.ChoiceField(
        label="Which body is the paper for?",
        help_text="The bodies the plan's actions report to come first",
        error_messages={
            "required": "Select the body the paper is for",
            "invalid_choice": "Select one of the plan's bodies",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of paper?",
        widget=forms.RadioSelect,
        choices=[
            (
                "progress",
                "Progress report: the covering report, the items due, the exceptions "
                "and the whole plan as an annex",
            ),
            (
                "performance",
                "Six-monthly performance report: the indicators with their trends "
                "and commentary, audit and feedback findings, and the exceptions",
            ),
            (
                "highlight",
                "One-page highlight report: the RAG summary, the top risks and what "
                "members are asked to do",
            ),
        ],
        initial="progress",
        required=False,  # a form without it (as before there were kinds): a progress report
        error_messages={"invalid_choice": "Select the kind of paper"},
    )
    as_at = GovukDateField(
        label="Position as at",
        help_text="The paper shows the plan as it stood at the end of this day. "
        "For example, 15 3 2013",
        error_messages={"required": "Enter the date the paper is as at"},
    )
    period_end = GovukDateField(
        label="Items due to the body by (optional)",
        required=False,
        help_text="Actions with a report to the body due by this date are picked. "
        "Leave it empty for the body's next meeting, else the end of the as-at month",
    )
    author_name = forms.CharField(
        label="Report compiled by (optional)",
        required=False,
        max_length=200,
        help_text="Empty: the service's default author, else the plan's covering report",
    )
    author_role = forms.CharField(label="Their role (optional)", required=False, max_length=200)
    author_email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        error_messages={"invalid": "Enter the email address like name@example.gov.uk"},
    )
    author_phone = forms.CharField(
        label="Their telephone number (optional)", required=False, max_length=50
    )
    asks = forms.CharField(
        label="What members are asked to do (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One request a line. Empty: note progress, challenge the exceptions, "
        "note the items due",
    )
    # The committee report's details (docs/papers.md): empty ones take the defaults.
    report_of = forms.CharField(
        label="Report of (optional)",
        required=False,
        max_length=200,
        help_text="The responsible officer. Empty: the role on the plan's covering report",
    )
    agenda_item = forms.CharField(label="Agenda item (optional)", required=False, max_length=20)
    exempt_paragraph = forms.ChoiceField(
        label="Open or exempt",
        required=False,
        choices=[("", "Open")]
        + [
            (str(n), f"Exempt: Schedule 12A to the Local Government Act 1972, paragraph {n}")
            for n in SCHEDULE_12A
        ],
    )
    wards = forms.CharField(
        label="Wards affected (optional)",
        required=False,
        max_length=500,
        help_text="Empty: all wards",
    )
    key_decision = forms.ChoiceField(
        label="Key decision",
        required=False,
        choices=[("no", "No"), ("yes", "Yes")],
        initial="no",
    )
    background_papers = forms.CharField(
        label="Background papers (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line. Empty: the plan, the inspection report and the previous paper",
    )
    template = forms.FileField(
        label="The council's Word template (optional)",
        required=False,
        help_text="A .docx file: the Word paper keeps its styles, header and footer, logo "
        "included. It does not change the HTML or PDF paper",
    )

    def __init__(self, *args, plan: Plan, editing: bool = False, template_name: str = "", **kw):
        super().__init__(*args, **kw)
        for heading in IMPLICATIONS:
            self.fields[_implication_field(heading)] = forms.CharField(
                label=f"{heading} implications (optional)",
                required=False,
                max_length=MAX_ASK_LENGTH * 4,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Empty: None" if heading != "Risk" else "Empty: the exceptions",
            )
        # The template last, after the implications.
        self.fields["template"] = self.fields.pop("template")
        self.plan = plan
        if editing:
            del self.fields["body"]
            if template_name:
                self.fields[
                    "template"
                ].help_text = f"The draft uses {template_name}. Upload another .docx to replace it"
        else:
            choice(self, "body").choices = body_choices(plan)

    @classmethod
    def initial_from(cls, paper) -> dict:
        options = paper.options or {}
        author = options.get("author", {})
        return {
            "kind": paper.kind,
            "as_at": paper.as_at,
            "period_end": paper.period_end,
            "author_name": author.get("name", ""),
            "author_role": author.get("role", ""),
            "author_email": author.get("email", ""),
            "author_phone": author.get("phone", ""),
            "asks": "\n".join(options.get("asks", ())),
            **_committee_initial(options.get("committee") or {}),
        }

    def clean_asks(self) -> tuple[str, ...]:
        lines = tuple(" ".join(line.split()) for line in self.cleaned_data["asks"].splitlines())
        lines = tuple(line for line in lines if line)
        if len(lines) > MAX_ASKS:
            raise forms.ValidationError(
                f"Give at most {MAX_ASKS} requests of members (you gave {len(lines)})"
            )
        for n, line in enumerate(lines, 1):
            if len(line) > MAX_ASK_LENGTH:
                raise forms.ValidationError(
                    f"Request {n} of members must be {MAX_ASK_LENGTH} characters or fewer"
                )
        return lines

    def clean_template(self):
        f = self.cleaned_data.get("template")
        if not f:
            return None
        name = Path(f.name).name
        if Path(name).suffix.lower() != ".docx":
            raise forms.ValidationError(f"The template must be a Word .docx file: {name} is not")
        check_upload_size(f, "The template")
        content = f.read()
        try:
            with reading(name, "a Word .docx file"):
                content = check_template(content, name)
        except TemplateError as e:
            raise forms.ValidationError(f"The template {e}") from None
        except UnreadableFile as e:
            raise forms.ValidationError(str(e)) from None
        return name, content

    def clean(self):
        data = super().clean()
        as_at, period_end = data.get("as_at"), data.get("period_end")
        if as_at and period_end and period_end < as_at:
            self.add_error(
                "period_end",
                "The date items are due by must be the same as or after the as-at date",
            )
        return data

    def body_obj(self) -> Body:
        return Body.objects.get(
            pk=self.cleaned_data["body"], organisation_id=self.plan.organisation_id
        )

    def author(self) -> Author:
        d = self.cleaned_data
        return Author(
            d["author_name"].strip(),
            d["author_role"].strip(),
            d["author_email"].strip(),
            d["author_phone"].strip(),
        )

    def service_kwargs(self) -> dict:
        """What services.draft_paper and edit_draft take, from the form."""
        d = self.cleaned_data
        name, content = d.get("template") or ("", None)
        return {
            "as_at": d["as_at"],
            "period_end": d["period_end"],
            "author": self.author(),
            "asks": d["asks"],
            "template": content,
            "template_name": name,
            "conventions": self.conventions(),
            "kind": d["kind"] or "progress",
        }

    def conventions(self) -> dict:
        """The committee report's details, as Paper.options["committee"] keeps them."""
        d = self.cleaned_data
        papers = [" ".join(line.split()) for line in d["background_papers"].splitlines()]
        return {
            "report_of": d["report_of"].strip(),
            "agenda_item": d["agenda_item"].strip(),
            "exempt_paragraph": int(d["exempt_paragraph"]) if d["exempt_paragraph"] else None,
            "wards": d["wards"].strip(),
            "key_decision": d["key_decision"] == "yes",
            "implications": {
                h: d[_implication_field(h)].strip()
                for h in IMPLICATIONS
                if d[_implication_field(h)].strip()
            },
            "background_papers": [p for p in papers if p],
        }


def _implication_field(heading: str) -> str:
    return "implications_" + heading.lower().replace(" ", "_")


def _committee_initial(c: dict) -> dict:
    written = c.get("implications") or {}
    return {
        "report_of": c.get("report_of", ""),
        "agenda_item": c.get("agenda_item", ""),
        "exempt_paragraph": str(c["exempt_paragraph"]) if c.get("exempt_paragraph") else "",
        "wards": c.get("wards", ""),
        "key_decision": "yes" if c.get("key_decision") else "no",
        "background_papers": "\n".join(c.get("background_papers") or ()),
        **{_implication_field(h): written.get(h, "") for h in IMPLICATIONS},
    }


class ConfirmForm(GovukForm):
    """Nothing to fill in: the POST is the confirmation."""


class ResolutionForm(GovukForm):
    """One thing the body resolved on an issued paper (decisions.record)."""

    kind = forms.ChoiceField(
        label="What did the body resolve?",
        widget=forms.RadioSelect,
        choices=[
            ("noted", "Noted the report"),
            ("approved", "Approved the report or its recommendations"),
            ("further-report", "Asked for a further report on an action, by a date"),
            ("question", "Asked a question about an action"),
            ("new-action", "Asked for a new action in the plan"),
        ],
        error_messages={"required": "Select what the body resolved"},
    )
    text = forms.CharField(
        label="The resolution, as minuted",
        max_length=MAX_ASK_LENGTH * 2,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a new action, the action itself. For a question, the question",
        error_messages={"required": "Enter what the body resolved"},
    )
    action = forms.ChoiceField(
        label="The action it is about (a further report or a question)", required=False
    )
    due = GovukDateField(
        label="Due by (a further report, or a new action; optional otherwise)",
        required=False,
        help_text="For example, 18 6 2013",
    )
    recommendation = forms.ChoiceField(
        label="The recommendation a new action is for", required=False
    )
    resolved_on = GovukDateField(
        label="Date of the meeting (optional)",
        required=False,
        help_text="Empty: the meeting the paper went to",
    )

    def __init__(self, *args, paper, **kw):
        from actionplan.reports.decisions import paper_actions

        super().__init__(*args, **kw)
        self.paper = paper
        choice(self, "action").choices = [("", "Choose an action")] + [
            (str(pk), label[:120]) for pk, label in paper_actions(paper)
        ]
        choice(self, "recommendation").choices = [("", "Choose a recommendation")] + [
            (str(r.pk), f"{r.number} {r.title}"[:120]) for r in paper.plan.recommendations.all()
        ]

    def record_kwargs(self) -> dict:
        """What decisions.record takes, besides the paper and the user."""
        from actionplan.plans.models import Action

        d = self.cleaned_data
        action = recommendation = None
        if d["action"]:
            action = Action.objects.get(pk=d["action"], recommendation__plan=self.paper.plan)
        if d["recommendation"]:
            recommendation = self.paper.plan.recommendations.get(pk=d["recommendation"])
        return {
            "text": d["text"],
            "action": action,
            "due": d["due"],
            "recommendation": recommendation,
            "resolved_on": d["resolved_on"],
        }
