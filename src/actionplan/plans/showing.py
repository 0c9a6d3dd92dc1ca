"""A plan in the terminal: the readable summary `parse` prints, and the tree `show` draws.

Both work on a PlanDocument, so a parsed file and a stored plan look the same; nothing
here needs the database.
"""

from __future__ import annotations

import io
from collections import defaultdict

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from actionplan import interchange as ix
from actionplan.core.wording import action_label
from actionplan.interchange.sheet import latest_progress

RAG_STYLES = {
    "red": "bold red",
    "amber": "bold dark_orange",
    "green": "bold green",
    "blue": "bold blue",
}


def _names(parties: list[ix.Party]) -> str:
    return ", ".join(p.name for p in parties)


def _date(d) -> str:
    return d.isoformat() if d else "no date"


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _action_label(a: ix.Action, i: int) -> str:
    return action_label(a.ref, a.number, i)


def all_warnings(doc: ix.PlanDocument) -> list[str]:
    """Every warning, the plan's first, then each action's own where it says something new."""
    lines = [f"{w.where}: {w.message}" + (f" ({w.text!r})" if w.text else "") for w in doc.warnings]
    known = {w.message for w in doc.warnings}
    for rec in doc.recommendations:
        for i, a in enumerate(rec.actions, start=1):
            for message in a.warnings:
                if message not in known:
                    where = f"Recommendation {rec.number}, action {_action_label(a, i)}"
                    lines.append(f"{where}: {message}")
    return lines


def summary(doc: ix.PlanDocument) -> str:
    """The plan in a few lines: what `actionplan parse` prints."""
    info = doc.plan
    labels = {t.key: t.label for t in info.timescales}
    out = [info.title]
    if info.organisation or info.lead_body:
        out.append(f"Organisation: {info.organisation or '-'}   Lead body: {info.lead_body or '-'}")
    if info.inspection:
        out.append(f"Inspection: {info.inspection}")
    out.append(f"Period: {_date(info.period.start)} to {_date(info.period.end)}")
    if info.timescales:
        out.append("Timescales:")
        out += [f"  {t.label}: due {_date(t.due)}" for t in info.timescales]
    actions = sum(len(r.actions) for r in doc.recommendations)
    out.append(f"Recommendations: {len(doc.recommendations)}, with {actions} actions")
    for r in doc.recommendations:
        timescale = labels.get(r.timescale or "", r.timescale or "no timescale")
        owner = f"; owner {_names(r.overall_responsibility)}" if r.overall_responsibility else ""
        n = len(r.actions)
        out.append(f"  {r.number:>5}  {_short(r.title, 70)}")
        out.append(f"         {timescale}; {n} action{'s' * (n != 1)}{owner}")
    out.append(f"People: {len(doc.people)}   Bodies: {len(doc.bodies)}")
    warnings = all_warnings(doc)
    out.append(f"Warnings: {len(warnings)}")
    out += [f"  - {w}" for w in warnings]
    return "\n".join(out) + "\n"


def _rag(a: ix.Action) -> Text | None:
    p = latest_progress(a)
    if not p or not p.rag:
        return None
    return Text(f" [{p.rag.upper()}]", style=RAG_STYLES.get(p.rag.lower(), "bold"))


def plan_tree(doc: ix.PlanDocument) -> Tree:
    """Plan → recommendations (timescale, owner) → actions (ref, leads, RAG) → their
    milestones and reporting lines; sub-actions sit under their parent."""
    info = doc.plan
    labels = {t.key: t for t in info.timescales}
    title = Text(info.title, style="bold")
    title.append(f"  {info.organisation}  {_date(info.period.start)} to {_date(info.period.end)}")
    root = Tree(title)
    for r in doc.recommendations:
        label = Text(f"{r.number} ", style="bold cyan")
        label.append(_short(r.title))
        ts = labels.get(r.timescale or "")
        if ts:
            label.append(f"  {ts.label}, due {_date(ts.due)}", style="magenta")
        if r.overall_responsibility:
            label.append(f"  owner: {_names(r.overall_responsibility)}", style="italic")
        rec_node = root.add(label)
        _add_actions(rec_node, r.actions)
    return root


def _action_node(a: ix.Action, i: int) -> Text:
    line = Text(f"{_action_label(a, i)} ", style="bold")
    line.append(_short(a.text))
    if a.leads:
        line.append(f"  lead: {_names(a.leads)}", style="green")
    rag = _rag(a)
    if rag:
        line.append_text(rag)
    return line


def _add_actions(rec_node: Tree, actions: list[ix.Action]) -> None:
    """Add the actions under their recommendation, each sub-action under its parent."""
    refs = {a.ref for a in actions if a.ref}
    children: dict[str | None, list[tuple[int, ix.Action]]] = defaultdict(list)
    for i, a in enumerate(actions, start=1):
        parent = a.parent_ref if a.parent_ref in refs and a.parent_ref != a.ref else None
        children[parent].append((i, a))
    drawn: set[int] = set()

    def add(node: Tree, parent: str | None) -> None:
        for i, a in children.get(parent, []):
            if i in drawn:
                continue
            drawn.add(i)
            action_node = node.add(_action_node(a, i))
            for m in a.milestones:
                action_node.add(Text(f"milestone {_date(m.due)}: {_short(m.text, 80)}"))
            for rp in a.reporting:
                when = rp.frequency or _date(rp.due)
                action_node.add(
                    Text(f"reports to {rp.body or '?'} ({when}): {_short(rp.text, 60)}")
                )
            if a.ref:
                add(action_node, a.ref)

    add(rec_node, None)
    # Parents that point round in a circle: draw those actions at the top level.
    children[None] = [(i, a) for i, a in enumerate(actions, start=1) if i not in drawn]
    add(rec_node, None)


def render_tree(doc: ix.PlanDocument, *, colour: bool, width: int | None = None) -> str:
    """The tree as text: with colour for a terminal, wrapped to `width`; plain and one line
    per node for a pipe or a file."""
    width = width or (120 if colour else 10_000)
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=colour, no_color=not colour, width=width, highlight=False
    )
    console.print(plan_tree(doc))
    return buffer.getvalue()
