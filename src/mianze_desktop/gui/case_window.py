"""The case window: header with deadlines, the stage buttons of the pack's procedure, and tabs.

Tabs: 申请 (the pack's application form, autosaved as a draft on every edit),
证据材料, 调查, 认定, 告知 / 归档, 办理记录 (controllers in case_tabs.py). Every
change goes through ``service.cases``; the window only shows what it answers.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QPlainTextEdit, QPushButton, QWidget

from .drafts import DraftStore
from .form_fields import FormPanel
from .forms.ui_case_window import Ui_CaseWindow
from .messages import translate

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"
WARN_STYLE = "color: #b26a00;"
# The inputs and buttons that change a case outside the application form and the archive number: an
# archived case shows them locked (the service refuses such changes; an administrator's amendment
# covers the application and the archive number only).
CHANGING_WIDGETS = (
    "addAttachmentButton", "removeAttachmentButton", "invNameEdit", "invUnitEdit", "invPositionEdit",
    "invNoConflictCheck", "addInvestigatorButton", "removeInvestigatorButton", "stmtKindCombo", "stmtSpeakerEdit",
    "stmtDateEdit", "stmtContentEdit", "addStatementButton", "outcomeCombo", "refreshBasisButton", "checklistButton",
    "saveDecisionButton", "notRecipientEdit", "notChannelCombo", "notDateEdit", "notContentEdit",
    "addNotificationButton", "reportRecipientEdit", "reportDateEdit", "addReportButton", "stageDateEdit")


class CaseWindow(QWidget):
    case_saved = Signal(int)
    closed = Signal()

    def __init__(self, service, case_id: Optional[int], state, policy: Optional[str] = None,
                 draft_key: Optional[str] = None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.service = service
        self.state = state
        self.case_id = case_id
        self.record: Optional[dict] = None
        self.pack = None
        self.panel: Optional[FormPanel] = None
        self.stage_buttons: dict[str, QPushButton] = {}
        self.drafts = DraftStore(service.data_dir)
        self.draft_key = draft_key or DraftStore.key_for_case(case_id)
        self._loading = False
        self.amend_reason: Optional[str] = None  # set while an administrator amends an archived case
        self.ui = Ui_CaseWindow()
        self.ui.setupUi(self)
        self.amend_button = QPushButton("更正已归档案件…", self)
        self.amend_button.setObjectName("amendButton")
        self.amend_button.setToolTip("管理员更正已归档案件的申请内容或归档号；更正原因记入办理记录")
        self.amend_button.clicked.connect(self.start_amend)
        self.amend_button.hide()
        self.ui.applicationButtons.insertWidget(self.ui.applicationButtons.indexOf(self.ui.saveButton),
                                                self.amend_button)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ui.stageDateEdit.setDate(QDate.currentDate())
        self.ui.headerLayout.setColumnStretch(1, 1)
        self.ui.headerLayout.setColumnStretch(2, 1)
        self.ui.saveButton.clicked.connect(self.save_application)
        self.ui.closeButton.clicked.connect(self.close)
        self.ui.policyCombo.currentIndexChanged.connect(self._policy_changed)
        self.print_menu = QMenu(self)
        self.ui.printButton.setMenu(self.print_menu)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, activated=self.ui.printButton.showMenu)
        from .case_tabs import DecisionTab, EvidenceTab, HistoryTab, InvestigationTab, NotifyTab

        self.tabs = [EvidenceTab(self), InvestigationTab(self), DecisionTab(self), NotifyTab(self), HistoryTab(self)]
        self.state.restore_geometry(self, "case")
        if case_id:
            self.load(case_id)
        else:
            self._setup_new(policy)

    # -- new application --------------------------------------------------
    def _setup_new(self, policy: Optional[str]) -> None:
        draft = self.drafts.load(self.draft_key) or {}
        packs = self.service.policies.list()
        today = dt.date.today()
        in_force = [p for p in packs if p.is_valid_on(today)]
        wanted = draft.get("policy") or policy or self._setting("default_policy") or (in_force or packs)[0].id
        self._loading = True
        combo = self.ui.policyCombo
        combo.clear()
        for p in packs:
            combo.addItem(f"{p.short_title or p.title}（{p.doc_number}）", p.id)
        combo.setCurrentIndex(max(0, combo.findData(wanted)))
        self._loading = False
        self._build_form(self.service.policies.get(combo.currentData()))
        self._prefill_defaults()
        if draft.get("form"):
            self.panel.set_values(draft["form"])
            self._say(f"已恢复未保存的草稿（{draft.get('saved_at', '')}）", OK_STYLE)
        self.ui.titleLabel.setText("新案件（保存申请后生成案件编号）")
        self.setWindowTitle("新案件")
        for index in range(1, self.ui.tabWidget.count()):
            self.ui.tabWidget.setTabEnabled(index, False)
        self.ui.stageBox.setEnabled(False)
        self.ui.stageHintLabel.setText("保存申请后即可按程序办理。")
        self.ui.printButton.setEnabled(False)

    def _setting(self, key: str):
        try:
            return self.service.cases.get_setting(key)
        except Exception:
            return None

    def _policy_changed(self) -> None:
        if self._loading or self.case_id:
            return
        keep = self.panel.values() if self.panel else {}
        self._build_form(self.service.policies.get(self.ui.policyCombo.currentData()))
        self._prefill_defaults()
        self.panel.set_values({k: v for k, v in keep.items() if k in self.panel.widgets and v})
        self._autosave()

    def _prefill_defaults(self) -> None:
        """The pack's field defaults (e.g. 受理机关) for a new application; the user may change them."""
        values = {f.id: f.default for f in self.pack.application_form if getattr(f, "default", "")}
        if "applied_on" in self.panel.widgets:  # the contract's application date: today unless changed
            values.setdefault("applied_on", dt.date.today().isoformat())
        self.panel.set_values(values)
        self._base_form = self.panel.values()  # what counts as "nothing typed yet"

    def _build_form(self, pack) -> None:
        self.pack = pack
        host = self.ui.applicationFormHost
        if self.panel is not None:
            self.panel.deleteLater()
            old = host.layout()
            while old.count():
                item = old.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
        self.panel = FormPanel(pack.application_form, host)
        self.panel.changed.connect(self._autosave)

    # -- existing case ----------------------------------------------------
    def load(self, case_id: int, keep_draft: bool = True) -> None:
        self.record = self.service.cases.get(case_id)
        self.case_id = self.record["id"]
        self.pack = self.service.cases.pack_of(self.record["policy"], self.record["policy_revision"])
        self._loading = True
        combo = self.ui.policyCombo
        combo.clear()
        combo.addItem(f"{self.pack.short_title or self.pack.title}（{self.pack.doc_number}）", self.pack.id)
        combo.setEnabled(False)
        if self.panel is None or self.panel.fields != list(self.pack.application_form):
            self._build_form(self.pack)
        self.panel.set_values(self.record["form"])
        self._base_form = self.panel.values()
        self._loading = False
        draft = self.drafts.load(self.draft_key) if keep_draft else None
        if draft and draft.get("form"):
            # Only what the user changed is put back: fields saved by others meanwhile stay as saved.
            base = draft.get("base") or {}
            mine = {k: v for k, v in draft["form"].items() if v != base.get(k, "") and v != self._base_form.get(k)}
            if mine:
                self.panel.set_values(mine)
                self._say(f"已恢复未保存的修改（草稿保存于 {draft.get('saved_at', '')}），请核对后保存", OK_STYLE)
        for index in range(self.ui.tabWidget.count()):
            self.ui.tabWidget.setTabEnabled(index, True)
        self.ui.stageBox.setEnabled(True)
        self.ui.printButton.setEnabled(True)
        self._refresh_header()
        self._refresh_stages()
        self._refresh_print_menu()
        for tab in self.tabs:
            tab.refresh(self.record)
        self._lock_if_archived()

    @property
    def archived(self) -> bool:
        from ..service.permissions import is_archived  # the service's rule: the stage's role is 'archive'

        return bool(self.record) and is_archived(self.pack, self.record["status"])

    def _lock_if_archived(self) -> None:
        """An archived case is shown read-only; an administrator may unlock the application form and the
        archive number for an amendment with a reason (``start_amend``)."""
        if not self.archived:
            return
        for name in CHANGING_WIDGETS:
            widget = getattr(self.ui, name)
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(True)
            else:
                widget.setEnabled(False)
        decision = self.tabs[2].panel
        if decision is not None:
            decision.set_read_only(True)
        amending = self.amend_reason is not None
        self.panel.set_read_only(not amending)
        self.ui.saveButton.setEnabled(amending)
        self.ui.archiveNumberEdit.setReadOnly(not amending)
        self.ui.saveArchiveButton.setEnabled(amending)
        may_amend = self.service.users.can("case.amend_archived")
        self.amend_button.setVisible(may_amend)
        self.amend_button.setEnabled(not amending)
        if amending:
            self._say(f"正在更正已归档案件（原因：{self.amend_reason}）：修改申请内容或归档号后保存，"
                      "更正记入办理记录", WARN_STYLE)
        elif not self.ui.messageLabel.text():
            self._say("本案已归档，内容只读" + ("（可点“更正已归档案件…”）" if may_amend else "；如需更正，请联系管理员"))

    def start_amend(self) -> bool:
        """Ask for the reason, then unlock the application form and the archive number."""
        reason, ok = QInputDialog.getMultiLineText(self, "更正已归档案件", "更正原因（记入办理记录）：")
        if not ok or not reason.strip():
            return False
        self.amend_reason = reason.strip()
        self._lock_if_archived()
        return True

    def save_changes(self, changes: dict, success: str):
        """``update`` for a case in progress; for an archived one, the administrator's amendment."""
        if self.archived and self.amend_reason is not None:
            reason, self.amend_reason = self.amend_reason, None  # locked again by the reload after saving
            result = self.call(self.service.cases.amend_archived, self.case_id, changes, reason,
                               expected_version=self.record["version"], success=success)
            if result is None:  # refused: stay unlocked to correct it and save again
                self.amend_reason = reason
            return result
        return self.call(self.service.cases.update, self.case_id, changes, expected_version=self.record["version"],
                         success=success)

    def reload(self) -> None:
        """Read the case again (after any change) and refresh every part of the window."""
        if self.case_id:
            self.load(self.case_id)

    def _refresh_header(self) -> None:
        r, pack = self.record, self.pack
        self.setWindowTitle(f"{r['number']}　{r['applicant']}")
        self.ui.titleLabel.setText(f"<b>{r['number']}</b>　{r['applicant']}　{r.get('unit_position') or ''}")
        self.ui.statusLabel.setText(f"当前阶段：<b>{r['status_label']}</b>")
        labels = {s.id: s.label for s in pack.procedure.stages}
        self.ui.stageDatesLabel.setText("　→　".join(
            f"{labels.get(sid, sid)} {day}" for sid, day in sorted(r["stage_dates"].items(), key=lambda kv: kv[1])))
        open_d = self.service.cases.running_deadline(r)
        lines = []
        for d in r["deadlines"]:
            unit = "个工作日" if d.get("unit") == "working" else "日"
            if d.get("problem"):
                lines.append(f"{d['label']}：无法计算（{translate(d['problem'])}）")
            elif d.get("due"):
                state = f"已于 {d['done_on']} 完成" if d.get("done_on") else "已逾期" if d.get("overdue") else "办理中"
                lines.append(f"{d['label']}：{d['due']} 前（自 {d['start']} 起 {d.get('days', '')}{unit}）— {state}")
            else:
                lines.append(f"{d['label']}：{d.get('days', '')}{unit}（尚未起算）")
        self.ui.deadlineLabel.setText("期限：" + "；".join(lines) if lines else "本政策未规定办理期限")
        style = ""
        if open_d and open_d.get("overdue"):
            style = "color: #c62828; font-weight: bold;"
        elif open_d and open_d.get("warn"):
            style = "color: #b26a00; font-weight: bold;"
        self.ui.deadlineLabel.setStyleSheet(style)

    def _refresh_stages(self) -> None:
        layout = self.ui.stageLayout
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.stage_buttons = {}
        options = self.service.cases.next_stages(self.case_id)
        hints = []
        for option in options:
            button = QPushButton(f"进入：{option['label']}", self)
            button.setObjectName(f"stage_{option['id']}")
            missing = [translate(m) for m in option["missing"]]
            button.setEnabled(not missing)
            button.setToolTip("可以进入" if not missing else "还需：\n" + "\n".join(missing))
            button.clicked.connect(lambda _=False, sid=option["id"]: self.advance(sid))
            layout.addWidget(button)
            self.stage_buttons[option["id"]] = button
            if missing:
                hints.append(f"进入「{option['label']}」还需：" + "；".join(missing))
        layout.addStretch(1)
        if not options:
            hints.append("本案已办结，程序到此结束。")
        self.ui.stageHintLabel.setText("\n".join(hints) if hints else "可以进入下一环节。")

    def _refresh_print_menu(self) -> None:
        self.print_menu.clear()
        for doc in self.pack.documents:
            action = QAction(doc.title, self.print_menu)
            action.setObjectName(f"print_{doc.kind}")
            action.triggered.connect(lambda _=False, k=doc.kind, t=doc.title: self.print_document(k, t))
            self.print_menu.addAction(action)

    # -- actions ----------------------------------------------------------
    def _say(self, text: str, style: str = "") -> None:
        self.ui.messageLabel.setText(text)
        self.ui.messageLabel.setStyleSheet(style)

    def set_busy(self, text: str) -> None:
        self._say(text)

    def fail(self, exc: Exception) -> None:
        """Show a service error in Chinese where known; the case stays as it was."""
        from ..service.errors import ServiceError

        if not isinstance(exc, ServiceError):
            raise exc
        self._say("未保存：" + translate(str(exc)), ERROR_STYLE)

    def call(self, fn, *args, success: str = "", **kwargs):
        """Run a service change with this case's version; reload on success, show the error otherwise."""
        from ..service.errors import ServiceError

        try:
            result = fn(*args, **kwargs)
        except ServiceError as exc:
            self.fail(exc)
            return None
        self.reload()
        if success:
            self._say(success, OK_STYLE)
        self.case_saved.emit(self.case_id)
        return result

    def _autosave(self) -> None:
        if self._loading or self.panel is None:
            return
        payload = {"policy": self.pack.id if self.pack else None, "case_id": self.case_id,
                   "version": (self.record or {}).get("version"), "form": self.panel.values(),
                   "base": getattr(self, "_base_form", {})}
        self.drafts.save(self.draft_key, payload)
        self.ui.draftLabel.setText("草稿已自动保存")

    def save_application(self) -> bool:
        from ..service.errors import ServiceError

        values = self.panel.values()
        missing = self.panel.missing_required()
        try:
            if self.case_id is None:
                created = self.service.cases.create({"form": values}, policy=self.ui.policyCombo.currentData())
                self.drafts.delete(self.draft_key)
                self.draft_key = DraftStore.key_for_case(created["id"])
                self.load(created["id"], keep_draft=False)
            elif self.archived and self.amend_reason is not None:
                self.service.cases.amend_archived(self.case_id, {"form": values}, self.amend_reason,
                                                  expected_version=self.record["version"])
                self.amend_reason = None  # locked again by the reload below
                self.drafts.delete(self.draft_key)
                self.load(self.case_id, keep_draft=False)
            else:
                self.service.cases.update(self.case_id, {"form": values}, expected_version=self.record["version"])
                self.drafts.delete(self.draft_key)
                self.load(self.case_id, keep_draft=False)
        except ServiceError as exc:
            self.fail(exc)
            from ..store.errors import ConflictError

            if isinstance(exc, ConflictError) and self.case_id is not None:
                from .conflict import offer_merge  # both versions side by side; merge on request

                offer_merge(self, values)
            return False
        note = ("；尚未填写：" + "、".join(self.panel.label_of(f) for f in missing) + "（进入下一环节前须补齐）") \
            if missing else ""
        self._say(f"已保存 {self.record['number']}{note}", OK_STYLE if not missing else "color: #b26a00;")
        self.ui.draftLabel.setText("")
        self.case_saved.emit(self.case_id)
        return True

    def stage_date(self) -> str:
        return self.ui.stageDateEdit.date().toString("yyyy-MM-dd")

    def advance(self, stage_id: str) -> bool:
        label = self.pack.stage(stage_id).label
        done = self.call(self.service.cases.advance, self.case_id, stage_id, {"date": self.stage_date()},
                         expected_version=self.record["version"], success=f"已进入「{label}」")
        return done is not None

    def print_document(self, kind: str, title: str):
        from .printing import render_then_preview

        return render_then_preview(self, self.service, self.case_id, kind, title, self.record["number"])

    def closeEvent(self, event) -> None:
        self.state.save_geometry(self, "case")
        if self.panel is not None and self.case_id is None and self.panel.values() == getattr(self, "_base_form", {}):
            self.drafts.delete(self.draft_key)  # nothing typed: no draft to offer later
        self.closed.emit()
        super().closeEvent(event)
