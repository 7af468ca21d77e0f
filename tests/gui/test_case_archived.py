"""An archived case opens read-only; an administrator amends it with a reason that the history shows."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from tests.gui.conftest import OFFSCREEN_LIMITS, click, type_into

pytestmark = OFFSCREEN_LIMITS

REASON = "原件核对发现申请事项录入有误，据原件更正"


def _archived_case(main):
    svc = main.service
    svc.cases.load_samples()
    for row in svc.cases.list(limit=None):
        if row["status"] == svc.policies.get(row["policy"]).procedure.archive_stage:
            return row["id"]
    raise AssertionError("the sample cases hold no archived case")


def test_archived_case_is_read_only_until_an_administrator_amends_it(qtbot, main_window, monkeypatch):
    svc = main_window.service
    case_id = _archived_case(main_window)
    before = svc.cases.get(case_id)
    window = main_window.open_case(case_id)
    qtbot.waitExposed(window)
    ui = window.ui
    assert window.archived and "已归档" in ui.messageLabel.text() and "更正已归档案件" in ui.messageLabel.text()
    assert not ui.saveButton.isEnabled() and not ui.addAttachmentButton.isEnabled()
    assert not ui.addInvestigatorButton.isEnabled() and not ui.saveDecisionButton.isEnabled()
    assert ui.invNameEdit.isReadOnly() and ui.archiveNumberEdit.isReadOnly()
    matter = window.panel.widgets["matter"]
    assert matter.isReadOnly()
    assert window.amend_button.isVisible() and window.amend_button.isEnabled()  # single-user mode: administrator

    # a cancelled reason dialog changes nothing
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("", True)))
    click(qtbot, window.amend_button)
    assert not ui.saveButton.isEnabled() and matter.isReadOnly()

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: (REASON, True)))
    click(qtbot, window.amend_button)
    assert ui.saveButton.isEnabled() and not matter.isReadOnly() and REASON in ui.messageLabel.text()
    assert not ui.addAttachmentButton.isEnabled()  # only the application and the archive number are amended
    window.ui.tabWidget.setCurrentWidget(ui.applicationTab)
    type_into(qtbot, matter, "低保对象隐瞒收入致错保（更正）")
    click(qtbot, ui.saveButton)

    after = svc.cases.get(case_id)
    assert after["form"]["matter"] == "低保对象隐瞒收入致错保（更正）"
    assert after["status"] == before["status"] and after["version"] == before["version"] + 1
    entry = svc.cases.history(case_id, limit=None)[-1]
    assert entry["action"] == "amend_archived" and entry["after"]["reason"] == REASON
    assert not ui.saveButton.isEnabled() and matter.isReadOnly()  # locked again
    history = window.tabs[-1].model
    texts = [history.item(r, 3).text() for r in range(history.rowCount())]
    assert any(REASON in t and "申请事项" in t for t in texts), texts
    assert svc.cases.verify()["ok"]  # the amendment is in the audit chain like any change
