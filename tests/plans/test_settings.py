"""Settings come from the environment, and a value that makes no sense stops the service."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from actionplan.core.env import env_bool, env_choice, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("Yes", True), ("off", False), ("", True)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("FLAG", value)

    assert env_bool("FLAG", True) is expected


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "ture")

    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_env_int_rejects_a_value_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("CONN_MAX_AGE", "ten")

    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE must be a whole number"):
        env_int("CONN_MAX_AGE", 0)


def test_env_int_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)

    assert env_int("CONN_MAX_AGE", 60) == 60


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example, b.example ,,")

    assert env_list("ALLOWED_HOSTS", ["x"]) == ["a.example", "b.example"]


def test_env_list_and_env_str_use_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)

    assert env_list("ALLOWED_HOSTS", ["x"]) == ["x"]
    assert env_str("ALLOWED_HOSTS", "y") == "y"


def test_env_choice_rejects_an_unknown_value(monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "LOUD")

    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of DEBUG, INFO"):
        env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO"))


def settings_with(**env) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly these variables set."""
    base = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    code = (
        "import json; from actionplan.config import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'db': s.DATABASES['default'], "
        "'hosts': s.ALLOWED_HOSTS}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**base, **env},
        check=False,
    )


def test_without_debug_a_secret_key_is_required():
    result = settings_with(DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_with_nothing_set_it_runs_locally_on_sqlite_in_var():
    result = settings_with()

    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"].endswith("var/actionplan.sqlite3")
    assert values["db"]["ATOMIC_REQUESTS"] is False


def test_database_url_selects_postgresql():
    result = settings_with(
        DEBUG="no",
        SECRET_KEY="s3cret",
        ALLOWED_HOSTS="plans.example.gov.uk",
        DATABASE_URL="postgres://ap:pw@db.internal:5433/actionplan",
        CONN_MAX_AGE="60",
    )

    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["hosts"] == ["plans.example.gov.uk"]
    db = values["db"]
    assert (db["ENGINE"], db["HOST"], db["PORT"], db["NAME"]) == (
        "django.db.backends.postgresql",
        "db.internal",
        5433,
        "actionplan",
    )
    assert db["CONN_MAX_AGE"] == 60
