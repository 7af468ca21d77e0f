"""CaseService administration: settings, holiday overrides, deadlines, directory, audit history,
verification, backups. Mixed into CaseService (service/cases.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from ..store import anchor, audit
from ..store import models as m
from ..store.attachments import check_file, share_local, shared_problem, shares_content
from ..store.db import read_config, redact_url, write_config
from ..store.errors import UserError
from ..workflow.calendar import WorkCalendar
from .case_records import parse_date, state_hash, text
from .permissions import guarded

# key -> (description, stored in config.json instead of the database)
SETTINGS = {
    "unit_name": ("本单位名称", False),
    "default_policy": ("默认政策 (pack id)", False),
    "case_number_format": ("案件编号格式, e.g. {region_short}-{year}-{seq:04d}", False),
    "backup_keep": ("自动备份保留份数", False),
    "database_url": ("PostgreSQL URL (empty: SQLite in the data folder)", True),
    "attachments_dir": ("附件文件夹 (empty: attachments/ in the data folder)", True),
}
_BATCH = 500


class AdminMixin:
    # -- settings ------------------------------------------------------------------------------------------
    @guarded
    def get_setting(self, key: str, default: Any = None) -> Any:
        if key not in SETTINGS:
            raise UserError(f"unknown setting {key!r} (known: {', '.join(SETTINGS)})")
        if SETTINGS[key][1]:
            return read_config(self._service.data_dir).get(key, default)
        with self.store.session():
            row = m.Setting.get_or_none(m.Setting.key == key)
        return default if row is None or row.value in (None, "") else row.value

    @guarded
    def settings(self) -> dict:
        return {key: self.get_setting(key) for key in SETTINGS}

    def _clean_setting(self, key: str, value: Any) -> Any:
        if value in (None, ""):
            return None
        if key == "backup_keep":
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise UserError(f"setting backup_keep: {value!r} is not a whole number") from None
            if value < 1:
                raise UserError("setting backup_keep: keep at least 1 backup")
            return value
        value = text(value, f"setting {key}", 400)
        if key == "default_policy":
            self._service.policies.get(value)
        elif key == "case_number_format":
            sample = {"region_short": "濮阳", "region": "濮阳市", "policy": "x", "year": 2026, "unit": "u"}
            if "{seq" not in value:
                raise UserError("setting case_number_format: it must contain {seq} (e.g. {seq:04d})")
            try:
                value.format(seq=1, **sample)
            except (KeyError, ValueError, IndexError) as exc:
                raise UserError(f"setting case_number_format: {value!r} is not a valid format ({exc}); "
                                f"placeholders: {', '.join(sorted(sample))}, seq") from None
        elif key == "database_url" and not value.startswith(("postgresql://", "postgres://", "sqlite:///")):
            raise UserError("setting database_url: use postgresql://user@host/dbname (or empty for SQLite)")
        return value

    @guarded
    def set_setting(self, key: str, value: Any) -> Any:
        if key not in SETTINGS:
            raise UserError(f"unknown setting {key!r} (known: {', '.join(SETTINGS)})")
        value = self._clean_setting(key, value)
        if SETTINGS[key][1]:
            # recorded in the database in use now; takes effect the next time the program starts
            config = read_config(self._service.data_dir)
            old = config.get(key)
            shown = (lambda v: redact_url(v) if v and key == "database_url" else v)
            with self.store.session(), self.store.write():
                if value is None:
                    config.pop(key, None)
                else:
                    config[key] = value
                write_config(self._service.data_dir, config)
                self._audit("setting", entity="setting", entity_id=key, before={key: shown(old)},
                            after={key: shown(value)})
            return value
        with self.store.session(), self.store.write():
            row = m.Setting.get_or_none(m.Setting.key == key)
            old = row.value if row else None
            m.Setting.insert(key=key, value=value).on_conflict(
                conflict_target=[m.Setting.key], update={m.Setting.value: value}).execute()
            self._audit("setting", entity="setting", entity_id=key, before={key: old}, after={key: value})
        return value

    # -- holidays and deadlines ------------------------------------------------------------------------------
    @guarded
    def calendar(self) -> WorkCalendar:
        with self.store.session():
            return WorkCalendar.from_rows(m.HolidayOverride.select())

    @guarded
    def deadline(self, start, days: int, calendar_days: bool = False) -> dt.date:
        """The due date ``days`` working (or calendar) days after ``start`` (the start day is not counted)."""
        day = parse_date(start, "from")
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise UserError(f"days: {days!r} must be a whole number ≥ 0")
        return self.calendar().due(day, days, "calendar" if calendar_days else "working")

    @guarded
    def list_holidays(self, year: Optional[int] = None) -> list[dict]:
        with self.store.session():
            q = m.HolidayOverride.select().order_by(m.HolidayOverride.day)
            if year:
                q = q.where(m.HolidayOverride.day.between(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)))
            return [{"day": r.day.isoformat(), "workday": r.workday, "note": r.note} for r in q]

    @guarded
    def set_holiday(self, day, workday: bool, note: str = "") -> dict:
        """Mark a day as a working day (调休上班) or a day off (放假), overriding the official calendar."""
        d = parse_date(day, "day")
        if not isinstance(workday, bool):
            raise UserError("workday: expected true (working day) or false (day off)")
        note = text(note, "note", 120)
        with self.store.session(), self.store.write():
            old = m.HolidayOverride.get_or_none(m.HolidayOverride.day == d)
            before = {"workday": old.workday, "note": old.note} if old else None
            m.HolidayOverride.insert(day=d, workday=workday, note=note).on_conflict(
                conflict_target=[m.HolidayOverride.day],
                update={m.HolidayOverride.workday: workday, m.HolidayOverride.note: note}).execute()
            self._audit("holiday_set", entity="holiday", entity_id=d.isoformat(), before=before,
                        after={"workday": workday, "note": note})
        self.forget_calendar()  # the list's deadlines (case_listing.py) use the new day at once
        return {"day": d.isoformat(), "workday": workday, "note": note}

    @guarded
    def import_holidays(self, entries: list) -> list[dict]:
        """Set many overrides at once (a year's 放假安排), all or nothing."""
        if not isinstance(entries, list):
            raise UserError("holidays: expected a list of {day, workday, note}")
        done = []
        with self.store.session(), self.store.write():
            for i, e in enumerate(entries):
                if not isinstance(e, dict) or "day" not in e or "workday" not in e:
                    raise UserError(f"holidays[{i}]: expected {{\"day\": \"YYYY-MM-DD\", \"workday\": true/false}}")
                try:
                    done.append(self.set_holiday(e["day"], e["workday"], e.get("note", "")))
                except UserError as exc:
                    raise UserError(f"holidays[{i}]: {exc}") from None
        return done

    @guarded
    def remove_holiday(self, day) -> None:
        d = parse_date(day, "day")
        with self.store.session(), self.store.write():
            old = m.HolidayOverride.get_or_none(m.HolidayOverride.day == d)
            if old is None:
                raise UserError(f"no holiday override for {d}")
            old.delete_instance()
            self._audit("holiday_remove", entity="holiday", entity_id=d.isoformat(),
                        before={"workday": old.workday, "note": old.note})
        self.forget_calendar()

    # -- directory -------------------------------------------------------------------------------------------
    @guarded
    def list_units(self) -> list[dict]:
        with self.store.session():
            return [{"id": u.id, "name": u.name, "short_name": u.short_name, "tier": u.tier, "parent": u.parent}
                    for u in m.Unit.select().order_by(m.Unit.name)]

    @guarded
    def save_unit(self, name: str, short_name: str = "", tier: str = "", parent: str = "") -> dict:
        values = {"name": text(name, "unit.name", 200), "short_name": text(short_name, "unit.short_name", 80),
                  "tier": text(tier, "unit.tier", 20), "parent": text(parent, "unit.parent", 200)}
        if not values["name"]:
            raise UserError("unit.name: empty")
        with self.store.session(), self.store.write():
            m.Unit.insert(**values).on_conflict(conflict_target=[m.Unit.name], update={
                m.Unit.short_name: values["short_name"], m.Unit.tier: values["tier"],
                m.Unit.parent: values["parent"]}).execute()
            self._audit("unit_save", entity="unit", entity_id=values["name"], after=values)
        return values

    @guarded
    def list_persons(self, unit: Optional[str] = None) -> list[dict]:
        with self.store.session():
            q = m.Person.select().order_by(m.Person.unit, m.Person.name)
            if unit:
                q = q.where(m.Person.unit == unit)
            return [{"id": p.id, "name": p.name, "unit": p.unit, "position": p.position, "phone": p.phone} for p in q]

    @guarded
    def save_person(self, name: str, unit: str = "", position: str = "", phone: str = "") -> dict:
        values = {"name": text(name, "person.name", 120), "unit": text(unit, "person.unit", 200),
                  "position": text(position, "person.position", 120), "phone": text(phone, "person.phone", 40)}
        if not values["name"]:
            raise UserError("person.name: empty")
        with self.store.session(), self.store.write():
            m.Person.insert(**values).on_conflict(conflict_target=[m.Person.name, m.Person.unit], update={
                m.Person.position: values["position"], m.Person.phone: values["phone"]}).execute()
            self._audit("person_save", entity="person", entity_id=values["name"], after=values)
        return values

    # -- audit -----------------------------------------------------------------------------------------------
    @guarded
    def history(self, case_ref=None, limit: Optional[int] = 200, offset: int = 0) -> list[dict]:
        """Audit entries, oldest first (of one case, or of everything)."""
        import json

        with self.store.session():
            q = m.AuditEntry.select().order_by(m.AuditEntry.seq)
            if case_ref is not None:
                q = q.where(m.AuditEntry.case_id == self._row(case_ref).id)
            q = q.offset(int(offset or 0))
            if limit is not None:
                q = q.limit(int(limit))
            return [{"seq": e.seq, "at": e.at, "user": e.user, "action": e.action, "case_id": e.case_id,
                     "entity": e.entity, "entity_id": e.entity_id, "before": json.loads(e.before),
                     "after": json.loads(e.after), "hash": e.hash} for e in q]

    @guarded
    def verify(self) -> dict:
        """Check the audit chain, every case against its last audited state, and every attachment's hash."""
        with self.store.session():
            problems: list[dict] = []
            if self.store.backend == "sqlite":
                for (line,) in self.store.db.execute_sql("PRAGMA integrity_check").fetchall():
                    if line != "ok":
                        problems.append({"kind": "database", "message": f"SQLite integrity check: {line}"})
            entries, chain = audit.verify_chain()
            problems += chain
            noted, cut = anchor.check(self.store)
            problems += cut
            latest = audit.latest_state_hashes()
            ids = [r[0] for r in m.Case.select(m.Case.id).order_by(m.Case.id).tuples()]
            for start in range(0, len(ids), _BATCH):
                records = self._records(ids[start:start + _BATCH])
                for cid, record in records.items():
                    seen = latest.get(cid)
                    if seen is None:
                        problems.append({"kind": "case", "case_id": cid, "number": record["number"],
                                         "message": f"case {record['number']} has no audit entry "
                                                    "(it was written outside the program)"})
                    elif seen[1] != state_hash(record):
                        problems.append({"kind": "case", "case_id": cid, "number": record["number"],
                                         "message": f"case {record['number']} was changed outside the program: "
                                                    f"its data differs from audit entry {seen[0]}"})
            attachments = 0
            shared = shares_content(self.store)
            shared_checked: dict[str, Optional[str]] = {}
            for a in m.Attachment.select().order_by(m.Attachment.id):
                attachments += 1
                why = check_file(self.store.attachments_dir, a.stored_path, a.sha256, a.size)
                if shared:  # PostgreSQL: the copy every PC reads is in the database; a local copy must match
                    if a.sha256 not in shared_checked:
                        shared_checked[a.sha256] = shared_problem(self.store, a.sha256, a.size)
                    in_db = shared_checked[a.sha256]
                    if why and why.startswith("file ") and why.endswith(" is missing"):
                        why = None if in_db is None else f"not on this PC, and {in_db}"
                    elif in_db is not None and why is None and "changed" in in_db:
                        why = in_db
                if why:
                    problems.append({"kind": "attachment", "id": a.id, "case_id": a.case_id, "name": a.name,
                                     "message": f"attachment {a.id} ({a.name}, case {a.case_id}): {why}"})
            return {"ok": not problems, "database": self.store.where, "audit_entries": entries, "cases": len(ids),
                    "attachments": attachments,
                    "anchor": {"seq": noted["seq"], "at": noted.get("at")} if noted else None, "problems": problems}

    # -- backups and schema ------------------------------------------------------------------------------------
    @guarded
    def backup(self, path: Optional[str | Path] = None) -> dict:
        from ..store.backup import backup

        with self.store.session():
            dest = backup(self.store, Path(path) if path else None, kind="manual", include_attachments=True)
        return {"path": str(dest), "size": dest.stat().st_size}

    @guarded
    def restore(self, path: str | Path) -> dict:
        """Replace the database with a backup (the current state is saved first as a pre-restore backup)."""
        from ..store.backup import restore

        with self.store.session():
            info = restore(self.store, Path(path))
            self._packs.clear()
            share_local(self.store)  # PostgreSQL: the evidence files restored here, for every PC
            with self.store.write():
                self._audit("restore", entity="database", after={"from": Path(path).name,
                                                                  "safety_backup": Path(info["safety_backup"]).name})
        return info

    @guarded
    def upgrade(self) -> dict:
        """Bring the database to this program's schema (opening already does; this reports it)."""
        from ..store.migrations import SCHEMA_VERSION

        info = dict(self.store.upgrade_info or {})
        info.setdefault("to", SCHEMA_VERSION)
        info["schema"] = SCHEMA_VERSION
        info["database"] = self.store.where
        return info

    @guarded
    def load_samples(self) -> dict:
        from .samples import load_samples

        return load_samples(self)
