"""GUI test helpers: start the real app on a temporary data folder and click through it."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox


WAIT = 20000  # ms: generous, so that a loaded CI machine does not turn a slow step into a failure

# The offscreen platform (tests run without a display) cannot raise windows, grab the keyboard or
# propagate size hints, and says so as a warning; that is the test platform, not the app.
OFFSCREEN_LIMITS = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def start_app(qtbot):
    """start_app(data_dir, *extra_args) -> AppContext; every context is closed at the end of the test."""
    from mianze_desktop.gui.app import start

    contexts = []

    def _start(data_dir, *extra):
        ctx = start(["--data-dir", str(data_dir), *extra])
        contexts.append(ctx)
        return ctx

    yield _start
    for ctx in contexts:
        for w in (ctx.window, ctx.first_run_dialog):
            if w is not None:
                try:
                    w.close()
                except RuntimeError:  # already deleted by Qt
                    pass
        ctx.close()


def finish_first_run(qtbot, ctx, unit="测试县民政局", policy="weihai-2023", samples=False):
    """Fill the first-run dialog as a user would and press OK; returns the main window."""
    dialog = ctx.first_run_dialog
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.ui.unitNameEdit, unit)
    combo = dialog.ui.defaultPolicyCombo
    combo.setCurrentIndex(combo.findData(policy))
    if dialog.ui.loadSamplesCheck.isChecked() != samples:
        qtbot.mouseClick(dialog.ui.loadSamplesCheck, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctx.window is not None and ctx.window.isVisible(), timeout=WAIT)
    return ctx.window


@pytest.fixture
def main_window(qtbot, start_app, data_dir):
    ctx = start_app(data_dir)
    return finish_first_run(qtbot, ctx)


def click(qtbot, widget):
    assert widget.isEnabled(), f"{widget.objectName()} is disabled: {widget.toolTip()}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ime_type(qtbot, widget, text):
    """Type ``text`` as a user does: ASCII by key presses, Chinese as the input method commits it."""
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, widget, text):
    """Focus a field, clear it with Ctrl+A / Delete and type ``text``."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    ime_type(qtbot, widget, text)


def activate(qtbot, window):
    """Make ``window`` the active window, so its shortcuts (Ctrl+N, Ctrl+F …) reach it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
