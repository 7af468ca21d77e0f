"""CaseService: the checklist wizard's work on a case.

``save_checklist`` writes answers, candidates, justification, the wizard's progress and (for a user who
may decide) the decision suggestion in one audited change; the progress alone (the page, explicit
不清楚 answers — nothing of the case itself) is kept in a ``Setting`` row ``checklist:<case id>``.
"""
from __future__ import annotations

from typing import Optional

from ..store import models as m
from ..store.errors import UserError
from ..workflow import procedure as proc
from . import case_writes as w
from .permissions import api

CHECKLIST_PREFIX = "checklist:"  # Setting key of a case's checklist-wizard progress


def checklist_key(case_id: int) -> str:
    return f"{CHECKLIST_PREFIX}{int(case_id)}"


def _put_progress(case_id: int, progress: dict) -> None:
    m.Setting.insert(key=checklist_key(case_id), value=progress).on_conflict(
        conflict_target=[m.Setting.key], update={m.Setting.value: progress}).execute()


class ChecklistMixin:
    @api
    def save_checklist(self, case_id, answers: dict, candidates: list, justification: str,
                       decision_suggestion: Optional[dict] = None, expected_version: Optional[int] = None,
                       progress: Optional[dict] = None) -> dict:
        """The checklist wizard's work in ONE audited change: answers (None clears one), candidates,
        justification, the wizard's progress (kept beside the case) and, when given, the decision
        suggestion {"outcome", "basis"} — checked against the engine's result for the answers as
        saved here, and only by a user who may decide. Nothing is written on any error."""
        if not isinstance(answers, dict):
            raise UserError("answers: expected an object {fact id: true/false/null}")
        if not isinstance(candidates, (list, tuple)):
            raise UserError("candidates: expected a list of item ids")
        needs = {"case.edit"} | ({"case.decide"} if decision_suggestion is not None else set())
        with self._change(case_id, "wizard", expected_version, needs=needs) as c:
            changes = {}
            if list(c.row.candidates or []) != list(candidates):
                changes["candidates"] = list(candidates)
            if (c.row.justification or "") != (justification or "").strip():
                changes["justification"] = justification
            if changes:
                w.apply_fields(c.row, c.pack, changes, "checklist")
            w.apply_answers(c.row, c.pack, dict(answers), "checklist")
            if progress is not None:
                _put_progress(c.row.id, progress)
            if decision_suggestion is not None:
                saved = c.record()
                w.set_decision(c.row, c.pack, saved, dict(decision_suggestion), proc.engine_result(c.pack, saved),
                               "checklist.decision")
        return c.after

    @api
    def checklist_progress(self, case_ref) -> dict:
        """The checklist wizard's saved progress of a case (its page, explicit 不清楚 answers); {} when none."""
        row = self._row(case_ref)
        saved = m.Setting.get_or_none(m.Setting.key == checklist_key(row.id))
        return saved.value if saved is not None and isinstance(saved.value, dict) else {}

    @api
    def save_checklist_progress(self, case_ref, progress: dict) -> None:
        """Keep only the wizard's progress: the case itself is unchanged, so no version bump or audit entry
        (``save_checklist`` writes answers, candidates and justification)."""
        if not isinstance(progress, dict):
            raise UserError("progress: expected an object")
        row = self._row(case_ref)
        with self.store.write():
            _put_progress(row.id, progress)
