"""The checklist wizard (issue 7), driven by clicks and keys against the real case store.

Each flow ends by reading back what was saved through ``service.cases.get``.
"""
from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QRadioButton, QTextEdit, QTreeWidget, QWizard

from mianze_desktop.gui.wizard import ChecklistWizard, open_wizard
from mianze_desktop.gui.wizard.start_page import term_spans
from mianze_desktop.service import Service
from tests.conftest import shared_path

PUYANG_DAY = "2025-03-03"  # inside puyang-2024's validity (2024-06-01 .. 2026-05-31)

WEIHAI_DEATH = ("特困供养人员周某于今年1月在外地去世，家属未报告，村里季度巡访时其家人称其在外地住院。"
                "直到5月与殡葬数据比对才发现，已多领4个月供养金，镇里当即停发并向家属追缴。")
PUYANG_KIN = "村支书的侄子申请低保，村支书没有按规定进行近亲属备案，事后被发现。"
PUYANG_CLERICAL = ("乡镇工作人员在台账登记时把两户低保对象的保障金额填反，造成一户少发、一户多发，"
                   "发现后一周内已补发和追回。另有部门共享数据更新滞后的情况。")
WEIHAI_OTHER = ("经办人员出于好心，为一名情况特殊的困难老人先行发放了临时救助金，政策没有规定这种特殊情况，"
                "不属于以上情形，事后被认定手续不全。")


@pytest.fixture
def service(data_dir):
    svc = Service(data_dir)
    yield svc
    svc.close()


@pytest.fixture
def wizards(service):
    """Opens wizards through the entry point and closes any still open at the end of the test."""
    opened: list[ChecklistWizard] = []

    def open_(case_id):
        w = open_wizard(None, service, case_id)
        opened.append(w)
        return w

    yield open_
    for w in opened:
        if shiboken6.isValid(w) and w.isVisible():
            w.close()


def make_case(service, policy, facts, applied_on="2025-03-03", applicant="测试员甲"):
    created = service.cases.create({"applicant": applicant, "unit": "某镇民政办", "position": "经办员",
                                    "matter": "社会救助经办中的失误", "facts_reasons": facts,
                                    "applied_on": applied_on}, policy=policy)
    return created["id"]


# -- driving the wizard with the mouse and the keyboard --------------------------------------------------
def kin_case_on_exclusions(qtbot, service, wizards, policy="puyang-2024"):
    """A 濮阳 case about a village secretary's unfiled relative, exclusion-4 ticked, on the exclusions page."""
    case_id = make_case(service, policy, PUYANG_KIN, PUYANG_DAY)
    w = wizards(case_id)
    tick(qtbot, w, "exclusion-4")
    click_next(qtbot, w)
    return case_id, w


def click_next(qtbot, wizard):
    button = wizard.button(QWizard.NextButton)
    assert button.isEnabled(), f"下一步 is disabled on page {wizard.page_name()}"
    qtbot.mouseClick(button, Qt.LeftButton)


def click_back(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.BackButton), Qt.LeftButton)


def click_finish(qtbot, wizard):
    button = wizard.button(QWizard.FinishButton)
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.LeftButton)


def tick(qtbot, wizard, item_id, tree_name="suggestions"):
    """Select the item's row with a click and toggle its check box with the space bar."""
    page = wizard.currentPage()
    tree = page.findChild(QTreeWidget, tree_name)
    if tree_name == "browse":
        page.tabs.setCurrentWidget(tree)
    node = page.node_for(item_id, tree)
    assert node is not None, f"{item_id} is not listed in {tree_name}"
    tree.scrollToItem(node)
    rect = tree.visualItemRect(node)
    x = tree.header().sectionViewportPosition(0) + tree.header().sectionSize(0) // 2  # the first column
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=QPoint(x, rect.center().y()))
    before = node.checkState(0)
    qtbot.keyClick(tree, Qt.Key_Space)
    assert node.checkState(0) != before


