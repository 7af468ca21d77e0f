"""A complete 威海 case and a complete 濮阳 case, application to archive, through the `mianze` CLI alone;
the db commands; bad input on the command line (exit 2, one line, nothing changed)."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from .helpers import INVESTIGATORS, PUYANG_CASE, WEIHAI_CASE, cli_json, run_cli, write_json


@pytest.fixture
def cli(data_dir, database_url, tmp_path):
    """Run mianze against this test's data dir and database; write payload files on the fly."""
    counter = iter(range(1000))

    def run(*args, payload=None, check=True, env=None):
        if payload is not None:
            args = args + ("--json-file", write_json(tmp_path / f"payload-{next(counter)}.json", payload))
        return run_cli(*args, data_dir=data_dir, database_url=database_url, check=check, env=env)

    def js(*args, payload=None):
        return json.loads(run(*args, payload=payload).stdout)

    run.json = js
    return run


def test_complete_weihai_case_through_the_cli(cli, tmp_path):
    created = cli.json("case", "new", "--policy", "weihai-2023", payload=WEIHAI_CASE)
    assert set(created) == {"id", "number"} and created["number"] == "威海-2026-0001"
    cid = str(created["id"])
    cli.json("case", "advance", cid, "--to", "accept", "--json", payload={"date": "2026-03-03"})
    cli.json("case", "advance", cid, "--to", "investigate", "--json",
             payload={"date": "2026-03-05", "investigators": INVESTIGATORS[:1]})
    paused = cli.json("case", "advance", cid, "--to", "pause", "--json", payload={"date": "2026-03-09"})
    assert paused["status"] == "pause" and paused["status_label"] == "请示上级"
    assert cli.json("case", "resume", cid, "--json", payload={"date": "2026-03-16"})["status"] == "investigate"
    evidence = tmp_path / "入户调查记录.txt"
    evidence.write_text("入户调查记录", encoding="utf-8")
    att = cli.json("case", "attach", cid, str(evidence))
    assert att["name"] == "入户调查记录.txt"
    ready = cli.json("case", "next", cid, "--json")
    assert {s["id"] for s in ready} == {"decide", "pause"}
    decided = cli.json("case", "advance", cid, "--to", "decide", "--json", payload={
        "date": "2026-03-20",
        "statements": [{"kind": "申辩", "speaker": "张某某", "content": "已按规定入户核查，申请人刻意隐瞒。"}],
        "decision": {"investigated_facts": "经查，经办人员履行了调查核实程序。", "conclusion": "予以容错免责。",
                     "decision_number": "环纪容〔2026〕1号"}})
    d = decided["decision"]
    assert d["outcome"] == "exempt" and d["matched"] == ["applicable-11"] and "第三条第（十一）项" in d["basis"]
    assert decided["deadlines"][0]["due"] == "2026-03-31"
    cli.json("case", "advance", cid, "--to", "notify", "--json", payload={"date": "2026-03-25", "notifications": [
        {"recipient": "张某某", "channel": "书面送达"}, {"recipient": "环翠区某街道办事处", "channel": "书面送达"}]})
    done = cli.json("case", "advance", cid, "--to", "archive", "--json",
                    payload={"date": "2026-03-27", "archive_number": "WH-DA-2026-001"})
    assert done["status"] == "archive" and done["archived_on"] == "2026-03-27"
    assert done["deadlines"][0]["overdue"] is False
    shown = cli.json("case", "show", created["number"], "--json")
    assert shown == done
    assert [a["name"] for a in shown["attachments"]] == ["入户调查记录.txt"]
    listed = cli.json("case", "list", "--year", "2026", "--status", "archive", "--json")
    assert [(i["id"], i["number"], i["policy"], i["status"], i["applicant"], i["applied_on"]) for i in listed] == [
        (created["id"], "威海-2026-0001", "weihai-2023", "archive", "张某某", "2026-03-02")]
    history = cli.json("case", "history", cid, "--json")
    assert [h["action"] for h in history].count("advance") == 7
    report = cli.json("db", "verify")
    assert report["ok"] and report["attachments"] == 1


