"""Chinese line breaking (禁则) for ReportLab paragraphs.

ReportLab's CJK wrapping lets a full-width comma (，U+FF0C), ！？：；》”’ start a line,
never checks opening brackets at a line end, and hangs a closing mark in the right
margin. ``install()`` (called once before rendering) extends ``ALL_CANNOT_START`` /
``ALL_CANNOT_END`` in ``reportlab.lib.textsplit`` and ``reportlab.platypus.paragraph``
and replaces both CJK splitters (single-fragment ``textsplit.dumbSplit`` and
multi-fragment ``paragraph.cjkFragSplit``) with one that pushes characters down to the
next line (推出) until no line starts with a closing mark and none ends with an opening
one. Lines therefore never exceed the measure (版心); justification spreads the rest.
"""
from __future__ import annotations

CANNOT_START = ("，。、；：！？）》”’」』】〕〉〗．…—～·%‰℃°"
                ",.;:!?)]}'\"\u00b7\u2019\u201d\u3001\u3002\uff09\uff0c\uff1a\uff1b\uff01\uff1f")
CANNOT_END = "（《“‘「『【〔〈〖([{\u2018\u201c\uff08□■☐☑"  # a check box stays with its label
_ALNUM = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_installed = False


def choose_break(text, start: int, overflow: int) -> int:
    """Index where the next line starts, given that text[overflow] no longer fits.

    ``start`` is the index of the current line's first character; the result is
    always > start (progress), and <= overflow (never over the measure) unless a
    single character is wider than the line.
    """
    b = overflow
    if b <= start:
        return start + 1
    # a Latin word or number is not cut in the middle when it can move down whole
    if text[b] in _ALNUM and text[b - 1] in _ALNUM:
        j = b - 1
        while j > start and text[j - 1] in _ALNUM:
            j -= 1
        if j > start + (b - start) // 2:
            b = j
    # 禁则: push down until the new line starts with an allowed char and this line ends with one
    k = b
    while k > start + 1 and (text[k] in CANNOT_START or text[k - 1] in CANNOT_END):
        k -= 1
    if k > start + 1 or not (text[k] in CANNOT_START or text[k - 1] in CANNOT_END):
        return k
    return b  # the whole line is punctuation: give up rather than loop


def violations(lines) -> list[tuple[int, str]]:
    """(line number, reason) for every line that starts or ends against the rules."""
    bad = []
    for n, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if n and s[0] in CANNOT_START:  # a paragraph may begin with anything
            bad.append((n, f"starts with {s[0]}"))
        if n < len(lines) - 1 and s[-1] in CANNOT_END:
            bad.append((n, f"ends with {s[-1]}"))
    return bad


def _split(text, widths, max_widths, fuzz):
    """Yield (start, end, width_used) line spans of text."""
    n = len(text)
    i = start = 0
    used = 0.0
    line_no = 0
    max_w = max_widths[0]
    while i < n:
        used += widths[i]
        if used > max_w + fuzz and i > start:
            b = choose_break(text, start, i)
            yield start, b, sum(widths[start:b])
            line_no += 1
            max_w = max_widths[min(line_no, len(max_widths) - 1)]
            start = i = b
            used = 0.0
            continue
        i += 1
    if start < n:
        yield start, n, sum(widths[start:n])


def install() -> None:
    """Patch ReportLab once (idempotent)."""
    global _installed
    if _installed:
        return
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph
    from reportlab.rl_config import _FUZZ

    extra_start = "".join(c for c in CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + extra_start
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START
    extra_end = "".join(c for c in CANNOT_END if c not in textsplit.ALL_CANNOT_END)
    textsplit.ALL_CANNOT_END = textsplit.ALL_CANNOT_END + extra_end
    paragraph.ALL_CANNOT_END = textsplit.ALL_CANNOT_END

    def dumb_split(word, widths, max_widths):
        if not isinstance(max_widths, (list, tuple)):
            max_widths = [max_widths]
        lines = []
        for n, (a, b, used) in enumerate(_split(word, widths, max_widths, _FUZZ)):
            max_w = max_widths[min(n, len(max_widths) - 1)]
            piece = word[a:b] if b == len(word) else word[a:b].rstrip(" ")
            lines.append([max_w - used, piece])
        return lines

    def cjk_frag_split(frags, max_widths, calc_bounds, encoding="utf8"):
        units = []
        for f in frags:
            text = f.text
            if isinstance(text, bytes):
                text = text.decode(encoding)
            if text:
                units.extend(paragraph.cjkU(t, f, encoding) for t in text)
            else:
                units.append(paragraph.cjkU(text, f, encoding))
        lines = []
        # explicit <br/> line breaks come as frags with lineBreak; split at them first
        segments, seg = [], []
        for u in units:
            seg.append(u)
            if hasattr(u.frag, "lineBreak"):
                segments.append((seg, True))
                seg = []
        if seg:
            segments.append((seg, False))
        for seg, hard in segments:
            chars = [u if len(u) == 1 else "\ufffc" for u in seg]  # images/empty frags count as objects
            widths = []
            for u in seg:
                w = u.width
                if hasattr(w, "normalizedValue"):
                    w = w.normalizedValue(max_widths[0])
                widths.append(w)
            spans = list(_split(chars, widths, max_widths, _FUZZ))
            if not spans:
                spans = [(0, 0, 0.0)]
            for k, (a, b, used) in enumerate(spans):
                max_w = max_widths[min(len(lines), len(max_widths) - 1)]
                last = k == len(spans) - 1
                lines.append(paragraph.makeCJKParaLine(seg[a:b], max_w, used, max_w - used,
                                                       hard and last, calc_bounds))
        return paragraph.ParaLines(kind=1, lines=lines)

    textsplit.dumbSplit = dumb_split
    paragraph.cjkFragSplit = cjk_frag_split
    _installed = True
