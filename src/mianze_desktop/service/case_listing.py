"""CaseService reads for the case list and the dashboard strip.

``list_rows`` is ``list`` plus what a list row shows besides the case's own columns: its pack's
document number and title, the outcome's label and the running deadline (overdue, or due within
``WARN_WORKING_DAYS`` working days). ``dashboard`` counts open cases, those due this week, the overdue
ones and the cases per stage. Both use the same deadline entries as a case record (``case_records``)
and the packs' digests, so the list, the dashboard and the case window never disagree.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Optional

from ..store import models as m
from ..store.errors import CalendarError, UserError
from .case_records import deadline_entries, memo_due
from .permissions import guarded, is_archived

WARN_WORKING_DAYS = 3


def open_deadline(deadlines: list[dict], today: dt.date, warn_until: dt.date) -> Optional[dict]:
    """The earliest running deadline among a record's ``deadlines`` entries, as
    {label, due, days, unit, overdue, warn}; one that cannot be worked out is returned at once as
    {label, due: None, problem, overdue: False, warn: False}. None when nothing is running."""
    best = None
    for d in deadlines:
        if not d["start"] or d["done_on"]:
            continue
        if d.get("problem"):
            return {"label": d["label"], "due": None, "problem": d["problem"], "overdue": False, "warn": False}
        if best is None or d["due"] < best["due"]:
            best = d
    if best is None:
        return None
    due = dt.date.fromisoformat(best["due"])
    overdue = today > due
    return {"label": best["label"], "due": best["due"], "days": best["days"], "unit": best["unit"],
            "overdue": overdue, "warn": not overdue and due <= warn_until}


class ListingMixin:
    _listing_due = None  # the calendar's memoised ``due`` (see ``_due_of``)

    def forget_calendar(self) -> None:
        """Read the holiday overrides again at the next list (another PC may have changed them)."""
        self._listing_due = None

    def _due_of(self):
        if self._listing_due is None:
            self._listing_due = memo_due(self.calendar())
        return self._listing_due

    def _warn_until(self, today: dt.date) -> dt.date:
        try:
            return self._due_of()(today, WARN_WORKING_DAYS, "working")
        except CalendarError:  # a year without calendar data: warn over calendar days instead
            return today + dt.timedelta(days=WARN_WORKING_DAYS)

    @guarded
    def running_deadline(self, record: dict, today: Optional[dt.date] = None) -> Optional[dict]:
        """The running deadline of a case record (``get``), as a list row shows it (``open_deadline``)."""
        today = today or dt.date.today()
        return open_deadline(record["deadlines"], today, self._warn_until(today))

    @guarded
    def list_rows(self, year=None, status=None, policy=None, outcome=None, unit=None, text=None,
                  offset: int = 0, limit: Optional[int] = 100, today: Optional[dt.date] = None) -> list[dict]:
        """``list`` with, per case: ``policy_label`` (the pack's 文号), ``policy_title``, ``outcome_label``,
        ``unit_position`` (the unit when no position was given) and ``deadline`` (``open_deadline``; None
        once archived)."""
        rows = self.list(year=year, status=status, policy=policy, outcome=outcome, unit=unit, text=text,
                         offset=offset, limit=limit)
        today = today or dt.date.today()
        due_of, warn_until = self._due_of(), self._warn_until(today)
        for s in rows:
            s["unit_position"] = s.get("unit_position") or s.get("unit") or ""
            try:
                pack = self.pack_digest(s["policy"], s["policy_revision"])
            except UserError:  # a pack missing from this installation: show the raw ids
                s.update(deadline=None, policy_label=s["policy"], policy_title="", outcome_label=s.get("outcome") or "")
                continue
            s["policy_label"] = pack.doc_number
            s["policy_title"] = pack.title
            s["outcome_label"] = next((o.label for o in pack.outcomes if o.id == s.get("outcome")), "")
            if is_archived(pack, s["status"]):
                s["deadline"] = None
            else:
                entries = deadline_entries(pack, s["stage_dates"], due_of, today)
                s["deadline"] = open_deadline(entries, today, warn_until)
        return rows

    @guarded
    def dashboard(self, today: Optional[dt.date] = None) -> dict:
        """{open, due_week, overdue, by_stage: [(stage label, n)]} over every case in the database."""
        import peewee as pw

        today = today or dt.date.today()
        week_end = (today + dt.timedelta(days=6 - today.weekday())).isoformat()
        due_of, warn_until = self._due_of(), self._warn_until(today)
        with self.store.session():
            groups = list(m.Case.select(m.Case.policy, m.Case.policy_revision, m.Case.status,
                                        pw.fn.COUNT(m.Case.id)).group_by(
                m.Case.policy, m.Case.policy_revision, m.Case.status).tuples())
            by_stage: dict[str, int] = {}
            running = []
            total_open = 0
            for policy, rev, status, n in groups:
                pack = self.pack_digest(policy, rev)
                try:
                    label = pack.stage(status).label
                except KeyError:
                    label = status
                by_stage[label] = by_stage.get(label, 0) + n
                if not is_archived(pack, status):
                    total_open += n
                    if pack.procedure.deadlines:
                        running.append((policy, rev, status, pack))
            due_week = overdue = 0
            for policy, rev, status, pack in running:
                # Only the dates a deadline reads matter: count the cases per distinct set of those dates and
                # work each set out once (thousands of sets instead of one computation per case).
                keys = sorted({k for d in pack.procedure.deadlines for k in (d.start, d.end)})
                seen: dict[tuple, int] = {}
                q = m.Case.select(m.Case.stage_dates).where(
                    (m.Case.policy == policy) & (m.Case.policy_revision == rev) & (m.Case.status == status))
                sql, params = q.sql()  # the raw text of the column: no per-row model conversion
                for (text,) in self.store.db.execute_sql(sql, params).fetchall():
                    dates = json.loads(text) if text else {}
                    key = tuple(dates.get(k) for k in keys)
                    seen[key] = seen.get(key, 0) + 1
                for key, n in seen.items():
                    dates = {k: v for k, v in zip(keys, key) if v}
                    d = open_deadline(deadline_entries(pack, dates, due_of, today), today, warn_until)
                    if not d or not d.get("due"):
                        continue
                    if d["overdue"]:
                        overdue += n
                    elif d["due"] <= week_end:
                        due_week += n
        return {"open": total_open, "due_week": due_week, "overdue": overdue,
                "by_stage": sorted(by_stage.items(), key=lambda kv: -kv[1])}
