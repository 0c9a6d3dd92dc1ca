"""An audit tool as text: sections, questions, scales and guidance (pure Python: no Django).

A council writes its audit form the way it would in a document, one line each:

    Section: The child's voice
    Question seen-alone (yes/partly/no): Was the child seen alone at the last visit?
    Guidance: The visit record says the child was seen without their parents.
    Question views (grade): Are the child's views recorded, and do they shape the plan?

- `Section: title` starts a section; every question belongs to the section above it.
- `Question KEY (SCALE): text` adds a question. KEY is a short name (letters, digits and
  hyphens) that stays the same from one version of the tool to the next, so findings and
  indicators can follow a question across versions. SCALE is `grade` (outstanding, good,
  requires improvement, inadequate) or `yes/partly/no`.
- `Guidance: text` adds guidance to the question above it; a line that starts with none of
  these continues the guidance (or the question, before any guidance).
- Blank lines are ignored.

Every case audit also has an overall grade, which the tool need not ask for.
`parse_tool` reads the text and says which line is wrong, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actionplan.audits.grading import GRADE, OVERALL, SCALES, YES_PARTLY_NO

MAX_QUESTIONS = 100
_SECTION = re.compile(r"section\s*:\s*(?P<title>.*)", re.IGNORECASE)
_QUESTION = re.compile(
    r"question\s+(?P<key>\S+)\s*\((?P<scale>[^)]*)\)\s*:\s*(?P<text>.*)", re.IGNORECASE
)
_GUIDANCE = re.compile(r"guidance\s*:\s*(?P<text>.*)", re.IGNORECASE)
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_SCALE_NAMES = {
    "grade": GRADE,
    "grades": GRADE,
    "graded": GRADE,
    "yes/partly/no": YES_PARTLY_NO,
    "yes / partly / no": YES_PARTLY_NO,
}


class ToolError(ValueError):
    """A tool's text that cannot be used: the message names the line and the problem."""


@dataclass
class Question:
    key: str
    scale: str
    text: str
    guidance: str = ""

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        return SCALES[self.scale]


@dataclass
class Section:
    title: str
    questions: list[Question] = field(default_factory=list)


@dataclass
class Tool:
    sections: list[Section]

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def parse_tool(text: str) -> Tool:
    """The tool `text` describes; ToolError naming the line for anything wrong."""
    sections: list[Section] = []
    keys: dict[str, int] = {}
    last: Question | None = None
    in_guidance = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if m := _SECTION.fullmatch(line):
            title = m["title"].strip()
            if not title:
                raise ToolError(f"Line {number}: give the section a title after 'Section:'")
            sections.append(Section(title))
            last, in_guidance = None, False
        elif m := _QUESTION.fullmatch(line):
            if not sections:
                raise ToolError(f"Line {number}: start with a 'Section:' line before questions")
            last = _question(m, number, keys)
            sections[-1].questions.append(last)
            in_guidance = False
        elif m := _GUIDANCE.fullmatch(line):
            if last is None:
                raise ToolError(f"Line {number}: guidance must follow the question it is for")
            last.guidance = " ".join(x for x in (last.guidance, m["text"].strip()) if x)
            in_guidance = True
        elif last is not None:
            if in_guidance:
                last.guidance = f"{last.guidance} {line}".strip()
            else:
                last.text = f"{last.text} {line}"
        else:
            raise ToolError(
                f"Line {number}: start the line with 'Section:', 'Question KEY (SCALE):' or "
                "'Guidance:'"
            )
    tool = Tool(sections)
    if not tool.questions:
        raise ToolError("The tool has no questions: add at least one 'Question' line")
    for section in sections:
        if not section.questions:
            raise ToolError(f"The section {section.title!r} has no questions")
    if len(keys) > MAX_QUESTIONS:
        raise ToolError(f"The tool has {len(keys)} questions: at most {MAX_QUESTIONS}")
    return tool


def _question(m: re.Match, number: int, keys: dict[str, int]) -> Question:
    key = m["key"].strip().casefold()
    if not _KEY.fullmatch(key):
        raise ToolError(
            f"Line {number}: the question's short name {m['key']!r} may have only letters, "
            "digits and hyphens (at most 40)"
        )
    if key == OVERALL:
        raise ToolError(f"Line {number}: 'overall' is the overall grade's name: choose another")
    if key in keys:
        raise ToolError(f"Line {number}: the short name {key!r} is used on line {keys[key]} too")
    scale = _SCALE_NAMES.get(" ".join(m["scale"].casefold().split()))
    if scale is None:
        raise ToolError(
            f"Line {number}: the scale {m['scale']!r} is not one of: grade, yes/partly/no"
        )
    text = m["text"].strip()
    if not text:
        raise ToolError(f"Line {number}: write the question after the colon")
    keys[key] = number
    return Question(key=key, scale=scale, text=text)


def tool_text(tool: Tool) -> str:
    """The text `parse_tool` reads back as the same tool."""
    lines: list[str] = []
    for section in tool.sections:
        if lines:
            lines.append("")
        lines.append(f"Section: {section.title}")
        for q in section.questions:
            scale = "grade" if q.scale == GRADE else "yes/partly/no"
            lines.append(f"Question {q.key} ({scale}): {q.text}")
            if q.guidance:
                lines.append(f"Guidance: {q.guidance}")
    return "\n".join(lines)