def answer(qtbot, wizard, fact, value):
    """Click 是 / 否 / 不清楚 for a fact on the current page."""
    key = {True: "yes", False: "no", None: "unknown"}[value]
    button = wizard.currentPage().findChild(QRadioButton, f"{fact}:{key}")
    assert button is not None, f"no question {fact} on page {wizard.page_name()}"
    assert button.isVisible(), f"question {fact} is hidden on page {wizard.page_name()}"
    qtbot.mouseClick(button, Qt.LeftButton)
    assert button.isChecked()


def type_text(qtbot, widget, text):
    """Type ``text`` key by key: QTest.keyClicks for ASCII runs; other characters (QTest can only
    map ASCII to keys) arrive as key events carrying their text, as an input method commits them."""
    run = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii():
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, ch))


def visible_questions(wizard) -> list[str]:
    return [r.fact_id for r in wizard.currentPage().rows if r.isVisible()]


def answer_exclusions_no(qtbot, wizard, except_=()):
    assert wizard.page_name() == "exclusions"
    for item in wizard.state.pack.items_of("exclusion"):
        for fact in item.facts:
            if fact not in except_:
                answer(qtbot, wizard, fact, False)


def label(wizard, name) -> str:
    from PySide6.QtWidgets import QLabel

    return wizard.currentPage().findChild(QLabel, name).text()


