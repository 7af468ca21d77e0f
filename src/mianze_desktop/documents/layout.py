"""Page geometry (GB/T 9704-2012), text formatting helpers and the flowables the renderers use.

Geometry: A4; 天头 (top margin) 37 mm; 订口 (left margin) 28 mm; 版心 156 × 225 mm. Body text
3号仿宋 16 pt on a grid of 22 lines × 28 characters (leading 225 mm / 22, character pitch
156 mm / 28); titles 2号 22 pt; page numbers 「— 1 —」 in 4号宋体 14 pt, 7 mm below the 版心,
odd pages right and even pages left, one character in from the edge.

``TextBlock`` draws plain text itself instead of ReportLab's Paragraph: it needs the
character grid (PDF character spacing), justification by character spacing (CJK lines have
no spaces to stretch), the line-breaking rules of ``linebreak`` and an exact first baseline
(glyph tops of a page's first line sit on the 版心's top edge). ReportLab is imported inside
functions only; the flowable classes are built on first use by ``flowables()``.
"""
from __future__ import annotations

import datetime as dt
import re

from .fonts import check_text
from .linebreak import choose_break

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, LEFT = 37 * MM, 28 * MM
BLOCK_W, BLOCK_H = 156 * MM, 225 * MM
BOTTOM = PAGE_H - TOP - BLOCK_H  # 35 mm
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NO_SIZE = 14.0  # 4号
TABLE_SIZE = 14.0  # 4号, table cells of annex forms
LEADING = BLOCK_H / LINES_PER_PAGE  # 28.99 pt
PITCH = BLOCK_W / CHARS_PER_LINE  # 15.79 pt
TABLE_LEADING = 22.0
IDEO_SPACE = "\u3000"

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DOC_NO_YEAR = re.compile(r"[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]")


def cn_date(value) -> str:
    """2026-01-05 (str, date or datetime) -> 2026年1月5日 (no leading zeros); '' for empty."""
    if value in (None, ""):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    m = _ISO_DATE.match(str(value))
    if not m:
        return str(value)
    y, mo, d = (int(g) for g in m.groups())
    try:
        dt.date(y, mo, d)
    except ValueError:
        return str(value)
    return f"{y}年{mo}月{d}日"


BLANK_DATE = "　　年　　月　　日"


def doc_number(value) -> str:
    """Normalise a 发文字号: the year in 六角括号 〔〕 (「威民发[2023]24号」 -> 「威民发〔2023〕24号」)."""
    if value in (None, ""):
        return ""
    return _DOC_NO_YEAR.sub(lambda m: f"〔{m.group(1)}〕", str(value).strip())


def make_doc_number(prefix: str, year: int, seq: int) -> str:
    """发文字号 from its parts: make_doc_number('威民发', 2023, 24) -> '威民发〔2023〕24号'."""
    return f"{prefix}〔{year}〕{seq}号"


def page_number_text(n: int) -> str:
    return f"— {n} —"


def clean_text(value) -> str:
    """Text as it will be printed: newlines normalised, tabs to spaces, control characters dropped."""
    s = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return "".join(c for c in s if c == "\n" or c >= " ")


def _face(font: str):  # not cached: fonts.configure() may re-register a role's name with another file
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font).face


def char_widths(text: str, font: str, size: float) -> list[float]:
    face = _face(font)
    cw, default = face.charWidths, face.defaultWidth
    k = size / 1000.0
    return [cw.get(ord(c), default) * k for c in text]


def ascent(font: str) -> float:
    return _face(font).ascent / 1000.0


def break_lines(text: str, widths: list[float], first_width: float, rest_width: float,
                char_space: float) -> list[tuple[int, int]]:
    """Greedy line breaking with 禁则 (see linebreak.choose_break)."""
    lines = []
    n = len(text)
    start = i = 0
    used = 0.0
    limit = first_width
    while i < n:
        used += widths[i] + char_space
        if used > limit + 1e-6 and i > start:  # grid: every character advances width + char_space
            b = choose_break(text, start, i)
            lines.append((start, b))
            start = i = b
            used = 0.0
            limit = rest_width
            continue
        i += 1
    if start < n or not lines:
        lines.append((start, n))
    return lines


_classes: dict = {}


