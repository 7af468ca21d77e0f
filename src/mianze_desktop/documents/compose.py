"""Build the PDF of one document a policy pack declares, from a case record or blank.

Generic over the pack: ``layout: table`` gives an annex form (附件 label, title, a table of the
declared fields in order), ``layout: letter`` a 公文-style letter from the pack's ``body``
template. Layout rules, all driven by field types and order:

* table: a leading ``date`` field prints right-aligned above the table (填表日期); consecutive
  short fields share a row (label | value | label | value); ``textarea`` and ``signature``
  fields take a full row with a merged value cell; a ``date`` field right after a signature
  field fills that cell's 「年　月　日」 line. Long values are cut into rows of a few lines so
  they flow across pages; a row continued on a new page repeats its label 「…（续）」. Fields
  with a ``group`` get a leftmost merged cell spanning their rows (ungrouped labels span that
  column too); the merged cell is cut at page breaks like any row and repeats 「group（续）」.
* letter: a first line ending in 「：」 is the 主送 line (no indent); a trailing date placeholder
  line (and up to two short lines before it) is the 署名 / 成文日期 block (date 右空四字, 署名
  centred over it); a line starting 「附件：」 is laid out as GB/T 9704 附件说明; ``footer`` is
  the 版记 (抄送) at the foot of the last page between rules.
"""
from __future__ import annotations

from typing import Optional

from . import layout as L
from .values import (DocumentError, check_required, form_fields, format_value, is_date, is_long,
                     placeholder_names, raw_value, resolve, context, PLACEHOLDER)

CELL_PAD = 4.0
LABEL_W = 34 * L.MM  # six characters of 4号 plus padding
VALUE_W = (L.BLOCK_W - 2 * LABEL_W) / 2
SINGLE_ROW_LINES = 8  # a value up to this many lines stays in one row (label centred beside it)
CHUNK_LINES = 2  # a longer value is cut into rows of this many lines, so pages fill and rows never overflow
SHORT_PAIR_MAX = 24  # characters: longer short-field values get a full row
BLANK_LINES = {"textarea": 3, "signature": 2}
GROUP_CHARS = 3  # characters per line in a group's merged label cell (容错对 / 象情况)
GROUP_LABEL_CHARS = 4  # the label column beside it widens for labels up to this many characters
GROUP_PAD = 3.0  # ReportLab's default top / bottom cell padding


def _tb(text, font, size, leading, **kw):
    return L.flowables()["TextBlock"](L.clean_text(text), font, size, leading, **kw)


