"""Load the sample cases (resources/samples/cases.yaml) through the real procedure.

Each sample is created and advanced stage by stage with CaseService.advance, so the
samples carry a genuine audit trail and satisfy every requirement token. What a
stage needs is built from its ``requires`` tokens, never from stage or pack ids.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from collections import deque
from pathlib import Path

import yaml

from .. import paths
from ..policy.schema import Pack
from ..store import models as m
from ..store.errors import UserError
from .case_records import region_short

SAMPLES_FILE = "samples/cases.yaml"
MARKER = "samples_loaded"
DEFAULT_GAPS = {"accept": 2, "investigate": 3, "pause": 4, "decide": 6, "report": 2, "notify": 3, "archive": 5}
CASE_KEYS = ("applicant", "unit", "position", "tier", "work_type", "applied_on", "form", "candidates",
             "justification")


def _route(pack: Pack, start: str, goal: str) -> list[str]:
    """Shortest path along ``next`` that passes no pause stage on the way."""
    queue, seen = deque([[start]]), {start}
    while queue:
        path = queue.popleft()
        if path[-1] == goal:
            return path
        for nxt in pack.stage(path[-1]).next:
            if nxt in seen or (pack.stage(nxt).role == "pause" and nxt != goal):
                continue
            seen.add(nxt)
            queue.append(path + [nxt])
    raise UserError(f"sample: policy {pack.id} has no route from {start} to {goal}")


def plan(pack: Pack, stop_at: str, via_pause: bool = False) -> list[str]:
    start = pack.procedure.initial_stage
    if not via_pause:
        return _route(pack, start, stop_at)
    pause = next((s.id for s in pack.procedure.stages if s.role == "pause"), None)
    if pause is None:
        return _route(pack, start, stop_at)
    first = _route(pack, start, pause)
    if stop_at == pause:
        return first
    back = next(iter(pack.stage(pause).next), None)
    return first + _route(pack, back, stop_at) if back else first


def _payload(pack: Pack, sample: dict, stage, given: set, index: int, day: dt.date) -> dict:
    payload: dict = {"date": day.isoformat()}
    wanted = set(stage.requires)
    if stage.role == "decide" and sample.get("outcome"):
        wanted.add("decision")
    if "investigators" in wanted and "investigators" not in given:
        payload["investigators"] = [dict(p, no_conflict_declared=True) for p in sample.get("investigators", [])]
        given.add("investigators")
    if "statement" in wanted and "statement" not in given and sample.get("statement"):
        payload["statements"] = [{"kind": "申辩", "speaker": sample["applicant"], "content": sample["statement"],
                                  "heard_on": day.isoformat()}]
        given.add("statement")
    if wanted & {"decision", "decision_number"} and "decision" not in given:
        short = region_short(pack)
        payload["decision"] = {
            "outcome": sample["outcome"], "investigated_facts": sample.get("investigated_facts", ""),
            "conclusion": sample.get("conclusion", ""),
            "decision_number": sample.get("decision_number") or f"{short}民免〔{day.year}〕{index + 1}号"}
        if sample.get("approving_body"):  # else the service fills in the procedure's deciding_body
            payload["decision"]["approving_body"] = sample["approving_body"]
        given.add("decision")
    if "report" in wanted and "report" not in given:
        body = (pack.procedure.report_to or [pack.procedure.deciding_body])[0]
        payload["reports"] = [{"recipient": body, "content": f"{sample['applicant']}认定结果书面报告",
                               "reported_on": day.isoformat()}]
        given.add("report")
    if "notification" in wanted and "notification" not in given:
        payload["notifications"] = [
            {"recipient": sample["applicant"], "recipient_kind": "applicant", "channel": "书面送达",
             "content": "告知认定结论", "notified_on": day.isoformat()},
            {"recipient": sample["unit"], "recipient_kind": "unit", "channel": "书面送达",
             "content": "反馈认定结论", "notified_on": day.isoformat()}]
        given.add("notification")
    if "archive_number" in wanted:
        payload["archive_number"] = f"{region_short(pack)}-DA-{day.year}-{index + 1:03d}"
    return payload


def _drive(cases, pack: Pack, sample: dict, index: int, calendar) -> dict:
    data = {k: sample[k] for k in CASE_KEYS if k in sample}
    data["applied_on"] = str(sample["applied_on"])
    answers = dict(sample.get("answers") or {})
    for item in pack.items_of("exclusion"):
        for fact in item.facts:
            answers.setdefault(fact, False)
    data["answers"] = answers
    created = cases.create(data, policy=pack.id)
    with tempfile.TemporaryDirectory(prefix="mianze-sample-") as tmp:
        for att in sample.get("attachments", []):
            path = Path(tmp) / "evidence.txt"
            path.write_text(att["text"], encoding="utf-8")
            cases.attach(created["id"], path, name=att["name"])
    day = dt.date.fromisoformat(data["applied_on"])
    given: set = set()
    gaps = sample.get("gaps") or {}
    for step, stage_id in enumerate(plan(pack, sample["stop_at"], sample.get("via_pause", False))[1:]):
        stage = pack.stage(stage_id)
        day = calendar.add_working_days(day, gaps.get(stage_id) or DEFAULT_GAPS.get(stage.role, 3) + (index + step) % 3)
        cases.advance(created["id"], stage_id, _payload(pack, sample, stage, given, index, day))
    record = cases.get(created["id"])
    return {"id": record["id"], "number": record["number"], "policy": pack.id, "status": record["status"],
            "outcome": (record["decision"] or {}).get("outcome")}


def load_samples(cases) -> dict:
    source = paths.resources_dir() / SAMPLES_FILE
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{source}: cannot read the sample cases: {exc}") from None
    store = cases.store
    with store.session():
        if m.Setting.get_or_none(m.Setting.key == MARKER) is not None:
            raise UserError("the sample cases are already loaded in this database")
        calendar = cases.calendar()
        created, skipped = [], []
        with store.write():
            for policy_id, samples in data.items():
                try:
                    pack = cases._service.policies.get(policy_id)
                except UserError:
                    skipped.append(policy_id)
                    continue
                samples = sorted(samples, key=lambda s: str(s["applied_on"]))  # numbers follow the dates
                for i, sample in enumerate(samples):
                    try:
                        created.append(_drive(cases, pack, sample, i, calendar))
                    except UserError as exc:
                        raise UserError(f"{source}: sample {policy_id}[{i}] ({sample.get('applicant')}): {exc}") from None
            m.Setting.insert(key=MARKER, value=dt.date.today().isoformat()).execute()
    return {"created": len(created), "skipped_policies": skipped, "cases": created}
