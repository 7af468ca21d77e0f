"""The audit trail: append-only entries chained by SHA-256.

Each entry's hash covers its sequence number, time, user, case, action, the
before/after JSON text, the case state hash and the previous entry's hash, so
editing, removing or reordering any entry breaks the chain at that point.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from typing import Any, Iterator, Optional

from .bulk import insert_rows
from .models import AuditEntry, dumps

GENESIS = "0" * 64
_SEP = "\x1f"


def current_user(explicit: Optional[str] = None) -> str:
    if explicit:
        return explicit
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name (service accounts, odd Windows setups)
        return "unknown"


def now_stamp() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="microseconds")


def entry_hash(seq: int, at: str, user: str, case_id: Optional[int], action: str, entity: str,
               entity_id: str, before: str, after: str, state_hash: str, prev_hash: str) -> str:
    parts = [str(seq), at, user, "" if case_id is None else str(case_id), action, entity, entity_id,
             before, after, state_hash, prev_hash]
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()


def row_hash(row: AuditEntry) -> str:
    return entry_hash(row.seq, row.at, row.user, row.case_id, row.action, row.entity, row.entity_id,
                      row.before, row.after, row.state_hash, row.prev_hash)


def append(store, *, user: str, action: str, case_id: Optional[int] = None, entity: str = "case",
           entity_id: Any = "", before: Any = None, after: Any = None, state_hash: str = "") -> AuditEntry:
    """Append one entry. Call inside ``store.write()`` so that writers are serialised."""
    last = AuditEntry.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).first()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS
    at = now_stamp()
    before_text, after_text = dumps(before), dumps(after)
    entity_id = "" if entity_id is None else str(entity_id)
    digest = entry_hash(seq, at, user, case_id, action, entity, entity_id, before_text, after_text, state_hash, prev)
    store.audit_appended = True
    return AuditEntry.create(seq=seq, at=at, user=user, case_id=case_id, action=action, entity=entity,
                             entity_id=entity_id, before=before_text, after=after_text,
                             state_hash=state_hash, prev_hash=prev, hash=digest)


def append_many(store, entries: list[dict]) -> int:
    """Append entries in order (each a dict of ``append``'s keyword arguments, ``user`` and ``action``
    required; ``after_text`` may replace ``after`` when its canonical JSON is at hand): the chain is computed in memory from the last entry and written with bulk inserts.
    Call inside ``store.write()`` (one transaction, writers serialised). Returns how many were written."""
    if not entries:
        return 0
    last = AuditEntry.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).first()
    seq = last.seq if last else 0
    prev = last.hash if last else GENESIS
    rows = []
    for e in entries:
        seq += 1
        at = now_stamp()
        case_id, entity = e.get("case_id"), e.get("entity", "case")
        entity_id = "" if e.get("entity_id") is None else str(e.get("entity_id", ""))
        before_text = dumps(e.get("before"))
        after_text = e["after_text"] if "after_text" in e else dumps(e.get("after"))  # already canonical JSON
        state = e.get("state_hash", "")
        digest = entry_hash(seq, at, e["user"], case_id, e["action"], entity, entity_id, before_text, after_text,
                            state, prev)
        rows.append({"seq": seq, "at": at, "user": e["user"], "case_id": case_id, "action": e["action"],
                     "entity": entity, "entity_id": entity_id, "before": before_text, "after": after_text,
                     "state_hash": state, "prev_hash": prev, "hash": digest})
        prev = digest
    store.audit_appended = True
    return insert_rows(AuditEntry, rows)


def iter_entries(batch: int = 5000) -> Iterator[AuditEntry]:
    last_seq = 0
    while True:
        rows = list(AuditEntry.select().where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(batch))
        if not rows:
            return
        yield from rows
        last_seq = rows[-1].seq


def verify_chain() -> tuple[int, list[dict]]:
    """(number of entries, problems). Each break is reported once; checking goes on after it."""
    problems: list[dict] = []
    count = 0
    prev_hash, prev_seq = GENESIS, 0
    for row in iter_entries():
        count += 1
        where = f"audit entry {row.seq} ({row.at[:19]}, {row.action}" + (
            f", case {row.case_id})" if row.case_id is not None else ")")
        if row.seq != prev_seq + 1:
            problems.append({"kind": "audit", "seq": row.seq,
                             "message": f"audit entries {prev_seq + 1}–{row.seq - 1} are missing (removed)"})
        elif row.prev_hash != prev_hash:
            problems.append({"kind": "audit", "seq": row.seq,
                             "message": f"{where} does not follow entry {prev_seq}: the chain is broken "
                                        "(an entry was removed, replaced or reordered)"})
        if row_hash(row) != row.hash:
            problems.append({"kind": "audit", "seq": row.seq,
                             "message": f"{where} was altered after it was written (its hash does not match)"})
        prev_hash, prev_seq = row.hash, row.seq
    return count, problems


def latest_state_hashes() -> dict[int, tuple[int, str]]:
    """{case_id: (seq, state_hash)} of the newest entry per case that carries a state hash."""
    result: dict[int, tuple[int, str]] = {}
    query = (AuditEntry.select(AuditEntry.case_id, AuditEntry.seq, AuditEntry.state_hash)
             .where(AuditEntry.case_id.is_null(False), AuditEntry.state_hash != "")
             .order_by(AuditEntry.seq).tuples())
    for case_id, seq, state in query.iterator():
        result[case_id] = (seq, state)
    return result
