"""Invented case records (the case record contract) for document tests — no store needed."""
from __future__ import annotations

import random

from mianze_desktop.documents.sample import long_text

PUNCT_TEXT = ("经办人员（含村级协理员）按“应保尽保”原则开展复核；对《通知》规定的情形，"
              "逐户核对：收入、财产、就业……均已记录！是否存在问题？经调查“无异常”。")


def invented_value(field, n: int) -> object:
    """A distinct invented value for a form field; dates are ISO strings."""
    if field.type == "date":
        return f"2026-0{1 + n % 9}-{10 + n % 18}"
    if field.type == "choice":
        return field.choices[-1]
    if field.type == "person":
        return f"欧阳测{n}"
    if field.type == "unit":
        return f"测试县第{n}民政服务站"
    if field.type == "number":
        return n
    if field.type == "textarea":
        return f"第{n}栏内容：" + long_text(60 + n * 7, seed=n)
    return f"测试{field.label}{n}"


def record_for(pack, long_field: str | None = None, long_chars: int = 5000, drop=()) -> dict:
    """A full case record for ``pack``: every form field filled with an invented value."""
    form, dform = {}, {}
    n = 0
    for f in pack.application_form:
        n += 1
        if f.id not in drop:
            form[f.id] = invented_value(f, n)
    for f in pack.decision_form:
        n += 1
        if f.id not in drop:
            dform[f.id] = invented_value(f, n)
    for fid in (long_field,) if long_field else ():
        target = dform if fid in {f.id for f in pack.decision_form} else form
        target[fid] = long_text(long_chars, seed=3)
    exempt = pack.outcome_for("exempt")
    item = pack.items_of("applicable")[0]
    decision = {"outcome": exempt.id, "outcome_label": exempt.label, "matched": [item.id], "excluded_by": [],
                "decided_on": dform.get("decided_on"), "form": dform}
    for key in ("investigated_facts", "basis", "conclusion", "approving_body", "decision_number"):
        if key in dform:
            decision[key] = dform[key]
    return {
        "id": 7, "number": "测试-2026-0007", "policy": pack.id, "policy_revision": pack.revision,
        "status": "decide", "status_label": "作出结论",
        "applicant": form.get("applicant", "欧阳测"), "unit": "测试镇人民政府", "position": "民政助理员",
        "unit_position": form.get("unit_position", "测试镇人民政府民政助理员"), "tier": pack.scope.tiers[0],
        "work_type": pack.scope.work_types[0], "applied_on": form.get("applied_on", "2026-01-05"),
        "stage_dates": {}, "accepted_on": "2026-01-06", "decided_on": dform.get("decided_on"),
        "notified_on": None, "archived_on": None, "form": form,
        "matter": form.get("matter", ""), "facts_reasons": form.get("facts_reasons", ""),
        "remarks": form.get("remarks", ""), "answers": {}, "candidates": [item.id], "justification": "",
        "investigators": [], "statements": [], "decision": decision, "notifications": [], "attachments": [],
        "archive_number": None, "deadlines": [], "version": 3,
    }


def stress_text(chars: int = 10000, seed: int = 7) -> str:
    """A paragraph of ``chars`` characters dense with punctuation that must not start or end a line."""
    rng = random.Random(seed)
    hanzi = "社会救助低保特困临时经办人员调查核实审核确认公示家庭收入财产动态管理政策规定程序"
    pieces = ["救助"]
    total = 2
    while total < chars:
        choice = rng.random()
        if choice < 0.35:
            s = "".join(rng.choice(hanzi) for _ in range(rng.randint(1, 9)))
        elif choice < 0.55:
            s = rng.choice(["，", "。", "、", "；", "：", "！", "？", "）", "》", "”", "’", "。”", "）。", "》，",
                            "！”", "？’", "……", "——"])
        elif choice < 0.75:
            s = rng.choice(["（", "《", "“", "‘", "（“", "《“"]) + "".join(rng.choice(hanzi) for _ in range(3))
        else:
            s = PUNCT_TEXT[: rng.randint(5, len(PUNCT_TEXT))]
        pieces.append(s)
        total += len(s)
    return "".join(pieces)[:chars]
