"""Export a year's cases to the formatted ledger workbook (台账) plus a statistics sheet.

Works on case record dicts (the service's case record contract) and the policy packs they
name; writes with openpyxl's write_only mode so that 10,000 cases stay fast and small in
memory. User text that starts like a formula (= + - @) is written as text with Excel's
quote prefix, never as a formula.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional

from .columns import COLUMNS, column_letter, line_count
from .tempfiles import beside
from .values import item_label, policy_label

DEFAULT_TITLE = "{year}年度社会救助容错免责工作台账"
BY_FIELDS = {"applied": "applied_on", "decided": "decided_on"}
BY_LABELS = {"applied": "申请日期", "decided": "认定日期"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FONT_NAME, HEADING_FONT = "宋体", "黑体"
CHARSET_GB2312 = 134
DATE_FORMAT = "yyyy-mm-dd"
HEADER_ROW = 3  # title, 填报单位 line, header
LINE_HEIGHT = 13.0  # points per wrapped line of 10 pt 宋体 (Excel and LibreOffice do not autofit on open)
_CENTRED = {"seq", "applied_on", "tier", "work_type", "outcome", "accepted_on", "decided_on", "notified_on", "overdue",
            "status", "archived_on"}

Progress = Optional[Callable[[int, int], None]]


# -- selecting and flattening cases ---------------------------------------------------------
def case_date(record: Mapping, by: str) -> Optional[str]:
    if by == "decided":
        return record.get("decided_on") or (record.get("decision") or {}).get("decided_on")
    return record.get("applied_on")


def select_records(records: Iterable[Mapping], year: int, by: str = "applied", unit: Optional[str] = None,
                   policy: Optional[str] = None, outcome: Optional[str] = None) -> list[Mapping]:
    """The cases of ``year`` (by application or decision date) matching the filters, in date order.

    unit matches the unit or a part of it; outcome matches an outcome id or label.
    """
    if by not in BY_FIELDS:
        raise ValueError(f"by must be one of {', '.join(BY_FIELDS)}, not {by!r}")
    prefix = f"{int(year):04d}-"
    chosen = []
    for r in records:
        day = case_date(r, by)
        if not day or not str(day).startswith(prefix):
            continue
        if policy and r.get("policy") != policy:
            continue
        if unit and unit != r.get("unit") and unit not in (r.get("unit") or "") \
                and unit not in (r.get("unit_position") or ""):
            continue
        if outcome:
            d = r.get("decision") or {}
            if outcome not in (d.get("outcome"), d.get("outcome_label")):
                continue
        chosen.append(r)
    chosen.sort(key=lambda r: (str(case_date(r, by)), str(r.get("number") or "")))
    return chosen


def unit_position(record: Mapping) -> str:
    """单位及职务: 'unit position' (a space the import splits on) when the text is just the two joined."""
    unit, position = record.get("unit") or "", record.get("position") or ""
    text = record.get("unit_position") or ""
    if unit and position and text in ("", unit + position):
        return f"{unit} {position}"
    return str(text or unit or position)


def case_items(record: Mapping) -> list[str]:
    """适用情形（条款）: a decided case's matched items and the exclusions that hit (what the import reads back
    into matched / excluded_by); an undecided case's candidate items."""
    decision = record.get("decision")
    if decision:
        return list(dict.fromkeys(list(decision.get("matched") or []) + list(decision.get("excluded_by") or [])))
    return list(record.get("candidates") or [])


def is_overdue(record: Mapping) -> bool:
    return any(d.get("overdue") for d in record.get("deadlines") or [])


def _date(value) -> Optional[dt.date]:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def ledger_values(record: Mapping, seq: int, packs: Mapping) -> list:
    """One ledger row as Python values, in COLUMNS order (dates as ``datetime.date``)."""
    pack = packs.get(record.get("policy"))
    decision = record.get("decision") or {}
    labels = []
    for item_id in case_items(record):
        try:
            labels.append(item_label(pack.item(item_id)) if pack else item_id)
        except KeyError:
            labels.append(item_id)
    outcome = decision.get("outcome_label") or ""
    if not outcome and decision.get("outcome") and pack:
        outcome = next((o.label for o in pack.outcomes if o.id == decision["outcome"]), decision["outcome"])
    status = record.get("status_label") or ""
    if not status and record.get("status") and pack:
        status = next((s.label for s in pack.procedure.stages if s.id == record["status"]), record["status"])
    names = [i.get("name", "") for i in record.get("investigators") or [] if i.get("name")]
    return [
        seq,
        record.get("number") or "",
        _date(record.get("applied_on")),
        record.get("applicant") or "",
        unit_position(record),
        record.get("tier") or "",
        record.get("work_type") or "",
        record.get("matter") or (record.get("form") or {}).get("matter") or "",
        "\n".join(labels),
        outcome,
        "、".join(names),
        _date(record.get("accepted_on")),
        _date(record.get("decided_on") or decision.get("decided_on")),
        _date(record.get("notified_on")),
        "是" if is_overdue(record) else "否",
        status,
        record.get("archive_number") or "",
        _date(record.get("archived_on")),
        policy_label(pack) if pack else (record.get("policy") or ""),
        record.get("remarks") or (record.get("form") or {}).get("remarks") or "",
    ]


