"""Working-day deadlines: official 2025–2026 calendars, overrides, a year without data."""
from __future__ import annotations

import datetime as dt

import pytest

from mianze_desktop.store.errors import CalendarError, UserError
from mianze_desktop.workflow.calendar import WorkCalendar

from .helpers import run_cli

D = dt.date


@pytest.mark.parametrize("start, days, due", [
    (D(2026, 9, 30), 7, D(2026, 10, 15)),   # 国庆中秋 Oct 1–7 off, Sat Oct 10 调休 counts
    (D(2026, 2, 13), 14, D(2026, 3, 11)),   # 春节 Feb 15–23 off, Sat Feb 14 and Feb 28 调休 count
    (D(2025, 1, 24), 3, D(2025, 2, 5)),     # Sun Jan 26 调休 counts; Jan 28–Feb 4 off
    (D(2025, 9, 30), 1, D(2025, 10, 9)),    # 2025 国庆中秋 Oct 1–8 off
    (D(2026, 3, 2), 1, D(2026, 3, 3)),      # the start day is not counted
    (D(2026, 3, 6), 1, D(2026, 3, 9)),      # Friday + 1 → Monday
    (D(2026, 3, 6), 0, D(2026, 3, 6)),
])
def test_official_calendar(start, days, due):
    assert WorkCalendar().add_working_days(start, days) == due


def test_every_official_day_agrees_with_chinesecalendar():
    import chinese_calendar

    cal, day, checked = WorkCalendar(), D(2004, 1, 1), 0
    while True:
        try:
            official = chinese_calendar.is_workday(day)
        except NotImplementedError:
            break
        assert cal.is_workday(day) == official, day
        day += dt.timedelta(days=1)
        checked += 1
    assert checked > 365 * 22 and not cal.covers(day.year)  # every supported day, then the first year without


def test_calendar_days_do_not_skip_holidays():
    assert WorkCalendar().due(D(2026, 9, 30), 7, "calendar") == D(2026, 10, 7)


def test_year_without_data_is_refused_and_named():
    with pytest.raises(CalendarError, match="2027"):
        WorkCalendar().add_working_days(D(2026, 12, 30), 5)


def test_override_year_counts_weekdays_and_overrides():
    cal = WorkCalendar({D(2027, 1, 1): False, D(2027, 2, 6): True})
    assert cal.covers(2027) and cal.source(2027) == "overrides"
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # Jan 1 off (override), weekend
    assert cal.is_workday(D(2027, 2, 6))  # a Saturday made a working day (调休)
    assert cal.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 6)


def test_override_beats_official_calendar():
    cal = WorkCalendar({D(2026, 10, 15): False})
    assert cal.add_working_days(D(2026, 9, 30), 7) == D(2026, 10, 16)


def test_service_deadline_uses_holiday_table(svc):
    cases = svc.cases
    assert cases.deadline("2026-09-30", 7) == D(2026, 10, 15)
    assert cases.deadline("2026-02-13", 14) == D(2026, 3, 11)
    assert cases.deadline("2026-09-30", 7, calendar_days=True) == D(2026, 10, 7)
    with pytest.raises(UserError, match="no holiday calendar for 2027"):
        cases.deadline("2027-03-01", 3)
    cases.import_holidays([{"day": "2027-01-01", "workday": False, "note": "元旦"},
                           {"day": "2027-02-06", "workday": True, "note": "春节调休"}])
    assert cases.deadline("2026-12-31", 1) == D(2027, 1, 4)
    assert cases.deadline("2027-02-05", 1) == D(2027, 2, 6)
    assert [h["day"] for h in cases.list_holidays(2027)] == ["2027-01-01", "2027-02-06"]
    cases.remove_holiday("2027-02-06")
    assert cases.deadline("2027-02-05", 1) == D(2027, 2, 8)
    with pytest.raises(UserError, match="not a date"):
        cases.deadline("2026-13-45", 1)
    with pytest.raises(UserError, match="days"):
        cases.deadline("2026-03-01", -1)


def test_bad_holiday_import_changes_nothing(svc):
    with pytest.raises(UserError, match=r"holidays\[1\]"):
        svc.cases.import_holidays([{"day": "2027-01-01", "workday": False}, {"day": "2027-02-30", "workday": True}])
    assert svc.cases.list_holidays() == []


def test_deadline_cli(data_dir, tmp_path):
    out = run_cli("deadline", "--from", "2026-09-30", "--days", "7", data_dir=data_dir).stdout
    assert out.strip() == "2026-10-15"
    out = run_cli("deadline", "--from", "2026-02-13", "--days", "14", "--json", data_dir=data_dir).stdout
    assert out.strip() == '"2026-03-11"'
    out = run_cli("deadline", "--from", "2026-09-30", "--days", "7", "--calendar-days", data_dir=data_dir).stdout
    assert out.strip() == "2026-10-07"
    bad = run_cli("deadline", "--from", "2027-05-01", "--days", "3", data_dir=data_dir, check=False)
    assert bad.returncode == 2 and "2027" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    run_cli("holiday", "set", "2027-05-03", "--off", "--note", "劳动节", data_dir=data_dir)
    out = run_cli("deadline", "--from", "2027-04-30", "--days", "1", data_dir=data_dir).stdout
    assert out.strip() == "2027-05-04"
