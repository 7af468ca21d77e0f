#!/usr/bin/env python3
"""Two clients edit the same case on PostgreSQL: random interleavings and a real race; no update may be lost.

    python scripts/concurrency_trial.py --url postgresql://… [-n 1000] [--race 200] [--seed S] [--json]

Interleavings: two clients (two Service objects, each with its own connection and data
folder, as two PCs sharing one server) load the case, change a random set of fields
and save, in a random order of the four events. A model tracks what must happen: a save
succeeds exactly when nobody saved since that client loaded; otherwise it must raise
ConflictError carrying both versions (the one the client loaded and the database's).
The loser then merges (service/case_merge.py): fields only it changed are re-applied;
fields both changed to different values are reported as collisions, and resolved by
choosing "mine" or "theirs". After every trial the stored case must equal the model —
every successful write visible, nothing overwritten unseen.

Race: two threads, each with its own Service, load-change-save the case as fast as they
can at the same time. Afterwards the successful saves must form one unbroken line of
versions (each based on the one before), the audit trail must hold one entry per save,
and replaying the saves in version order must give exactly the stored case.
``--url`` defaults to $MIANZE_TEST_PG_URL; the trial uses its own database beside it
(``<name>_concurrency``), created when missing.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FIELDS = ["matter", "facts_reasons", "remarks", "party_org_opinion"]
FACTS = ["verified-per-rules", "applicant-concealed", "wrongly-granted"]
CASE = {"applicant": "并发测试某某", "unit": "某镇民政办", "position": "科员", "applied_on": "2025-03-03",
        "form": {"accountability_body": "某区纪委监委", "matter": "初始事项", "facts_reasons": "初始事实",
                 "remarks": "", "party_org_opinion": ""}}
POLICY = "weihai-2023"


def private_database(url: str, suffix: str = "concurrency") -> str:
    """A database of its own on the same server (so other test runs cannot drop it meanwhile), emptied."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "postgres"
    mine = f"{name}_{suffix}"
    try:
        with psycopg.connect(url, autocommit=True) as con:
            if not con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (mine,)).fetchone():
                con.execute(f'CREATE DATABASE "{mine}" TEMPLATE template0 ENCODING \'UTF8\'')
    except psycopg.Error:
        mine = name  # no right to create databases: share the given one
    target = urlunsplit(parts._replace(path="/" + mine))
    with psycopg.connect(target, autocommit=True) as con:
        con.execute("DROP SCHEMA IF EXISTS public CASCADE")
        con.execute("CREATE SCHEMA public")
    return target


def _changes(rng: random.Random) -> dict:
    fields = rng.sample(FIELDS, rng.randint(1, 2))
    form = {f: rng.choice(["甲", "乙", "丙", f"{f}-{rng.randrange(10 ** 6)}"]) for f in fields}
    changes: dict = {"form": form}
    if rng.random() < 0.3:
        changes["answers"] = {rng.choice(FACTS): rng.choice([True, False])}
    return changes


def _flat(changes: dict) -> dict:
    out = {f"form.{k}": v for k, v in changes.get("form", {}).items()}
    out.update({f"answers.{k}": v for k, v in changes.get("answers", {}).items()})
    return out


def _stored(record: dict) -> dict:
    out = {f"form.{k}": record["form"].get(k, "") for k in FIELDS}
    out.update({f"answers.{k}": record["answers"].get(k) for k in FACTS})
    return out


class Figures(dict):
    def problem(self, text: str) -> None:
        self["problems"].append(text)
        if "lost" in text:
            self["lost_updates"] += 1


