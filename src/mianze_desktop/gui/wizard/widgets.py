"""Small building blocks of the wizard pages: a yes/no/unknown question row and an item card.

Rows write straight into the wizard's ``WizardState`` and read their value back from it,
so a page can be rebuilt at any time without losing an answer.
"""
from __future__ import annotations

import html
from typing import Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QHBoxLayout, QLabel, QRadioButton, QScrollArea, QVBoxLayout, QWidget,
)

from ...policy.schema import Item, Pack
from .state import ANSWER_LABELS, WizardState, kind_label

_VALUES = (("yes", True), ("no", False), ("unknown", None))


def item_html(pack: Pack, item: Item, heading: bool = True) -> str:
    """Citation, title and the verbatim text of an item (the text exactly as the pack holds it)."""
    parts = []
    if heading:
        parts.append(f"<b>{html.escape(item.citation)}</b>　{html.escape(item.title)}"
                     f"　<span style='color:#666'>[{html.escape(kind_label(pack, item.kind))}]</span>")
    parts.append(f"<div style='margin-top:4px'>“{html.escape(item.text)}”</div>")
    parts.append(f"<div style='color:#666'>——《{html.escape(pack.title)}》（{html.escape(pack.doc_number)}）"
                 f"{html.escape(item.citation)}</div>")
    if item.catch_all:
        parts.append("<div style='color:#a40'>兜底情形：须书面说明理由，并提交集体研究。</div>")
    return "".join(parts)


class AnswerRow(QWidget):
    """One fact: its question and three radio buttons 是 / 否 / 不清楚 (objectName ``<fact>:yes`` ...)."""

    changed = Signal(str)

    def __init__(self, state: WizardState, fact_id: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.state = state
        self.fact_id = fact_id
        self.setObjectName(f"row:{fact_id}")
        fact = state.pack.fact(fact_id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        question = QLabel(fact.question)
        question.setWordWrap(True)
        question.setObjectName(f"question:{fact_id}")
        layout.addWidget(question)
        if fact.help:
            hint = QLabel(fact.help)
            hint.setWordWrap(True)
            hint.setStyleSheet("color:#666")
            layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, value in _VALUES:
            rb = QRadioButton(ANSWER_LABELS[value])
            rb.setObjectName(f"{fact_id}:{key}")
            self.group.addButton(rb)
            self.buttons[key] = rb
            buttons.addWidget(rb)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()
        self.group.buttonToggled.connect(self._toggled)

    def refresh(self) -> None:
        """Show the state's answer (no button checked while the fact was never asked)."""
        self.group.blockSignals(True)
        if not self.state.is_asked(self.fact_id):
            self.group.setExclusive(False)
            for rb in self.buttons.values():
                rb.setChecked(False)
            self.group.setExclusive(True)
        else:
            value = self.state.answers[self.fact_id]
            key = next(k for k, v in _VALUES if v is value)
            self.buttons[key].setChecked(True)
        self.group.blockSignals(False)

    def _toggled(self, button, checked: bool) -> None:
        if not checked:
            return
        value = dict(_VALUES)[button.objectName().rsplit(":", 1)[1]]
        self.state.answer(self.fact_id, value)
        self.changed.emit(self.fact_id)


class ItemCard(QFrame):
    """An item's verbatim text and citation, with question rows for some of its facts."""

    def __init__(self, state: WizardState, item: Item, parent: Optional[QWidget] = None,
                 header: Optional[QWidget] = None):
        super().__init__(parent)
        self.state = state
        self.item = item
        self.setObjectName(f"card:{item.id}")
        self.setFrameShape(QFrame.StyledPanel)
        self._layout = QVBoxLayout(self)
        if header is not None:
            self._layout.addWidget(header)
        self.text_label = QLabel(item_html(state.pack, item, heading=header is None))
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.RichText)
        self.text_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self._layout.addWidget(self.text_label)
        self.status = QLabel()
        self.status.setObjectName(f"status:{item.id}")
        self.status.setStyleSheet("color:#036")
        self._layout.addWidget(self.status)
        self.rows: dict[str, AnswerRow] = {}

    def add_row(self, fact_id: str, on_change: Callable[[str], None]) -> AnswerRow:
        row = AnswerRow(self.state, fact_id, self)
        row.changed.connect(on_change)
        self._layout.addWidget(row)
        self.rows[fact_id] = row
        return row

    def add_note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color:#666")
        self._layout.addWidget(label)
        return label


class ScrollBody(QScrollArea):
    """A scrollable column that pages fill with cards and rebuild on every visit."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self._new_body()

    def _new_body(self) -> None:
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setAlignment(Qt.AlignTop)
        self.setWidget(body)  # deletes the previous body and everything in it

    def clear(self) -> None:
        self._new_body()

    def add(self, widget: QWidget) -> QWidget:
        self.column.addWidget(widget)
        return widget

    def add_label(self, text: str, rich: bool = False, name: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.RichText if rich else Qt.PlainText)
        if name:
            label.setObjectName(name)
        self.column.addWidget(label)
        return label


def answer_text(value) -> str:
    return ANSWER_LABELS.get(value, "未回答")
