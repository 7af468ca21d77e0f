"""Cases: the API the GUI and the CLI use to create, read, list, change and move cases.

Every change runs in one serialised write transaction that checks the case's
version (optimistic locking: a stale ``expected_version`` raises ConflictError and
writes nothing), bumps the version and appends a hash-chained audit entry with
the before/after of what changed and a hash of the whole case state.
Administration (settings, holidays, backups, verify) is in case_admin.py, bulk
import in case_import.py, list rows and the dashboard in case_listing.py, the checklist wizard's work in
case_checklist.py, sample cases in samples.py.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .. import paths
from ..policy.digest import PackDigest
from ..store import audit, search
from ..store import models as m
from ..store.attachments import fetch_shared, resolve, share, store_file
from ..store.db import Store, open_store
from ..store.errors import ConflictError, UserError, WorkflowError
from ..workflow import procedure as proc
from . import case_writes as w
from . import permissions as perm
from .permissions import api
from .case_admin import AdminMixin
from .case_checklist import ChecklistMixin
from .case_import import ImportMixin
from .case_listing import ListingMixin
from .case_records import (LIST_ORDER, SUMMARY_FIELDS, build_records, diff, parse_date, region_short, search_text,
                           state_hash, summary)

if TYPE_CHECKING:  # the pack model (pydantic) is imported when a pack is first needed, not to list cases
    from ..policy.schema import Pack

DEFAULT_NUMBER_FORMAT = "{region_short}-{year}-{seq:04d}"
ADVANCE_KEYS = w.FIELD_KEYS | {"date", "investigators", "investigator", "statements", "statement", "decision",
                               "notifications", "notification", "reports", "report"}


@dataclass
class _Change:
    row: m.Case
    pack: Pack
    before: dict
    service: "CaseService"

    def record(self) -> dict:
        self.row.save()
        return self.service._records([self.row.id])[self.row.id]


class CaseService(AdminMixin, ImportMixin, ListingMixin, ChecklistMixin):
    def __init__(self, service):
        self._service = service
        self._store: Optional[Store] = None
        self._packs: dict[tuple[str, int], Pack] = {}
        self._digests: dict[tuple[str, int], PackDigest] = {}

    # -- plumbing ---------------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            data_dir = Path(self._service.data_dir)
            create = not data_dir.exists() and data_dir == paths.default_data_dir()  # (platformdirs: only then)
            self._store = open_store(data_dir, self._service.database_url, create_dir=create,
                                     busy_timeout=getattr(self._service, "busy_timeout", None))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def user(self) -> str:
        """The name audit entries carry: the logged-in account (or the local user without accounts)."""
        return self._service.users.audit_name()

    def pack_of(self, policy: str, revision: int) -> Pack:
        """The pack a case was opened under: its stored snapshot, else the installed pack."""
        key = (policy, revision)
        pack = self._packs.get(key)
        if pack is None:
            with self.store.session():
                pack = self._load_pack(policy, revision)
            self._packs[key] = pack
        return pack

    def _load_pack(self, policy: str, revision: int) -> Pack:
        snap = m.PolicySnapshot.get_or_none(m.PolicySnapshot.policy == policy,
                                            m.PolicySnapshot.revision == revision)
        if snap is not None:
            from ..policy.schema import Pack

            pack = Pack.model_validate(snap.content)
        else:
            pack = self._service.policies.get(policy)
            if pack.revision != revision:
                raise UserError(f"policy {policy} revision {revision} is not available (installed: "
                                f"revision {pack.revision})")
        return pack

    def pack_digest(self, policy: str, revision: int) -> PackDigest:
        """What the list and dashboard show of a case's pack (policy/digest.py), from its stored snapshot."""
        key = (policy, revision)
        if key not in self._digests:
            with self.store.session():
                content = m.PolicySnapshot.select(m.PolicySnapshot.content).where(
                    m.PolicySnapshot.policy == policy, m.PolicySnapshot.revision == revision).scalar()
            self._digests[key] = PackDigest(content) if content else PackDigest.of(self.pack_of(policy, revision))
        return self._digests[key]

    def _remember_pack(self, pack: Pack) -> None:
        import hashlib

        if not m.PolicySnapshot.select().where(m.PolicySnapshot.policy == pack.id,
                                               m.PolicySnapshot.revision == pack.revision).exists():
            content = pack.model_dump(mode="json")
            m.PolicySnapshot.create(policy=pack.id, revision=pack.revision, content=content,
                                    sha256=hashlib.sha256(m.dumps(content).encode()).hexdigest())
        self._packs[(pack.id, pack.revision)] = pack

    def _records(self, ids) -> dict[int, dict]:
        return build_records(ids, self.pack_of)

    def _row(self, case_ref) -> m.Case:
        if isinstance(case_ref, bool):
            raise UserError(f"unknown case {case_ref!r}")
        row = None
        if isinstance(case_ref, int) or (isinstance(case_ref, str) and case_ref.strip().isdigit()):
            row = m.Case.get_or_none(m.Case.id == int(case_ref))
        if row is None and isinstance(case_ref, str):
            row = m.Case.get_or_none(m.Case.number == case_ref.strip())
        if row is None:
            raise UserError(f"no case {case_ref!r} in {self.store.where}")
        return row

    def _audit(self, action: str, case_id: Optional[int] = None, entity: str = "case", entity_id="",
               before=None, after=None, record: Optional[dict] = None) -> None:
        audit.append(self.store, user=self.user, action=action, case_id=case_id, entity=entity,
                     entity_id=entity_id, before=before, after=after,
                     state_hash=state_hash(record) if record is not None else "")

    def _creator(self, case_id: int) -> Optional[str]:
        """Who opened (or imported) a case, from its first audit entry."""
        return (m.AuditEntry.select(m.AuditEntry.user)
                .where((m.AuditEntry.case_id == case_id) & m.AuditEntry.action.in_(("create", "import")))
                .order_by(m.AuditEntry.seq).limit(1).scalar())

    def _check_case(self, row: m.Case, pack: Pack, needs) -> None:
        principal = self._service.users.current()
        creator = self._creator(row.id) if perm.OWN_CASES_ONLY.get(principal.role) else None
        perm.check_case(principal, row, pack, needs, creator)

    @contextmanager
    def _change(self, case_ref, action: str, expected_version: Optional[int] = None, entity: str = "case",
                entity_id="", needs=None, reason: str = ""):
        """One audited, version-checked change of a case, by a user who may make it (``needs``: the
        permission actions, default by ``action``; a callable gets the pack)."""
        with self.store.write():
            row = self._row(case_ref)
            pack = self.pack_of(row.policy, row.policy_revision)
            needs = needs(pack) if callable(needs) else needs
            self._check_case(row, pack, perm.CHANGE_ACTIONS[action] if needs is None else needs)
            if expected_version is not None and int(expected_version) != row.version:
                raise ConflictError(row.number, int(expected_version), row.version)
            loaded = row.version
            before = self._records([row.id])[row.id]
            change = _Change(row, pack, before, self)
            yield change
            row.search_text = search_text(row)
            row.updated_at = audit.now_stamp()
            row.save()
            bumped = m.Case.update(version=m.Case.version + 1).where(
                (m.Case.id == row.id) & (m.Case.version == loaded)).execute()
            if bumped != 1:
                actual = m.Case.select(m.Case.version).where(m.Case.id == row.id).scalar()
                raise ConflictError(row.number, loaded, actual)
            row.version = loaded + 1
            after = self._records([row.id])[row.id]
            b, a = diff(before, after)
            if reason:
                a = {**(a or {}), "reason": reason}
            self._audit(action, row.id, entity, entity_id, b, a, after)
            change.after = after

    # -- create / read ------------------------------------------------------------------------------
    def _policy_for(self, policy: Optional[str]) -> Pack:
        policy = policy or self.get_setting("default_policy")
        if not policy:
            raise UserError("no policy given (use --policy ID, or set a default policy in the settings)")
        return self._service.policies.get(policy)

    def _check_validity(self, pack: Pack, day: dt.date) -> None:
        if pack.is_valid_on(day):
            return
        until = pack.valid_until.isoformat() if pack.valid_until else "no end date"
        others = [p.id for p in self._service.policies.registry.in_force(day, pack.region or None)]
        hint = f"; in force on that day: {', '.join(others)}" if others else ""
        raise WorkflowError(f"policy {pack.id}（{pack.doc_number}）is valid from {pack.valid_from} to {until}; "
                            f"it cannot open a case applied on {day}{hint}")

    def _next_number(self, pack: Pack, row: m.Case) -> str:
        fmt = self.get_setting("case_number_format") or DEFAULT_NUMBER_FORMAT
        values = {"region_short": region_short(pack), "region": pack.region, "policy": pack.id,
                  "year": row.applied_on.year, "unit": self.get_setting("unit_name") or ""}
        key = f"{fmt}|{values['region_short']}|{values['policy']}|{values['year']}"[:120]
        seq_row = m.NumberSequence.get_or_none(m.NumberSequence.key == key)
        seq = seq_row.last if seq_row else 0
        while True:
            seq += 1
            number = fmt.format(seq=seq, **values)
            if not m.Case.select().where(m.Case.number == number).exists():
                break
        m.NumberSequence.insert(key=key, last=seq).on_conflict(
            conflict_target=[m.NumberSequence.key], update={m.NumberSequence.last: seq}).execute()
        return number

    @api
    def create(self, data: dict, policy: Optional[str] = None) -> dict:
        """A new case in the pack's initial stage. Returns {"id", "number", "version"}."""
        if not isinstance(data, dict):
            raise UserError("case: expected an object with the application fields")
        data = dict(data)
        pack = self._policy_for(policy or data.pop("policy", None))
        data.pop("policy", None)
        number = w.text(data.pop("number", None), "case.number", 80)
        answers = data.pop("answers", None)
        if isinstance(data.get("form", {}), dict):
            # the pack's defaults (e.g. 受理机关 = 县（区）民政局) for fields the applicant left out
            form = dict(data.get("form") or {})
            for field in pack.application_form:
                if field.default and field.id not in form and field.id not in data:
                    form[field.id] = field.default
            data["form"] = form
        with self.store.write():
            now = audit.now_stamp()
            row = m.Case(number="", policy=pack.id, policy_revision=pack.revision,
                         status=pack.procedure.initial_stage, applied_on=dt.date.today(), created_at=now,
                         updated_at=now, version=1, form={}, candidates=[], stage_dates={})
            w.apply_fields(row, pack, data, "case")
            if not row.applicant:
                raise UserError("case.applicant: the applicant's name is empty")
            self._check_validity(pack, row.applied_on)
            self._remember_pack(pack)
            if number and m.Case.select().where(m.Case.number == number).exists():
                raise UserError(f"case.number: {number} already exists")
            row.number = number or self._next_number(pack, row)
            row.stage_dates = {pack.procedure.initial_stage: row.applied_on.isoformat()}
            row.search_text = search_text(row)
            row.save(force_insert=True)
            if answers is not None:
                w.apply_answers(row, pack, answers, "case")
            record = self._records([row.id])[row.id]
            self._audit("create", row.id, after=diff(None, record)[1], record=record)
        return {"id": row.id, "number": row.number, "version": row.version}

    @api
    def get(self, case_ref) -> dict:
        row = self._row(case_ref)
        return self._records([row.id])[row.id]

    @api
    def records(self, ids) -> list[dict]:
        """Full case records (the same dicts as ``get``) of many cases at once, in the order of ``ids``;
        a few queries per 500 cases. An unknown id raises UserError naming it."""
        if isinstance(ids, (str, bytes, dict)) or not hasattr(ids, "__iter__"):
            raise UserError("ids: expected a list of case ids")
        ids = list(ids)
        bad = [i for i in ids if isinstance(i, bool) or not isinstance(i, int)]
        if bad:
            raise UserError(f"ids: {bad[0]!r} is not a case id (a whole number)")
        found = self._records(dict.fromkeys(ids))
        missing = [i for i in dict.fromkeys(ids) if i not in found]
        if missing:
            shown = ", ".join(str(i) for i in missing[:10]) + (" …" if len(missing) > 10 else "")
            raise UserError(f"no case(s) with id {shown} in {self.store.where}")
        return [found[i] for i in ids]

    def _filtered(self, year=None, status=None, policy=None, outcome=None, unit=None, text=None, *,
                  fields=(), want: Optional[int] = None):
        """Cases matching the filters. ``text``: every word occurs in the case's search text (any case of
        Latin letters); the store's text index only narrows the rows that test runs on (store/search.py).
        ``want`` (offset + limit of the page to read, None for all or a count) helps it choose how."""
        q = m.Case.select(*fields)
        if year:
            y = int(year)
            q = q.where(m.Case.applied_on.between(dt.date(y, 1, 1), dt.date(y, 12, 31)))
        for column, value in ((m.Case.status, status), (m.Case.policy, policy), (m.Case.outcome, outcome),
                              (m.Case.unit, unit)):
            if value:
                q = q.where(column.in_(value) if isinstance(value, (list, tuple, set)) else column == value)
        if text and str(text).strip():
            words = str(text).split()
            for word in words:
                q = q.where(m.Case.search_text.contains(word))
            q = search.narrow(self.store, q, words, want)
        return q

    @api
    def list(self, year=None, status=None, policy=None, outcome=None, unit=None, text=None,
             offset: int = 0, limit: Optional[int] = 100) -> list[dict]:
        """Case summaries, newest application first. Filters combine; ``text`` searches number, names, facts."""
        offset = max(0, int(offset or 0))
        want = None if limit is None else offset + int(limit)
        q = self._filtered(year, status, policy, outcome, unit, text, fields=SUMMARY_FIELDS, want=want).order_by(
            *LIST_ORDER).offset(offset)
        if limit is not None:
            q = q.limit(int(limit))
        result = []
        for row in q:
            try:
                pack = self.pack_digest(row.policy, row.policy_revision)
            except UserError:
                pack = None
            result.append(summary(row, pack))
        return result

    @api
    def count(self, year=None, status=None, policy=None, outcome=None, unit=None, text=None) -> int:
        return self._filtered(year, status, policy, outcome, unit, text).count()

    # -- change -------------------------------------------------------------------------------------------
    @api
    def update(self, case_ref, changes: dict, expected_version: Optional[int] = None) -> dict:
        """Change application fields, answers, candidates, justification or the archive number."""
        return self._update(case_ref, changes, expected_version, "update")

    @api
    def amend_archived(self, case_ref, changes: dict, reason: str, expected_version: Optional[int] = None) -> dict:
        """An administrator's correction of an archived (read-only) case; the reason goes into the audit."""
        reason = w.text(reason, "reason", 2000)
        if not reason:
            raise UserError("reason: say why the archived case is amended (it is kept in the audit trail)")
        row = self._row(case_ref)
        if not perm.is_archived(self.pack_of(row.policy, row.policy_revision), row.status):
            raise UserError(f"case {row.number} is not archived; change it with `mianze case update`")
        return self._update(case_ref, changes, expected_version, "amend_archived", reason)

    def _update(self, case_ref, changes: dict, expected_version, action: str, reason: str = "") -> dict:
        if not isinstance(changes, dict):
            raise UserError("changes: expected an object")
        changes = dict(changes)
        answers = changes.pop("answers", None)
        with self._change(case_ref, action, expected_version, reason=reason) as c:
            old_day = c.row.applied_on
            w.apply_fields(c.row, c.pack, changes, "changes")
            if c.row.applied_on != old_day:
                if c.row.status != c.pack.procedure.initial_stage:
                    raise WorkflowError(f"case {c.row.number}: the application date can only change before "
                                        "the case is accepted")
                self._check_validity(c.pack, c.row.applied_on)
                c.row.stage_dates = {**(c.row.stage_dates or {}),
                                     c.pack.procedure.initial_stage: c.row.applied_on.isoformat()}
            if answers is not None:
                w.apply_answers(c.row, c.pack, answers, "changes")
        return c.after

    def _apply_payload(self, c: _Change, payload: dict, day: dt.date, where: str) -> None:
        fields = {k: v for k, v in payload.items() if k in w.FIELD_KEYS and k != "answers"}
        if fields:
            w.apply_fields(c.row, c.pack, fields, where)
        if payload.get("answers") is not None:
            w.apply_answers(c.row, c.pack, payload["answers"], where)
        for i, inv in enumerate(w.as_list(payload, "investigators", "investigator", where)):
            w.add_investigator(c.row, inv, c.pack, f"{where}.investigators[{i}]")
        for i, st in enumerate(w.as_list(payload, "statements", "statement", where)):
            w.add_statement(c.row, st, day, f"{where}.statements[{i}]")
        if payload.get("decision") is not None:
            record = c.record()
            w.set_decision(c.row, c.pack, record, payload["decision"], proc.engine_result(c.pack, record),
                           f"{where}.decision")
        notes = w.as_list(payload, "notifications", "notification", where)
        if notes:
            record = c.record()
            for i, note in enumerate(notes):
                w.add_notification(c.row, record, note, day, f"{where}.notifications[{i}]")
        for i, rep in enumerate(w.as_list(payload, "reports", "report", where)):
            w.add_report(c.row, rep, day, f"{where}.reports[{i}]")

    @api
    def advance(self, case_ref, to_stage: str, payload: Optional[dict] = None,
                expected_version: Optional[int] = None) -> dict:
        """Move a case to ``to_stage`` (one of the current stage's ``next``), first recording what the
        payload carries (investigators, statements, decision, reports, notifications, archive_number,
        field changes); the target stage's requirements must then hold, else nothing is saved."""
        payload = dict(payload or {})
        w._check_keys(payload, ADVANCE_KEYS, "payload")
        with self._change(case_ref, "advance", expected_version, entity="stage", entity_id=to_stage,
                          needs=lambda pack: perm.advance_needs(pack, to_stage, payload)) as c:
            row, pack = c.row, c.pack
            target = proc.check_transition(pack, c.before, to_stage)
            day = parse_date(payload["date"], "payload.date") if payload.get("date") else dt.date.today()
            current_day = (row.stage_dates or {}).get(row.status)
            if day < row.applied_on or (current_day and day.isoformat() < current_day):
                raise WorkflowError(f"payload.date: {day} is before the case's current stage date "
                                    f"({current_day or row.applied_on})")
            self._apply_payload(c, payload, day, "payload")
            decision = m.Decision.get_or_none(m.Decision.case == row.id)
            if decision is not None and decision.decided_on is None and (
                    target.role == "decide" or "decision" in target.requires):
                decision.decided_on = day
                decision.save()
            record = c.record()
            source = pack.stage(row.status)
            if row.status == pack.procedure.initial_stage:
                proc.require(pack, record, source)
            proc.require(pack, record, target)
            if target.role == "pause":
                row.paused_from = row.status
            elif source.role == "pause":
                row.paused_from = None
            dates = dict(row.stage_dates or {})
            if to_stage not in dates or target.role == "pause":
                dates[to_stage] = day.isoformat()
            row.stage_dates = dates
            row.status = to_stage
        return c.after

    @perm.guarded
    def resume(self, case_ref, payload: Optional[dict] = None, expected_version: Optional[int] = None) -> dict:
        """Leave a pause stage (请示上级 / 复核) back to the stage the case came from."""
        record = self.get(case_ref)
        with self.store.session():
            target = proc.resume_target(self.pack_of(record["policy"], record["policy_revision"]), record)
        return self.advance(record["id"], target, payload, expected_version)

    @api
    def next_stages(self, case_ref) -> list[dict]:
        """The stages the case may go to now, each with what it still lacks (empty ``missing``: ready)."""
        row = self._row(case_ref)
        pack = self.pack_of(row.policy, row.policy_revision)
        record = self._records([row.id])[row.id]
        result = []
        for sid in proc.next_stages(pack, row.status, row.paused_from):
            stage = pack.stage(sid)
            missing = proc.requirement_problems(pack, record, stage)
            if row.status == pack.procedure.initial_stage:
                missing = proc.requirement_problems(pack, record, pack.stage(row.status)) + missing
            result.append({"id": sid, "label": stage.label, "role": stage.role, "requires": list(stage.requires),
                           "missing": missing})
        return result

    @api
    def check(self, case_ref) -> dict:
        """The policy engine's result for the case's answers (outcome, allowed outcomes, basis text)."""
        record = self.get(case_ref)
        return proc.engine_result(self.pack_of(record["policy"], record["policy_revision"]), record).to_dict()

    def _sub(self, case_ref, action, expected_version, fn, entity):
        with self._change(case_ref, action, expected_version, entity=entity) as c:
            fn(c)
        return c.after

    @api
    def add_investigator(self, case_ref, investigator: dict, expected_version: Optional[int] = None) -> dict:
        return self._sub(case_ref, "add_investigator", expected_version,
                         lambda c: w.add_investigator(c.row, investigator, c.pack), "investigator")

    @api
    def remove_investigator(self, case_ref, investigator_id: int, expected_version: Optional[int] = None) -> dict:
        def fn(c):
            if not m.Investigator.delete().where(m.Investigator.id == investigator_id,
                                                 m.Investigator.case == c.row.id).execute():
                raise UserError(f"case {c.row.number} has no investigator {investigator_id}")
        return self._sub(case_ref, "remove_investigator", expected_version, fn, "investigator")

    @api
    def add_statement(self, case_ref, statement: dict, expected_version: Optional[int] = None) -> dict:
        return self._sub(case_ref, "add_statement", expected_version,
                         lambda c: w.add_statement(c.row, statement, dt.date.today()), "statement")

    @api
    def preview_decision(self, case_ref) -> dict:
        """What record_decision would prefill: the engine's outcome, allowed outcomes and basis text."""
        result = self.check(case_ref)
        return {"outcome": result["outcome"], "allowed_outcomes": result["allowed_outcomes"],
                "basis": result["basis_text"], "matched": result["matched"], "excluded_by": result["excluded_by"],
                "needs_justification": result["needs_justification"], "explanation": result["explanation"]}

    @api
    def record_decision(self, case_ref, decision: dict, expected_version: Optional[int] = None) -> dict:
        """Create or replace the decision; basis defaults to the engine's basis text (editable)."""
        def fn(c):
            record = c.before
            w.set_decision(c.row, c.pack, record, decision, proc.engine_result(c.pack, record))
        return self._sub(case_ref, "record_decision", expected_version, fn, "decision")

    @api
    def notify(self, case_ref, notification: dict, expected_version: Optional[int] = None) -> dict:
        return self._sub(case_ref, "notify", expected_version,
                         lambda c: w.add_notification(c.row, c.before, notification, dt.date.today()), "notification")

    @api
    def add_report(self, case_ref, report: dict, expected_version: Optional[int] = None) -> dict:
        return self._sub(case_ref, "add_report", expected_version,
                         lambda c: w.add_report(c.row, report, dt.date.today()), "report")

    # -- attachments ----------------------------------------------------------------------------------------
    @api
    def attach(self, case_ref, path, name: Optional[str] = None, expected_version: Optional[int] = None) -> dict:
        """Copy a file into the managed folder and record its SHA-256, size and original name."""
        created_file: list[Path] = []

        def fn(c):
            rel, digest, size, clean, created = store_file(Path(path), self.store.attachments_dir, c.row.id, name)
            if created:
                created_file.append(self.store.attachments_dir / rel)
            share(self.store, self.store.attachments_dir / rel, digest, size)  # PostgreSQL: for every PC
            c.attachment = m.Attachment.create(case=c.row.id, name=clean, stored_path=rel, sha256=digest,
                                               size=size, added_on=audit.now_stamp())
        try:
            with self._change(case_ref, "attach", expected_version, entity="attachment") as c:
                fn(c)
        except BaseException:
            for f in created_file:  # the row was rolled back: do not leave an orphan copy
                f.unlink(missing_ok=True)
            raise
        a = c.attachment
        return {"id": a.id, "name": a.name, "sha256": a.sha256, "size": a.size, "added_on": a.added_on,
                "version": c.after["version"]}

    @api
    def remove_attachment(self, case_ref, attachment_id: int, expected_version: Optional[int] = None) -> dict:
        """Take an attachment off the case. The file stays in the managed folder (the audit trail keeps it)."""
        def fn(c):
            if not m.Attachment.update(removed_at=audit.now_stamp()).where(
                    m.Attachment.id == attachment_id, m.Attachment.case == c.row.id,
                    m.Attachment.removed_at.is_null()).execute():
                raise UserError(f"case {c.row.number} has no attachment {attachment_id}")
        return self._sub(case_ref, "remove_attachment", expected_version, fn, "attachment")

    @api
    def attachment_path(self, attachment_id: int) -> Path:
        """The file to open for an attachment (inside the managed folder)."""
        a = m.Attachment.get_or_none(m.Attachment.id == attachment_id)
        if a is None:
            raise UserError(f"no attachment {attachment_id}")
        path = resolve(self.store.attachments_dir, a.stored_path)
        if not path.is_file() and not fetch_shared(self.store, a.stored_path, a.sha256, a.size):
            raise UserError(f"attachment {a.name}: file {path} is missing; run `mianze db verify`")
        return path
