"""Errors raised by the store and the workflow; all are ServiceErrors (the CLI prints them, exit 2)."""
from __future__ import annotations

from ..service.errors import ServiceError, UserError


class StoreError(ServiceError):
    """The database or data folder cannot be used (missing, locked, damaged, too new)."""


class DamagedStoreError(StoreError):
    """The database file is damaged (cut off, overwritten, unreadable): restore a backup; nothing was changed."""


class StorageFullError(StoreError):
    """The disk holding the data folder is full; the change was not saved, what was saved before is intact."""


class ConflictError(ServiceError):
    """A save based on a stale version of a case; nothing was written."""

    def __init__(self, case_label: str, expected: int, actual: int):
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"case {case_label} was changed by someone else meanwhile (your copy is version {expected}, "
            f"the database has version {actual}); reload the case and apply your change again — nothing was saved"
        )


class WorkflowError(UserError):
    """A transition or requirement of the procedure is not met; nothing was written."""


class CalendarError(UserError):
    """No holiday calendar for a year (neither chinesecalendar nor the holiday overrides have it)."""


__all__ = ["StoreError", "DamagedStoreError", "StorageFullError", "ConflictError", "WorkflowError", "CalendarError",
           "UserError", "ServiceError"]
