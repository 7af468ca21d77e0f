"""Values for the printed documents, from a case record (the dict of the case record contract)
and its policy pack. Nothing here knows a particular policy.

A document's ``fields`` are ids of the pack's application_form / decision_form fields. A field's
value is looked up in order: for an application field ``case.form[id]``, then ``case[id]``; for a
decision field ``case.decision.form[id]``, then ``case.decision[id]``, then ``case.form[id]`` and
``case[id]``. Letter bodies use ``{placeholders}``: any form field id, and these names —

  case:      number, applicant, unit, position, unit_position, tier, work_type, status_label,
             archive_number, justification
  dates:     applied_on, accepted_on, decided_on, notified_on, archived_on, today (printed 2026年1月5日)
  decision:  outcome, outcome_label, basis, conclusion, investigated_facts, approving_body,
             decision_number, matched_items (titles), matched_citations
  other:     attachments (the case's attachment names, one a line: for a 「附件：{attachments}」 line),
             signing_body (the decision's approving_body, else the procedure's deciding_body)
  policy:    policy_title, policy_doc_number, policy_short_title, region, issuers, accepting_body,
             deciding_body, investigating_body, report_to, appeal, escalation, document_title
A dotted name (``{decision.conclusion}``, ``{form.matter}``, ``{case.number}``) reads the record.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

from ..service.errors import UserError
from .layout import cn_date, doc_number

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
LONG_TYPES = ("textarea",)
# The catalogue lives with the pack format, which validates templates against it.
from ..policy.schema import CASE_PLACEHOLDERS as CASE_KEYS  # noqa: E402
from ..policy.schema import DATE_PLACEHOLDERS as DATE_KEYS  # noqa: E402
from ..policy.schema import DECISION_PLACEHOLDERS as DECISION_KEYS  # noqa: E402
from ..policy.schema import PROCEDURE_PLACEHOLDERS as PROCEDURE_KEYS  # noqa: E402


class DocumentError(UserError):
    """A document cannot be printed as asked: unknown kind, missing required field, bad template."""


def form_fields(pack) -> dict:
    """{field id: (FormField, 'application'|'decision')} for both forms."""
    out = {}
    for f in pack.application_form:
        out[f.id] = (f, "application")
    for f in pack.decision_form:
        out.setdefault(f.id, (f, "decision"))
    return out


def _present(v) -> bool:
    if v is None:
        return False
    if isinstance(v, str):
        return bool(v.strip())
    if isinstance(v, (list, tuple, dict)):
        return bool(v)
    return True


def _dict(v) -> dict:
    return v if isinstance(v, dict) else {}


def raw_value(record: Optional[dict], field_id: str, origin: str) -> Any:
    if not record:
        return None
    decision = _dict(record.get("decision"))
    app = [_dict(record.get("form")), record]
    dec = [_dict(decision.get("form")), decision]
    for source in (dec + app if origin == "decision" else app + dec):
        v = source.get(field_id)
        if _present(v):
            return v
    return None


def format_value(value, ftype: str = "text", field_id: str = "") -> str:
    """A value as printed text ('' when empty)."""
    if not _present(value):
        return ""
    if ftype == "date" or isinstance(value, (dt.date, dt.datetime)):
        return cn_date(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        for key in ("name", "label", "title", "value"):
            if _present(value.get(key)):
                return format_value(value[key])
        return "；".join(f"{k}：{format_value(v)}" for k, v in value.items() if _present(v))
    if isinstance(value, (list, tuple)):
        return "、".join(format_value(v) for v in value if _present(v))
    text = str(value).strip()
    if field_id.endswith("number"):
        text = doc_number(text)
    return text


def field_text(pack, record: Optional[dict], field_id: str) -> str:
    field, origin = form_fields(pack)[field_id]
    return format_value(raw_value(record, field_id, origin), field.type, field_id)


def check_required(pack, doc, record: Optional[dict], ids) -> None:
    """DocumentError naming the first missing required field (no check for blank forms)."""
    if record is None:
        return
    fields = form_fields(pack)
    missing = []
    for fid in ids:
        if fid not in fields:
            continue
        field, origin = fields[fid]
        if field.required and not _present(raw_value(record, fid, origin)):
            missing.append(f"「{field.label}」({fid})")
    if missing:
        number = record.get("number") or record.get("id") or ""
        raise DocumentError(f"文书「{doc.title}」({doc.kind}) 缺少必填项 {'、'.join(missing)}"
                            f"{f'；案件 {number}' if number else ''}：请先在案件中填写")


def _items_of(pack, ids) -> list:
    out = []
    for item_id in ids or []:
        try:
            out.append(pack.item(item_id))
        except KeyError:
            continue
    return out


def context(pack, doc, record: Optional[dict]) -> dict:
    """Placeholder values: {name: text}; '' where the case has no value (printed as a blank)."""
    rec = record or {}
    decision = _dict(rec.get("decision"))
    ctx: dict[str, str] = {}
    for key in CASE_KEYS:
        ctx[key] = format_value(rec.get(key), field_id=key)
    for key in DATE_KEYS:
        v = rec.get(key) or (decision.get(key) if key == "decided_on" else None)
        ctx[key] = cn_date(v) if _present(v) else ""
    ctx["today"] = cn_date(dt.date.today()) if record is not None else ""
    for key in DECISION_KEYS:
        ctx[key] = format_value(decision.get(key), field_id=key)
    matched = _items_of(pack, decision.get("matched") or rec.get("candidates") if decision else None)
    ctx["matched_items"] = "、".join(i.title for i in matched)
    ctx["matched_citations"] = "、".join(i.citation for i in matched)
    proc = pack.procedure
    for key in PROCEDURE_KEYS:
        ctx[key] = getattr(proc, key, "") or ""
    ctx["report_to"] = "、".join(proc.report_to)
    names = [str(a.get("name") or "") for a in rec.get("attachments") or [] if isinstance(a, dict)]
    ctx["attachments"] = "\n".join(n.rsplit(".", 1)[0] if "." in n[-6:] else n for n in names if n.strip())
    ctx.update(policy_title=pack.title, policy_doc_number=pack.doc_number, policy_short_title=pack.short_title,
               region=pack.region, issuers="、".join(pack.issuers), document_title=doc.title)
    for fid, (field, origin) in form_fields(pack).items():
        text = format_value(raw_value(record, fid, origin), field.type, fid)
        if text or fid not in ctx:
            ctx[fid] = text
    # who signs a letter: the body that approved the decision, else the procedure's deciding body
    ctx["signing_body"] = ctx.get("approving_body") or ctx.get("deciding_body") or ""
    return ctx


def placeholder_names(template: str) -> list[str]:
    return PLACEHOLDER.findall(template or "")


def resolve(name: str, ctx: dict, record: Optional[dict], doc) -> str:
    if name in ctx:
        return ctx[name]
    head, _, rest = name.partition(".")
    roots = {"case": record or {}, "form": _dict((record or {}).get("form")),
             "decision": _dict((record or {}).get("decision"))}
    if head in roots and rest:
        node: Any = roots[head]
        for part in rest.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if record is None:
            return ""
        last = rest.split(".")[-1]
        return cn_date(node) if last.endswith("_on") else format_value(node, field_id=last)
    if head == "policy" and f"policy_{rest}" in ctx:
        return ctx[f"policy_{rest}"]
    known = ", ".join(sorted(ctx))
    raise DocumentError(f"文书「{doc.title}」({doc.kind}) 的模板使用了未知占位符 {{{name}}}；可用：{known}")


def is_long(pack, name: str) -> bool:
    fields = form_fields(pack)
    if name in fields:
        return fields[name][0].type in LONG_TYPES
    return name in ("basis", "conclusion", "investigated_facts", "justification", "appeal", "escalation")


def is_date(pack, name: str) -> bool:
    fields = form_fields(pack)
    if name in fields:
        return fields[name][0].type == "date"
    return name in DATE_KEYS or name == "today" or name.endswith("_on")
