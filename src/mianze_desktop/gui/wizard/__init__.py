"""The checklist wizard (issue 7): match a case's facts against its policy's listed situations.

Entry point for the case window: ``open_wizard(parent, service, case_id) -> ChecklistWizard``.
"""
from __future__ import annotations

from .wizard import ChecklistWizard, open_wizard

__all__ = ["ChecklistWizard", "open_wizard"]
