"""Working days: the official calendar (chinesecalendar) plus local overrides.

A day is a working day when the HolidayOverride table says so; otherwise when
chinesecalendar says so. For a year chinesecalendar does not know (it raises
NotImplementedError, e.g. 2027 before its data is published) the overrides must
hold that year's 放假/调休 days: a year with at least one override is taken as
entered, and its days without an override follow the Monday–Friday rule. A year
with neither is refused with a message naming the year — never guessed.
Counting starts the day after the start date (the start day is not counted).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping, Optional

from ..store.errors import CalendarError

MAX_DAYS = 3660


class WorkCalendar:
    def __init__(self, overrides: Optional[Mapping[dt.date, bool]] = None):
        self.overrides: dict[dt.date, bool] = dict(overrides or {})
        self._override_years = {d.year for d in self.overrides}
        self._official_years: dict[int, bool] = {}

    @classmethod
    def from_rows(cls, rows: Iterable) -> "WorkCalendar":
        return cls({r.day: bool(r.workday) for r in rows})

    def has_official(self, year: int) -> bool:
        known = self._official_years.get(year)
        if known is None:
            import chinese_calendar

            try:
                chinese_calendar.is_workday(dt.date(year, 6, 1))
                known = True
            except NotImplementedError:
                known = False
            self._official_years[year] = known
        return known

    def covers(self, year: int) -> bool:
        return self.has_official(year) or year in self._override_years

    def source(self, year: int) -> str:
        if year in self._override_years and self.has_official(year):
            return "official+overrides"
        if self.has_official(year):
            return "official"
        return "overrides" if year in self._override_years else "none"

    def is_workday(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if self.has_official(day.year):
            # chinesecalendar's own is_workday works out its supported years (min/max over every holiday)
            # at each call; the year is checked once above, so ask its tables directly — the same rule.
            from chinese_calendar.constants import holidays, workdays

            return day in workdays or (day.weekday() < 5 and day not in holidays)
        if day.year in self._override_years:
            return day.weekday() < 5
        raise CalendarError(
            f"no holiday calendar for {day.year}: the official {day.year} 放假安排 is not built in; "
            f"enter the {day.year} holidays and 调休 working days under 节假日设置 "
            f"(`holiday overrides`) before counting working days in {day.year}")

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        if days < 0:
            raise CalendarError(f"days must not be negative ({days})")
        day, counted = start, 0
        steps = 0
        while counted < days:
            day += dt.timedelta(days=1)
            steps += 1
            if steps > MAX_DAYS:
                raise CalendarError(f"{days} working days from {start} is more than ten years")
            if self.is_workday(day):
                counted += 1
        return day

    def due(self, start: dt.date, days: int, unit: str = "working") -> dt.date:
        if unit == "calendar":
            return start + dt.timedelta(days=days)
        if unit != "working":
            raise CalendarError(f"unknown deadline unit {unit!r} (working or calendar)")
        return self.add_working_days(start, days)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count
