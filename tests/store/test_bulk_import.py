"""Bulk reads and writes of the case store on SQLite and PostgreSQL: ``records(ids)``, a large
``import_records`` (several chunks) that audits every case in one verifiable chain, and its
all-or-nothing refusal when a record near the end of a large batch is bad."""
from __future__ import annotations

import pytest

from mianze_desktop.store import models
from mianze_desktop.store.errors import UserError

from .helpers import INVESTIGATORS, WEIHAI_CASE, case_data

N = 1200  # more than two of the import's chunks of 500


def _records(n: int, prefix: str = "导入") -> list[dict]:
    """n historical cases over both seed packs, with every kind of child row the import writes."""
    out = []
    for i in range(n):
        weihai = i % 2 == 0
        day = f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}"
        rec = {"number": f"{prefix}-{i + 1:05d}", "policy": "weihai-2023" if weihai else "puyang-2024",
               "applicant": f"申请人{i}", "unit": f"某镇{i % 7}", "position": "专干", "tier": "乡镇",
               "applied_on": day, "matter": f"第{i}件事项", "remarks": "已追回" if i % 3 == 0 else "",
               "investigators": [{"name": f"调查员{i % 5}", "no_conflict_declared": True},
                                 {"name": f"核查员{i % 4}", "unit": "区民政局"}]}
        if i % 4 == 0:
            rec["statements"] = [{"content": f"申辩意见{i}", "speaker": rec["applicant"], "heard_on": day}]
        if i % 5 == 0:
            rec["notifications"] = [{"recipient": rec["applicant"], "channel": "当面", "notified_on": day},
                                    {"recipient": rec["unit"], "notified_on": day}]
        if i % 7 == 0:
            rec["reports"] = [{"recipient": "区纪委监委", "reference": f"报-{i}", "reported_on": day}]
        if weihai and i % 6 == 0:
            rec["answers"] = {"verified-per-rules": True, "applicant-concealed": i % 12 == 0}
        if i % 3 != 2:
            rec.update(status="archive", archive_number=f"档-{i}", stage_dates={"accept": day},
                       decision={"outcome": "容错免责" if weihai else "exempt", "basis": "依据", "conclusion": "予以容错",
                                 "decided_on": day})
        out.append(rec)
    return out


def _audit_count(svc) -> int:
    with svc.cases.store.session():
        return models.AuditEntry.select().count()


def test_records_returns_the_same_dicts_as_get_in_the_order_asked(svc):
    ids = [svc.cases.create(case_data(WEIHAI_CASE, applicant=f"张某{i}"), policy="weihai-2023")["id"]
           for i in range(3)]
    svc.cases.add_investigator(ids[1], INVESTIGATORS[0])
    svc.cases.add_statement(ids[1], {"content": "申辩"})
    asked = [ids[2], ids[0], ids[1], ids[0]]
    got = svc.cases.records(asked)
    assert [r["id"] for r in got] == asked
    assert got == [svc.cases.get(i) for i in asked]
    assert got[2]["investigators"][0]["name"] == INVESTIGATORS[0]["name"] and got[2]["statements"]
    assert svc.cases.records([]) == []
    assert [r["id"] for r in svc.cases.records(i for i in ids)] == ids  # any iterable
    with pytest.raises(UserError, match=r"no case\(s\) with id 99999"):
        svc.cases.records([ids[0], 99999])
    for bad in ("12", [ids[0], "x"], [True], None):
        with pytest.raises(UserError, match="ids"):
            svc.cases.records(bad)


def test_ledger_export_reads_the_cases_in_bulk(tmp_path, svc):
    svc.cases.import_records(_records(30))
    calls = []
    original = type(svc.cases).records

    def spy(self, ids):
        ids = list(ids)
        calls.append(len(ids))
        return original(self, ids)

    type(svc.cases).records = spy
    try:
        summary = svc.ledger.export(2025, out_path=tmp_path / "ledger.xlsx")
    finally:
        type(svc.cases).records = original
    assert summary["cases"] == 30 and calls == [30]


