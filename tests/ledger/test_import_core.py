"""Reading ledgers into validated case records (no database): own exports and hand-made ledgers."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from mianze_desktop.ledger.export import select_records, write_ledger
from mianze_desktop.ledger.import_ import parse_ledger
from mianze_desktop.ledger.layout import LedgerFileError, MappingStore
from mianze_desktop.ledger.values import PolicyResolver
from tests.ledger import handmade
from tests.ledger.records import make_record


def parse(path, pack_a, pack_b, store=None, default=None):
    return parse_ledger(path, PolicyResolver([pack_a, pack_b], default), store)


LEDGER_KEYS = ("number", "policy", "status", "applicant", "unit", "position", "unit_position", "tier", "work_type",
               "applied_on", "accepted_on", "decided_on", "notified_on", "archived_on", "matter", "archive_number")


def test_own_export_reads_back_to_the_same_cases(tmp_path, pack_a, pack_b, packs):
    recs = [make_record(i, pack_a if i % 3 else pack_b) for i in range(30)]
    recs.append(make_record(99, pack_a, decided=False, archived=False))
    path = tmp_path / "own.xlsx"
    write_ledger(path, select_records(recs, 2026), packs, 2026)
    result = parse(path, pack_a, pack_b)
    assert result.errors == [] and result.duplicates == [] and result.ignored == []
    got = {r.number: r.record for r in result.rows}
    assert len(got) == len(recs)
    for rec in recs:
        g = got[rec["number"]]
        for key in LEDGER_KEYS:
            assert g.get(key) == rec.get(key), (rec["number"], key)
        assert (g.get("remarks") or "") == rec["remarks"]
        assert [i["name"] for i in g["investigators"]] == [i["name"] for i in rec["investigators"]]
        if rec["decision"]:
            assert g["decision"]["outcome"] == rec["decision"]["outcome"]
            assert g["decision"]["matched"] == rec["decision"]["matched"]
            assert g["decision"]["excluded_by"] == rec["decision"]["excluded_by"]
        else:
            assert g["decision"] is None


def test_handmade_ledger(tmp_path, pack_a, pack_b):
    path = handmade.build(tmp_path / "hand.xlsx")
    result = parse(path, pack_a, pack_b)
    assert result.errors == [], result.errors
    layout = result.layouts[0]
    assert layout.sheet == "2025年台账" and layout.header_rows == (4,)
    assert layout.describe()["columns"][-1] == {"column": "M", "header": "联系电话", "field": None, "field_label": ""}
    recs = {r.number: r.record for r in result.rows}
    assert sorted(recs) == ["示例-2025-001", "示例-2025-002", "示例-2025-003", "示例-2025-004", "示例-2025-005"]
    assert {r["policy"] for r in recs.values()} == {"shili-2025"}  # from the number's region
    r1, r2, r3, r4, r5 = (recs[f"示例-2025-00{i}"] for i in range(1, 6))
    assert r1["applied_on"] == "2025-03-05" and r1["decided_on"] == "2025-04-01"
    assert r2["applied_on"] == "2025-04-08" and r2["decided_on"] == "2025-05-06"
    assert r2["unit"] == "东城镇民政办"  # filled down from the merged cell above
    assert r3["applied_on"] == "2025-06-01" and r3["candidates"] == ["applicable-2"]
    assert r4["decided_on"] == "2025-09-10" and r4["candidates"] == ["applicable-11", "applicable-1"]
    assert r4["tier"] == "县" and r1["tier"] == "乡镇" and r5["tier"] == "乡镇"
    assert r2["candidates"] == ["applicable-11"] and r2["decision"]["outcome"] == "lighter"
    assert r1["status"] == "archived" and r1["decision"]["outcome"] == "exempt"
    assert r5["decision"] is None and r5["status"] == "applied" and r5["applied_on"] == "2025-11-03"
    assert r1["unit_position"] == "东城镇民政办科员"
    assert [i["text"] for i in result.ignored] == ["合计：共 5 件", "填表人：赵某某"]


def test_one_bad_date_names_the_cell(tmp_path, pack_a, pack_b):
    path = handmade.build(tmp_path / "bad.xlsx", bad_date="2025年2月30日")
    result = parse(path, pack_a, pack_b)
    assert result.errors == [{"sheet": "2025年台账", "row": 7, "column": "G 申请时间",
                              "reason": "“2025年2月30日”不是有效日期（2025年2月30日不存在）"}]
    assert "示例-2025-003" not in {r.number for r in result.rows}


def test_every_bad_row_is_reported(tmp_path, pack_a, pack_b):
    path = handmade.build(tmp_path / "bad2.xlsx", bad_date="明年", bad_item=True)
    result = parse(path, pack_a, pack_b)
    assert [(e["row"], e["column"]) for e in result.errors] == [(7, "G 申请时间"), (9, "I 适用条款")]
    assert "找不到" in result.errors[1]["reason"]


def test_duplicates_in_the_file_are_reported_once(tmp_path, pack_a, pack_b):
    path = handmade.build(tmp_path / "dup.xlsx", duplicate=True)
    result = parse(path, pack_a, pack_b)
    assert result.errors == []
    assert [r.number for r in result.rows].count("示例-2025-001") == 1
    assert len(result.duplicates) == 1
    d = result.duplicates[0]
    assert d["number"] == "示例-2025-001" and d["row"] == 11 and d["column"] == "B 编号" and "第 5 行" in d["reason"]


def test_unknown_policy_is_a_row_error(tmp_path, pack_a, pack_b):
    path = handmade.build(tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["B7"] = "别处-2025-003"
    wb.save(path)
    assert parse(path, pack_a, pack_b).errors == []  # 适用条款 names an item only pack A has
    wb.active["I7"] = "第三条第（一）项"  # both packs have an item with this citation
    wb.save(path)
    result = parse(path, pack_a, pack_b)
    assert [(e["row"], e["column"]) for e in result.errors] == [(7, None)]
    assert "无法确定适用的政策" in result.errors[0]["reason"]
    assert not parse(path, pack_a, pack_b, default=pack_a).errors  # a default policy fixes it


def test_two_header_rows_under_a_group_label(tmp_path, pack_a, pack_b):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工作台账"])
    ws.append(["序号", "案件编号", "申请人", "办理时间", None, None, "认定结果", "政策依据"])
    ws.append([None, None, None, "申请日期", "受理日期", "认定日期", None, None])
    ws.merge_cells("D2:F2")
    ws.merge_cells("A2:A3")
    ws.append([1, "A-1", "孙文博", "2026.1.2", "2026.1.3", "2026.2.1", "免予追责", "样民〔2024〕2号"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    result = parse(path, pack_a, pack_b)
    assert result.errors == [] and result.layouts[0].header_rows == (2, 3)
    rec = result.rows[0].record
    assert (rec["applied_on"], rec["accepted_on"], rec["decided_on"]) == ("2026-01-02", "2026-01-03", "2026-02-01")
    assert rec["policy"] == "yangban-2024" and rec["decision"]["outcome"] == "exempt" and rec["status"] == "filed"


def test_header_required_columns_and_no_header(tmp_path, pack_a, pack_b):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "单位", "职务", "备注"])
    wb.active.append(["孙文博", "东城镇", "科员", ""])
    path = tmp_path / "nonum.xlsx"
    wb.save(path)
    result = parse(path, pack_a, pack_b)
    assert len(result.errors) == 1 and "缺少必需的列：案件编号、申请日期" in result.errors[0]["reason"]
    wb = openpyxl.Workbook()
    wb.active.append(["甲", "乙"])
    wb.save(path)
    result = parse(path, pack_a, pack_b)
    assert result.errors[0]["row"] is None and "没有找到台账表头" in result.errors[0]["reason"]


def test_saved_mapping_is_used_for_the_same_layout(tmp_path, pack_a, pack_b):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["登记", "当事人姓名", "日子", "结论"])  # headers nobody could guess
    ws.append(["示例-2026-7", "卫海燕", "2026年5月6日", "予以免责"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    store = MappingStore(tmp_path / "maps")
    assert "没有找到台账表头" in parse(path, pack_a, pack_b, store).errors[0]["reason"]
    from mianze_desktop.ledger.layout import Layout, fingerprint

    layout = Layout("Sheet", (1,), {}, {}, fingerprint(["登记", "当事人姓名", "日子", "结论"]))
    saved = store.save(layout, {1: "number", 2: "applicant", 3: "applied_on", 4: "outcome"})
    assert json.loads(saved.read_text(encoding="utf-8"))["mapping"] == {
        "A": "number", "B": "applicant", "C": "applied_on", "D": "outcome"}
    result = parse(path, pack_a, pack_b, store)
    assert result.errors == [] and result.layouts[0].saved
    assert result.rows[0].record["applicant"] == "卫海燕" and result.rows[0].record["applied_on"] == "2026-05-06"


def test_not_an_xlsx(tmp_path, pack_a, pack_b):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(LedgerFileError, match="not a readable .xlsx"):
        parse(bad, pack_a, pack_b)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LedgerFileError, match="save it as .xlsx"):
        parse(old, pack_a, pack_b)


def test_dates_order_is_checked(tmp_path, pack_a, pack_b):
    wb = openpyxl.Workbook()
    wb.active.append(["案件编号", "申请人", "申请日期", "认定日期", "认定结果"])
    wb.active.append(["示例-1", "褚文博", dt.datetime(2026, 5, 1), dt.datetime(2026, 4, 1), "予以免责"])
    wb.active.append(["示例-2", "蒋丽华", dt.datetime(2026, 5, 1), dt.datetime(2026, 6, 1), None])
    path = tmp_path / "order.xlsx"
    wb.save(path)
    errors = parse(path, pack_a, pack_b).errors
    assert [(e["row"], e["column"]) for e in errors] == [(2, "D 认定日期"), (3, "E 认定结果")]
    assert "认定日期早于申请日期" in errors[0]["reason"] and "没有认定结果" in errors[1]["reason"]


def test_a_wide_merged_cell_inside_a_data_row_is_data(tmp_path, pack_a, pack_b):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["案件编号", "申请人", "申请日期", "申请事项", None, None, "备注"])
    ws.merge_cells("D1:F1")
    ws.append(["示例-3", "沈海燕", "2026-04-01", "录入错误多发一个月", None, None, "无"])
    ws.merge_cells("D2:F2")
    ws.append(["说明：本表由示例镇填报"])
    ws.merge_cells("A3:G3")
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    result = parse(path, pack_a, pack_b)
    assert result.errors == [] and [r.record["matter"] for r in result.rows] == ["录入错误多发一个月"]
    assert result.ignored == [{"sheet": "Sheet", "row": 3, "text": "说明：本表由示例镇填报"}]