class _Builder:
    def __init__(self, pack, doc, record: Optional[dict], fonts: dict):
        self.pack, self.doc, self.record, self.fonts = pack, doc, record, fonts
        self.blank = record is None
        self.fields = form_fields(pack)

    def where(self, label: str) -> str:
        return f"文书「{self.doc.title}」{label}"

    # -- shared pieces -------------------------------------------------------------------
    def head(self) -> list:
        from reportlab.platypus import Spacer

        story = []
        if self.doc.annex:
            annex = self.doc.annex.strip()
            label = f"附件{annex}" if annex.isdigit() else annex
            story += [_tb(label, self.fonts["hei"], L.BODY_SIZE, L.LEADING, align="left",
                          where=self.where("附件标识")), Spacer(1, L.LEADING)]
        story.append(_tb(self.doc.title, self.fonts["title"], L.TITLE_SIZE, L.LEADING, align="center",
                         where=self.where("标题")))
        return story

    # -- table layout (annex forms) ------------------------------------------------------
    def table_story(self) -> list:
        from reportlab.platypus import Spacer

        check_required(self.pack, self.doc, self.record, self.doc.fields)
        story = self.head()
        ids = list(self.doc.fields)
        if ids and self.fields[ids[0]][0].type == "date":
            text = self.value(ids[0]) or L.BLANK_DATE
            story.append(_tb(text, self.fonts["fangsong"], L.BODY_SIZE, L.LEADING, align="right",
                             right_indent=L.PITCH, where=self.where(self.fields[ids[0]][0].label)))
            ids = ids[1:]
        else:
            story.append(Spacer(1, L.LEADING * 0.5))
        if ids:
            story.append(self.form_table(ids))
        if self.doc.footer:
            story.append(Spacer(1, 6))
            story.append(_tb(self.fill_plain(self.doc.footer), self.fonts["fangsong"], L.TABLE_SIZE,
                             L.TABLE_LEADING, align="left", where=self.where("表注")))
        return story

    def value(self, fid: str) -> str:
        if self.blank:
            return ""
        field, origin = self.fields[fid]
        return format_value(raw_value(self.record, fid, origin), field.type, fid)

    def cell_text(self, fid: str) -> str:
        field = self.fields[fid][0]
        text = self.value(fid)
        if field.type == "choice" and field.choices and (not text or text in field.choices):
            return "　".join(("■" if c == text else "□") + c for c in field.choices)
        if field.type == "date" and not text:
            return L.BLANK_DATE
        return text

    def _cell_blocks(self, text, width, where, align="justify"):
        f = self.fonts["fangsong"]
        out = []
        for para in (text.split("\n") if text else []):
            if para.strip():
                out.append(_tb(para, f, L.TABLE_SIZE, L.TABLE_LEADING, align=align, where=where))
        for block in out:
            block.wrap(width, 1e9)
        return out

    def _label(self, label, width, hidden=False):
        f = self.fonts["fangsong"]
        if hidden:  # sized for 「label（续）」, shown only when the row heads a new page (FormTable.split)
            text = f"{label}（续）"
            tb = _tb(text, f, 10.5, 14.0, align="center", where=self.where("栏目"))
            if tb.wrap(width - 2 * CELL_PAD, 1e9)[1] > CHUNK_LINES * L.TABLE_LEADING + 1e-6:
                tb = _tb(label, f, 10.5, 14.0, align="center", where=self.where("栏目"))  # narrow column
            tb.hidden = True
            return [tb]
        lines = _balanced(label, int((width - 2 * CELL_PAD) // L.TABLE_SIZE)).split("\n")
        return [_tb(part, f, L.TABLE_SIZE, L.TABLE_LEADING, align="center", where=self.where("栏目"))
                for part in lines]

    def _group_cell(self, label, continued=False):
        """The merged label cell of a field group: (flowables, height it needs incl. padding)."""
        width = self.widths[0]
        if continued:
            blocks = [_tb(f"{label}（续）", self.fonts["fangsong"], 10.5, 14.0, align="center",
                          where=self.where("栏目"))]
        else:
            blocks = self._label(label, width)
        return blocks, sum(b.wrap(width - 2 * CELL_PAD, 1e9)[1] for b in blocks) + 2 * GROUP_PAD

    def _columns(self, ids) -> None:
        """Column widths: [group, label] or [label], then value | label | value."""
        grouped = [self.fields[f][0].label for f in ids if self.fields[f][0].group]
        if grouped:
            group_w = GROUP_CHARS * L.TABLE_SIZE + 2 * CELL_PAD
            sub = min(max(len(x) for x in grouped), GROUP_LABEL_CHARS) * L.TABLE_SIZE + 2 * CELL_PAD
            lead = [group_w, max(LABEL_W - group_w, sub)]
        else:
            lead = [LABEL_W]
        value_w = (L.BLOCK_W - sum(lead) - LABEL_W) / 2
        self.lead = len(lead)  # index of the first value column
        self.widths = lead + [value_w, LABEL_W, value_w]

    def _label_col(self, field) -> tuple[int, float]:
        """(column of the field's label, its width); an ungrouped label spans the group column too."""
        if self.lead == 2 and field.group:
            return 1, self.widths[1]
        return 0, sum(self.widths[:self.lead])

    def _plan(self, ids) -> list[tuple]:
        """Rows of the table: ("pair", a, b) share a row; ("rows", a, signature_date) take full rows.

        Consecutive short fields pair up (a value too long for half a row takes a full one); fields pair
        only within their group, and a group with an odd number of short fields gives its first field a row
        of its own (威海 附件2: 单位 over 姓名 | 职务)."""
        units, i = [], 0
        while i < len(ids):
            fid = ids[i]
            field = self.fields[fid][0]
            if self._is_long_id(fid):
                nxt = ids[i + 1] if i + 1 < len(ids) else None
                sig = nxt if field.signature and nxt and self.fields[nxt][0].type == "date" else None
                units.append(("rows", fid, sig))
                i += 2 if sig else 1
                continue
            j = i
            while j < len(ids) and not self._is_long_id(ids[j]) and self.fields[ids[j]][0].group == field.group:
                j += 1
            run = ids[i:j]
            short = [len(self.cell_text(x)) <= SHORT_PAIR_MAX for x in run]
            k = 0
            if field.group and len(run) % 2 and len(run) > 1 and all(short):
                units.append(("rows", run[0], None))
                k = 1
            while k < len(run):
                if k + 1 < len(run) and short[k] and short[k + 1]:
                    units.append(("pair", run[k], run[k + 1]))
                    k += 2
                else:
                    units.append(("rows", run[k], None))
                    k += 1
            i = j
        return units

    def _lead_cells(self, field, label_cells, r, cmds) -> list:
        """The row's label cells: [label] | [group cell, label] | [label spanning both]."""
        if self.lead == 1:
            return [label_cells]
        if field.group:
            return ["", label_cells]
        cmds.append(("SPAN", (0, r), (1, r)))
        return [label_cells, ""]

    def form_table(self, ids: list[str]):
        self._columns(ids)
        lead = self.lead
        t = _Rows()
        half_w = self.widths[lead] - 2 * CELL_PAD
        full_w = sum(self.widths[lead:]) - 2 * CELL_PAD
        for unit in self._plan(ids):
            if unit[0] == "rows":
                field = self.fields[unit[1]][0]
                self._long_rows(t, field, self.cell_text(unit[1]), full_w, unit[2])
                continue
            a, b = (self.fields[x][0] for x in unit[1:])
            r = len(t.rows)
            lc, lw = self._label_col(a)
            t.rows.append(self._lead_cells(a, self._label(a.label, lw), r, t.cmds)
                          + [self._cell_blocks(self.cell_text(unit[1]), half_w, self.where(a.label)),
                             self._label(b.label, LABEL_W),
                             self._cell_blocks(self.cell_text(unit[2]), half_w, self.where(b.label))])
            t.cmds += [("LINEAFTER", (lead - 1, r), (lead + 1, r), 0.6, "black"), ("VALIGN", (0, r), (-1, r), "MIDDLE")]
            t.add(r, a.group, None)
        cmds = t.cmds
        groups = [None] * len(t.rows)
        for g0, g1, label in t.group_runs():
            blocks, need = self._group_cell(label)
            t.rows[g0][0] = blocks
            cmds += [("SPAN", (0, g0), (0, g1)), ("VALIGN", (0, g0), (0, g1), "MIDDLE"),
                     ("LINEAFTER", (0, g0), (0, g1), 0.6, "black")]
            groups[g0:g1 + 1] = [(label, need, True)] + [(label, 0.0, False)] * (g1 - g0)
        for r in t.starts:  # a rule above each field; inside a group it leaves the group cell whole
            inside = groups[r] is not None and not groups[r][2]
            cmds.append(("LINEABOVE", (1 if inside else 0, r), (-1, r), 0.6, "black"))
        cmds += [("FONT", (0, 0), (-1, -1), self.fonts["fangsong"], L.TABLE_SIZE),  # else Helvetica (unembedded)
                 ("BOX", (0, 0), (-1, -1), 1.0, "black"), ("LINEAFTER", (lead - 1, 0), (lead - 1, -1), 0.6, "black"),
                 ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD)]
        return _form_table_class()(t.rows, colWidths=self.widths, style=cmds, owners=t.owners, groups=groups,
                                   group_maker=self._group_cell)

    def _is_long_id(self, fid):
        f = self.fields[fid][0]
        return f.type == "textarea" or f.signature

    def _long_rows(self, t, field, text, width, sig_date):
        from reportlab.platypus import Spacer

        long_field = field.type == "textarea" or field.signature
        lead = self.lead
        lc, lw = self._label_col(field)
        where = self.where(field.label)
        blocks = self._cell_blocks(text, width, where)
        chunks, current, used = [], [], 0
        total = sum(b.wrap(width, 1e9)[1] for b in blocks)
        label_lines = len(_balanced(field.label, int((lw - 2 * CELL_PAD) // L.TABLE_SIZE)).split("\n"))
        first_limit = max(CHUNK_LINES, label_lines) * L.TABLE_LEADING
        limit = first_limit if total > SINGLE_ROW_LINES * L.TABLE_LEADING + 1e-6 else total + 1
        for block in blocks:
            while block is not None:
                _, h = block.wrap(width, 1e9)
                if used + h <= limit + 1e-6:
                    current.append(block)
                    used += h
                    block = None
                    continue
                parts = block.split(width, limit - used)
                if parts:
                    current.append(parts[0])
                    block = parts[1]
                chunks.append(current)
                current, used = [], 0
                limit = CHUNK_LINES * L.TABLE_LEADING if limit == first_limit else limit
        if current or not chunks:
            chunks.append(current)
        if field.signature:
            date_text = self.value(sig_date) if sig_date else ""
            tail = chunks[-1]
            if not text:
                tail.append(Spacer(1, BLANK_LINES["signature"] * L.TABLE_LEADING))
            f = self.fonts["fangsong"]
            tail.append(_tb("（盖章）", f, L.TABLE_SIZE, L.TABLE_LEADING, align="right",
                            right_indent=3 * L.TABLE_SIZE, where=where))
            tail.append(_tb(date_text or "年　　月　　日", f, L.TABLE_SIZE, L.TABLE_LEADING, align="right",
                            right_indent=L.TABLE_SIZE, where=where))
        elif not text and long_field:
            chunks[-1].append(Spacer(1, BLANK_LINES["textarea"] * L.TABLE_LEADING))
        first = len(t.rows)
        cmds = t.cmds
        for k, chunk in enumerate(chunks):
            r = len(t.rows)
            label = self._label(field.label, lw, hidden=k > 0)
            t.rows.append(self._lead_cells(field, label, r, cmds) + [chunk or "", "", ""])
            cmds.append(("SPAN", (lead, r), (lead + 2, r)))
            t.add(r, field.group, lc if k > 0 else None, start=k == 0)
            if k > 0:
                cmds.append(("TOPPADDING", (lead, r), (lead + 2, r), 0))
            if k < len(chunks) - 1:
                cmds.append(("BOTTOMPADDING", (lead, r), (lead + 2, r), 0))
        last = len(t.rows) - 1
        cmds += [("VALIGN", (lc, first), (lc, last), "MIDDLE" if len(chunks) == 1 else "TOP"),
                 ("VALIGN", (lead, first), (-1, last), "TOP" if long_field else "MIDDLE")]

    # -- letter layout -------------------------------------------------------------------
    def letter_story(self) -> list:
        from reportlab.platypus import Spacer

        doc = self.doc
        ctx = context(self.pack, doc, self.record)
        names = placeholder_names(doc.body) + placeholder_names(doc.footer)
        for name in names:  # unknown names are an error even on a blank form
            resolve(name, ctx, self.record, doc)
        check_required(self.pack, doc, self.record, list(dict.fromkeys(list(doc.fields) + names)))
        self.ctx = ctx
        story = self.head()
        number = ctx.get("decision_number") if doc.source == "decision" else ""
        if number:
            story.append(_tb(number, self.fonts["fangsong"], L.BODY_SIZE, L.LEADING, align="center",
                             where=self.where("发文字号")))
        story.append(Spacer(1, L.LEADING))
        lines = (doc.body or "").strip("\n").split("\n")
        sig = self._signature_lines(lines)
        body, sig_lines = lines[:len(lines) - sig], lines[len(lines) - sig:]
        grid = dict(char_space=L.PITCH - L.BODY_SIZE)
        f = self.fonts["fangsong"]
        for n, line in enumerate(body):
            if not line.strip():
                continue
            if line.lstrip().startswith(("附件：", "附件:")):
                story.append(Spacer(1, L.LEADING))
                story += self._annex_note(line)
                continue
            salutation = n == 0 and line.rstrip().endswith(("：", ":"))
            for text, under in self.fill(line):
                story.append(_tb(text, f, L.BODY_SIZE, L.LEADING, underline=under,
                                 first_indent=0 if salutation else 2 * L.PITCH, where=self.where("正文"), **grid))
        for fid in doc.fields:
            label = self.fields[fid][0].label
            text = self.value(fid)
            story.append(_tb(f"{label}：{text or '　' * 8}", f, L.BODY_SIZE, L.LEADING, first_indent=2 * L.PITCH,
                             underline=frozenset(range(len(label) + 1, len(label) + 9)) if not text else frozenset(),
                             where=self.where(label), **grid))
        if sig_lines:
            from reportlab.platypus import KeepTogether

            # the 署名 and 成文日期 never stand alone on a page: keep the last body lines with them
            last = [story.pop()] if len(story) > 1 else []
            if last and hasattr(last[0], "split"):
                _, h = last[0].wrap(L.BLOCK_W, 1e9)
                parts = last[0].split(L.BLOCK_W, h - 2 * L.LEADING) if h > 2 * L.LEADING + 1e-6 else []
                if len(parts) == 2:
                    story.append(parts[0])
                    last = [parts[1]]
            story.append(KeepTogether(last + [Spacer(1, 2 * L.LEADING)] + self._signature(sig_lines)))
        if doc.footer:
            rule = L.flowables()["Rule"]
            text = self.fill_plain(doc.footer)
            story.append(L.flowables()["BottomBlock"]([
                rule(0.35), _tb(text, f, L.TABLE_SIZE, L.LEADING, first_indent=L.TABLE_SIZE, rest_indent=L.TABLE_SIZE,
                                right_indent=L.TABLE_SIZE, where=self.where("版记")), rule(0.35)]))
        return story

    def _signature_lines(self, lines) -> int:
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return 0
        m = PLACEHOLDER.fullmatch(lines[-1].strip())
        if not m or not is_date(self.pack, m.group(1)):
            return 0
        n = 1
        while n < 3 and len(lines) > n:
            line = lines[-1 - n].strip()
            names = placeholder_names(line)
            if not line or line.startswith(("附件：", "附件:")) or any(c in line for c in "。，；！？,;") \
                    or any(is_long(self.pack, x) or x == "attachments" for x in names) \
                    or len(PLACEHOLDER.sub("", line)) > 20:
                break
            n += 1
        return n

    def _signature(self, lines) -> list:
        f = self.fonts["fangsong"]
        cs = L.PITCH - L.BODY_SIZE

        def width(s):
            return sum(L.char_widths(s, f, L.BODY_SIZE)) + cs * max(len(s) - 1, 0)

        date_line = lines[-1].strip()
        name = PLACEHOLDER.fullmatch(date_line).group(1)
        date_text = self.ctx.get(name, "") if not self.blank else ""
        date_text = date_text or "　　年　　月　　日"
        date_w = width(date_text)
        centre = L.BLOCK_W - 4 * L.PITCH - date_w / 2
        out = []
        for line in lines[:-1]:
            text = self.fill_plain(line) or "　" * 8
            x = max(0.0, min(centre - width(text) / 2, L.BLOCK_W - width(text)))
            out.append(_tb(text, f, L.BODY_SIZE, L.LEADING, align="left", first_indent=x, char_space=cs,
                           where=self.where("署名")))
        out.append(_tb(date_text, f, L.BODY_SIZE, L.LEADING, align="right", right_indent=4 * L.PITCH, char_space=cs,
                       where=self.where("成文日期")))
        return out

    def _annex_note(self, line) -> list:
        """附件说明: 「附件：1.名称」, further names under the first, long names aligned with their first character."""
        f = self.fonts["fangsong"]
        cs = L.PITCH - L.BODY_SIZE
        rest = line.lstrip()[3:]
        names = []
        for text, _ in self.fill(rest):
            names += [x.strip() for x in text.replace("、", "\n").split("\n") if x.strip()]
        if not names:
            names = ["　" * 10]
        out = []
        lead = "附件："
        for k, name in enumerate(names, 1):
            num = f"{k}." if len(names) > 1 else ""
            prefix = lead if k == 1 else "　" * len(lead)
            text = prefix + num + name.rstrip("。；;，,")
            hang = 2 * L.PITCH + sum(L.char_widths(lead + num, f, L.BODY_SIZE)) + cs * len(lead + num)
            out.append(_tb(text, f, L.BODY_SIZE, L.LEADING, first_indent=2 * L.PITCH, rest_indent=hang, char_space=cs,
                           where=self.where("附件说明")))
        return out

    def fill(self, template: str) -> list[tuple[str, frozenset]]:
        """Fill placeholders; a blank value becomes an underlined space to write in. Returns paragraphs."""
        paras: list[tuple[str, set]] = [("", set())]
        pos = 0
        only = PLACEHOLDER.fullmatch(template.strip()) is not None
        for m in list(PLACEHOLDER.finditer(template)) + [None]:
            literal = template[pos:m.start() if m else len(template)]
            text, under = paras[-1]
            paras[-1] = (text + literal, under)
            if m is None:
                break
            pos = m.end()
            name = m.group(1)
            value = self.ctx.get(name) or resolve(name, self.ctx, self.record, self.doc)
            if value:
                parts = value.split("\n")
                text, under = paras[-1]
                paras[-1] = (text + parts[0], under)
                for p in parts[1:]:
                    paras.append((p, set()))
            else:
                if is_date(self.pack, name):
                    blank, mark = "　　年　　月　　日", False
                else:
                    size = 2 * L.CHARS_PER_LINE - 4 if (only and is_long(self.pack, name)) else 6
                    blank, mark = "　" * size, True
                text, under = paras[-1]
                if mark:
                    under |= set(range(len(text), len(text) + len(blank)))
                paras[-1] = (text + blank, under)
        return [(t, frozenset(u)) for t, u in paras if t.strip(" ")]

    def fill_plain(self, template: str) -> str:
        if self.doc.layout == "table":
            self.ctx = getattr(self, "ctx", None) or context(self.pack, self.doc, self.record)
        return "\n".join(t for t, _ in self.fill(template))


class _Rows:
    """Rows of a form table being built: cells, style commands, and per row its group and continuation label."""

    def __init__(self):
        self.rows, self.cmds, self.owners, self.starts, self.row_groups = [], [], [], [], []

    def add(self, r, group, owner_col, start=True):
        """Row r was appended: ``owner_col`` is its hidden 「（续）」 label column, ``start`` a field's first row."""
        self.owners.append(owner_col)
        self.row_groups.append(group)
        if start:
            self.starts.append(r)

    def group_runs(self):
        """(first row, last row, group label) of each run of consecutive rows of one non-empty group."""
        runs, r = [], 0
        while r < len(self.row_groups):
            g = self.row_groups[r]
            end = r
            while g and end + 1 < len(self.row_groups) and self.row_groups[end + 1] == g:
                end += 1
            if g:
                runs.append((r, end, g))
            r = end + 1
        return runs


def _balanced(label: str, per_line: int) -> str:
    """Break a long label into lines of equal length (主要事实\\n及理由, not 主要事实及理\\n由)."""
    if per_line < 1 or len(label) <= per_line or "\n" in label:
        return label
    lines = -(-len(label) // per_line)
    size = -(-len(label) // lines)
    return "\n".join(label[i:i + size] for i in range(0, len(label), size))


def _form_table_class():
    cached = getattr(_form_table_class, "cls", None)
    if cached:
        return cached
    from reportlab.platypus import Table

    class FormTable(Table):
        """A Table that, when split inside a field's rows, shows 「label（续）」 on the continued part.

        A field group's merged label cell (a row SPAN) may be cut between pages like any other row
        boundary, so a long group never makes a SPAN taller than a page: each part keeps its share of
        the merged cell, and the continued part shows 「group（续）」. A cut is allowed only below rows
        tall enough for the group label above it."""

        def __init__(self, data, *args, owners=None, groups=None, group_maker=None, **kw):
            super().__init__(data, *args, **kw)
            self._owners = list(owners or [None] * len(data))
            # per row: None, or (group label, height its cell needs, whether the row starts the group)
            self._groups = list(groups or [None] * len(data))
            self._group_maker = group_maker

        def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
            # the only row spans are group cells, and they may be cut (see split); heights past the
            # page may be unknown (None: ReportLab's long table optimisation), so one pass, stopping there
            need = above = h = 0.0
            split_at = 0
            for r, rh in enumerate(self._rowHeights):
                g = self._groups[r] if r < len(self._groups) else None
                inside = g is not None and not g[2]
                if not inside:
                    need, above = (g[1] if g else 0.0), 0.0
                if r and (not inside or above >= need - 1e-6):
                    split_at = r  # rows [0, r) fit and a cut above row r is allowed
                if rh is None or h + rh > availHeight:
                    return split_at
                h += rh
                above += rh
            split_at = len(self._rowHeights)
            return split_at

        def split(self, avail_width, avail_height):
            parts = super().split(avail_width, avail_height)
            if len(parts) == 2:
                head, tail = parts
                n = len(head._cellvalues)
                for part, sl in ((head, slice(0, n)), (tail, slice(n, None))):
                    part._owners = self._owners[sl]
                    part._groups = self._groups[sl]
                    part._group_maker = self._group_maker
                black = (0, 0, 0)
                head.setStyle([("LINEBELOW", (0, -1), (-1, -1), 1.0, black)])
                tail.setStyle([("LINEABOVE", (0, 0), (-1, 0), 1.0, black)])
                col = tail._owners[0] if tail._owners else None
                if col is not None:
                    block = tail._cellvalues[0][col][0]
                    shown = type(block)(block.text, block.font, block.size, block.leading, align="center",
                                        _span=block._span)
                    row = list(tail._cellvalues[0])
                    row[col] = [shown]
                    tail._cellvalues[0] = row
                g = tail._groups[0] if tail._groups else None
                if g is not None and not g[2]:
                    blocks, need = self._group_maker(g[0], continued=True)
                    tail._cellvalues[0] = [blocks] + list(tail._cellvalues[0][1:])
                    tail._groups[0] = (g[0], need, True)
            return parts

    _form_table_class.cls = FormTable
    return FormTable


def build_story(pack, doc, record: Optional[dict], fonts: dict) -> list:
    builder = _Builder(pack, doc, record, fonts)
    if doc.layout == "table":
        return builder.table_story()
    return builder.letter_story()
