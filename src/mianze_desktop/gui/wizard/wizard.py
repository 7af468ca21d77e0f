"""The checklist wizard: which listed situation (or exclusion) a case falls under, and why.

Flow (every branch decided by the policy engine, nothing pack-specific here):
从事实出发 -> 排除情形 -> 前提条件 -> 逐项核实 -> 减责情形 -> 书面说明理由 -> 核对 -> 认定结果.
Pages that have nothing to ask are skipped. Answers live in one ``WizardState`` owned
by the wizard; progress is saved on every page change and when the wizard is closed,
so reopening it resumes on the same page with the same answers.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from . import save
from .question_pages import (
    CandidatesPage, ExclusionPage, JustificationPage, MitigationPage, PreconditionPage,
)
from .result_pages import ResultPage, ReviewPage
from .start_page import FactsPage
from .state import WizardState

PAGES = ("facts", "exclusions", "preconditions", "candidates", "mitigation", "justification", "review", "result")
PAGE_ID = {name: i for i, name in enumerate(PAGES)}


class ChecklistWizard(QWizard):
    """Match one case's facts against its policy's listed situations; Finish saves the result."""

    saved = Signal(dict)  # the case record after Finish saved it

    def __init__(self, service, case_id, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.service = service
        self.record, pack, progress = save.load(service, case_id)
        self.case_id = self.record["id"]
        self.state = WizardState.from_record(pack, self.record, progress)
        self.save_error = ""
        self._resuming = False
        self.setWindowTitle(f"情形核对 — {self.record['number']}　{self.record.get('applicant', '')}")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.NextButton, "下一步 >")
        self.setButtonText(QWizard.BackButton, "< 上一步")
        self.setButtonText(QWizard.FinishButton, "完成并保存")
        self.setButtonText(QWizard.CancelButton, "关闭")
        # An explicit minimum size: QWizard then stops resizing its limits on every page change.
        self.setMinimumSize(720, 560)
        self.resize(860, 680)
        s = self.state
        self.pages = {
            "facts": FactsPage(s), "exclusions": ExclusionPage(s), "preconditions": PreconditionPage(s),
            "candidates": CandidatesPage(s), "mitigation": MitigationPage(s), "justification": JustificationPage(s),
            "review": ReviewPage(s), "result": ResultPage(s),
        }
        for name, page in self.pages.items():
            page.setObjectName(f"page_{name}")
            self.setPage(PAGE_ID[name], page)
        self.setStartId(PAGE_ID["facts"])
        self.currentIdChanged.connect(self._page_changed)
        self._resuming = True  # opening is not a page change worth saving
        self.restart()
        self._resume(progress.get("page"))

    # -- routing -------------------------------------------------------------------------------
    def page_name(self, page_id: Optional[int] = None) -> Optional[str]:
        page_id = self.currentId() if page_id is None else page_id
        return PAGES[page_id] if 0 <= page_id < len(PAGES) else None

    def route_after(self, name: str) -> Optional[str]:
        """The page that follows ``name`` for the current answers (pages with nothing to ask are skipped)."""
        s = self.state
        order = PAGES[PAGES.index(name) + 1:]
        for nxt in order:
            if nxt == "exclusions" and s.exclusion_items():
                return nxt
            if s.excluded() and nxt not in ("justification", "review", "result"):
                continue
            if nxt == "preconditions" and s.preconditions():
                return nxt
            if nxt == "candidates" and s.candidate_items("applicable"):
                return nxt
            if nxt == "mitigation" and s.needs_mitigation():
                return nxt
            if nxt == "justification" and s.needs_justification():
                return nxt
            if nxt in ("review", "result"):
                return nxt
        return None

    def nextId(self) -> int:
        name = self.page_name()
        if name is None:
            return -1
        nxt = self.route_after(name)
        return PAGE_ID[nxt] if nxt else -1

    def _resume(self, target: Optional[str]) -> None:
        """Walk forward (so that Back works) to the page the user was on, stopping at any open question."""
        self._resuming = True
        if target not in PAGE_ID:
            self._resuming = False
            return
        try:
            for _ in range(len(PAGES)):
                if self.page_name() == target or not self.currentPage().isComplete() or self.nextId() == -1:
                    break
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self._resuming = False

    # -- saving --------------------------------------------------------------------------------
    def progress(self) -> dict:
        return {"page": self.page_name(), "unknown": self.state.unknown_facts()}

    def save_progress(self) -> bool:
        """Save answers, candidates, justification and the current page; errors are shown, not raised."""
        s = self.state
        try:
            record = save.save_progress(self.service, self.case_id, s.answers, s.candidates, s.justification,
                                        self.progress(), last_saved=self.record)
        except Exception as exc:  # the wizard stays usable; the message says what failed
            self.save_error = str(exc)
            self.setWindowTitle(f"情形核对 — {self.record['number']}（未能保存进度：{exc}）")
            return False
        if record is not None:
            self.record = record
        self.save_error = ""
        return True

    def _page_changed(self, _page_id: int) -> None:
        if not self._resuming and self.currentId() >= 0:
            self.save_progress()

    def save_result(self, outcome: str, result) -> dict:
        """Finish: answers + candidates + justification + decision suggestion, in one transaction."""
        s = self.state
        decision = {"outcome": outcome, "basis": result.basis_text}
        progress = {"page": "result", "unknown": s.unknown_facts()}
        self.record = save.save_checklist(self.service, self.case_id, s.answers, s.candidates, s.justification,
                                          progress=progress, decision=decision)
        self.saved.emit(self.record)
        return self.record

    def done(self, result: int) -> None:
        """Closing without Finish (关闭, Esc, the window's X) keeps the work in progress."""
        if result != QDialog.Accepted:
            self.save_progress()
        super().done(result)


def open_wizard(parent: Optional[QWidget], service, case_id) -> ChecklistWizard:
    """Open the checklist wizard for ``case_id`` without blocking ``parent``; returns it (already shown).

    Connect to ``wizard.saved`` (emits the case record) to refresh a view after Finish.
    """
    wizard = ChecklistWizard(service, case_id, parent)
    wizard.setWindowModality(Qt.NonModal)
    wizard.setAttribute(Qt.WA_DeleteOnClose, True)
    wizard.show()
    return wizard