def interleavings(a, b, case_id: int, n: int, rng: random.Random, figures: Figures) -> None:
    from mianze_desktop.store.errors import ConflictError

    model = _stored(a.cases.get(case_id))
    for trial in range(n):
        order = ["A.load", "B.load", "A.save", "B.save"]
        while True:  # a random order in which each client loads before it saves
            rng.shuffle(order)
            if order.index("A.load") < order.index("A.save") and order.index("B.load") < order.index("B.save"):
                break
        clients = {"A": a, "B": b}
        loaded: dict = {}
        changes = {"A": _changes(rng), "B": _changes(rng)}
        saves_since: dict = {"A": 0, "B": 0}
        for event in order:
            who, what = event.split(".")
            svc = clients[who]
            if what == "load":
                loaded[who] = svc.cases.get(case_id)
                saves_since[who] = 0
                continue
            stale = saves_since[who] > 0
            try:
                record = svc.cases.update(case_id, changes[who], expected_version=loaded[who]["version"])
            except ConflictError as exc:
                figures["conflicts_detected"] += 1
                if not stale:
                    figures.problem(f"trial {trial}: {who}'s save based on the latest version was refused")
                current = svc.cases.get(case_id)
                if exc.expected != loaded[who]["version"] or exc.actual != current["version"]:
                    figures.problem(f"trial {trial}: ConflictError carries versions {exc.expected}/{exc.actual}, "
                                    f"expected {loaded[who]['version']}/{current['version']}")
                _merge(svc, case_id, loaded[who], changes[who], model, rng, figures, trial)
            else:
                figures["writes_ok"] += 1
                if stale:
                    figures.problem(f"trial {trial}: lost update — {who}'s stale save (version "
                                    f"{loaded[who]['version']}) overwrote a newer one")
                model.update(_flat(changes[who]))
                if _stored(record) != model:
                    figures.problem(f"trial {trial}: lost update — after {who}'s save the case differs from "
                                    "every successful write")
            saves_since["B" if who == "A" else "A"] += 1  # the other client's copy is now stale
        now = _stored(a.cases.get(case_id))
        if now != model:
            figures.problem(f"trial {trial}: lost update — stored {now} != expected {model}")
            model = now
        figures["interleavings"] += 1


def _merge(svc, case_id, base, mine, model, rng, figures, trial) -> None:
    from mianze_desktop.service.case_merge import merge_update

    flat = _flat(mine)
    expected_collisions = sorted(k for k, v in flat.items() if model.get(k) not in (v,)
                                 and model.get(k) != _stored(base).get(k) and v != _stored(base).get(k))
    result = merge_update(svc.cases, case_id, base, mine)
    if not result["merged"]:
        got = sorted(c["field"] for c in result["conflicts"])
        if got != expected_collisions:
            figures.problem(f"trial {trial}: merge reported collisions {got}, expected {expected_collisions}")
        if any("yours" not in c or "theirs" not in c for c in result["conflicts"]):
            figures.problem(f"trial {trial}: a collision without both values")
        figures["merges_with_collisions"] += 1
        pick = rng.choice(["mine", "theirs"])
        result = merge_update(svc.cases, case_id, base, mine, choices={k: pick for k in got})
        if not result["merged"]:
            figures.problem(f"trial {trial}: merge with every collision settled did not save")
            return
        for k in got:
            if pick == "mine":
                model[k] = flat[k]
    elif expected_collisions:
        figures.problem(f"trial {trial}: merge overwrote {expected_collisions} without asking")
    else:
        figures["merges_clean"] += 1
    for k, v in flat.items():
        if k not in expected_collisions and v != _stored(base).get(k):
            model[k] = v
    if _stored(result["record"]) != model:
        figures.problem(f"trial {trial}: lost update — the merged case lost a write")


