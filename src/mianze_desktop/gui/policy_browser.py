"""Policy browser: each pack's items (verbatim text and citation), procedure and deadlines;
import of a pack file, validated, with every problem listed by file and line."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView

from .forms.ui_policy_browser import Ui_PolicyBrowser
from .labels import REQUIREMENT_LABELS, ROLE_LABELS, UNIT_LABELS, kind_label

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _row(*values) -> list[QStandardItem]:
    out = []
    for v in values:
        item = QStandardItem("" if v is None else str(v))
        item.setEditable(False)
        out.append(item)
    return out


class PolicyBrowser(QDialog):
    def __init__(self, service, parent=None):
        super().__init__(parent)
        self.service = service
        self.ui = Ui_PolicyBrowser()
        self.ui.setupUi(self)
        self.ui.splitter.setSizes([330, 670])
        self.ui.packList.setWordWrap(True)
        self.packs = []
        self.pack_model = QStandardItemModel(self)
        self.item_model = QStandardItemModel(self)
        self.stage_model = QStandardItemModel(self)
        self.deadline_model = QStandardItemModel(self)
        self.ui.packList.setModel(self.pack_model)
        self.ui.itemTree.setModel(self.item_model)
        self.ui.stageView.setModel(self.stage_model)
        self.ui.deadlineView.setModel(self.deadline_model)
        self.ui.packList.selectionModel().currentChanged.connect(lambda cur, _prev: self.show_pack(cur.row()))
        self.ui.itemTree.selectionModel().currentChanged.connect(lambda cur, _prev: self.show_item(cur))
        self.ui.importButton.clicked.connect(self.import_pack)
        self.ui.closeButton.clicked.connect(self.close)
        self.reload()

    # -- data -------------------------------------------------------------
    def reload(self, select_id: str | None = None) -> None:
        self.packs = self.service.policies.list()
        self.pack_model.clear()
        for pack in self.packs:
            until = f"至{pack.valid_until}" if pack.valid_until else "起"
            item = QStandardItem(f"{pack.short_title or pack.title}\n{pack.doc_number}（{pack.valid_from}{until}）")
            item.setEditable(False)
            item.setData(pack.id, ITEM_ROLE)
            item.setToolTip(pack.title)
            self.pack_model.appendRow(item)
        ids = [p.id for p in self.packs]
        row = ids.index(select_id) if select_id in ids else 0
        if self.packs:
            self.ui.packList.setCurrentIndex(self.pack_model.index(row, 0))

    def current_pack(self):
        row = self.ui.packList.currentIndex().row()
        return self.packs[row] if 0 <= row < len(self.packs) else None

    def show_pack(self, row: int) -> None:
        if not 0 <= row < len(self.packs):
            return
        pack = self.packs[row]
        self.ui.summaryText.setHtml(summary_html(pack))
        self._fill_items(pack)
        self._fill_stages(pack)
        self._fill_deadlines(pack)

    def _fill_items(self, pack) -> None:
        self.item_model.clear()
        self.item_model.setHorizontalHeaderLabels(["情形", "条款"])
        for kind in ("applicable", "mitigation", "exclusion"):
            items = pack.items_of(kind)
            if not items:
                continue
            parent = _row(f"{kind_label(pack, kind)}（{len(items)}项）", "")
            for item in items:
                child = _row(f"{item.number}. {item.title}", item.citation)
                child[0].setData(item.id, ITEM_ROLE)
                parent[0].appendRow(child)
            self.item_model.appendRow(parent)
        self.ui.itemTree.expandAll()
        self.ui.itemTree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ui.itemText.clear()

    def show_item(self, index) -> None:
        pack = self.current_pack()
        item_id = index.siblingAtColumn(0).data(ITEM_ROLE) if index.isValid() else None
        if pack is None or not item_id:
            return
        item = pack.item(item_id)
        facts = "".join(f"<li>{escape(pack.fact(f).question)}</li>" for f in item.facts)
        extra = "<p><b>兜底情形：</b>需书面说明理由并经集体研究。</p>" if item.catch_all else ""
        self.ui.itemText.setHtml(
            f"<h3>{escape(kind_label(pack, item.kind))}{item.number}：{escape(item.title)}</h3>"
            f"<p><b>条款：</b>{escape(item.citation)}</p><p><b>原文：</b>{escape(item.text)}</p>{extra}"
            f"<p><b>需同时满足的事实：</b></p><ol>{facts}</ol>")

    def _fill_stages(self, pack) -> None:
        m = self.stage_model
        m.clear()
        m.setHorizontalHeaderLabels(["阶段", "环节", "办理主体", "下一步", "进入前须", "说明"])
        stage_labels = {s.id: s.label for s in pack.procedure.stages}
        for s in pack.procedure.stages:
            m.appendRow(_row(
                s.label + ("（可选）" if s.optional else ""), ROLE_LABELS.get(s.role, s.role), s.actor,
                "、".join(stage_labels.get(n, n) for n in s.next) or "—",
                "；".join(REQUIREMENT_LABELS.get(r, r) for r in s.requires) or "—", s.description))
        view = self.ui.stageView
        view.resizeColumnsToContents()
        for col in range(m.columnCount() - 1):
            view.setColumnWidth(col, min(view.columnWidth(col), 220))
        view.resizeRowsToContents()

    def _fill_deadlines(self, pack) -> None:
        m = self.deadline_model
        m.clear()
        m.setHorizontalHeaderLabels(["期限", "起算", "截止", "时限", "事项", "依据"])
        stage_labels = {s.id: s.label for s in pack.procedure.stages}
        for d in pack.procedure.deadlines:
            m.appendRow(_row(d.label, stage_labels.get(d.start, d.start), stage_labels.get(d.end, d.end),
                             f"{d.days}个{UNIT_LABELS.get(d.unit, d.unit)}", d.action, d.citation))
        self.ui.deadlineView.resizeColumnsToContents()

    # -- import -----------------------------------------------------------
    def import_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "导入政策包", "", "政策包 (*.yaml *.yml)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        from ..policy.loader import PolicyError
        from ..service.errors import ServiceError

        try:
            pack = self.service.policies.import_file(path)
        except PolicyError as exc:
            self.ui.errorText.setPlainText(f"政策包未导入，发现 {len(exc.problems)} 个问题：\n"
                                           + "\n".join(str(p) for p in exc.problems))
            return False
        except (ServiceError, OSError) as exc:
            self.ui.errorText.setPlainText(f"政策包未导入：{exc}")
            return False
        self.ui.errorText.setPlainText(f"已导入：{pack.title}（{pack.doc_number}），编号 {pack.id}")
        self.reload(select_id=pack.id)
        return True


def summary_html(pack) -> str:
    e = escape
    until = str(pack.valid_until) if pack.valid_until else "未规定"
    outcomes = "".join(f"<li><b>{e(o.label)}</b>：{e(o.description)}</li>" for o in pack.outcomes)
    pre = "".join(f"<li>{e(p.text)}（{e(p.citation)}）</li>" for p in pack.preconditions)
    notes = "".join(f"<li>{e(n)}</li>" for n in pack.procedure.notes)
    counts = "，".join(f"{kind_label(pack, k)} {n} 项" for k, n in pack.counts().items() if n)
    proc = pack.procedure
    return (
        f"<h2>{e(pack.title)}</h2><p>{e(pack.doc_number)}　{e('、'.join(pack.issuers))}</p>"
        f"<p><b>编号：</b>{e(pack.id)}（第{pack.revision}版）　<b>地区：</b>{e(pack.region)}</p>"
        f"<p><b>发布日期：</b>{pack.issued_on}　<b>有效期：</b>{pack.valid_from} 至 {e(until)}</p>"
        f"<p><b>适用对象：</b>{e(pack.scope.subjects)}</p>"
        f"<p><b>层级：</b>{e('、'.join(pack.scope.tiers))}　<b>工作类别：</b>{e('、'.join(pack.scope.work_types))}</p>"
        f"<p><b>情形：</b>{e(counts)}</p>"
        + (f"<p><b>前提条件：</b></p><ul>{pre}</ul>" if pre else "")
        + f"<p><b>认定结果：</b></p><ul>{outcomes}</ul>"
        f"<p><b>受理：</b>{e(proc.accepting_body)}　<b>认定：</b>{e(proc.deciding_body)}　"
        f"<b>调查至少：</b>{proc.min_investigators}人{'，须回避' if proc.recusal else ''}</p>"
        + (f"<p><b>请示上级：</b>{e(proc.escalation)}</p>" if proc.escalation else "")
        + (f"<p><b>申辩申诉：</b>{e(proc.appeal)}</p>" if proc.appeal else "")
        + (f"<p><b>说明：</b></p><ul>{notes}</ul>" if notes else "")
    )
