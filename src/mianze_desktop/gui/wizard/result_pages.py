"""The review page (every answer visible and editable) and the result page (grade, items, basis)."""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout, QWizardPage,
)

from ...policy.engine import CheckResult
from .question_pages import StatePage
from .state import WizardState
from .widgets import AnswerRow, ScrollBody


class ReviewPage(StatePage):
    """Every question that bears on the case, grouped by item, each answer editable in place."""

    def __init__(self, state: WizardState, parent=None):
        super().__init__(state, parent)
        self.setTitle("核对全部回答")
        self.intro.setText("请核对以下回答，可直接修改；修改后结果随之更新。")
        self.justification: Optional[QPlainTextEdit] = None

    def build(self) -> None:
        pack = self.state.pack
        chosen = self.state.candidate_items()
        self.body.add_label("候选情形：" + ("；".join(f"{i.citation}（{i.title}）" for i in chosen) or "（无）"),
                            name="review_candidates")
        for heading, item, facts in self.state.review_groups():
            box = QGroupBox(heading if item is None else f"{heading}　{item.citation}　{item.title}")
            layout = QVBoxLayout(box)
            if item is not None:
                text = QLabel(f"“{html.escape(item.text)}”")
                text.setWordWrap(True)
                text.setStyleSheet("color:#444")
                layout.addWidget(text)
            elif heading == "前提条件":
                for pre in pack.preconditions:
                    if pre.fact in facts:
                        text = QLabel(f"{pre.citation}：“{pre.text}”")
                        text.setWordWrap(True)
                        layout.addWidget(text)
            for fact in facts:
                row = AnswerRow(self.state, fact, box)
                row.changed.connect(self.refresh)
                layout.addWidget(row)
                self.rows.append(row)
            self.body.add(box)
        self.justification = None
        if self.state.catch_alls_in_play() or self.state.justification:
            self.body.add_label("书面说明理由（兜底情形必填，提交集体研究）：")
            editor = QPlainTextEdit(self.state.justification)
            editor.setObjectName("review_justification")
            editor.setMaximumHeight(120)
            editor.textChanged.connect(self._justification_changed)
            self.body.add(editor)
            self.justification = editor

    def _justification_changed(self) -> None:
        self.state.justification = self.justification.toPlainText()
        self.refresh()

    def update_status(self, result: CheckResult) -> None:
        text = f"当前结果：{result.outcome_label or '尚未确定'}。{result.explanation}"
        if result.missing_facts:
            text += f"（尚有 {len(result.missing_facts)} 项事实待确认）"
        self.summary.setText(text)

    def isComplete(self) -> bool:
        return True


