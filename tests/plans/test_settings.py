"""Settings come from the environment, and a value that makes no sense stops the service."""

import json
import os
import secrets
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from actionplan.core.env import (
    env_bool,
    env_choice,
    env_header,
    env_int,
    env_list,
    env_str,
    local_secret_key,
)


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


VAR = Path(settings.PROJECT_DIR) / "var"
# What a server's environment has besides actionplan's own variables: none of the tests'.
SYSTEM = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")


def _env(env: dict) -> dict:
    return {**{k: os.environ[k] for k in SYSTEM if k in os.environ}, **env}


def settings_with(**env) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly these variables set."""
    code = (
        "import json; from actionplan.config import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'db': s.DATABASES['default'], "
        "'hosts': s.ALLOWED_HOSTS, 'key': s.SECRET_KEY, 'https': {"
        "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
        "'hsts_subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "'session_cookie_secure': s.SESSION_COOKIE_SECURE, "
        "'csrf_cookie_secure': s.CSRF_COOKIE_SECURE, 'proxy_header': s.SECURE_PROXY_SSL_HEADER}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(env), check=False
    )


def program_with(*args, **env) -> subprocess.CompletedProcess:
    """The installed program, as a server runs it: the service's settings, these variables."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("actionplan")), *args],
        capture_output=True,
        text=True,
        env=_env({"DJANGO_SETTINGS_MODULE": "actionplan.config.settings", **env}),
        timeout=120,
        check=False,
    )


def test_with_nothing_set_the_program_refuses_to_start_and_says_what_to_set(tmp_path):
    result = program_with("check", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")

    assert result.returncode == 2
    assert "actionplan: error: SECRET_KEY is not set" in result.stderr
    assert "set SECRET_KEY to a long random value" in result.stderr
    assert "for local development set DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_is_off_unless_asked_for():
    result = settings_with(SECRET_KEY=secrets.token_urlsafe(50))

    assert json.loads(result.stdout)["debug"] is False


@pytest.mark.parametrize(
    "key",
    ["insecure-local-development-key-do-not-use-in-production", "django-insecure-abc123"],
)
def test_a_published_key_is_refused_even_with_debug_on(key):
    result = settings_with(DEBUG="1", SECRET_KEY=key)

    assert result.returncode != 0
    assert "SECRET_KEY is a published example key: set a new one" in result.stderr


def test_with_debug_on_it_runs_locally_on_sqlite_in_var_with_the_key_kept_there():
    result = settings_with(DEBUG="1")

    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"].endswith("var/actionplan.sqlite3")
    assert values["db"]["ATOMIC_REQUESTS"] is False
    assert values["key"] == local_secret_key(VAR / "secret_key")
    assert values["key"] != "insecure-local-development-key-do-not-use-in-production"
    assert json.loads(settings_with(DEBUG="1").stdout)["key"] == values["key"]


def test_the_local_key_is_made_at_random_once_and_readable_only_by_its_owner(tmp_path):
    first = local_secret_key(tmp_path / "a" / "secret_key")

    assert len(first) >= 50
    assert local_secret_key(tmp_path / "a" / "secret_key") == first
    assert local_secret_key(tmp_path / "b" / "secret_key") != first
    assert stat.S_IMODE((tmp_path / "a" / "secret_key").stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["secret_key"]


def test_processes_making_the_local_key_at_the_same_moment_all_get_the_same_one(tmp_path):
    path = tmp_path / "secret_key"
    start = threading.Barrier(8)
    keys = []

    def make():
        start.wait(timeout=30)
        keys.append(local_secret_key(path))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert len(keys) == 8
    assert set(keys) == {path.read_text().strip()}


def test_an_empty_local_key_file_says_to_delete_it(tmp_path):
    (tmp_path / "secret_key").write_text("")

    with pytest.raises(ImproperlyConfigured, match="secret_key is empty: delete it"):
        local_secret_key(tmp_path / "secret_key")


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "plans.example.gov.uk",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https",
}


def test_production_settings_are_https_only():
    result = settings_with(**PRODUCTION)

    values = json.loads(result.stdout)
    assert values["https"] == {
        "ssl_redirect": True,
        "hsts": 31536000,
        "hsts_subdomains": True,
        "session_cookie_secure": True,
        "csrf_cookie_secure": True,
        "proxy_header": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_check_deploy_finds_nothing_to_fix_with_production_settings(tmp_path):
    result = program_with(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("X-Forwarded-Proto,https", ("HTTP_X_FORWARDED_PROTO", "https")),
        (" HTTP_X_FORWARDED_PROTO , https ", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("", None),
    ],
)
def test_the_proxy_header_is_read_as_django_names_it(monkeypatch, value, expected):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", value)

    assert env_header("SECURE_PROXY_SSL_HEADER") == expected


def test_a_proxy_header_without_its_value_is_refused(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")

    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER must be a header"):
        env_header("SECURE_PROXY_SSL_HEADER")


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
