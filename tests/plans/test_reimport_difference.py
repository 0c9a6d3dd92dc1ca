"""Re-importing over a stored plan: what will be added, changed and removed is shown, and
nothing is written until it is confirmed (issue 16, point 7)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.interchange.difference import difference
from actionplan.plans.difference import reimport
from actionplan.plans.models import Action, Plan, ProgressRecord
from actionplan.plans.services import store_plan


def edited(doc):
    """The plan with one action's text and lead changed, one action added, one removed."""
    new = doc.model_copy(deep=True)
    first = new.recommendations[0]
    first.actions[0].text = "Review the safeguarding procedures again"
    first.actions[0].leads = []
    first.title = first.title + " (revised)"
    gone = first.actions.pop()
    added = gone.model_copy(update={"ref": "99z", "text": "A new action", "parent_ref": None})
    new.recommendations[-1].actions.append(added)
    return new, gone


def test_the_same_document_has_no_difference(plan_doc):
    diff = difference(plan_doc, plan_doc)

    assert diff.empty
    assert diff.lines() == ["  no changes to the plan, its recommendations or actions"]


def test_added_changed_and_removed_are_named_with_old_and_new(plan_doc):
    new, gone = edited(plan_doc)
    first = plan_doc.recommendations[0]

    diff = difference(plan_doc, new)

    assert [i.text for i in diff.actions_added] == ["A new action"]
    assert [(i.recommendation, i.key) for i in diff.actions_removed] == [(first.number, gone.ref)]
    [changed] = diff.actions_changed
    fields = {c.field: (c.before, c.after) for c in changed.changes}
    assert fields["Text"] == (first.actions[0].text, "Review the safeguarding procedures again")
    assert fields["Lead"][1] == ""
    [rec] = diff.recommendations_changed
    assert rec.changes[0].field == "Title"
    text = "\n".join(diff.lines())
    assert "changed: " in text and "Text: " in text and " -> " in text


@pytest.mark.django_db
def test_the_difference_against_a_stored_plan_writes_nothing_and_counts_what_is_kept(plan_doc):
    plan = store_plan(plan_doc).plan
    new, _gone = edited(plan_doc)
    rows = Action.objects.count()
    progress = ProgressRecord.objects.count()

    shown = reimport(plan, new)

    assert shown.progress_kept == progress
    assert len(shown.difference.actions_removed) == 1
    assert shown.retired + shown.deleted == 1
    assert Action.objects.count() == rows
    assert plan_doc.recommendations[0].title == Plan.objects.get().recommendations.first().title


@pytest.fixture
def parser(monkeypatch, plan_doc):
    """parse_file returns `fake.doc` (the plan by default)."""
    import sys
    import types

    fake = types.SimpleNamespace(doc=plan_doc)
    module = types.ModuleType("actionplan.importing.pipeline")
    module.parse_file = lambda path, layout=None, *, limits=None: fake.doc.model_copy(deep=True)
    monkeypatch.setitem(sys.modules, "actionplan.importing.pipeline", module)
    return fake


def run(*args, stdin=None) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stdin=stdin or io.StringIO())
    return out.getvalue()


@pytest.fixture
def stored(tmp_path, plan_doc):
    path = tmp_path / "plan.txt"
    path.write_text("a plan\n")
    return path, store_plan(plan_doc).plan


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.django_db
def test_the_command_shows_the_difference_and_needs_yes_away_from_a_terminal(
    parser, stored, plan_doc
):
    path, plan = stored
    parser.doc, _ = edited(plan_doc)
    before = Action.objects.filter(recommendation__plan=plan).first().text

    with pytest.raises(CommandError, match=f"plan {plan.pk} was not changed: add --yes"):
        run("import", str(path), "--plan", str(plan.pk))
    out = run("import", str(path), "--plan", str(plan.pk), "--dry-run")

    assert f'Updating plan {plan.pk} "{plan.title}" would change:' in out
    assert "  added: " in out and "A new action" in out
    assert "  removed: " in out
    assert "    Text: " in out
    assert "progress records, with every update, sign-off and challenge" in out
    assert "Nothing was changed (--dry-run)." in out
    assert Action.objects.filter(recommendation__plan=plan).first().text == before


@pytest.mark.django_db
def test_the_command_asks_at_a_terminal_and_applies_only_on_yes(parser, stored, plan_doc):
    path, plan = stored
    parser.doc, _ = edited(plan_doc)

    out = run("import", str(path), "--plan", str(plan.pk), stdin=Terminal("n\n"))
    assert "Apply this update? [y/N] " in out
    assert f"Plan {plan.pk} was not changed." in out
    assert not Action.objects.filter(text="A new action").exists()

    out = run("import", str(path), "--plan", str(plan.pk), stdin=Terminal("y\n"))
    assert f"Updated plan {plan.pk}" in out
    assert Action.objects.filter(text="A new action").exists()

    out = run("import", str(path), "--plan", str(plan.pk), "--yes")
    assert "no changes to the plan, its recommendations or actions" in out
