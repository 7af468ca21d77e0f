"""The main window: dashboard strip, filters with instant search, the lazily fetched case list."""
from __future__ import annotations

import time
from typing import Optional

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QMainWindow, QMessageBox

from .case_model import CASE_ID_ROLE, CaseListModel
from .forms.ui_main_window import Ui_MainWindow

SEARCH_DEBOUNCE_MS = 120
FILTER_KEYS = ("status", "year", "policy", "outcome")


class MainWindow(QMainWindow):
    list_updated = Signal()  # after every reload of the case list (tests and benchmarks wait on it)
    first_painted = Signal()  # the case list is on screen; deferred start-up work follows
    dashboard_updated = Signal()  # the dashboard strip shows fresh counts
    samples_loaded = Signal()  # 载入示例案件 finished (or failed, with its error dialog)

    def __init__(self, service, state, parent=None):
        super().__init__(parent)
        self.service = service
        self.state = state
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.case_windows: dict = {}
        self.dashboard_stats: Optional[dict] = None  # filled just after the window shows
        self._dashboard_task = None
        self._dashboard_again = False
        self._last_search = 0.0
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.model = CaseListModel(self._fetch, self)
        view = self.ui.caseView
        view.setModel(self.model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((140, 80, 230, 140, 120, 100, 270, 90)):
            view.setColumnWidth(col, width)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.doubleClicked.connect(lambda index: self.open_case(self.model.case_id(index.row())))
        self._connect_actions()
        self.state.restore_geometry(self, "main")
        # The list opens at once with the remembered filters; the filter choices need every installed
        # policy pack parsed, which is done right after the window is on screen.
        self.model.set_filters({k: v for k, v in self.state.filters.items() if v not in (None, "")})
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.setText(self.model.filters.get("text") or "")
        self.ui.searchEdit.blockSignals(False)
        self._update_status()
        self._combos_filled = False
        self.ui.caseView.first_paint.connect(self._first_paint)  # (gui/case_view.py)
        QTimer.singleShot(400, self._after_show)  # in case the window is never painted (hidden, minimised)

    def _first_paint(self) -> None:
        self.first_painted.emit()
        QTimer.singleShot(0, self._after_show)

    def _after_show(self) -> None:
        if getattr(self, "_after_show_done", False):
            return
        self._after_show_done = True
        if not self._combos_filled:
            self._fill_filter_combos()
            self._restore_filters()
            self._combos_filled = True
            if self.current_filters() != self.model.filters:  # a remembered choice no longer offered
                self.apply_filters()
        self.refresh_dashboard()
        self.restore_drafts()

    # -- setup ------------------------------------------------------------
    def _connect_actions(self) -> None:
        ui = self.ui
        ui.actionNewCase.triggered.connect(self.new_case)
        ui.actionOpenCase.triggered.connect(lambda: self.open_case(self.selected_case_id()))
        ui.actionPrint.triggered.connect(self.print_selected)
        ui.actionExportLedger.triggered.connect(self.export_ledger)
        ui.actionImportLedger.triggered.connect(self.import_ledger)
        ui.actionLoadSamples.triggered.connect(self.load_samples)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionSearch.triggered.connect(self.focus_search)
        ui.actionRefresh.triggered.connect(self.refresh)
        ui.actionPolicies.triggered.connect(self.show_policies)
        ui.actionSettings.triggered.connect(self.show_settings)
        ui.actionAbout.triggered.connect(self.show_about)
        ui.searchEdit.textChanged.connect(self._search_changed)
        for combo in (ui.statusCombo, ui.yearCombo, ui.policyCombo, ui.outcomeCombo):
            combo.addItem("全部", None)
            combo.currentIndexChanged.connect(self.apply_filters)
        ui.clearFiltersButton.clicked.connect(self.clear_filters)

    def _fill_filter_combos(self) -> None:
        import datetime as dt

        packs = self.service.policies.digests()  # labels only: no pack file parsed unless new or changed
        ui = self.ui
        for combo in (ui.statusCombo, ui.yearCombo, ui.policyCombo, ui.outcomeCombo):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("全部", None)
        stages: dict[str, list[str]] = {}
        outcomes: dict[str, list[str]] = {}
        for pack in packs:
            ui.policyCombo.addItem(pack.short_title or pack.title, pack.id)
            for s in pack.procedure.stages:
                labels = stages.setdefault(s.id, [])
                if s.label not in labels:
                    labels.append(s.label)
            for o in pack.outcomes:
                labels = outcomes.setdefault(o.id, [])
                if o.label not in labels:
                    labels.append(o.label)
        for sid, labels in stages.items():
            ui.statusCombo.addItem("／".join(labels), sid)
        for oid, labels in outcomes.items():
            ui.outcomeCombo.addItem("／".join(labels), oid)
        this_year = dt.date.today().year
        first = min([p.valid_from.year for p in packs] + [this_year])
        for year in range(this_year + 1, first - 1, -1):
            ui.yearCombo.addItem(f"{year}年", year)
        for combo in (ui.statusCombo, ui.yearCombo, ui.policyCombo, ui.outcomeCombo):
            combo.blockSignals(False)

    def _combos(self) -> dict:
        ui = self.ui
        return {"status": ui.statusCombo, "year": ui.yearCombo, "policy": ui.policyCombo, "outcome": ui.outcomeCombo}

    def _restore_filters(self) -> None:
        saved = self.state.filters
        for key, combo in self._combos().items():
            index = combo.findData(saved.get(key)) if saved.get(key) is not None else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.setText(saved.get("text") or "")
        self.ui.searchEdit.blockSignals(False)

    # -- filtering --------------------------------------------------------
    def current_filters(self) -> dict:
        filters = {key: combo.currentData() for key, combo in self._combos().items()}
        filters["text"] = self.ui.searchEdit.text().strip()
        return {k: v for k, v in filters.items() if v not in (None, "")}

    def _search_changed(self, _text: str) -> None:
        # Leading edge: a keystroke after a pause searches at once; a burst of typing is coalesced.
        if time.perf_counter() - self._last_search > SEARCH_DEBOUNCE_MS / 1000 and not self._search_timer.isActive():
            self.apply_filters()
        self._search_timer.start()

    def apply_filters(self) -> None:
        self._last_search = time.perf_counter()
        filters = self.current_filters()
        if filters == self.model.filters and self.model.rows:
            self.list_updated.emit()
            return
        self.model.set_filters(filters)
        self._update_status()
        self.list_updated.emit()

    def _fetch(self, filters: dict, offset: int, limit: int) -> list[dict]:
        return self.service.cases.list_rows(offset=offset, limit=limit, **filters)

    def clear_filters(self) -> None:
        for combo in self._combos().values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        self.apply_filters()

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        more = "，向下滚动加载更多" if self.model.canFetchMore() else ""
        self.ui.statusbar.showMessage(f"已列出 {shown} 件{more}")

    def refresh(self) -> None:
        self.service.cases.forget_calendar()  # holiday overrides may have changed (another PC)
        self.model.reload()
        self._update_status()
        self.refresh_dashboard()
        self.list_updated.emit()

    def refresh_dashboard(self) -> None:
        """Recount the dashboard in the thread pool (it reads every open case); shown when done."""
        if self._dashboard_task is not None and not self._dashboard_task.done:
            self._dashboard_again = True
            return
        from .tasks import run_task

        self._dashboard_again = False
        self._dashboard_task = run_task(lambda _progress: self.service.cases.dashboard(), self._show_dashboard,
                                        self._dashboard_failed)

    def _show_dashboard(self, stats: dict) -> None:
        ui = self.ui
        ui.openLabel.setText(f"办理中：{stats['open']} 件")
        ui.dueWeekLabel.setText(f"本周到期：{stats['due_week']} 件")
        ui.overdueLabel.setText(f"已逾期：{stats['overdue']} 件")
        ui.overdueLabel.setStyleSheet("color: #c62828; font-weight: bold;" if stats["overdue"] else "")
        ui.byStageLabel.setText("按阶段：" + "　".join(f"{label} {n}" for label, n in stats["by_stage"]))
        self.dashboard_stats = stats
        self._after_dashboard()

    def _dashboard_failed(self, exc, details) -> None:
        import logging

        logging.getLogger(__name__).warning("dashboard not updated: %s", type(exc).__name__)
        self.ui.openLabel.setText("统计暂不可用")
        self._after_dashboard()

    def _after_dashboard(self) -> None:
        self.dashboard_updated.emit()
        if self._dashboard_again:  # a change came in while counting: count again once this task is closed
            self._dashboard_again = False
            QTimer.singleShot(0, self.refresh_dashboard)

    # -- selection & actions ---------------------------------------------
    def selected_case_id(self) -> Optional[int]:
        index = self.ui.caseView.currentIndex()
        return self.model.data(index, CASE_ID_ROLE) if index.isValid() else None

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        self.ui.caseView.setCurrentIndex(self.model.index(row, 0))
        return True

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def new_case(self, policy: Optional[str] = None, draft_key: Optional[str] = None):
        from .case_window import CaseWindow

        window = CaseWindow(self.service, None, self.state, policy=policy, draft_key=draft_key)
        self._track(window)
        window.show()
        return window

    def restore_drafts(self) -> int:
        """Reopen applications typed but never saved (the app was closed or crashed meanwhile)."""
        from .drafts import DraftStore

        drafts = DraftStore(self.service.data_dir).new_drafts()
        for key, draft in drafts:
            self.new_case(policy=draft.get("policy"), draft_key=key)
        if drafts:
            self.ui.statusbar.showMessage(f"已恢复 {len(drafts)} 份未保存的申请草稿，请核对后保存")
        return len(drafts)

    def open_case(self, case_id: Optional[int]):
        if not case_id:
            return None
        existing = self.case_windows.get(case_id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        from .case_window import CaseWindow

        window = CaseWindow(self.service, case_id, self.state)
        self._track(window)
        window.show()
        return window

    def _track(self, window) -> None:
        def saved(case_id):
            for key, w in list(self.case_windows.items()):
                if w is window and key != case_id:
                    del self.case_windows[key]
            self.case_windows[case_id] = window
            self.refresh()
            self.select_case(case_id)

        def closed():
            for key, w in list(self.case_windows.items()):
                if w is window:
                    del self.case_windows[key]

        window.case_saved.connect(saved)
        window.closed.connect(closed)
        self.case_windows[window.case_id or id(window)] = window

    def print_selected(self) -> None:
        case_id = self.selected_case_id()
        if not case_id:
            self.ui.statusbar.showMessage("请先在列表中选择一个案件再打印")
            return
        from .printing import choose_and_print

        choose_and_print(self, self.service, case_id)

    def export_ledger(self):
        from .ledger_dialogs import LedgerExportDialog

        dialog = LedgerExportDialog(self.service, self.state, self, filters=self.current_filters())
        dialog.open()
        return dialog

    def import_ledger(self):
        from .ledger_dialogs import LedgerImportDialog

        dialog = LedgerImportDialog(self.service, self)
        dialog.imported.connect(self.refresh)
        dialog.open()
        return dialog

    def load_samples(self):
        """载入示例案件, in the thread pool (each sample goes through the whole procedure)."""
        from .crash import show_error
        from .tasks import run_task

        self.ui.actionLoadSamples.setEnabled(False)
        self.ui.statusbar.showMessage("正在载入示例案件…")

        def done(info):
            self.ui.actionLoadSamples.setEnabled(True)
            self.refresh()
            count = info.get("created", "") if isinstance(info, dict) else ""
            self.ui.statusbar.showMessage(f"已载入示例案件 {count} 件" if count != "" else "示例案件已载入")
            self.samples_loaded.emit()

        def failed(exc, details):
            self.ui.actionLoadSamples.setEnabled(True)
            self.ui.statusbar.clearMessage()
            show_error(self, exc, details, title="载入示例案件失败")
            self.samples_loaded.emit()

        return run_task(lambda _progress: self.service.cases.load_samples(), done, failed)

    def show_policies(self):
        from .policy_browser import PolicyBrowser

        browser = PolicyBrowser(self.service, self)
        browser.finished.connect(lambda _r: self._fill_filter_combos_keep())
        browser.show()
        return browser

    def _fill_filter_combos_keep(self) -> None:
        keep = self.current_filters()
        self._fill_filter_combos()
        for key, combo in self._combos().items():
            index = combo.findData(keep.get(key)) if keep.get(key) is not None else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def show_settings(self):
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.service, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, "关于", f"社会救助容错纠错 / 尽职免责案件管理\n版本 {__version__}\n\n"
                                        f"数据位置：{self.service.data_dir}")

    def closeEvent(self, event) -> None:
        for window in list(self.case_windows.values()):
            window.close()
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10000)  # no count or export left reading the database
        self.state.save_geometry(self, "main")
        self.state.filters = self.current_filters()
        self.state.sync()
        super().closeEvent(event)
