"""Writes to one case's rows: fields, answers, investigators, statements, decision, notifications, reports.

Each function validates its input (errors name the field) and changes rows; the
caller (CaseService) wraps it in a write transaction, bumps the version and audits.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Optional

from ..store import models as m
from ..store.errors import UserError, WorkflowError
from ..workflow.procedure import STATEMENT_KINDS, outcome_problem, recipient_kind
from .case_records import CORE_FIELDS, DECISION_COLUMNS, FORM_ALIASES, parse_date, text

if TYPE_CHECKING:  # the pack model and the engine are imported by the writes that use them
    from ..policy.schema import FormField, Pack

FIELD_KEYS = set(CORE_FIELDS) | {"applied_on", "form", "answers", "candidates", "justification", "archive_number"}
MAX_TEXT = 20000


def _check_keys(data: dict, allowed: set, what: str) -> None:
    if not isinstance(data, dict):
        raise UserError(f"{what}: expected an object with fields, got {type(data).__name__}")
    unknown = sorted(k for k in data if k not in allowed)
    if unknown:
        raise UserError(f"{what}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(allowed))})")


def _form_value(f: FormField, value, where: str):
    what = f"{where} field {f.id}（{f.label}）"
    if value is None or value == "":
        return ""
    if f.type == "date":
        return parse_date(value, what).isoformat()
    if f.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise UserError(f"{what}: expected a number")
        try:
            return float(value) if "." in str(value) else int(value)
        except ValueError:
            raise UserError(f"{what}: {value!r} is not a number") from None
    value = text(value, what, f.max_length or MAX_TEXT)
    if f.type == "choice" and value and value not in f.choices:
        raise UserError(f"{what}: {value!r} is not one of {'、'.join(f.choices)}")
    return value


def apply_fields(row: m.Case, pack: Pack, data: dict, where: str = "case") -> None:
    """Set application fields, answers, candidates, justification, archive number on ``row`` (not saved)."""
    _check_keys(data, FIELD_KEYS, where)
    declared = {f.id: f for f in pack.application_form}
    form_store = dict(row.form or {})
    form = data.get("form") or {}
    if not isinstance(form, dict):
        raise UserError(f"{where}.form: expected an object of application field values")
    unknown = sorted(k for k in form if k not in declared)
    if unknown:
        raise UserError(f"{where}.form: field(s) {', '.join(unknown)} are not in policy {pack.id}'s application form "
                        f"(fields: {', '.join(declared)})")
    values: dict = {}
    for fid, value in form.items():
        values[FORM_ALIASES.get(fid, fid)] = (_form_value(declared[fid], value, where), fid)
    for key in CORE_FIELDS + ("applied_on",):
        if key in data:
            fid = next((f for f, col in FORM_ALIASES.items() if col == key and f in declared), key)
            field = declared.get(fid)
            value = _form_value(field, data[key], where) if field else text(data[key], f"{where}.{key}", MAX_TEXT)
            values[key] = (value, fid)
    for key, (value, fid) in values.items():
        if key == "applied_on":
            if value:
                row.applied_on = parse_date(value, f"{where}.applied_on")
        elif key in CORE_FIELDS:
            setattr(row, key, value)
        else:
            form_store[fid] = value
    row.form = form_store
    if row.tier and row.tier not in pack.scope.tiers:
        raise UserError(f"{where}.tier: {row.tier!r} is not one of {'、'.join(pack.scope.tiers)}")
    if row.work_type and row.work_type not in pack.scope.work_types:
        raise UserError(f"{where}.work_type: {row.work_type!r} is not one of {'、'.join(pack.scope.work_types)}")
    if ("unit" in values or "position" in values) and "unit_position" not in values:
        row.unit_position = f"{row.unit}{row.position}"
    if "candidates" in data:
        cands = data["candidates"] or []
        if not isinstance(cands, list) or not all(isinstance(c, str) for c in cands):
            raise UserError(f"{where}.candidates: expected a list of item ids")
        known = {i.id for i in pack.items}
        bad = [c for c in cands if c not in known]
        if bad:
            raise UserError(f"{where}.candidates: unknown item id(s) {', '.join(bad)} for policy {pack.id}")
        row.candidates = list(dict.fromkeys(cands))
    if "justification" in data:
        row.justification = text(data["justification"], f"{where}.justification", MAX_TEXT)
    if "archive_number" in data:
        row.archive_number = text(data["archive_number"], f"{where}.archive_number", 120) or None


def clean_answers(pack: Pack, answers, where: str = "case") -> dict:
    """{fact id: True/False/None}, validated against the pack."""
    if not isinstance(answers, dict):
        raise UserError(f"{where}.answers: expected an object {{fact id: true/false/null}}")
    from ..policy.engine import AnswerError, validate_answers

    try:
        return validate_answers(pack, answers)
    except AnswerError as exc:
        raise UserError(f"{where}.answers: {exc}") from None


def apply_answers(row: m.Case, pack: Pack, answers, where: str = "case") -> None:
    for fact, value in clean_answers(pack, answers, where).items():
        if value is None:
            m.Answer.delete().where(m.Answer.case == row.id, m.Answer.fact == fact).execute()
        else:
            m.Answer.insert(case=row.id, fact=fact, value=value).on_conflict(
                conflict_target=[m.Answer.case, m.Answer.fact], update={m.Answer.value: value}).execute()


def add_investigator(row: m.Case, data: dict, pack: Pack, where: str = "investigator") -> m.Investigator:
    existing = [i.name for i in m.Investigator.select().where(m.Investigator.case == row.id)]
    return m.Investigator.create(**investigator_values(row, data, pack, where, existing))


def investigator_values(row: m.Case, data: dict, pack: Pack, where: str, existing: list[str]) -> dict:
    """The Investigator row's values, validated; ``existing``: the names the case already has."""
    _check_keys(data, {"name", "unit", "position", "no_conflict_declared"}, where)
    name = text(data.get("name"), f"{where}.name", 120)
    if not name:
        raise UserError(f"{where}.name: the investigator's name is empty")
    declared = data.get("no_conflict_declared", False)
    if not isinstance(declared, bool):
        raise UserError(f"{where}.no_conflict_declared: expected true or false")
    if pack.procedure.recusal and "".join(name.split()) == "".join((row.applicant or "").split()):
        raise WorkflowError(f"{where}: {name} is the applicant of case {row.number} and cannot investigate it (回避)")
    if name in existing:
        raise UserError(f"{where}: {name} is already an investigator of case {row.number}")
    return dict(case=row.id, name=name, unit=text(data.get("unit"), f"{where}.unit", 200),
                position=text(data.get("position"), f"{where}.position", 120),
                no_conflict_declared=declared, sort=len(existing))


