"""`sample load`: a realistic set over both policies, every stage and outcome, 2024–2026, invented names."""
from __future__ import annotations

import datetime as dt

import pytest

from mianze_desktop.store.errors import UserError


def test_sample_cases_cover_every_stage_and_outcome(svc):
    result = svc.cases.load_samples()
    assert result["created"] >= 20 and result["skipped_policies"] == []
    records = [svc.cases.get(c["id"]) for c in result["cases"]]
    by_policy: dict[str, list] = {}
    for rec in records:
        by_policy.setdefault(rec["policy"], []).append(rec)
    assert set(by_policy) == {"weihai-2023", "puyang-2024"}
    for policy_id, recs in by_policy.items():
        pack = svc.policies.get(policy_id)
        assert {r["status"] for r in recs} == {s.id for s in pack.procedure.stages}, policy_id
        decided = {r["decision"]["outcome"] for r in recs if r["decision"]}
        assert decided == {o.id for o in pack.outcomes}, policy_id
        for r in recs:
            applied = dt.date.fromisoformat(r["applied_on"])
            assert pack.is_valid_on(applied) and 2024 <= applied.year <= 2026
            assert r["applicant"].endswith("某某") and "某" in r["unit"]
            assert len(r["facts_reasons"]) > 30
            dates = [r["stage_dates"][s.id] for s in pack.procedure.stages if s.id in r["stage_dates"]]
            assert all(d >= r["applied_on"] for d in dates)
            if r["status"] == pack.procedure.archive_stage:
                assert r["archive_number"] and r["notifications"] and r["decision"]["decision_number"]
    assert {r["applied_on"][:4] for r in records} == {"2024", "2025", "2026"}
    assert any(r["paused_from"] for r in records)  # a case waiting in a pause stage
    assert sum(len(r["attachments"]) for r in records) >= 2
    assert any(d["overdue"] for r in records for d in r["deadlines"] if d["done_on"])
    report = svc.cases.verify()
    assert report["ok"] and report["cases"] == result["created"]
    with pytest.raises(UserError, match="already loaded"):
        svc.cases.load_samples()
    assert svc.cases.count() == result["created"]