def test_large_bulk_import_audits_every_case_in_one_verifiable_chain(svc):
    first = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")  # the chain already has an entry
    records = _records(N)
    ids = svc.cases.import_records(records)
    assert len(ids) == N == len(set(ids)) and svc.cases.count() == N + 1
    got = svc.cases.records(ids)
    assert [r["number"] for r in got] == [r["number"] for r in records]  # ids in the order of the records
    assert got[::97] == [svc.cases.get(r["number"]) for r in records[::97]]
    for rec, case in zip(records, got):
        assert [i["name"] for i in case["investigators"]] == [i["name"] for i in rec["investigators"]]
        assert len(case["statements"]) == len(rec.get("statements", []))
        assert [n["recipient_kind"] for n in case["notifications"]] == (
            ["applicant", "unit"] if rec.get("notifications") else [])
        assert [r["reference"] for r in case["reports"]] == [r["reference"] for r in rec.get("reports", [])]
        assert case["answers"] == {k: v for k, v in (rec.get("answers") or {}).items()}
        if rec.get("decision"):
            assert case["decision"]["outcome"] == "exempt" and case["status"] == "archive"
            assert case["decision"]["decided_on"] == rec["decision"]["decided_on"]
        else:
            assert case["decision"] is None
    history = svc.cases.history(limit=None)
    assert [h["seq"] for h in history] == list(range(1, N + 2))
    assert [h["case_id"] for h in history] == [first["id"]] + ids
    assert {h["action"] for h in history[1:]} == {"import"} and {h["user"] for h in history} == {"测试员"}
    assert history[5]["after"]["number"] == records[4]["number"] and history[5]["before"] is None
    report = svc.cases.verify()
    assert report["ok"], report["problems"][:3]
    assert report["audit_entries"] == N + 1 and report["cases"] == N + 1
    # the chain goes on after the bulk entries, and a later change of an imported case is checked too
    svc.cases.update(ids[-1], {"remarks": "导入后修改"})
    svc.cases.import_records(_records(3, prefix="再导入"))
    assert svc.cases.verify()["ok"]
    # each imported case's state hash is real: changing one row behind the program's back is found
    with svc.cases.store.session():
        models.Case.update(matter="被改动").where(models.Case.id == ids[600]).execute()
    problems = svc.cases.verify()["problems"]
    assert [p.get("case_id") for p in problems] == [ids[600]]


@pytest.mark.parametrize("fault", ["bad_date", "duplicate_in_db", "duplicate_in_batch", "bad_investigator"])
def test_bad_record_near_the_end_of_a_large_batch_writes_nothing(svc, fault):
    existing = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    cases_before, audit_before = svc.cases.count(), _audit_count(svc)
    records = _records(N)
    bad = records[1149]  # record 1150, in the third chunk: the first two are already written by then
    number = bad["number"]
    if fault == "bad_date":
        bad["applied_on"] = "2025-02-30"
        expected = rf"record 1150 \({number}\) field applied_on.*2025-02-30.* is not a date"
    elif fault == "duplicate_in_db":
        bad["number"] = number = existing["number"]
        expected = rf"record 1150 \({number}\)\.number: case {number} already exists"
    elif fault == "duplicate_in_batch":
        bad["number"] = number = records[3]["number"]  # the same number as record 4, in the first chunk
        expected = rf"record 1150 \({number}\)\.number: case {number} already exists"
    else:
        bad["investigators"] = [{"name": "甲"}, {"name": "甲"}]
        expected = rf"record 1150 \({number}\)\.investigators\[1\]: 甲 is already an investigator"
    with pytest.raises(UserError, match=expected):
        svc.cases.import_records(records)
    assert svc.cases.count() == cases_before and _audit_count(svc) == audit_before
    assert svc.cases.existing_numbers([r["number"] for r in records[:5]] + [records[-1]["number"]]) == set()
    with svc.cases.store.session():
        assert models.Investigator.select().count() == 0 and models.Decision.select().count() == 0
        snapshots = {s.policy for s in models.PolicySnapshot.select()}
    assert snapshots == {"weihai-2023"}  # the puyang snapshot written by the import was rolled back too
    assert svc.cases.verify()["ok"]
    # the same batch without the fault goes in whole afterwards
    records[1149] = _records(N)[1149]
    assert len(svc.cases.import_records(records)) == N and svc.cases.verify()["ok"]
