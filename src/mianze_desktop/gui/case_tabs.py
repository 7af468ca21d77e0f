"""Controllers of the case window's tabs: evidence, investigation, decision, notice/archive, history.

Each holds a reference to the CaseWindow (for the service, the record and the
pack) and fills its part of the window from the case record; every change goes
through ``window.call(service method, ..., expected_version=...)``.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QFileDialog, QHeaderView, QMessageBox

from .drafts import DraftStore
from .form_fields import FormPanel
from .labels import CHANNELS, STATEMENT_KINDS
from .messages import translate


def _items(*values) -> list[QStandardItem]:
    out = []
    for v in values:
        item = QStandardItem("" if v is None else str(v))
        item.setEditable(False)
        out.append(item)
    return out


def _plain(view) -> None:
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)


def _fill(model: QStandardItemModel, headers: list[str], rows: list[tuple]) -> None:
    model.clear()
    model.setHorizontalHeaderLabels(headers)
    for row in rows:
        model.appendRow(_items(*row))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


class _Tab:
    def __init__(self, window):
        self.w = window
        self.ui = window.ui

    @property
    def cases(self):
        return self.w.service.cases

    @property
    def version(self):
        return self.w.record["version"]

    def refresh(self, record: dict) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class EvidenceTab(_Tab):
    HEADERS = ["材料名称", "大小", "SHA-256 校验值", "添加时间"]

    def __init__(self, window):
        super().__init__(window)
        self.model = QStandardItemModel(window)
        self.ui.attachmentView.setModel(self.model)
        _plain(self.ui.attachmentView)
        self.ui.addAttachmentButton.clicked.connect(self.add)
        self.ui.openAttachmentButton.clicked.connect(self.open_selected)
        self.ui.removeAttachmentButton.clicked.connect(self.remove_selected)
        self.ui.attachmentView.doubleClicked.connect(lambda _i: self.open_selected())
        self.ids: list[int] = []

    def refresh(self, record):
        atts = record["attachments"]
        self.ids = [a["id"] for a in atts]
        _fill(self.model, self.HEADERS, [(a["name"], _size(a["size"]), a["sha256"], a["added_on"][:19].replace("T", " "))
                                         for a in atts])
        header = self.ui.attachmentView.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.tabWidget.setTabText(self.ui.tabWidget.indexOf(self.ui.evidenceTab), f"证据材料（{len(atts)}）")

    def add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.w, "添加证据材料", "", "所有文件 (*)")
        self.add_files(paths)

    def add_files(self, paths) -> int:
        added = 0
        for path in paths:
            if self.w.call(self.cases.attach, self.w.case_id, path, expected_version=self.version) is None:
                break
            added += 1
        if added:
            self.w._say(f"已添加 {added} 份材料（已复制到数据目录并计算校验值）", "color: #2e7d32;")
        return added

    def selected_id(self):
        row = self.ui.attachmentView.currentIndex().row()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def open_selected(self) -> bool:
        from ..service.errors import ServiceError

        aid = self.selected_id()
        if aid is None:
            return False
        try:
            path = self.cases.attachment_path(aid)
        except ServiceError as exc:
            self.w.fail(exc)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_selected(self, confirm: bool = True) -> bool:
        aid = self.selected_id()
        if aid is None:
            return False
        if confirm and QMessageBox.question(self.w, "移除材料", "从本案移除所选材料？（文件仍保留在数据目录，办理记录可查）") \
                != QMessageBox.StandardButton.Yes:
            return False
        return self.w.call(self.cases.remove_attachment, self.w.case_id, aid, expected_version=self.version,
                           success="已移除材料") is not None


class InvestigationTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.inv_model = QStandardItemModel(window)
        self.stmt_model = QStandardItemModel(window)
        self.ui.investigatorView.setModel(self.inv_model)
        self.ui.statementView.setModel(self.stmt_model)
        _plain(self.ui.investigatorView)
        _plain(self.ui.statementView)
        self.ui.stmtKindCombo.addItems(STATEMENT_KINDS)
        self.ui.stmtDateEdit.setDate(QDate.currentDate())
        self.ui.addInvestigatorButton.clicked.connect(self.add_investigator)
        self.ui.removeInvestigatorButton.clicked.connect(self.remove_investigator)
        self.ui.addStatementButton.clicked.connect(self.add_statement)
        self.ui.invNameEdit.returnPressed.connect(self.add_investigator)
        self.inv_ids: list[int] = []

    def refresh(self, record):
        proc = self.w.pack.procedure
        invs = record["investigators"]
        self.inv_ids = [i["id"] for i in invs]
        _fill(self.inv_model, ["姓名", "单位", "职务", "无利害关系声明"],
              [(i["name"], i["unit"], i["position"], "已声明" if i["no_conflict_declared"] else "未声明") for i in invs])
        _fill(self.stmt_model, ["类别", "陈述人", "日期", "内容"],
              [(s["kind"], s["speaker"], s["heard_on"], s["content"]) for s in record["statements"]])
        body = f"（{proc.investigating_body}）" if proc.investigating_body else ""
        recusal = "；申请人本人不得担任调查人员（回避），每位调查人员须声明无利害关系" if proc.recusal else ""
        enough = "已满足" if len(invs) >= proc.min_investigators else "尚不足"
        self.ui.recusalLabel.setText(f"调查组{body}至少 {proc.min_investigators} 人，现有 {len(invs)} 人（{enough}）{recusal}。")
        if not self.ui.stmtSpeakerEdit.text():
            self.ui.stmtSpeakerEdit.setText(record["applicant"])

    def add_investigator(self) -> bool:
        ui = self.ui
        data = {"name": ui.invNameEdit.text().strip(), "unit": ui.invUnitEdit.text().strip(),
                "position": ui.invPositionEdit.text().strip(), "no_conflict_declared": ui.invNoConflictCheck.isChecked()}
        if self.w.call(self.cases.add_investigator, self.w.case_id, data, expected_version=self.version,
                       success=f"已添加调查人员 {data['name']}") is None:
            return False
        for edit in (ui.invNameEdit, ui.invUnitEdit, ui.invPositionEdit):
            edit.clear()
        ui.invNoConflictCheck.setChecked(False)
        ui.invNameEdit.setFocus()
        return True

    def remove_investigator(self) -> bool:
        row = self.ui.investigatorView.currentIndex().row()
        if not 0 <= row < len(self.inv_ids):
            return False
        return self.w.call(self.cases.remove_investigator, self.w.case_id, self.inv_ids[row],
                           expected_version=self.version, success="已移除调查人员") is not None

    def add_statement(self) -> bool:
        ui = self.ui
        data = {"kind": ui.stmtKindCombo.currentText(), "speaker": ui.stmtSpeakerEdit.text().strip(),
                "content": ui.stmtContentEdit.toPlainText().strip(),
                "heard_on": ui.stmtDateEdit.date().toString("yyyy-MM-dd")}
        if self.w.call(self.cases.add_statement, self.w.case_id, data, expected_version=self.version,
                       success="已记录陈述") is None:
            return False
        ui.stmtContentEdit.clear()
        return True


class DecisionTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.panel = None
        self.preview: dict = {}
        self._loading = False
        self.ui.saveDecisionButton.clicked.connect(self.save)
        self.ui.refreshBasisButton.clicked.connect(self.fill_basis)
        self.ui.checklistButton.clicked.connect(self.open_checklist)
        import importlib.util

        if importlib.util.find_spec("mianze_desktop.gui.wizard") is None:  # the checklist wizard (issue 7)
            self.ui.checklistButton.setEnabled(False)
            self.ui.checklistButton.setToolTip("本安装未包含对照清单")
        self.wizard = None

    @property
    def draft_key(self) -> str:
        return f"case-{self.w.case_id}-decision"

    def refresh(self, record):
        pack = self.w.pack
        if self.panel is None or self.panel.fields != list(pack.decision_form):
            self.panel = FormPanel(pack.decision_form, self.ui.decisionFormHost)
            self.panel.changed.connect(self._autosave)
        self.preview = self.cases.preview_decision(self.w.case_id)
        labels = {o.id: o.label for o in pack.outcomes}
        decision = record.get("decision") or {}
        self._loading = True
        combo = self.ui.outcomeCombo
        combo.clear()
        for oid in self.preview["allowed_outcomes"]:
            combo.addItem(labels.get(oid, oid), oid)
        wanted = decision.get("outcome") or self.preview.get("outcome")
        if wanted and combo.findData(wanted) < 0:
            combo.addItem(f"{labels.get(wanted, wanted)}（与核对结果不符）", wanted)
        combo.setCurrentIndex(max(0, combo.findData(wanted)) if wanted else 0)
        self.panel.set_values(decision.get("form") or {})
        if not decision:
            self.panel.set_values(self._defaults(record))
        self._base = self.panel.values()
        draft = DraftStore(self.w.service.data_dir).load(self.draft_key)
        if draft and draft.get("form"):
            # Unsaved decision text survives every reload (another tab's change, a crash); only what the user
            # changed is put back, so a decision saved meanwhile by someone else is not reverted.
            base = draft.get("base") or {}
            mine = {k: v for k, v in draft["form"].items() if v != base.get(k, "") and v != self._base.get(k)}
            if mine:
                self.panel.set_values(mine)
        self._loading = False
        self._explain(record)

    def _defaults(self, record) -> dict:
        pack = self.w.pack
        values = {}
        for f in pack.decision_form:
            if f.id == "basis":
                values[f.id] = self.preview.get("basis") or ""
            elif f.id == "approving_body":
                values[f.id] = pack.procedure.deciding_body
            elif f.type == "person":
                values[f.id] = record["applicant"]
            elif f.type == "unit":
                values[f.id] = record["unit"]
            elif f.id == "position":
                values[f.id] = record["position"]
        return values

    def _explain(self, record) -> None:
        p = self.preview
        pack = self.w.pack
        titles = lambda ids: "、".join(f"{pack.item(i).citation}（{pack.item(i).title}）" for i in ids)  # noqa: E731
        lines = [f"政策核对：{p.get('explanation') or '尚未核对'}"]
        if p.get("matched") and "符合" not in (p.get("explanation") or ""):
            lines.append("符合：" + titles(p["matched"]))
        if p.get("excluded_by"):
            lines.append("排除情形：" + titles(p["excluded_by"]))
        if p.get("needs_justification"):
            lines.append("兜底情形须书面说明理由并经集体研究：" + titles(p["needs_justification"]))
        self.ui.checkResultLabel.setText("\n".join(lines))
        if p.get("excluded_by"):
            hint = "属于排除情形，只能作出不予容错（免责）的结论。"
        elif not p.get("outcome"):
            hint = "政策核对尚未完成，请点「对照清单」逐项回答。"
        else:
            hint = "认定结果只能在核对结果允许的范围内选择。"
        self.ui.outcomeHintLabel.setText(hint)

    def fill_basis(self) -> None:
        if self.panel is not None and "basis" in self.panel.widgets:
            self.panel.set_value("basis", self.preview.get("basis") or "")

    def _autosave(self) -> None:
        if self._loading or self.panel is None or not self.w.case_id:
            return
        DraftStore(self.w.service.data_dir).save(self.draft_key, {
            "case_id": self.w.case_id, "version": self.w.record["version"], "form": self.panel.values(),
            "base": getattr(self, "_base", {})})

    def save(self) -> bool:
        outcome = self.ui.outcomeCombo.currentData()
        self.panel.missing_required()
        data = {"outcome": outcome, "form": self.panel.values()}
        if self.w.call(self.cases.record_decision, self.w.case_id, data, expected_version=self.version,
                       success="认定已保存") is None:
            return False
        DraftStore(self.w.service.data_dir).delete(self.draft_key)
        return True

    def open_checklist(self):
        from .wizard import open_wizard

        self.wizard = open_wizard(self.w, self.w.service, self.w.case_id)
        self.wizard.saved.connect(lambda _record: self.w.reload())
        return self.wizard


class NotifyTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.model = QStandardItemModel(window)
        self.ui.notificationView.setModel(self.model)
        _plain(self.ui.notificationView)
        self.ui.notChannelCombo.addItems(CHANNELS)
        self.ui.notDateEdit.setDate(QDate.currentDate())
        self.ui.reportDateEdit.setDate(QDate.currentDate())
        self.ui.addNotificationButton.clicked.connect(self.add_notification)
        self.ui.addReportButton.clicked.connect(self.add_report)
        self.ui.saveArchiveButton.clicked.connect(self.save_archive)

    def refresh(self, record):
        pack = self.w.pack
        kinds = {"applicant": "申请人", "unit": "所在单位", "other": "其他"}
        _fill(self.model, ["告知对象", "类别", "方式", "日期", "内容"],
              [(n["recipient"], kinds.get(n.get("recipient_kind"), ""), n["channel"], n["notified_on"], n["content"])
               for n in record["notifications"]])
        names = [v for v in (record["applicant"], record["unit"], record.get("party_org")) if v]
        self.ui.notRecipientEdit.setCompleter(QCompleter(names, self.ui.notRecipientEdit))
        needs_report = bool(pack.procedure.report_to) or any("report" in s.requires for s in pack.procedure.stages)
        self.ui.reportBox.setVisible(needs_report)
        if needs_report and not self.ui.reportRecipientEdit.text():
            self.ui.reportRecipientEdit.setText("、".join(pack.procedure.report_to))
        reports = record.get("reports") or []
        self.ui.reportBox.setTitle("报送记录" + (f"（已报送 {len(reports)} 次：" + "；".join(
            f"{r['recipient']} {r['reported_on']}" for r in reports) + "）" if reports else "（尚未报送）"))
        self.ui.archiveNumberEdit.setText(record.get("archive_number") or "")

    def add_notification(self) -> bool:
        ui = self.ui
        data = {"recipient": ui.notRecipientEdit.text().strip(), "channel": ui.notChannelCombo.currentText(),
                "notified_on": ui.notDateEdit.date().toString("yyyy-MM-dd"), "content": ui.notContentEdit.text().strip()}
        if self.w.call(self.cases.notify, self.w.case_id, data, expected_version=self.version,
                       success=f"已记录告知 {data['recipient']}") is None:
            return False
        ui.notRecipientEdit.clear()
        ui.notContentEdit.clear()
        return True

    def add_report(self) -> bool:
        data = {"recipient": self.ui.reportRecipientEdit.text().strip(),
                "reported_on": self.ui.reportDateEdit.date().toString("yyyy-MM-dd")}
        return self.w.call(self.cases.add_report, self.w.case_id, data, expected_version=self.version,
                           success="已记录报送") is not None

    def save_archive(self) -> bool:
        number = self.ui.archiveNumberEdit.text().strip()
        return self.w.save_changes({"archive_number": number}, success=f"归档号已保存：{number}") is not None


ACTION_LABELS = {"create": "新建案件", "update": "修改申请", "advance": "办理环节", "add_investigator": "添加调查人员",
                 "remove_investigator": "移除调查人员", "add_statement": "记录陈述", "record_decision": "保存认定",
                 "notify": "记录告知", "add_report": "记录报送", "attach": "添加材料", "remove_attachment": "移除材料",
                 "import": "导入", "wizard": "情形核对", "amend_archived": "更正已归档案件"}


FIELD_LABELS = {"status": "阶段", "stage_dates": "阶段日期", "form": "申请表", "decision": "认定", "answers": "情形核对",
                "candidates": "候选情形", "justification": "书面理由", "investigators": "调查人员",
                "statements": "陈述", "notifications": "告知", "reports": "报送", "attachments": "材料",
                "archive_number": "归档号", "applied_on": "申请日期", "accepted_on": "受理日期",
                "decided_on": "认定日期", "notified_on": "告知日期", "archived_on": "归档日期", "paused_from": "中止前阶段",
                "applicant": "申请人", "unit": "单位", "position": "职务", "unit_position": "单位及职务",
                "matter": "申请事项", "facts_reasons": "事实及理由", "remarks": "备注", "number": "案件编号",
                "status_label": "阶段", "accepting_body": "受理机关", "party_org": "申请党组织",
                "party_org_opinion": "党组织意见", "tier": "层级", "work_type": "工作类别", "outcome": "认定结果",
                "policy": "政策", "policy_revision": "政策版本"}


class HistoryTab(_Tab):
    def __init__(self, window):
        super().__init__(window)
        self.model = QStandardItemModel(window)
        self.ui.historyView.setModel(self.model)
        _plain(self.ui.historyView)

    def refresh(self, record):
        labels = {s.id: s.label for s in self.w.pack.procedure.stages}
        form_labels = {f.id: f.label for f in list(self.w.pack.application_form) + list(self.w.pack.decision_form)}
        rows = []
        for e in self.cases.history(self.w.case_id, limit=None):
            what = ACTION_LABELS.get(e["action"], e["action"])
            if e["action"] == "advance":
                what += f"：{labels.get(e['entity_id'], e['entity_id'])}"
            after = e.get("after") if isinstance(e.get("after"), dict) else {}
            changed = sorted(k for k in after if k != "reason")
            shown = "、".join(list(dict.fromkeys(FIELD_LABELS.get(k) or form_labels.get(k, k) for k in changed))[:8])
            if after.get("reason"):  # an amendment of an archived case says why
                shown += f"（原因：{after['reason']}）"
            rows.append((e["at"][:19].replace("T", " "), e["user"], what, shown, e["hash"][:12]))
        _fill(self.model, ["时间", "操作人", "操作", "变更内容", "校验"], rows)
        self.ui.historyView.resizeColumnsToContents()


__all__ = ["EvidenceTab", "InvestigationTab", "DecisionTab", "NotifyTab", "HistoryTab", "translate"]
