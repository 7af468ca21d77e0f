"""The ledger through the service and a real database: export -> import gives the same cases,
all-or-nothing, skip-invalid, duplicates, dry run, the error report."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from mianze_desktop.service.errors import UserError
from tests.ledger import handmade
from tests.ledger.records import make_record

MADE_ON = dt.date(2026, 12, 30)
SAME = ("number", "policy", "policy_revision", "status", "status_label", "applicant", "unit", "position",
        "unit_position", "tier", "work_type", "applied_on", "accepted_on", "decided_on", "notified_on", "archived_on",
        "stage_dates", "matter", "remarks", "archive_number", "deadlines")


def seed(svc, pack_a, pack_b, n=24):
    records = [make_record(i, pack_a if i % 3 else pack_b) for i in range(n)]
    records.append(make_record(n, pack_a, decided=False, archived=False))
    for r in records:
        for key in ("status_label", "deadlines"):
            r.pop(key)
    svc.cases.import_records(records)
    created = svc.cases.create({"applicant": "韩秀英", "unit": "示例市北山镇民政办", "position": "专干",
                                "tier": "村", "matter": "入户核查记录缺页", "applied_on": "2026-02-03"},
                               policy=pack_a.id)
    return n + 2, created


def rows(path, sheet):
    return [[c.value for c in r] for r in openpyxl.load_workbook(path)[sheet].iter_rows()]


def test_export_then_import_into_an_empty_database_gives_the_same_cases(tmp_path, svc, empty_service, pack_a,
                                                                       pack_b):
    n, created = seed(svc, pack_a, pack_b)
    out = tmp_path / "ledger.xlsx"
    summary = svc.ledger.export(2026, out_path=out, made_on=MADE_ON)
    assert summary["cases"] == n
    before = {s["number"]: svc.cases.get(s["number"]) for s in svc.cases.list(limit=None)}
    svc.close()
    svc2 = empty_service()
    assert svc2.cases.count() == 0
    result = svc2.ledger.import_file(out)
    assert result["errors"] == [] and result["skipped_duplicates"] == [] and not result["refused"]
    assert result["imported"] == n == svc2.cases.count()
    for number, a in before.items():
        b = svc2.cases.get(number)
        for key in SAME:
            assert a[key] == b[key], (number, key)
        assert [i["name"] for i in a["investigators"]] == [i["name"] for i in b["investigators"]]
        assert (a["decision"] or {}).get("outcome") == (b["decision"] or {}).get("outcome")
        assert (a["decision"] or {}).get("matched") == (b["decision"] or {}).get("matched")
        assert (a["decision"] or {}).get("excluded_by") == (b["decision"] or {}).get("excluded_by")
    # the fixture covers what the checks above compare: work types, archive dates and a refusal by exclusion
    assert len({c["work_type"] for c in before.values()}) > 1
    assert any(c["archived_on"] for c in before.values())
    assert any((c["decision"] or {}).get("excluded_by") for c in before.values())
    assert svc2.cases.get(created["number"])["status"] == pack_a.procedure.initial_stage
    again = tmp_path / "again.xlsx"
    svc2.ledger.export(2026, out_path=again, made_on=MADE_ON)
    assert rows(again, "台账") == rows(out, "台账")
    assert rows(again, "统计") == rows(out, "统计")


def test_by_decision_date_takes_cases_applied_the_year_before(tmp_path, svc, pack_a):
    late = make_record(5, pack_a, year=2025)
    late.update(number="示例-2025-1220", applied_on="2025-12-20", accepted_on="2025-12-22",
                decided_on="2026-01-10", notified_on="2026-01-12")
    late["decision"]["decided_on"] = "2026-01-10"
    for key in ("status_label", "deadlines"):
        late.pop(key)
    svc.cases.import_records([late, {**late, "number": "示例-2025-0001", "applied_on": "2025-03-01",
                                     "accepted_on": None, "decided_on": None, "notified_on": None,
                                     "decision": None, "status": "applied", "archive_number": None}])
    by_decided = svc.ledger.export(2026, by="decided", out_path=tmp_path / "d.xlsx")
    by_applied = svc.ledger.export(2026, out_path=tmp_path / "a.xlsx")
    assert by_decided["cases"] == 1 and by_applied["cases"] == 0
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx")["台账"]
    assert ws["B4"].value == "示例-2025-1220" and ws["M4"].value == dt.datetime(2026, 1, 10)


def test_import_reports_progress(tmp_path, svc, pack_a):
    from mianze_desktop.ledger.export import select_records, write_ledger

    recs = [make_record(i, pack_a) for i in range(1500)]
    path = tmp_path / "big.xlsx"
    write_ledger(path, select_records(recs, 2026), {pack_a.id: pack_a}, 2026)
    seen = []
    result = svc.ledger.import_file(path, dry_run=True, progress=lambda d, t: seen.append((d, t)))
    assert result["valid_rows"] == 1500 and seen[-1][0] == seen[-1][1] and len(seen) >= 2


def test_import_twice_never_doubles(tmp_path, svc, pack_a, pack_b):
    path = handmade.build(tmp_path / "hand.xlsx")
    first = svc.ledger.import_file(path)
    assert first["imported"] == 5 and svc.cases.count() == 5
    second = svc.ledger.import_file(path)
    assert second["imported"] == 0 and not second["refused"] and svc.cases.count() == 5
    assert [d["number"] for d in second["skipped_duplicates"]] == [
        "示例-2025-001", "示例-2025-002", "示例-2025-003", "示例-2025-004", "示例-2025-005"]
    assert second["skipped_duplicates"][0]["row"] == 5 and "已在数据库中" in second["skipped_duplicates"][0]["reason"]
    r4 = svc.cases.get("示例-2025-004")
    assert r4["status"] == "archived" and r4["decision"]["outcome"] == "exempt" and r4["tier"] == "县"


def test_one_bad_date_imports_nothing_and_names_the_cell(tmp_path, svc):
    path = handmade.build(tmp_path / "bad.xlsx", bad_date="2025年2月30日")
    result = svc.ledger.import_file(path)
    assert result["refused"] and result["imported"] == 0 and svc.cases.count() == 0
    assert result["errors"] == [{"sheet": "2025年台账", "row": 7, "column": "G 申请时间",
                                 "reason": "“2025年2月30日”不是有效日期（2025年2月30日不存在）"}]


def test_skip_invalid_writes_the_valid_rows(tmp_path, svc):
    path = handmade.build(tmp_path / "bad.xlsx", bad_date="2025年2月30日", duplicate=True)
    result = svc.ledger.import_file(path, skip_invalid=True)
    assert not result["refused"] and result["imported"] == 4 == svc.cases.count()
    assert len(result["errors"]) == 1 and len(result["skipped_duplicates"]) == 1
    assert "示例-2025-003" not in {s["number"] for s in svc.cases.list(limit=None)}


def test_dry_run_writes_nothing(tmp_path, svc):
    path = handmade.build(tmp_path / "hand.xlsx")
    result = svc.ledger.import_file(path, dry_run=True)
    assert result["valid_rows"] == 5 and result["imported"] == 0 and not result["refused"]
    assert svc.cases.count() == 0
    assert not (svc.ledger.mappings_dir).exists() or not any(svc.ledger.mappings_dir.iterdir())


def test_a_record_the_store_refuses_is_mapped_back_to_its_row(tmp_path, svc):
    wb = openpyxl.Workbook()
    wb.active.append(["案件编号", "申请人", "申请日期", "调查人员", "政策依据"])
    wb.active.append(["示例-9-1", "陈晓明", "2026-01-02", "调查员甲", "示民发〔2025〕1号"])
    wb.active.append(["示例-9-2", "褚春燕", "2026-01-03", "褚春燕", "示民发〔2025〕1号"])  # investigates herself
    path = tmp_path / "recusal.xlsx"
    wb.save(path)
    result = svc.ledger.import_file(path)
    assert result["refused"] and svc.cases.count() == 0
    assert result["errors"][0]["sheet"] == "Sheet" and result["errors"][0]["row"] == 3
    assert "回避" in result["errors"][0]["reason"]


def test_error_report_marks_the_bad_cells_and_can_be_fixed_and_reimported(tmp_path, svc):
    path = handmade.build(tmp_path / "bad.xlsx", bad_date="2025年2月30日")
    report = tmp_path / "report.xlsx"
    result = svc.ledger.import_file(path, error_report=report)
    assert result["error_report"] == str(report)
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames[0] == "导入错误"
    listed = [[c.value for c in r] for r in wb["导入错误"].iter_rows(min_row=2)]
    assert listed == [["错误", "2025年台账", 7, "G 申请时间", "“2025年2月30日”不是有效日期（2025年2月30日不存在）"]]
    cell = wb["2025年台账"]["G7"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "不是有效日期" in cell.comment.text
    assert "A1:M1" in {str(r) for r in wb["2025年台账"].merged_cells.ranges}  # the user's layout is kept
    cell.value = "2025年2月28日"  # the user fixes the cell in the report and imports it
    wb.save(report)
    fixed = svc.ledger.import_file(report)
    assert fixed["errors"] == [] and fixed["imported"] == 5
    assert svc.cases.get("示例-2025-003")["applied_on"] == "2025-02-28"


def test_mapping_is_saved_after_an_import_and_can_be_set(tmp_path, svc):
    path = handmade.build(tmp_path / "hand.xlsx")
    info = svc.ledger.inspect(path)
    assert info["sheets"][0]["saved"] is False and info["sheets"][0]["header_row"] == 4
    svc.ledger.import_file(path)
    assert svc.ledger.inspect(path)["sheets"][0]["saved"] is True
    wb = openpyxl.Workbook()
    wb.active.append(["登记", "当事人姓名", "日子"])
    wb.active.append(["示例-2026-7", "卫海燕", "2026年5月6日"])
    odd = tmp_path / "odd.xlsx"
    wb.save(odd)
    assert svc.ledger.import_file(odd)["refused"]
    svc.ledger.save_mapping(odd, {"A": "number", "B": "applicant", "C": "applied_on"})
    assert svc.ledger.import_file(odd)["imported"] == 1
    with pytest.raises(UserError, match="unknown field"):
        svc.ledger.save_mapping(odd, {"A": "nonsense"})


def test_export_refuses_bad_arguments(tmp_path, svc):
    with pytest.raises(UserError, match=".xlsx"):
        svc.ledger.export(2026, out_path=tmp_path / "x.csv")
    with pytest.raises(UserError, match="applied or decided"):
        svc.ledger.export(2026, by="closed", out_path=tmp_path / "x.xlsx")
    with pytest.raises(UserError, match="unknown outcome"):
        svc.ledger.export(2026, outcome="表扬", out_path=tmp_path / "x.xlsx")
    with pytest.raises(UserError, match="not a readable"):
        (tmp_path / "junk.xlsx").write_text("junk")
        svc.ledger.import_file(tmp_path / "junk.xlsx")
