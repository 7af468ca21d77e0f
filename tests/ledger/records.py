"""Invented case records in the case record contract's shape (names are made up)."""
from __future__ import annotations

import datetime as dt

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"
GIVEN = ["晓明", "春燕", "建国", "丽华", "志强", "海燕", "文博", "秀英"]
UNITS = ["示例市东城镇民政办", "示例市西河乡社会事务办", "示例市南湖街道办事处", "示例市民政局社会救助科"]
POSITIONS = ["科员", "主任", "副科长", "协理员"]
TIERS = ["乡镇", "乡镇", "乡镇", "县"]


def make_record(i: int, pack, year: int = 2026, decided: bool = True, archived: bool = True) -> dict:
    """The i-th invented case for ``pack`` (deterministic)."""
    applied = dt.date(year, 1, 5) + dt.timedelta(days=(i * 7) % 330)
    accepted = applied + dt.timedelta(days=2)
    decided_on = applied + dt.timedelta(days=20 + i % 9)
    notified = decided_on + dt.timedelta(days=3)
    archived_on = notified + dt.timedelta(days=5)
    applicable = [it.id for it in pack.items if it.kind == "applicable"]
    items = [applicable[i % len(applicable)]]
    if i % 5 == 0 and len(applicable) > 1:
        items.append(applicable[(i + 1) % len(applicable)])
    outcome = pack.outcomes[i % len(pack.outcomes)]
    # a refusal because an exclusion holds: the exclusion is recorded apart from the matched items
    exclusions = [it.id for it in pack.items if it.kind == "exclusion"] if outcome.role == "refused" else []
    stages = {s.role: s.id for s in reversed(pack.procedure.stages)}
    unit, position = UNITS[i % len(UNITS)], POSITIONS[i % len(POSITIONS)]
    status = pack.procedure.archive_stage if archived else (stages["decide"] if decided else stages["accept"])
    label = pack.stage(status).label
    rec = {
        "number": f"{pack.region[:2]}-{year}-{i + 1:04d}",
        "policy": pack.id,
        "status": status,
        "status_label": label,
        "applicant": SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)],
        "unit": unit,
        "position": position,
        "unit_position": f"{unit}{position}",
        "tier": TIERS[i % len(TIERS)],
        "work_type": pack.scope.work_types[i % len(pack.scope.work_types)],
        "applied_on": applied.isoformat(),
        "accepted_on": accepted.isoformat(),
        "decided_on": decided_on.isoformat() if decided else None,
        "notified_on": notified.isoformat() if decided else None,
        "archived_on": archived_on.isoformat() if archived and decided else None,
        "matter": f"第{i + 1}号低保审核中未核出申请人家庭收入，导致多发救助金{100 + i % 900}元",
        "remarks": "" if i % 3 else "已追回",
        "candidates": items,
        "investigators": [{"name": "调查员甲", "unit": "", "position": "", "no_conflict_declared": True},
                          {"name": "调查员乙", "unit": "", "position": "", "no_conflict_declared": True}],
        "decision": {"outcome": outcome.id, "outcome_label": outcome.label, "matched": items,
                     "excluded_by": exclusions[:1], "decided_on": decided_on.isoformat()} if decided else None,
        "archive_number": f"档-{year}-{i + 1:04d}" if archived else None,
        "deadlines": [{"id": "decide", "label": "认定期限", "start": accepted.isoformat(),
                       "due": (accepted + dt.timedelta(days=42)).isoformat(),
                       "done_on": decided_on.isoformat() if decided else None, "overdue": i % 7 == 3}],
    }
    return rec
