"""Export of record dicts to the ledger workbook, read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import zipfile
from collections import Counter

import openpyxl
import pytest

from mianze_desktop.ledger.columns import COLUMNS
from mianze_desktop.ledger.export import select_records, write_ledger
from tests.ledger.records import make_record

MADE_ON = dt.date(2026, 12, 30)


@pytest.fixture
def records(pack_a, pack_b):
    recs = [make_record(i, pack_a if i % 3 else pack_b) for i in range(40)]
    recs += [make_record(100 + i, pack_a, year=2025) for i in range(5)]  # another year
    recs.append(make_record(200, pack_a, decided=False, archived=False))  # pending
    return recs


def export(tmp_path, records, packs, **kw):
    year, by = kw.pop("year", 2026), kw.pop("by", "applied")
    chosen = select_records(records, year, by, **kw)
    path = tmp_path / "ledger.xlsx"
    summary = write_ledger(path, chosen, packs, year, by, reporting_unit="示例市民政局", made_on=MADE_ON)
    return path, chosen, summary


def expected_row(rec, seq, packs):
    """What a reader of the ledger expects in row ``seq``, built from the record independently."""
    pack = packs[rec["policy"]]
    d = rec["decision"] or {}
    items = (d.get("matched", []) + d.get("excluded_by", [])) if rec["decision"] else rec["candidates"]
    day = lambda v: dt.datetime.fromisoformat(v) if v else None  # noqa: E731 - openpyxl reads datetimes
    return [
        seq, rec["number"], day(rec["applied_on"]), rec["applicant"], f"{rec['unit']} {rec['position']}",
        rec["tier"], rec["work_type"], rec["matter"], "\n".join(f"{pack.item(i).citation} {pack.item(i).title}" for i in items),
        d.get("outcome_label"), "、".join(i["name"] for i in rec["investigators"]), day(rec["accepted_on"]),
        day(rec["decided_on"]), day(rec["notified_on"]),
        "是" if any(x["overdue"] for x in rec["deadlines"]) else "否", rec["status_label"],
        rec["archive_number"], day(rec["archived_on"]), pack.doc_number, rec["remarks"] or None,
    ]


def test_every_cell_round_trips(tmp_path, records, packs):
    path, chosen, summary = export(tmp_path, records, packs)
    assert summary["cases"] == 41 == len(chosen)  # 40 + the pending case of 2026; 2025 left out
    ws = openpyxl.load_workbook(path)["台账"]
    assert ws["A1"].value == "2026年度社会救助容错免责工作台账"
    assert ws["A2"].value.startswith("填报单位：示例市民政局")
    assert "按申请日期" in ws["G2"].value and ws["M2"].value == "制表日期：2026年12月30日"
    assert [c.value for c in ws[3]] == [c.header for c in COLUMNS]
    assert ws.max_row == 3 + len(chosen)
    for seq, rec in enumerate(chosen, 1):
        got = [c.value for c in ws[3 + seq]]
        want = expected_row(rec, seq, packs)
        assert got == [w if w != "" else None for w in want], f"row {3 + seq}"
    dates = [ws.cell(4 + i, 3).value for i in range(len(chosen))]
    assert dates == sorted(dates)


def test_layout_and_print_setup(tmp_path, records, packs):
    path, chosen, _ = export(tmp_path, records, packs)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["台账", "统计"]
    ws = wb["台账"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:T1", "A2:F2", "G2:L2", "M2:T2"} <= merged
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == f"A3:T{3 + len(chosen)}"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.oddFooter.left.text.startswith("单位负责人")
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert "制表人" in ws.oddFooter.right.text and "制表日期：2026年12月30日" in ws.oddFooter.right.text
    for ref in ("A1", "B3", "D4", "G10"):
        assert ws[ref].font.charset == 134 and ws[ref].font.name in ("宋体", "黑体")
    assert ws["A1"].alignment.horizontal == "center"
    assert ws["H4"].alignment.wrap_text and ws["H4"].border.left.style == "thin"
    assert ws["C4"].number_format == "yyyy-mm-dd" and ws["C4"].is_date
    assert ws.column_dimensions["H"].width >= 20 and ws.column_dimensions["A"].width <= 6
    assert ws.row_dimensions[4].height and ws.row_dimensions[4].height > 15  # wrapped text gets its height


def test_statistics_sheet(tmp_path, records, packs):
    path, chosen, summary = export(tmp_path, records, packs)
    ws = openpyxl.load_workbook(path)["统计"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "2026年度社会救助容错免责工作台账统计表"

    def section(title):
        start = next(i for i, r in enumerate(rows) if r[0] == title) + 2
        out = []
        for r in rows[start:]:
            if r[0] in (None, "合计"):
                return out, r
            out.append(r)
        return out, None

    # by situation: every item of every case, counted independently here
    want = Counter()
    for rec in chosen:
        pack = packs[rec["policy"]]
        d = rec["decision"] or {}
        for i in (d.get("matched", []) + d.get("excluded_by", [])) if d else rec["candidates"]:
            want[(f"{pack.item(i).citation} {pack.item(i).title}", pack.doc_number)] += 1
    body, total = section("一、按适用情形（条款）统计")
    assert {(r[0], r[1]): r[2] for r in body} == dict(want)
    assert total[2] == sum(want.values())
    body, total = section("二、按认定结果统计")
    outcomes = Counter((r["decision"] or {}).get("outcome_label") or "（尚未认定）" for r in chosen)
    assert {r[0]: r[2] for r in body} == dict(outcomes) and total[2] == len(chosen)
    body, total = section("三、按单位统计")
    units = Counter(r["unit"] for r in chosen)
    late = Counter(r["unit"] for r in chosen if any(d["overdue"] for d in r["deadlines"]))
    assert {r[0]: (r[2], r[3]) for r in body} == {u: (n, late[u]) for u, n in units.items()}
    body, total = section("四、按月份统计")
    months = Counter(int(r["applied_on"][5:7]) for r in chosen)
    assert [r[0] for r in body] == [f"2026年{m}月" for m in range(1, 13)]
    assert [r[2] for r in body] == [months[m] for m in range(1, 13)]
    body, _ = section("五、逾期情况统计")
    overdue = sum(1 for r in chosen if any(d["overdue"] for d in r["deadlines"]))
    assert overdue > 0 and body[-1][0].startswith("逾期案件") and body[-1][2] == overdue
    assert summary["statistics"]["overdue_cases"] == overdue


def test_filters_and_decision_year(tmp_path, records, packs, pack_b):
    _, chosen, _ = export(tmp_path, records, packs, policy=pack_b.id)
    assert chosen and all(r["policy"] == pack_b.id for r in chosen)
    _, chosen, _ = export(tmp_path, records, packs, unit="西河乡")
    assert chosen and all("西河乡" in r["unit"] for r in chosen)
    _, chosen, _ = export(tmp_path, records, packs, outcome="从轻处理")
    assert chosen and all(r["decision"]["outcome"] == "lighter" for r in chosen)
    _, by_id, _ = export(tmp_path, records, packs, outcome="lighter")
    assert [r["number"] for r in by_id] == [r["number"] for r in chosen]
    path, chosen, _ = export(tmp_path, records, packs, by="decided")
    assert all(r["decided_on"].startswith("2026") for r in chosen)
    assert not any(r["decision"] is None for r in chosen)  # pending cases have no decision date
    assert "按认定日期" in openpyxl.load_workbook(path)["台账"]["G2"].value
    with pytest.raises(ValueError):
        select_records(records, 2026, by="closed")


def test_pack_wording_in_title_when_one_pack(tmp_path, records, packs, pack_a):
    _, _, summary = export(tmp_path, records, packs, policy=pack_a.id)
    assert summary["title"] == "2026年度社会救助容错纠错工作台账"  # pack A's terms.mechanism


def test_empty_year_still_makes_a_valid_ledger(tmp_path, records, packs):
    path, chosen, _ = export(tmp_path, records, packs, year=2030)
    ws = openpyxl.load_workbook(path)["台账"]
    assert chosen == [] and ws["A4"].value == "（本期无案件）" and "A4:T4" in {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","点我")', "+1+2", "-3+cmd|' /C calc'!A0",
                                  "@SUM(A1:A9)", "=1+1"])
def test_formula_like_text_is_written_as_text(tmp_path, pack_a, packs, text):
    rec = make_record(1, pack_a)
    rec["applicant"] = text
    rec["matter"] = text
    rec["remarks"] = text
    path, _, _ = export(tmp_path, [rec], packs)
    ws = openpyxl.load_workbook(path)["台账"]
    for ref in ("D4", "H4", "T4"):  # 申请人, 申请事项, 备注
        assert ws[ref].value == text and ws[ref].data_type == "s" and ws[ref].quotePrefix
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_control_characters_are_dropped_not_fatal(tmp_path, pack_a, packs):
    rec = make_record(1, pack_a)
    rec["matter"] = "多发\x07救助金"
    path, _, _ = export(tmp_path, [rec], packs)
    assert openpyxl.load_workbook(path)["台账"]["H4"].value == "多发救助金"


def test_progress_is_reported(tmp_path, pack_a, packs):
    seen = []
    recs = [make_record(i, pack_a) for i in range(1200)]
    write_ledger(tmp_path / "p.xlsx", select_records(recs, 2026), packs, 2026, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (1200, 1200) and (500, 1200) in seen
