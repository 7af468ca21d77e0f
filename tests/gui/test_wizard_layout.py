"""The wizard's pages at its default size: no label is squashed below the height its text needs.

A word-wrapped QLabel in a layout that has run out of room is given less height than
``heightForWidth`` asks for, and its last lines are cut off; long content must scroll instead.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from mianze_desktop.gui.fonts import apply_app_font, register_fonts
from tests.gui.test_wizard import (
    WEIHAI_DEATH, answer, click_next, make_case, service, tick, visible_questions, wizards,  # noqa: F401
)


@pytest.fixture(autouse=True)
def app_font(qapp):
    """The font the app starts with (bundled CJK font, 11 pt), not Qt's smaller default."""
    before = qapp.font()
    apply_app_font(qapp, register_fonts())
    yield
    qapp.setFont(before)


def squashed_labels(page) -> list[str]:
    out = []
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.wordWrap() or not label.text():
            continue
        need = label.heightForWidth(label.width())
        if need > label.height() + 1:
            out.append(f"{label.objectName() or label.text()[:20]!r}: {label.height()} < {need}")
    return out


def test_result_page_with_many_open_questions_scrolls_instead_of_cutting_text(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
    w = wizards(case_id)
    assert w.size().width() >= 860 and w.size().height() >= 680  # the default size
    for item_id in w.currentPage().ranked_item_ids()[:8]:
        tick(qtbot, w, item_id)
    click_next(qtbot, w)
    for item in w.state.pack.items_of("exclusion"):
        for fact in item.facts:
            answer(qtbot, w, fact, False)
    click_next(qtbot, w)
    assert w.page_name() == "candidates"
    open_facts = visible_questions(w)
    assert len(open_facts) > 15
    for fact in open_facts:
        answer(qtbot, w, fact, None)  # 不清楚: each stays open
    assert squashed_labels(w.currentPage()) == []
    click_next(qtbot, w)
    assert squashed_labels(w.currentPage()) == []  # the review page
    click_next(qtbot, w)
    assert w.page_name() == "result"
    matched = w.currentPage().findChild(QLabel, "matched")
    assert all(w.state.pack.fact(f).question in matched.text() for f in open_facts)
    assert squashed_labels(w.currentPage()) == []
    assert not w.button(QWizard.FinishButton).isEnabled()
    saved = service.cases.get(case_id)
    assert saved["decision"] is None and saved["answers"]["political-discipline-breach"] is False


def test_every_page_of_a_flow_fits_at_the_default_size(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
    w = wizards(case_id)
    seen = []

    def check():
        seen.append(w.page_name())
        assert squashed_labels(w.currentPage()) == [], w.page_name()

    check()
    tick(qtbot, w, "applicable-13")
    click_next(qtbot, w)
    for item in w.state.pack.items_of("exclusion"):
        for fact in item.facts:
            answer(qtbot, w, fact, False)
    check()
    click_next(qtbot, w)
    for fact in visible_questions(w):
        answer(qtbot, w, fact, True)
    check()
    click_next(qtbot, w)
    check()
    click_next(qtbot, w)
    check()
    assert seen == ["facts", "exclusions", "candidates", "review", "result"]
    # the first page shows whole citations in 全部情形
    page = w.pages["facts"]
    node = page.node_for("applicable-13", page.browse)
    width = page.browse.fontMetrics().horizontalAdvance(node.text(1))
    assert page.browse.header().sectionSize(1) >= width
    assert page.node_for("applicable-13").toolTip(2).startswith("命中词语：")
    assert w.currentPage().findChild(QLabel, "outcome_label").text().endswith("容错免责")
    assert Qt.TextSelectableByMouse & w.currentPage().findChild(QLabel, "basis").textInteractionFlags()
