"""The conflict dialog: someone else saved the case while this user was editing it.

Shown (window-modal, without blocking) by the case window when a save is refused with
ConflictError. One row per field that differs: what it was when the user opened the case,
what the user typed and what the other person saved. Fields only one side changed are
merged as they are; a field both changed (红色) needs a choice — 采用我的 / 保留他人的 —
before 合并保存 is enabled. Nothing is saved until the user presses it; closing the dialog
keeps the typed text in the draft. The merge itself is service/case_merge.py.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..service.case_merge import compare, merge_update
from .messages import translate

COLLISION = QColor("#fde0e0")
COLUMNS = ["字段", "您打开时的内容", "您的填写", "他人保存的内容", "处理"]
CHOICES = [("请选择…", None), ("采用我的", "mine"), ("保留他人的", "theirs")]


def shown(value) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, list):
        return "、".join(map(str, value)) or "（空）"
    return str(value)


class ConflictDialog(QDialog):
    merge_requested = Signal(dict)  # {field: "mine" | "theirs"}
    discard_requested = Signal()

    def __init__(self, number: str, expected: int, actual: int, comparison: dict, parent=None):
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(f"案件 {number} 已被他人修改")
        self.resize(900, 420)
        self.choice_boxes: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setObjectName("hintLabel")
        buttons.addWidget(self.hint, 1)
        self.merge_button = QPushButton("合并保存", self)
        self.merge_button.setObjectName("mergeButton")
        self.discard_button = QPushButton("放弃我的修改", self)
        self.discard_button.setObjectName("discardButton")
        self.later_button = QPushButton("稍后处理（保留草稿）", self)
        self.later_button.setObjectName("laterButton")
        for b in (self.merge_button, self.discard_button, self.later_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(lambda: self.merge_requested.emit(self.choices()))
        self.discard_button.clicked.connect(self.discard_requested.emit)
        self.later_button.clicked.connect(self.reject)
        self.show_comparison(number, expected, actual, comparison)

    def show_comparison(self, number: str, expected: int, actual: int, comparison: dict) -> None:
        """Fill the table: collisions first, then the user's own changes, then the other person's."""
        self.summary.setText(
            f"您打开案件 {number} 之后，他人已保存了新的版本（您打开的是第 {expected} 版，现在是第 {actual} 版）。"
            "您的修改尚未保存，也没有丢失（已保留在草稿中）。请核对下列字段：红色为双方都修改过的字段，须选择采用哪一方；"
            "其余字段将分别保留各自的修改。")
        rows = [(c["field"], c["label"], c["base"], c["yours"], c["theirs"], None) for c in comparison["conflicts"]]
        rows += [(c["field"], c["label"], c["base"], c["yours"], c["theirs"], "采用您的修改")
                 for c in comparison["mine"]]
        mine_keys = {r[0] for r in rows}
        rows += [(t["field"], t["label"], t["base"], t["base"], t["theirs"], "保留他人的修改")
                 for t in comparison["theirs"] if t["field"] not in mine_keys]
        self.choice_boxes = {}
        self.table.setRowCount(len(rows))
        for r, (key, label, base, yours, theirs, action) in enumerate(rows):
            for col, text in enumerate((label, shown(base), shown(yours), shown(theirs))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setToolTip(text)
                if action is None:
                    item.setBackground(QBrush(COLLISION))
                self.table.setItem(r, col, item)
            if action is None:
                box = QComboBox(self.table)
                box.setObjectName(f"choice_{key}")
                for text, data in CHOICES:
                    box.addItem(text, data)
                box.currentIndexChanged.connect(self._update_buttons)
                self.table.setCellWidget(r, 4, box)
                self.choice_boxes[key] = box
            else:
                self.table.setItem(r, 4, QTableWidgetItem(action))
        self.table.resizeRowsToContents()
        self._update_buttons()

    def rows(self) -> list[dict]:
        """What the table shows (for tests and screen readers): one dict per row."""
        out = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c).text() if self.table.item(r, c) else "" for c in range(4)]
            box = self.table.cellWidget(r, 4)
            action = box.currentText() if box is not None else self.table.item(r, 4).text()
            out.append({"field": self.table.item(r, 0).data(Qt.ItemDataRole.UserRole), "label": cells[0],
                        "base": cells[1], "yours": cells[2], "theirs": cells[3], "collision": box is not None,
                        "action": action})
        return out

    def choices(self) -> dict:
        return {key: box.currentData() for key, box in self.choice_boxes.items() if box.currentData()}

    def _update_buttons(self) -> None:
        open_ = [k for k, box in self.choice_boxes.items() if not box.currentData()]
        self.merge_button.setEnabled(not open_)
        self.hint.setText(f"还有 {len(open_)} 个字段需要选择" if open_ else "")


def offer_merge(window, values: dict):
    """After a refused save in ``window`` (a CaseWindow): show the dialog; merge or discard on request."""
    from ..service.errors import ServiceError
    from ..store.errors import ConflictError

    base = window.record
    typed = {k: v for k, v in values.items() if v != (window._base_form or {}).get(k)}
    changes = {"form": typed}
    cases = window.service.cases

    def comparison():
        current = cases.get(window.case_id)
        return current, compare(window.pack, base, current, changes)

    current, result = comparison()
    dialog = ConflictDialog(base["number"], base["version"], current["version"], result, window)

    def merge(choices: dict) -> None:
        try:
            outcome = merge_update(cases, window.case_id, base, changes, choices)
        except ConflictError:
            outcome = {"merged": False}
        except ServiceError as exc:
            dialog.hint.setText("未保存：" + translate(str(exc)))
            return
        if not outcome["merged"]:  # saved again meanwhile, with new collisions: show them
            now, again = comparison()
            dialog.show_comparison(base["number"], base["version"], now["version"], again)
            dialog.hint.setText("刚才又有人保存了此案件，请重新核对")
            return
        window.drafts.delete(window.draft_key)
        window.load(window.case_id, keep_draft=False)
        window._say(f"已与他人的修改合并保存（第 {window.record['version']} 版）", "color: #2e7d32;")
        window.case_saved.emit(window.case_id)
        dialog.accept()

    def discard() -> None:
        window.drafts.delete(window.draft_key)
        window.load(window.case_id, keep_draft=False)
        window._say("已放弃您的修改，显示他人保存的版本", "color: #2e7d32;")
        dialog.accept()

    dialog.merge_requested.connect(merge)
    dialog.discard_requested.connect(discard)
    window._conflict_dialog = dialog
    dialog.open()
    return dialog
