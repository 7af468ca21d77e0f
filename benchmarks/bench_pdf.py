"""PDF printing.

pdf_warm: ms to render the 决定书 (weihai-2023 ``decision``: annex table, 800-character 调查事实) with
  fonts already loaded, against a minimal ReportLab document with the same text in the same fonts
  (SimpleDocTemplate + one CJK-wrapped Paragraph per text): ratio goal <= 1.5.
pdf_cold: ms for the first render in a fresh Python process (imports, pack loading, font lookup and
  registration, layout, writing the file), measured inside the process; goal <= 1000 ms. The
  process's whole wall time (interpreter start-up included) is reported as ``process_ms``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import median_time, result

POLICY, KIND, FACTS_CHARS = "weihai-2023", "decision", 800
SRC = Path(__file__).resolve().parents[1] / "src"

_COLD = r"""
import time
t0 = time.perf_counter()
import sys
from mianze_desktop.policy.registry import PolicyRegistry
from mianze_desktop import documents
from mianze_desktop.documents.sample import sample_record
pack = PolicyRegistry().get(sys.argv[1])
documents.render(pack, sys.argv[2], sample_record(pack, int(sys.argv[3])), sys.argv[4])
print((time.perf_counter() - t0) * 1000)
"""


def _texts(pack, record):
    """(role, text) of everything the document prints, for the baseline document."""
    from mianze_desktop.documents.values import form_fields, format_value, raw_value

    doc = pack.document(KIND)
    out = [("hei", doc.annex), ("title", doc.title)]
    fields = form_fields(pack)
    for fid in doc.fields:
        field, origin = fields[fid]
        out.append(("fangsong", field.label))
        value = format_value(raw_value(record, fid, origin), field.type, fid)
        out += [("fangsong", part) for part in value.split("\n") if part]
    return [(role, text) for role, text in out if text]


def _baseline(pack, record, fonts, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = {role: ParagraphStyle(role, fontName=fonts[role], fontSize=14, leading=22, wordWrap="CJK")
              for role in ("fangsong", "title", "hei")}
    story = [Paragraph(text, styles[role]) for role, text in _texts(pack, record)]
    SimpleDocTemplate(str(path), pagesize=A4, initialFontName=fonts["fangsong"]).build(story)


def bench_pdf_warm(quick: bool) -> dict:
    from mianze_desktop import documents
    from mianze_desktop.documents.sample import sample_record
    from mianze_desktop.policy.registry import PolicyRegistry

    pack = PolicyRegistry().get(POLICY)
    record = sample_record(pack, FACTS_CHARS)
    fonts = documents.prepare()
    repeat = 5 if quick else 21
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "ours.pdf"
        base = Path(tmp) / "baseline.pdf"
        pages = documents.render(pack, KIND, record, ours)["pages"]
        secs = median_time(lambda: documents.render(pack, KIND, record, ours), repeat=repeat, warmup=2)
        base_secs = median_time(lambda: _baseline(pack, record, fonts, base), repeat=repeat, warmup=2)
    return result("pdf_warm", secs * 1000, "ms", baseline=base_secs * 1000, goal="ratio <= 1.5",
                  pages=pages, document=f"{POLICY}/{KIND}")


def bench_pdf_cold(quick: bool) -> dict:
    runs = 1 if quick else 3
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    inside, wall = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(runs):
            out = Path(tmp) / f"cold{n}.pdf"
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", _COLD, POLICY, KIND, str(FACTS_CHARS), str(out)],
                                  capture_output=True, text=True, env=env, timeout=120)
            wall.append((time.perf_counter() - t0) * 1000)
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed")
            inside.append(float(proc.stdout.strip().splitlines()[-1]))
    inside.sort()
    wall.sort()
    return result("pdf_cold", inside[len(inside) // 2], "ms", goal="<= 1000 ms",
                  process_ms=round(wall[len(wall) // 2], 1))


BENCHMARKS = {"pdf_warm": bench_pdf_warm, "pdf_cold": bench_pdf_cold}
