"""Bulk import of case records (the ledger's import uses it): all or nothing, each case audited.

Records are validated in memory (errors name the record and field), then written chunk by chunk
with bulk inserts inside ONE write transaction: the cases (their ids selected back by number),
their child rows, the records read back in bulk, and one hash-chained audit entry per case.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from ..store import audit
from ..store import models as m
from ..store.bulk import gc_paused, in_list, insert_rows
from ..store.errors import ServiceError, UserError
from ..workflow.calendar import WorkCalendar
from . import case_writes as w
from .case_records import audit_after, build_records, case_fields, memo_due, parse_date, search_text
from .permissions import guarded

if TYPE_CHECKING:
    from ..policy.schema import Pack

# Keys of the case record contract that are derived or cannot be imported; they are ignored.
IGNORED = {"id", "status_label", "deadlines", "version", "attachments", "paused_from", "policy_revision",
           "accepted_on", "decided_on", "notified_on", "archived_on", "outcome"}
IMPORT_KEYS = w.FIELD_KEYS | IGNORED | {"number", "policy", "status", "stage_dates", "investigators", "statements",
                                        "decision", "notifications", "reports"}
ROLE_DATE_KEYS = {"accepted_on": "accept", "decided_on": "decide", "notified_on": "notify", "archived_on": "archive"}
CHUNK = 500  # records checked for duplicates, written, read back and audited together
CHILDREN = (("answers", m.Answer), ("investigators", m.Investigator), ("statements", m.Statement),
            ("decisions", m.Decision), ("notifications", m.Notification), ("reports", m.Report))


@dataclass
class _Prepared:
    """One validated record, not yet written: the case row and its child rows' values."""

    row: m.Case
    answers: dict
    investigators: list
    statements: list
    decision: Optional[dict]
    notifications: list
    reports: list


class _Run:
    """What one import looks up once: policies, remembered pack snapshots, the user, the calendar."""

    def __init__(self, service):
        self.service = service
        self.packs: dict = {}
        self.remembered: set = set()
        self.user = service.user
        self.calendar = WorkCalendar.from_rows(m.HolidayOverride.select())
        self.due_of = memo_due(self.calendar)
        self.today = dt.date.today()

    def policy(self, policy) -> Pack:
        if not (policy is None or isinstance(policy, str)):
            return self.service._policy_for(policy)  # refuses it with the usual message
        pack = self.packs.get(policy)
        if pack is None:
            pack = self.packs[policy] = self.service._policy_for(policy)
        return pack

    def remember(self, pack: Pack) -> None:
        if (pack.id, pack.revision) not in self.remembered:
            self.service._remember_pack(pack)
            self.remembered.add((pack.id, pack.revision))


