"""The `actionplan` program: our commands, and any Django management command besides."""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured

# Our commands, in the order `actionplan --help` lists them, with the app that holds each.
COMMANDS = {
    "parse": "actionplan.plans",
    "import": "actionplan.plans",
    "export": "actionplan.plans",
    "show": "actionplan.plans",
    "demo": "actionplan.operations",
    "serve": "actionplan.plans",
    "schema": "actionplan.plans",
    "indicators": "actionplan.indicators",
    "meetings": "actionplan.governance",
    "calendar": "actionplan.governance",
    "remind": "actionplan.governance",
    "worker": "actionplan.governance",
    "report": "actionplan.reports",
    "voice": "actionplan.voice",
    "retention": "actionplan.core",
    "doctor": "actionplan.operations",
    "backup": "actionplan.operations",
    "restore": "actionplan.operations",
}


def overview() -> str:
    import django
    from django.core.management import load_command_class

    django.setup()
    lines = ["usage: actionplan COMMAND [options]   (actionplan COMMAND --help for more)", ""]
    width = max(map(len, COMMANDS))
    for name, app in COMMANDS.items():
        first = load_command_class(app, name).help.split(". ")[0].rstrip(".")
        lines.append(f"  {name:<{width}} {first}")
    lines += ["", "Administration: any Django management command (migrate, createsuperuser, ...)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = ["actionplan", *(sys.argv[1:] if argv is None else argv)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.settings")
    try:
        if len(argv) == 1 or (len(argv) == 2 and argv[1] in ("help", "--help", "-h")):
            print(overview())
            return
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as e:
        print(f"actionplan: error: {e}", file=sys.stderr)
        sys.exit(2)