def flowables():
    """The flowable classes (built on first use so that ReportLab is imported lazily)."""
    if _classes:
        return _classes
    from reportlab.platypus import Flowable

    class TextBlock(Flowable):
        """One paragraph of plain text in one font; see the module docstring."""

        def __init__(self, text, font, size, leading, *, align="justify", first_indent=0.0, rest_indent=0.0,
                     right_indent=0.0, char_space=0.0, underline=frozenset(), where="", space_before=0.0,
                     space_after=0.0, min_height=0.0, _span=None, _head=True, _tail=True):
            super().__init__()
            self.text = text
            self.font, self.size, self.leading = font, size, leading
            self.align = align
            self.first_indent, self.rest_indent, self.right_indent = first_indent, rest_indent, right_indent
            self.char_space = char_space
            self.underline = underline
            self.space_before, self.space_after, self.min_height = space_before, space_after, min_height
            self._span = _span or (0, len(text))
            self._head, self._tail = _head, _tail
            self._lines = None
            self._avail = None
            self.width = self.height = 0
            if _span is None:
                check_text(font, text, where or "文字")

        def _layout(self, avail_width):
            if self._lines is not None and self._avail == avail_width:
                return
            a, b = self._span
            widths = char_widths(self.text[a:b], self.font, self.size)
            first = (self.first_indent if self._head else self.rest_indent)
            lines = break_lines(self.text[a:b], widths, avail_width - first - self.right_indent,
                                avail_width - self.rest_indent - self.right_indent, self.char_space)
            self._widths = widths
            self._lines = [(s + a, e + a) for s, e in lines] if b > a else []
            self._avail = avail_width

        def wrap(self, avail_width, avail_height):
            self._layout(avail_width)
            self.width = avail_width
            body = len(self._lines) * self.leading
            self.height = max(self.space_before + body + self.space_after, self.min_height)
            return self.width, self.height

        def split(self, avail_width, avail_height):
            self._layout(avail_width)
            k = int((avail_height - self.space_before + 1e-6) // self.leading)
            if k <= 0 or k >= len(self._lines):
                return []
            cut = self._lines[k][0]
            kw = dict(align=self.align, first_indent=self.first_indent, rest_indent=self.rest_indent,
                      right_indent=self.right_indent, char_space=self.char_space, underline=self.underline)
            head = TextBlock(self.text, self.font, self.size, self.leading, space_before=self.space_before,
                             _span=(self._span[0], cut), _head=self._head, _tail=False, **kw)
            tail = TextBlock(self.text, self.font, self.size, self.leading, space_after=self.space_after,
                             min_height=max(0.0, self.min_height - k * self.leading),
                             _span=(cut, self._span[1]), _head=False, _tail=self._tail, **kw)
            return [head, tail]

        def line_texts(self):
            return [self.text[a:b] for a, b in (self._lines or [])]

        def draw(self):
            if getattr(self, "hidden", False):
                return
            canv = self.canv
            canv.setFont(self.font, self.size)
            base0 = self.height - self.space_before - ascent(self.font) * self.size
            a0 = self._span[0]
            for i, (a, b) in enumerate(self._lines):
                widths = self._widths[a - a0:b - a0]
                n = b - a
                indent = self.first_indent if (i == 0 and self._head) else self.rest_indent
                avail = self.width - indent - self.right_indent
                natural = sum(widths) + self.char_space * max(n - 1, 0)
                tc = self.char_space
                x = indent
                last = self._tail and i == len(self._lines) - 1
                if self.align == "justify" and not last and n > 1 and avail > natural:
                    per = (avail - natural) / (n - 1)
                    if per < 0.12 * self.size:  # more would look spaced out (and read as spaces)
                        tc += per
                elif self.align == "center":
                    x += (avail - natural) / 2
                elif self.align == "right":
                    x += avail - natural
                y = base0 - i * self.leading
                canv.drawString(x, y, self.text[a:b], charSpace=tc)
                if self.underline:
                    self._underline(canv, a, b, widths, x, y, tc)

        def _underline(self, canv, a, b, widths, x, y, tc):
            pos = x
            run_start = None
            canv.setLineWidth(0.6)
            for k in range(a, b + 1):
                inside = k < b and k in self.underline
                if inside and run_start is None:
                    run_start = pos
                if not inside and run_start is not None:
                    canv.line(run_start, y - 0.18 * self.size, pos - tc, y - 0.18 * self.size)
                    run_start = None
                if k < b:
                    pos += widths[k - a] + tc

    class BottomBlock(Flowable):
        """Flowables pinned to the bottom of the page (版记): takes the rest of the frame."""

        def __init__(self, content):
            super().__init__()
            self.content = content
            self._need = 0.0

        def wrap(self, avail_width, avail_height):
            self._sizes = [f.wrap(avail_width, avail_height) for f in self.content]
            self._need = sum(h for _, h in self._sizes)
            self.width = avail_width
            self.height = max(self._need, avail_height - 1e-3) if self._need <= avail_height else self._need
            return self.width, self.height

        def draw(self):
            y = self._need
            for f, (_, h) in zip(self.content, self._sizes):
                y -= h
                f.drawOn(self.canv, 0, y)

    class Rule(Flowable):
        """A horizontal line across the block (版记 separators)."""

        def __init__(self, thickness_mm=0.35, space=3.0):
            super().__init__()
            self.thickness = thickness_mm * MM
            self.space = space

        def wrap(self, avail_width, avail_height):
            self.width = avail_width
            self.height = self.space * 2
            return self.width, self.height

        def draw(self):
            self.canv.setLineWidth(self.thickness)
            self.canv.line(0, self.space, self.width, self.space)

    _classes.update(TextBlock=TextBlock, BottomBlock=BottomBlock, Rule=Rule)
    return _classes


def build_pdf(out_path, story, fonts: dict, title: str, author: str = "", subject: str = "") -> int:
    """Lay out ``story`` on GB/T 9704 pages with page numbers; returns the page count."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    song = fonts["song"]
    check_text(song, page_number_text(1234567890), "页码")

    def on_page(canv, doc):
        n = doc.page
        text = page_number_text(n)
        canv.saveState()
        canv.setFont(song, PAGE_NO_SIZE)
        # the 一字线 sits 7 mm below the 版心; its centre is about 0.3 em above the baseline
        y = BOTTOM - 7 * MM - 0.3 * PAGE_NO_SIZE
        if n % 2:
            canv.drawRightString(LEFT + BLOCK_W - PAGE_NO_SIZE, y, text)
        else:
            canv.drawString(LEFT + PAGE_NO_SIZE, y, text)
        canv.restoreState()

    frame = Frame(LEFT, BOTTOM, BLOCK_W, BLOCK_H, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="block")
    doc = BaseDocTemplate(str(out_path), pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=PAGE_W - LEFT - BLOCK_W,
                          topMargin=TOP, bottomMargin=BOTTOM, title=title, author=author, subject=subject,
                          creator="mianze-desktop", invariant=1,
                          # the canvas' initial font would otherwise be an unembedded Helvetica
                          initialFontName=fonts["fangsong"], initialFontSize=BODY_SIZE)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(story)
    return doc.page
