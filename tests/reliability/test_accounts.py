"""Accounts and roles (issue 9, point 1), against the real store on SQLite and PostgreSQL, the real
CLI in a subprocess (the desktop app's login and user dialogs: test_accounts_gui.py).

Roles: 经办人 clerk (opens and edits own cases, prints), 审核人 reviewer (investigates, decides,
notifies), 管理员 admin (policy packs, users, settings, backups). The expected matrix below is the
issue's wording, written out independently of service/permissions.py.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from mianze_desktop.service import Service, UserError
from mianze_desktop.service.cases import CaseService
from mianze_desktop.service.permissions import AuthError, PermissionDenied
from mianze_desktop.store import migrations, models
from mianze_desktop.store.errors import ConflictError, WorkflowError
from tests.store.helpers import INVESTIGATORS, MINIMAL_PACK, WEIHAI_CASE, case_data, run_cli, write_json

PASSWORDS = {"boss": "boss-password-1", "clerk1": "clerk1-password", "clerk2": "clerk2-password",
             "rev1": "reviewer-password", "rev2": "reviewer2-password"}
ACCOUNTS = [("boss", "admin", "管理员甲"), ("clerk1", "clerk", "经办员乙"), ("clerk2", "clerk", "经办员丙"),
            ("rev1", "reviewer", "审核员丁"), ("rev2", "reviewer", "审核员己")]
ROLE_OF = {"clerk": "clerk1", "reviewer": "rev1", "admin": "boss"}
APPLICANT = "申请人戊"
CASE = case_data(WEIHAI_CASE, applicant=APPLICANT, applied_on="2025-03-03")
DECISION = {"investigated_facts": "经查属实", "conclusion": "予以容错", "decision_number": "环纪容〔2025〕9号"}

# The role matrix: True = allowed.
MATRIX = {
    "create": {"clerk": True, "reviewer": False, "admin": True},
    "edit_others_case": {"clerk": False, "reviewer": True, "admin": True},
    "advance_to_decide": {"clerk": False, "reviewer": True, "admin": True},
    "import_pack": {"clerk": False, "reviewer": False, "admin": True},
    "backup": {"clerk": False, "reviewer": False, "admin": True},
    "user_add": {"clerk": False, "reviewer": False, "admin": True},
}


def _audit_rows(svc_admin) -> list[dict]:
    return svc_admin.cases.history(limit=None)


@pytest.fixture
def team(svc, data_dir, database_url):
    """The accounts above (created by the local administrator of a new data folder) and a logged-in
    Service for each; ``team["svc"]`` is the original (now logged in as boss)."""
    svc.cases.count()  # opens the store
    for name, role, display in ACCOUNTS:
        svc.users.add(name, role, PASSWORDS[name], display)
    services = {name: Service(data_dir=data_dir, database_url=database_url, user=name, password=PASSWORDS[name])
                for name, _, _ in ACCOUNTS}
    services["svc"] = svc
    yield services
    for name, s in services.items():
        if name != "svc":
            s.close()


def _to_investigate(svc, creator=None) -> int:
    """A case opened by ``creator`` (default: svc's user), accepted and investigated by an administrator."""
    cid = (creator or svc).cases.create(CASE, policy="weihai-2023")["id"]
    svc.cases.advance(cid, "accept", {"date": "2025-03-04"})
    svc.cases.advance(cid, "investigate", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]})
    return cid


def _archived(svc) -> int:
    cid = _to_investigate(svc)
    svc.cases.advance(cid, "decide", {"date": "2025-03-14", "statement": {"content": "申辩"}, "decision": DECISION})
    svc.cases.advance(cid, "notify", {"date": "2025-03-20", "notifications": [
        {"recipient": APPLICANT, "channel": "书面"}, {"recipient": CASE["unit"], "channel": "书面"}]})
    svc.cases.advance(cid, "archive", {"date": "2025-03-28", "archive_number": "WH-DA-2025-009"})
    return cid


