"""The recovery dialog: the case database cannot be opened because its file is damaged.

Shown by app.py instead of the main window. It lists the backups in the data folder
(newest first, each checked completely) with the newest good one selected, and restores
the chosen one through store/recovery.py: the damaged file is moved into damaged/ (kept,
never deleted) and the backup takes its place; then the app opens as usual. Work typed
after the backup was made is not in it — the dialog says so before restoring.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

ERROR_STYLE = "color: #c62828;"
COLUMNS = ["备份时间", "类型", "案件数", "状态"]


class RecoveryDialog(QDialog):
    restored = Signal(dict)

    def __init__(self, data_dir: Path, problem: str, parent=None):
        super().__init__(parent)
        from ..store.recovery import list_backups

        self.data_dir = Path(data_dir)
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle("案件数据库已损坏")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("案件数据库文件已损坏，无法打开（可能因断电、磁盘故障或同步软件造成）。"
                       "可以用最近一份完好的备份恢复：损坏的文件不会删除，将移入数据文件夹中的 damaged 文件夹保存；"
                       "备份之后录入的内容不在备份中，恢复后请核对补录。", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        detail = QLabel(problem, self)
        detail.setObjectName("problemLabel")
        detail.setWordWrap(True)
        detail.setStyleSheet("color: #666;")
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(detail)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.browse_button = QPushButton("选择其他备份文件…", self)
        self.browse_button.setObjectName("browseButton")
        self.restore_button = QPushButton("用所选备份恢复", self)
        self.restore_button.setObjectName("restoreButton")
        self.quit_button = QPushButton("退出", self)
        self.quit_button.setObjectName("quitButton")
        row.addWidget(self.browse_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(self.quit_button)
        layout.addLayout(row)
        self.browse_button.clicked.connect(self.browse)
        self.restore_button.clicked.connect(self.restore_selected)
        self.quit_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.backups = list_backups(self.data_dir)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.backups))
        first_good = None
        for r, b in enumerate(self.backups):
            state = "完好" if b["ok"] else "不可用：" + (b["problem"] or "")
            cells = [b["created_at"][:19].replace("T", " "), b["kind"], "" if b["cases"] is None else str(b["cases"]),
                     state]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(b["path"] if b["ok"] else state)
                if not b["ok"]:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
            if b["ok"] and first_good is None:
                first_good = r
        if first_good is not None:
            self.table.selectRow(first_good)
            self.message.setText("已选中最近一份完好的备份。")
        else:
            self.message.setText("数据文件夹中没有可用的备份。可以选择保存在其他位置（如U盘）的备份文件。")
            self.message.setStyleSheet(ERROR_STYLE)
        self._selection_changed()

    def selected_backup(self):
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择备份文件", str(self.data_dir), "备份 (*.zip *.db);;所有文件 (*)")
        if path:
            self.restore(Path(path))

    def restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.restore(Path(chosen["path"]))

    def restore(self, path: Path) -> bool:
        from ..service.errors import ServiceError
        from ..store.recovery import recover

        try:
            info = recover(self.data_dir, path)
        except ServiceError as exc:
            self.message.setText(f"未能恢复：{exc}")
            self.message.setStyleSheet(ERROR_STYLE)
            return False
        self.result_info = info
        self.restored.emit(info)
        self.accept()
        return True


def offer_recovery(ctx, exc, opened) -> bool:
    """When opening failed because the database file is damaged: show the dialog and return True;
    after a restore the service is opened again and ``opened()`` continues the start-up."""
    from ..store.errors import DamagedStoreError

    if not isinstance(exc, DamagedStoreError):
        return False
    dialog = RecoveryDialog(ctx.data_dir, str(exc))
    ctx.recovery_dialog = dialog

    def restored(_info) -> None:
        from ..service.errors import ServiceError
        from .app import _fatal

        try:
            ctx.open_service()
        except ServiceError as again:
            _fatal(f"无法打开数据库：{again}")
            ctx.app.quit()
            return
        opened()

    dialog.restored.connect(restored)
    dialog.rejected.connect(ctx.app.quit)
    dialog.show()
    ctx._report_when_shown(dialog)
    return True
