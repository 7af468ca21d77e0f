"""GB/T 9704 geometry of every document a pack declares, measured on the real PDFs with poppler:
the 版心 (28 mm from the left, 37 mm from the top, 156 × 225 mm), type sizes and the 22-line grid."""
from __future__ import annotations

from collections import Counter

import pytest

from mianze_desktop import documents
from mianze_desktop.documents import layout

from . import pdf
from .records import record_for
from .test_render import ALL_DOCS, PACKS, _with_long_conclusion

MM = pdf.MM
LEFT, TOP, RIGHT, BOTTOM = 28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM


def _block_words(out, page):
    """Words of a page inside or near the 版心 (the page number sits below it)."""
    return [w for w in pdf.words(out, page) if w["yMin"] < BOTTOM + 2 * MM]


@pytest.mark.parametrize("filled", [True, False], ids=["case", "blank"])
@pytest.mark.parametrize("pid,kind", ALL_DOCS)
def test_every_document_sits_in_the_type_block(tmp_path, pid, kind, filled):
    pack = PACKS[pid]
    doc = pack.document(kind)
    long_field = next((f for f in ("investigated_facts", "facts_reasons") if f in doc.fields), None)
    record = record_for(pack, long_field=long_field, long_chars=1500) if filled else None
    out = tmp_path / f"{kind}.pdf"
    pages = documents.render(pack, kind, record, out)["pages"]
    assert pdf.info(out)["Page size"].startswith("595.276 x 841.89")  # A4
    for page in range(1, pages + 1):
        words = _block_words(out, page)
        assert words, page
        top_text = min(w["yMin"] for w in words)
        lines = [p for p in pdf.rules(out, page) if p[1] < BOTTOM + 1] if doc.layout == "table" else []
        # the first line's glyph tops sit on the 版心's top edge; a form continued on a new page starts
        # with its frame there (the text inside the cells keeps the cell padding)
        top = min([top_text] + [y for _, y in lines]) if page > 1 else top_text
        assert abs(top - TOP) <= 1 * MM, page
        assert max(w["xMax"] for w in words) <= RIGHT + 0.5 * MM and max(w["yMax"] for w in words) <= BOTTOM + 0.5 * MM
        left_text = min(w["xMin"] for w in words)
        assert left_text >= LEFT - 0.5 * MM, page
        if doc.layout == "table":
            # the form's frame is the block: its rules run from 28 mm to 184 mm (text sits inside the cells)
            assert abs(min(x for x, _ in lines) - LEFT) <= 1 * MM, page
            assert abs(max(x for x, _ in lines) - RIGHT) <= 1 * MM, page
            if page == 1 and doc.annex:
                assert abs(left_text - LEFT) <= 1 * MM  # 「附件1」 starts at the left edge
        elif page == 1:
            assert abs(left_text - LEFT) <= 1 * MM  # the 主送 line starts at the left edge


@pytest.mark.parametrize("pid", ["weihai-2023", "puyang-2024"])
def test_type_sizes_and_the_22_line_grid(tmp_path, pid):
    """Title 2号 (22 pt), body 3号 (16 pt) on 22 lines of 28 characters, page numbers 4号 (14 pt)."""
    pack = PACKS[pid]
    out = tmp_path / "notice.pdf"
    documents.render(pack, "notice", _with_long_conclusion(record_for(pack), "社会救助" * 300), out)
    assert int(pdf.info(out)["Pages"]) >= 3
    first = pdf.words(out, 1)
    title = next(w for w in first if w["text"] == "告知书")
    assert abs((title["yMax"] - title["yMin"]) - layout.TITLE_SIZE) < 0.5
    assert abs((title["xMin"] + title["xMax"]) / 2 - (LEFT + RIGHT) / 2) < 1  # centred
    full = pdf.words(out, 2)  # a page of body text only
    body = [w for w in full if w["yMin"] < BOTTOM]
    numbers = [w for w in full if w["yMin"] > BOTTOM]
    assert Counter(round(w["yMax"] - w["yMin"]) for w in body) == Counter({16: len(body)})
    assert numbers and all(abs((w["yMax"] - w["yMin"]) - layout.PAGE_NO_SIZE) < 0.5 for w in numbers)
    tops = sorted({round(w["yMin"], 1) for w in body})
    assert len(tops) == 22
    assert all(abs((b - a) - 225 * MM / 22) < 0.2 for a, b in zip(tops, tops[1:]))  # leading 225 mm / 22
    grid = [w for w in body if set(w["text"]) <= set("社会救助")]
    assert grid and all(len(w["text"]) == 28 for w in grid[:-1])


LETTERS = [(pid, kind) for pid, kind in ALL_DOCS if PACKS[pid].document(kind).layout == "letter"]


@pytest.mark.parametrize("pid,kind", LETTERS)
def test_every_placeholder_of_a_letter_prints_its_value(tmp_path, pid, kind):
    """Each {placeholder} of the letter body and footer is found in the PDF with the case's (or the
    policy's) value, worked out here from the record and the pack, not by the renderer's lookup."""
    import re

    pack = PACKS[pid]
    doc = pack.document(kind)
    record = record_for(pack)
    decision, form = record["decision"], record["form"]
    proc = pack.procedure
    out = tmp_path / f"{kind}.pdf"
    documents.render(pack, kind, record, out)
    text = pdf.body_text(out)
    names = re.findall(r"\{([a-z_.]+)\}", (doc.body or "") + (doc.footer or ""))
    assert names
    for name in names:
        if name == "signing_body":
            value = decision.get("approving_body") or proc.deciding_body
        elif name.endswith("_on"):
            value = layout.cn_date(decision.get(name) or record.get(name))
        elif name in decision and not isinstance(decision[name], (dict, list)):
            value = decision[name]
        elif name in form:
            value = form[name]
        elif hasattr(proc, name):
            value = getattr(proc, name)
        else:
            value = record[name]
        assert value, name
        assert pdf.squeeze(str(value)) in text, f"{{{name}}} of {kind}"
