"""What opening the case list needs and what it does not: no PostgreSQL driver for a SQLite database,
no pack model (pydantic) or pack files to list cases — and the same labels as the full packs give."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from mianze_desktop.policy.digest import PackDigest

from .helpers import PUYANG_CASE, WEIHAI_CASE, case_data

LIST_CASES = """
import json, sys
from mianze_desktop.service import Service
svc = Service(sys.argv[1], database_url=sys.argv[2] or None)
rows = svc.cases.list(limit=None)
print(json.dumps({"labels": [r["status_label"] for r in rows], "modules": sorted(
    m for m in ("psycopg", "psycopg2", "pydantic", "yaml") if m in sys.modules)}))
"""


def _run(data_dir, database_url) -> dict:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-c", LIST_CASES, str(data_dir), database_url or ""],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_listing_cases_needs_neither_the_pack_model_nor_an_unused_driver(svc, data_dir, database_url):
    first = svc.cases.create(case_data(WEIHAI_CASE), policy="weihai-2023")["id"]
    svc.cases.create(case_data(PUYANG_CASE), policy="puyang-2024")
    svc.cases.advance(first, "accept", {"date": "2026-03-03"})
    expected = [r["status_label"] for r in svc.cases.list(limit=None)]
    svc.close()
    seen = _run(data_dir, database_url)
    assert seen["labels"] == expected and "受理" in expected
    # SQLite: no PostgreSQL driver at all; PostgreSQL: psycopg 3, imported when the database was opened
    assert seen["modules"] == ([] if database_url is None else ["psycopg"])


def test_digests_read_the_same_labels_as_the_packs(svc):
    ids = [svc.cases.create(case_data(WEIHAI_CASE), policy="weihai-2023")["id"],
           svc.cases.create(case_data(PUYANG_CASE), policy="puyang-2024")["id"]]
    cases = svc.cases
    for cid in ids:
        record = cases.get(cid)
        pack = cases.pack_of(record["policy"], record["policy_revision"])
        digest = cases.pack_digest(record["policy"], record["policy_revision"])
        assert isinstance(digest, PackDigest) and (digest.id, digest.revision) == (pack.id, pack.revision)
        assert (digest.title, digest.short_title, digest.doc_number, digest.region) == (
            pack.title, pack.short_title, pack.doc_number, pack.region)
        assert (digest.valid_from, digest.valid_until, digest.issued_on) == (
            pack.valid_from, pack.valid_until, pack.issued_on)
        assert [(o.id, o.label, o.role) for o in digest.outcomes] == [(o.id, o.label, o.role) for o in pack.outcomes]
        assert [(s.id, s.label, s.role) for s in digest.procedure.stages] == [
            (s.id, s.label, s.role) for s in pack.procedure.stages]
        assert [(d.id, d.label, d.start, d.end, d.days, d.unit) for d in digest.procedure.deadlines] == [
            (d.id, d.label, d.start, d.end, d.days, d.unit) for d in pack.procedure.deadlines]
        assert (digest.procedure.initial_stage, digest.procedure.archive_stage) == (
            pack.procedure.initial_stage, pack.procedure.archive_stage)
        for stage in pack.procedure.stages:
            assert digest.stage(stage.id).label == pack.stage(stage.id).label
        assert PackDigest.of(pack).procedure == digest.procedure  # from the loaded pack: the same
        summary = next(s for s in cases.list(limit=None) if s["id"] == cid)
        assert summary["status_label"] == record["status_label"]
    with pytest.raises(KeyError):  # as Pack.stage does
        digest.stage("no-such-stage")
