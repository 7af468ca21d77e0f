"""An invented case record for any pack (names are fictitious): print previews and benchmarks.

The record follows the case record contract; every form field the pack declares gets a
value of its type. ``facts_chars`` makes the long text fields that many characters long.
"""
from __future__ import annotations

SENTENCES = (
    "经办人员按照规定程序开展入户调查、邻里走访和信息核对，并在村务公开栏公示七日，公示期间无异议。",
    "申请对象在申请时未如实申报其子女在外地务工取得的收入，核对平台因外省数据未接入未能核出。",
    "群众举报后，镇人民政府立即组织复核，查实后于当月停发低保金，并追回多领取的保障资金。",
    "经办人员在发现问题后及时向县民政局报告，配合开展整改，没有为本人或他人谋取不正当利益。",
    "调查组听取了当事人的陈述和申辩，查阅了入户调查记录、公示照片、核对报告等材料。",
)


def long_text(chars: int, seed: int = 0) -> str:
    """Invented Chinese prose of exactly ``chars`` characters, in paragraphs."""
    out, n, k = [], 0, seed
    para = []
    while n < chars:
        s = SENTENCES[k % len(SENTENCES)]
        k += 1
        para.append(s)
        n += len(s)
        if len(para) == 4:
            out.append("".join(para))
            para = []
    if para:
        out.append("".join(para))
    text = "\n".join(out)
    # trim to the exact size (newlines do not count as characters)
    kept, count = [], 0
    for ch in text:
        if ch != "\n":
            if count == chars:
                break
            count += 1
        kept.append(ch)
    return "".join(kept).rstrip("\n")


def _value(field, facts_chars: int, i: int):
    if field.type == "date":
        return "2026-01-05"
    if field.type == "choice":
        return field.choices[0]
    if field.type == "person":
        return "林晓雯"
    if field.type == "unit":
        return "某某县民政局"
    if field.type == "number":
        return 3
    if field.type == "textarea":
        return long_text(facts_chars if "fact" in field.id else min(facts_chars, 120), seed=i)
    if field.id.endswith("number"):
        return "某民容决[2026]3号"
    return f"示例{field.label}"


def sample_record(pack, facts_chars: int = 300) -> dict:
    app = {f.id: _value(f, facts_chars, i) for i, f in enumerate(pack.application_form)}
    dec = {f.id: _value(f, facts_chars, i) for i, f in enumerate(pack.decision_form)}
    exempt = pack.outcome_for("exempt")
    item = pack.items_of("applicable")[0]
    decision = {
        "outcome": exempt.id, "outcome_label": exempt.label, "matched": [item.id], "excluded_by": [],
        "investigated_facts": dec.get("investigated_facts", long_text(facts_chars)),
        "basis": dec.get("basis", "根据有关规定"), "conclusion": dec.get("conclusion", "予以免责"),
        "approving_body": dec.get("approving_body", "某某县民政局"), "decision_number": "某民容决〔2026〕3号",
        "decided_on": "2026-01-20", "form": dec,
    }
    return {
        "id": 1, "number": f"{pack.region or '某地'}-2026-0001", "policy": pack.id, "policy_revision": pack.revision,
        "status": pack.procedure.stages[-1].id, "status_label": pack.procedure.stages[-1].label,
        "applicant": "林晓雯", "unit": "某某镇人民政府", "position": "民政助理员", "unit_position": "某某镇人民政府民政助理员",
        "tier": pack.scope.tiers[0], "work_type": pack.scope.work_types[0], "applied_on": "2026-01-05",
        "stage_dates": {}, "accepted_on": "2026-01-06", "decided_on": "2026-01-20", "notified_on": "2026-01-22",
        "archived_on": None, "form": app, "matter": app.get("matter", ""), "facts_reasons": app.get("facts_reasons", ""),
        "remarks": app.get("remarks", ""), "answers": {}, "candidates": [item.id], "justification": "",
        "investigators": [], "statements": [], "decision": decision, "notifications": [], "attachments": [],
        "archive_number": None, "deadlines": [], "version": 1,
    }
