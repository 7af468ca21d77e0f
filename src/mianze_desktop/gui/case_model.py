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


class CaseListModel(QAbstractTableModel):
    PAGE = 100  # about four screens; more pages are read as the user scrolls

    def __init__(self, fetch: Callable[[dict, int, int], list[dict]], parent=None, page: int = PAGE):
        """``fetch(filters, offset, limit)`` returns decorated case summaries."""
        super().__init__(parent)
        self._fetch = fetch
        self.page = page
        self.filters: dict = {}
        self.rows: list[dict] = []
        self._more = False

    # -- loading ----------------------------------------------------------
    def set_filters(self, filters: dict) -> None:
        self.beginResetModel()
        self.filters = dict(filters)
        self.rows = self._fetch(self.filters, 0, self.page)
        self._more = len(self.rows) == self.page
        self.endResetModel()

    def reload(self) -> None:
        """Read again with the same filters, keeping as many rows as are shown now."""
        self.beginResetModel()
        want = max(self.page, len(self.rows))
        self.rows = self._fetch(self.filters, 0, want)
        self._more = len(self.rows) == want
        self.endResetModel()

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

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "deadline":
                return deadline_text(row.get("deadline"))
            value = row.get(key)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and key == "policy_label":
            return row.get("policy_title")
        if role == Qt.ItemDataRole.ToolTipRole and key == "deadline":
            d = row.get("deadline")
            if d and d.get("problem"):
                return d["problem"]
            if d:
                return f"{d['label']}：{d['due']} 前完成"
            return None
        if key == "deadline" and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            d = row.get("deadline") or {}
            fg = role == Qt.ItemDataRole.ForegroundRole
            if d.get("overdue"):
                return QBrush(OVERDUE if fg else OVERDUE_BG)
            if d.get("warn"):
                return QBrush(WARN if fg else WARN_BG)
            return None
        if role == CASE_ID_ROLE:
            return row.get("id")
        if role == RECORD_ROLE:
            return row
        return None

    def case_id(self, row: int) -> Optional[int]:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of(self, case_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == case_id), -1)
