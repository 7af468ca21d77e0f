"""Widgets generated from a pack's form fields (application_form / decision_form).

Generic: the pack's field list decides labels, types, choices, help and which are
required. ``FormPanel.values()`` gives {field id: value} ready for the service;
``missing_required()`` only marks what is empty so the user sees it at once — the
service validates again when saving.
"""
from __future__ import annotations

from typing import Iterable, Optional

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSizePolicy, QWidget)

EMPTY_DATE = QDate(1900, 1, 1)
INVALID_STYLE = "border: 2px solid #c62828;"


class DateField(QDateEdit):
    """A date that may be left empty (shown as 「未填写」)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(EMPTY_DATE)
        self.setSpecialValueText("未填写")
        self.setDate(EMPTY_DATE)

    def value(self) -> str:
        return "" if self.date() == EMPTY_DATE else self.date().toString("yyyy-MM-dd")

    def set_value(self, value) -> None:
        date = QDate.fromString(str(value)[:10], "yyyy-MM-dd") if value else QDate()
        self.setDate(date if date.isValid() else EMPTY_DATE)


class FormPanel(QObject):
    changed = Signal()

    def __init__(self, fields: Iterable, host: QWidget, read_only: Iterable[str] = ()):
        super().__init__(host)
        self.fields = list(fields)
        self.host = host
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        layout = host.layout()
        if layout is None:
            layout = QFormLayout(host)
        self.layout: QFormLayout = layout
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in self.fields:
            widget = self._make(f)
            widget.setObjectName(f"field_{f.id}")
            if f.help:
                widget.setToolTip(f.help)
            label = QLabel(f"{f.label}{'（必填）' if f.required else ''}", host)
            label.setBuddy(widget)
            if f.help:
                label.setToolTip(f.help)
            self.layout.addRow(label, widget)
            self.widgets[f.id] = widget
            self.labels[f.id] = label
            if f.id in read_only:
                self._set_read_only(widget, True)

    def _make(self, f) -> QWidget:
        if f.type == "textarea":
            w = QPlainTextEdit(self.host)
            w.setTabChangesFocus(True)
            w.setMinimumHeight(110 if not f.signature else 80)
            w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
            if f.help:
                w.setPlaceholderText(f.help)
            w.textChanged.connect(self.changed)
        elif f.type == "date":
            w = DateField(self.host)
            w.dateChanged.connect(self.changed)
        elif f.type == "choice":
            w = QComboBox(self.host)
            w.addItem("", "")
            for choice in f.choices:
                w.addItem(choice, choice)
            w.currentIndexChanged.connect(self.changed)
        else:
            w = QLineEdit(self.host)
            if f.max_length:
                w.setMaxLength(f.max_length)
            if f.type == "number":
                w.setValidator(QDoubleValidator(w))
            if f.help:
                w.setPlaceholderText(f.help)
            w.textChanged.connect(self.changed)
        return w

    @staticmethod
    def _set_read_only(widget, flag: bool) -> None:
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setReadOnly(flag)
        else:
            widget.setEnabled(not flag)

    def set_read_only(self, flag: bool) -> None:
        for w in self.widgets.values():
            self._set_read_only(w, flag)

    # -- values -----------------------------------------------------------
    def value(self, field_id: str) -> str:
        w = self.widgets[field_id]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, DateField):
            return w.value()
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        return w.text()

    def values(self) -> dict:
        return {fid: self.value(fid) for fid in self.widgets}

    def set_value(self, field_id: str, value) -> None:
        w = self.widgets.get(field_id)
        if w is None:
            return
        text = "" if value is None else str(value)
        if isinstance(w, QPlainTextEdit):
            if w.toPlainText() != text:
                w.setPlainText(text)
        elif isinstance(w, DateField):
            w.set_value(text)
        elif isinstance(w, QComboBox):
            index = w.findData(text)
            if index < 0 and text:
                w.addItem(text, text)  # a value saved under an older pack revision stays visible
                index = w.count() - 1
            w.setCurrentIndex(max(index, 0))
        elif w.text() != text:
            w.setText(text)

    def set_values(self, values: dict, block: bool = True) -> None:
        was = self.signalsBlocked()
        self.blockSignals(block)
        try:
            for fid, value in (values or {}).items():
                self.set_value(fid, value)
        finally:
            self.blockSignals(was)

    def missing_required(self) -> list[str]:
        """Ids of required fields left empty; their widgets are outlined in red."""
        missing = []
        for f in self.fields:
            empty = not str(self.value(f.id)).strip()
            bad = f.required and empty
            self.widgets[f.id].setStyleSheet(INVALID_STYLE if bad else "")
            if bad:
                missing.append(f.id)
        return missing

    def label_of(self, field_id: str) -> str:
        return next((f.label for f in self.fields if f.id == field_id), field_id)

    def focus(self, field_id: Optional[str]) -> None:
        if field_id in self.widgets:
            self.widgets[field_id].setFocus()
