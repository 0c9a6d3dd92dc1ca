""".env.example and deploy/actionplan.env load in a shell as their headers say, line for
line; .env.example names every variable the settings and the gunicorn config read; the
deployment template makes production settings; and the guide names every file of deploy/."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"
TEMPLATE = ROOT / "deploy" / "actionplan.env"
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")


def assignments(path: Path) -> dict[str, str]:
    """Each NAME=value line, with the value as it is meant: surrounding quotes removed."""
    found = {}
    for line in path.read_text().splitlines():
        if match := ASSIGNMENT.match(line):
            value = match.group(2)
            if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            found[match.group(1)] = value
    return found


def loaded_in_bash(path: Path, extra: str = "") -> dict[str, str]:
    """The environment a program sees after `set -a; . FILE; set +a`, from nothing."""
    script = f'set -a; . "{path}"; {extra} set +a; exec "{sys.executable}" -c "{PRINT_ENV}"'
    done = subprocess.run(
        ["bash", "-c", script],
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


PRINT_ENV = "import json, os; print(json.dumps(dict(os.environ)))"


@pytest.mark.parametrize("path", [ENV_EXAMPLE, TEMPLATE], ids=lambda p: p.name)
def test_every_line_loads_in_bash_with_the_value_it_shows(path):
    expected = assignments(path)

    loaded = loaded_in_bash(path)

    assert expected
    assert {name: loaded.get(name) for name in expected} == expected


@pytest.mark.parametrize("path", [ENV_EXAMPLE, TEMPLATE], ids=lambda p: p.name)
def test_no_value_uses_what_bash_and_systemd_read_differently(path):
    # systemd's EnvironmentFile= expands no $VARIABLE and no `command`, and reads
    # backslashes its own way: a value with any of them would mean two things.
    for name, value in assignments(path).items():
        assert not set(value) & set("$`\\"), f"{path.name}: {name}"


def test_the_sender_address_with_a_name_loads_whole():
    assert loaded_in_bash(ENV_EXAMPLE)["DEFAULT_FROM_EMAIL"] == "actionplan <actionplan@localhost>"


# Reads the settings module and the gunicorn config in a fresh interpreter, noting every
# environment variable they look up.
RECORD = """
import json, os, sys

class Recording(dict):
    read = set()
    def __getitem__(self, name):
        Recording.read.add(name)
        return super().__getitem__(name)
    def get(self, name, default=None):
        Recording.read.add(name)
        return super().get(name, default)
    def __contains__(self, name):
        Recording.read.add(name)
        return super().__contains__(name)

os.environ = Recording(os.environ)
import actionplan.config.settings
import actionplan.config.gunicorn_conf
print(json.dumps(sorted(Recording.read)))
"""


def test_every_variable_the_settings_and_gunicorn_read_is_in_env_example():
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    env |= {"DEBUG": "1", "SECRET_KEY": "a-key-for-this-test-only-" + "x" * 30}
    done = subprocess.run(
        [sys.executable, "-c", RECORD], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    read = {name for name in json.loads(done.stdout) if not name.startswith("DJANGO_")}

    assert "DEBUG" in read
    assert "PAPER_AUTHOR_NAME" in read  # the name is made at run time
    assert "WEB_CONCURRENCY" in read
    assert read - set(assignments(ENV_EXAMPLE)) == set()


PRODUCTION = (
    "import json; from actionplan.config import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'media': str(s.MEDIA_ROOT), 'static': str(s.STATIC_ROOT), 'hosts': s.ALLOWED_HOSTS, "
    "'log': s.LOG_FORMAT, 'from': s.DEFAULT_FROM_EMAIL}))"
)


def settings_from_template(secret_key: str) -> subprocess.CompletedProcess:
    script = (
        f'set -a; . "{TEMPLATE}"; SECRET_KEY="{secret_key}"; set +a; '
        f'exec "{sys.executable}" -c "{PRODUCTION}"'
    )
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)


def test_the_deployment_template_makes_production_settings():
    done = settings_from_template("a-long-random-value-" + "k" * 40)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "debug": False,
        "engine": "django.db.backends.postgresql",
        "media": "/var/lib/actionplan/media",
        "static": "/var/lib/actionplan/static",
        "hosts": ["plans.example.gov.uk"],
        "log": "plain",
        "from": "Action plan <actionplan@example.gov.uk>",
    }


def test_the_deployment_template_will_not_start_until_a_secret_key_is_given():
    done = settings_from_template("")

    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_the_guide_names_every_file_it_installs_from_deploy():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    files = sorted(p.name for p in (ROOT / "deploy").iterdir() if p.is_file())

    assert [name for name in files if f"deploy/{name}" not in guide] == []