def test_complete_puyang_case_through_the_cli(cli):
    created = cli.json("case", "new", "--policy", "puyang-2024", payload=PUYANG_CASE)
    assert created["number"] == "濮阳-2025-0001"
    cid = str(created["id"])
    steps = [
        ("accept", {"date": "2025-09-02"}),
        ("investigate", {"date": "2025-09-04", "investigators": INVESTIGATORS,
                         "statement": {"kind": "申辩", "speaker": "杨某某", "content": "已按程序入户、核对、公示。"}}),
        ("escalate", {"date": "2025-09-08"}),
        ("investigate", {"date": "2025-09-15"}),
        ("decide", {"date": "2025-09-19", "decision": {
            "investigated_facts": "调阅档案，程序齐全；配偶省外务工收入未纳入核对范围。",
            "conclusion": "符合尽职免责适用情形，予以免责。", "decision_number": "华民免〔2025〕3号"}}),
        ("report", {"date": "2025-09-22", "report": {"recipient": "区纪委监委派驻民政局纪检组",
                                                     "reference": "华民报〔2025〕5号"}}),
        ("notify", {"date": "2025-09-24", "notifications": [
            {"recipient": "杨某某", "recipient_kind": "applicant", "channel": "书面送达"},
            {"recipient": "华龙区某街道办事处", "recipient_kind": "unit", "channel": "书面送达"}]}),
        ("archive", {"date": "2025-09-26", "archive_number": "PY-DA-2025-003"}),
    ]
    for stage, payload in steps:
        rec = cli.json("case", "advance", cid, "--to", stage, "--json", payload=payload)
        assert rec["status"] == stage
    assert rec["accepted_on"] == "2025-09-02" and rec["decided_on"] == "2025-09-19"
    assert rec["notified_on"] == "2025-09-24" and rec["archived_on"] == "2025-09-26"
    assert rec["decision"]["outcome_label"] == "免责" and rec["reports"][0]["reference"] == "华民报〔2025〕5号"
    deadline = rec["deadlines"][0]
    assert (deadline["start"], deadline["due"], deadline["done_on"]) == ("2025-09-02", "2025-09-22", "2025-09-19")
    assert cli.json("case", "list", "--json")[0]["status"] == "archive"
    assert cli.json("db", "verify")["ok"]


def test_cli_refusals_exit_2_and_change_nothing(cli, tmp_path):
    created = cli.json("case", "new", "--policy", "puyang-2024", payload=PUYANG_CASE)
    cid = str(created["id"])
    cli("case", "advance", cid, "--to", "accept", payload={"date": "2025-09-02"})
    refusals = [
        (("case", "advance", cid, "--to", "investigate"), {"investigators": INVESTIGATORS[:1],
                                                          "statement": {"content": "x"}}, "at least 2"),
        (("case", "advance", cid, "--to", "investigate"), {"investigators": [
            INVESTIGATORS[0], {"name": "杨某某", "no_conflict_declared": True}], "statement": {"content": "x"}}, "回避"),
        (("case", "advance", cid, "--to", "archive"), None, "cannot go from accept"),
        (("case", "advance", "999", "--to", "accept"), None, "no case"),
        (("case", "new", "--policy", "puyang-2024"), dict(PUYANG_CASE, applied_on="2026-07-01"), "valid from"),
        (("case", "new", "--policy", "nowhere"), PUYANG_CASE, "unknown policy"),
    ]
    for args, payload, pattern in refusals:
        proc = cli(*args, payload=payload, check=False)
        assert proc.returncode == 2, proc.stderr
        assert pattern in proc.stderr and len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == ""
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"date": ', encoding="utf-8")
    proc = cli("case", "advance", cid, "--to", "investigate", "--json-file", str(bad_json), check=False)
    assert proc.returncode == 2 and "bad.json:1: invalid JSON" in proc.stderr
    rec = cli.json("case", "show", cid, "--json")
    assert rec["status"] == "accept" and rec["investigators"] == [] and rec["version"] == 2
    assert len(cli.json("case", "list", "--json")) == 1


