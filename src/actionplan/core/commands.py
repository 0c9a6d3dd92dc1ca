"""The base of actionplan's own management commands.

A mistake of the user's (a file that is not a plan, a plan that does not exist, a bad
option) ends the command with one line on stderr, `actionplan: error: <message>`, and exit
status 2: no traceback, and, since commands store only after a successful read and
store in one transaction, nothing written.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.db import connections

from actionplan.core.errors import UserError
from actionplan.importing.errors import PlanReadError

EXIT_USAGE = 2


def one_line(message: object) -> str:
    return " ".join(str(message).split())


def existing_file(value: str) -> Path:
    """An argparse type: a path that names a readable file."""
    path = Path(value)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{value}: no such file")
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{value}: not a file")
    return path


class ActionplanCommand(BaseCommand):
    user_errors: tuple[type[Exception], ...] = (UserError, PlanReadError)
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str):
            raise CommandError(message, returncode=EXIT_USAGE)

        parser.error = error
        return parser

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except self.user_errors as e:
            raise CommandError(one_line(e), returncode=EXIT_USAGE) from e

    def run_from_argv(self, argv):
        # Django's own version prints "CommandError: ..." and exits 1.
        self._called_from_command_line = True
        try:
            parser = self.create_parser(argv[0], argv[1])
            options = parser.parse_args(argv[2:])
            cmd_options = vars(options)
            args = cmd_options.pop("args", ())
            handle_default_options(options)
            self.execute(*args, **cmd_options)
        except CommandError as e:
            if "--traceback" in argv:
                raise
            self.stderr.write(f"actionplan: error: {one_line(e)}", style_func=lambda s: s)
            sys.exit(EXIT_USAGE)
        finally:
            with contextlib.suppress(ImproperlyConfigured):
                connections.close_all()
