"""A clerk finishes the checklist: the answers are saved, the result page says the outcome is the
reviewer's, and no decision is recorded."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWizard

from mianze_desktop.gui.wizard import open_wizard
from mianze_desktop.service import Service
from tests.gui.test_wizard import WEIHAI_DEATH, answer, answer_exclusions_no, click_finish, click_next, make_case, tick

CLERK, PASSWORD = "jingban1", "jingban1-口令-2026"


def test_a_clerk_saves_the_answers_and_leaves_the_outcome_to_a_reviewer(qtbot, data_dir):
    admin = Service(data_dir)
    admin.users.add("guanli1", "admin", "guanli1-口令-2026", "管理员甲")  # the first account: an administrator
    admin.users.add(CLERK, "clerk", PASSWORD, "经办员丁")
    clerk = Service(data_dir, user=CLERK, password=PASSWORD)
    try:
        case_id = make_case(clerk, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
        w = open_wizard(None, clerk, case_id)
        tick(qtbot, w, "applicable-13")
        click_next(qtbot, w)
        answer_exclusions_no(qtbot, w)
        click_next(qtbot, w)
        for row in [r for r in w.currentPage().rows if r.isVisible()]:
            answer(qtbot, w, row.fact_id, True)
        click_next(qtbot, w)
        click_next(qtbot, w)
        page = w.currentPage()
        assert w.page_name() == "result"
        note = page.findChild(QLabel, "role_note")
        assert note.isVisible() and "审核人" in note.text()
        assert not page.choice_box.isEnabled()
        assert w.button(QWizard.FinishButton).isEnabled()
        click_finish(qtbot, w)

        rec = admin.cases.get(case_id)
        assert rec["candidates"] == ["applicable-13"] and rec["answers"]["death-not-known"] is True
        assert rec["decision"] is None  # the reviewer decides
        assert admin.cases.check(case_id)["outcome"] == "exempt"  # the answers support it
    finally:
        clerk.close()
        admin.close()