def ledger_title(year: int, packs_used: list) -> str:
    """The pack's own wording when all cases share one pack that defines it (terms.ledger_title, with
    {year}, or terms.mechanism such as 容错纠错), else the generic title."""
    if len(packs_used) == 1:
        terms = packs_used[0].terms
        if terms.get("ledger_title"):
            return terms["ledger_title"].format(year=year)
        if terms.get("mechanism"):
            return f"{year}年度社会救助{terms['mechanism']}工作台账"
    return DEFAULT_TITLE.format(year=year)


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# -- statistics ------------------------------------------------------------------------------
def statistics(records: list[Mapping], packs: Mapping, year: int, by: str) -> dict:
    """Counts by situation (item), outcome, unit and month, and overdue counts."""
    by_item: Counter = Counter()
    by_outcome: Counter = Counter()
    by_unit: Counter = Counter()
    unit_overdue: Counter = Counter()
    by_month: Counter = Counter()
    month_overdue: Counter = Counter()
    deadline_overdue: Counter = Counter()
    item_policy: dict = {}
    overdue_cases = 0
    for r in records:
        pack = packs.get(r.get("policy"))
        items = case_items(r)
        if not items:
            by_item[("", "（未填写适用情形）")] += 1
        for item_id in items:
            try:
                label = item_label(pack.item(item_id)) if pack else item_id
            except KeyError:
                label = item_id
            key = (r.get("policy") or "", label)
            by_item[key] += 1
            item_policy[key] = policy_label(pack) if pack else (r.get("policy") or "")
        d = r.get("decision") or {}
        by_outcome[d.get("outcome_label") or d.get("outcome") or "（尚未认定）"] += 1
        unit = r.get("unit") or unit_position(r) or "（未填写单位）"
        by_unit[unit] += 1
        day = _date(case_date(r, by))
        month = day.month if day else 0
        by_month[month] += 1
        late = is_overdue(r)
        if late:
            overdue_cases += 1
            unit_overdue[unit] += 1
            month_overdue[month] += 1
        for deadline in r.get("deadlines") or []:
            if deadline.get("overdue"):
                deadline_overdue[deadline.get("label") or deadline.get("id") or "办理期限"] += 1
    item_rows = sorted(by_item.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "total": len(records),
        "overdue_cases": overdue_cases,
        "by_item": [{"item": k[1], "policy": item_policy.get(k, ""), "count": n} for k, n in item_rows],
        "by_outcome": [{"outcome": k, "count": n} for k, n in by_outcome.most_common()],
        "by_unit": [{"unit": k, "count": n, "overdue": unit_overdue[k]}
                    for k, n in sorted(by_unit.items(), key=lambda kv: (-kv[1], kv[0]))],
        "by_month": [{"month": f"{year}年{m}月", "count": by_month[m], "overdue": month_overdue[m]}
                     for m in range(1, 13)],
        "by_deadline": [{"deadline": k, "overdue": n} for k, n in deadline_overdue.most_common()],
    }


