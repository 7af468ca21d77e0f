"""Run slow work (ledger export/import, PDF rendering) off the UI thread.

``run_task(fn, on_success, on_failure)`` runs ``fn(progress)`` on the global
QThreadPool; the callbacks run on the UI thread. ``progress(done, total)`` may
be called from the worker to drive a progress bar (``on_progress``).
"""
from __future__ import annotations

import traceback
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_LIVE: set = set()  # keep the signal objects alive until their task reports back


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object, str)
    progressed = Signal(int, int)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], signals: _Signals):
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread
        try:
            try:
                value = self.fn(lambda done, total: self.signals.progressed.emit(int(done), int(total)))
            except BaseException as exc:  # reported to the UI thread, never lost
                self.signals.failed.emit(exc, traceback.format_exc())
            else:
                self.signals.succeeded.emit(value)
        except RuntimeError:  # the application is being torn down: nobody is left to report to
            pass


class Task(QObject):
    """Handle of a running task: ``finished`` is emitted after either callback ran."""

    finished = Signal()

    def __init__(self):
        super().__init__()
        self.done = False
        self.result: Any = None
        self.error: Optional[BaseException] = None


def run_task(fn: Callable, on_success: Optional[Callable[[Any], None]] = None,
             on_failure: Optional[Callable[[BaseException, str], None]] = None,
             on_progress: Optional[Callable[[int, int], None]] = None,
             pool: Optional[QThreadPool] = None) -> Task:
    signals = _Signals()
    task = Task()
    _LIVE.add((signals, task))

    def finish():
        task.done = True
        _LIVE.discard((signals, task))
        task.finished.emit()

    def succeeded(value):
        task.result = value
        try:
            if on_success:
                on_success(value)
        finally:
            finish()

    def failed(exc, tb):
        task.error = exc
        try:
            if on_failure:
                on_failure(exc, tb)
            else:
                raise exc
        finally:
            finish()

    signals.succeeded.connect(succeeded)
    signals.failed.connect(failed)
    if on_progress:
        signals.progressed.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, signals))
    return task
