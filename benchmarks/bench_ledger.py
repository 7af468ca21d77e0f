"""Ledger: export of 10,000 cases to the formatted workbook, import of a 10,000-row ledger.

ledger_export  value: select + flatten + write the ledger and statistics sheets from 10,000 case
               records (the store read is not included). baseline, in the same run: openpyxl
               write_only writing the same cells (values prepared beforehand), the same styles
               (shared the same way), row heights, merges and column widths — pure writing.
ledger_import  value: LedgerService.import_file of a 10,000-row ledger (the app's own export) into
               an empty SQLite database: read, detect, validate, duplicate check, store bulk import
               (one transaction, each case audited). baseline, in the same run: openpyxl read-only
               reading of the same file plus one peewee insert_many of the same rows into a plain
               table. ``dry_run`` (read + validate, no write) is reported alongside.
"""
from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from .common import median_time, result

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
UNITS = [f"某县{c}镇人民政府民政办" for c in "东南西北中甲乙丙丁戊"]
POSITIONS = ["科员", "主任", "副科长", "协理员", "工作人员"]


def _packs():
    from mianze_desktop.policy.registry import PolicyRegistry

    return {p.id: p for p in PolicyRegistry().all()}


def make_records(n: int, packs: dict, year: int = 2026) -> list[dict]:
    """n synthetic case records (the case record contract's shape) spread over the built-in packs."""
    ids = sorted(packs)
    out = []
    for i in range(n):
        pack = packs[ids[i % len(ids)]]
        applied = dt.date(year, 1, 2) + dt.timedelta(days=(i * 7) % 350)
        decided = applied + dt.timedelta(days=15 + i % 20)
        applicable = [it.id for it in pack.items if it.kind == "applicable"]
        items = [applicable[i % len(applicable)]] + ([applicable[(i + 3) % len(applicable)]] if i % 4 == 0 else [])
        outcome = pack.outcomes[i % len(pack.outcomes)]
        roles = {s.role: s.id for s in reversed(pack.procedure.stages)}
        unit, position = UNITS[i % len(UNITS)], POSITIONS[i % len(POSITIONS)]
        decided_case = i % 10 != 0
        status = pack.procedure.archive_stage if decided_case else roles["accept"]
        out.append({
            "number": f"{pack.region[:2]}-{year}-{i + 1:05d}", "policy": pack.id, "status": status,
            "status_label": pack.stage(status).label, "applicant": SURNAMES[i % 20] + "某" + "甲乙丙丁"[i % 4],
            "unit": unit, "position": position, "unit_position": unit + position,
            "tier": pack.scope.tiers[i % len(pack.scope.tiers)], "applied_on": applied.isoformat(),
            "accepted_on": (applied + dt.timedelta(days=2)).isoformat(),
            "decided_on": decided.isoformat() if decided_case else None,
            "notified_on": (decided + dt.timedelta(days=2)).isoformat() if decided_case else None,
            "matter": f"低保审核中未能核出申请人家庭成员在外地的经营收入，导致多发救助金{100 + i % 900}元（第{i}号）",
            "remarks": "已追回" if i % 3 == 0 else "", "candidates": items,
            "investigators": [{"name": "调查员" + "甲乙丙丁"[i % 4], "unit": "", "position": ""},
                              {"name": "核查员" + "甲乙丙丁"[(i + 1) % 4], "unit": "", "position": ""}],
            "decision": {"outcome": outcome.id, "outcome_label": outcome.label, "matched": items,
                         "decided_on": decided.isoformat()} if decided_case else None,
            "archive_number": f"档-{year}-{i + 1:05d}" if decided_case else None,
            "deadlines": [{"id": "d", "label": "办理期限", "overdue": i % 11 == 5}],
        })
    return out


