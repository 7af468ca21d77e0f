"""Import ledgers: the app's own export and hand-made ledgers -> validated case records.

``parse_ledger`` reads every sheet that holds a ledger, validates every row and returns the
records ready for the store's bulk import, the per-row errors ``{sheet, row, column, reason}``
(column = Excel letter + header), the duplicates inside the file and the rows it ignored
(blank lines, repeated headers, notes and totals). It writes nothing: the service decides,
all or nothing by default.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..store.bulk import gc_paused  # one switch for every bulk job
from .columns import DATE_FIELDS, IMPORT_FIELDS, field_for_header
from .layout import MIN_FIELDS, Layout, MappingStore, Sheet, detect_layout, read_sheets
from .values import SPLIT_NAMES, PolicyResolver, code_value, parse_date, text_value

REQUIRED = ("number", "applicant", "applied_on")
_NOTE = re.compile(r"^(合计|总计|小计|注|说明|备注|填表|制表|填报|审核|单位负责人|负责人|经办人)")
# common 职务 endings, to split a hand-written 单位及职务 into unit and position
_POSITIONS = ("副主任科员", "主任科员", "工作人员", "网格员", "协理员", "经办人", "副科长", "副所长", "副站长",
              "副主任", "副书记", "副镇长", "副乡长", "科员", "科长", "所长", "站长", "主任", "书记", "镇长", "乡长",
              "专干", "会计", "文书", "委员", "干部", "职员", "助理")
DATE_ORDER = (("accepted_on", "applied_on", "受理日期早于申请日期"), ("decided_on", "applied_on", "认定日期早于申请日期"),
              ("notified_on", "decided_on", "告知日期早于认定日期"))


@dataclass
class ParsedRow:
    sheet: str
    row: int
    number: str
    record: dict


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    ignored: list[dict] = field(default_factory=list)
    layouts: list[Layout] = field(default_factory=list)


def error(sheet: Optional[str], row: Optional[int], column: Optional[str], reason: str) -> dict:
    return {"sheet": sheet, "row": row, "column": column, "reason": reason}


def split_unit_position(text: str) -> tuple[str, str]:
    """'示例镇民政办 科员' or '示例镇民政办科员' -> ('示例镇民政办', '科员'); unknown endings stay whole."""
    text = text.strip()
    parts = re.split(r"[\s　/／,，、]+", text)
    if len(parts) > 1:
        return "".join(parts[:-1]), parts[-1]
    for pos in _POSITIONS:
        if text.endswith(pos) and len(text) > len(pos):
            return text[: -len(pos)], pos
    return text, ""


class _RowParser:
    """Validates one sheet's rows against the packs; collects errors."""

    def __init__(self, layout: Layout, resolver: PolicyResolver, result: ParseResult):
        self.layout = layout
        self.resolver = resolver
        self.result = result
        self.cols = {f: c for c, f in layout.mapping.items()}

    def err(self, row: int, fld: Optional[str], reason: str) -> None:
        col = self.cols.get(fld) if fld else None
        self.result.errors.append(error(self.layout.sheet, row, self.layout.column_name(col) if col else None,
                                        reason))

    def parse(self, row_no: int, cells: dict) -> Optional[dict]:
        """cells: field -> raw value. A record, or None after reporting the row's errors."""
        problems = len(self.result.errors)
        number = code_value(cells.get("number"))
        applicant = text_value(cells.get("applicant"))
        if not number:
            self.err(row_no, "number", "缺少案件编号")
        if not applicant:
            self.err(row_no, "applicant", "缺少申请人")
        dates: dict[str, Optional[dt.date]] = {}
        for fld in DATE_FIELDS:
            if fld in cells:
                try:
                    dates[fld] = parse_date(cells[fld])
                except ValueError as exc:
                    self.err(row_no, fld, str(exc))
                    dates[fld] = None
        if not dates.get("applied_on") and not text_value(cells.get("applied_on")):
            self.err(row_no, "applied_on", "缺少申请日期")
        for later, earlier, why in DATE_ORDER:
            if dates.get(later) and dates.get(earlier) and dates[later] < dates[earlier]:
                self.err(row_no, later, f"{why}（{dates[later].isoformat()} < {dates[earlier].isoformat()}）")
        try:
            pack = self.resolver.resolve(text_value(cells.get("policy")), number, dates.get("applied_on"),
                                         text_value(cells.get("items")))
        except ValueError as exc:
            self.err(row_no, "policy", str(exc))
            return None
        idx = self.resolver.index(pack)
        rec: dict = {"number": number, "policy": pack.id, "applicant": applicant}

        def guarded(fld, fn):
            raw = text_value(cells.get(fld))
            if not raw:
                return None
            try:
                return fn(raw)
            except ValueError as exc:
                self.err(row_no, fld, str(exc))
                return None

        items = guarded("items", idx.items) or []
        outcome = guarded("outcome", idx.outcome)
        tier = guarded("tier", idx.tier)
        status = guarded("status", idx.stage)
        work_type = text_value(cells.get("work_type"))
        if work_type and work_type not in pack.scope.work_types:
            self.err(row_no, "work_type", f"工作类别“{work_type}”不在政策的适用范围中（可选：{'、'.join(pack.scope.work_types)}）")
        unit, position = text_value(cells.get("unit")), text_value(cells.get("position"))
        unit_position = text_value(cells.get("unit_position"))
        if unit_position and not unit and not position:
            unit, position = split_unit_position(unit_position)
        if unit_position and re.search(r"\s", unit_position):
            unit_position = unit + position  # the export writes 单位 职务 with a space for readability
        rec.update({"unit": unit, "position": position, "unit_position": unit_position or unit + position})
        if tier:
            rec["tier"] = tier
        if work_type:
            rec["work_type"] = work_type
        for fld in ("matter", "remarks"):
            value = text_value(cells.get(fld))
            if value:
                rec[fld] = value
        archive_number = code_value(cells.get("archive_number"))
        if archive_number:
            rec["archive_number"] = archive_number
        names = [n for n in SPLIT_NAMES.split(text_value(cells.get("investigators"))) if n]
        if names:
            rec["investigators"] = [{"name": n, "unit": "", "position": "", "no_conflict_declared": False}
                                    for n in names]
        if items:
            rec["candidates"] = items
        stage_dates = {}
        for role, fld in (("apply", "applied_on"), ("accept", "accepted_on"), ("decide", "decided_on"),
                          ("notify", "notified_on"), ("archive", "archived_on")):
            stage = idx.stage_by_role.get(role)
            if stage and dates.get(fld):
                stage_dates[stage] = dates[fld].isoformat()
        order = [s.id for s in pack.procedure.stages]
        decide_stage = idx.stage_by_role.get("decide")
        if status is None:
            if outcome:
                status = pack.procedure.archive_stage  # a historical case with a result: archived
            else:
                dated = [s for s in order if s in stage_dates]
                status = dated[-1] if dated else pack.procedure.initial_stage
        if not outcome:
            if dates.get("decided_on"):
                self.err(row_no, "outcome", "填写了认定日期但没有认定结果")
            elif decide_stage and status in order and order.index(status) >= order.index(decide_stage):
                self.err(row_no, "outcome", f"办理状态为“{pack.stage(status).label}”的案件需要填写认定结果")
        rec["status"] = status
        rec["applied_on"] = dates["applied_on"].isoformat() if dates.get("applied_on") else None
        rec["stage_dates"] = stage_dates
        for fld in ("accepted_on", "decided_on", "notified_on", "archived_on"):
            rec[fld] = dates[fld].isoformat() if dates.get(fld) else None
        if outcome:
            label = next(o.label for o in pack.outcomes if o.id == outcome)
            matched = [i for i in items if pack.item(i).kind != "exclusion"]
            excluded = [i for i in items if pack.item(i).kind == "exclusion"]
            rec["decision"] = {"outcome": outcome, "outcome_label": label, "matched": matched,
                               "excluded_by": excluded, "decided_on": rec["decided_on"]}
        else:
            rec["decision"] = None
        if len(self.result.errors) > problems:
            return None
        return rec