class ImportMixin:
    @guarded
    def existing_numbers(self, numbers: Iterable[str]) -> set[str]:
        """Which of these case numbers are already in the database."""
        wanted = [str(n) for n in dict.fromkeys(numbers) if n]
        found: set[str] = set()
        with self.store.session():
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                found |= {r[0] for r in m.Case.select(m.Case.number).where(m.Case.number.in_(chunk)).tuples()}
        return found

    @guarded
    def import_records(self, records: list[dict]) -> list[int]:
        """Write case records (the contract's shape, a subset) in ONE transaction; returns the new ids.
        Any bad record raises UserError naming the record and field, and nothing is written."""
        if not isinstance(records, list):
            raise UserError("records: expected a list of case records")
        ids: list[int] = []
        with self.store.session(), gc_paused():
            with self.store.write():
                run = _Run(self)
                seen: set[str] = set()
                for start in range(0, len(records), CHUNK):
                    chunk = records[start:start + CHUNK]
                    existing = self._numbers_in_db(chunk)
                    prepared = [self._prepare(rec, start + j, seen, existing, run) for j, rec in enumerate(chunk)]
                    ids += self._write_chunk(prepared, run)
        return ids

    @staticmethod
    def _numbers_in_db(records: list) -> set[str]:
        """The numbers of these records (those that are valid text) that the database already has."""
        numbers = set()
        for rec in records:
            if isinstance(rec, dict):
                try:
                    numbers.add(w.text(rec.get("number"), "number", 80))
                except UserError:
                    pass
        numbers.discard("")
        if not numbers:
            return set()
        return {r[0] for r in m.Case.select(m.Case.number).where(in_list(m.Case.number, numbers)).tuples()}

    def _prepare(self, rec, i: int, seen: set, existing: set, run: _Run) -> _Prepared:
        where = f"record {i + 1}"
        try:
            return self._prepare_one(rec, where, seen, existing, run)
        except ServiceError as exc:
            if str(exc).startswith(where):
                raise
            raise UserError(f"{where}: {exc}") from None

    def _prepare_one(self, rec: dict, where: str, seen: set, existing: set, run: _Run) -> _Prepared:
        if not isinstance(rec, dict):
            raise UserError(f"{where}: expected an object")
        w._check_keys(rec, IMPORT_KEYS, where)
        number = w.text(rec.get("number"), f"{where}.number", 80)
        if not number:
            raise UserError(f"{where}.number: the case number is empty")
        where = f"{where} ({number})"
        if number in seen or number in existing:
            raise UserError(f"{where}.number: case {number} already exists")
        seen.add(number)
        pack = run.policy(rec.get("policy"))
        if not rec.get("applied_on"):
            raise UserError(f"{where}.applied_on: the application date is missing")
        run.remember(pack)
        stage_ids = {s.id for s in pack.procedure.stages}
        status = rec.get("status") or (pack.procedure.archive_stage if rec.get("archive_number")
                                       else pack.procedure.initial_stage)
        if status not in stage_ids:
            raise UserError(f"{where}.status: {status!r} is not a stage of policy {pack.id} "
                            f"({', '.join(sorted(stage_ids))})")
        now = audit.now_stamp()
        row = m.Case(number=number, policy=pack.id, policy_revision=pack.revision, status=status,
                     applied_on=dt.date.today(), created_at=now, updated_at=now, version=1, form={},
                     candidates=[], stage_dates={})
        fields = {k: v for k, v in rec.items() if k in w.FIELD_KEYS and k != "answers"}
        w.apply_fields(row, pack, fields, where)
        if not row.applicant:
            raise UserError(f"{where}.applicant: the applicant's name is empty")
        dates = {pack.procedure.initial_stage: row.applied_on.isoformat()}
        given = rec.get("stage_dates") or {}
        if not isinstance(given, dict):
            raise UserError(f"{where}.stage_dates: expected an object {{stage id: date}}")
        for sid, day in given.items():
            if sid not in stage_ids:
                raise UserError(f"{where}.stage_dates: {sid!r} is not a stage of policy {pack.id}")
            if day:
                dates[sid] = parse_date(day, f"{where}.stage_dates.{sid}").isoformat()
        for key, role in ROLE_DATE_KEYS.items():
            if rec.get(key):
                stage = next((s.id for s in pack.procedure.stages if s.role == role), None)
                if stage and stage not in dates:
                    dates[stage] = parse_date(rec[key], f"{where}.{key}").isoformat()
        row.stage_dates = dates
        row.search_text = search_text(row)
        answers = w.clean_answers(pack, rec["answers"], where) if rec.get("answers") else {}
        investigators: list[dict] = []
        for j, inv in enumerate(rec.get("investigators") or []):
            investigators.append(w.investigator_values(row, inv, pack, f"{where}.investigators[{j}]",
                                                       [i["name"] for i in investigators]))
        statements = [w.statement_values(st, row.applied_on, f"{where}.statements[{j}]")
                      for j, st in enumerate(rec.get("statements") or [])]
        decision = self._decision_values(row, pack, rec["decision"], f"{where}.decision") \
            if rec.get("decision") else None
        notes = rec.get("notifications") or []
        record = case_fields(row, pack) if notes else {}  # what a notification's recipient is compared with
        notifications = [w.notification_values(record, note, row.applied_on, f"{where}.notifications[{j}]")
                         for j, note in enumerate(notes)]
        reports = [w.report_values(rep, row.applied_on, f"{where}.reports[{j}]")
                   for j, rep in enumerate(rec.get("reports") or [])]
        return _Prepared(row, answers, investigators, statements, decision, notifications, reports)

    def _write_chunk(self, prepared: list[_Prepared], run: _Run) -> list[int]:
        """Insert the chunk's cases and child rows, then audit each case with its record as stored."""
        if not prepared:
            return []
        columns = [f.name for f in m.Case._meta.sorted_fields if f.name != "id"]
        insert_rows(m.Case, [{c: getattr(p.row, c) for c in columns} for p in prepared])
        numbers = [p.row.number for p in prepared]
        id_of = dict(m.Case.select(m.Case.number, m.Case.id).where(in_list(m.Case.number, numbers)).tuples())
        ids = [id_of[n] for n in numbers]
        children: dict[str, list[dict]] = {name: [] for name, _ in CHILDREN}
        for p, case_id in zip(prepared, ids):
            p.row.id = case_id
            children["answers"] += [{"case": case_id, "fact": f, "value": v} for f, v in p.answers.items()
                                    if v is not None]
            for name in ("investigators", "statements", "notifications", "reports"):
                children[name] += [{**values, "case": case_id} for values in getattr(p, name)]
            if p.decision is not None:
                children["decisions"].append({**p.decision, "case": case_id})
        for name, model in CHILDREN:
            insert_rows(model, children[name])
        records = build_records(ids, self.pack_of, run.calendar, run.today, run.due_of)
        entries = []
        for case_id in ids:
            after_text, state = audit_after(records[case_id])  # = diff(None, record)[1], state_hash(record)
            entries.append({"user": run.user, "action": "import", "case_id": case_id, "after_text": after_text,
                            "state_hash": state})
        audit.append_many(self.store, entries)
        return ids

    def _decision_values(self, row: m.Case, pack, data: dict, where: str) -> dict:
        """A historical decision as recorded (the outcome may be given by id or by label): the Decision
        row's values; sets the case's outcome."""
        if not isinstance(data, dict):
            raise UserError(f"{where}: expected an object")
        data = {k: v for k, v in data.items() if k not in ("outcome_label",)}
        outcome = data.pop("outcome", None)
        matched, excluded = data.pop("matched", None) or [], data.pop("excluded_by", None) or []
        by_label = {o.label: o.id for o in pack.outcomes}
        outcome = by_label.get(outcome, outcome)
        if outcome not in {o.id for o in pack.outcomes}:
            raise UserError(f"{where}.outcome: {outcome!r} is not an outcome of policy {pack.id} "
                            f"({'、'.join(o.id + '=' + o.label for o in pack.outcomes)})")
        known = {i.id for i in pack.items}
        bad = [x for x in list(matched) + list(excluded) if x not in known]
        if bad:
            raise UserError(f"{where}: unknown item id(s) {', '.join(bad)} for policy {pack.id}")
        w._check_keys(data, w.DECISION_KEYS, where)
        form = data.pop("form", None) or {}
        if not isinstance(form, dict):
            raise UserError(f"{where}.form: expected an object")
        columns = {k: w.text(data.get(k) or form.get(k), f"{where}.{k}", w.MAX_TEXT) for k in
                   ("investigated_facts", "basis", "conclusion", "approving_body", "decision_number")}
        decided_raw = data.get("decided_on") or form.get("decided_on")
        decided = parse_date(decided_raw, f"{where}.decided_on") if decided_raw else None
        label = next(o.label for o in pack.outcomes if o.id == outcome)
        row.outcome = outcome
        return dict(outcome=outcome, outcome_label=label, matched=list(matched), excluded_by=list(excluded),
                    decided_on=decided, form={k: v for k, v in form.items() if k not in columns and k != "decided_on"},
                    **columns)
