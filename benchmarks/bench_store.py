"""Case store: list / count / get with 100,000 cases in SQLite (the GUI's case list and search)."""
from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from .common import median_time, result

UNITS = [f"某县某{c}镇人民政府" for c in "东南西北中甲乙丙丁戊"]
WORDS = ["低保", "特困", "临时救助", "隐瞒收入", "核对平台", "入户调查", "多领", "追缴", "录入错误", "代管账户"]


def _fill(svc, n: int) -> None:
    """Insert n synthetic cases straight into the tables (the API path is measured elsewhere)."""
    from mianze_desktop.store import models as m

    svc.cases.create({"applicant": "种子某某", "applied_on": "2024-03-04"}, policy="weihai-2023")
    pack = svc.policies.get("weihai-2023")
    stages = [s.id for s in pack.procedure.stages]
    rng = random.Random(7)
    now = "2026-01-01T00:00:00+08:00"
    store = svc.cases.store
    with store.session(), store.db.atomic():
        rows = []
        for i in range(n):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
            text = "".join(rng.sample(WORDS, 3))
            rows.append(dict(number=f"BENCH-{i:06d}", policy=pack.id, policy_revision=pack.revision,
                             status=rng.choice(stages), applicant=f"测{i % 997}某某", unit=rng.choice(UNITS),
                             matter=text, facts_reasons=text * 5, applied_on=day,
                             outcome=rng.choice([None, "exempt", "lighter", "refused"]), form={}, candidates=[],
                             stage_dates={}, search_text=f"BENCH-{i:06d}\n测{i % 997}某某\n{text}",
                             created_at=now, updated_at=now))
            if len(rows) == 2000:
                m.Case.insert_many(rows).execute()
                rows = []
        if rows:
            m.Case.insert_many(rows).execute()


def bench_case_list(quick: bool) -> list[dict]:
    from mianze_desktop.service import Service

    n = 20000 if quick else 100000
    with tempfile.TemporaryDirectory() as tmp:
        svc = Service(data_dir=Path(tmp), user="bench")
        _fill(svc, n)
        cases = svc.cases
        out = []
        for name, kwargs in [
            ("case_list_page", {}),
            ("case_list_year_status", {"year": 2025, "status": "decide"}),
            ("case_list_text", {"text": "隐瞒收入 追缴"}),
        ]:
            secs = median_time(lambda: cases.list(limit=100, **kwargs), repeat=5 if quick else 10)
            out.append(result(name, secs * 1000, "ms", goal="<= 200 ms", cases=n))
        secs = median_time(lambda: cases.count(year=2025, unit=UNITS[3]), repeat=5)
        out.append(result("case_count_filtered", secs * 1000, "ms", goal="<= 200 ms", cases=n))
        secs = median_time(lambda: cases.get("BENCH-054321" if n > 54321 else "BENCH-012345"), repeat=10)
        out.append(result("case_get", secs * 1000, "ms", goal="<= 50 ms", cases=n))
        svc.close()
    return out


BENCHMARKS = {"case_list": bench_case_list}
