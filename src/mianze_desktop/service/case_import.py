"""Bulk import of case records (the ledger's import uses it): all or nothing, each case audited."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from ..store import audit
from ..store import models as m
from ..store.errors import ServiceError, UserError
from . import case_writes as w
from .case_records import diff, parse_date, search_text
from .permissions import guarded

# Keys of the case record contract that are derived or cannot be imported; they are ignored.
IGNORED = {"id", "status_label", "deadlines", "version", "attachments", "paused_from", "policy_revision",
           "accepted_on", "decided_on", "notified_on", "archived_on", "outcome"}
IMPORT_KEYS = w.FIELD_KEYS | IGNORED | {"number", "policy", "status", "stage_dates", "investigators", "statements",
                                        "decision", "notifications", "reports"}
ROLE_DATE_KEYS = {"accepted_on": "accept", "decided_on": "decide", "notified_on": "notify", "archived_on": "archive"}


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
        with self.store.session():
            with self.store.write():
                seen: set[str] = set()
                for i, rec in enumerate(records):
                    where = f"record {i + 1}"
                    try:
                        ids.append(self._import_one(rec, where, seen))
                    except ServiceError as exc:
                        if str(exc).startswith(where):
                            raise
                        raise UserError(f"{where}: {exc}") from None
        return ids

    def _import_one(self, rec: dict, where: str, seen: set) -> int:
        if not isinstance(rec, dict):
            raise UserError(f"{where}: expected an object")
        w._check_keys(rec, IMPORT_KEYS, where)
        number = w.text(rec.get("number"), f"{where}.number", 80)
        if not number:
            raise UserError(f"{where}.number: the case number is empty")
        where = f"{where} ({number})"
        if number in seen or m.Case.select().where(m.Case.number == number).exists():
            raise UserError(f"{where}.number: case {number} already exists")
        seen.add(number)
        pack = self._policy_for(rec.get("policy"))
        if not rec.get("applied_on"):
            raise UserError(f"{where}.applied_on: the application date is missing")
        self._remember_pack(pack)
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
        row.save(force_insert=True)
        if rec.get("answers"):
            w.apply_answers(row, pack, rec["answers"], where)
        for j, inv in enumerate(rec.get("investigators") or []):
            w.add_investigator(row, inv, pack, f"{where}.investigators[{j}]")
        for j, st in enumerate(rec.get("statements") or []):
            w.add_statement(row, st, row.applied_on, f"{where}.statements[{j}]")
        if rec.get("decision"):
            self._import_decision(row, pack, rec["decision"], f"{where}.decision")
        record = self._records([row.id])[row.id]
        for j, note in enumerate(rec.get("notifications") or []):
            w.add_notification(row, record, note, row.applied_on, f"{where}.notifications[{j}]")
        for j, rep in enumerate(rec.get("reports") or []):
            w.add_report(row, rep, row.applied_on, f"{where}.reports[{j}]")
        row.save()
        record = self._records([row.id])[row.id]
        self._audit("import", row.id, after=diff(None, record)[1], record=record)
        return row.id

    def _import_decision(self, row: m.Case, pack, data: dict, where: str) -> None:
        """A historical decision as recorded (the outcome may be given by id or by label)."""
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
        m.Decision.create(case=row.id, outcome=outcome, outcome_label=label, matched=list(matched),
                          excluded_by=list(excluded), decided_on=decided, form={
                              k: v for k, v in form.items() if k not in columns and k != "decided_on"}, **columns)
        row.outcome = outcome
