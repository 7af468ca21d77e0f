"""Read-only look-ups the GUI needs beyond CaseService's public methods.

The list's deadline column (from the stage dates in CaseService.list()'s summaries)
and the dashboard strip (open / due this week / overdue / by stage) are
computed here, read-only, inside the service's own store session and with its
packs' digests (``cases.pack_digest``) and working-day calendar (``cases.calendar()``). No
rule is decided here that the service does not already define: a deadline is
the pack's ``procedure.deadlines`` entry whose start stage has a date and whose
end stage has none. These are candidates to move into CaseService.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Optional

WARN_WORKING_DAYS = 3


class CaseQueries:
    def __init__(self, service):
        self.service = service
        self._calendar = None

    @property
    def cases(self):
        return self.service.cases

    def reset(self) -> None:
        """Forget the cached calendar (after holiday overrides change)."""
        self._calendar = None
        self._due.cache_clear()

    def calendar(self):
        if self._calendar is None:
            cal = self.cases.calendar()
            # The same days are asked about again and again (every case's deadline): remember the answers.
            cal.is_workday = lru_cache(maxsize=8192)(cal.is_workday)
            self._calendar = cal
        return self._calendar

    @lru_cache(maxsize=4096)
    def _due(self, start: dt.date, days: int, unit: str) -> dt.date:
        return self.calendar().due(start, days, unit)

    def pack(self, policy: str, revision: int):
        with self.cases.store.session():
            return self.cases.pack_of(policy, revision)

    def digest(self, policy: str, revision: int):
        """The labels, stages and deadlines of a case's pack, without building the pack (policy/digest.py)."""
        return self.cases.pack_digest(policy, revision)

    def open_deadline(self, pack, stage_dates: dict, today: dt.date) -> Optional[dict]:
        """The earliest running deadline of a case: {label, due, overdue, warn} or {label, problem}."""
        from ..service.errors import ServiceError

        best = None
        for d in pack.procedure.deadlines:
            start, done = stage_dates.get(d.start), stage_dates.get(d.end)
            if not start or done:
                continue
            try:
                due = self._due(dt.date.fromisoformat(start), d.days, d.unit)
            except ServiceError as exc:
                return {"label": d.label, "due": None, "problem": str(exc), "overdue": False, "warn": False}
            if best is None or due < best["due"]:
                best = {"label": d.label, "due": due, "days": d.days, "unit": d.unit}
        if best is None:
            return None
        best["overdue"] = today > best["due"]
        try:
            warn_until = self._due(today, WARN_WORKING_DAYS, "working")
        except ServiceError:
            warn_until = today + dt.timedelta(days=WARN_WORKING_DAYS)
        best["warn"] = not best["overdue"] and best["due"] <= warn_until
        best["due"] = best["due"].isoformat()
        return best

    def decorate(self, summaries: list[dict], today: Optional[dt.date] = None) -> list[dict]:
        """Add ``deadline`` (open deadline or None), ``policy_label`` and ``outcome_label`` to list summaries."""
        today = today or dt.date.today()
        for s in summaries:
            dates = s.get("stage_dates") or {}
            s["unit_position"] = s.get("unit_position") or s.get("unit") or ""
            try:
                pack = self.digest(s["policy"], s["policy_revision"])
            except Exception:  # a pack missing from this installation: show the raw ids
                s.update(deadline=None, policy_label=s["policy"], outcome_label=s.get("outcome") or "")
                continue
            s["policy_label"] = pack.doc_number
            s["policy_title"] = pack.title
            s["outcome_label"] = next((o.label for o in pack.outcomes if o.id == s.get("outcome")), "")
            archived = s["status"] == pack.procedure.archive_stage
            s["deadline"] = None if archived else self.open_deadline(pack, dates, today)
        return summaries

    def dashboard(self, today: Optional[dt.date] = None) -> dict:
        """{open, due_week, overdue, by_stage: [(label, n)]} over every case in the database."""
        from ..store import models as m
        import peewee as pw

        today = today or dt.date.today()
        week_end = today + dt.timedelta(days=6 - today.weekday())
        with self.cases.store.session():
            groups = list(m.Case.select(m.Case.policy, m.Case.policy_revision, m.Case.status,
                                        pw.fn.COUNT(m.Case.id)).group_by(
                m.Case.policy, m.Case.policy_revision, m.Case.status).tuples())
            by_stage: dict[str, int] = {}
            open_keys = []
            total_open = 0
            for policy, rev, status, n in groups:
                pack = self.cases.pack_digest(policy, rev)
                try:
                    label = pack.stage(status).label
                except KeyError:
                    label = status
                by_stage[label] = by_stage.get(label, 0) + n
                if status != pack.procedure.archive_stage:
                    total_open += n
                    if pack.procedure.deadlines:
                        open_keys.append((policy, rev, status, pack))
            due_week = overdue = 0
            week_end_iso = week_end.isoformat()
            for policy, rev, status, pack in open_keys:
                # Only the dates a deadline reads matter: count the cases per distinct set of those dates and
                # work each set out once (thousands of sets instead of one computation per case).
                keys = sorted({k for d in pack.procedure.deadlines for k in (d.start, d.end)})
                seen: dict[tuple, int] = {}
                q = m.Case.select(m.Case.stage_dates).where(
                    (m.Case.policy == policy) & (m.Case.policy_revision == rev) & (m.Case.status == status))
                sql, params = q.sql()  # the raw text of the column: no per-row model conversion
                for (text,) in self.cases.store.db.execute_sql(sql, params).fetchall():
                    dates = json.loads(text) if text else {}
                    key = tuple(dates.get(k) for k in keys)
                    seen[key] = seen.get(key, 0) + 1
                for key, n in seen.items():
                    d = self.open_deadline(pack, {k: v for k, v in zip(keys, key) if v}, today)
                    if not d or not d.get("due"):
                        continue
                    if d["overdue"]:
                        overdue += n
                    elif d["due"] <= week_end_iso:
                        due_week += n
        return {"open": total_open, "due_week": due_week, "overdue": overdue,
                "by_stage": sorted(by_stage.items(), key=lambda kv: -kv[1])}
