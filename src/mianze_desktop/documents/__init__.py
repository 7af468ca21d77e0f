"""Printed documents (PDF): the annex forms and letters a policy pack declares, in 公文 format.

Qt-free; ReportLab is imported inside functions only. Entry points:
``list_documents(pack)``, ``render(pack, kind, record_or_None, out_path)``, ``available_fonts()``.
``record`` is a case record dict (see the case record contract in the team brief);
``None`` prints a blank form for filling by hand.
"""
from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Optional

from .fonts import FontError, available_fonts
from .values import DocumentError

__all__ = ["DocumentError", "FontError", "available_fonts", "list_documents", "render", "prepare"]


def list_documents(pack) -> list[dict]:
    return [{"kind": d.kind, "title": d.title} for d in pack.documents]


def find_document(pack, kind: str):
    for d in pack.documents:
        if d.kind == kind:
            return d
    known = "、".join(f"{d.kind}（{d.title}）" for d in pack.documents) or "（无）"
    raise DocumentError(f"政策 {pack.id} 没有文书 {kind!r}；可选：{known}")


_prepare_lock = threading.Lock()  # the GUI renders on a worker thread


def prepare() -> dict:
    """Load fonts and install the line-breaking rules (once); returns {role: font name}."""
    from .fonts import register_all
    from .linebreak import install

    with _prepare_lock:
        install()
        return register_all()


def render(pack, kind: str, record: Optional[dict], out_path, *, blank: bool = False) -> dict:
    """Write the PDF; returns {"path", "pages", "kind", "title"}.

    The file is written next to ``out_path`` and renamed into place, so a failed render
    leaves an existing file untouched.
    """
    from .layout import build_pdf
    from .compose import build_story

    doc = find_document(pack, kind)
    if record is not None and not isinstance(record, dict):
        raise DocumentError(f"case record must be a dict, not {type(record).__name__}")
    if blank:
        record = None
    fonts = prepare()
    story = build_story(pack, doc, record, fonts)
    out = Path(out_path)
    if out.parent and not out.parent.exists():
        raise DocumentError(f"{out}: folder {out.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".mianze-", suffix=".pdf", dir=str(out.parent or "."))
    os.close(fd)
    try:
        author = ""
        subject = pack.title
        title = doc.title
        if record:
            title = f"{doc.title}（{record.get('number') or record.get('id') or ''}）".replace("（）", "")
        try:
            pages = build_pdf(tmp, story, fonts, title=title, author=author, subject=subject)
        except Exception as exc:
            from reportlab.platypus.doctemplate import LayoutError

            if isinstance(exc, LayoutError):
                raise DocumentError(f"文书「{doc.title}」无法排版：{exc}") from None
            raise
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return {"path": str(out), "pages": pages, "kind": doc.kind, "title": doc.title}
