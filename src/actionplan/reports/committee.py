"""The committee report's details as the command line gives them (`report --committee
FILE.json`, or an option each): checked, with a message naming the field, and put in the
form a draft keeps them (Paper.options["committee"], and the contact officer as the
paper's author). Pure Python: no Django.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from actionplan.core.errors import UserError
from actionplan.reports.data import IMPLICATIONS, SCHEDULE_12A, Author

# What a --committee file may hold: the web form's fields (reports/forms.py).
FIELDS = (
    "report_of",
    "agenda_item",
    "exempt_paragraph",
    "wards",
    "key_decision",
    "implications",
    "background_papers",
    "contact",
)
CONTACT = ("name", "role", "email", "phone")
MAX_TEXT = 2000  # as the web form's implications
MAX_SHORT = {"report_of": 200, "agenda_item": 20, "wards": 500}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def read_file(path: str) -> dict:
    """A --committee file's JSON object; UserError naming the file otherwise."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise UserError(f"--committee {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise UserError(f"--committee {path}: not UTF-8 text") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise UserError(
            f"--committee {path}: not JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from None
    if not isinstance(value, dict):
        raise UserError(f'--committee {path}: give a JSON object, like {{"agenda_item": "7"}}')
    return value


def check(given: dict, where: str = "--committee") -> tuple[dict, Author]:
    """The details checked: (the committee options a draft keeps, the contact officer).
    Each mistake is a UserError that names its field."""
    unknown = [k for k in given if k not in FIELDS]
    if unknown:
        raise UserError(
            f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(FIELDS)}"
        )
    out: dict = {}
    for name, limit in MAX_SHORT.items():
        if given.get(name) is not None:
            out[name] = _text(given[name], f"{where}: {name}", limit)
    paragraph = given.get("exempt_paragraph")
    if paragraph not in (None, "", "open"):
        out["exempt_paragraph"] = _paragraph(paragraph, f"{where}: exempt_paragraph")
    if given.get("key_decision") is not None:
        out["key_decision"] = _yes_no(given["key_decision"], f"{where}: key_decision")
    if given.get("implications") is not None:
        out["implications"] = implications(given["implications"], f"{where}: implications")
    if given.get("background_papers") is not None:
        papers = given["background_papers"]
        if not isinstance(papers, list):
            raise UserError(f"{where}: background_papers must be a list of titles")
        out["background_papers"] = [
            t for i, p in enumerate(papers, 1) if (t := _text(p, f"{where}: background_papers {i}"))
        ]
    return out, contact(given.get("contact") or {}, f"{where}: contact")


def check_options(options: dict) -> dict:
    """The details given as the command's options (--report-of ...), each checked and
    named by its option."""
    out: dict = {}
    for name, limit in MAX_SHORT.items():
        if options.get(name) is not None:
            out[name] = _text(options[name], _flag(name), limit)
    if options.get("exempt_paragraph") not in (None, "", "open"):
        out["exempt_paragraph"] = _paragraph(options["exempt_paragraph"], "--exempt-paragraph")
    if options.get("key_decision") is not None:
        out["key_decision"] = _yes_no(options["key_decision"], "--key-decision")
    return out


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def implications(value, where: str) -> dict[str, str]:
    """Implications by heading (any case: "financial", "Human resources")."""
    if not isinstance(value, dict):
        raise UserError(f'{where} must be an object of heading and text, like {{"Legal": "..."}}')
    headings = {h.casefold(): h for h in IMPLICATIONS}
    out = {}
    for heading, text in value.items():
        known = headings.get(str(heading).strip().casefold().replace("_", " "))
        if known is None:
            raise UserError(
                f"{where}: no heading {heading!r}; the headings are {', '.join(IMPLICATIONS)}"
            )
        if written := _text(text, f"{where}: {known}"):
            out[known] = written
    return out


def implication_option(values: list[str]) -> dict[str, str]:
    """--implication HEADING=TEXT, as often as needed."""
    pairs = {}
    for v in values:
        heading, sep, text = v.partition("=")
        if not sep:
            raise UserError(f"--implication {v!r}: write it as HEADING=TEXT, like Legal=None")
        pairs[heading.strip()] = text
    return implications(pairs, "--implication")


def contact(value, where: str) -> Author:
    if not isinstance(value, dict):
        raise UserError(f"{where} must be an object with {', '.join(CONTACT)}")
    unknown = [k for k in value if k not in CONTACT]
    if unknown:
        raise UserError(
            f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(CONTACT)}"
        )
    author = Author(**{k: _text(value.get(k) or "", f"{where}: {k}", 200) for k in CONTACT})
    if author.email and not EMAIL.fullmatch(author.email):
        raise UserError(f"{where}: email {author.email!r} is not an email address")
    return author


def _text(value, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise UserError(f"{where} must be text")
    text = " ".join(value.split())
    if len(text) > limit:
        raise UserError(f"{where} must be {limit} characters or fewer")
    return text


def _paragraph(value, where: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = 0
    if isinstance(value, bool) or n not in SCHEDULE_12A:
        raise UserError(
            f"{where} must be a paragraph of Schedule 12A, 1 to 7 (or open), not {value!r}"
        )
    return n


def _yes_no(value, where: str) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in ("yes", "true", "1"):
        return True
    if word in ("no", "false", "0"):
        return False
    raise UserError(f"{where} must be yes or no, not {value!r}")
