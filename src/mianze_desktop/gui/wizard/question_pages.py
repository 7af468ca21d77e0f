"""The question pages: exclusions, preconditions, the candidates' missing facts, mitigation, justification.

Each page is rebuilt from the wizard's state whenever it is entered and, after every
answer, asks the engine again which facts are still missing: rows for facts that are
neither answered nor missing are hidden, so the user is asked only what can change
the result. Answers live in the state, never only in these widgets.
"""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QVBoxLayout, QWizardPage

from ...policy.engine import CheckResult
from ...policy.schema import Item
from .state import WizardState, kind_label
from .widgets import AnswerRow, ItemCard, ScrollBody, item_html


class StatePage(QWizardPage):
    """A page that rebuilds its body from the state on every visit and never resets it on Back."""

    def __init__(self, state: WizardState, parent=None):
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.body = ScrollBody()
        layout.addWidget(self.body, 1)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.rows: list[AnswerRow] = []

    def initializePage(self) -> None:
        self.body.clear()
        self.rows = []
        self.build()
        self.refresh()

    def cleanupPage(self) -> None:
        """Going back keeps every answer (they are in the state)."""

    def build(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def visible_facts(self, result: CheckResult) -> set[str]:
        return {r.fact_id for r in self.rows}

    def refresh(self, _fact: Optional[str] = None) -> None:
        result = self.state.result()
        visible = self.visible_facts(result)
        for row in self.rows:
            row.refresh()
            row.setVisible(row.fact_id in visible)
        self.update_status(result)
        self.completeChanged.emit()

    def update_status(self, result: CheckResult) -> None:
        pass

    def open_rows(self) -> list[str]:
        return [r.fact_id for r in self.rows if not r.isHidden() and not self.state.is_asked(r.fact_id)]

    def isComplete(self) -> bool:
        return not self.open_rows()


def item_status(state: WizardState, item: Item) -> str:
    """What the engine says about one item on its own: holds, still open, or does not hold."""
    alone = state.result([item.id])
    if item.id in alone.matched or item.id in alone.excluded_by:
        return "✔ 本项成立"
    if item.id in alone.needs_justification:
        return "✔ 本项事实成立（兜底情形，须书面说明理由）"
    open_facts = [f for f in item.facts if f in alone.missing_facts]
    if open_facts:
        return f"尚有 {len(open_facts)} 项事实待确认"
    if any(state.answers.get(f) is False for f in item.facts):
        return "✘ 本项不成立"
    if alone.failed_preconditions and item.kind != "exclusion":
        return "✘ 前提条件不具备，本项不成立"
    if alone.excluded_by:
        # Not answered, but an exclusion already decides the case: the item is not "not holding".
        return "已有排除情形成立，本项无需再核实"
    return "✘ 本项不成立"


def item_failed(state: WizardState, item: Item) -> bool:
    """An item with at least one fact answered 否 cannot hold, whatever its other facts."""
    return any(state.answers.get(f) is False for f in item.facts)


class ExclusionPage(StatePage):
    """Every exclusion first: any 'yes' ends the check with the refusing outcome."""

    def __init__(self, state: WizardState, parent=None):
        super().__init__(state, parent)
        label = kind_label(state.pack, "exclusion")
        self.setTitle(f"先核对{label}")
        self.intro.setText(f"以下为政策所列{label}。任何一项回答“是”，即不适用本机制，结果只能为“"
                           f"{state.outcome_label(state.pack.outcome_for('refused').id)}”。")
        self.cards: list[ItemCard] = []

    def build(self) -> None:
        self.cards = []
        for item in self.state.exclusion_items():
            card = ItemCard(self.state, item)
            for fact in item.facts:
                self.rows.append(card.add_row(fact, self.refresh))
            self.body.add(card)
            self.cards.append(card)

    def visible_facts(self, result: CheckResult) -> set[str]:
        """Every exclusion fact, except the open ones of an item that another 否 already rules out."""
        return {r.fact_id for card in self.cards for r in card.rows.values()
                if self.state.is_asked(r.fact_id) or not item_failed(self.state, card.item)}

    def update_status(self, result: CheckResult) -> None:
        for card in self.cards:
            card.status.setText(item_status(self.state, card.item))
        if result.excluded_by:
            items = [self.state.pack.item(i) for i in result.excluded_by]
            self.summary.setText(
                "属于" + "、".join(f"{i.citation}（{i.title}）" for i in items)
                + f"，结果只能为“{result.outcome_label}”。" + ("（兜底情形须书面说明理由）" if result.needs_justification else ""))
        else:
            self.summary.setText("")

    def isComplete(self) -> bool:
        return self.state.excluded() or not self.open_rows()


class PreconditionPage(StatePage):
    """The pack's general preconditions, asked once for all items they apply to."""

    def __init__(self, state: WizardState, parent=None):
        super().__init__(state, parent)
        self.setTitle("前提条件")
        self.intro.setText("政策对所列情形规定了共同的前提条件，只需回答一次。")

    def build(self) -> None:
        pack = self.state.pack
        for pre in self.state.preconditions():
            kinds = "、".join(kind_label(pack, k) for k in pre.applies_to)
            self.body.add_label(
                f"<b>{html.escape(pre.citation)}</b>（适用于全部{html.escape(kinds)}）<br>“{html.escape(pre.text)}”",
                rich=True)
            row = AnswerRow(self.state, pre.fact)
            row.changed.connect(self.refresh)
            self.body.add(row)
            self.rows.append(row)

    def update_status(self, result: CheckResult) -> None:
        failed = [f for f in result.failed_preconditions]
        self.summary.setText("前提条件不具备：相关情形均不能成立。" if failed else "")


class CandidatesPage(StatePage):
    """For each ticked applicable item, only the facts the engine still needs."""

    kind = "applicable"

    def __init__(self, state: WizardState, parent=None):
        super().__init__(state, parent)
        self.setTitle("逐项核实" + kind_label(state.pack, self.kind))
        self.intro.setText("对照政策原文，回答尚需确认的事实；已能确定结果的问题不再询问。")
        self.cards: list[ItemCard] = []
        self.owner: dict[str, ItemCard] = {}

    def items(self) -> list[Item]:
        return self.state.candidate_items(self.kind)

    def make_card(self, item: Item) -> ItemCard:
        return ItemCard(self.state, item)

    def build(self) -> None:
        self.cards, self.owner = [], {}
        for item in self.items():
            card = self.make_card(item)
            earlier = []
            for fact in item.facts:
                if fact in self.owner:
                    earlier.append(self.state.pack.fact(fact).question)
                    continue
                self.rows.append(card.add_row(fact, self.refresh))
                self.owner[fact] = card
            if earlier:
                card.add_note("以下事实已在上文询问：" + "；".join(earlier))
            self.body.add(card)
            self.cards.append(card)

    def card_active(self, card: ItemCard) -> bool:
        return True

    def visible_facts(self, result: CheckResult) -> set[str]:
        missing = set(result.missing_facts)
        return {f for f, card in self.owner.items()
                if self.card_active(card) and (f in missing or self.state.is_asked(f))}

    def update_status(self, result: CheckResult) -> None:
        for card in self.cards:
            status = item_status(self.state, card.item) if self.card_active(card) else "未纳入考虑"
            if status.startswith("尚有") and not any(f in result.missing_facts for f in card.item.facts):
                status = "已有其他情形成立，本项无需再核实"
            card.status.setText(status)
        if self.kind == "applicable" and not self.open_rows() and self.state.needs_mitigation():
            self.summary.setText("所选适用情形均不成立；下一步查看减责情形。")
        else:
            self.summary.setText(f"当前结论：{result.explanation}")


class MitigationPage(CandidatesPage):
    """No applicable item holds: the pack's mitigation items, each to be considered or not."""

    kind = "mitigation"

    def __init__(self, state: WizardState, parent=None):
        super().__init__(state, parent)
        self.intro.setText("所选适用情形均不成立。请查看以下" + kind_label(state.pack, self.kind)
                           + "，勾选需要考虑的情形并回答尚需确认的事实。")
        self.pre_rows: list[AnswerRow] = []

    def items(self) -> list[Item]:
        ranked = [s["item"] for s in self.state.suggestions(limit=len(self.state.pack.items))]
        mine = self.state.pack.items_of(self.kind)
        return sorted(mine, key=lambda i: ranked.index(i.id) if i.id in ranked else len(ranked) + i.number)

    def build(self) -> None:
        pack = self.state.pack
        self.pre_rows = []
        # A precondition the preconditions page already asked (a ticked item of its kind) is not asked again.
        asked_before = {p.fact for p in self.state.preconditions()}
        for pre in pack.preconditions:
            if self.kind in pre.applies_to and pre.fact not in asked_before:
                self.body.add_label(f"<b>前提条件</b>（{html.escape(pre.citation)}）“{html.escape(pre.text)}”",
                                    rich=True)
                row = AnswerRow(self.state, pre.fact)
                row.changed.connect(self.refresh)
                self.body.add(row)
                self.rows.append(row)
                self.pre_rows.append(row)
        super().build()

    def make_card(self, item: Item) -> ItemCard:
        box = QCheckBox(f"考虑此情形：{item.citation}　{item.title}")
        box.setObjectName(f"consider:{item.id}")
        box.setChecked(item.id in self.state.candidates)
        card = ItemCard(self.state, item, header=box)
        card.consider = box
        box.toggled.connect(lambda on, item_id=item.id: self._consider(item_id, on))
        return card

    def _consider(self, item_id: str, on: bool) -> None:
        self.state.set_candidate(item_id, on)
        self.refresh()

    def card_active(self, card: ItemCard) -> bool:
        return card.item.id in self.state.candidates

    def visible_facts(self, result: CheckResult) -> set[str]:
        missing = set(result.missing_facts)
        pre = {r.fact_id for r in self.pre_rows
               if any(self.card_active(c) for c in self.cards)
               and (r.fact_id in missing or self.state.is_asked(r.fact_id))}
        return super().visible_facts(result) | pre


class JustificationPage(QWizardPage):
    """A catch-all item holds: a written justification is required and the case goes to collective review."""

    def __init__(self, state: WizardState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setTitle("书面说明理由")
        layout = QVBoxLayout(self)
        self.items_label = QLabel()
        self.items_label.setWordWrap(True)
        layout.addWidget(self.items_label)
        layout.addWidget(QLabel("理由（必填；本案将提交集体研究）："))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("justification")
        layout.addWidget(self.editor, 1)
        self.editor.textChanged.connect(self._changed)

    def initializePage(self) -> None:
        items = self.state.catch_alls_in_play()
        self.items_label.setText("<br><br>".join(item_html(self.state.pack, i) for i in items))
        if self.editor.toPlainText() != self.state.justification:
            self.editor.setPlainText(self.state.justification)

    def cleanupPage(self) -> None:
        pass

    def _changed(self) -> None:
        self.state.justification = self.editor.toPlainText()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.state.justification.strip())