# -- single-user mode ---------------------------------------------------------------------------------
def test_single_user_mode_until_the_first_account(svc, data_dir, database_url):
    me = svc.current_user()
    assert me.local and me.role == "admin" and me.name == "测试员"
    cid = svc.cases.create(CASE, policy="weihai-2023")["id"]
    svc.cases.set_setting("unit_name", "测试县民政局")
    assert svc.cases.backup(data_dir / "backups")["size"] > 0
    assert svc.users.list() == []
    with pytest.raises(UserError, match="first account must be an administrator"):
        svc.users.add("clerk1", "clerk", PASSWORDS["clerk1"])
    with pytest.raises(UserError, match="at least 8 characters"):
        svc.users.add("boss", "admin", "short")
    assert svc.users.list() == []
    anyone = Service(data_dir=data_dir, database_url=database_url)
    assert anyone.cases.get(cid)["applicant"] == APPLICANT  # still no accounts: no login
    anyone.close()

    svc.users.add("boss", "admin", PASSWORDS["boss"], "管理员甲")
    assert svc.current_user().name == "boss" and not svc.current_user().local  # the creator goes on as boss
    svc.cases.update(cid, {"remarks": "补充说明"})
    assert svc.cases.history(cid)[-1]["user"] == "boss"
    assert svc.cases.history(cid)[0]["user"] == "测试员"
    for who, password in ((None, None), ("boss", None), ("boss", "wrong-password")):
        other = Service(data_dir=data_dir, database_url=database_url, user=who, password=password)
        with pytest.raises(AuthError):
            other.cases.get(cid)
        other.close()
    with pytest.raises(AuthError, match="--user NAME"):
        Service(data_dir=data_dir, database_url=database_url).cases.list()
    boss = Service(data_dir=data_dir, database_url=database_url, user="boss", password=lambda: PASSWORDS["boss"])
    assert boss.cases.get(cid)["remarks"] == "补充说明"
    boss.close()


def test_a_new_folder_without_a_database_is_not_created_by_a_permission_check(tmp_path):
    fresh = Service(data_dir=tmp_path / "new")
    fresh.policies.import_file(MINIMAL_PACK)  # single-user: the local administrator may import
    assert (tmp_path / "new" / "policies" / "testcity-2025.yaml").is_file()
    assert not (tmp_path / "new" / "mianze.db").exists()


# -- the role matrix through the service ---------------------------------------------------------------
def _attempt(action: str, team: dict, who: str, tmp_path):
    """Run ``action`` as ``who``; returns (allowed, check that nothing changed when refused)."""
    me = team[who]
    boss = team["boss"]
    if action == "create":
        before = boss.cases.count()
        return (lambda: me.cases.create(CASE, policy="weihai-2023")), lambda: boss.cases.count() == before
    if action == "edit_others_case":
        cid = team["clerk2"].cases.create(CASE, policy="weihai-2023")["id"]
        version = boss.cases.get(cid)["version"]
        return (lambda: me.cases.update(cid, {"remarks": f"{who} 修改"}, expected_version=version),
                lambda: boss.cases.get(cid)["version"] == version and boss.cases.get(cid)["remarks"] == "")
    if action == "advance_to_decide":
        cid = _to_investigate(boss)
        return (lambda: me.cases.advance(cid, "decide", {"date": "2025-03-14", "statement": {"content": "申辩"},
                                                          "decision": DECISION}),
                lambda: boss.cases.get(cid)["status"] == "investigate" and boss.cases.get(cid)["decision"] is None)
    if action == "import_pack":
        target = me.data_dir / "policies" / "testcity-2025.yaml"
        return (lambda: me.policies.import_file(MINIMAL_PACK)), lambda: not target.exists()
    if action == "backup":
        dest = tmp_path / f"backup-{who}"
        dest.mkdir()
        return (lambda: me.cases.backup(dest)), lambda: not any(dest.iterdir())
    if action == "user_add":
        before = len(boss.users.list())
        return (lambda: me.users.add(f"new-{who}", "clerk", "new-password-1")), lambda: len(boss.users.list()) == before
    raise AssertionError(action)


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_role_matrix_through_the_service(team, action, tmp_path):
    results = {}
    for role in ("clerk", "reviewer", "admin"):  # the administrator last: a pack imports once
        who = ROLE_OF[role]
        run, unchanged = _attempt(action, team, who, tmp_path)
        try:
            run()
            results[role] = True
        except PermissionDenied as exc:
            assert "nothing was changed" in str(exc) and "\n" not in str(exc)
            assert unchanged(), f"{action} by {role} was refused but something changed"
            results[role] = False
    assert results == MATRIX[action]


