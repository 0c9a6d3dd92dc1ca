"""Errors that are the user's to fix, not bugs: the command line prints them as one line."""


class UserError(Exception):
    """A problem with what the user gave (a file, a plan's name, an option): say it plainly."""
