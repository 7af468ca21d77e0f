"""A 威海 case and a 濮阳 case from application to archive, driven through the GUI by clicks and keys.

Each step is checked against what the service stored (and the files it wrote).
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mianze_desktop.gui.case_model import OVERDUE
from tests.gui.conftest import OFFSCREEN_LIMITS, WAIT, activate, click, finish_first_run, type_into

pytestmark = OFFSCREEN_LIMITS

WEIHAI_FACTS = {"verified-per-rules": True, "applicant-concealed": True, "wrongly-granted": True,
                "political-discipline-breach": False, "eight-rules-or-serious-breach": False,
                "improper-gain": False, "other-not-tolerable": False}


def new_case_window(qtbot, main):
    before = set(map(id, main.case_windows.values()))
    activate(qtbot, main)
    qtbot.keyClick(main.ui.caseView, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(id(w) not in before for w in main.case_windows.values()), timeout=WAIT)
    window = next(w for w in main.case_windows.values() if id(w) not in before)
    qtbot.waitExposed(window, timeout=WAIT)
    return window


def fill(qtbot, window, values: dict):
    for fid, text in values.items():
        widget = window.panel.widgets[fid]
        if fid == "applied_on":
            widget.setFocus()
            widget.setDate(QDate.fromString(text, "yyyy-MM-dd"))  # the calendar popup's result
        elif hasattr(widget, "findData"):
            widget.setCurrentIndex(widget.findData(text))
        else:
            type_into(qtbot, widget, text)


def stage(qtbot, window, stage_id, date=None):
    if date:
        window.ui.stageDateEdit.setDate(QDate.fromString(date, "yyyy-MM-dd"))
    button = window.stage_buttons[stage_id]
    click(qtbot, button)
    assert window.record["status"] == stage_id, window.ui.messageLabel.text()


def add_investigator(qtbot, window, name, unit, position):
    ui = window.ui
    window.ui.tabWidget.setCurrentWidget(ui.investigationTab)
    type_into(qtbot, ui.invNameEdit, name)
    type_into(qtbot, ui.invUnitEdit, unit)
    type_into(qtbot, ui.invPositionEdit, position)
    if not ui.invNoConflictCheck.isChecked():
        click(qtbot, ui.invNoConflictCheck)
    click(qtbot, ui.addInvestigatorButton)


def print_to_pdf(qtbot, window, kind, target, monkeypatch):
    """Print menu → preview → 另存为 PDF (file dialog answered with ``target``)."""
    action = next(a for a in window.print_menu.actions() if a.objectName() == f"print_{kind}")
    window._last_preview = window._last_print_error = None
    action.trigger()
    qtbot.waitUntil(lambda: window._last_preview is not None or window._last_print_error is not None, timeout=30000)
    assert window._last_print_error is None, window.ui.messageLabel.text()
    preview = window._last_preview
    qtbot.waitExposed(preview, timeout=WAIT)
    assert preview.page_count() >= 1
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")))
    click(qtbot, preview.ui.saveButton)
    assert target.is_file()
    return preview


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@needs_poppler
def test_weihai_case_from_application_to_archive(qtbot, main_window, tmp_path, monkeypatch, qtmodeltester):
    main = main_window
    svc = main.service
    w = new_case_window(qtbot, main)
    assert w.ui.policyCombo.currentData() == "weihai-2023"
    fill(qtbot, w, {"applied_on": "2026-03-02", "accountability_body": "测试县民政局", "applicant": "王小明",
                    "party_org": "测试镇党委", "unit_position": "测试镇民政办 科员", "matter": "低保错保问题",
                    "facts_reasons": "低保对象之子在外地务工有稳定收入，申请时隐瞒未报，入户调查未能发现。"})
    assert svc.cases.count() == 0  # nothing is saved before 保存申请 …
    draft = svc.data_dir / "drafts" / f"{w.draft_key}.json"
    assert "隐瞒未报" in draft.read_text(encoding="utf-8")  # … but every keystroke is in the draft
    click(qtbot, w.ui.saveButton)
    case_id = w.case_id
    rec = svc.cases.get(case_id)
    assert rec["number"] == "威海-2026-0001" and rec["applicant"] == "王小明"
    assert rec["form"]["matter"] == "低保错保问题" and rec["applied_on"] == "2026-03-02"
    assert not draft.exists()
    qtbot.waitUntil(lambda: main.model.row_of(case_id) >= 0, timeout=WAIT)
    qtmodeltester.check(main.model)

    stage(qtbot, w, "accept", "2026-03-03")
    # evidence: copied into the data folder, SHA-256 shown
    evidence = tmp_path / "入户调查记录.txt"
    evidence.write_text("入户调查记录：2025年12月，未见异常。", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(evidence)], "")))
    w.ui.tabWidget.setCurrentWidget(w.ui.evidenceTab)
    click(qtbot, w.ui.addAttachmentButton)
    digest = hashlib.sha256(evidence.read_bytes()).hexdigest()
    att = svc.cases.get(case_id)["attachments"]
    assert [a["sha256"] for a in att] == [digest]
    assert w.tabs[0].model.item(0, 2).text() == digest
    assert svc.cases.attachment_path(att[0]["id"]).read_bytes() == evidence.read_bytes()
    qtmodeltester.check(w.tabs[0].model)
    # a wrong file added by mistake: open it to look, then remove it (the case keeps the audit trail)
    wrong = tmp_path / "无关文件.txt"
    wrong.write_text("与本案无关", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(wrong)], "")))
    click(qtbot, w.ui.addAttachmentButton)
    assert len(svc.cases.get(case_id)["attachments"]) == 2
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    w.ui.attachmentView.selectRow(1)
    click(qtbot, w.ui.openAttachmentButton)
    assert Path(opened[0]).read_text(encoding="utf-8") == "与本案无关"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    click(qtbot, w.ui.removeAttachmentButton)
    assert [a["sha256"] for a in svc.cases.get(case_id)["attachments"]] == [digest]
    assert w.tabs[0].model.rowCount() == 1

    # investigation: not possible before an investigator is recorded, and the window says why
    button = w.stage_buttons["investigate"]
    assert not button.isEnabled() and "调查人员" in button.toolTip()
    add_investigator(qtbot, w, "王小明", "测试县民政局", "科员")  # the applicant: must recuse
    assert "回避" in w.ui.messageLabel.text()
    assert svc.cases.get(case_id)["investigators"] == []
    add_investigator(qtbot, w, "李调查", "测试县民政局", "副局长")
    add_investigator(qtbot, w, "赵核实", "测试县纪委监委", "干部")
    assert [i["name"] for i in svc.cases.get(case_id)["investigators"]] == ["李调查", "赵核实"]
    qtmodeltester.check(w.tabs[1].inv_model)
    stage(qtbot, w, "investigate", "2026-03-05")
    type_into(qtbot, w.ui.stmtContentEdit, "本人按规定入户调查并公示，未发现其子收入。")
    click(qtbot, w.ui.addStatementButton)
    assert svc.cases.get(case_id)["statements"][0]["content"].startswith("本人按规定入户调查")
    # 请示上级 (an optional pause) and back: the buttons follow the pack's procedure
    stage(qtbot, w, "pause", "2026-03-06")
    assert list(w.stage_buttons) == ["investigate"]
    stage(qtbot, w, "investigate", "2026-03-09")
    assert svc.cases.get(case_id)["stage_dates"]["pause"] == "2026-03-06"

    # the checklist wizard opens from the case window (its own tests drive it); the answers it saves:
    w.ui.tabWidget.setCurrentWidget(w.ui.decisionTab)
    click(qtbot, w.ui.checklistButton)
    wizard = w.tabs[2].wizard
    qtbot.waitExposed(wizard, timeout=WAIT)
    wizard.close()
    rec = svc.cases.get(case_id)
    svc.cases.update(case_id, {"answers": WEIHAI_FACTS}, expected_version=rec["version"])
    w.reload()
    combo = w.ui.outcomeCombo
    assert [combo.itemData(i) for i in range(combo.count())] == ["exempt", "lighter", "reduced", "refused"]
    assert combo.currentData() == "exempt"
    basis = w.tabs[2].panel.value("basis")
    assert "威民发〔2023〕24号" in basis and "第三条第（十一）项" in basis  # prefilled from the engine
    dp = w.tabs[2].panel.widgets
    type_into(qtbot, dp["investigated_facts"], "经调查，申请对象隐瞒其子务工收入，经办人员已按规定履行调查核实程序。")
    type_into(qtbot, dp["conclusion"], "予以容错免责。")
    type_into(qtbot, dp["decision_number"], "测民容〔2026〕1号")
    click(qtbot, w.ui.saveDecisionButton)
    decision = svc.cases.get(case_id)["decision"]
    assert decision["outcome"] == "exempt" and decision["matched"] == ["applicable-11"]
    assert decision["decision_number"] == "测民容〔2026〕1号" and "第三条第（十一）项" in decision["basis"]
    stage(qtbot, w, "decide", "2026-03-10")
    assert svc.cases.get(case_id)["decided_on"] == "2026-03-10"

    pdf = tmp_path / "决定书.pdf"
    print_to_pdf(qtbot, w, "decision", pdf, monkeypatch)
    text = pdf_text(pdf)
    for expected in ("容错免责决定书", "王小明", "测民容〔2026〕1号", "第三条第（十一）项"):
        assert expected in text.replace(" ", ""), expected

    # notify the applicant and the party organisation, then archive
    w.ui.tabWidget.setCurrentWidget(w.ui.notifyTab)
    for recipient in ("王小明", "测试镇党委"):
        type_into(qtbot, w.ui.notRecipientEdit, recipient)
        click(qtbot, w.ui.addNotificationButton)
    kinds = sorted(n["recipient_kind"] for n in svc.cases.get(case_id)["notifications"])
    assert kinds == ["applicant", "unit"]
    qtmodeltester.check(w.tabs[3].model)
    qtmodeltester.check(w.tabs[1].stmt_model)
    stage(qtbot, w, "notify", "2026-03-12")
    assert not w.stage_buttons["archive"].isEnabled() and "归档号" in w.stage_buttons["archive"].toolTip()
    type_into(qtbot, w.ui.archiveNumberEdit, "DA-2026-001")
    click(qtbot, w.ui.saveArchiveButton)
    stage(qtbot, w, "archive", "2026-03-13")
    rec = svc.cases.get(case_id)
    assert rec["status"] == "archive" and rec["archive_number"] == "DA-2026-001" and rec["archived_on"] == "2026-03-13"
    assert w.stage_buttons == {} and "办结" in w.ui.stageHintLabel.text()
    # the audit history is visible in the window
    w.ui.tabWidget.setCurrentWidget(w.ui.historyTab)
    history = w.tabs[4].model
    actions = [history.item(r, 2).text() for r in range(history.rowCount())]
    assert actions[0] == "新建案件" and "办理环节：归档" in actions and "保存认定" in actions
    qtmodeltester.check(history)
    w.close()


@needs_poppler
def test_puyang_case_shows_its_14_working_day_deadline(qtbot, start_app, data_dir, tmp_path, monkeypatch):
    ctx = start_app(data_dir)
    main = finish_first_run(qtbot, ctx, policy="puyang-2024")
    svc = main.service
    w = new_case_window(qtbot, main)
    assert w.ui.policyCombo.currentData() == "puyang-2024"
    defaults = {f.id: f.default for f in svc.policies.get("puyang-2024").application_form if f.default}
    assert defaults and all(w.panel.value(k) == v for k, v in defaults.items())  # the pack's defaults shown
    fill(qtbot, w, {"applied_on": "2025-03-03", "applicant": "孙晓", "unit_position": "某乡社会救助站 工作人员",
                    "tier": "乡镇", "work_type": "低保", "accepting_body": "某县民政局", "matter": "低保金额登记错误",
                    "facts_reasons": "登记时把两户低保对象的保障金额填反，发现后一周内已补发和追回。"})
    click(qtbot, w.ui.saveButton)
    case_id = w.case_id
    assert svc.cases.get(case_id)["policy"] == "puyang-2024"
    stage(qtbot, w, "accept", "2025-03-04")
    due = svc.cases.deadline("2025-03-04", 14).isoformat()
    header = w.ui.deadlineLabel.text()
    assert f"出具调查结论：{due} 前" in header and "14个工作日" in header and "已逾期" in header
    # the list shows the same deadline, in red (it is long past)
    main.refresh()
    row = main.model.row_of(case_id)
    cell = main.model.index(row, 6)
    assert due in cell.data() and "逾期" in cell.data()
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    # the dashboard counts in the background and then shows the overdue case
    qtbot.waitUntil(lambda: (main.dashboard_stats or {}).get("overdue") == 1, timeout=20000)
    assert "已逾期：1 件" in main.ui.overdueLabel.text()

    # 濮阳 needs two investigators and the applicant's statement before 核实认定
    add_investigator(qtbot, w, "周一", "某县民政局", "科长")
    tip = w.stage_buttons["investigate"].toolTip()
    assert not w.stage_buttons["investigate"].isEnabled() and "至少 2 人" in tip and "申辩" in tip
    add_investigator(qtbot, w, "吴二", "县纪委监委派驻纪检组", "干部")
    type_into(qtbot, w.ui.stmtContentEdit, "系工作疏忽，发现后已主动报告并整改。")
    click(qtbot, w.ui.addStatementButton)
    stage(qtbot, w, "investigate", "2025-03-10")
    w.ui.tabWidget.setCurrentWidget(w.ui.decisionTab)
    combo = w.ui.outcomeCombo
    combo.setCurrentIndex(combo.findData("refused"))
    dp = w.tabs[2].panel.widgets
    type_into(qtbot, dp["investigated_facts"], "经核实，登记错误系工作疏忽。")
    type_into(qtbot, dp["basis"], "根据濮民〔2024〕16号之规定")
    type_into(qtbot, dp["conclusion"], "不予免责。")
    click(qtbot, w.ui.saveDecisionButton)
    assert svc.cases.get(case_id)["decision"]["outcome"] == "refused"
    stage(qtbot, w, "decide", "2025-03-14")
    rec = svc.cases.get(case_id)
    assert rec["deadlines"][0]["done_on"] == "2025-03-14" and rec["deadlines"][0]["overdue"] is False
    assert "已于 2025-03-14 完成" in w.ui.deadlineLabel.text()
    pdf = tmp_path / "认定报告.pdf"
    print_to_pdf(qtbot, w, "report", pdf, monkeypatch)
    assert "不予免责" in pdf_text(pdf).replace(" ", "")
    w.ui.tabWidget.setCurrentWidget(w.ui.notifyTab)
    assert w.ui.reportBox.isVisibleTo(w)
    click(qtbot, w.ui.addReportButton)
    stage(qtbot, w, "report", "2025-03-17")
    for recipient in ("孙晓", "某乡社会救助站 工作人员"):
        type_into(qtbot, w.ui.notRecipientEdit, recipient)
        click(qtbot, w.ui.addNotificationButton)
    stage(qtbot, w, "notify", "2025-03-18")
    type_into(qtbot, w.ui.archiveNumberEdit, "PY-2025-07")
    click(qtbot, w.ui.saveArchiveButton)
    stage(qtbot, w, "archive", "2025-03-20")
    assert svc.cases.get(case_id)["status"] == "archive"
    main.refresh()
    assert main.model.index(main.model.row_of(case_id), 6).data() == ""  # archived: no running deadline
    w.close()


def test_unsaved_decision_text_survives_other_changes(qtbot, main_window):
    svc = main_window.service
    created = svc.cases.create({"form": {"applicant": "冯草稿", "unit_position": "某镇民政办 科员",
                                         "accountability_body": "测试县民政局", "matter": "事项", "facts_reasons": "事实",
                                         "applied_on": "2026-03-02"}}, policy="weihai-2023")
    w = main_window.open_case(created["id"])
    qtbot.waitExposed(w, timeout=WAIT)
    w.ui.tabWidget.setCurrentWidget(w.ui.decisionTab)
    facts = w.tabs[2].panel.widgets["investigated_facts"]
    type_into(qtbot, facts, "调查中记下的长段事实，尚未保存。")
    add_investigator(qtbot, w, "褚调查", "测试县民政局", "科员")  # another change reloads the whole window
    assert svc.cases.get(created["id"])["investigators"][0]["name"] == "褚调查"
    assert w.tabs[2].panel.value("investigated_facts") == "调查中记下的长段事实，尚未保存。"
    w.close()