def test_a_clerk_edits_and_accepts_own_cases_only(team):
    own = team["clerk1"].cases.create(CASE, policy="weihai-2023")["id"]
    team["clerk1"].cases.update(own, {"remarks": "本人补充"})
    team["clerk1"].cases.advance(own, "accept", {"date": "2025-03-04"})
    assert team["boss"].cases.history(own)[-1]["user"] == "clerk1"
    other = team["clerk2"].cases.create(CASE, policy="weihai-2023")["id"]
    for attempt in (lambda: team["clerk1"].cases.advance(other, "accept", {"date": "2025-03-04"}),
                    lambda: team["clerk1"].cases.remove_attachment(other, 1),
                    lambda: team["clerk1"].cases.add_investigator(own, INVESTIGATORS[0]),
                    lambda: team["clerk1"].cases.record_decision(own, DECISION)):
        with pytest.raises(PermissionDenied):
            attempt()
    # everyone reads every case (the ledger, printing)
    assert {c["id"] for c in team["rev1"].cases.list()} >= {own, other}
    assert team["clerk1"].cases.get(other)["id"] == other
    # reviewers do not open cases, administrators do; settings, holidays and samples are the administrator's
    with pytest.raises(PermissionDenied, match="审核人"):
        team["rev1"].cases.create(CASE, policy="weihai-2023")
    for name in ("clerk1", "rev1"):
        with pytest.raises(PermissionDenied):
            team[name].cases.set_setting("unit_name", "某单位")
        with pytest.raises(PermissionDenied):
            team[name].cases.set_holiday("2025-10-11", True)
        with pytest.raises(PermissionDenied):
            team[name].cases.load_samples()
        with pytest.raises(PermissionDenied):
            team[name].cases.restore(team["boss"].cases.backup()["path"])
        with pytest.raises(PermissionDenied):
            team[name].ledger.import_file(MINIMAL_PACK)  # refused before the file is even read
    assert team["clerk1"].cases.get_setting("unit_name") is None
    team["boss"].cases.set_setting("unit_name", "测试县民政局")


def test_every_public_case_method_checks_a_permission():
    public = [n for n in dir(CaseService) if not n.startswith("_") and callable(getattr(CaseService, n))]
    unchecked = [n for n in public if not hasattr(getattr(CaseService, n), "permission")]
    assert unchecked == ["close", "forget_calendar", "pack_digest", "pack_of"]  # plumbing: no case data


# -- the applicant never investigates or decides their own case ---------------------------------------
def test_the_applicant_cannot_investigate_or_decide_their_own_case(team):
    boss = team["boss"]
    boss.users.add("rev-app", "reviewer", "reviewer-password-3", "申请人 戊")  # the same person, spaced
    applicant = Service(data_dir=boss.data_dir, database_url=boss.database_url, user="rev-app",
                        password="reviewer-password-3")
    cid = team["clerk1"].cases.create(CASE, policy="weihai-2023")["id"]
    boss.cases.advance(cid, "accept", {"date": "2025-03-04"})
    with pytest.raises(PermissionDenied, match="回避"):
        applicant.cases.advance(cid, "investigate", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]})
    with pytest.raises(PermissionDenied, match="回避"):
        applicant.cases.add_investigator(cid, INVESTIGATORS[1])
    team["rev1"].cases.advance(cid, "investigate", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]})
    version = boss.cases.get(cid)["version"]
    with pytest.raises(PermissionDenied, match="申请人 戊 is the applicant"):
        applicant.cases.advance(cid, "decide", {"date": "2025-03-14", "statement": {"content": "申辩"},
                                                "decision": DECISION})
    with pytest.raises(PermissionDenied, match="回避"):
        applicant.cases.record_decision(cid, DECISION)
    with pytest.raises(PermissionDenied, match="回避"):
        applicant.cases.save_checklist(cid, {}, ["applicable-11"], "", decision_suggestion={"outcome": "exempt"})
    assert boss.cases.get(cid)["version"] == version and boss.cases.get(cid)["decision"] is None
    # the store's own rule: nobody may name the applicant as an investigator
    with pytest.raises(WorkflowError, match="回避"):
        team["rev1"].cases.add_investigator(cid, {"name": APPLICANT, "unit": "x"})
    rec = team["rev1"].cases.advance(cid, "decide", {"date": "2025-03-14", "statement": {"content": "申辩"},
                                                     "decision": DECISION})
    assert rec["status"] == "decide" and boss.cases.history(cid)[-1]["user"] == "rev1"
    applicant.close()


