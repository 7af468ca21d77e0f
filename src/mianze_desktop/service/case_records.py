"""Case rows -> case records (the dict of the case record contract), in bulk.

Also: input normalisation shared by create/update/import, the snapshot hash that
each audit entry carries, and the diff written into audit entries.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from ..store import models as m
from ..store.bulk import in_list
from ..store.errors import CalendarError, UserError
from ..workflow.calendar import WorkCalendar
from ..workflow.procedure import role_date

if TYPE_CHECKING:
    from ..policy.schema import Pack

# Case columns that may also be application_form field ids (the form and the column stay equal).
CORE_FIELDS = ("applicant", "unit", "position", "unit_position", "tier", "work_type", "accepting_body",
               "party_org", "party_org_opinion", "matter", "facts_reasons", "remarks")
FORM_ALIASES = {"accountability_body": "accepting_body"}  # 责任追究机关 is the accepting body
DECISION_COLUMNS = ("investigated_facts", "basis", "conclusion", "approving_body", "decision_number", "decided_on")
DERIVED_KEYS = ("version", "deadlines")  # left out of snapshots and audit diffs
CHUNK = 500


def parse_date(value, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise UserError(f"{what}: {value!r} is not a date (use YYYY-MM-DD)")


def iso(value) -> Optional[str]:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)[:10]


def text(value, what: str, max_length: Optional[int] = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise UserError(f"{what}: expected text, got {type(value).__name__}")
    value = str(value).strip()
    if max_length and len(value) > max_length:
        raise UserError(f"{what}: at most {max_length} characters ({len(value)} given)")
    return value


def region_short(pack: Pack) -> str:
    region = (pack.region or pack.id).strip()
    for suffix in ("市", "地区", "自治州", "盟"):
        if region.endswith(suffix) and len(region) > len(suffix):
            return region[: -len(suffix)]
    return region


def snapshot(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in DERIVED_KEYS}


def state_hash(record: dict) -> str:
    return hashlib.sha256(m.dumps(snapshot(record)).encode("utf-8")).hexdigest()


def diff(before: Optional[dict], after: Optional[dict]) -> tuple[Optional[dict], Optional[dict]]:
    if before is None or after is None:
        return (snapshot(before) if before else None), (snapshot(after) if after else None)
    b, a = _diff_dicts(snapshot(before), snapshot(after))
    return b, a


def _diff_dicts(before: dict, after: dict) -> tuple[dict, dict]:
    """Only what changed; nested objects (form, decision, stage_dates) only by their changed keys."""
    b, a = {}, {}
    for k in list(after) + [k for k in before if k not in after]:
        old, new = before.get(k), after.get(k)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            b[k], a[k] = _diff_dicts(old, new)
        else:
            b[k], a[k] = old, new
    return b, a


def search_text(row: m.Case) -> str:
    parts = [row.number, row.applicant, row.unit, row.unit_position, row.position, row.matter,
             row.facts_reasons, row.remarks, row.archive_number or "", row.work_type]
    return "\n".join(p for p in parts if p)


LIST_ORDER = (m.Case.applied_on.desc(), m.Case.id.desc())  # newest application first
# the columns a list summary reads: the wide text and JSON columns stay unread
SUMMARY_FIELDS = (m.Case.id, m.Case.number, m.Case.policy, m.Case.policy_revision, m.Case.status, m.Case.paused_from,
                  m.Case.applicant, m.Case.unit, m.Case.unit_position, m.Case.stage_dates, m.Case.tier,
                  m.Case.work_type, m.Case.applied_on, m.Case.outcome, m.Case.archive_number, m.Case.version)


def summary(row: m.Case, pack) -> dict:
    """The list's view of a case row (SUMMARY_FIELDS); ``pack``: its Pack or PackDigest, or None."""
    label = row.status
    if pack is not None:
        try:
            label = pack.stage(row.status).label
        except KeyError:
            pass
    return {"id": row.id, "number": row.number, "policy": row.policy, "policy_revision": row.policy_revision,
            "status": row.status, "status_label": label, "paused_from": row.paused_from,
            "applicant": row.applicant, "unit": row.unit, "unit_position": row.unit_position,
            "stage_dates": dict(row.stage_dates or {}), "tier": row.tier, "work_type": row.work_type, "applied_on": iso(row.applied_on),
            "outcome": row.outcome, "archive_number": row.archive_number, "version": row.version}