# -- the flows -------------------------------------------------------------------------------------------
def test_weihai_case_matches_item_13(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
    w = wizards(case_id)
    page = w.currentPage()
    assert w.page_name() == "facts"
    assert "applicable-13" in page.ranked_item_ids()[:3]
    # matched words are highlighted in the facts text
    view = page.findChild(QTextEdit, "facts_text")
    assert "去世" in page.highlighted
    start, _ = term_spans(view.toPlainText(), "去世")[0]
    cursor = view.textCursor()
    cursor.setPosition(start + 1)
    assert cursor.charFormat().background().color() != QColor(Qt.transparent)
    assert cursor.charFormat().background().style() != Qt.NoBrush
    assert not w.button(QWizard.NextButton).isEnabled()  # nothing ticked yet
    tick(qtbot, w, "applicable-13")
    assert w.state.candidates == ["applicable-13"]
    click_next(qtbot, w)

    answer_exclusions_no(qtbot, w)
    click_next(qtbot, w)
    assert w.page_name() == "candidates"  # weihai has no preconditions
    card_text = w.currentPage().cards[0].text_label.text()
    assert "第三条第（十三）项" in card_text and "死亡3个月后仍领取保障资金" in card_text
    assert visible_questions(w) == ["followed-visit-procedures", "death-not-known", "corrected-and-recovering"]
    for fact in visible_questions(w):
        answer(qtbot, w, fact, True)
    click_next(qtbot, w)
    assert w.page_name() == "review"
    click_next(qtbot, w)
    assert w.page_name() == "result"
    assert "容错免责" in label(w, "outcome_label")
    assert "第三条第（十三）项" in label(w, "matched")
    assert "威民发〔2023〕24号" in label(w, "basis")
    click_finish(qtbot, w)

    rec = service.cases.get(case_id)
    assert rec["candidates"] == ["applicable-13"]
    assert rec["answers"]["followed-visit-procedures"] is True
    assert rec["answers"]["death-not-known"] is True and rec["answers"]["corrected-and-recovering"] is True
    assert rec["answers"]["political-discipline-breach"] is False
    assert rec["decision"]["outcome"] == "exempt" and rec["decision"]["matched"] == ["applicable-13"]
    assert "第三条第（十三）项" in rec["decision"]["basis"]
    assert service.cases.check(case_id)["outcome"] == "exempt"
    # saved through the store's audited change: the history says so and the audit chain verifies
    assert "wizard" in [e["action"] for e in service.cases.history(case_id)]
    assert service.cases.verify()["problems"] == []


def test_puyang_case_hits_exclusion_4(qtbot, service, wizards):
    case_id = make_case(service, "puyang-2024", PUYANG_KIN, PUYANG_DAY)
    w = wizards(case_id)
    assert w.currentPage().ranked_item_ids()[0] == "exclusion-4"
    tick(qtbot, w, "exclusion-4")
    tick(qtbot, w, "applicable-1", "browse")  # also considered, from the full list
    click_next(qtbot, w)
    assert w.page_name() == "exclusions"
    assert not w.button(QWizard.NextButton).isEnabled()
    answer(qtbot, w, "kin-not-filed", True)
    assert "第五条第（四）项" in label(w, "summary") and "不予免责" in label(w, "summary")
    click_next(qtbot, w)
    assert w.page_name() == "review"  # an exclusion holds: nothing else is asked
    click_next(qtbot, w)
    assert "不予免责" in label(w, "outcome_label")
    assert "干部亲属申请未按规定备案" in label(w, "explanation")
    outcomes = [b.objectName() for b in w.currentPage().findChildren(QRadioButton) if b.objectName().startswith("outcome:")]
    assert outcomes == ["outcome:refused"]  # only the refusing outcome is offered
    click_finish(qtbot, w)

    rec = service.cases.get(case_id)
    assert rec["answers"] == {"kin-not-filed": True}
    assert set(rec["candidates"]) == {"exclusion-4", "applicable-1"}
    assert rec["decision"]["outcome"] == "refused" and rec["decision"]["excluded_by"] == ["exclusion-4"]
    assert "第五条第（四）项" in rec["decision"]["basis"]


def test_puyang_case_lands_in_mitigation_1(qtbot, service, wizards):
    case_id = make_case(service, "puyang-2024", PUYANG_CLERICAL, PUYANG_DAY)
    w = wizards(case_id)
    ranked = w.currentPage().ranked_item_ids()
    assert "mitigation-1" in ranked[:3]
    tick(qtbot, w, "mitigation-1")
    tick(qtbot, w, "applicable-5", "browse")
    click_next(qtbot, w)
    answer_exclusions_no(qtbot, w)
    click_next(qtbot, w)
    assert w.page_name() == "preconditions"  # 第三条's precondition, asked once
    answer(qtbot, w, "duty-fulfilled-reported", True)
    click_next(qtbot, w)
    assert w.page_name() == "candidates"
    assert visible_questions(w) == ["shared-data-deficient", "data-check-inaccurate"]
    answer(qtbot, w, "shared-data-deficient", False)
    assert visible_questions(w) == ["shared-data-deficient"]  # the other fact can no longer matter
    click_next(qtbot, w)
    assert w.page_name() == "mitigation"
    page = w.currentPage()
    assert page.findChild(type(page.cards[0].consider), "consider:mitigation-1").isChecked()
    assert visible_questions(w) == ["routine-clerical-error", "loss-remedied"]
    answer(qtbot, w, "routine-clerical-error", True)
    answer(qtbot, w, "loss-remedied", True)
    click_next(qtbot, w)
    assert w.page_name() == "review"
    click_next(qtbot, w)
    assert "减责" in label(w, "outcome_label")
    assert "第四条第（一）项" in label(w, "matched")
    assert "不成立的情形" in label(w, "matched") and "第三条第（五）项" in label(w, "matched")
    click_finish(qtbot, w)

    rec = service.cases.get(case_id)
    assert rec["answers"]["shared-data-deficient"] is False and rec["answers"]["loss-remedied"] is True
    assert "data-check-inaccurate" not in rec["answers"]
    assert rec["decision"]["outcome"] == "reduced" and rec["decision"]["matched"] == ["mitigation-1"]
    assert "第四条第（一）项" in rec["decision"]["basis"]


def test_catch_all_needs_written_justification_and_collective_review(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_OTHER, "2025-06-01")
    w = wizards(case_id)
    assert "applicable-20" in w.currentPage().ranked_item_ids()[:3]
    tick(qtbot, w, "applicable-20")
    click_next(qtbot, w)
    answer_exclusions_no(qtbot, w)
    click_next(qtbot, w)
    answer(qtbot, w, "central-policy-spirit", True)
    click_next(qtbot, w)
    assert w.page_name() == "justification"
    assert not w.button(QWizard.NextButton).isEnabled()  # a written reason is required
    editor = w.currentPage().findChild(QPlainTextEdit, "justification")
    qtbot.mouseClick(editor.viewport(), Qt.LeftButton)
    reason = "老人独居且无收入，2025-05-06 出于人道先行救助，符合中央关于三个区分开来的精神。"
    type_text(qtbot, editor, reason)
    click_next(qtbot, w)
    assert w.page_name() == "review"
    click_next(qtbot, w)
    assert "容错免责" in label(w, "outcome_label")
    assert "集体研究" in label(w, "flags")
    click_finish(qtbot, w)

    rec = service.cases.get(case_id)
    assert rec["justification"] == reason
    assert rec["decision"]["outcome"] == "exempt" and rec["decision"]["matched"] == ["applicable-20"]
    assert service.cases.check(case_id)["collective_review"] is True


def test_going_back_and_changing_one_answer_changes_the_result(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
    w = wizards(case_id)
    tick(qtbot, w, "applicable-13")
    click_next(qtbot, w)
    answer_exclusions_no(qtbot, w)
    click_next(qtbot, w)
    for fact in ("followed-visit-procedures", "death-not-known", "corrected-and-recovering"):
        answer(qtbot, w, fact, True)
    click_next(qtbot, w)
    click_next(qtbot, w)
    assert "容错免责" in label(w, "outcome_label")

    # all the way back to the first page and forward again: nothing is lost
    while w.page_name() != "facts":
        click_back(qtbot, w)
    click_next(qtbot, w)
    assert w.currentPage().findChild(QRadioButton, "improper-gain:no").isChecked()
    click_next(qtbot, w)
    assert w.page_name() == "candidates"
    assert w.currentPage().findChild(QRadioButton, "death-not-known:yes").isChecked()
    answer(qtbot, w, "corrected-and-recovering", False)  # not corrected after all
    click_next(qtbot, w)
    assert w.currentPage().findChild(QRadioButton, "corrected-and-recovering:no").isChecked()  # review shows it
    click_next(qtbot, w)
    assert "不予容错" in label(w, "outcome_label")
    click_finish(qtbot, w)

    rec = service.cases.get(case_id)
    assert rec["answers"]["corrected-and-recovering"] is False
    assert rec["answers"]["followed-visit-procedures"] is True and rec["answers"]["death-not-known"] is True
    assert rec["decision"]["outcome"] == "refused" and rec["decision"]["matched"] == []


def test_review_page_edits_an_answer_in_place(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
    w = wizards(case_id)
    tick(qtbot, w, "applicable-13")
    click_next(qtbot, w)
    answer_exclusions_no(qtbot, w)
    click_next(qtbot, w)
    for fact in ("followed-visit-procedures", "death-not-known", "corrected-and-recovering"):
        answer(qtbot, w, fact, True)
    click_next(qtbot, w)
    assert w.page_name() == "review"
    shown = {r.fact_id for r in w.currentPage().rows}
    assert {"political-discipline-breach", "other-not-tolerable", "death-not-known"} <= shown
    answer(qtbot, w, "improper-gain", True)  # an exclusion, changed on the review page
    assert "不予容错" in label(w, "summary")
    click_next(qtbot, w)
    assert "不予容错" in label(w, "outcome_label")
    click_finish(qtbot, w)
    rec = service.cases.get(case_id)
    assert rec["decision"]["outcome"] == "refused" and rec["decision"]["excluded_by"] == ["exclusion-3"]
    assert rec["decision"]["matched"] == []


def test_reopening_resumes_where_the_user_left_off(qtbot, service, wizards):
    case_id, w = kin_case_on_exclusions(qtbot, service, wizards)
    answer(qtbot, w, "procedure-skipped", False)
    answer(qtbot, w, "abuse-or-favouritism", None)  # 不清楚 is kept too
    qtbot.mouseClick(w.button(QWizard.CancelButton), Qt.LeftButton)
    assert not w.isVisible()

    rec = service.cases.get(case_id)
    assert rec["answers"] == {"procedure-skipped": False} and rec["candidates"] == ["exclusion-4"]
    again = wizards(case_id)
    assert again.page_name() == "exclusions"
    assert again.currentPage().findChild(QRadioButton, "procedure-skipped:no").isChecked()
    assert again.currentPage().findChild(QRadioButton, "abuse-or-favouritism:unknown").isChecked()
    assert not again.currentPage().findChild(QRadioButton, "kin-not-filed:yes").isChecked()
    click_back(qtbot, again)  # the pages before it are in the history
    assert again.page_name() == "facts"
    assert again.currentPage().node_for("exclusion-4").checkState(0) == Qt.Checked


def test_result_page_is_not_finishable_while_facts_are_unknown(qtbot, service, wizards):
    case_id = make_case(service, "weihai-2023", WEIHAI_DEATH, "2025-06-01")
    w = wizards(case_id)
    tick(qtbot, w, "applicable-13")
    click_next(qtbot, w)
    answer_exclusions_no(qtbot, w)
    click_next(qtbot, w)
    answer(qtbot, w, "followed-visit-procedures", True)
    answer(qtbot, w, "death-not-known", None)
    answer(qtbot, w, "corrected-and-recovering", True)
    click_next(qtbot, w)
    click_next(qtbot, w)
    assert w.page_name() == "result"
    assert "尚未确定" in label(w, "outcome_label")
    assert "死亡" in label(w, "matched")  # the open question is listed
    assert not w.button(QWizard.FinishButton).isEnabled()
    assert service.cases.get(case_id)["decision"] is None


def test_every_dev_scenario_lists_a_gold_item_in_the_top_3(qtbot, service, wizards):
    path = shared_path("scenarios", "dev.jsonl")
    scenarios = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert scenarios
    misses = []
    for n, sc in enumerate(scenarios):
        day = PUYANG_DAY if sc["policy"] == "puyang-2024" else "2025-06-01"
        case_id = make_case(service, sc["policy"], sc["text"], day, applicant=f"测试员{n}")
        w = wizards(case_id)
        tree = w.currentPage().findChild(QTreeWidget, "suggestions")
        top3 = [tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(min(3, tree.topLevelItemCount()))]
        if not set(sc["gold"]) & set(top3):
            misses.append((sc["id"], sc["gold"], top3))
        w.close()
    assert not misses


def test_term_spans_follow_the_engine_normalisation():
    text = "ＡＢ去世后，家属未报。"
    assert term_spans(text, "ab") == [(0, 2)]
    assert term_spans(text, "去世") == [(2, 4)]
    assert term_spans("𠀀去世", "去世") == [(2, 4)]  # a character outside the BMP counts two positions


def test_save_writes_answers_and_decision_together_or_nothing(service):
    from mianze_desktop.gui.wizard import save
    from mianze_desktop.service import ServiceError

    case_id = make_case(service, "puyang-2024", PUYANG_KIN, PUYANG_DAY)
    before = service.cases.get(case_id)
    # an exclusion holds, so 免责 is not allowed: the decision fails and the answers are not written either
    with pytest.raises(ServiceError, match="not allowed"):
        save.save_checklist(service, case_id, {"kin-not-filed": True}, ["exclusion-4"], "",
                            progress={"page": "result", "unknown": []}, decision={"outcome": "exempt", "basis": ""})
    after = service.cases.get(case_id)
    assert after["answers"] == {} and after["candidates"] == [] and after["version"] == before["version"]
    assert save.load(service, case_id)[2] == {}  # no progress row either
    saved = save.save_checklist(service, case_id, {"kin-not-filed": True}, ["exclusion-4"], "",
                                progress={"page": "result", "unknown": []},
                                decision={"outcome": "refused", "basis": "依据"})
    assert saved["answers"] == {"kin-not-filed": True} and saved["decision"]["outcome"] == "refused"
    assert saved["version"] == before["version"] + 1