# -- archived cases are read-only ---------------------------------------------------------------------------
def test_archived_cases_are_read_only_but_an_administrator_may_amend_with_a_reason(team, tmp_path):
    boss = team["boss"]
    cid = _archived(boss)
    rec = boss.cases.get(cid)
    evidence = tmp_path / "evidence.txt"
    evidence.write_text("补充材料", encoding="utf-8")
    for actor in (boss, team["rev1"]):
        for attempt in (lambda: actor.cases.update(cid, {"remarks": "改动"}),
                        lambda: actor.cases.attach(cid, evidence),
                        lambda: actor.cases.add_statement(cid, {"content": "补充"}),
                        lambda: actor.cases.record_decision(cid, {"conclusion": "改"})):
            with pytest.raises(PermissionDenied, match="archived and read-only"):
                attempt()
    with pytest.raises(PermissionDenied):
        team["rev1"].cases.amend_archived(cid, {"remarks": "改动"}, reason="笔误")
    with pytest.raises(UserError, match="reason"):
        boss.cases.amend_archived(cid, {"remarks": "改动"}, reason="  ")
    assert boss.cases.get(cid) == rec
    amended = boss.cases.amend_archived(cid, {"remarks": "更正档案号笔误"}, reason="档案号登记笔误，经局长批准更正",
                                        expected_version=rec["version"])
    assert amended["remarks"] == "更正档案号笔误" and amended["version"] == rec["version"] + 1
    entry = boss.cases.history(cid)[-1]
    assert entry["action"] == "amend_archived" and entry["user"] == "boss"
    assert entry["after"]["reason"] == "档案号登记笔误，经局长批准更正" and entry["after"]["remarks"] == "更正档案号笔误"
    with pytest.raises(ConflictError):
        boss.cases.amend_archived(cid, {"remarks": "x"}, reason="再改", expected_version=rec["version"])
    open_case = boss.cases.create(CASE, policy="weihai-2023")["id"]
    with pytest.raises(UserError, match="not archived"):
        boss.cases.amend_archived(open_case, {"remarks": "x"}, reason="r")
    assert boss.cases.verify()["ok"]


# -- save_checklist -------------------------------------------------------------------------------------------
def test_save_checklist_is_one_audited_transaction_and_deciding_needs_a_reviewer(team):
    clerk, rev = team["clerk1"], team["rev1"]
    cid = clerk.cases.create(CASE, policy="weihai-2023")["id"]
    before = clerk.cases.get(cid)
    answers = {"verified-per-rules": True, "applicant-concealed": True, "wrongly-granted": True}
    with pytest.raises(PermissionDenied, match="作出认定"):
        clerk.cases.save_checklist(cid, answers, ["applicable-11"], "按规定核查",
                                   decision_suggestion={"outcome": "exempt", "basis": "依据"},
                                   progress={"page": "result"})
    assert clerk.cases.get(cid) == before
    saved = clerk.cases.save_checklist(cid, answers, ["applicable-11"], "按规定核查", progress={"page": "result"},
                                       expected_version=before["version"])
    assert saved["version"] == before["version"] + 1 and saved["decision"] is None
    assert saved["justification"] == "按规定核查" and saved["answers"]["applicant-concealed"] is True
    entry = clerk.cases.history(cid)[-1]
    assert entry["action"] == "wizard" and entry["user"] == "clerk1"
    with pytest.raises(ConflictError):
        rev.cases.save_checklist(cid, answers, ["applicable-11"], "", expected_version=before["version"])
    with pytest.raises(PermissionDenied):
        team["clerk2"].cases.save_checklist(cid, answers, [], "")
    decided = rev.cases.save_checklist(cid, answers, ["applicable-11"], "按规定核查",
                                       decision_suggestion={"outcome": "exempt", "basis": "依据第十一项"})
    assert decided["decision"]["outcome"] == "exempt" and decided["version"] == saved["version"] + 1
    assert rev.cases.verify()["ok"]


