"""Start-up, first-run setup, the case list (search, filters, lazy paging), drafts, single instance."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from mianze_desktop.gui.app import start
from mianze_desktop.gui.case_model import CASE_ID_ROLE, CaseListModel
from tests.gui.conftest import OFFSCREEN_LIMITS, WAIT, activate, click, finish_first_run, ime_type, type_into

pytestmark = OFFSCREEN_LIMITS
REPO = Path(__file__).resolve().parents[2]


def make_cases(svc, n, policy="weihai-2023", day="2026-03-02", **extra):
    ids = []
    for i in range(n):
        form = {"applicant": f"测试人{i:03d}", "unit_position": f"第{i % 7}镇民政办 科员", "matter": f"事项{i}",
                "facts_reasons": "入户调查未发现收入变化" if i % 2 else "申请人隐瞒子女务工收入", "applied_on": day}
        form.update(extra)
        ids.append(svc.cases.create({"form": form}, policy=policy)["id"])
    return ids


def test_empty_data_dir_shows_first_run_setup_in_a_real_process(tmp_path):
    empty = tmp_path / "empty"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    exe = Path(sys.executable).with_name("mianze-desktop")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "mianze_desktop.gui.app"]
    out = subprocess.run(cmd + ["--data-dir", str(empty), "--exit-when-shown"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown["shown"] == "FirstRunDialog"


def test_first_run_saves_settings_and_loads_samples(qtbot, start_app, data_dir):
    ctx = start_app(data_dir)
    main = finish_first_run(qtbot, ctx, unit="样例县民政局", policy="puyang-2024", samples=True)
    svc = main.service
    assert svc.cases.get_setting("unit_name") == "样例县民政局"
    assert svc.cases.get_setting("default_policy") == "puyang-2024"
    total = svc.cases.count()
    assert total >= 20 and main.model.rowCount() == min(total, main.model.PAGE)
    qtbot.waitUntil(lambda: main.dashboard_stats is not None, timeout=WAIT)
    assert main.dashboard_stats["open"] == total - svc.cases.count(status="archive")
    main.close()
    ctx.close()
    # a second start on the same folder goes straight to the main window
    ctx2 = start_app(data_dir)
    assert ctx2.first_run_dialog is None and ctx2.window.isVisible()


def test_search_filters_and_their_memory(qtbot, start_app, data_dir, qtmodeltester):
    first = start_app(data_dir)
    main = finish_first_run(qtbot, first)
    svc = main.service
    make_cases(svc, 5)
    make_cases(svc, 3, policy="puyang-2024", day="2025-04-01")
    main.refresh()
    assert main.model.rowCount() == 8
    qtmodeltester.check(main.model)
    activate(qtbot, main)
    qtbot.keyClick(main.ui.caseView, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main.ui.searchEdit.hasFocus()
    with qtbot.waitSignal(main.list_updated, timeout=WAIT):
        ime_type(qtbot, main.ui.searchEdit, "测试人003")
    qtbot.waitUntil(lambda: main.model.rowCount() == 1, timeout=WAIT)
    assert main.model.index(0, 1).data() == "测试人003"
    type_into(qtbot, main.ui.searchEdit, "隐瞒")  # searches the facts text too
    qtbot.waitUntil(lambda: main.model.rowCount() == 5, timeout=WAIT)
    main.ui.searchEdit.clear()
    combo = main.ui.policyCombo
    combo.setCurrentIndex(combo.findData("puyang-2024"))
    qtbot.waitUntil(lambda: main.model.rowCount() == 3, timeout=WAIT)
    year = main.ui.yearCombo
    year.setCurrentIndex(year.findData(2026))
    assert main.model.rowCount() == 0
    year.setCurrentIndex(year.findData(2025))
    assert main.model.rowCount() == 3
    main.close()
    first.close()
    ctx = start_app(data_dir)  # filters and geometry come back
    again = ctx.window
    assert again.model.rowCount() == 3  # the list opens with the remembered filters at once
    qtbot.waitUntil(lambda: again._combos_filled)  # the filter choices follow right after
    assert again.ui.policyCombo.currentData() == "puyang-2024" and again.ui.yearCombo.currentData() == 2025
    assert again.model.rowCount() == 3
    click(qtbot, again.ui.clearFiltersButton)
    assert again.model.rowCount() == 8
    # double-click a row: its case opens
    view = again.ui.caseView
    rect = view.visualRect(again.model.index(2, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    case_id = again.model.case_id(2)
    qtbot.waitUntil(lambda: case_id in again.case_windows, timeout=WAIT)
    assert again.case_windows[case_id].record["id"] == case_id


def test_list_fetches_lazily_page_by_page(qtbot, main_window, qtmodeltester):
    svc = main_window.service
    make_cases(svc, 25)
    model = CaseListModel(main_window._fetch, page=10)
    model.set_filters({})
    assert model.rowCount() == 10 and model.canFetchMore()
    qtmodeltester.check(model)
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25 and not model.canFetchMore()
    ids = [model.index(r, 0).data(CASE_ID_ROLE) for r in range(25)]
    assert len(set(ids)) == 25 and sorted(ids) == sorted(s["id"] for s in svc.cases.list(limit=None))
    qtmodeltester.check(model)
    # the view asks for more pages as the user scrolls
    main_window.model.page = 10
    main_window.refresh()
    view = main_window.ui.caseView
    assert main_window.model.rowCount() in (10, 20, 25)
    for _ in range(5):
        view.scrollToBottom()
        qtbot.wait(10)
    assert main_window.model.rowCount() == 25


def test_unsaved_application_survives_a_crash(qtbot, start_app, data_dir):
    ctx = start_app(data_dir)
    main = finish_first_run(qtbot, ctx)
    window = main.new_case()
    qtbot.waitExposed(window, timeout=WAIT)
    type_into(qtbot, window.panel.widgets["applicant"], "钱未存")
    type_into(qtbot, window.panel.widgets["facts_reasons"], "打了很长的一段事实和理由，尚未保存。")
    drafts = list((data_dir / "drafts").glob("new-*.json"))
    assert len(drafts) == 1
    # "crash": the process ends without closing or saving anything
    ctx.window = None
    ctx.close()
    window.deleteLater()
    main.deleteLater()
    ctx2 = start_app(data_dir)
    qtbot.waitUntil(lambda: len(ctx2.window.case_windows) == 1, timeout=WAIT)
    restored = next(iter(ctx2.window.case_windows.values()))
    assert restored.panel.value("applicant") == "钱未存"
    assert restored.panel.value("facts_reasons") == "打了很长的一段事实和理由，尚未保存。"
    click(qtbot, restored.ui.saveButton)
    assert ctx2.service.cases.get(restored.case_id)["facts_reasons"] == "打了很长的一段事实和理由，尚未保存。"
    assert not list((data_dir / "drafts").glob("new-*.json"))


def test_edits_of_a_saved_case_are_kept_as_draft_and_conflicts_lose_nothing(qtbot, main_window):
    svc = main_window.service
    [case_id] = make_cases(svc, 1)
    window = main_window.open_case(case_id)
    qtbot.waitExposed(window, timeout=WAIT)
    type_into(qtbot, window.panel.widgets["remarks"], "新的备注")
    # someone else saves the case meanwhile
    rec = svc.cases.get(case_id)
    svc.cases.update(case_id, {"form": {"matter": "他人修改"}}, expected_version=rec["version"])
    click(qtbot, window.ui.saveButton)
    assert "已被他人修改" in window.ui.messageLabel.text()
    assert svc.cases.get(case_id)["remarks"] == ""  # nothing overwritten …
    draft = json.loads((svc.data_dir / "drafts" / f"case-{case_id}.json").read_text(encoding="utf-8"))
    assert draft["form"]["remarks"] == "新的备注"  # … and nothing typed lost
    window.close()
    reopened = main_window.open_case(case_id)
    assert reopened.panel.value("remarks") == "新的备注" and reopened.panel.value("matter") == "他人修改"
    click(qtbot, reopened.ui.saveButton)
    assert svc.cases.get(case_id)["remarks"] == "新的备注"


def test_second_start_on_the_same_folder_activates_the_first(qtbot, main_window, data_dir):
    ctx = start(["--data-dir", str(data_dir)])
    assert ctx.exit_code == 0 and ctx.window is None  # the running instance was asked to come forward
    ctx.close()


def test_print_shortcut_asks_which_document(qtbot, main_window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    svc = main_window.service
    [case_id] = make_cases(svc, 1, accountability_body="测试县民政局")
    main_window.refresh()
    main_window.select_case(case_id)
    asked = {}

    def get_item(parent, title, label, items, current, editable):
        asked["items"] = items
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    activate(qtbot, main_window)
    qtbot.keyClick(main_window.ui.caseView, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked["items"] == [d["title"] for d in svc.documents.list_docs("weihai-2023")]
    qtbot.waitUntil(lambda: getattr(main_window, "_last_preview", None) is not None
                    or getattr(main_window, "_last_print_error", None) is not None, timeout=30000)
    assert getattr(main_window, "_last_print_error", None) is None, str(main_window._last_print_error)
    preview = main_window._last_preview
    assert preview.page_count() >= 1 and preview.pdf_path.is_file()
    preview.close()


def test_a_new_window_left_untouched_leaves_no_draft(qtbot, main_window, data_dir):
    window = main_window.new_case(policy="puyang-2024")
    qtbot.waitExposed(window, timeout=WAIT)
    type_into(qtbot, window.panel.widgets["matter"], "写了又删")
    assert list((data_dir / "drafts").glob("new-*.json"))
    type_into(qtbot, window.panel.widgets["matter"], "")  # the user deletes what they typed
    from mianze_desktop.gui.drafts import DraftStore

    assert DraftStore(data_dir).new_drafts() == []  # only the pack's defaults: nothing to offer back
    window.close()
    assert not list((data_dir / "drafts").glob("new-*.json"))


def test_load_samples_from_the_menu_runs_in_the_background(qtbot, main_window):
    svc = main_window.service
    assert svc.cases.count() == 0
    with qtbot.waitSignal(main_window.samples_loaded, timeout=60000):
        main_window.ui.actionLoadSamples.trigger()
        assert not main_window.ui.actionLoadSamples.isEnabled()  # no second load while the first runs
    total = svc.cases.count()
    assert total >= 20 and main_window.model.rowCount() == min(total, main_window.model.PAGE)
    assert main_window.ui.actionLoadSamples.isEnabled() and "示例案件" in main_window.ui.statusbar.currentMessage()