# -- writing ----------------------------------------------------------------------------------
class _Styles:
    """Shared cell styles (one style array per look, copied by reference onto every cell)."""

    def __init__(self, ws):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.Cell = WriteOnlyCell
        self.ws = ws
        thin = Side(style="thin", color="000000")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        body = Font(name=FONT_NAME, size=10, charset=CHARSET_GB2312)

        def make(font, align, border=None, fill=None, number_format=None, quote=False):
            c = WriteOnlyCell(ws)
            c.font = font
            c.alignment = align
            if border:
                c.border = border
            if fill:
                c.fill = fill
            if number_format:
                c.number_format = number_format
            if quote:
                c.quotePrefix = True
            return c._style

        wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        wrap_centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.title = make(Font(name=HEADING_FONT, size=18, bold=True, charset=CHARSET_GB2312),
                          Alignment(horizontal="center", vertical="center"))
        self.info_left = make(body, Alignment(horizontal="left", vertical="center"))
        self.info_centre = make(body, Alignment(horizontal="center", vertical="center"))
        self.info_right = make(body, Alignment(horizontal="right", vertical="center"))
        self.section = make(Font(name=HEADING_FONT, size=11, bold=True, charset=CHARSET_GB2312),
                            Alignment(horizontal="left", vertical="center"))
        self.header = make(Font(name=HEADING_FONT, size=10.5, bold=True, charset=CHARSET_GB2312), wrap_centre,
                           box, PatternFill("solid", fgColor="D9D9D9"))
        self.text = make(body, wrap_left, box)
        self.text_quoted = make(body, wrap_left, box, quote=True)
        self.centre = make(body, wrap_centre, box)
        self.date = make(body, wrap_centre, box, number_format=DATE_FORMAT)
        self.number = make(body, wrap_centre, box, number_format="0")

    def cell(self, value, style):
        c = self.Cell(self.ws, value)
        c._style = style  # the documented openpyxl idiom for sharing a style between cells
        return c

    def text_cell(self, value, style):
        """User text: never a formula, with Excel's quote prefix when it starts like one."""
        from openpyxl.utils.exceptions import IllegalCharacterError

        if not isinstance(value, str):
            value = str(value)
        try:
            c = self.Cell(self.ws, value)
        except IllegalCharacterError:
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            c = self.Cell(self.ws, ILLEGAL_CHARACTERS_RE.sub("", value))
        if value and value[0] in FORMULA_START:
            c.data_type = "s"
            c._style = self.text_quoted
        else:
            c._style = style
        return c


def _setup_print(ws, made_on: dt.date, title_rows: str) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.8
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.35
    if title_rows:
        ws.print_title_rows = title_rows
    for part, text in ((ws.oddFooter.left, "单位负责人：　　　　　　"),
                       (ws.oddFooter.center, "第 &P 页，共 &N 页"),
                       (ws.oddFooter.right, f"制表人：　　　　　　制表日期：{cn_date(made_on)}")):
        part.text = text
        part.font = f"{FONT_NAME},常规"
        part.size = 10


