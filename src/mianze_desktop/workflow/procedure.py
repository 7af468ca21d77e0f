"""The procedure of a policy pack: allowed transitions and the requirement tokens of each stage.

Everything here works on the case record (the dict of the case record contract)
and the pack; nothing depends on a particular pack's stage ids. A stage's
``requires`` tokens (policy.schema.REQUIREMENTS) are checked when a case enters
that stage; a stage whose role is ``pause`` (请示上级 / 复核) suspends the case and
resumes it to the stage it came from (or another of the pause stage's ``next``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..store.errors import WorkflowError

if TYPE_CHECKING:  # the engine and the pack model are imported by the checks that use them
    from ..policy.engine import CheckResult
    from ..policy.schema import Pack, Stage

STATEMENT_KINDS = ("申辩", "申诉", "意见")
RECIPIENT_KINDS = ("applicant", "unit", "other")


def norm(text: Optional[str]) -> str:
    return "".join(str(text or "").split())


def stage_or_error(pack: Pack, stage_id: str) -> Stage:
    try:
        return pack.stage(stage_id)
    except KeyError:
        known = ", ".join(s.id for s in pack.procedure.stages)
        raise WorkflowError(f"policy {pack.id} has no stage {stage_id!r} (stages: {known})") from None


def next_stages(pack: Pack, status: str, paused_from: Optional[str] = None) -> list[str]:
    stage = stage_or_error(pack, status)
    targets = list(stage.next)
    if stage.role == "pause" and paused_from and paused_from not in targets and not targets:
        targets.append(paused_from)
    return targets


def check_transition(pack: Pack, record: dict, to_stage: str) -> Stage:
    current = record["status"]
    target = stage_or_error(pack, to_stage)
    allowed = next_stages(pack, current, record.get("paused_from"))
    if to_stage not in allowed:
        label = stage_or_error(pack, current).label
        options = "、".join(f"{s}（{pack.stage(s).label}）" for s in allowed) or "none (the procedure ends here)"
        raise WorkflowError(f"case {record['number']}: cannot go from {current}（{label}）to {to_stage}"
                            f"（{target.label}）; allowed next: {options}")
    return target


def resume_target(pack: Pack, record: dict) -> str:
    stage = stage_or_error(pack, record["status"])
    if stage.role != "pause":
        raise WorkflowError(f"case {record['number']} is not paused (stage {stage.id}（{stage.label}）)")
    origin = record.get("paused_from")
    if origin and (origin in stage.next or not stage.next):
        return origin
    if len(stage.next) == 1:
        return stage.next[0]
    raise WorkflowError(f"case {record['number']}: say which stage to resume to: {', '.join(stage.next)}")


def engine_result(pack: Pack, record: dict) -> CheckResult:
    from ..policy.engine import AnswerError, check

    try:
        return check(pack, record.get("answers") or {}, candidates=record.get("candidates") or None,
                     justification=record.get("justification") or "")
    except AnswerError as exc:
        raise WorkflowError(f"case {record['number']}: {exc}") from None


def outcome_problem(pack: Pack, record: dict, outcome: str, result: Optional[CheckResult] = None) -> Optional[str]:
    """Why ``outcome`` may not be decided for this case (None when it may)."""
    ids = {o.id: o for o in pack.outcomes}
    if outcome not in ids:
        return f"unknown outcome {outcome!r} (policy {pack.id} has: {', '.join(ids)})"
    result = result or engine_result(pack, record)
    if result.excluded_by and outcome not in result.allowed_outcomes:
        return (f"outcome {outcome}（{ids[outcome].label}）is not allowed: exclusion "
                f"{'、'.join(result.excluded_by)} holds, so only {'、'.join(result.allowed_outcomes)} is possible")
    if outcome not in result.allowed_outcomes:
        return (f"outcome {outcome}（{ids[outcome].label}）is not allowed by the policy check "
                f"(allowed: {', '.join(result.allowed_outcomes)})")
    if ids[outcome].role != "refused" and not result.matched:
        missing = "、".join(result.missing_facts) or "none"
        return (f"outcome {outcome}（{ids[outcome].label}）needs an item of the policy that the answers establish; "
                f"none holds yet (unanswered facts: {missing})")
    return None


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def requirement_problems(pack: Pack, record: dict, stage: Stage) -> list[str]:
    """Every requirement of ``stage`` the case does not meet yet (empty list: it may enter)."""
    problems: list[str] = []
    proc = pack.procedure
    result: Optional[CheckResult] = None
    for token in stage.requires:
        if token == "application_fields":
            form = record.get("form") or {}
            for f in pack.application_form:
                if f.required and not _filled(form.get(f.id)):
                    problems.append(f"application field {f.id}（{f.label}）is empty")
            if not _filled(record.get("applied_on")):
                problems.append("the application date is missing")
        elif token == "investigators":
            people = record.get("investigators") or []
            if len(people) < proc.min_investigators:
                problems.append(f"at least {proc.min_investigators} investigator(s) are needed, "
                                f"{len(people)} recorded")
            if proc.recusal:
                for p in people:
                    if norm(p.get("name")) and norm(p.get("name")) == norm(record.get("applicant")):
                        problems.append(f"investigator {p.get('name')} is the applicant and must recuse (回避)")
            for p in people:
                if not p.get("no_conflict_declared"):
                    problems.append(f"investigator {p.get('name')} has not declared no conflict of interest")
        elif token == "statement":
            if not record.get("statements"):
                problems.append("the applicant's 申辩/申诉 or the opinions heard are not recorded")
        elif token == "decision":
            decision = record.get("decision")
            if not decision:
                problems.append("no decision is recorded")
                continue
            result = result or engine_result(pack, record)
            why = outcome_problem(pack, record, decision.get("outcome"), result)
            if why:
                problems.append(why)
            dform = decision.get("form") or {}
            for f in pack.decision_form:
                if f.required and not _filled(dform.get(f.id)):
                    problems.append(f"decision field {f.id}（{f.label}）is empty")
        elif token == "decision_number":
            if not _filled((record.get("decision") or {}).get("decision_number")):
                problems.append("the decision has no document number (文号)")
        elif token == "justification":
            result = result or engine_result(pack, record)
            for item_id in result.needs_justification:
                problems.append(f"{item_id}（{pack.item(item_id).title}）is a catch-all item: "
                                "write the justification for the collective review (书面说明理由)")
        elif token == "report":
            if not record.get("reports"):
                bodies = "、".join(proc.report_to) or "the supervising body"
                problems.append(f"the report to {bodies} is not recorded")
        elif token == "notification":
            notes = record.get("notifications") or []
            kinds = {n.get("recipient_kind") for n in notes}
            if "applicant" not in kinds:
                problems.append("the applicant has not been notified (告知/反馈)")
            if "unit" not in kinds:
                problems.append("the applicant's unit / party organisation has not been notified")
        elif token == "archive_number":
            if not _filled(record.get("archive_number")):
                problems.append("no archive number (档案号) is assigned")
    return problems


def require(pack: Pack, record: dict, stage: Stage) -> None:
    problems = requirement_problems(pack, record, stage)
    if problems:
        raise WorkflowError(f"case {record['number']} cannot enter {stage.id}（{stage.label}）: " + "; ".join(problems))


def role_date(pack: Pack, stage_dates: dict, role: str) -> Optional[str]:
    """The latest date of the stages with ``role`` (accept/decide/notify/archive → *_on fields)."""
    dates = [stage_dates[s.id] for s in pack.procedure.stages if s.role == role and stage_dates.get(s.id)]
    return max(dates) if dates else None


def recipient_kind(record: dict, recipient: str, given: Optional[str] = None) -> str:
    if given:
        if given not in RECIPIENT_KINDS:
            raise WorkflowError(f"recipient_kind {given!r} must be one of {', '.join(RECIPIENT_KINDS)}")
        return given
    r = norm(recipient)
    if r and r in (norm(record.get("applicant")), "本人", "申请人"):
        return "applicant"
    for key in ("unit", "party_org", "unit_position"):
        if r and r == norm(record.get(key)):
            return "unit"
    form = record.get("form") or {}
    if r and r in {norm(form.get(k)) for k in ("party_org",) if form.get(k)}:
        return "unit"
    return "other"
