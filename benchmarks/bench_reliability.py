"""Reliability figures: changes lost when a saving process is killed, lost updates between two
clients, crashes on hostile input. ``python -m benchmarks reliability`` (``--quick``: fewer trials).

The full run is what issue 9 asks for: 200 SIGKILLs of a process saving cases
(scripts/crash_harness.py), 1,000 random interleavings of two clients editing one case on
PostgreSQL plus a two-thread race (scripts/concurrency_trial.py; $MIANZE_TEST_PG_URL, see
scripts/start-postgres.sh — without it the concurrency part is reported as not run), and
hostile ledgers, broken files, attachment names and answers through the service
(scripts/hostile_inputs.py). The value is the number of committed changes lost (goal 0).
"""
from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

from .common import result

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_reliability(quick: bool) -> dict:
    kills, interleavings, race_ops, inputs = (20, 100, 50, 100) if quick else (200, 1000, 200, 500)
    t0 = time.perf_counter()
    crash = _script("crash_harness").run(kills, seed=None)
    t1 = time.perf_counter()
    url = os.environ.get("MIANZE_TEST_PG_URL") or os.environ.get("MIANZE_BENCH_PG_URL")
    if url:
        conc = _script("concurrency_trial").run(interleavings, url, seed=None, race_ops=race_ops)
    else:
        conc = {"interleavings": 0, "conflicts_detected": 0, "lost_updates": None, "writes_ok": 0, "problems": [],
                "note": "not run: set MIANZE_TEST_PG_URL (scripts/start-postgres.sh)"}
    t2 = time.perf_counter()
    hostile = _script("hostile_inputs").run(inputs)
    t3 = time.perf_counter()
    problems = crash["problems"] + conc["problems"] + hostile["problems"]
    return result(
        "reliability", crash["changes_lost"], "lost changes", goal="0 lost changes, 0 lost updates, 0 crashes",
        trials=crash["trials"], kills=crash["kills"], changes_committed=crash["changes_logged"],
        integrity_failures=crash["integrity_failures"], verify_failures=crash["verify_failures"],
        interleavings=conc["interleavings"], concurrent_writes_ok=conc["writes_ok"],
        conflicts_detected=conc["conflicts_detected"], lost_updates=conc["lost_updates"],
        concurrency_note=conc.get("note"), inputs_tried=hostile["inputs_tried"], inputs_by_kind=hostile["by_kind"],
        crashes=hostile["crashes"], problems=problems[:20],
        seconds={"kill_loop": round(t1 - t0, 1), "concurrency": round(t2 - t1, 1), "hostile": round(t3 - t2, 1)})


BENCHMARKS = {"reliability": bench_reliability}
