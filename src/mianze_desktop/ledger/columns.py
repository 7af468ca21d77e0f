"""The ledger's columns: what the export writes and the import recognises.

The export writes ``COLUMNS`` in this order. The import recognises a column by its header
text through ``SYNONYMS`` (the headers hand-made ledgers use for the same thing), after
``normalize_header`` has removed spaces, line breaks, brackets and full-width forms.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # Excel character units; a CJK character needs about 2
    kind: str = "text"  # text | date | int


COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", 5, "int"),
    Column("number", "案件编号", 14),
    Column("applied_on", "申请日期", 11, "date"),
    Column("applicant", "申请人", 8),
    Column("unit_position", "单位及职务", 18),
    Column("tier", "层级", 5.5),
    Column("work_type", "工作类别", 8),
    Column("matter", "申请事项", 26),
    Column("items", "适用情形（条款）", 24),
    Column("outcome", "认定结果", 9),
    Column("investigators", "调查人员", 11),
    Column("accepted_on", "受理日期", 11, "date"),
    Column("decided_on", "认定日期", 11, "date"),
    Column("notified_on", "告知日期", 11, "date"),
    Column("overdue", "是否逾期", 5.5),
    Column("status", "办理状态", 8),
    Column("archive_number", "归档号", 12),
    Column("archived_on", "归档日期", 11, "date"),
    Column("policy", "政策依据", 13),
    Column("remarks", "备注", 14),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)

# Fields the import understands: the export's columns plus the two that hand-made ledgers split out.
IMPORT_FIELDS: dict[str, str] = {c.key: c.header for c in COLUMNS}
IMPORT_FIELDS.update({
    "unit": "单位",
    "position": "职务",
})
DATE_FIELDS = frozenset({"applied_on", "accepted_on", "decided_on", "notified_on", "archived_on"})

# header text (normalised) -> field; the first list entry is the export's own header
_SYNONYM_LISTS: dict[str, list[str]] = {
    "seq": ["序号", "顺序号", "排序", "no", "行号"],
    "number": ["案件编号", "编号", "案号", "案件号", "登记编号", "受理编号", "登记号", "案件登记号"],
    "applied_on": ["申请日期", "申请时间", "提出申请日期", "提出申请时间", "申请提出日期", "申请提出时间"],
    "applicant": ["申请人", "申请人姓名", "姓名", "当事人", "申请对象", "申请人员"],
    "unit_position": ["单位及职务", "工作单位及职务", "单位职务", "单位和职务", "所在单位及职务", "单位及职务职级",
                      "单位及岗位"],
    "unit": ["单位", "工作单位", "所在单位", "申请人单位"],
    "position": ["职务", "岗位", "职务岗位", "职务职级"],
    "tier": ["层级", "级别", "所属层级", "层次", "单位层级"],
    "work_type": ["工作类别", "救助类别", "业务类别", "业务类型", "救助类型"],
    "matter": ["申请事项", "事项", "申请容错事项", "申请免责事项", "容错事项", "免责事项", "主要事项",
               "失误错误事项", "失误事项", "问题事项"],
    "items": ["适用情形", "适用情形条款", "适用条款", "容错情形", "免责情形", "情形", "条款", "适用情形及条款",
              "适用的情形"],
    "outcome": ["认定结果", "结果", "处理结果", "认定意见", "认定情况", "容错结果", "免责结果", "认定结论"],
    "investigators": ["调查人员", "调查人", "核查人员", "调查核实人员", "调查核实人", "核实人员"],
    "accepted_on": ["受理日期", "受理时间"],
    "decided_on": ["认定日期", "认定时间", "决定日期", "作出决定日期", "决定时间"],
    "notified_on": ["告知日期", "告知时间", "送达日期", "通知日期", "反馈日期"],
    "overdue": ["是否逾期", "逾期", "是否超期"],
    "status": ["办理状态", "状态", "案件状态", "办理进度", "进度"],
    "archive_number": ["归档号", "档案号", "归档编号", "档号", "卷宗号"],
    "archived_on": ["归档日期", "归档时间"],
    "policy": ["政策依据", "政策", "依据文件", "适用政策", "政策文件", "依据"],
    "remarks": ["备注", "说明", "其他"],
}

_BRACKETS = re.compile(r"[(\[（【〔][^)\]）】〕]*[)\]）】〕]")
_NOISE = re.compile(r"[\s*:：、.。,，/／\\_\-—]+")


def normalize_header(value) -> str:
    """'适用情形（条款）' -> '适用情形'; '申 请\\n日 期' -> '申请日期'; 'No.' -> 'no'."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    text = _BRACKETS.sub("", text)
    return _NOISE.sub("", text)


SYNONYMS: dict[str, str] = {}
for _field, _names in _SYNONYM_LISTS.items():
    for _name in _names:
        SYNONYMS.setdefault(normalize_header(_name), _field)


def field_for_header(value) -> str | None:
    return SYNONYMS.get(normalize_header(value))


def text_width(text: str) -> int:
    """Display width in Excel character units: a CJK character counts 2, ASCII 1 (cheap, C-level)."""
    return len(text) if text.isascii() else (len(text) + len(text.encode("utf-8"))) // 2


def line_count(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    usable = max(width - 1.2, 1.0)
    lines = 0
    for part in text.split("\n"):
        w = text_width(part)
        lines += 1 if w <= usable else -int(-w // usable)
    return lines


def column_letter(index: int) -> str:
    """1 -> 'A', 27 -> 'AA' (no openpyxl import needed)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