# -- logging in -------------------------------------------------------------------------------------------------
def test_login_failures_are_audited_without_the_password(team, data_dir, database_url):
    boss = team["boss"]
    boss.users.disable("clerk2")
    attempts = [("clerk1", "guessed-password-1", "wrong password"), ("nobody", "guessed-password-2", "unknown user"),
                ("clerk2", PASSWORDS["clerk2"], "account disabled")]
    for name, password, _ in attempts:
        s = Service(data_dir=data_dir, database_url=database_url, user=name, password=password)
        with pytest.raises(AuthError) as err:
            s.cases.list()
        assert "\n" not in str(err.value) and password not in str(err.value)
        s.close()
    failed = [e for e in _audit_rows(boss) if e["action"] == "login_failed"]
    assert [(e["user"], e["after"]["reason"]) for e in failed] == [(n, r) for n, _, r in attempts]
    dump = json.dumps(_audit_rows(boss), ensure_ascii=False)
    for _, password, _ in attempts:
        assert password not in dump
    for password in PASSWORDS.values():
        assert password not in dump
    with boss.cases.store.session():
        stored = {u.name: u.password_hash for u in models.User.select()}
    assert all(h.startswith("$argon2id$") for h in stored.values())
    assert not any(PASSWORDS[n] in h for n, h in stored.items())
    # re-enabled, the account logs in again; a disabled account's running session stops at its next call
    boss.users.enable("clerk2")
    assert team["clerk2"].cases.count() >= 0
    boss.users.disable("clerk2")
    with pytest.raises(AuthError, match="disabled"):
        team["clerk2"].cases.count()
    with pytest.raises(UserError, match="last active administrator"):
        boss.users.disable("boss")
    with pytest.raises(UserError, match="last active administrator"):
        boss.users.set_role("boss", "clerk")


def test_passwords_and_roles_change_and_apply_at_the_next_call(team, data_dir, database_url):
    boss, clerk = team["boss"], team["clerk1"]
    clerk.users.set_password("clerk1", "a-new-clerk-password")
    with pytest.raises(PermissionDenied, match="own password"):
        clerk.users.set_password("rev1", "taken-over-password")
    again = Service(data_dir=data_dir, database_url=database_url, user="clerk1", password="a-new-clerk-password")
    assert again.current_user().name == "clerk1"
    again.close()
    with pytest.raises(PermissionDenied):
        clerk.cases.backup()
    boss.users.set_role("clerk1", "admin")
    assert clerk.cases.backup()["size"] > 0  # the role is read again at every call
    actions = [e["action"] for e in _audit_rows(boss) if e["entity"] == "user"]
    assert actions.count("user_add") == len(ACCOUNTS) and "user_password" in actions and "user_change" in actions


# -- migration from a database without accounts ------------------------------------------------------------------
def test_an_old_database_gains_the_accounts_table_and_stays_single_user(data_dir, database_url):
    svc = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    cid = svc.cases.create(CASE, policy="weihai-2023")["id"]
    store = svc.cases.store
    with store.session():  # make it what schema 1 looked like
        store.db.drop_tables([models.User])
        models.SchemaVersion.update(version=1).execute()
    svc.close()
    svc = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    info = svc.cases.upgrade()
    assert info["from"] == 1 and info["to"] == migrations.SCHEMA_VERSION and os.path.isfile(info["backup"])
    assert svc.current_user().local and svc.cases.get(cid)["applicant"] == APPLICANT
    svc.users.add("boss", "admin", PASSWORDS["boss"])
    assert svc.cases.verify()["ok"]
    svc.close()


