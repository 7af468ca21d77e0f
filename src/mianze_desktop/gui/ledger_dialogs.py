"""Ledger (台账) export and import dialogs; the work runs off the UI thread with a progress bar."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QFileDialog

from .forms.ui_ledger_export import Ui_LedgerExportDialog
from .forms.ui_ledger_import import Ui_LedgerImportDialog
from .messages import translate
from .tasks import run_task

ERROR_STYLE = "color: #c62828;"


def _progress(bar):
    def update(done: int, total: int) -> None:
        bar.setMaximum(max(total, 1))
        bar.setValue(min(done, max(total, 1)))
    return update


class LedgerExportDialog(QDialog):
    finished_export = Signal(dict)

    def __init__(self, service, state=None, parent=None, filters: dict | None = None):
        super().__init__(parent)
        self.service = service
        self.ui = Ui_LedgerExportDialog()
        self.ui.setupUi(self)
        self.task = None
        self.result: dict | None = None
        filters = filters or {}
        ui = self.ui
        ui.yearSpin.setValue(int(filters.get("year") or dt.date.today().year))
        ui.byCombo.addItem("申请日期", "applied")
        ui.byCombo.addItem("认定日期", "decided")
        ui.policyCombo.addItem("全部", None)
        ui.outcomeCombo.addItem("全部", None)
        seen = set()
        for pack in service.policies.list():
            ui.policyCombo.addItem(pack.short_title or pack.title, pack.id)
            for o in pack.outcomes:
                if o.label not in seen:
                    seen.add(o.label)
                    ui.outcomeCombo.addItem(o.label, o.label)
        if filters.get("policy"):
            ui.policyCombo.setCurrentIndex(max(0, ui.policyCombo.findData(filters["policy"])))
        ui.fileEdit.setText(str(self.default_path(ui.yearSpin.value())))
        ui.yearSpin.valueChanged.connect(self._year_changed)
        ui.browseButton.clicked.connect(self._browse)
        ui.exportButton.clicked.connect(self.start_export)
        ui.openFileButton.clicked.connect(self.open_file)
        ui.openFileButton.setEnabled(False)
        ui.closeButton.clicked.connect(self.reject)

    @staticmethod
    def default_path(year: int) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / f"{year}年度容错纠错工作台账.xlsx"

    def _year_changed(self, year: int) -> None:
        current = Path(self.ui.fileEdit.text())
        if current.name.endswith("年度容错纠错工作台账.xlsx"):
            self.ui.fileEdit.setText(str(current.with_name(f"{year}年度容错纠错工作台账.xlsx")))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存台账", self.ui.fileEdit.text(), "Excel 工作簿 (*.xlsx)")
        if path:
            self.ui.fileEdit.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def options(self) -> dict:
        ui = self.ui
        try:
            unit_name = self.service.cases.get_setting("unit_name") or ""
        except Exception:
            unit_name = ""
        return {"year": ui.yearSpin.value(), "by": ui.byCombo.currentData(), "out_path": ui.fileEdit.text().strip(),
                "unit": ui.unitEdit.text().strip() or None, "policy": ui.policyCombo.currentData(),
                "outcome": ui.outcomeCombo.currentData(), "reporting_unit": unit_name}

    def start_export(self):
        opts = self.options()
        ui = self.ui
        ui.exportButton.setEnabled(False)
        ui.openFileButton.setEnabled(False)
        ui.progressBar.setMaximum(0)  # busy until the first progress report
        ui.messageLabel.setStyleSheet("")
        ui.messageLabel.setText("正在导出…")
        self.task = run_task(lambda progress: self.service.ledger.export(progress=progress, **opts),
                             self._done, self._failed, _progress(ui.progressBar))
        return self.task

    def _done(self, result: dict) -> None:
        self.result = result
        ui = self.ui
        ui.progressBar.setMaximum(1)
        ui.progressBar.setValue(1)
        ui.exportButton.setEnabled(True)
        ui.openFileButton.setEnabled(True)
        ui.messageLabel.setText(f"已导出 {result.get('cases', 0)} 件案件：{result.get('path')}")
        self.finished_export.emit(result)

    def _failed(self, exc, details) -> None:
        from ..service.errors import ServiceError

        ui = self.ui
        ui.progressBar.setMaximum(1)
        ui.progressBar.setValue(0)
        ui.exportButton.setEnabled(True)
        ui.messageLabel.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, ServiceError):
            ui.messageLabel.setText("导出失败：" + translate(str(exc)))
        else:
            from .crash import show_error

            ui.messageLabel.setText(f"导出失败（{type(exc).__name__}）")
            show_error(self, exc, details, title="导出失败")

    def open_file(self) -> bool:
        if not self.result:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result["path"])))


class LedgerImportDialog(QDialog):
    imported = Signal(dict)

    HEADERS = ["工作表", "行", "列", "问题"]

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.ui = Ui_LedgerImportDialog()
        self.ui.setupUi(self)
        self.task = None
        self.result: dict | None = None
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(self.HEADERS)
        self.ui.errorView.setModel(self.model)
        self.ui.browseButton.clicked.connect(self._browse)
        self.ui.reportButton.clicked.connect(self.save_report)
        self.ui.checkButton.clicked.connect(lambda: self.start(dry_run=True))
        self.ui.importButton.clicked.connect(lambda: self.start(dry_run=False))
        self.ui.closeButton.clicked.connect(self.reject)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择台账文件", "", "Excel 工作簿 (*.xlsx)")
        if path:
            self.ui.fileEdit.setText(path)

    def save_report(self):
        """Write the service's error report (a copy of the workbook with the bad cells marked)."""
        source = Path(self.ui.fileEdit.text().strip())
        suggested = str(source.with_name(f"{source.stem}-错误清单.xlsx"))
        target, _ = QFileDialog.getSaveFileName(self, "导出错误清单", suggested, "Excel 工作簿 (*.xlsx)")
        if target:
            return self.start(dry_run=True, error_report=target)
        return None

    def start(self, dry_run: bool, error_report: str | None = None):
        path = self.ui.fileEdit.text().strip()
        if not path:
            self.ui.summaryLabel.setText("请先选择台账文件。")
            return None
        skip = self.ui.skipInvalidCheck.isChecked()
        for b in (self.ui.checkButton, self.ui.importButton):
            b.setEnabled(False)
        self.ui.progressBar.setMaximum(0)
        self.ui.summaryLabel.setStyleSheet("")
        self.ui.summaryLabel.setText("正在检查…" if dry_run else "正在导入…")
        self.task = run_task(
            lambda progress: self.service.ledger.import_file(path, dry_run=dry_run, skip_invalid=skip,
                                                             progress=progress, error_report=error_report),
            self._done, self._failed, _progress(self.ui.progressBar))
        return self.task

    def _enable(self) -> None:
        for b in (self.ui.checkButton, self.ui.importButton):
            b.setEnabled(True)
        self.ui.progressBar.setMaximum(1)
        self.ui.progressBar.setValue(1)

    def _done(self, result: dict) -> None:
        self.result = result
        self._enable()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(self.HEADERS)
        for e in result.get("errors", []) + result.get("skipped_duplicates", []):
            row = [QStandardItem("" if e.get(k) is None else str(e.get(k))) for k in ("sheet", "row", "column", "reason")]
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        self.ui.errorView.resizeColumnsToContents()
        errors, dups = len(result.get("errors", [])), len(result.get("skipped_duplicates", []))
        if result.get("dry_run"):
            text = f"检查完成：可导入 {result.get('valid_rows', 0)} 行，错误 {errors} 处，重复 {dups} 行（未写入任何数据）。"
        elif result.get("refused"):
            text = f"未导入：发现 {errors} 处错误，数据库未作任何修改。请按下表修改台账后重新导入，或勾选“跳过有错误的行”。"
        else:
            text = f"已导入 {result.get('imported', 0)} 件；跳过重复 {dups} 行；错误 {errors} 处。"
        if result.get("error_report"):
            text += f"\n错误清单已保存：{result['error_report']}"
        self.ui.reportButton.setEnabled(bool(errors or dups))
        self.ui.summaryLabel.setStyleSheet(ERROR_STYLE if result.get("refused") else "")
        self.ui.summaryLabel.setText(text)
        if result.get("imported"):
            self.imported.emit(result)

    def _failed(self, exc, details) -> None:
        from ..service.errors import ServiceError

        self._enable()
        self.ui.summaryLabel.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, ServiceError):
            self.ui.summaryLabel.setText("无法导入：" + translate(str(exc)))
        else:
            from .crash import show_error

            self.ui.summaryLabel.setText(f"无法导入（{type(exc).__name__}）")
            show_error(self, exc, details, title="导入失败")
