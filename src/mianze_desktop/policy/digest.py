"""What the case list and the dashboard read of a policy pack, without building the whole pack.

A ``PackDigest`` holds a pack's id, revision, titles, document number, dates, outcomes and the stages and
deadlines of its procedure, made from the pack's plain data (the snapshot stored with the cases, which was
validated when it was stored) or from a loaded ``Pack``. It answers those reads under the same names as
``Pack`` (``digest.stage(id).label``, ``digest.procedure.deadlines``, ``digest.outcomes``), so the main
window's first page needs neither pydantic nor the pack files. Everything else asks for the ``Pack``.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple, Optional

FIELDS = {"id", "revision", "title", "short_title", "region", "doc_number", "issued_on", "valid_from",
          "valid_until", "outcomes", "procedure"}


class Stage(NamedTuple):
    id: str
    label: str
    role: str


class Outcome(NamedTuple):
    id: str
    label: str
    role: str


class Deadline(NamedTuple):
    id: str
    label: str
    start: str
    end: str
    days: int
    unit: str


class Procedure(NamedTuple):
    initial_stage: str
    archive_stage: str
    stages: tuple
    deadlines: tuple


def _date(value) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class PackDigest:
    """The list's view of one pack revision (see the module docstring)."""

    def __init__(self, data: dict):
        self.id: str = data["id"]
        self.revision: int = int(data.get("revision", 1))
        self.title: str = data["title"]
        self.short_title: str = data.get("short_title") or ""
        self.region: str = data.get("region") or ""
        self.doc_number: str = data["doc_number"]
        self.issued_on = _date(data.get("issued_on"))
        self.valid_from = _date(data.get("valid_from"))
        self.valid_until = _date(data.get("valid_until"))
        self.outcomes = tuple(Outcome(o["id"], o["label"], o.get("role", "")) for o in data["outcomes"])
        proc = data["procedure"]
        self.procedure = Procedure(
            proc["initial_stage"], proc["archive_stage"],
            tuple(Stage(s["id"], s["label"], s.get("role", "")) for s in proc["stages"]),
            tuple(Deadline(d["id"], d["label"], d["start"], d["end"], int(d["days"]), d.get("unit") or "working")
                  for d in proc.get("deadlines") or ()))
        self._stages = {s.id: s for s in self.procedure.stages}

    @classmethod
    def of(cls, pack) -> "PackDigest":
        """The digest of a loaded ``Pack``."""
        return cls(pack.model_dump(mode="json", include=FIELDS))

    def stage(self, stage_id: str) -> Stage:
        try:
            return self._stages[stage_id]
        except KeyError:
            raise KeyError(stage_id) from None

    def __repr__(self) -> str:
        return f"PackDigest({self.id!r}, revision={self.revision})"
