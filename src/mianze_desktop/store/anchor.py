"""A witness of the audit chain's head kept outside the database.

The hash chain (store/audit.py) shows any entry that was edited, reordered or removed from the
middle, but not the newest entries cut off together with the changes they recorded (nothing after
them would break). So after every write transaction that appended audit entries, this PC notes the
chain's head — sequence number, hash, time — in ``audit-anchor.json`` in its data folder, per
database. ``mianze db verify`` then checks that the database still holds that entry: if it does not,
the newest entries were removed, or the whole database was replaced by an older copy outside the
program. A restore through the program (``db restore`` / ``db recover``) is itself audited and moves
the anchor, so it is not reported.

The anchor is written after the commit, from what the database then holds: it may lag behind (a
crash between the commit and the note, another process writing meanwhile), which only weakens the
check for those last entries, but it never names an entry that was not committed. A noted head that
has gone when the next one is noted stays in the file (``missing``) until a restore through the
program explains it, so later work does not wipe out the evidence. A missing,
unreadable or unwritable anchor file never blocks work.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

ANCHOR_NAME = "audit-anchor.json"


def _key(store) -> str:
    if store.backend == "sqlite" and store.path is not None:
        path = Path(store.path)
        return path.name if path.parent.resolve() == Path(store.data_dir).resolve() else str(path.resolve())
    return store.where  # the PostgreSQL URL without its password


def _read(data_dir: Path) -> dict:
    try:
        value = json.loads((Path(data_dir) / ANCHOR_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def head(store) -> Optional[tuple[int, str, str]]:
    """(seq, hash, at) of the newest audit entry in the database, or None."""
    from .models import AuditEntry, using

    with using(store.db):
        row = (AuditEntry.select(AuditEntry.seq, AuditEntry.hash, AuditEntry.at)
               .order_by(AuditEntry.seq.desc()).tuples().first())
    return tuple(row) if row else None


def _noted(value) -> Optional[dict]:
    if isinstance(value, dict) and isinstance(value.get("seq"), int) and isinstance(value.get("hash"), str):
        return {"seq": value["seq"], "hash": value["hash"], "at": str(value.get("at", ""))}
    return None


def _explained(noted: dict) -> bool:
    """The database still holds the noted entry, or a restore through the program came after it."""
    from .models import AuditEntry

    row = AuditEntry.get_or_none(AuditEntry.seq == noted["seq"])
    if row is not None and row.hash == noted["hash"]:
        return True
    restores = (AuditEntry.select(AuditEntry.at)
                .where(AuditEntry.action == "restore", AuditEntry.entity == "database").tuples())
    return any(at > noted["at"] for (at,) in restores)


def record(store) -> None:
    """Note the chain's head now (call after a write transaction that appended entries committed).
    A previously noted head that the database no longer holds (and no restore explains) is kept
    under ``missing``, so that the next change does not wipe out the evidence of a cut."""
    from .models import using

    try:
        top = head(store)
        if top is None:
            return
        anchors = _read(store.data_dir)
        key = _key(store)
        old = anchors.get(key) if isinstance(anchors.get(key), dict) else {}
        missing = [n for n in map(_noted, old.get("missing", []) if isinstance(old.get("missing"), list) else [])
                   if n]
        previous = _noted(old)
        with using(store.db):
            if previous and not _explained(previous):
                missing.append(previous)
        entry = {"seq": top[0], "hash": top[1], "at": top[2]}
        if missing:
            entry["missing"] = missing[-20:]
        anchors[key] = entry
        path = Path(store.data_dir) / ANCHOR_NAME
        tmp = path.with_name(f".{ANCHOR_NAME}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(anchors, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except Exception:  # a read-only folder, a full disk, a database gone meanwhile: the change is saved anyway
        return


def check(store) -> tuple[Optional[dict], list[dict]]:
    """(the head this PC noted for this database or None, problems). Call inside ``store.session()``."""
    from .models import AuditEntry

    value = _read(store.data_dir).get(_key(store))
    current = _noted(value)
    if current is None:
        return None, []
    earlier = [n for n in map(_noted, value.get("missing", []) if isinstance(value.get("missing"), list) else [])
               if n]
    problems, seen = [], set()
    for noted in earlier + [current]:
        if (noted["seq"], noted["hash"]) in seen or _explained(noted):
            continue
        seen.add((noted["seq"], noted["hash"]))
        row = AuditEntry.get_or_none(AuditEntry.seq == noted["seq"])
        what = "is missing" if row is None else "holds different content"
        problems.append({"kind": "audit", "seq": noted["seq"],
                         "message": f"audit entry {noted['seq']} ({noted['at'][:19]}), recorded on this PC as the "
                                    f"newest when it was written, {what}: audit entries were removed from the end "
                                    "of the trail, or the database was replaced by an older copy outside the "
                                    "program"})
    return current, problems