def test_db_commands(cli, tmp_path, db_backend):
    cli.json("case", "new", "--policy", "weihai-2023", payload=WEIHAI_CASE)
    made = cli.json("db", "backup", str(tmp_path))
    assert made["path"].startswith(str(tmp_path)) and made["path"].endswith(".zip")
    cli.json("case", "new", "--policy", "weihai-2023", payload=WEIHAI_CASE)
    restored = cli.json("db", "restore", made["path"])
    assert restored["cases"] == 1
    assert len(cli.json("case", "list", "--json")) == 1
    upgrade = cli.json("db", "upgrade")
    from mianze_desktop.store.migrations import SCHEMA_VERSION

    assert upgrade["schema"] == SCHEMA_VERSION
    loaded = cli.json("sample", "load")
    assert loaded["created"] >= 20
    again = cli("sample", "load", check=False)
    assert again.returncode == 2 and "already loaded" in again.stderr
    assert cli.json("settings", "set", "unit_name", "某县民政局") == {"unit_name": "某县民政局"}
    assert cli.json("settings", "get", "unit_name") == "某县民政局"


def test_db_verify_exits_1_and_names_each_break(data_dir, tmp_path):
    cli_json("case", "new", "--policy", "weihai-2023", "--json-file",
             write_json(tmp_path / "c.json", WEIHAI_CASE), data_dir=data_dir)
    evidence = tmp_path / "e.txt"
    evidence.write_text("原始证据", encoding="utf-8")
    att = cli_json("case", "attach", "1", str(evidence), data_dir=data_dir)
    con = sqlite3.connect(data_dir / "mianze.db")
    con.execute('UPDATE "audit_entry" SET "username" = ? WHERE "seq" = 1', ("别人",))
    con.commit()
    con.close()
    stored = next((data_dir / "attachments").rglob(f"{att['sha256'][:12]}-*"))
    stored.write_bytes(stored.read_bytes() + b"!")
    proc = run_cli("db", "verify", data_dir=data_dir, check=False)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert {p["kind"] for p in report["problems"]} == {"audit", "attachment"}
    assert "audit entry 1" in proc.stderr and "e.txt" in proc.stderr


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_bad_data_dir_and_database(tmp_path):
    missing = tmp_path / "missing"
    proc = run_cli("case", "list", "--json", data_dir=missing, check=False)
    assert proc.returncode == 2 and "does not exist" in proc.stderr and not missing.exists()
    assert len(proc.stderr.strip().splitlines()) == 1

    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "mianze.db").write_bytes(b"\x00garbage" * 512)
    before = _digest(corrupt / "mianze.db")
    proc = run_cli("case", "list", data_dir=corrupt, check=False)
    assert proc.returncode == 2 and "damaged" in proc.stderr and _digest(corrupt / "mianze.db") == before

    newer = tmp_path / "newer"
    newer.mkdir()
    run_cli("case", "new", "--policy", "weihai-2023", "--json-file", write_json(tmp_path / "c.json", WEIHAI_CASE),
            data_dir=newer)
    con = sqlite3.connect(newer / "mianze.db")
    con.execute("INSERT INTO schema_version (version, applied_at, note) VALUES (42, 'x', 'future')")
    con.commit()
    con.close()
    before = _digest(newer / "mianze.db")
    for args in (("case", "list"), ("db", "upgrade"), ("db", "verify")):
        proc = run_cli(*args, data_dir=newer, check=False)
        assert proc.returncode == 2 and "newer version of mianze" in proc.stderr, proc.stderr
    assert _digest(newer / "mianze.db") == before

    locked = tmp_path / "locked"
    locked.mkdir()
    run_cli("case", "new", "--policy", "weihai-2023", "--json-file", tmp_path / "c.json", data_dir=locked)
    holder = sqlite3.connect(locked / "mianze.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        proc = run_cli("case", "new", "--policy", "weihai-2023", "--json-file", tmp_path / "c.json",
                       data_dir=locked, env={"MIANZE_BUSY_TIMEOUT": "0.2"}, check=False)
        assert proc.returncode == 2 and "locked" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(cli_json("case", "list", "--json", data_dir=locked)) == 1