def add_statement(row: m.Case, data: dict, default_day: dt.date, where: str = "statement") -> m.Statement:
    return m.Statement.create(case=row.id, **statement_values(data, default_day, where))


def statement_values(data: dict, default_day: dt.date, where: str = "statement") -> dict:
    _check_keys(data, {"kind", "speaker", "content", "heard_on"}, where)
    kind = text(data.get("kind") or "申辩", f"{where}.kind", 20)
    if kind not in STATEMENT_KINDS:
        raise UserError(f"{where}.kind: {kind!r} is not one of {'、'.join(STATEMENT_KINDS)}")
    content = text(data.get("content"), f"{where}.content", MAX_TEXT)
    if not content:
        raise UserError(f"{where}.content: what was said is empty")
    heard = parse_date(data["heard_on"], f"{where}.heard_on") if data.get("heard_on") else default_day
    return dict(kind=kind, speaker=text(data.get("speaker"), f"{where}.speaker", 200), content=content,
                heard_on=heard)


DECISION_KEYS = {"outcome", "investigated_facts", "basis", "conclusion", "approving_body", "decision_number",
                 "decided_on", "form"}


def set_decision(row: m.Case, pack: Pack, record: dict, data: dict, result, where: str = "decision") -> m.Decision:
    """Create or replace the decision. Basis defaults to the engine's basis text; outcome to its outcome."""
    _check_keys(data, DECISION_KEYS, where)
    existing = m.Decision.get_or_none(m.Decision.case == row.id)
    merged: dict = {}
    if existing is not None:
        merged = dict(existing.form or {})
        for key in DECISION_COLUMNS:
            merged[key] = getattr(existing, key)
        merged["outcome"] = existing.outcome
    form = data.get("form") or {}
    if not isinstance(form, dict):
        raise UserError(f"{where}.form: expected an object of decision field values")
    declared = {f.id: f for f in pack.decision_form}
    unknown = sorted(k for k in form if k not in declared)
    if unknown:
        raise UserError(f"{where}.form: field(s) {', '.join(unknown)} are not in policy {pack.id}'s decision form "
                        f"(fields: {', '.join(declared) or 'none'})")
    for fid, value in form.items():
        merged[fid] = _form_value(declared[fid], value, where)
    for key in DECISION_COLUMNS + ("outcome",):
        if key in data:
            merged[key] = data[key]
    outcome = merged.get("outcome") or result.outcome
    if not outcome:
        raise WorkflowError(f"{where}.outcome: the policy check is not complete (unanswered facts: "
                            f"{'、'.join(result.missing_facts) or 'none'}); answer them or give the outcome")
    why = outcome_problem(pack, record, outcome, result)
    if why:
        raise WorkflowError(f"{where}: {why}")
    if not merged.get("basis"):
        merged["basis"] = result.basis_text or pack.basis_template.format(
            title=pack.title, doc_number=pack.doc_number, citations="", short_title=pack.short_title)
    if not merged.get("approving_body"):
        merged["approving_body"] = pack.procedure.deciding_body
    for f in pack.decision_form:  # prefill who the decision is about
        if not merged.get(f.id):
            if f.type == "person":
                merged[f.id] = row.applicant
            elif f.type == "unit" and f.id != "approving_body":
                merged[f.id] = row.unit
            elif f.id == "position":
                merged[f.id] = row.position
    decided_on = parse_date(merged["decided_on"], f"{where}.decided_on") if merged.get("decided_on") else None
    label = next(o.label for o in pack.outcomes if o.id == outcome)
    columns = {key: text(merged.get(key), f"{where}.{key}", MAX_TEXT) for key in DECISION_COLUMNS if key != "decided_on"}
    extra = {k: v for k, v in merged.items() if k not in DECISION_COLUMNS and k != "outcome"}
    values = dict(outcome=outcome, outcome_label=label, matched=result.matched, excluded_by=result.excluded_by,
                  decided_on=decided_on, form=extra, **columns)
    if existing is None:
        decision = m.Decision.create(case=row.id, **values)
    else:
        m.Decision.update(**values).where(m.Decision.id == existing.id).execute()
        decision = m.Decision.get_by_id(existing.id)
    row.outcome = outcome
    return decision


