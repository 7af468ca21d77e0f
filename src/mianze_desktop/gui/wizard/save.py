"""Saving the checklist wizard's work to the case store (no Qt here).

``CaseService.save_checklist`` writes answers, candidates, justification, the wizard's
progress and the decision suggestion in ONE audited, version-bumping change.

Wizard progress that the case record cannot hold (explicit "不清楚" answers, the
page the user was on) is kept beside the case by the service (``checklist_progress``),
written in the same transaction.
"""
from __future__ import annotations

from typing import Optional


def load(service, case_id) -> tuple[dict, object, dict]:
    """(case record, the pack the case was opened under, saved wizard progress)."""
    cases = service.cases
    record = cases.get(case_id)
    return record, cases.pack_of(record["policy"], record["policy_revision"]), cases.checklist_progress(record["id"])


def save_checklist(service, case_id: int, answers: dict, candidates: list[str], justification: str,
                   progress: Optional[dict] = None, decision: Optional[dict] = None) -> dict:
    """Write the wizard's answers (None clears one), candidates, justification, progress and,
    when given, the decision suggestion ``{"outcome", "basis"}`` in one transaction.

    The decision is checked against the engine's result for the answers as saved in this
    same transaction (``case_writes.set_decision`` refuses an outcome the policy does not
    allow). Returns the case record after the change; raises and writes nothing on error.
    """
    if decision is not None and not service.users.can("case.decide"):
        decision = None  # a clerk's checklist saves the answers; a reviewer records the decision
    return service.cases.save_checklist(case_id, dict(answers), list(candidates), justification,
                                        decision_suggestion=decision, progress=progress)


def save_progress(service, case_id: int, answers: dict, candidates: list[str], justification: str,
                  progress: dict, last_saved: Optional[dict] = None) -> Optional[dict]:
    """Save work in progress. When the case's answers, candidates and justification are unchanged
    (``last_saved`` is the record last read), only the progress row is written (no audit entry)."""
    if last_saved is not None and _same(last_saved, answers, candidates, justification):
        service.cases.save_checklist_progress(case_id, progress)
        return None
    return save_checklist(service, case_id, answers, candidates, justification, progress=progress)


def _same(record: dict, answers: dict, candidates: list[str], justification: str) -> bool:
    yes_no = {k: v for k, v in answers.items() if v is not None}
    return (record.get("answers") or {}) == yes_no and list(record.get("candidates") or []) == list(candidates) \
        and (record.get("justification") or "") == (justification or "").strip()
