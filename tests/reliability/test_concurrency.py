"""Concurrent edits of one case: no lost update on PostgreSQL, conflicts carry both versions, the loser merges."""
from __future__ import annotations

import os

import pytest

from mianze_desktop.service.case_merge import merge_update
from mianze_desktop.store.errors import ConflictError
from tests.reliability.test_crash import load_script
from tests.store.helpers import WEIHAI_CASE, run_cli, write_json

TRIALS = int(os.environ.get("MIANZE_CONCURRENCY_TRIALS", "200"))  # the benchmark runs the full 1,000


@pytest.fixture
def pg_url():
    url = os.environ.get("MIANZE_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("MIANZE_TEST_PG_URL is not set, and CI must run the PostgreSQL concurrency tests")
        pytest.skip("MIANZE_TEST_PG_URL not set (start a server with scripts/start-postgres.sh)")
    return url


def test_two_clients_random_interleavings_and_a_race_lose_nothing(pg_url):
    trial = load_script("concurrency_trial")
    figures = trial.run(TRIALS, pg_url, seed=20260309, race_ops=40)
    assert figures["problems"] == []
    assert figures["interleavings"] == TRIALS and figures["lost_updates"] == 0
    # the schedules really collided, and both kinds of merge happened
    assert figures["conflicts_detected"] > TRIALS // 4
    assert figures["merges_clean"] > 0 and figures["merges_with_collisions"] > 0
    assert figures["race_writes_ok"] > 0


def test_the_trial_notices_lost_updates_when_versions_are_ignored(pg_url, monkeypatch):
    """Negative control: with the version check bypassed, the same trial reports lost updates."""
    from mianze_desktop.service.cases import CaseService

    trial = load_script("concurrency_trial")
    original = CaseService.update

    def blind_update(self, case_ref, changes, expected_version=None):
        return original(self, case_ref, changes)

    monkeypatch.setattr(CaseService, "update", blind_update)
    figures = trial.run(30, pg_url, seed=1, race_ops=0)
    assert figures["lost_updates"] > 0 and not figures["ok"]


def _two(svc):
    case_id = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")["id"]
    return case_id, svc.cases.get(case_id)


def test_stale_save_raises_conflict_with_both_versions(svc):
    case_id, base = _two(svc)
    svc.cases.update(case_id, {"form": {"remarks": "先保存的"}}, expected_version=base["version"])
    with pytest.raises(ConflictError) as info:
        svc.cases.update(case_id, {"form": {"remarks": "后保存的"}}, expected_version=base["version"])
    assert (info.value.expected, info.value.actual) == (base["version"], base["version"] + 1)
    assert f"version {base['version']}" in str(info.value) and f"version {base['version'] + 1}" in str(info.value)
    assert svc.cases.get(case_id)["remarks"] == "先保存的"


def test_merge_reapplies_fields_nobody_else_changed(svc):
    case_id, base = _two(svc)
    svc.cases.update(case_id, {"form": {"matter": "他人改的事项"}}, expected_version=base["version"])
    mine = {"form": {"remarks": "我的备注", "matter": base["form"]["matter"]}, "answers": {"wrongly-granted": False}}
    result = merge_update(svc.cases, case_id, base, mine)
    assert result["merged"] and result["applied"] == ["answers.wrongly-granted", "form.remarks"]
    record = svc.cases.get(case_id)
    assert record["matter"] == "他人改的事项" and record["remarks"] == "我的备注"  # both writes visible
    assert record["answers"]["wrongly-granted"] is False and record["version"] == base["version"] + 2
    assert [t["field"] for t in result["theirs"]] == ["form.matter"]


def test_merge_reports_colliding_fields_and_writes_nothing_until_chosen(svc):
    case_id, base = _two(svc)
    svc.cases.update(case_id, {"form": {"remarks": "他人的备注", "matter": "他人的事项"}},
                     expected_version=base["version"])
    theirs = svc.cases.get(case_id)
    mine = {"form": {"remarks": "我的备注", "facts_reasons": "我补充的事实"}}
    result = merge_update(svc.cases, case_id, base, mine)
    assert not result["merged"]
    assert result["conflicts"] == [{"field": "form.remarks", "label": "备注", "base": "", "yours": "我的备注",
                                    "theirs": "他人的备注"}]
    assert svc.cases.get(case_id) == theirs  # nothing written
    kept = merge_update(svc.cases, case_id, base, mine, choices={"form.remarks": "theirs"})
    assert kept["merged"] and kept["kept_theirs"] == ["form.remarks"]
    record = svc.cases.get(case_id)
    assert (record["remarks"], record["facts_reasons"], record["matter"]) == ("他人的备注", "我补充的事实", "他人的事项")
    base2 = record
    svc.cases.update(case_id, {"form": {"remarks": "第三人的备注"}}, expected_version=record["version"])
    took = merge_update(svc.cases, case_id, base2, {"form": {"remarks": "还是我的"}}, choices={"form.remarks": "mine"})
    assert took["merged"] and svc.cases.get(case_id)["remarks"] == "还是我的"


def test_merge_rejects_bad_choices_and_bases(svc):
    from mianze_desktop.service.errors import UserError

    case_id, base = _two(svc)
    with pytest.raises(UserError):
        merge_update(svc.cases, case_id, {"form": {}}, {"form": {"remarks": "x"}})
    with pytest.raises(UserError):
        merge_update(svc.cases, case_id, base, {"form": {"remarks": "x"}}, choices={"form.remarks": "both"})


def test_cli_stale_update_is_one_line_with_both_versions(svc, tmp_path):
    case_id, base = _two(svc)
    svc.cases.update(case_id, {"form": {"remarks": "先保存的"}}, expected_version=base["version"])
    changes = write_json(tmp_path / "c.json", {"form": {"remarks": "迟到的"}})
    proc = run_cli("case", "update", case_id, "--json-file", changes, "--expected-version", base["version"],
                   data_dir=svc.data_dir, database_url=svc.database_url, check=False)
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0
    assert f"version {base['version']}" in proc.stderr and f"version {base['version'] + 1}" in proc.stderr
    assert svc.cases.get(case_id)["remarks"] == "先保存的"
