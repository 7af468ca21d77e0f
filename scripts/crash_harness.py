#!/usr/bin/env python3
"""Crash-safety harness: kill a process that is saving cases, many times, and check nothing is lost.

    python scripts/crash_harness.py [-n 200] [--data-dir DIR] [--seed S] [--max-delay 0.8] [--json]

Each trial starts a worker (``python scripts/crash_harness.py worker …``, a separate
process) that creates cases, attaches evidence, edits them and moves them through the
policy's procedure, in a loop, on the SQLite database of the data folder. After every
call the service has committed, the worker appends the change (case id, version and
the state hash the audit trail must hold) to a log file and flushes and fsyncs it.
The harness waits until the worker is writing, sleeps a random moment and SIGKILLs it.
Then it checks: every change in the log is in the database (the case has at least that
version and its audit entry for that version carries exactly that state), ``PRAGMA
integrity_check`` is ok, and ``mianze db verify`` (the real CLI, in a subprocess) passes.
The same data folder is used by every trial, so each worker starts on a database left
by a killed one. Exit status 0 when no trial lost anything.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]


# -- the worker (child process) --------------------------------------------------------------------
def _log_line(fh, value: dict) -> None:
    fh.write(json.dumps(value, ensure_ascii=False) + "\n")
    fh.flush()
    os.fsync(fh.fileno())


def worker(data_dir: Path, log_path: Path, seed: int) -> None:  # pragma: no cover - runs in the child
    import datetime as dt

    import yaml

    from mianze_desktop import paths
    from mianze_desktop.service import Service
    from mianze_desktop.service.case_records import state_hash
    from mianze_desktop.service.samples import _payload, plan

    rng = random.Random(seed)
    svc = Service(data_dir=data_dir, user="崩溃测试")
    cases = svc.cases
    calendar = cases.calendar()
    samples = yaml.safe_load((paths.resources_dir() / "samples" / "cases.yaml").read_text(encoding="utf-8"))
    pool = [(pid, s) for pid, items in samples.items() for s in items]
    evidence = data_dir.parent / f"evidence-{os.getpid()}.txt"
    log = open(log_path, "a", encoding="utf-8")

    def committed(op: str, record: dict) -> None:
        _log_line(log, {"op": op, "case": record["id"], "version": record["version"], "hash": state_hash(record)})

    _log_line(log, {"event": "ready", "pid": os.getpid()})
    n = 0
    while True:
        n += 1
        policy, sample = rng.choice(pool)
        pack = svc.policies.get(policy)
        data = {k: sample[k] for k in ("applicant", "unit", "position", "tier", "work_type", "form",
                                       "candidates", "justification") if k in sample}
        data["applied_on"] = str(sample["applied_on"])
        answers = dict(sample.get("answers") or {})
        for item in pack.items_of("exclusion"):
            for fact in item.facts:
                answers.setdefault(fact, False)
        data["answers"] = answers
        created = cases.create(data, policy=policy)
        committed("create", cases.get(created["id"]))
        evidence.write_text(f"调查记录 {n} {rng.random()}", encoding="utf-8")
        att = cases.attach(created["id"], evidence, name=f"调查记录{n}.txt")
        committed("attach", cases.get(created["id"]))
        for k in range(rng.randint(1, 3)):
            record = cases.update(created["id"], {"form": {"remarks": f"第{k + 1}次修改 {rng.random():.6f}"}},
                                  expected_version=att["version"] + k)
            committed("update", record)
        day = dt.date.fromisoformat(data["applied_on"])
        given: set = set()
        route = plan(pack, sample["stop_at"], sample.get("via_pause", False))[1:]
        for step, stage_id in enumerate(route[: rng.randint(0, len(route))]):
            day = calendar.add_working_days(day, 2 + step % 3)
            record = cases.advance(created["id"], stage_id, _payload(pack, sample, pack.stage(stage_id), given,
                                                                       n, day))
            committed("advance", record)


# -- the harness (parent) -------------------------------------------------------------------------
def read_log(log_path: Path) -> list[dict]:
    """Complete lines only: a line cut by the kill was never reported as committed."""
    if not log_path.exists():
        return []
    entries = []
    for line in log_path.read_text(encoding="utf-8").split("\n")[:-1]:
        if line.strip():
            entries.append(json.loads(line))
    return entries


def check_database(db_path: Path, changes: list[dict]) -> list[str]:
    """Problems: integrity check, and every logged change present with its exact audited state."""
    problems = []
    con = sqlite3.connect(str(db_path))
    try:
        result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            problems.append(f"integrity_check: {'; '.join(result[:5])}")
        versions = dict(con.execute('SELECT id, version FROM "cases"').fetchall())
        audited: dict[int, list[str]] = {}
        for case_id, state in con.execute(
                "SELECT case_id, state_hash FROM audit_entry WHERE case_id IS NOT NULL ORDER BY seq"):
            audited.setdefault(case_id, []).append(state)
    finally:
        con.close()
    for ch in changes:
        cid, version = ch["case"], ch["version"]
        if cid not in versions:
            problems.append(f"lost: case {cid} v{version}: {ch['op']} is not in the database")
        elif versions[cid] < version:
            problems.append(f"lost: case {cid} v{version}: the database has version {versions[cid]} "
                            f"but {ch['op']} committed version {version}")
        elif len(audited.get(cid, [])) < version or audited[cid][version - 1] != ch["hash"]:
            problems.append(f"lost: case {cid} v{version}: the audited state differs from what {ch['op']} committed")
    return problems


def cli_verify(data_dir: Path) -> tuple[bool, str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mianze_desktop.cli", "--data-dir", str(data_dir), "db", "verify"],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    if proc.returncode != 0:
        return False, (proc.stderr.strip() or proc.stdout.strip())[:500]
    report = json.loads(proc.stdout)
    return bool(report.get("ok")), "" if report.get("ok") else json.dumps(report.get("problems"))[:500]


def _wait_ready(proc: subprocess.Popen, log_path: Path, since: int, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        entries = read_log(log_path)[since:]
        if any(e.get("event") == "ready" and e.get("pid") == proc.pid for e in entries):
            return True
        time.sleep(0.02)
    return False


def run(trials: int = 200, data_dir: Path | None = None, seed: int | None = None, max_delay: float = 0.8,
        verify_every: int = 1, progress=None) -> dict:
    """Run ``trials`` kill trials; returns the figures and every problem found."""
    rng = random.Random(seed)
    tmp = None
    if data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="mianze-crash-")
        data_dir = Path(tmp.name) / "data"
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir.parent / f"{data_dir.name}-committed.log"
    stderr_path = data_dir.parent / f"{data_dir.name}-worker.err"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    figures = {"trials": 0, "kills": 0, "changes_logged": 0, "changes_lost": 0, "integrity_failures": 0,
               "verify_runs": 0, "verify_failures": 0, "worker_failures": 0, "problems": []}
    lost_keys: set = set()
    try:
        for trial in range(trials):
            since = len(read_log(log_path))
            with open(stderr_path, "w", encoding="utf-8") as err:
                proc = subprocess.Popen([sys.executable, str(HERE), "worker", "--data-dir", str(data_dir),
                                         "--log", str(log_path), "--seed", str(rng.randrange(1 << 30))],
                                        stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=str(REPO))
                ready = _wait_ready(proc, log_path, since)
                if ready:
                    time.sleep(rng.uniform(0, max_delay))
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                    figures["kills"] += 1
                proc.wait()
            figures["trials"] += 1
            if not ready or proc.returncode != -signal.SIGKILL:
                figures["worker_failures"] += 1
                tail = stderr_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
                figures["problems"].append(f"trial {trial}: the worker ended by itself ({proc.returncode}): "
                                           + " | ".join(tail))
            changes = [e for e in read_log(log_path) if "case" in e]
            figures["changes_logged"] = len(changes)
            problems = check_database(data_dir / "mianze.db", changes)
            lost_keys.update(p.split(":")[1] for p in problems if p.startswith("lost"))
            figures["changes_lost"] = len(lost_keys)
            figures["integrity_failures"] += sum(1 for p in problems if p.startswith("integrity"))
            figures["problems"] += [f"trial {trial}: {p}" for p in problems]
            if verify_every and (trial % verify_every == 0 or trial == trials - 1):
                ok, why = cli_verify(data_dir)
                figures["verify_runs"] += 1
                if not ok:
                    figures["verify_failures"] += 1
                    figures["problems"].append(f"trial {trial}: mianze db verify failed: {why}")
            if progress:
                progress(trial + 1, trials, figures)
    finally:
        if tmp is not None:
            tmp.cleanup()
    figures["ok"] = not figures["problems"]
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="crash_harness.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode")
    w = sub.add_parser("worker", help=argparse.SUPPRESS)
    w.add_argument("--data-dir", required=True)
    w.add_argument("--log", required=True)
    w.add_argument("--seed", type=int, default=0)
    parser.add_argument("-n", "--trials", type=int, default=200)
    parser.add_argument("--data-dir", help="data folder to use (default: a temporary one)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--max-delay", type=float, default=0.8, help="longest wait before the kill, seconds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.mode == "worker":
        worker(Path(args.data_dir), Path(args.log), args.seed)
        return 0

    def progress(done, total, fig):
        if not args.json:
            print(f"\rtrial {done}/{total}: {fig['changes_logged']} changes committed, "
                  f"{fig['changes_lost']} lost, {len(fig['problems'])} problems", end="", file=sys.stderr, flush=True)

    figures = run(args.trials, Path(args.data_dir) if args.data_dir else None, args.seed, args.max_delay,
                  progress=progress)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(file=sys.stderr)
        for key in ("trials", "kills", "changes_logged", "changes_lost", "integrity_failures", "verify_runs",
                    "verify_failures", "worker_failures"):
            print(f"{key:<20} {figures[key]}")
        for p in figures["problems"][:20]:
            print("PROBLEM", p)
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