def _baseline_write(path: Path, rows: list[list], heights: dict, stats_rows: list[list]) -> None:
    """Plain openpyxl write_only: the same cells, styles, heights, merges and widths as the export."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from mianze_desktop.ledger.columns import COLUMNS, column_letter

    wb = Workbook(write_only=True)
    for name, body in (("台账", rows), ("统计", stats_rows)):
        ws = wb.create_sheet(name)
        side = Side(style="thin", color="000000")
        box = Border(left=side, right=side, top=side, bottom=side)
        font = Font(name="宋体", size=10, charset=134)
        wrap = Alignment(horizontal="left", vertical="center", wrap_text=True)
        centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

        def style(number_format=None, align=wrap, bold=False):
            c = WriteOnlyCell(ws)
            c.font = Font(name="黑体", size=10.5, bold=True, charset=134) if bold else font
            c.border, c.alignment = box, align
            if bold:
                c.fill = PatternFill("solid", fgColor="D9D9D9")
            if number_format:
                c.number_format = number_format
            return c._style

        text, date, number, head = style(), style("yyyy-mm-dd", centre), style("0", centre), style(bold=True)
        if name == "台账":
            for i, col in enumerate(COLUMNS, 1):
                ws.column_dimensions[column_letter(i)].width = col.width
            ws.merged_cells.add(f"A1:{column_letter(len(COLUMNS))}1")  # the title spans every column
            ws.freeze_panes = "C4"
            ws.print_title_rows = "3:3"
        for r, values in enumerate(body, 1):
            if r in heights and name == "台账":
                ws.row_dimensions[r].height = heights[r]
            out = []
            for v in values:
                c = WriteOnlyCell(ws, v)
                c._style = date if isinstance(v, dt.date) else number if isinstance(v, int) else (
                    head if r == 3 and name == "台账" else text)
                out.append(c)
            ws.append(out)
    wb.save(path)


def bench_ledger_export(quick: bool) -> dict:
    from mianze_desktop.ledger.columns import COLUMNS, line_count
    from mianze_desktop.ledger.export import (LINE_HEIGHT, ledger_title, ledger_values, select_records, statistics,
                                              write_ledger)

    n = 2000 if quick else 10000
    packs = _packs()
    records = make_records(n, packs)
    made_on = dt.date(2026, 12, 31)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ledger.xlsx"

        def export():
            write_ledger(out, select_records(records, 2026, "applied"), packs, 2026, "applied", made_on=made_on)

        # the baseline's input: the same cell values, prepared outside its timing
        chosen = select_records(records, 2026, "applied")
        title = ledger_title(2026, list(packs.values()))
        data = [ledger_values(r, i, packs) for i, r in enumerate(chosen, 1)]
        rows = [[title], ["填报单位："], [c.header for c in COLUMNS]] + data
        heights = {}
        for i, values in enumerate(data, 4):
            lines = max((line_count(v, c.width) for v, c in zip(values, COLUMNS) if isinstance(v, str) and v),
                        default=1)
            if lines > 1:
                heights[i] = round(lines * LINE_HEIGHT + 4, 1)
        st = statistics(chosen, packs, 2026, "applied")
        stats_rows = [[title], [""]] + [[r["item"], r["policy"], r["count"]] for r in st["by_item"]] + \
            [[r["outcome"], "", r["count"]] for r in st["by_outcome"]] + \
            [[r["unit"], "", r["count"], r["overdue"]] for r in st["by_unit"]] + \
            [[r["month"], "", r["count"], r["overdue"]] for r in st["by_month"]]
        base_path = Path(tmp) / "baseline.xlsx"
        repeat = 1 if quick else 3
        secs = median_time(export, repeat=repeat, warmup=1)
        base = median_time(lambda: _baseline_write(base_path, rows, heights, stats_rows), repeat=repeat, warmup=1)
        size = out.stat().st_size
    return result("ledger_export", secs, "s", baseline=base, goal="ratio <= 1.5", cases=n,
                  file_kib=round(size / 1024))


def _baseline_import(path: Path, db_path: Path) -> int:
    """openpyxl read-only reading of the ledger + one peewee insert_many of its rows."""
    import peewee as pw
    from openpyxl import load_workbook

    from mianze_desktop.ledger.columns import COLUMNS

    db = pw.SqliteDatabase(str(db_path))
    fields = {c.key: (pw.DateField(null=True) if c.kind == "date" else pw.TextField(null=True))
              for c in COLUMNS}
    Row = type("LedgerRow", (pw.Model,), {**fields, "Meta": type("Meta", (), {"database": db})})
    db.connect()
    db.create_tables([Row])
    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb["台账"]
    keys = [c.key for c in COLUMNS]
    rows = [dict(zip(keys, r)) for r in ws.iter_rows(min_row=4, values_only=True)]
    wb.close()
    for r in rows:
        for k in ("seq",):
            r[k] = str(r[k])
    with db.atomic():
        for start in range(0, len(rows), 2000):  # SQLite's variable limit
            Row.insert_many(rows[start:start + 2000]).execute()
    count = Row.select().count()
    db.close()
    return count


def bench_ledger_import(quick: bool) -> dict:
    from mianze_desktop.ledger.export import select_records, write_ledger
    from mianze_desktop.service import Service

    n = 1000 if quick else 10000
    packs = _packs()
    records = make_records(n, packs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "ledger.xlsx"
        write_ledger(path, select_records(records, 2026), packs, 2026)
        t0 = time.perf_counter()
        assert _baseline_import(path, tmp / "baseline.sqlite") == n
        base = time.perf_counter() - t0

        svc = Service(data_dir=tmp / "dry", user="bench")
        (tmp / "dry").mkdir()
        t0 = time.perf_counter()
        dry = svc.ledger.import_file(path, dry_run=True)
        dry_secs = time.perf_counter() - t0
        svc.close()
        assert dry["valid_rows"] == n and not dry["errors"], dry["errors"][:3]

        svc = Service(data_dir=tmp / "real", user="bench")
        (tmp / "real").mkdir()
        t0 = time.perf_counter()
        res = svc.ledger.import_file(path)
        secs = time.perf_counter() - t0
        assert res["imported"] == n and svc.cases.count() == n, res["errors"][:3]
        svc.close()
    return result("ledger_import", secs, "s", baseline=base, goal="ratio <= 2", rows=n,
                  dry_run_s=round(dry_secs, 3), store_s=round(secs - dry_secs, 3))


BENCHMARKS = {"ledger_export": bench_ledger_export, "ledger_import": bench_ledger_import}
