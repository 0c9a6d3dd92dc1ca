"""What a plan says before its first table: the council, the covering report that took it
to committee (with the inspection's recommendations listed), the plan's title, inspection,
period and timescale definitions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from actionplan.importing.dates import find_dates, parse_date
from actionplan.importing.readers.rows import Row
from actionplan.interchange import Cover, Period, PlanInfo, Reporting, Timescale

# The pipeline's warn(message, *, rec=..., action=..., text=..., where=...).
Warn = Callable[..., None]

_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+){1,4}(?:County |City |Borough |District |Metropolitan Borough )?Council)\b",
    re.IGNORECASE,
)
_TIMESCALE = re.compile(
    r"^\s*(?P<label>(?P<key>immediate|short|medium|long)(?:[\s-]*term)?)\s*:?\s*$", re.IGNORECASE
)
_TIMESCALE_INLINE = re.compile(
    r"^\s*(?P<label>(?P<key>immediate|short|medium|long)(?:[\s-]*term)?)\s*:\s*(?P<text>.+)$",
    re.IGNORECASE,
)
_INSPECTORATES = {
    "Ofsted": re.compile(r"\bofsted\b", re.IGNORECASE),
    "CQC": re.compile(r"\bCQC\b|Care Quality Commission"),
    "HMICFRS": re.compile(r"\bHMICFRS\b"),
    "HMI Probation": re.compile(r"HMI Probation"),
    "Estyn": re.compile(r"\bEstyn\b"),
}
_PLAN_TITLE = re.compile(
    r"(action plan|improvement plan|statement of action|business plan|\bplan\b.*\b20\d\d"
    r"|tracker|pledges|progress update|action list)",
    re.IGNORECASE,
)
# "Strategic lead: ...", "Plan owner: ...", "Lead director: ...", "Report of: ...".
_LEAD_LINE = re.compile(
    r"^(?:strategic\s+lead|lead\s+(?:director|officer|member)|plan\s+owner|senior\s+responsible"
    r"\s+officer|lead|owner|report\s+of|accountable\s+officer)\b[^:]{0,40}:\s*(?P<who>.+)$",
    re.IGNORECASE,
)
_OBJECTIVES = re.compile(r"^(?:our\s+|key\s+|plan\s+)?objectives?\s*:?\s*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*[-•–*]\s+(?P<text>.+)$")


def _text(row: Row) -> str:
    return " ".join(c.strip() for c in row.cells if c.strip())


def _tidy_case(text: str) -> str:
    return text.title().replace("'S ", "'s ") if text.isupper() else text


def read_front_matter(rows: list[Row], all_text: str, file_name: str) -> PlanInfo:
    lines = [_text(r) for r in rows]
    organisation = next(
        (_tidy_case(m.group(1).strip()) for t in lines[:10] if (m := _COUNCIL.search(t))), ""
    )
    cover = _read_cover(rows)
    body = lines[_cover_end(lines) :] if cover else lines
    title = (
        next(
            (
                t.removeprefix("COVERING REPORT").strip()
                for t in body
                if _PLAN_TITLE.search(t) and len(t) < 90 and not t.endswith(":")
            ),
            cover.title if cover else "",
        )
        or _first_statement(body)
        or file_name
    )
    inspection = next(
        (
            t
            for t in body
            if re.match(r"^(?:the\s+)?(?:joint\s+)?(?:targeted\s+)?inspection\b", t, re.IGNORECASE)
            and len(t) < 160
        ),
        "",
    )
    period = Period()
    for t in body:
        matches = find_dates(t)
        if (
            len(matches) == 1
            and matches[0].date.precision == "range"
            and len(t) - len(matches[0].date.text) < 8
        ):
            period = Period(start=matches[0].date.start, end=matches[0].date.due)
            break
    window = (period.start, period.end) if period.start and period.end else None
    timescales = _read_timescales(rows, window)
    counts = Counter({name: len(p.findall(all_text)) for name, p in _INSPECTORATES.items()})
    inspectorate = counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] else ""
    lead = next((m.group("who").strip() for t in lines if (m := _LEAD_LINE.match(t))), "")
    return PlanInfo(
        strategic_lead=lead,
        objectives=_objectives(lines),
        front_matter=[t for t in lines if t],
        title=_tidy_case(title),
        organisation=organisation,
        period=period,
        timescales=timescales,
        inspection=inspection,
        inspectorate=inspectorate,
        cover=cover,
    )


def _read_timescales(rows: list[Row], window) -> list[Timescale]:
    out: list[Timescale] = []
    for row in rows:
        cells = [c.strip() for c in row.cells if c.strip()]
        if not cells:
            continue
        label = text = ""
        if len(cells) >= 2 and (m := _TIMESCALE.match(cells[0])):
            label, key, text = m.group("label"), m.group("key"), " ".join(cells[1:])
        elif len(cells) == 1 and (m := _TIMESCALE_INLINE.match(cells[0])):
            label, key, text = m.group("label"), m.group("key"), m.group("text")
        else:
            continue
        key = key.lower()
        if any(t.key == key for t in out):
            continue
        matches = find_dates(text, window)
        due = max((m.date.due for m in matches), default=None)
        out.append(
            Timescale(
                key=key,
                label=label.strip().capitalize().replace("term", "term"),
                due=due,
                text=text,
            )
        )
    return out


def _cover_end(lines: list[str]) -> int:
    """The covering report ends at its 'Annexes' line or at its last contact detail."""
    for i, t in enumerate(lines):
        if re.match(r"^(annexes?|appendix|appendices)\b", t, re.IGNORECASE):
            return i + 1
    return 0


def _read_cover(rows: list[Row]) -> Cover | None:
    lines = [_text(r) for r in rows]
    at = next(
        (
            i
            for i, t in enumerate(lines[:40])
            if re.search(r"covering report|report to|report of", t, re.IGNORECASE)
        ),
        None,
    )
    if at is None:
        return None
    cover = Cover(title=re.sub(r"(?i)^covering report\s*", "", lines[at]).strip())
    committee = next(
        (
            t
            for t in lines[:at]
            if re.search(r"committee|board|panel|cabinet|executive", t, re.IGNORECASE)
        ),
        "",
    )
    cover.committee = _tidy_case(committee)
    for t in lines[at : at + 6]:
        parsed = parse_date(t)
        if parsed and parsed.precision == "day" and len(t) - len(parsed.text) < 4:
            cover.date = parsed.due
            break
    for row in rows:
        cells = [c.strip() for c in row.cells if c.strip()]
        if (
            cells
            and re.match(
                r"^(report )?(compiled|written|prepared) by:?$|^author:?$", cells[0], re.IGNORECASE
            )
            and len(cells) > 1
        ):
            name, _, role = cells[1].partition(",")
            cover.author, cover.author_role = name.strip(), role.strip()
    cover.recommendations = _read_list(lines)
    return cover


def _read_list(lines: list[str]) -> list[str]:
    """The bulleted list of the inspection's recommendations, with items that run over a
    line break joined back together."""
    items: list[str] = []
    start = next(
        (
            i
            for i, t in enumerate(lines)
            if re.search(r"recommendations|areas for (improvement|development)", t, re.IGNORECASE)
        ),
        None,
    )
    if start is None:
        return items
    for t in lines[start + 1 :]:
        if not t:
            continue
        if m := _LIST_ITEM.match(t):
            items.append(m.group("text").strip())
        elif items and t[:1].islower():
            items[-1] = f"{items[-1]} {t.strip()}"
        elif items:
            break
    return items


def _first_statement(lines: list[str]) -> str:
    """The first short line that is not a date, a council's name or an appendix label: what
    a document with no 'action plan' in its title calls itself."""
    for t in lines:
        if (
            t
            and len(t) < 90
            and not parse_date(t)
            and not _COUNCIL.fullmatch(t)
            and not re.match(r"^(appendix|annex)\b", t, re.IGNORECASE)
        ):
            return t
    return ""


def _objectives(lines: list[str]) -> list[str]:
    """The lines under an 'Objectives:' line, up to the next line ending with a colon."""
    out: list[str] = []
    for i, t in enumerate(lines):
        if _OBJECTIVES.match(t):
            for item in lines[i + 1 :]:
                if not item or item.endswith(":") or len(item) > 300:
                    break
                out.append(_LIST_ITEM.sub(r"\g<text>", item).strip())
            break
    return out


# The meeting a progress update goes to, as a plan's front matter or a column header says:
# "Update for the Scrutiny Sub-Committee – July 2014", "Children and Families Committee:
# 23 May 2022", "Progress presented to Committee Dec 2017".
_MEETING = re.compile(
    r"^(?:(?:progress\s+)?update|(?:progress\s+)?report)\s+(?:for|to)\s+(?:the\s+)?"
    r"(?P<body>.{3,100}?)(?:\s[–—-]\s|:\s*)(?P<when>[^:]{3,40})$"
    r"|^(?P<named>[A-Z].{2,80}?\b(?:Committee|Board|Cabinet|Panel))(?:\s[–—-]\s|:\s*)"
    r"(?P<on>[^:]{3,40})$",
    re.IGNORECASE,
)
_PRESENTED = re.compile(
    r"\b(?:presented|reported|submitted)\s+to\s+(?:the\s+)?(?P<body>.{3,80}?)\s+"
    r"(?P<when>(?:[A-Za-z]+\.?\s+)?\d{4})$",
    re.IGNORECASE,
)


def reporting_meeting(
    front: list[str], progress_headers: list[str], period, warn: Warn
) -> Reporting | None:
    """The committee meeting the whole update goes to, when the plan names one with its
    date: each action is reported there."""
    lines = [(line, _MEETING.match) for line in front]
    lines += [(header, _PRESENTED.search) for header in progress_headers[:1]]
    for line, reads in lines:
        line = " ".join(line.split())
        m = reads(line)
        if m is None:
            continue
        body = m.group("body") or m.group("named")
        when = parse_date(m.group("when") or m.group("on"), period)
        if when is None or when.precision not in ("day", "month", "part-month"):
            continue
        warn(
            f"each action is taken to be reported to {body} ({when.text}), as the plan says",
            where="plan",
            text=line,
        )
        return Reporting(
            text=line, body=body, due=when.due, start=when.start, precision=when.precision
        )
    return None
