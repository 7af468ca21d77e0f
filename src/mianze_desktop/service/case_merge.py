"""Merging a stale edit: what to do after ``cases.update`` raised ConflictError.

Two reviewers opened the same case; the second one's save is refused (the case's version
moved on). ``merge_update`` re-applies the fields the second one really changed on top of
the current version when nobody else changed those fields meanwhile; a field both changed
(to different values) is a collision: it is reported with the value the user started from,
theirs and the other one's, and nothing is written until the user chooses per field
(``choices={"form.remarks": "mine" | "theirs"}``). Used by the GUI's conflict dialog
(gui/conflict.py); the CLI reports the ConflictError and leaves merging to the user.
"""
from __future__ import annotations

from typing import Any, Optional

from ..store.errors import ConflictError, UserError

ATTEMPTS = 5  # a third writer may slip in between reading and writing; start over this often


def flatten(changes: dict) -> dict[str, Any]:
    """{"form": {"remarks": x}, "answers": {"f": True}, "justification": y} ->
    {"form.remarks": x, "answers.f": True, "justification": y}."""
    if not isinstance(changes, dict):
        raise UserError("changes: expected an object")
    flat: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("form", "answers"):
            if not isinstance(value, dict):
                raise UserError(f"changes.{key}: expected an object")
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        else:
            flat[key] = value
    return flat


def unflatten(flat: dict[str, Any]) -> dict:
    out: dict = {}
    for key, value in flat.items():
        head, dot, sub = key.partition(".")
        if dot and head in ("form", "answers"):
            out.setdefault(head, {})[sub] = value
        else:
            out[key] = value
    return out


def value_of(record: dict, key: str):
    head, dot, sub = key.partition(".")
    if dot and head in ("form", "answers"):
        return (record.get(head) or {}).get(sub)
    return record.get(key)


def _norm(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (list, tuple)):
        return [_norm(v) for v in value]
    return value


def same(a, b) -> bool:
    return _norm(a) == _norm(b)


def label_of(pack, key: str) -> str:
    head, dot, sub = key.partition(".")
    if pack is not None:
        if head == "form":
            field = next((f for f in pack.application_form if f.id == sub), None)
            if field is not None:
                return field.label
        elif head == "answers":
            fact = next((f for f in pack.facts if f.id == sub), None)
            if fact is not None:
                return fact.question
        else:
            field = next((f for f in pack.application_form if f.id == key), None)
            if field is not None:
                return field.label
    return {"applicant": "申请人", "unit": "单位", "position": "职务", "unit_position": "单位及职务",
            "applied_on": "申请日期", "candidates": "适用情形", "justification": "说明理由",
            "archive_number": "归档号"}.get(key, key)


def compare(pack, base: dict, current: dict, changes: dict) -> dict:
    """Sort the user's changes against what others saved since ``base``.

    Returns {"apply": {key: mine}, "mine": [row], "conflicts": [row], "theirs": [{field, label, base,
    theirs}]} with rows {field, label, base, yours, theirs}: ``apply``/``mine`` what the user changed
    and can be re-applied safely, ``conflicts`` what both changed, ``theirs`` every field the others
    changed (shown to the user; those values stay unless a conflict is settled as "mine")."""
    apply: dict[str, Any] = {}
    conflicts: list[dict] = []
    mine_only: list[dict] = []
    for key, mine in flatten(changes).items():
        was, now = value_of(base, key), value_of(current, key)
        if same(mine, was):
            continue  # not changed by this user: the current value stays
        row = {"field": key, "label": label_of(pack, key), "base": was, "yours": mine, "theirs": now}
        if same(now, was) or same(now, mine):
            apply[key] = mine
            mine_only.append(row)
        else:
            conflicts.append(row)
    theirs = []
    keys = [f"form.{k}" for k in set(base.get("form") or {}) | set(current.get("form") or {})]
    keys += [f"answers.{k}" for k in set(base.get("answers") or {}) | set(current.get("answers") or {})]
    keys += ["candidates", "justification", "archive_number", "applied_on"]
    for key in sorted(keys):
        was, now = value_of(base, key), value_of(current, key)
        if not same(was, now):
            theirs.append({"field": key, "label": label_of(pack, key), "base": was, "theirs": now})
    return {"apply": apply, "mine": mine_only, "conflicts": conflicts, "theirs": theirs}


def merge_update(cases, case_ref, base: dict, changes: dict, choices: Optional[dict] = None) -> dict:
    """Save ``changes`` (made by the user on ``base``, the record as they loaded it) on top of the
    case's current version.

    Returns {"merged": True, "record", "applied": [fields], "kept_theirs": [fields], "theirs": [...]}
    or, when fields collide and ``choices`` does not settle them, {"merged": False, "conflicts":
    [...], "theirs": [...], "current": record} with nothing written."""
    if not isinstance(base, dict) or "version" not in base:
        raise UserError("base: the case record the changes were made on (with its version) is needed")
    choices = dict(choices or {})
    bad = sorted(k for k, v in choices.items() if v not in ("mine", "theirs"))
    if bad:
        raise UserError(f"choices: {', '.join(bad)}: choose \"mine\" or \"theirs\"")
    for _ in range(ATTEMPTS):
        current = cases.get(case_ref)
        pack = cases.pack_of(current["policy"], current["policy_revision"])
        result = compare(pack, base, current, changes)
        apply = dict(result["apply"])
        open_conflicts, kept = [], []
        for c in result["conflicts"]:
            choice = choices.get(c["field"])
            if choice == "mine":
                apply[c["field"]] = c["yours"]
            elif choice == "theirs":
                kept.append(c["field"])
            else:
                open_conflicts.append(c)
        if open_conflicts:
            return {"merged": False, "conflicts": open_conflicts, "theirs": result["theirs"], "current": current}
        if not apply:
            return {"merged": True, "record": current, "applied": [], "kept_theirs": kept, "theirs": result["theirs"]}
        try:
            record = cases.update(current["id"], unflatten(apply), expected_version=current["version"])
        except ConflictError:
            continue  # someone else saved again meanwhile: compare with the newer version
        return {"merged": True, "record": record, "applied": sorted(apply), "kept_theirs": kept,
                "theirs": result["theirs"]}
    raise ConflictError(str(case_ref), int(base["version"]), int(cases.get(case_ref)["version"]))