def add_notification(row: m.Case, record: dict, data: dict, default_day: dt.date,
                     where: str = "notification") -> m.Notification:
    return m.Notification.create(case=row.id, **notification_values(record, data, default_day, where))


def notification_values(record: dict, data: dict, default_day: dt.date, where: str = "notification") -> dict:
    _check_keys(data, {"recipient", "recipient_kind", "channel", "notified_on", "content"}, where)
    recipient = text(data.get("recipient"), f"{where}.recipient", 200)
    if not recipient:
        raise UserError(f"{where}.recipient: who was notified is empty")
    kind = recipient_kind(record, recipient, data.get("recipient_kind"))
    day = parse_date(data["notified_on"], f"{where}.notified_on") if data.get("notified_on") else default_day
    return dict(recipient=recipient, recipient_kind=kind, channel=text(data.get("channel"), f"{where}.channel", 40),
                notified_on=day, content=text(data.get("content"), f"{where}.content", MAX_TEXT))


def add_report(row: m.Case, data: dict, default_day: dt.date, where: str = "report") -> m.Report:
    return m.Report.create(case=row.id, **report_values(data, default_day, where))


def report_values(data: dict, default_day: dt.date, where: str = "report") -> dict:
    _check_keys(data, {"recipient", "reported_on", "reference", "content"}, where)
    recipient = text(data.get("recipient"), f"{where}.recipient", 200)
    if not recipient:
        raise UserError(f"{where}.recipient: the body reported to is empty")
    day = parse_date(data["reported_on"], f"{where}.reported_on") if data.get("reported_on") else default_day
    return dict(recipient=recipient, reported_on=day, reference=text(data.get("reference"), f"{where}.reference", 120),
                content=text(data.get("content"), f"{where}.content", MAX_TEXT))


def as_list(payload: dict, plural: str, singular: str, where: str) -> list:
    items = []
    if payload.get(plural) is not None:
        if not isinstance(payload[plural], list):
            raise UserError(f"{where}.{plural}: expected a list")
        items += payload[plural]
    if payload.get(singular) is not None:
        items.append(payload[singular])
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise UserError(f"{where}.{plural}[{i}]: expected an object")
    return items


def optional_day(value, what: str) -> Optional[dt.date]:
    return parse_date(value, what) if value else None
