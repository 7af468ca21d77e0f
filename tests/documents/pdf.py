"""Reading PDFs back with poppler (pdftotext, pdffonts, pdfinfo) and building invented case records."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

MM = 72 / 25.4
PAGE_NO = re.compile(r"^— \d+ —$")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} (poppler-utils) is not installed")
    return path


def run(*args) -> str:
    proc = subprocess.run([_tool(args[0]), *map(str, args[1:])], capture_output=True, text=True, encoding="utf-8",
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def raw_text(pdf: Path, x_from: float | None = None) -> str:
    """Text in drawing order (each drawn line on its own line); ``x_from`` crops to the right of x (points)."""
    crop = ["-x", int(x_from), "-y", 0, "-W", 596 - int(x_from), "-H", 842] if x_from is not None else []
    return run("pdftotext", "-raw", "-enc", "UTF-8", *crop, pdf, "-")


VALUE_COLUMN_X = (28 + 34) * MM + 1  # annex tables: label column 34 mm, value cells to its right


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(pdf: Path, drop=(), x_from: float | None = None) -> str:
    """Drawn text without page numbers (and without ``drop`` strings), whitespace removed."""
    kept = []
    for line in raw_text(pdf, x_from).splitlines():
        s = line.strip()
        if PAGE_NO.match(s):
            continue
        for d in drop:
            s = s.replace(d, "")
        kept.append(s)
    return squeeze("".join(kept))


def info(pdf: Path) -> dict:
    out = {}
    for line in run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def fonts(pdf: Path) -> list[dict]:
    lines = run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type(encoding may have spaces in type: "TrueType" / "CID TrueType") ... emb sub uni id gen
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3], "line": line})
    return rows


def words(pdf: Path, page: int) -> list[dict]:
    """[{text, xMin, yMin, xMax, yMax}] of one page (points, origin top-left)."""
    xml = run("pdftotext", "-bbox", "-f", page, "-l", page, pdf, "-")
    xml = xml[xml.index("<html"):] if "<html" in xml else xml
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    out = []
    for el in root.iter():
        if el.tag.endswith("word"):
            out.append({"text": el.text or "", **{k: float(el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}})
    return out


def lines_of(pdf: Path, x_from: float | None = None) -> list[str]:
    """Every drawn line of every page (pdftotext -raw), stripped, page numbers removed."""
    return [s for s in (line.strip() for line in raw_text(pdf, x_from).splitlines()) if s and not PAGE_NO.match(s)]


def rules(pdf: Path, page: int) -> list[tuple[float, float]]:
    """End points (points, origin top-left) of the stroked lines of one page (table rules, 版记 rules), read
    from poppler's SVG rendering (pdftocairo -svg): pdftotext sees only text."""
    svg = run("pdftocairo", "-svg", "-f", page, "-l", page, pdf, "-")
    points = []
    for m in re.finditer(r'<path style="fill:none;[^"]*" d="([^"]*)" transform="matrix\(([^)]*)\)"', svg):
        a, b, c, d, e, f = (float(v) for v in m.group(2).split(","))
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", m.group(1))]
        points += [(a * x + c * y + e, b * x + d * y + f) for x, y in zip(nums[::2], nums[1::2])]
    return points
