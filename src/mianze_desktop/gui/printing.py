"""Render a case's document to PDF (off the UI thread) and show it in the print preview."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtWidgets import QInputDialog

from .tasks import run_task


def output_path(service, number: str, kind: str) -> Path:
    """<data_dir>/printouts/<case number>-<kind>.pdf (overwritten on every print)."""
    folder = Path(service.data_dir) / "printouts"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{number}-{kind}")
    return folder / f"{safe}.pdf"


def render_then_preview(parent, service, case_id: int, kind: str, title: str, number: str,
                        on_shown: Optional[Callable] = None):
    """Render in the thread pool; open the preview (or an error dialog) when done. Returns the Task."""
    from .crash import show_error

    out = output_path(service, number, kind)
    if hasattr(parent, "set_busy"):
        parent.set_busy(f"正在生成「{title}」…")

    def done(info):
        from .print_preview import PrintPreview

        if hasattr(parent, "set_busy"):
            parent.set_busy("")
        preview = PrintPreview(info.get("path", out), title=f"{number}　{title}", parent=parent,
                               suggested_name=f"{number}-{title}.pdf")
        preview.show()
        parent._last_preview = preview
        if on_shown:
            on_shown(preview)

    def failed(exc, details):
        from .messages import translate

        if hasattr(parent, "set_busy"):
            parent.set_busy(f"无法生成「{title}」：{translate(str(exc))}")
        parent._last_print_error = exc
        show_error(parent, exc, details, title="无法生成文书")

    return run_task(lambda progress: service.documents.render_case(case_id, kind, out), done, failed)


def choose_and_print(parent, service, case_id: int):
    """Ask which of the case's documents to print (main window Ctrl+P), then preview it."""
    record = service.cases.get(case_id)
    docs = service.documents.list_docs(record["policy"])
    if not docs:
        return None
    titles = [d["title"] for d in docs]
    title, ok = QInputDialog.getItem(parent, "打印文书", f"{record['number']}　选择要打印的文书：", titles, 0, False)
    if not ok or title not in titles:
        return None
    kind = docs[titles.index(title)]["kind"]
    return render_then_preview(parent, service, case_id, kind, title, record["number"])
