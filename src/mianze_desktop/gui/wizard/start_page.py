"""Page 1 "从事实出发": the case's 主要事实及理由 with the engine's ranked suggestions.

The words the engine matched are highlighted in the text; the user ticks candidate
items in the ranked list, or browses every item of the pack by kind (verbatim text
and citation in the details pane). Both lists tick the same candidates.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QSplitter, QTabWidget, QTextBrowser, QTextEdit, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWizardPage,
)

from ...policy.schema import ITEM_KINDS
from ...policy.suggest import normalize
from .state import WizardState, kind_label
from .widgets import item_html

ITEM_ROLE = Qt.UserRole
HIGHLIGHT = QColor("#ffe08a")
HIGHLIGHT_CURRENT = QColor("#ffb347")


def term_spans(text: str, term: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of a normalized ``term`` in ``text``, in UTF-16 units
    (QTextDocument positions), matching the way the engine normalizes the text."""
    term = normalize(term)
    if not term:
        return []
    norm_chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for n in normalize(ch):
            norm_chars.append(n)
            origin.append(i)
    norm = "".join(norm_chars)
    utf16 = [0]
    for ch in text:
        utf16.append(utf16[-1] + (2 if ord(ch) > 0xFFFF else 1))
    spans = []
    start = norm.find(term)
    while start >= 0:
        first, last = origin[start], origin[start + len(term) - 1]
        spans.append((utf16[first], utf16[last + 1]))
        start = norm.find(term, start + 1)
    return spans