def _write_ledger_sheet(wb, rows: list[list], title: str, info: tuple[str, str, str], made_on: dt.date,
                        progress: Progress) -> None:
    ws = wb.create_sheet("台账")
    st = _Styles(ws)
    ncol = len(COLUMNS)
    last_col = column_letter(ncol)
    for i, col in enumerate(COLUMNS, 1):
        ws.column_dimensions[column_letter(i)].width = col.width
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = 22
    ws.row_dimensions[3].height = 32
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    last_row = HEADER_ROW + max(len(rows), 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    third = ncol // 3
    spans = ((1, third), (third + 1, 2 * third), (2 * third + 1, ncol))
    ws.merged_cells.add(f"A1:{last_col}1")
    for a, b in spans:
        ws.merged_cells.add(f"{column_letter(a)}2:{column_letter(b)}2")
    _setup_print(ws, made_on, f"{HEADER_ROW}:{HEADER_ROW}")

    ws.append([st.cell(title, st.title)])
    line = [None] * ncol
    for (a, _), text, style in zip(spans, info, (st.info_left, st.info_centre, st.info_right)):
        line[a - 1] = st.cell(text, style)
    ws.append(line)
    ws.append([st.cell(c.header, st.header) for c in COLUMNS])

    kinds = []
    for col in COLUMNS:
        if col.kind == "date":
            kinds.append((0, st.date, col.width))
        elif col.kind == "int":
            kinds.append((0, st.number, col.width))
        else:
            kinds.append((1, st.centre if col.key in _CENTRED else st.text, col.width))
    total = len(rows)
    cell, text_cell, dims = st.cell, st.text_cell, ws.row_dimensions
    for n, values in enumerate(rows, 1):
        out = []
        lines = 1
        for value, (is_text, style, width) in zip(values, kinds):
            if is_text:
                if value:
                    out.append(text_cell(value, style))
                    lines = max(lines, line_count(value, width))
                else:
                    out.append(cell(None, style))
            else:
                out.append(cell(value, style))
        if lines > 1:
            dims[HEADER_ROW + n].height = round(lines * LINE_HEIGHT + 4, 1)
        ws.append(out)
        if progress and (n % 500 == 0 or n == total):
            progress(n, total)
    if not rows:
        ws.merged_cells.add(f"A{HEADER_ROW + 1}:{last_col}{HEADER_ROW + 1}")
        ws.append([st.cell("（本期无案件）", st.centre)] + [st.cell(None, st.centre)] * (ncol - 1))


def _write_stats_sheet(wb, stats: dict, title: str, info: str, made_on: dt.date) -> None:
    ws = wb.create_sheet("统计")
    st = _Styles(ws)
    widths = (46, 24, 12, 12)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[column_letter(i)].width = w
    ws.row_dimensions[1].height = 32
    sections = [
        ("一、按适用情形（条款）统计", ("适用情形（条款）", "政策依据", "案件数"),
         [(r["item"], r["policy"], r["count"]) for r in stats["by_item"]]),
        ("二、按认定结果统计", ("认定结果", "", "案件数"),
         [(r["outcome"], "", r["count"]) for r in stats["by_outcome"]]),
        ("三、按单位统计", ("单位", "", "案件数", "逾期案件数"),
         [(r["unit"], "", r["count"], r["overdue"]) for r in stats["by_unit"]]),
        ("四、按月份统计", ("月份", "", "案件数", "逾期案件数"),
         [(r["month"], "", r["count"], r["overdue"]) for r in stats["by_month"]]),
        ("五、逾期情况统计", ("办理期限", "", "逾期次数"),
         [(r["deadline"], "", r["overdue"]) for r in stats["by_deadline"]]
         + [("逾期案件（至少一项期限逾期）", "", stats["overdue_cases"])]),
    ]
    rows: list[list] = [[st.cell(title, st.title)], [st.cell(info, st.info_left)]]
    merges = ["A1:D1", "A2:D2"]
    for name, headers, body in sections:
        rows.append([])
        rows.append([st.cell(name, st.section)])
        merges.append(f"A{len(rows)}:D{len(rows)}")
        rows.append([st.cell(h or None, st.header) for h in headers] + [st.cell(None, st.header)] * (4 - len(headers)))
        for values in body:
            padded = list(values) + [None] * (4 - len(values))
            rows.append([st.text_cell(padded[0], st.text), st.text_cell(padded[1] or "", st.text)]
                        + [st.cell(v, st.number) for v in padded[2:]])
        if name.startswith(("一", "二", "三", "四")):
            total = ["合计", "", stats["total"]] + ([stats["overdue_cases"]] if len(headers) == 4 else [None])
            if name.startswith("一"):
                total[2] = sum(r["count"] for r in stats["by_item"])
            rows.append([st.cell(total[0], st.centre), st.cell(None, st.text)]
                        + [st.cell(v, st.number) for v in total[2:]])
    for ref in merges:
        ws.merged_cells.add(ref)
    _setup_print(ws, made_on, "")
    ws.page_setup.orientation = "portrait"
    for r in rows:
        ws.append(r)


def write_ledger(out_path: Path | str, records: list[Mapping], packs: Mapping, year: int, by: str = "applied",
                 reporting_unit: str = "", made_on: Optional[dt.date] = None, title: Optional[str] = None,
                 progress: Progress = None) -> dict:
    """Write the ledger workbook for already selected ``records``; returns a summary with the statistics."""
    from openpyxl import Workbook

    made_on = made_on or dt.date.today()
    used = sorted({r.get("policy") for r in records if r.get("policy")})
    title = title or ledger_title(year, [packs[p] for p in used if p in packs])
    rows = [ledger_values(r, seq, packs) for seq, r in enumerate(records, 1)]
    stats = statistics(records, packs, year, by)
    scope = f"统计口径：{year}年度，按{BY_LABELS[by]}"
    info = (f"填报单位：{reporting_unit or '　' * 10}", scope, f"制表日期：{cn_date(made_on)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")  # beside the chosen file: no copy elsewhere
    try:
        with beside(out_path.parent):  # openpyxl's per-sheet working files too
            wb = Workbook(write_only=True)
            _write_ledger_sheet(wb, rows, title, info, made_on, progress)
            _write_stats_sheet(wb, stats, f"{title}统计表",
                               f"{scope}；案件总数 {len(records)} 件；制表日期：{cn_date(made_on)}", made_on)
            wb.save(tmp)
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {"path": str(out_path), "year": year, "by": by, "cases": len(records), "title": title,
            "statistics": stats}
