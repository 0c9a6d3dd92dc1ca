"""The `actionplan` program: our commands, and any Django management command besides.

Starting quickly: the overview reads each command's help from its source, and the
commands that need no database run without django.setup(), so neither loads every app's
models, admin and libraries (tests/plans/test_program_start.py holds them to it).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
from pathlib import Path

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
    "digest": "actionplan.notifications",
    "worker": "actionplan.governance",
    "report": "actionplan.reports",
    "voice": "actionplan.voice",
    "retention": "actionplan.core",
    "doctor": "actionplan.operations",
    "backup": "actionplan.operations",
    "restore": "actionplan.operations",
}


# Commands that read files and print, touching neither the database nor a model: they run
# with the settings and logging configured but without the app registry (django.setup()).
WITHOUT_APPS = frozenset({"parse", "schema"})


def command_help(name: str) -> str:
    """The command's `help`, read from its module's source: importing the module would
    mostly need django.setup() and load its app's libraries. From the class if the source
    does not hold it as a plain string."""
    app = COMMANDS[name]
    spec = importlib.util.find_spec(f"{app}.management.commands.{name}")
    if spec is not None and spec.origin and (found := _help_in(Path(spec.origin))) is not None:
        return found
    from django.core.exceptions import AppRegistryNotReady
    from django.core.management import load_command_class

    try:  # a module that imports no model loads without the apps
        return load_command_class(app, name).help
    except AppRegistryNotReady:
        import django

        django.setup()
        return load_command_class(app, name).help


def _help_in(source: Path) -> str | None:
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for item in node.body:
                if isinstance(item, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "help" for t in item.targets
                ):
                    try:
                        return ast.literal_eval(item.value)
                    except ValueError:
                        return None
    return None


def overview() -> str:
    from django.conf import settings

    # Read as for any command, so that a bad setting stops the program here too.
    _ = settings.INSTALLED_APPS
    lines = ["usage: actionplan COMMAND [options]   (actionplan COMMAND --help for more)", ""]
    width = max(map(len, COMMANDS))
    for name in COMMANDS:
        first = command_help(name).split(". ")[0].rstrip(".")
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
        if argv[1] in WITHOUT_APPS:
            run_without_apps(argv)
            return
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as e:
        print(f"actionplan: error: {e}", file=sys.stderr)
        sys.exit(2)


def run_without_apps(argv: list[str]) -> None:
    """Run one of WITHOUT_APPS as execute_from_command_line would, less apps.populate():
    --settings and --pythonpath first, then the settings and logging, then the command."""
    from django.conf import settings
    from django.core.management import load_command_class
    from django.core.management.base import CommandError, CommandParser, handle_default_options
    from django.utils.log import configure_logging

    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    parser.add_argument("args", nargs="*")
    try:
        options, _ = parser.parse_known_args(argv[2:])
        handle_default_options(options)
    except CommandError:
        pass  # the command's own parser reports it
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    load_command_class(COMMANDS[argv[1]], argv[1]).run_from_argv(argv)
