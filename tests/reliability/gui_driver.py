"""A small driver that runs the real desktop app in its own process (offscreen) for the kill test.

    python -m tests.reliability.gui_driver type  DATA_DIR CASE_ID   # type, print {"typed": …}, wait to be killed
    python -m tests.reliability.gui_driver check DATA_DIR CASE_ID   # start again, print what came back, quit

``type`` opens a new application and the saved case CASE_ID and types into their
application forms with key presses (ASCII) and input-method commits (Chinese), the
way a user does, so the text goes through the form's own autosave path.
"""
from __future__ import annotations

import json
import re
import sys

NEW_TEXT = {"applicant": "钱未存 Qian", "facts_reasons": "打了很长一段事实和理由 ABC-123，还没有保存。"}
CASE_TEXT = {"remarks": "杀进程前输入的备注 note-42"}


def _type(widget, text: str) -> None:
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            QTest.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def _wait(app, predicate, seconds: float = 20.0) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if predicate():
            return True
        time.sleep(0.01)
    return False


def main(argv=None) -> int:
    mode, data_dir, case_id = (argv or sys.argv[1:])[:3]
    case_id = int(case_id)
    from mianze_desktop.gui.app import start

    ctx = start(["--data-dir", data_dir])
    if ctx.exit_code is not None or ctx.window is None:
        print(json.dumps({"error": f"app did not start (exit {ctx.exit_code})"}), flush=True)
        return 2
    app, main_window = ctx.app, ctx.window
    if mode == "type":
        new = main_window.new_case()
        for fid, text in NEW_TEXT.items():
            _type(new.panel.widgets[fid], text)
        window = main_window.open_case(case_id)
        for fid, text in CASE_TEXT.items():
            _type(window.panel.widgets[fid], text)
        print(json.dumps({"typed": True, "new": new.panel.values(), "case": window.panel.values()},
                         ensure_ascii=False), flush=True)
        return app.exec()  # the test kills us here
    # check: drafts of new applications are reopened by the main window; the case's on opening it
    _wait(app, lambda: any(w.case_id is None for w in main_window.case_windows.values()))
    restored = [w.panel.values() for w in main_window.case_windows.values() if w.case_id is None]
    window = main_window.open_case(case_id)
    saved = ctx.service.cases.get(case_id)
    print(json.dumps({"new": restored, "case": window.panel.values(), "saved_remarks": saved["remarks"],
                      "message": window.ui.messageLabel.text()}, ensure_ascii=False), flush=True)
    for w in list(main_window.case_windows.values()):
        w.close()
    main_window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
