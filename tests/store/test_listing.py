"""CaseService.list_rows / dashboard: the list's running deadline and the dashboard counts agree with
the deadlines of the case records, on a pinned "today" (the week and the warn window are checked)."""
from __future__ import annotations

import datetime as dt

from mianze_desktop.service.case_listing import WARN_WORKING_DAYS

from .helpers import PUYANG_CASE, WEIHAI_CASE, case_data

TODAY = dt.date(2026, 3, 18)  # a Wednesday; 濮阳's 14 working days from 2026-03-02 end on 2026-03-20


def _cases(svc):
    """Open 濮阳 cases accepted on different days (overdue, due this week, due later, not started) and an
    archived-looking mix from the samples."""
    svc.cases.load_samples()
    accepted = {"2026-02-09": None, "2026-03-02": None, "2026-03-13": None}
    for day in accepted:
        cid = svc.cases.create(case_data(PUYANG_CASE, applicant=f"期限{day}", applied_on=day),
                               policy="puyang-2024")["id"]
        svc.cases.advance(cid, "accept", {"date": day, "accepting_body": "华龙区民政局"})
        accepted[day] = cid
    svc.cases.create(case_data(WEIHAI_CASE, applicant="未受理某某"), policy="weihai-2023")
    return accepted


def _expected_running(record):
    running = [d for d in record["deadlines"] if d["start"] and not d["done_on"] and d["due"]]
    return min(running, key=lambda d: d["due"]) if running else None


def test_list_rows_show_the_earliest_running_deadline_of_each_record(svc):
    accepted = _cases(svc)
    warn_until = svc.cases.deadline(TODAY.isoformat(), WARN_WORKING_DAYS).isoformat()
    rows = svc.cases.list_rows(limit=None, today=TODAY)
    assert len(rows) == svc.cases.count()
    for row in rows:
        rec = svc.cases.get(row["id"])
        pack = svc.policies.get(rec["policy"])
        assert row["policy_label"] == pack.doc_number and row["policy_title"] == pack.title
        outcome = (rec["decision"] or {}).get("outcome")
        assert row["outcome"] == outcome
        assert row["outcome_label"] == next((o.label for o in pack.outcomes if o.id == outcome), "")
        if rec["status"] == pack.procedure.archive_stage:
            assert row["deadline"] is None
            continue
        first = _expected_running(rec)
        if first is None:
            assert row["deadline"] is None
            continue
        listed = row["deadline"]
        assert (listed["label"], listed["due"]) == (first["label"], first["due"])
        assert listed["overdue"] == (first["due"] < TODAY.isoformat())
        assert listed["warn"] == (not listed["overdue"] and first["due"] <= warn_until)
    by_id = {r["id"]: r["deadline"] for r in rows}
    assert by_id[accepted["2026-02-09"]]["overdue"]  # due 2026-02-27 + the Spring Festival days
    due_soon = by_id[accepted["2026-03-02"]]
    assert due_soon["due"] == "2026-03-20" and not due_soon["overdue"] and due_soon["warn"]
    later = by_id[accepted["2026-03-13"]]
    assert later["due"] > warn_until and not later["overdue"] and not later["warn"]


def test_dashboard_counts_agree_with_the_list(svc):
    _cases(svc)
    week_end = (TODAY + dt.timedelta(days=6 - TODAY.weekday())).isoformat()
    rows = svc.cases.list_rows(limit=None, today=TODAY)
    open_rows = [r for r in rows if r["status"] != svc.policies.get(r["policy"]).procedure.archive_stage]
    running = [r["deadline"] for r in open_rows if r["deadline"] and r["deadline"]["due"]]
    stats = svc.cases.dashboard(today=TODAY)
    assert stats["open"] == len(open_rows)
    assert stats["overdue"] == sum(d["overdue"] for d in running) >= 1
    assert stats["due_week"] == sum(not d["overdue"] and d["due"] <= week_end for d in running) >= 1
    assert sum(n for _label, n in stats["by_stage"]) == svc.cases.count()


def test_a_new_holiday_override_moves_the_listed_deadline_at_once(svc):
    accepted = _cases(svc)
    cid = accepted["2026-03-02"]
    before = next(r for r in svc.cases.list_rows(limit=None, today=TODAY) if r["id"] == cid)["deadline"]
    svc.cases.set_holiday("2026-03-10", workday=False, note="测试：临时放假")
    after = next(r for r in svc.cases.list_rows(limit=None, today=TODAY) if r["id"] == cid)["deadline"]
    assert (before["due"], after["due"]) == ("2026-03-20", "2026-03-23")
    assert after["due"] == _expected_running(svc.cases.get(cid))["due"]
