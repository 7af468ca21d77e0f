"""Open each main screen of the desktop app with the sample cases and save PNGs.

    python scripts/screenshots.py OUT_DIR            # offscreen, no display needed
    xvfb-run -a python scripts/screenshots.py OUT_DIR

Uses a fresh temporary data folder (the sample cases are loaded into it).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: screenshots.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = Path(tempfile.mkdtemp(prefix="mianze-shots-"))
    from PySide6.QtWidgets import QApplication

    from mianze_desktop.gui.app import start

    saved = []

    def shot(widget, name, size=None):
        if size:
            widget.resize(*size)
        widget.show()
        for _ in range(5):
            QApplication.processEvents()
            time.sleep(0.02)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    ctx = start(["--data-dir", str(data)])
    shot(ctx.first_run_dialog, "01-first-run")
    dlg = ctx.first_run_dialog
    dlg.ui.unitNameEdit.setText("示例县民政局")
    dlg.ui.loadSamplesCheck.setChecked(True)
    dlg.accept()
    QApplication.processEvents()
    main_window = ctx.window
    QApplication.processEvents()
    from PySide6.QtCore import QThreadPool

    main_window.refresh_dashboard()
    QThreadPool.globalInstance().waitForDone()  # the dashboard counts in the thread pool
    QApplication.processEvents()
    shot(main_window, "02-main-window", (1280, 800))
    svc = ctx.service
    open_cases = [s for s in svc.cases.list(limit=None) if s["status"] not in ("archive",)]
    decided = [s for s in svc.cases.list(limit=None) if s.get("outcome")]
    case = (decided or open_cases)[0]
    window = main_window.open_case(case["id"])
    tabs = window.ui.tabWidget
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        shot(window, f"03-case-{index + 1}-{tabs.widget(index).objectName()}", (1100, 820))
    window.close()
    if open_cases:
        w2 = main_window.open_case(open_cases[0]["id"])
        shot(w2, "04-case-open-stage-buttons", (1100, 820))
        w2.close()
    new = main_window.new_case(policy="puyang-2024")
    shot(new, "05-new-case", (1100, 820))
    new.panel.set_value("applicant", "")
    new.close()
    browser = main_window.show_policies()
    browser.ui.tabWidget.setCurrentIndex(1)
    tree = browser.ui.itemTree
    tree.setCurrentIndex(browser.item_model.index(0, 0, browser.item_model.index(0, 0)))
    shot(browser, "06-policy-browser-items", (1100, 720))
    browser.ui.tabWidget.setCurrentIndex(2)
    shot(browser, "07-policy-browser-procedure", (1100, 720))
    browser.close()
    settings = main_window.show_settings()
    shot(settings, "08-settings")
    settings.ui.tabWidget.setCurrentWidget(settings.ui.fontsTab)
    shot(settings, "09-settings-fonts")
    settings.reject()
    export = main_window.export_ledger()
    shot(export, "10-ledger-export")
    export.reject()
    imp = main_window.import_ledger()
    shot(imp, "11-ledger-import", (800, 480))
    imp.reject()
    if decided:
        from mianze_desktop.gui.print_preview import PrintPreview
        from mianze_desktop.gui.printing import output_path

        rec = svc.cases.get(decided[0]["id"])
        kind = next((d.kind for d in svc.policies.get(rec["policy"]).documents if d.source == "decision"), None)
        if kind:
            pdf = output_path(svc, rec["number"], kind)
            svc.documents.render_case(rec["id"], kind, pdf)
            preview = PrintPreview(pdf, f"{rec['number']}")
            shot(preview, "12-print-preview", (820, 1000))
            preview.close()
    main_window.close()
    ctx.close()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