def race(url: str, root: Path, case_id: int, ops: int, seed: int, figures: Figures) -> None:
    """Two threads, two Services, one case, as fast as possible."""
    from mianze_desktop.service import Service
    from mianze_desktop.store.errors import ConflictError

    log: list = []
    errors: list = []
    lock = threading.Lock()

    def client(name: str) -> None:
        rng = random.Random(f"{seed}-{name}")
        svc = Service(data_dir=root / f"race-{name}", database_url=url, user=f"审核人{name}")
        try:
            for _ in range(ops):
                record = svc.cases.get(case_id)
                change = _changes(rng)
                try:
                    saved = svc.cases.update(case_id, change, expected_version=record["version"])
                except ConflictError as exc:
                    with lock:
                        figures["conflicts_detected"] += 1
                        if exc.expected != record["version"] or exc.actual <= record["version"]:
                            errors.append(f"race: ConflictError versions {exc.expected}/{exc.actual} after loading "
                                          f"{record['version']}")
                    continue
                with lock:
                    log.append((saved["version"], record["version"], change))
        except Exception as exc:  # reported as a problem, not a hang
            errors.append(f"race {name}: {type(exc).__name__}: {exc}")
        finally:
            svc.close()

    (root / "race-A").mkdir(exist_ok=True)
    (root / "race-B").mkdir(exist_ok=True)
    from mianze_desktop.service import Service as _S

    check = _S(data_dir=root / "race-A", database_url=url, user="检查")
    start = check.cases.get(case_id)
    model = _stored(start)
    threads = [threading.Thread(target=client, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for e in errors:
        figures.problem(e)
    log.sort(key=lambda x: x[0])
    versions = [v for v, _, _ in log]
    if versions != list(range(start["version"] + 1, start["version"] + 1 + len(log))):
        figures.problem(f"race: lost update — the saved versions are not one unbroken line: {versions[:20]}…")
    for version, based_on, change in log:
        if based_on != version - 1:
            figures.problem(f"race: lost update — version {version} was saved on top of version {based_on}")
        model.update(_flat(change))
    final = check.cases.get(case_id)
    if _stored(final) != model or final["version"] != start["version"] + len(log):
        figures.problem("race: lost update — the stored case is not the replay of the successful saves")
    entries = [h for h in check.cases.history(case_id, limit=None) if h["action"] == "update"]
    if len(entries) < len(log):
        figures.problem(f"race: {len(log)} saves but {len(entries)} audit entries")
    report = check.cases.verify()
    if not report["ok"]:
        figures.problem("race: db verify: " + json.dumps(report["problems"])[:300])
    figures["race_writes_ok"] += len(log)
    figures["writes_ok"] += len(log)
    check.close()


def run(n: int = 1000, url: str | None = None, seed: int | None = None, race_ops: int = 200,
        own_database: bool = True) -> dict:
    from mianze_desktop.service import Service

    url = url or os.environ.get("MIANZE_TEST_PG_URL")
    if not url:
        raise SystemExit("no PostgreSQL URL: pass --url or set MIANZE_TEST_PG_URL (scripts/start-postgres.sh)")
    if own_database:
        url = private_database(url)
    rng = random.Random(seed)
    figures = Figures(interleavings=0, writes_ok=0, conflicts_detected=0, merges_clean=0, merges_with_collisions=0,
                      race_writes_ok=0, lost_updates=0, problems=[])
    with tempfile.TemporaryDirectory(prefix="mianze-concurrency-") as tmp:
        root = Path(tmp)
        (root / "pc-a").mkdir()
        (root / "pc-b").mkdir()
        a = Service(data_dir=root / "pc-a", database_url=url, user="审核人甲")
        b = Service(data_dir=root / "pc-b", database_url=url, user="审核人乙")
        try:
            case_id = a.cases.create(CASE, policy=POLICY)["id"]
            interleavings(a, b, case_id, n, rng, figures)
            if race_ops:
                race(url, root, case_id, race_ops, rng.randrange(1 << 30), figures)
            report = a.cases.verify()
            if not report["ok"]:
                figures.problem("db verify: " + json.dumps(report["problems"])[:300])
        finally:
            a.close()
            b.close()
    figures["ok"] = not figures["problems"]
    return dict(figures)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="concurrency_trial.py", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="PostgreSQL URL (default: $MIANZE_TEST_PG_URL)")
    parser.add_argument("-n", type=int, default=1000, help="random interleavings (default 1000)")
    parser.add_argument("--race", type=int, default=200, help="saves each racing thread tries (default 200)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.n, args.url, args.seed, args.race)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for key, value in figures.items():
            if key != "problems":
                print(f"{key:<24} {value}")
        for p in figures["problems"][:30]:
            print("PROBLEM", p)
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