class FactsPage(QWizardPage):
    def __init__(self, state: WizardState, parent=None):
        super().__init__(parent)
        self.state = state
        self.setTitle("从事实出发")
        self.setSubTitle("根据主要事实及理由，系统列出可能适用的情形（命中的词语已标出）。请勾选候选情形，"
                         "也可在“全部情形”中逐条浏览。")
        self._syncing = False
        self.highlighted: list[str] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("主要事实及理由："))
        self.facts_view = QTextEdit()
        self.facts_view.setObjectName("facts_text")
        self.facts_view.setReadOnly(True)
        self.facts_view.setMinimumHeight(70)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.facts_view)

        self.tabs = QTabWidget()
        self.suggestions = QTreeWidget()
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setHeaderLabels(["建议情形", "类别", "命中词语", "相关度"])
        self.suggestions.setRootIsDecorated(False)
        header = self.suggestions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 3):  # kind and score are short: always shown in full
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Interactive)  # matched words: full list in the tooltip
        header.resizeSection(2, 200)
        self.tabs.addTab(self.suggestions, "建议情形")
        self.browse = QTreeWidget()
        self.browse.setObjectName("browse")
        self.browse.setHeaderLabels(["全部情形", "出处"])
        self.browse.header().setStretchLastSection(False)
        self.browse.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.browse.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)  # the whole citation
        self.tabs.addTab(self.browse, "全部情形")
        splitter.addWidget(self.tabs)

        self.details = QTextBrowser()
        self.details.setObjectName("item_details")
        splitter.addWidget(self.details)
        splitter.setSizes([90, 260, 130])
        layout.addWidget(splitter, 1)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosen")
        self.chosen_label.setWordWrap(True)
        layout.addWidget(self.chosen_label)

        for tree in (self.suggestions, self.browse):
            tree.itemChanged.connect(self._item_changed)
            tree.currentItemChanged.connect(self._current_changed)
        self._build_browse()

    # -- building ----------------------------------------------------------
    def _check_state(self, item_id: str):
        return Qt.Checked if item_id in self.state.candidates else Qt.Unchecked

    def _build_browse(self) -> None:
        pack = self.state.pack
        self._syncing = True
        self.browse.clear()
        for kind in ITEM_KINDS:
            items = pack.items_of(kind)
            if not items:
                continue
            group = QTreeWidgetItem([f"{kind_label(pack, kind)}（{len(items)}）", ""])
            group.setFlags(Qt.ItemIsEnabled)
            self.browse.addTopLevelItem(group)
            for item in items:
                node = QTreeWidgetItem([item.title, item.citation])
                node.setData(0, ITEM_ROLE, item.id)
                node.setToolTip(0, item.text)
                node.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
                node.setCheckState(0, self._check_state(item.id))
                group.addChild(node)
            group.setExpanded(True)
        self._syncing = False

    def initializePage(self) -> None:
        self.facts_view.setPlainText(self.state.facts_text or "（本案尚未填写主要事实及理由）")
        ranked = self.state.suggestions()
        self._syncing = True
        self.suggestions.clear()
        for r in ranked:
            node = QTreeWidgetItem([f"{r['citation']}　{r['title']}", kind_label(self.state.pack, r["kind"]),
                                    "、".join(r["matched_terms"]), f"{r['score']:.2f}"])
            node.setData(0, ITEM_ROLE, r["item"])
            node.setData(2, ITEM_ROLE, list(r["matched_terms"]))
            node.setToolTip(0, self.state.pack.item(r["item"]).text)
            node.setToolTip(2, "命中词语：" + "、".join(r["matched_terms"]) if r["matched_terms"] else "")
            node.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            node.setCheckState(0, self._check_state(r["item"]))
            self.suggestions.addTopLevelItem(node)
        self._syncing = False
        if not ranked:
            self.tabs.setCurrentWidget(self.browse)
        first = self.suggestions.topLevelItem(0) or self.browse.topLevelItem(0)
        if first is not None and first.data(0, ITEM_ROLE):
            self.details.setHtml(item_html(self.state.pack, self.state.pack.item(first.data(0, ITEM_ROLE))))
        self._sync_checks()
        self.highlight(sorted({t for r in ranked for t in r["matched_terms"]}))
        self._update_chosen()

    # -- what tests and other code read -------------------------------------
    def ranked_item_ids(self) -> list[str]:
        """The suggestion list as shown, best first."""
        return [self.suggestions.topLevelItem(i).data(0, ITEM_ROLE)
                for i in range(self.suggestions.topLevelItemCount())]

    def node_for(self, item_id: str, tree: Optional[QTreeWidget] = None) -> Optional[QTreeWidgetItem]:
        for node in self._nodes(tree or self.suggestions):
            if node.data(0, ITEM_ROLE) == item_id:
                return node
        return None

    def _nodes(self, tree: QTreeWidget):
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            node = stack.pop(0)
            yield node
            stack[0:0] = [node.child(i) for i in range(node.childCount())]

    # -- highlighting ----------------------------------------------------
    def highlight(self, terms: list[str], current: Optional[list[str]] = None) -> None:
        """Mark every occurrence of ``terms`` (stronger for ``current``) in the facts text."""
        doc = self.facts_view.document()
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.Document)
        cursor.setCharFormat(QTextCharFormat())
        text = self.facts_view.toPlainText()
        current = set(current or [])
        self.highlighted = []
        for term in sorted(terms, key=len):  # longer terms painted last, on top
            spans = term_spans(text, term)
            if spans:
                self.highlighted.append(term)
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT_CURRENT if term in current else HIGHLIGHT)
            fmt.setFontWeight(700)
            for start, end in spans:
                cur = QTextCursor(doc)
                cur.setPosition(start)
                cur.setPosition(end, QTextCursor.KeepAnchor)
                cur.mergeCharFormat(fmt)

    # -- reacting ----------------------------------------------------------
    def _item_changed(self, node: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != 0:
            return
        item_id = node.data(0, ITEM_ROLE)
        if not item_id:
            return
        self.state.set_candidate(item_id, node.checkState(0) == Qt.Checked)
        self._sync_checks()
        self._update_chosen()
        self.completeChanged.emit()

    def _sync_checks(self) -> None:
        self._syncing = True
        for tree in (self.suggestions, self.browse):
            for node in self._nodes(tree):
                item_id = node.data(0, ITEM_ROLE)
                if item_id and node.checkState(0) != self._check_state(item_id):
                    node.setCheckState(0, self._check_state(item_id))
        self._syncing = False

    def _current_changed(self, node: Optional[QTreeWidgetItem], _previous) -> None:
        item_id = node.data(0, ITEM_ROLE) if node is not None else None
        if not item_id:
            return
        pack = self.state.pack
        self.details.setHtml(item_html(pack, pack.item(item_id)))
        terms = node.data(2, ITEM_ROLE) if node.treeWidget() is self.suggestions else None
        if terms:
            all_terms = {t for n in self._nodes(self.suggestions) for t in (n.data(2, ITEM_ROLE) or [])}
            self.highlight(sorted(all_terms), current=terms)

    def _update_chosen(self) -> None:
        items = self.state.candidate_items()
        if items:
            self.chosen_label.setText("已选候选情形：" + "；".join(f"{i.citation}（{i.title}）" for i in items))
        else:
            self.chosen_label.setText("尚未勾选候选情形：请至少勾选一项。")

    def isComplete(self) -> bool:
        return bool(self.state.candidates)
