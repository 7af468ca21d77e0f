"""Errors the service raises for the user to read (the CLI prints them and exits 2)."""
from __future__ import annotations


class ServiceError(Exception):
    """Something the user must fix: the message says what and where, in one line if possible."""

    exit_code = 2


class UserError(ServiceError):
    """Bad input: an unknown id, a missing field, a file that cannot be read."""
