"""The case window shows a refused (stale) save as a conflict dialog: field, your value, the other value."""
from __future__ import annotations

from tests.gui.conftest import OFFSCREEN_LIMITS, click, main_window, start_app, type_into  # noqa: F401 (fixtures)

pytestmark = OFFSCREEN_LIMITS


def _case(svc):
    return svc.cases.create({"form": {"applicant": "冲突测试某某", "unit_position": "某镇民政办 科员",
                                      "matter": "原来的事项", "applied_on": "2026-03-02"}},
                            policy="weihai-2023")["id"]


def _stale_save(qtbot, main_window, typed: dict, theirs: dict):
    svc = main_window.service
    case_id = _case(svc)
    window = main_window.open_case(case_id)
    qtbot.waitExposed(window)
    for fid, text in typed.items():
        type_into(qtbot, window.panel.widgets[fid], text)
    record = svc.cases.get(case_id)  # another reviewer saves meanwhile
    svc.cases.update(case_id, {"form": theirs}, expected_version=record["version"])
    click(qtbot, window.ui.saveButton)
    dialog = window._conflict_dialog
    qtbot.waitUntil(dialog.isVisible)
    return svc, case_id, window, dialog


def test_conflict_dialog_lists_both_values_and_merges_by_choice(qtbot, main_window):
    svc, case_id, window, dialog = _stale_save(
        qtbot, main_window, {"matter": "我改的事项", "remarks": "我的备注"},
        {"matter": "他人改的事项", "party_org_opinion": "他人填写的意见"})
    assert "已被他人修改" in window.ui.messageLabel.text()
    assert svc.cases.get(case_id)["remarks"] == ""  # nothing saved yet
    rows = {r["field"]: r for r in dialog.rows()}
    assert rows["form.matter"] == {"field": "form.matter", "label": window.panel.label_of("matter"),
                                   "base": "原来的事项", "yours": "我改的事项", "theirs": "他人改的事项",
                                   "collision": True, "action": "请选择…"}
    assert not rows["form.remarks"]["collision"] and rows["form.remarks"]["yours"] == "我的备注"
    assert not rows["form.party_org_opinion"]["collision"]
    assert rows["form.party_org_opinion"]["theirs"] == "他人填写的意见"
    assert "第 1 版" in dialog.summary.text() and "第 2 版" in dialog.summary.text()
    assert not dialog.merge_button.isEnabled()  # the collision needs a choice first
    box = dialog.choice_boxes["form.matter"]
    box.setCurrentIndex(box.findData("mine"))
    assert dialog.merge_button.isEnabled()
    click(qtbot, dialog.merge_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    record = svc.cases.get(case_id)
    assert (record["matter"], record["remarks"], record["party_org_opinion"]) == ("我改的事项", "我的备注",
                                                                                  "他人填写的意见")
    assert window.record["version"] == record["version"] and window.panel.value("party_org_opinion") == "他人填写的意见"
    assert "合并保存" in window.ui.messageLabel.text()
    assert not (svc.data_dir / "drafts" / f"case-{case_id}.json").exists()


def test_keeping_theirs_and_discarding(qtbot, main_window):
    svc, case_id, window, dialog = _stale_save(qtbot, main_window, {"matter": "我改的事项"}, {"matter": "他人改的事项"})
    box = dialog.choice_boxes["form.matter"]
    box.setCurrentIndex(box.findData("theirs"))
    click(qtbot, dialog.merge_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert svc.cases.get(case_id)["matter"] == "他人改的事项"

    type_into(qtbot, window.panel.widgets["remarks"], "又一次修改")
    record = svc.cases.get(case_id)
    svc.cases.update(case_id, {"form": {"remarks": "他人的备注"}}, expected_version=record["version"])
    click(qtbot, window.ui.saveButton)
    second = window._conflict_dialog
    qtbot.waitUntil(second.isVisible)
    assert second is not dialog and [r["field"] for r in second.rows()] == ["form.remarks"]
    click(qtbot, second.discard_button)
    qtbot.waitUntil(lambda: not second.isVisible())
    assert svc.cases.get(case_id)["remarks"] == "他人的备注" and window.panel.value("remarks") == "他人的备注"


def test_closing_the_dialog_keeps_the_draft(qtbot, main_window):
    svc, case_id, window, dialog = _stale_save(qtbot, main_window, {"remarks": "先不处理"}, {"matter": "他人改的"})
    click(qtbot, dialog.later_button)
    assert not dialog.isVisible() and svc.cases.get(case_id)["remarks"] == ""
    assert "先不处理" in (svc.data_dir / "drafts" / f"case-{case_id}.json").read_text(encoding="utf-8")