def _children(model, ids: list[int], order) -> dict[int, list]:
    """{case id: rows} (named tuples with the fields' Python values: cheaper than model instances)."""
    out: dict[int, list] = defaultdict(list)
    for row in model.select().where(in_list(model.case, ids)).order_by(*order).namedtuples():
        out[row.case].append(row)
    return out


def deadline_entries(pack, stage_dates: dict, due_of: Callable, today: dt.date) -> list[dict]:
    """A record's ``deadlines``: one entry per deadline of the pack (a Pack or its PackDigest).
    ``due_of(start, days, unit)``: the calendar's ``due`` (memoised over a bulk read)."""
    result = []
    for d in pack.procedure.deadlines:
        start, done = stage_dates.get(d.start), stage_dates.get(d.end)
        entry = {"id": d.id, "label": d.label, "start": start, "due": None, "done_on": done, "overdue": False,
                 "days": d.days, "unit": d.unit}
        if start:
            try:
                due = due_of(dt.date.fromisoformat(start), d.days, d.unit)
                entry["due"] = due.isoformat()
                entry["overdue"] = (dt.date.fromisoformat(done) if done else today) > due
            except CalendarError as exc:
                entry["problem"] = str(exc)
        result.append(entry)
    return result


def build_records(ids: Iterable[int], pack_of: Callable[[str, int], Pack], calendar: Optional[WorkCalendar] = None,
                  today: Optional[dt.date] = None, due_of: Optional[Callable] = None) -> dict[int, dict]:
    """{case id: record} for the given ids (missing ids are left out), with a few IN queries per 500
    cases. ``due_of``: a memoised ``calendar.due`` to share over several calls (see ``memo_due``)."""
    ids = list(ids)
    today = today or dt.date.today()
    if calendar is None:
        calendar = WorkCalendar.from_rows(m.HolidayOverride.select())
    due_of = due_of or memo_due(calendar)
    records: dict[int, dict] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = list(m.Case.select().where(in_list(m.Case.id, chunk)).namedtuples())
        answers = _children(m.Answer, chunk, [m.Answer.fact])
        invs = _children(m.Investigator, chunk, [m.Investigator.sort, m.Investigator.id])
        stmts = _children(m.Statement, chunk, [m.Statement.id])
        decisions = _children(m.Decision, chunk, [m.Decision.id])
        notes = _children(m.Notification, chunk, [m.Notification.id])
        reports = _children(m.Report, chunk, [m.Report.id])
        atts = {k: [a for a in v if a.removed_at is None]
                for k, v in _children(m.Attachment, chunk, [m.Attachment.id]).items()}
        for row in rows:
            pack = pack_of(row.policy, row.policy_revision)
            records[row.id] = _record(row, pack, answers[row.id], invs[row.id], stmts[row.id],
                                      (decisions.get(row.id) or [None])[0], notes[row.id], reports[row.id],
                                      atts.get(row.id, []), due_of, today)
    return records


def memo_due(calendar: WorkCalendar) -> Callable:
    """``calendar.due`` remembered per (start, days, unit): many cases share their start dates."""
    return functools.lru_cache(maxsize=8192)(calendar.due)


