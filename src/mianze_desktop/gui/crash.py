"""Rotating log file in the data dir and ``sys.excepthook`` → an error dialog.

The log never holds personal data: messages are passed through ``redact`` which
removes Chinese text (names, units, case facts), long digit runs (ID card and
phone numbers) and e-mail addresses; tracebacks keep only file, line and function.
"""
from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path
from typing import Callable, Optional

LOG_NAME = "mianze-desktop.log"
log = logging.getLogger("mianze_desktop.gui")

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_DIGITS = re.compile(r"\d{6,}[\dXx]?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_QUOTED = re.compile(r"(['\"]).{0,200}?\1")


def redact(text: str) -> str:
    text = _EMAIL.sub("<email>", str(text))
    text = _CJK.sub("<…>", text)
    text = _DIGITS.sub("<number>", text)
    return text


def safe_traceback(exc_type, exc, tb) -> str:
    """Type, redacted message and the frames (file:line in function) — no source lines, no locals."""
    lines = [f"{exc_type.__name__}: {redact(_QUOTED.sub('<…>', str(exc)))}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Optional[Path]:
    """Log to <data_dir>/logs/mianze-desktop.log (1 MB × 5). Returns the path, or None if unwritable."""
    root = logging.getLogger("mianze_desktop")
    for h in list(root.handlers):
        if getattr(h, "_mianze_gui", False):
            root.removeHandler(h)
            h.close()
    path = Path(data_dir) / "logs" / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    handler = _LogFile(path)
    handler._mianze_gui = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RedactFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return path


class _LogFile(logging.Handler):
    """The rotating log file (1 MB × 5), opened at the first record: logging.handlers (with socket,
    pickle, queue) is not imported at every start for a file most runs never write to."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: Optional[logging.Handler] = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                from logging.handlers import RotatingFileHandler

                self._file = RotatingFileHandler(self.path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
                self._file.setFormatter(self.formatter)
            self._file.emit(record)
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


class _RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info:
            record.msg += "\n" + safe_traceback(*record.exc_info)
            record.exc_info = None
            record.exc_text = None
        return True


def user_message(exc: BaseException) -> str:
    """What the dialog shows: the service's own message for user errors, else a generic one."""
    from ..service.errors import ServiceError

    if isinstance(exc, ServiceError):
        return str(exc)
    return f"程序发生意外错误（{type(exc).__name__}）。已输入的内容已自动保存为草稿。\n\n{exc}"


def install_excepthook(parent: Callable[[], object] = lambda: None) -> Callable:
    """Route uncaught exceptions to the log and a (non-blocking) error dialog."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught exception\n%s", safe_traceback(exc_type, exc, tb))
        try:
            show_error(parent(), exc, "".join(traceback.format_exception(exc_type, exc, tb)))
        except Exception:  # never recurse into the hook
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
    return hook


def show_error(parent, exc: BaseException, details: str = "", title: str = "出错了"):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return None
    box = QMessageBox(QMessageBox.Icon.Critical, title, user_message(exc), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()  # window-modal, does not block the event loop
    return box
