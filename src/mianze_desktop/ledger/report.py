"""The import error report: a copy of the user's workbook with every bad cell marked.

Bad cells get a red fill and a comment with the reason; rows with a problem but no single
cell get their first cell marked; a sheet 「导入错误」 lists every problem (sheet, row,
column, reason). The user fixes the cells in this copy (or the original) and imports again —
the list sheet is not a ledger and is skipped by the import.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

REPORT_SHEET = "导入错误"
ERROR_FILL = "FFC7CE"
DUPLICATE_FILL = "FFEB9C"


def _letter(column) -> str:
    return str(column).split(" ", 1)[0] if column else "A"


def write_error_report(source: Path | str, errors: list[dict], out_path: Path | str,
                       duplicates: tuple | list = ()) -> Path:
    from openpyxl import Workbook, load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    source, out_path = Path(source), Path(out_path)
    try:
        wb = load_workbook(source)
    except Exception:  # an unreadable source still gets a report with the list
        wb = Workbook()
        wb.active.title = "原文件无法打开"
    if REPORT_SHEET in wb.sheetnames:
        del wb[REPORT_SHEET]
    marks: dict[tuple, list[str]] = defaultdict(list)
    kinds: dict[tuple, str] = {}
    for kind, entries in (("错误", errors), ("重复", duplicates)):
        for e in entries:
            if e.get("sheet") in wb.sheetnames and e.get("row"):
                key = (e["sheet"], f"{_letter(e.get('column'))}{e['row']}")
                marks[key].append(e["reason"])
                kinds.setdefault(key, kind)
    for (sheet, ref), reasons in marks.items():
        cell = wb[sheet][ref]
        if type(cell).__name__ == "MergedCell":  # mark the merged range's anchor instead
            for rng in wb[sheet].merged_cells.ranges:
                if ref in rng:
                    cell = wb[sheet].cell(rng.min_row, rng.min_col)
                    break
        colour = ERROR_FILL if kinds[(sheet, ref)] == "错误" else DUPLICATE_FILL
        cell.fill = PatternFill("solid", fgColor=colour)
        comment = Comment("\n".join(reasons), "台账导入")
        comment.width, comment.height = 320, 90 + 20 * len(reasons)
        cell.comment = comment
    ws = wb.create_sheet(REPORT_SHEET, 0)
    bold = Font(name="黑体", bold=True, charset=134)
    body = Font(name="宋体", charset=134)
    ws.append(["类别", "工作表", "行", "列", "原因"])
    for c in ws[1]:
        c.font = bold
    for kind, entries in (("错误", errors), ("重复", duplicates)):
        for e in entries:
            ws.append([kind, e.get("sheet") or "", e.get("row"), e.get("column") or "", e.get("reason")])
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.font = body
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@"):
                c.data_type = "s"
    for letter, width in zip("ABCDE", (6, 14, 6, 18, 80)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    wb.active = 0
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")  # beside the chosen file, replaced in one step
    from .tempfiles import beside

    try:
        with beside(out_path.parent):
            wb.save(tmp)
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path
