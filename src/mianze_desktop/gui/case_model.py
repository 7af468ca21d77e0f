"""The case list: a lazily fetched table model over ``service.cases.list``.

Only the first page is read when the filters change; the view asks for more
(canFetchMore / fetchMore) as the user scrolls. Deadline cells are coloured:
overdue red, due within 3 working days amber.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

COLUMNS = [
    ("number", "案件编号"),
    ("applicant", "申请人"),
    ("unit_position", "单位及职务"),
    ("policy_label", "政策"),
    ("status_label", "阶段"),
    ("applied_on", "申请日期"),
    ("deadline", "期限"),
    ("outcome_label", "认定结果"),
]
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
# roles as plain ints: data() compares them for every cell of every repaint
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ANSWERED = frozenset({TOOLTIP, FOREGROUND, int(Qt.ItemDataRole.BackgroundRole), int(CASE_ID_ROLE),
                       int(RECORD_ROLE)})
OVERDUE = QColor("#c62828")
WARN = QColor("#b26a00")
OVERDUE_BG = QColor("#fde7e7")
WARN_BG = QColor("#fff3d6")


def deadline_text(d: Optional[dict]) -> str:
    if not d:
        return ""
    if d.get("problem"):
        return f"{d['label']}：无法计算"
    suffix = "（逾期）" if d.get("overdue") else "（将到期）" if d.get("warn") else ""
    return f"{d['label']} {d['due']}{suffix}"


def _cells(record: dict) -> tuple:
    """The display text of one list row, column by column."""
    out = []
    for key, _title in COLUMNS:
        if key == "deadline":
            out.append(deadline_text(record.get("deadline")))
        else:
            value = record.get(key)
            out.append("" if value is None else str(value))
    return tuple(out)


class CaseListModel(QAbstractTableModel):
    PAGE = 100  # about four screens; more pages are read as the user scrolls

    def __init__(self, fetch: Callable[[dict, int, int], list[dict]], parent=None, page: int = PAGE):
        """``fetch(filters, offset, limit)`` returns decorated case summaries."""
        super().__init__(parent)
        self._fetch = fetch
        self.page = page
        self.filters: dict = {}
        self.rows: list[dict] = []
        self._cells: list[tuple] = []
        self._more = False

    # -- loading ----------------------------------------------------------
    def set_filters(self, filters: dict) -> None:
        self.beginResetModel()
        self.filters = dict(filters)
        self._set_rows(self._fetch(self.filters, 0, self.page))
        self._more = len(self.rows) == self.page
        self.endResetModel()

    def reload(self) -> None:
        """Read again with the same filters, keeping as many rows as are shown now."""
        self.beginResetModel()
        want = max(self.page, len(self.rows))
        self._set_rows(self._fetch(self.filters, 0, want))
        self._more = len(self.rows) == want
        self.endResetModel()

    def _set_rows(self, rows: list[dict]) -> None:
        self.rows = rows
        self._cells = [_cells(r) for r in rows]

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        more = self._fetch(self.filters, len(self.rows), self.page)
        self._more = len(more) == self.page
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self._cells.extend(_cells(r) for r in more)
            self.endInsertRows()

    # -- model ------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index, role=DISPLAY):
        # Called for every role of every visible cell at each repaint: the display text is ready-made
        # (_cells) and the roles the list never answers return at once.
        if role == DISPLAY:
            row, col = index.row(), index.column()
            if 0 <= row < len(self._cells) and 0 <= col < len(COLUMNS):
                return self._cells[row][col]
            return None
        if role not in _ANSWERED or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self.rows)) or not (0 <= col < len(COLUMNS)):
            return None
        record = self.rows[row]
        key = COLUMNS[col][0]
        if role == TOOLTIP:
            if key == "policy_label":
                return record.get("policy_title")
            d = record.get("deadline") if key == "deadline" else None
            if d and d.get("problem"):
                return d["problem"]
            return f"{d['label']}：{d['due']} 前完成" if d else None
        if role == CASE_ID_ROLE:
            return record.get("id")
        if role == RECORD_ROLE:
            return record
        if key != "deadline":  # foreground / background: only the deadline cell is coloured
            return None
        d = record.get("deadline") or {}
        fg = role == FOREGROUND
        if d.get("overdue"):
            return QBrush(OVERDUE if fg else OVERDUE_BG)
        if d.get("warn"):
            return QBrush(WARN if fg else WARN_BG)
        return None

    def case_id(self, row: int) -> Optional[int]:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of(self, case_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == case_id), -1)
