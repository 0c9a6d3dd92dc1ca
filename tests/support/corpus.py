"""The corpus of real plan layouts (tests/importing/corpus/): each case a plan file and the
expected.json a careful reader wrote. `differences` compares what the importer made of a case
with what the reader saw, fact by fact; `table` is the docs/importing.md table.

    PYTHONPATH=tests .venv/bin/python -m support.corpus [CORPUS_DIR] [-v]   # the table
                                                                     # (-v: and what is wrong)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from actionplan.importing.errors import PlanReadError
from actionplan.importing.layout import Layout
from actionplan.importing.pipeline import parse_file
from actionplan.interchange import Action, PlanDocument

CORPUS = Path(__file__).resolve().parents[1] / "importing" / "corpus"

# Cases whose expected.json states a fact that the file or the DOMAIN rules contradict: the
# fact, and why. The importer is not bent to them; test_corpus.py checks that these cases
# differ in that fact alone, and that a corrected case leaves this list.
DISPUTED: dict[str, tuple[str, str]] = {}
PLAN_SUFFIXES = (".docx", ".xlsx", ".csv", ".txt")


def cases(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p.parent for p in corpus.glob("*/expected.json"))


def expected_of(case: Path) -> dict:
    return json.loads((case / "expected.json").read_text(encoding="utf-8"))


def plan_file(case: Path) -> Path:
    (found,) = [p for p in case.iterdir() if p.suffix.lower() in PLAN_SUFFIXES]
    return found


def layout_of(expected: dict) -> Layout:
    """The case's layout as the importer's layout JSON (the same keys, the same meanings)."""
    given = expected["layout"]
    return Layout.from_json(
        json.dumps(
            {
                "sheet": given.get("sheet"),
                "header_row": given.get("header_row"),
                "columns": given.get("columns") or {},
            }
        )
    )


def _fold(text: str | None) -> str:
    """Compared ignoring case, spacing, trailing punctuation and the kind of apostrophe."""
    text = (text or "").replace("’", "'")
    return " ".join(text.split()).casefold().rstrip(" .:;")


def _due(action: Action) -> str | None:
    due = action.due or next((m.due for m in action.milestones if m.due), None)
    return due.isoformat() if due else None


def _reporting_date(action: Action) -> str | None:
    dates = [r.due for r in action.reporting if r.due]
    return max(dates).isoformat() if dates else None


def _rag(action: Action) -> tuple[str | None, bool]:
    latest = action.progress[-1] if action.progress else None
    return (latest.rag, latest.rag_colour is not None) if latest else (None, False)


def differences(case: Path, *, with_layout: bool) -> list[str]:
    """Every fact the importer got wrong, as 'where: what (expected ...)'; [] when all right."""
    expected = expected_of(case)
    try:
        doc = parse_file(plan_file(case), layout_of(expected) if with_layout else None)
    except PlanReadError as e:
        return [f"refused: {e.problem.splitlines()[0]}"]
    return _compare(expected, doc)


def _compare(expected: dict, doc: PlanDocument) -> list[str]:
    out: list[str] = []
    want = expected["recommendations"]
    got = doc.recommendations
    if [r["number"] for r in want] != [r.number for r in got]:
        out.append(
            f"recommendations {[r.number for r in got]} (expected {[r['number'] for r in want]})"
        )
        return out
    for w, g in zip(want, got, strict=True):
        where = f"recommendation {w['number']}"
        if _fold(w["title"]) != _fold(g.title):
            out.append(f"{where}: title {g.title[:50]!r} (expected {w['title'][:50]!r})")
        actions = w["actions"]
        if "objectives" in w:
            objectives = [(o["number"], _fold(o["title"])) for o in w["objectives"]]
            if objectives != [(o.number, _fold(o.title)) for o in g.objectives]:
                out.append(f"{where}: objectives {[o.number for o in g.objectives]}")
            actions = [
                {**a, "_objective": o["number"]} for o in w["objectives"] for a in o["actions"]
            ]
        if len(actions) != len(g.actions):
            out.append(f"{where}: {len(g.actions)} actions (expected {len(actions)})")
            continue
        for a, action in zip(actions, g.actions, strict=True):
            out += [f"{where}, action {a['ref'] or action.ref}: {d}" for d in _action(a, action)]
    return out


def _action(want: dict, got: Action) -> list[str]:
    out = []
    if want["ref"] is None and not got.ref_inferred:
        out.append(f"ref {got.ref!r} (the plan gives none)")
    elif want["ref"] is not None and want["ref"] not in (got.ref, got.number):
        # A ref is unique within its recommendation; a number the plan uses twice keeps its
        # number as written, and the ref tells the two apart.
        out.append(f"ref {got.ref!r} (expected {want['ref']!r})")
    if "_objective" in want and want["_objective"] != got.objective:
        out.append(f"objective {got.objective!r} (expected {want['_objective']!r})")
    if not _fold(got.text).startswith(_fold(want["text_starts"])):
        out.append(f"text {got.text[:40]!r} (expected {want['text_starts']!r})")
    # A party is named by its fullest form ("Director of Children's Services") and keeps the
    # words the plan used ("DCS"); either answers the reader's name.
    wanted = sorted((_fold(p["name"]), p["kind"]) for p in want["leads"])
    written = sorted(
        (_fold(p.text) if (_fold(p.text), p.kind.value) in wanted else _fold(p.name), p.kind.value)
        for p in got.leads
    )
    if written != wanted:
        out.append(f"leads {[(p.name, p.kind.value) for p in got.leads]}")
    if want["due"] != _due(got):
        out.append(f"due {_due(got)} (expected {want['due']})")
    rag, from_colour = _rag(got)
    if (want["rag"], want["rag_from_colour"]) != (rag, from_colour):
        out.append(f"rag {rag} from colour {from_colour} (expected {want['rag']})")
    if _fold(want["success_criteria"])[:40] != _fold(got.success_criteria)[:40]:
        out.append(f"success criteria {got.success_criteria[:40]!r}")
    if [_fold(s) for s in want["steps"]] != [_fold(s) for s in got.steps]:
        out.append(f"steps {got.steps}")
    if want["reporting_date"] != _reporting_date(got):
        out.append(f"reporting date {_reporting_date(got)} (expected {want['reporting_date']})")
    return out


def table(corpus: Path = CORPUS) -> str:
    rows = [
        "| case | format | kind | unaided | with its layout |",
        "| --- | --- | --- | --- | --- |",
    ]
    for case in cases(corpus):
        expected = expected_of(case)
        marks = []
        for with_layout in (False, True):
            found = differences(case, with_layout=with_layout)
            disputed = " (disputed)" if case.name in DISPUTED else ""
            marks.append("right" if not found else f"{len(found)} facts differ{disputed}")
        kind = expected["source"].get("kind", "")
        rows.append(f"| {case.name} | {expected['format']} | {kind} | {marks[0]} | {marks[1]} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    corpus = Path(args[0]) if args else CORPUS
    print(table(corpus), end="")
    if "-v" in sys.argv:  # and what is wrong, case by case
        for case in cases(corpus):
            for with_layout in (False, True):
                for line in differences(case, with_layout=with_layout):
                    print(f"{case.name[:2]} {'L' if with_layout else 'U'} {line}", file=sys.stderr)
