"""Text rules without PDFs: dates, 发文字号, line breaking (our breaker and ReportLab's patched one)."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mianze_desktop.documents import layout, linebreak
from mianze_desktop.documents.compose import _balanced

from .records import stress_text

NO_START = "，。、；：！？）》”’"
NO_END = "（《“‘"


def test_cn_date_has_no_leading_zeros():
    assert layout.cn_date("2026-01-05") == "2026年1月5日"
    assert layout.cn_date(dt.date(2026, 11, 30)) == "2026年11月30日"
    assert layout.cn_date("2026-01-05T09:30:00") == "2026年1月5日"
    assert layout.cn_date("") == "" and layout.cn_date(None) == ""
    assert layout.cn_date("2026-02-30") == "2026-02-30"  # not a date: printed as typed, never crashes


def test_doc_number_uses_hexagonal_brackets():
    assert layout.doc_number("威民发[2023]24号") == "威民发〔2023〕24号"
    assert layout.doc_number("濮民（2024）16号") == "濮民〔2024〕16号"
    assert layout.doc_number("濮民〔2024〕16号") == "濮民〔2024〕16号"
    assert layout.make_doc_number("威民容决", 2026, 3) == "威民容决〔2026〕3号"


def test_page_number_text():
    assert layout.page_number_text(1) == "— 1 —"


def test_geometry_is_gbt9704():
    mm = layout.MM
    assert round(layout.PAGE_W / mm) == 210 and round(layout.PAGE_H / mm) == 297
    assert round(layout.TOP / mm) == 37 and round(layout.LEFT / mm) == 28
    assert round(layout.BLOCK_W / mm) == 156 and round(layout.BLOCK_H / mm) == 225
    assert round(layout.BOTTOM / mm) == 35
    assert abs(layout.LEADING * 22 - layout.BLOCK_H) < 1e-9 and abs(layout.PITCH * 28 - layout.BLOCK_W) < 1e-9


def test_balanced_labels():
    assert _balanced("主要事实及理由", 6) == "主要事实\n及理由"
    assert _balanced("备注", 6) == "备注"


def _lines(text, per_line=28):
    widths = [16.0 if ord(c) > 0x2000 else 8.0 for c in text]
    spans = layout.break_lines(text, widths, per_line * 16.0, per_line * 16.0, 0.0)
    return [text[a:b] for a, b in spans]


def _violations(lines):
    bad = []
    for n, line in enumerate(lines):
        if line and line[0] in NO_START:
            bad.append((n, line))
        if n < len(lines) - 1 and line and line[-1] in NO_END:
            bad.append((n, line))
    return bad


def test_breaker_obeys_rules_on_10000_character_stress_text():
    text = stress_text(10000)
    lines = _lines(text)
    assert "".join(lines) == text  # nothing lost, nothing doubled
    assert _violations(lines) == []
    assert all(len(line) <= 28 for line in lines)  # never over the measure


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="测试文字，。、；：！？）》”’（《“‘ab1 ", min_size=1, max_size=300),
       st.integers(min_value=3, max_value=30))
def test_breaker_never_loses_text_or_loops(text, per_line):
    lines = _lines(text, per_line)
    assert "".join(lines) == text
    assert all(lines)


def test_latin_words_move_down_whole():
    text = "测" * 25 + " reportlab"
    lines = _lines(text, 28)
    assert lines[1].strip() == "reportlab"


def _reportlab_lines(markup, font):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("t", fontName=font, fontSize=16, leading=20, wordWrap="CJK")
    p = Paragraph(markup, style)
    p.wrap(16 * 28, 1e9)
    out = []
    for line in p.blPara.lines:
        if isinstance(line, (list, tuple)):  # single-fragment path: (extraSpace, [text])
            out.append("".join(line[1]))
        else:
            out.append("".join(w.text for w in line.words))
    return out


def test_reportlab_paragraph_is_patched_for_both_paths():
    from mianze_desktop.documents import prepare

    fonts = prepare()
    text = stress_text(3000, seed=11)
    plain = _reportlab_lines(text, fonts["fangsong"])  # one fragment: textsplit.dumbSplit
    assert "".join(plain) == text and _violations(plain) == []
    marked = _reportlab_lines(text[:1500] + "<u>" + text[1500:] + "</u>", fonts["fangsong"])  # cjkFragSplit
    assert "".join(marked) == text and _violations(marked) == []
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for ch in NO_START:
        assert ch in textsplit.ALL_CANNOT_START and ch in paragraph.ALL_CANNOT_START
    for ch in NO_END:
        assert ch in textsplit.ALL_CANNOT_END
    assert linebreak.violations(plain) == []
