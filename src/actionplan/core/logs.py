"""Logs: plain lines or JSON lines (LOG_FORMAT), each carrying the id of the request it
belongs to. No Django here: the gunicorn config uses it before Django is set up.

What a log line holds is chosen here, field by field: a record's other attributes (Django
puts the whole request on some) are never written, so no request body, form value or
cookie reaches a log.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid

FORMATS = ("plain", "json")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Set by the web's middleware for the length of a request; "-" outside one (the worker,
# commands, gunicorn's own messages).
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# What we accept from a proxy's X-Request-ID (nginx's $request_id is 32 hex digits, others
# send UUIDs): short, and nothing that could break a log line or a header.
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def accepted_request_id(value: str | None) -> str:
    """The proxy's id if it is well formed, else a new one."""
    if value and _WELL_FORMED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Gives every record the current request's id, as `request_id`. gunicorn writes its
    access line once the request is over, so that one takes the id from the response."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request_id"):
            return True
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            record.request_id = record.args.get("{x-request-id}o") or "-"
        else:
            record.request_id = request_id.get()
        return True


# gunicorn's access log hands its atoms as the record's args: what we keep of them.
_ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "s": "status",
    "B": "bytes",
    "h": "remote",
}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id; an exception's
    traceback as `exception`; for gunicorn's access log, the request's method, path,
    status, size, duration and id as fields of their own."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            entry.update({name: atoms.get(atom) for atom, name in _ACCESS_FIELDS.items()})
            entry["duration_ms"] = round(int(atoms.get("D", 0)) / 1000, 1)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


PLAIN = "{asctime} {levelname} {name} [{request_id}] {message}"


def config(fmt: str, level: str, loggers: tuple[str, ...] = ("django",)) -> dict:
    """A logging.config.dictConfig for standard error in `fmt` (plain or json) at `level`.
    `loggers` are given our handler and not propagated, so that a library's own handler
    (Django's console one, gunicorn's) does not print each message a second time."""
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": PLAIN, "style": "{"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"actionplan": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "actionplan",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            name: {"handlers": ["stderr"], "level": level, "propagate": False} for name in loggers
        },
    }