class ResultPage(QWizardPage):
    """The engine's outcome grade, matched and excluding items, basis text; the grade to save."""

    def __init__(self, state: WizardState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setTitle("认定结果")
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.grade = QLabel()
        self.grade.setObjectName("outcome_label")
        self.grade.setStyleSheet("font-size:20px;font-weight:bold")
        layout.addWidget(self.grade)
        # The explanation, items and basis can be long (many open questions): they scroll, and the
        # outcome choice and any error below them stay in view at the wizard's default size.
        scroll = ScrollBody()
        scroll.setObjectName("result_details")
        layout.addWidget(scroll, 1)
        self.explanation = scroll.add_label("", name="explanation")
        self.items = scroll.add_label("", rich=True, name="matched")
        scroll.add_label("认定依据：")
        self.basis = scroll.add_label("", name="basis")
        self.basis.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.flags = scroll.add_label("", name="flags")
        self.flags.setStyleSheet("color:#a40")
        self.details = scroll
        self.choice_box = QGroupBox("保存的认定结果（政策允许的结果）")
        self.choice_layout = QHBoxLayout(self.choice_box)
        layout.addWidget(self.choice_box)
        self.role_note = QLabel()  # a user who may not decide saves the answers only: say so before Finish
        self.role_note.setObjectName("role_note")
        self.role_note.setWordWrap(True)
        self.role_note.setStyleSheet("color:#a40")
        layout.addWidget(self.role_note)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c00")
        layout.addWidget(self.error)
        self.group = QButtonGroup(self)
        self.result: Optional[CheckResult] = None
        self.chosen: Optional[str] = None

    def initializePage(self) -> None:
        state, pack = self.state, self.state.pack
        result = self.result = state.result()
        self.error.setText("")
        self.grade.setText(f"认定结果：{result.outcome_label}" if result.outcome_label else "认定结果：尚未确定")
        self.explanation.setText(result.explanation)
        def listed(ids, verbatim=False):
            out = []
            for i in ids:
                item = pack.item(i)
                line = html.escape(f"{item.citation}（{item.title}）")
                if verbatim:
                    line += f"<br><span style='color:#444'>“{html.escape(item.text)}”</span>"
                out.append(line)
            return "<br>".join(out)

        parts = []
        if result.excluded_by:
            parts.append("<b>排除情形（不适用本机制）：</b><br>" + listed(result.excluded_by, True))
        if result.matched:
            parts.append("<b>符合的情形：</b><br>" + listed(result.matched, True))
        if result.overridden:
            parts.append("<b>因排除情形而不适用：</b>" + listed(result.overridden))
        shown = set(result.matched) | set(result.excluded_by) | set(result.overridden) | set(
            result.needs_justification)
        failed = [i.id for i in state.candidate_items() if i.id not in shown and i.kind != "exclusion"
                  and not any(f in result.missing_facts for f in i.facts)]
        if failed and not result.excluded_by:
            parts.append("<b>所选但不成立的情形：</b>" + "；".join(
                html.escape(f"{pack.item(i).citation}（{pack.item(i).title}）") for i in failed))
        if result.missing_facts:
            parts.append("<b>尚待确认的事实（请返回回答）：</b><br>" + "<br>".join(
                html.escape(pack.fact(f).question) for f in result.missing_facts))
        self.items.setText("<br>".join(parts) or "未符合所列任何情形。")
        self.basis.setText(result.basis_text or "（无）")
        flags = []
        if result.collective_review:
            flags.append("涉及兜底情形：已书面说明理由，须提交集体研究。")
        if result.needs_justification:
            flags.append("兜底情形尚未书面说明理由。")
        if result.failed_preconditions:
            flags.append("前提条件不具备：" + "；".join(pack.fact(f).question for f in result.failed_preconditions))
        self.flags.setText("\n".join(flags))
        self._build_choices(result)
        self.completeChanged.emit()

    def may_decide(self) -> bool:
        wizard = self.wizard()
        service = getattr(wizard, "service", None)
        return service is None or service.users.can("case.decide")

    def _build_choices(self, result: CheckResult) -> None:
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.deleteLater()
        decides = self.may_decide()
        self.role_note.setText("" if decides else
                               "您的角色不能作出认定：“完成”保存核对答案和所选情形，认定结果由审核人在案件的“认定”页作出。")
        self.role_note.setVisible(not decides)
        self.choice_box.setEnabled(decides)
        self.chosen = result.outcome if result.complete else None
        for outcome_id in (result.allowed_outcomes if result.complete else []):
            rb = QRadioButton(self.state.outcome_label(outcome_id))
            rb.setObjectName(f"outcome:{outcome_id}")
            rb.setChecked(outcome_id == self.chosen)
            rb.toggled.connect(lambda on, oid=outcome_id: self._choose(oid) if on else None)
            self.group.addButton(rb)
            self.choice_layout.addWidget(rb)
        self.choice_box.setVisible(bool(result.complete))

    def _choose(self, outcome_id: str) -> None:
        self.chosen = outcome_id
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        pass

    def isComplete(self) -> bool:
        if self.result is not None and not self.may_decide():
            return True  # the answers are saved; the outcome is the reviewer's
        return bool(self.result and self.result.complete and self.chosen in self.result.allowed_outcomes)

    def validatePage(self) -> bool:
        """Finish: save answers, candidates, justification and the decision suggestion together."""
        try:
            self.wizard().save_result(self.chosen, self.result)
        except Exception as exc:  # shown on the page; nothing was saved (one transaction)
            self.error.setText(f"保存失败，未作任何更改：{exc}")
            return False
        return True