# -- the CLI ------------------------------------------------------------------------------------------------------
def _cli(data_dir, *args, user=None, env=None):
    extra = {} if env is None else dict(env)
    if user:
        extra.setdefault("MIANZE_PASSWORD", PASSWORDS[user])
        args = ("--user", user) + args
    return run_cli(*args, data_dir=data_dir, env=extra, check=False)


def _cli_ok(data_dir, *args, **kwargs):
    proc = _cli(data_dir, *args, **kwargs)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _bare_cli(data_dir, *args, env):
    """The CLI with no MIANZE_PASSWORD of the caller's and no terminal on stdin."""
    base = {k: v for k, v in os.environ.items() if k != "MIANZE_PASSWORD"}
    cmd = [sys.executable, "-m", "mianze_desktop.cli", "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL,
                          env=dict(base, PYTHONIOENCODING="utf-8", **env))


def test_cli_accounts_and_role_matrix(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    case_file = write_json(tmp_path / "case.json", CASE)
    # single-user mode: no --user needed, the first account must be an administrator
    first = _cli_ok(data, "case", "new", "--policy", "weihai-2023", "--json-file", case_file)
    bad = _cli(data, "user", "add", "clerk1", "--role", "clerk", env={"MIANZE_NEW_PASSWORD": PASSWORDS["clerk1"]})
    assert bad.returncode == 2 and "first account must be an administrator" in bad.stderr
    _cli_ok(data, "user", "add", "boss", "--role", "admin", "--display", "管理员甲",
            env={"MIANZE_NEW_PASSWORD": PASSWORDS["boss"]})
    for name, role, display in ACCOUNTS[1:]:
        _cli_ok(data, "user", "add", name, "--role", role, "--display", display, user="boss",
                env={"MIANZE_NEW_PASSWORD": PASSWORDS[name]})
    listed = _cli_ok(data, "user", "list", "--json", user="boss")
    assert {(u["name"], u["role"]) for u in listed} == {(n, r) for n, r, _ in ACCOUNTS}
    assert not any("hash" in k for u in listed for k in u)
    assert _cli_ok(data, "user", "whoami", user="rev1")["role"] == "reviewer"
    # now a login is needed
    for args, env, message in [
        ((), {}, "--user NAME"),
        (("--user", "boss"), {}, "MIANZE_PASSWORD"),  # no terminal to ask, no variable
        (("--user", "boss"), {"MIANZE_PASSWORD": "wrong-password"}, "login failed"),
        (("--user", "ghost"), {"MIANZE_PASSWORD": "whatever-pw"}, "login failed"),
    ]:
        proc = _bare_cli(data, *args, "case", "list", "--json", env=env)
        assert proc.returncode == 2 and proc.stdout == "", (args, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr, proc.stderr
    history = _cli_ok(data, "case", "history", str(first["id"]), "--json", user="boss")
    assert history[0]["action"] == "create"

    # the matrix
    results: dict[str, dict[str, bool]] = {a: {} for a in MATRIX}
    pack_target = data / "policies" / "testcity-2025.yaml"
    for role in ("clerk", "reviewer", "admin"):
        who = ROLE_OF[role]
        runs = {}
        runs["create"] = _cli(data, "case", "new", "--policy", "weihai-2023", "--json-file", case_file, user=who)
        others = _cli_ok(data, "case", "new", "--policy", "weihai-2023", "--json-file", case_file, user="clerk2")
        remark = write_json(tmp_path / "remark.json", {"remarks": f"{who} 修改"})
        runs["edit_others_case"] = _cli(data, "case", "update", str(others["id"]), "--json-file", remark, user=who)
        cid = _cli_ok(data, "case", "new", "--policy", "weihai-2023", "--json-file", case_file, user="boss")["id"]
        _cli_ok(data, "case", "advance", str(cid), "--to", "accept", "--json",
                "--json-file", write_json(tmp_path / "a.json", {"date": "2025-03-04"}), user="boss")
        _cli_ok(data, "case", "advance", str(cid), "--to", "investigate", "--json", "--json-file",
                write_json(tmp_path / "i.json", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]}),
                user="boss")
        runs["advance_to_decide"] = _cli(data, "case", "advance", str(cid), "--to", "decide", "--json-file",
                                         write_json(tmp_path / "d.json", {"date": "2025-03-14", "decision": DECISION,
                                                                          "statement": {"content": "申辩"}}), user=who)
        runs["import_pack"] = _cli(data, "policy", "import", str(MINIMAL_PACK), user=who)
        dest = tmp_path / f"bk-{who}"
        dest.mkdir()
        runs["backup"] = _cli(data, "db", "backup", str(dest), user=who)
        runs["user_add"] = _cli(data, "user", "add", f"new-{who}", "--role", "clerk", user=who,
                                env={"MIANZE_NEW_PASSWORD": "new-password-1"})
        for action, proc in runs.items():
            if proc.returncode == 0:
                results[action][role] = True
            else:
                assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
                assert "permission denied" in proc.stderr, proc.stderr
                results[action][role] = False
        if not results["backup"][role]:
            assert not any(dest.iterdir())
        if not results["import_pack"][role]:
            assert not pack_target.exists()
    assert results == MATRIX
    # login failures are in the audit trail, without the password
    audit = _cli_ok(data, "case", "history", str(first["id"]), "--json", user="boss")  # case entries only
    assert all(e["action"] != "login_failed" for e in audit)
    con = sqlite3.connect(data / "mianze.db")
    try:
        rows = con.execute("SELECT username, after FROM audit_entry WHERE action = 'login_failed'").fetchall()
        everything = "\n".join(" ".join(map(str, r)) for r in con.execute("SELECT * FROM audit_entry"))
    finally:
        con.close()
    assert ("boss", '{"reason":"wrong password"}') in rows and ("ghost", '{"reason":"unknown user"}') in rows
    assert "wrong-password" not in everything and "whatever-pw" not in everything
    # user passwd / disable
    _cli_ok(data, "user", "passwd", "clerk1", user="clerk1", env={"MIANZE_NEW_PASSWORD": "changed-password-1"})
    assert _cli(data, "case", "list", user="clerk1").returncode == 2  # the old password no longer works
    assert _cli(data, "case", "list", env={"MIANZE_PASSWORD": "changed-password-1"}, user=None).returncode == 2
    ok = run_cli("--user", "clerk1", "case", "list", "--json", data_dir=data,
                 env={"MIANZE_PASSWORD": "changed-password-1"}, check=False)
    assert ok.returncode == 0, ok.stderr
    _cli_ok(data, "user", "disable", "clerk2", user="boss")
    off = _cli(data, "case", "list", user="clerk2")
    assert off.returncode == 2 and "login failed" in off.stderr
    # an administrator amends an archived case with a reason
    cid = _cli_ok(data, "case", "new", "--policy", "weihai-2023", "--json-file", case_file, user="boss")["id"]
    steps = [("accept", {"date": "2025-03-04"}),
             ("investigate", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]}),
             ("decide", {"date": "2025-03-14", "statement": {"content": "申辩"}, "decision": DECISION}),
             ("notify", {"date": "2025-03-20", "notifications": [{"recipient": APPLICANT},
                                                                 {"recipient": CASE["unit"]}]}),
             ("archive", {"date": "2025-03-28", "archive_number": "WH-DA-2025-010"})]
    for stage, payload in steps:
        _cli_ok(data, "case", "advance", str(cid), "--to", stage, "--json",
                "--json-file", write_json(tmp_path / "step.json", payload), user="rev1" if stage != "archive" else "boss")
    change = write_json(tmp_path / "fix.json", {"remarks": "更正"})
    refused = _cli(data, "case", "update", str(cid), "--json-file", change, user="boss")
    assert refused.returncode == 2 and "archived and read-only" in refused.stderr
    amended = _cli_ok(data, "case", "amend", str(cid), "--json-file", change, "--reason", "笔误更正", "--json",
                      user="boss")
    assert amended["remarks"] == "更正"
    denied = _cli(data, "case", "amend", str(cid), "--json-file", change, "--reason", "x", user="rev1")
    assert denied.returncode == 2 and "permission denied" in denied.stderr
    assert _cli_ok(data, "db", "verify", user="rev1")["ok"]
