"""A paper's sections in the order of its kind's frame template, so that the Word paper
follows the order the HTML and PDF paper is printed in (docs/adr/0035).

The frame (html.TEMPLATES: reports/paper.html, performance.html, highlight.html) is found
as the HTML paper finds it, so a council's own frame in its PAPER_TEMPLATES folder comes
first. Its sections, in the order they stand inside <body> (what is in <head> is not a
section), are:
- each `{% include "..." %}` of a template named as a string: the section is that
  template's name, with the number the include gives as a figure (`with number=4`);
- each <section> written in the frame itself, by its `aria-labelledby` id ("section-5",
  "annex-a"): the includes inside it are part of it.
Both are read through `{% if %}`, `{% with %}` and the like, never through a comment. A
frame that `{% extends %}` another is read as its own nodes only (docs/papers.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.checks import CheckMessage, Warning
from django.template.backends.django import Template as DjangoTemplate
from django.template.base import Node, NodeList, TextNode, Variable, VariableNode
from django.template.loader import get_template
from django.template.loader_tags import IncludeNode

from actionplan.reports.data import KINDS, PROGRESS
from actionplan.reports.html import TEMPLATES
from actionplan.reports.word import WRITERS, Part

# An opening or closing <head> or <section> tag, and a section's aria-labelledby id.
_TAG = re.compile(r"<(/?)(head|section)\b([^>]*)>?", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MARKUP = re.compile(r"<[^>]*>?")
_LABELLED = re.compile(r"""aria-labelledby\s*=\s*["']([^"'{}]+)["']""", re.IGNORECASE)


def section_order(kind: str) -> tuple[Part, ...]:
    """The sections of the frame template of the paper kind `kind` (a key of data.KINDS;
    anything else is the progress report, as for the HTML paper), in order."""
    frame = get_template(TEMPLATES.get(kind, TEMPLATES[PROGRESS]))
    if not isinstance(frame, DjangoTemplate):  # the papers are Django templates (settings)
        raise TypeError(f"{frame!r} is not a Django template: its sections cannot be read")
    return tuple(_Reader().parts(frame.template.nodelist))


def unwritten(kind: str) -> list[str]:
    """The names of the sections of `kind`'s frame that the Word paper cannot write."""
    return [p.name for p in section_order(kind) if p.name not in WRITERS]


def check_paper_sections() -> list[CheckMessage]:
    """The system check (apps.py): `actionplan check`, and every command that runs the
    checks, warns of a council's section that the Word paper prints as a note instead."""
    return [
        Warning(
            f"The {kind} paper's template has a section the Word paper cannot write: {name!r}",
            hint="The Word paper shows a note in its place; the HTML and PDF have it "
            '(docs/papers.md, "A council\'s own section order").',
            obj=TEMPLATES[kind],
            id="reports.W001",
        )
        for kind in KINDS
        for name in unwritten(kind)
    ]


class _Reader:
    """Walks a template's nodes in order, keeping track of <head> and <section> tags."""

    def __init__(self) -> None:
        self.head = False  # inside <head>
        self.depth = 0  # how many <section>s written in the frame are open

    def parts(self, nodes: NodeList) -> Iterator[Part]:
        for node in nodes:
            if isinstance(node, TextNode):
                yield from self._text(node.s)
            elif isinstance(node, IncludeNode):
                name = node.template.var  # a string when the include names one
                if not (self.head or self.depth):  # else part of <head> or of a <section>
                    label = str(name) if isinstance(name, str) else f"{{% include {name} %}}"
                    yield Part(label, _number(node))
            elif isinstance(node, VariableNode):
                if not (self.head or self.depth):
                    yield Part(f"{{{{ {node.filter_expression.token} }}}}")
            else:
                for attr in node.child_nodelists:
                    children = getattr(node, attr, None)
                    if isinstance(children, NodeList):
                        yield from self.parts(children)

    def _text(self, text: str) -> Iterator[Part]:
        text = _COMMENT.sub("", text)
        at = 0
        for tag in [*_TAG.finditer(text), None]:
            if not self.head and not self.depth:  # words written outside any section
                words = " ".join(_MARKUP.sub(" ", text[at : tag.start() if tag else None]).split())
                if words:
                    yield Part(f"the words {words[:40]!r}")
            if tag is None:
                return
            at = tag.end()
            closing, name, attrs = tag.group(1) == "/", tag.group(2).lower(), tag.group(3)
            if name == "head":
                self.head = not closing
            elif closing:
                self.depth = max(self.depth - 1, 0)
            else:
                if not self.depth and not self.head:
                    labelled = _LABELLED.search(attrs)
                    # A section whose id is not written out in full has no name to know it by.
                    yield Part(labelled.group(1) if labelled else "a <section> without an id")
                self.depth += 1


def _number(node: Node) -> int | None:
    """The number an include gives its section, when it is a figure (`with number=4`)."""
    number = getattr(node, "extra_context", {}).get("number")
    var = getattr(number, "var", None)
    if isinstance(var, Variable) and isinstance(var.literal, int):
        return var.literal
    return None
