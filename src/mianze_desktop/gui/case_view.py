"""The case list's table view (ui/main_window.ui promotes ``caseView`` to it).

It says when its rows are about to be painted for the first time (``first_paint``): the main window's
``first_painted`` — the list is on screen, deferred start-up work may follow. Listening here, in the
view's own viewportEvent, spares an event filter on the viewport widget, whose first hand-over to Python
makes PySide create the Python types of every widget class to tell which one it is (~8 ms at start).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QTableView


class CaseView(QTableView):
    first_paint = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._painted = False

    def viewportEvent(self, event) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.first_paint.emit()
        return super().viewportEvent(event)