_header_field = functools.lru_cache(maxsize=16384)(field_for_header)  # cells repeat (units, labels)


def _is_header_like(values: list) -> bool:
    return sum(1 for v in values if isinstance(v, str) and _header_field(v)) >= MIN_FIELDS


def parse_ledger(path: Path | str, resolver: PolicyResolver, mappings: Optional[MappingStore] = None,
                 progress: Optional[Callable[[int, int], None]] = None, sheets: Optional[list[Sheet]] = None
                 ) -> ParseResult:
    """Read and validate a ledger file. Raises LedgerFileError for an unreadable file."""
    with gc_paused():
        return _parse_ledger(path, resolver, mappings, progress, sheets)


def _parse_ledger(path, resolver, mappings, progress, sheets) -> ParseResult:
    sheets = read_sheets(path) if sheets is None else sheets
    result = ParseResult()
    for sheet in sheets:
        layout = detect_layout(sheet, mappings)
        if layout is not None:
            result.layouts.append(layout)
    if not result.layouts:
        names = "、".join(s.name for s in sheets) or "无"
        result.errors.append(error(None, None, None,
                                   f"没有找到台账表头（工作表：{names}）：表头应在前 30 行，包含案件编号、申请人、申请日期等列"))
        return result
    for layout in result.layouts:
        missing = [IMPORT_FIELDS[f] for f in REQUIRED if layout.column_of(f) is None]
        if missing:
            result.errors.append(error(layout.sheet, layout.header_rows[-1], None,
                                       f"表头缺少必需的列：{'、'.join(missing)}（可在列映射中指定）"))
    if result.errors:
        return result
    total = sum(max(0, len(s.rows) - 1) for s in sheets)
    done = 0
    seen: dict[str, tuple[str, int]] = {}
    by_name = {s.name: s for s in sheets}
    for layout in result.layouts:
        sheet = by_name[layout.sheet]
        parser = _RowParser(layout, resolver, result)
        number_col = layout.column_of("number")
        key_cols = [c for c in (layout.column_of(f) for f in REQUIRED) if c]
        mapped = sorted(layout.mapping.items())
        for row_no in range(layout.data_start, len(sheet.rows) + 1):
            done += 1
            if progress and done % 1000 == 0:
                progress(done, total)
            values = sheet.rows[row_no - 1]
            if not any(v is not None and str(v).strip() for v in values):
                continue  # blank line
            cells = {f: values[c - 1] for c, f in mapped if c <= len(values) and values[c - 1] is not None}
            if sheet.is_note_row(row_no, key_cols) or _is_header_like(values) or _is_note(values, cells):
                text = next((text_value(v) for v in values if text_value(v)), "")
                result.ignored.append({"sheet": layout.sheet, "row": row_no, "text": text[:60]})
                continue
            number = code_value(cells.get("number"))
            if number and number in seen:
                first_sheet, first_row = seen[number]
                where = f"第 {first_row} 行" if first_sheet == layout.sheet else f"工作表“{first_sheet}”第 {first_row} 行"
                result.duplicates.append({"sheet": layout.sheet, "row": row_no,
                                          "column": layout.column_name(number_col), "number": number,
                                          "reason": f"案件编号 {number} 与{where}重复，已跳过"})
                continue
            if number:
                seen[number] = (layout.sheet, row_no)
            record = parser.parse(row_no, cells)
            if record is not None:
                result.rows.append(ParsedRow(layout.sheet, row_no, number, record))
    if progress:
        progress(total, total)
    return result


def _is_note(values: list, cells: dict) -> bool:
    """A footer, total or remark line: none of number / applicant / date, or it starts like 合计 / 制表人."""
    if not any(text_value(cells.get(f)) for f in REQUIRED):
        return True
    first = next((text_value(v) for v in values if text_value(v)), "")
    return bool(_NOTE.match(first)) and not text_value(cells.get("applicant"))
