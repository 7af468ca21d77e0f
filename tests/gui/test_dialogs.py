"""Ledger export/import dialogs, settings, policy browser, print preview, crash handling, forms."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mianze_desktop.gui.crash import install_excepthook, redact, setup_logging
from tests.gui.conftest import OFFSCREEN_LIMITS, WAIT, activate, click, type_into
from tests.gui.test_main_window import make_cases

pytestmark = OFFSCREEN_LIMITS
REPO = Path(__file__).resolve().parents[2]


def test_ledger_export_dialog_writes_the_year_off_the_ui_thread(qtbot, main_window, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    svc = main_window.service
    make_cases(svc, 3, accountability_body="测试县民政局")
    make_cases(svc, 2, day="2025-05-06", accountability_body="测试县民政局")
    activate(qtbot, main_window)
    qtbot.keyClick(main_window.ui.caseView, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    from mianze_desktop.gui.ledger_dialogs import LedgerExportDialog

    qtbot.waitUntil(lambda: main_window.findChild(LedgerExportDialog) is not None, timeout=WAIT)
    dialog = main_window.findChild(LedgerExportDialog)
    dialog.ui.yearSpin.setValue(2026)
    target = tmp_path / "台账2026.xlsx"
    type_into(qtbot, dialog.ui.fileEdit, str(target))
    click(qtbot, dialog.ui.exportButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert dialog.result["cases"] == 3 and target.is_file()
    assert "已导出 3 件" in dialog.ui.messageLabel.text() and dialog.ui.openFileButton.isEnabled()
    wb = openpyxl.load_workbook(target)
    text = "\n".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None)
    numbers = [s["number"] for s in svc.cases.list(year=2026, limit=None)]
    assert all(n in text for n in numbers) and "测试县民政局" in text  # 填报单位 from the settings
    assert not any(s["number"] in text for s in svc.cases.list(year=2025, limit=None))
    # a bad file name is refused with the service's message, nothing written
    type_into(qtbot, dialog.ui.fileEdit, str(tmp_path / "台账.txt"))
    click(qtbot, dialog.ui.exportButton)
    qtbot.waitUntil(lambda: "导出失败" in dialog.ui.messageLabel.text(), timeout=30000)
    assert not (tmp_path / "台账.txt").exists()


def test_ledger_import_dialog_lists_every_bad_row(qtbot, main_window, tmp_path, qtmodeltester, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    openpyxl = pytest.importorskip("openpyxl")
    from mianze_desktop.gui.ledger_dialogs import LedgerImportDialog

    svc = main_window.service
    make_cases(svc, 4, accountability_body="测试县民政局")
    good = tmp_path / "good.xlsx"
    svc.ledger.export(2026, out_path=good)
    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.load_workbook(good)
    ws = wb.worksheets[0]
    header_row = next(r for r in range(1, 10) if any(str(c.value or "") == "申请日期" for c in ws[r]))
    col = next(c.column for c in ws[header_row] if str(c.value or "") == "申请日期")
    ws.cell(header_row + 2, col).value = "2026年13月45日"
    wb.save(bad)
    other = tmp_path / "other"
    other.mkdir()
    from mianze_desktop.service import Service

    target = Service(other)
    try:
        dialog = LedgerImportDialog(target)
        qtbot.addWidget(dialog)
        dialog.show()
        type_into(qtbot, dialog.ui.fileEdit, str(bad))
        click(qtbot, dialog.ui.importButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
        assert dialog.result["refused"] and target.cases.count() == 0
        assert dialog.model.rowCount() >= 1
        qtmodeltester.check(dialog.model)
        rows = [[dialog.model.item(r, c).text() for c in range(4)] for r in range(dialog.model.rowCount())]
        assert any(r[1] == str(header_row + 2) for r in rows), rows  # the bad row is named
        assert "未导入" in dialog.ui.summaryLabel.text()
        report = tmp_path / "bad-错误清单.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(report), "")))
        dialog.result = None
        click(qtbot, dialog.ui.reportButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
        assert report.is_file() and "错误清单已保存" in dialog.ui.summaryLabel.text()
        assert target.cases.count() == 0
        dialog.result = None
        type_into(qtbot, dialog.ui.fileEdit, str(good))
        click(qtbot, dialog.ui.importButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
        assert dialog.result["imported"] == 4 and target.cases.count() == 4
        assert sorted(s["number"] for s in target.cases.list(limit=None)) == sorted(
            s["number"] for s in svc.cases.list(limit=None))
        dialog.close()
    finally:
        target.close()


def test_settings_dialog_saves_settings_and_holiday_overrides(qtbot, main_window, qtmodeltester):
    from mianze_desktop.gui.settings_dialog import SettingsDialog

    svc = main_window.service
    dialog = SettingsDialog(svc, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.ui.unitNameEdit, "新名称民政局")
    type_into(qtbot, dialog.ui.numberFormatEdit, "{region_short}{year}第{seq:03d}号")
    dialog.ui.tabWidget.setCurrentWidget(dialog.ui.holidayTab)
    dialog.ui.holidayDateEdit.setDate(dialog.ui.holidayDateEdit.date().fromString("2027-01-04", "yyyy-MM-dd"))
    dialog.ui.holidayKindCombo.setCurrentIndex(dialog.ui.holidayKindCombo.findData(False))
    type_into(qtbot, dialog.ui.holidayNoteEdit, "本地调休")
    click(qtbot, dialog.ui.addHolidayButton)
    assert svc.cases.list_holidays(2027) == [{"day": "2027-01-04", "workday": False, "note": "本地调休"}]
    assert dialog.holiday_model.rowCount() == 1
    qtmodeltester.check(dialog.holiday_model)
    dialog.ui.tabWidget.setCurrentWidget(dialog.ui.fontsTab)
    assert dialog.ui.fontList.count() >= 1 and "：" in dialog.ui.fontList.item(0).text()
    click(qtbot, dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok))
    assert svc.cases.get_setting("unit_name") == "新名称民政局"
    [case_id] = make_cases(svc, 1)
    assert svc.cases.get(case_id)["number"] == "威海2026第001号"
    # a bad number format is refused and nothing changes
    dialog2 = SettingsDialog(svc, main_window)
    qtbot.addWidget(dialog2)
    dialog2.show()
    type_into(qtbot, dialog2.ui.numberFormatEdit, "{year}")
    type_into(qtbot, dialog2.ui.unitNameEdit, "不应保存")
    click(qtbot, dialog2.ui.buttonBox.button(dialog2.ui.buttonBox.StandardButton.Ok))
    assert "案件编号格式必须包含 {seq}" in dialog2.ui.errorLabel.text() and dialog2.isVisible()
    assert svc.cases.get_setting("unit_name") == "新名称民政局"


def test_policy_browser_shows_items_and_refuses_a_bad_pack(qtbot, main_window, tmp_path, qtmodeltester):
    browser = main_window.show_policies()
    qtbot.addWidget(browser)
    ids = [browser.pack_model.item(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(browser.pack_model.rowCount())]
    assert {"weihai-2023", "puyang-2024"} <= set(ids)
    browser.ui.packList.setCurrentIndex(browser.pack_model.index(ids.index("puyang-2024"), 0))
    pack = main_window.service.policies.get("puyang-2024")
    kinds = [browser.item_model.item(r).text() for r in range(browser.item_model.rowCount())]
    assert len(kinds) == 3 and kinds[0].endswith(f"（{len(pack.items_of('applicable'))}项）")
    excl = browser.item_model.item(2)
    browser.ui.itemTree.setCurrentIndex(excl.child(0).index())
    assert pack.items_of("exclusion")[0].text in browser.ui.itemText.toPlainText()
    assert browser.deadline_model.item(0, 3).text() == "14个工作日"
    for model in (browser.pack_model, browser.item_model, browser.stage_model, browser.deadline_model):
        qtmodeltester.check(model)
    bad = tmp_path / "bad.yaml"
    text = (REPO / "resources" / "policies" / "weihai-2023.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("id: weihai-2023", "id: weihai-copy").replace("    role: refused", "    role: nonsense"),
                   encoding="utf-8")
    assert not browser.import_file(str(bad))
    errors = browser.ui.errorText.toPlainText()
    line = next(i for i, t in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "role: nonsense" in t)
    assert "政策包未导入" in errors and f"{bad}:{line}:" in errors
    assert "weihai-copy" not in main_window.service.policies.registry.ids()
    good = tmp_path / "good.yaml"
    good.write_text(text.replace("id: weihai-2023", "id: weihai-copy"), encoding="utf-8")
    assert browser.import_file(str(good)) and "已导入" in browser.ui.errorText.toPlainText()
    assert "weihai-copy" in main_window.service.policies.registry.ids()


def test_print_preview_prints_every_page(qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from reportlab.pdfgen import canvas

    from mianze_desktop.gui.print_preview import PrintPreview

    src = tmp_path / "doc.pdf"
    c = canvas.Canvas(str(src))
    for n in range(3):
        c.drawString(100, 700, f"page {n + 1}")
        c.showPage()
    c.save()
    preview = PrintPreview(src, "测试")
    qtbot.addWidget(preview)
    preview.show()
    assert preview.page_count() == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_to(printer)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Pages:           3" in info
    saved = preview.save_to(str(tmp_path / "copy.pdf"))
    assert Path(saved).read_bytes() == src.read_bytes()
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    click(qtbot, preview.ui.openExternalButton)  # 用系统程序打开
    assert opened == [str(src)]


def test_crash_goes_to_a_dialog_and_a_log_without_personal_data(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    path = setup_logging(data_dir)
    old = sys.excepthook
    try:
        hook = install_excepthook()
        try:
            raise ValueError("申请人张三 身份证 370123199001011234 电话 13800138000")
        except ValueError:
            hook(*sys.exc_info())
    finally:
        sys.excepthook = old
        for h in list(logging.getLogger("mianze_desktop").handlers):
            if getattr(h, "_mianze_gui", False):
                logging.getLogger("mianze_desktop").removeHandler(h)
                h.close()
    logged = path.read_text(encoding="utf-8")
    assert "ValueError" in logged and "test_dialogs.py" in logged
    for secret in ("张三", "370123199001011234", "13800138000"):
        assert secret not in logged
    assert shown and "ValueError" in shown[0]
    assert redact("王五 at a@b.cn 1234567") == "<…> at <email> <number>"


def test_compiled_forms_match_the_ui_files():
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "compile_ui.py"), "--check"], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_print_button_goes_through_the_print_dialog(qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog
    from reportlab.pdfgen import canvas

    from mianze_desktop.gui.print_preview import PrintPreview

    src = tmp_path / "doc.pdf"
    c = canvas.Canvas(str(src))
    for n in range(2):
        c.drawString(100, 700, f"page {n + 1}")
        c.showPage()
    c.save()
    out = tmp_path / "via-dialog.pdf"

    def accept_to_file(dialog):  # the user picks a printer (here: a PDF file) and presses 打印
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept_to_file)
    preview = PrintPreview(src, "测试")
    qtbot.addWidget(preview)
    preview.show()
    click(qtbot, preview.ui.printButton)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Pages:           2" in info and "已送打印" in preview.ui.pageLabel.text()


def test_settings_remember_another_data_folder_for_the_next_start(qtbot, main_window, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from mianze_desktop.gui.settings_dialog import SettingsDialog
    from mianze_desktop.gui.state import saved_data_dir

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    other = tmp_path / "county-share"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(other))
    dialog = SettingsDialog(main_window.service, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.tabWidget.setCurrentWidget(dialog.ui.dataTab)
    click(qtbot, dialog.ui.browseDataDirButton)
    assert dialog.ui.dataDirEdit.text() == str(other)
    click(qtbot, dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok))
    assert saved_data_dir() == str(other)
    assert (tmp_path / "config" / "mianze" / "mianze_desktop.ini").is_file()
    from mianze_desktop.gui.state import user_settings

    user_settings().remove("data_dir")  # leave no choice behind for later tests


def test_service_messages_are_shown_in_chinese_and_unknown_ones_unchanged():
    from mianze_desktop.gui.messages import translate

    msg = ("case 濮阳-2026-0001 cannot enter decide（出具书面认定报告）: at least 2 investigator(s) are needed, "
           "1 recorded; no decision is recorded; decision field basis（认定依据）is empty")
    assert translate(msg) == "不能进入「出具书面认定报告」：调查人员至少 2 人，现有 1 人；尚未保存认定结论；认定「认定依据」未填写"
    assert translate("payload.date: 2025-01-01 is before the case's current stage date (2025-03-04)") == \
        "办理日期 2025-01-01 早于本案当前阶段的日期 2025-03-04，请改正办理日期"
    assert translate("something entirely new") == "something entirely new"