def audit_after(record: dict) -> tuple[str, str]:
    """(canonical JSON of ``diff(None, record)[1]``, ``state_hash(record)``) with one serialisation:
    what the audit entry of a case written from nothing carries."""
    text = m.dumps(snapshot(record))
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _record(row, pack: Pack, answers, invs, stmts, decision, notes, reports, atts, due_of, today) -> dict:
    rec = case_fields(row, pack)
    rec.update({
        "answers": {a.fact: a.value for a in answers if a.value is not None},
        "candidates": list(row.candidates or []), "justification": row.justification,
        "investigators": [{"id": i.id, "name": i.name, "unit": i.unit, "position": i.position,
                           "no_conflict_declared": bool(i.no_conflict_declared)} for i in invs],
        "statements": [{"id": s.id, "kind": s.kind, "speaker": s.speaker, "content": s.content,
                        "heard_on": iso(s.heard_on)} for s in stmts],
        "decision": _decision(decision, pack) if decision else None,
        "notifications": [{"id": n.id, "recipient": n.recipient, "recipient_kind": n.recipient_kind,
                           "channel": n.channel, "notified_on": iso(n.notified_on), "content": n.content}
                          for n in notes],
        "reports": [{"id": r.id, "recipient": r.recipient, "reported_on": iso(r.reported_on),
                     "reference": r.reference, "content": r.content} for r in reports],
        "attachments": [{"id": a.id, "name": a.name, "sha256": a.sha256, "size": a.size, "added_on": a.added_on}
                        for a in atts],
        "archive_number": row.archive_number,
        "deadlines": deadline_entries(pack, rec["stage_dates"], due_of, today),
        "version": row.version,
    })
    return rec


def case_fields(row: m.Case, pack: Pack) -> dict:
    """The record's keys that come from the case row alone (up to ``remarks``, in the record's order);
    ``_record`` adds the rest. Also what a case not yet saved looks like (bulk import)."""
    stage_dates = dict(row.stage_dates or {})
    form_store = dict(row.form or {})
    form = {}
    for f in pack.application_form:
        column = FORM_ALIASES.get(f.id, f.id)
        if f.id == "applied_on":
            form[f.id] = iso(row.applied_on)
        elif column in CORE_FIELDS:
            form[f.id] = getattr(row, column)
        else:
            form[f.id] = form_store.get(f.id, "")
    try:
        status_label = pack.stage(row.status).label
    except KeyError:
        status_label = row.status
    rec = {
        "id": row.id, "number": row.number, "policy": row.policy, "policy_revision": row.policy_revision,
        "status": row.status, "status_label": status_label, "paused_from": row.paused_from,
        "applicant": row.applicant, "unit": row.unit, "position": row.position, "unit_position": row.unit_position,
        "tier": row.tier, "work_type": row.work_type, "accepting_body": row.accepting_body,
        "party_org": row.party_org, "party_org_opinion": row.party_org_opinion,
        "applied_on": iso(row.applied_on), "stage_dates": stage_dates,
        "accepted_on": role_date(pack, stage_dates, "accept"), "decided_on": role_date(pack, stage_dates, "decide"),
        "notified_on": role_date(pack, stage_dates, "notify"), "archived_on": role_date(pack, stage_dates, "archive"),
        "form": form, "matter": row.matter, "facts_reasons": row.facts_reasons, "remarks": row.remarks,
    }
    return rec


def _decision(d: m.Decision, pack: Pack) -> dict:
    label = d.outcome_label
    for o in pack.outcomes:
        if o.id == d.outcome:
            label = o.label
    form = dict(d.form or {})
    for key in DECISION_COLUMNS:
        value = getattr(d, key)
        form[key] = iso(value) if key == "decided_on" else value
    form = {f.id: form.get(f.id, "") for f in pack.decision_form}
    return {"outcome": d.outcome, "outcome_label": label, "matched": list(d.matched or []),
            "excluded_by": list(d.excluded_by or []), "investigated_facts": d.investigated_facts, "basis": d.basis,
            "conclusion": d.conclusion, "approving_body": d.approving_body, "decision_number": d.decision_number,
            "decided_on": iso(d.decided_on), "form": form}
