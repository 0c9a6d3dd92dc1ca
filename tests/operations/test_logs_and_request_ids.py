"""Logs: plain or JSON lines, each with the request's id (the proxy's X-Request-ID when well
formed, else a new one, echoed in the response); never a request's body."""

from __future__ import annotations

import json
import logging
import logging.config
import re

import pytest
from django.http import HttpResponse
from django.urls import include, path
from gunicorn.glogging import Logger as GunicornLogger

from actionplan.config import gunicorn_conf, urls
from actionplan.core import logs

SECRET = "hunter2-correct-horse"


def fails(request):
    raise RuntimeError("the view broke")


def says_hello(request):
    logging.getLogger("actionplan.test").info("hello from the view")
    return HttpResponse("hello")


# The service's own pages, and two more.
urlpatterns = [path("fails/", fails), path("hello/", says_hello), path("", include(urls))]


@pytest.fixture
def log_as(settings, capsys):
    """Configure logging as the service does in the given format; returns a reader of the
    lines written to standard error."""
    settings.ROOT_URLCONF = __name__

    def configure(fmt: str):
        logging.config.dictConfig(logs.config(fmt, "INFO"))
        return lambda: capsys.readouterr().err.splitlines()

    yield configure
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.parametrize(
    "given",
    ["5f0c6d1e9a8b4c3d2e1f0a9b8c7d6e5f", "0b0c9b6a-53c5-4a5e-9a84-6a7d0e5a1f22", "lb.1:abc_d-e"],
)
def test_a_well_formed_request_id_is_kept(given):
    assert logs.accepted_request_id(given) == given


@pytest.mark.parametrize("given", [None, "", "a b", "id\nforged line", "x" * 129, "-leading"])
def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(given):
    made = logs.accepted_request_id(given)

    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert made != logs.accepted_request_id(given)


@pytest.mark.django_db
def test_the_response_carries_the_request_id_given_or_made(client, settings):
    settings.ROOT_URLCONF = __name__

    assert client.get("/hello/", HTTP_X_REQUEST_ID="req-1")["X-Request-ID"] == "req-1"
    made = client.get("/hello/", HTTP_X_REQUEST_ID="bad id")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    # Even a redirect made before any view (sign-in) carries it.
    assert client.get("/plans/", HTTP_X_REQUEST_ID="req-2")["X-Request-ID"] == "req-2"


@pytest.mark.django_db
def test_json_lines_carry_the_request_id_of_the_request_that_logged(client, log_as):
    read = log_as("json")

    client.get("/hello/", HTTP_X_REQUEST_ID="req-hello")
    logging.getLogger("actionplan.test").info("after the request")

    entries = [json.loads(line) for line in read()]
    during, after = entries
    assert during["message"] == "hello from the view"
    assert during["request_id"] == "req-hello"
    assert during["level"] == "INFO"
    assert during["logger"] == "actionplan.test"
    assert during["time"].endswith("+00:00")
    assert after["request_id"] == "-"


@pytest.mark.django_db
def test_a_failing_request_is_logged_with_its_traceback_and_never_its_body(client, log_as):
    read = log_as("json")
    client.raise_request_exception = False

    response = client.post(
        "/fails/",
        {"password": SECRET, "narrative": SECRET},
        HTTP_X_REQUEST_ID="req-500",
        HTTP_COOKIE=f"sessionid={SECRET}",
    )

    assert response.status_code == 500
    lines = read()
    assert SECRET not in "\n".join(lines)
    entry = json.loads(lines[-1])
    assert entry["logger"] == "django.request"
    assert entry["request_id"] == "req-500"
    assert "RuntimeError: the view broke" in entry["exception"]


@pytest.mark.django_db
def test_plain_lines_carry_the_request_id_too(client, log_as):
    read = log_as("plain")

    client.post("/no-such-page/", {"password": SECRET}, HTTP_X_REQUEST_ID="req-404")

    (line,) = read()
    assert "WARNING django.request [req-404] Not Found: /no-such-page/" in line
    assert SECRET not in line


def gunicorn_access_record(fmt: str) -> str:
    """What gunicorn's access logger hands the formatter for one request."""

    class Response:
        status = "200 OK"
        sent = 5120
        headers = [("Content-Type", "text/html"), ("X-Request-ID", "req-access")]

    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/plans/1/actions/2/update/?as_at=2013-03-15",
        "PATH_INFO": "/plans/1/actions/2/update/",
        "QUERY_STRING": "as_at=2013-03-15",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_COOKIE": f"sessionid={SECRET}",
    }
    import datetime as dt

    from gunicorn.config import Config

    logger = GunicornLogger(Config())
    atoms = logger.atoms_wrapper_class(
        logger.atoms(
            Response(),
            [("Cookie", f"sessionid={SECRET}")],
            environ,
            dt.timedelta(microseconds=12345),
        )
    )
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, "", 0, gunicorn_conf.access_log_format, (atoms,), None
    )
    logs.RequestIdFilter().filter(record)
    handler_config = logs.config(fmt, "INFO")["formatters"]["actionplan"]
    formatter = (
        logs.JsonFormatter()
        if fmt == "json"
        else logging.Formatter(handler_config["format"], style="{")
    )
    return formatter.format(record)


def test_gunicorns_access_lines_in_json_have_fields_and_no_cookie():
    entry = json.loads(gunicorn_access_record("json"))

    assert entry["method"] == "POST"
    assert entry["path"] == "/plans/1/actions/2/update/"
    assert entry["status"] == "200"
    assert entry["bytes"] == 5120
    assert entry["duration_ms"] == 12.3
    assert entry["request_id"] == "req-access"
    assert SECRET not in json.dumps(entry)
    assert "as_at" not in json.dumps(entry)


def test_gunicorns_plain_access_lines_carry_the_request_id():
    line = gunicorn_access_record("plain")

    assert (
        'INFO gunicorn.access [req-access] 127.0.0.1 "POST /plans/1/actions/2/update/ HTTP/1.1"'
        in line
    )
    assert SECRET not in line
    assert "as_at" not in line
