"""Build a hand-made ledger the way offices keep them: merged title, info line, header on row 4,
text dates in several styles, full-width digits, a blank row, a vertically merged unit, footer notes."""
from __future__ import annotations

import datetime as dt

HEADERS = ["序号", "编号", "姓名", "工作单位", "职务", "层级", "申请时间", "申请免责事项", "适用条款", "处理结果",
           "认定时间", "备注", "联系电话"]

# (number, name, unit, position, tier, applied, matter, items, outcome, decided, remarks)
ROWS = [
    ("示例-2025-001", "周晓明", "东城镇民政办", "科员", "镇", "2025年3月5日", "低保审核未核出外地收入",
     "第三条第（一）项", "予以免责", "2025.4.1", "已追回"),
    ("示例－２０２５－００２", "吴春燕", "东城镇民政办", "协理员", "乡镇", "２０２５年４月８日", "录入保障起始时间错误",
     "一般工作失误已纠正", "从轻处理", dt.datetime(2025, 5, 6), ""),
    ("示例-2025-003", "郑建国", "西河乡社会事务办", "主任", "乡镇", dt.datetime(2025, 6, 1), "平台未接入未能核出车辆",
     "第三条第（二）项 信息平台未接入未能核出", "不予免责", "2025-07-15", ""),
    ("示例-2025-004", "王丽华", "示例市民政局", "副科长", "县级", "2025/8/20", "临时救助先行受理材料未补齐",
     "第三条第（十一）项；第三条第（一）项", "予以免责", "二〇二五年九月十日", "集体研究"),
    ("示例-2025-005", "冯志强", "南湖街道办事处", "工作人员", "街道", "20251103", "特困供养对象去世后多发",
     "第三条第（一）项", "", "", "调查中"),
]


def build(path, bad_date: str | None = None, duplicate: bool = False, bad_item: bool = False):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "2025年台账"
    ws.append(["示例市东城镇2025年社会救助容错纠错工作台账"])
    ws.merge_cells("A1:M1")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["填报单位：东城镇民政办　　　　填报时间：2026年1月"])
    ws.merge_cells("A2:M2")
    ws.append([])
    ws.append(HEADERS)
    rows = [list(r) for r in ROWS]
    if bad_date:
        rows[2][5] = bad_date
    if bad_item:
        rows[3][7] = "第九条 不存在的情形"
    if duplicate:
        rows.append(list(rows[0]))
    r = 5
    for i, (num, name, unit, pos, tier, applied, matter, items, outcome, decided, remarks) in enumerate(rows):
        if i == 3:
            ws.append([])  # a blank line in the middle
            r += 1
        ws.append([f"{i + 1}", num, name, unit, pos, tier, applied, matter, items, outcome, decided, remarks,
                   "1380000000" + str(i)])
        if isinstance(applied, dt.datetime):
            ws.cell(r, 7).number_format = "yyyy年m月d日"
        r += 1
    # the unit of rows 1-2 is written once and merged down (D5:D6)
    ws["D6"] = None
    ws.merge_cells("D5:D6")
    ws.append(["合计：共 %d 件" % len(rows)])
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=13)
    ws.append(["填表人：赵某某", None, None, None, None, None, None, None, "审核人：钱某某"])
    wb.save(path)
    return path
