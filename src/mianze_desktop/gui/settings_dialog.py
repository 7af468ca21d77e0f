"""Settings: unit name, default policy, case-number format, data location and database URL,
holiday overrides (saved at once), and the fonts documents print with."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QFileDialog

from .forms.ui_settings import Ui_SettingsDialog
from .messages import translate
from .state import user_settings

NUMBER_HELP = ("可用占位符：{region_short} 地区简称（如 濮阳）、{region} 地区、{year} 申请年度、{unit} 本单位、"
               "{policy} 政策编号、{seq:04d} 顺序号（必须包含）。例：{region_short}-{year}-{seq:04d}")
SOURCE_LABELS = {"windows": "Windows 系统字体", "fontconfig": "系统字体", "bundled": "程序自带字体", "override": "指定字体"}


class SettingsDialog(QDialog):
    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        cases = service.cases
        self.ui.unitNameEdit.setText(cases.get_setting("unit_name") or "")
        for pack in service.policies.list():
            self.ui.defaultPolicyCombo.addItem(f"{pack.short_title or pack.title}（{pack.doc_number}）", pack.id)
        self.ui.defaultPolicyCombo.setCurrentIndex(max(0, self.ui.defaultPolicyCombo.findData(
            cases.get_setting("default_policy"))))
        from ..service.cases import DEFAULT_NUMBER_FORMAT

        self.ui.numberFormatEdit.setText(cases.get_setting("case_number_format") or DEFAULT_NUMBER_FORMAT)
        self.ui.numberFormatHelp.setText(NUMBER_HELP)
        self.ui.dataDirEdit.setText(str(service.data_dir))
        self.ui.databaseUrlEdit.setText(cases.get_setting("database_url") or "")
        self.ui.browseDataDirButton.clicked.connect(self._browse)
        self.holiday_model = QStandardItemModel(self)
        self.ui.holidayView.setModel(self.holiday_model)
        self.ui.holidayKindCombo.addItem("休息日（放假）", False)
        self.ui.holidayKindCombo.addItem("工作日（调休上班）", True)
        self.ui.holidayDateEdit.setDate(QDate.currentDate())
        self.ui.addHolidayButton.clicked.connect(self.add_holiday)
        self.ui.removeHolidayButton.clicked.connect(self.remove_holiday)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.tabWidget.currentChanged.connect(self._tab_changed)
        self.fonts_loaded = False
        self.refresh_holidays()

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "选择数据位置", self.ui.dataDirEdit.text())
        if path:
            self.ui.dataDirEdit.setText(path)

    def _tab_changed(self, index: int) -> None:
        if self.ui.tabWidget.widget(index) is self.ui.fontsTab:
            self.load_fonts()

    def load_fonts(self) -> None:
        """The fonts for printing, as the documents module resolves them (loads ReportLab, so only on demand)."""
        if self.fonts_loaded:
            return
        self.fonts_loaded = True
        self.ui.fontList.clear()
        try:
            fonts = self.service.documents.fonts()
        except Exception as exc:  # no font at all is itself what this tab must show
            self.ui.fontList.addItem(f"未找到可用字体：{translate(str(exc))}")
            return
        for f in fonts:
            self.ui.fontList.addItem(f"{f['label']}：{f['name']}（{SOURCE_LABELS.get(f['source'], f['source'])}）"
                                     f"　{f['path']}")

    # -- holidays (saved at once) -----------------------------------------
    def refresh_holidays(self) -> None:
        m = self.holiday_model
        m.clear()
        m.setHorizontalHeaderLabels(["日期", "类别", "说明"])
        for h in self.service.cases.list_holidays():
            row = [QStandardItem(h["day"]), QStandardItem("工作日" if h["workday"] else "休息日"),
                   QStandardItem(h.get("note") or "")]
            for item in row:
                item.setEditable(False)
            m.appendRow(row)

    def add_holiday(self) -> bool:
        from ..service.errors import ServiceError

        try:
            self.service.cases.set_holiday(self.ui.holidayDateEdit.date().toString("yyyy-MM-dd"),
                                           bool(self.ui.holidayKindCombo.currentData()),
                                           self.ui.holidayNoteEdit.text().strip())
        except ServiceError as exc:
            self.ui.errorLabel.setText(translate(str(exc)))
            return False
        self.ui.holidayNoteEdit.clear()
        self.ui.errorLabel.setText("")
        self.refresh_holidays()
        return True

    def remove_holiday(self) -> bool:
        from ..service.errors import ServiceError

        index = self.ui.holidayView.currentIndex()
        if not index.isValid():
            return False
        day = self.holiday_model.item(index.row(), 0).text()
        try:
            self.service.cases.remove_holiday(day)
        except ServiceError as exc:
            self.ui.errorLabel.setText(translate(str(exc)))
            return False
        self.refresh_holidays()
        return True

    # -- save -------------------------------------------------------------
    def accept(self) -> None:
        from ..service.errors import ServiceError

        cases = self.service.cases
        values = {"unit_name": self.ui.unitNameEdit.text().strip(),
                  "default_policy": self.ui.defaultPolicyCombo.currentData(),
                  "case_number_format": self.ui.numberFormatEdit.text().strip(),
                  "database_url": self.ui.databaseUrlEdit.text().strip()}
        try:  # the settings most likely to be refused go first, so a refusal leaves the rest unchanged
            for key in ("database_url", "case_number_format", "default_policy", "unit_name"):
                value = values[key]
                if (cases.get_setting(key) or "") != (value or ""):
                    cases.set_setting(key, value or None)
        except ServiceError as exc:
            self.ui.errorLabel.setText(translate(str(exc)))
            return
        data_dir = self.ui.dataDirEdit.text().strip()
        if data_dir and data_dir != str(self.service.data_dir):
            settings = user_settings()
            settings.setValue("data_dir", data_dir)
            settings.sync()
        super().accept()
