"""Audit chain, attachments, and `verify` catching tampering (audit rows, case rows, attachment bytes)."""
from __future__ import annotations

import hashlib

import pytest

from mianze_desktop.store import models
from mianze_desktop.store.attachments import sanitize_name
from mianze_desktop.store.errors import UserError

from .helpers import WEIHAI_CASE, case_data


@pytest.mark.parametrize("raw, clean", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\某人\\证据 材料.pdf", "证据 材料.pdf"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("CON.txt", "_CON.txt"),
    ("aux", "_aux"),
    ("lpt1.tar.gz", "_lpt1.tar.gz"),
    ("bad<>:name?.doc", "bad___name_.doc"),
    ("a..b....c.jpg", "a.b.c.jpg"),
    ("...", "attachment"),
    ("trailing. ", "trailing"),
    ("", "attachment"),
    ("tab\there\n.txt", "tab_here_.txt"),
])
def test_sanitize_name(raw, clean):
    assert sanitize_name(raw) == clean


def test_sanitize_long_name_keeps_extension():
    name = sanitize_name("很长的文件名" * 40 + ".pdf")
    assert len(name) <= 100 and name.endswith(".pdf")


def _execute(svc, sql, params=()):
    store = svc.cases.store
    with store.session():
        store.db.execute_sql(sql.replace("?", store.db.param), params)


def test_every_change_is_audited_and_chained(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    svc.cases.update(created["id"], {"remarks": "补充说明"})
    svc.cases.advance(created["id"], "accept", {"date": "2026-03-03"})
    history = svc.cases.history(created["id"])
    assert [h["action"] for h in history] == ["create", "update", "advance"]
    assert all(h["user"] == "测试员" for h in history)
    assert history[1]["before"] == {"remarks": "", "form": {"remarks": ""}}
    assert history[1]["after"] == {"remarks": "补充说明", "form": {"remarks": "补充说明"}}
    assert history[2]["after"]["status"] == "accept" and history[2]["before"]["status"] == "apply"
    assert history[0]["after"]["applicant"] == "张某某"
    report = svc.cases.verify()
    assert report["ok"] and report["audit_entries"] == 3 and report["cases"] == 1


def test_tampered_audit_row_is_reported(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    for text in ("一", "二", "三"):
        svc.cases.update(created["id"], {"remarks": text})
    _execute(svc, 'UPDATE "audit_entry" SET "after" = ? WHERE "seq" = ?', ('{"remarks":"篡改"}', 3))
    report = svc.cases.verify()
    assert not report["ok"]
    assert [(p["kind"], p["seq"]) for p in report["problems"]] == [("audit", 3)]
    assert "altered" in report["problems"][0]["message"]


def test_removed_audit_row_is_reported(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    for text in ("一", "二", "三"):
        svc.cases.update(created["id"], {"remarks": text})
    _execute(svc, 'DELETE FROM "audit_entry" WHERE "seq" = ?', (2,))
    problems = svc.cases.verify()["problems"]
    assert len(problems) == 1 and problems[0]["seq"] == 3 and "missing" in problems[0]["message"]


def test_case_changed_outside_the_program_is_reported(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    _execute(svc, 'UPDATE "cases" SET "applicant" = ? WHERE "id" = ?', ("李某某", created["id"]))
    problems = svc.cases.verify()["problems"]
    assert [(p["kind"], p["number"]) for p in problems] == [("case", created["number"])]
    assert "changed outside the program" in problems[0]["message"]


def test_attachments_copy_hash_and_verify(svc, tmp_path):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    src = tmp_path / "入户调查记录.pdf"
    content = "入户调查记录：家庭成员3人。".encode("utf-8") * 50
    src.write_bytes(content)
    att = svc.cases.attach(created["id"], src)
    assert att["name"] == "入户调查记录.pdf" and att["size"] == len(content)
    assert att["sha256"] == hashlib.sha256(content).hexdigest()
    src.unlink()  # the managed copy does not depend on the original
    stored = svc.cases.attachment_path(att["id"])
    assert stored.read_bytes() == content and svc.cases.store.attachments_dir in stored.parents
    rec = svc.cases.get(created["id"])
    assert [a["name"] for a in rec["attachments"]] == ["入户调查记录.pdf"] and rec["version"] == 2
    evil = tmp_path / "evil.txt"
    evil.write_text("x")
    att2 = svc.cases.attach(created["id"], evil, name="..\\..\\CON.txt")
    assert att2["name"] == "_CON.txt"
    assert svc.cases.store.attachments_dir in svc.cases.attachment_path(att2["id"]).parents
    assert svc.cases.verify()["ok"]

    data = bytearray(stored.read_bytes())
    data[10] ^= 0x01  # one bit of one byte
    stored.write_bytes(bytes(data))
    problems = svc.cases.verify()["problems"]
    assert [(p["kind"], p["id"]) for p in problems] == [("attachment", att["id"])]
    assert "was changed" in problems[0]["message"]
    svc.cases.attachment_path(att2["id"]).unlink()
    problems = svc.cases.verify()["problems"]
    if svc.cases.store.backend == "sqlite":
        assert {p["id"] for p in problems} == {att["id"], att2["id"]}
        assert any("missing" in p["message"] for p in problems)
    else:  # PostgreSQL keeps the bytes for every PC: a file missing here is written back when opened
        assert {p["id"] for p in problems} == {att["id"]}
        assert svc.cases.attachment_path(att2["id"]).read_text() == "x"

    rec = svc.cases.remove_attachment(created["id"], att2["id"])
    assert [a["id"] for a in rec["attachments"]] == [att["id"]]
    assert svc.cases.history(created["id"])[-1]["action"] == "remove_attachment"


def test_attaching_a_missing_file_changes_nothing(svc, tmp_path):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    with pytest.raises(UserError, match="no such file"):
        svc.cases.attach(created["id"], tmp_path / "nope.pdf")
    with pytest.raises(UserError, match="no case"):
        f = tmp_path / "a.txt"
        f.write_text("a")
        svc.cases.attach(9999, f)
    assert svc.cases.get(created["id"])["version"] == 1
    with svc.cases.store.session():
        assert models.Attachment.select().count() == 0
    root = svc.cases.store.attachments_dir
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


# -- the newest entries cut off: the chain itself stays intact, the anchor outside the database notices ----
def _cut_from(svc, case_id, seq):
    """What someone with write access to the database does to undo the newest changes without a trace in
    the chain: delete the case they created and every audit entry from ``seq`` on."""
    _execute(svc, 'DELETE FROM "cases" WHERE "id" = ?', (case_id,))
    _execute(svc, 'DELETE FROM "audit_entry" WHERE "seq" >= ?', (seq,))


def test_newest_changes_cut_off_with_their_audit_entries_are_reported(svc):
    kept = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    svc.cases.update(kept["id"], {"remarks": "一"})
    cut = svc.cases.create(case_data(WEIHAI_CASE, applicant="王某某"), policy="weihai-2023")
    svc.cases.update(cut["id"], {"remarks": "二"})
    report = svc.cases.verify()
    assert report["ok"] and report["anchor"]["seq"] == 4
    _cut_from(svc, cut["id"], 3)
    report = svc.cases.verify()
    assert report["audit_entries"] == 2 and report["cases"] == 1  # the chain and the remaining case are intact
    assert [(p["kind"], p["seq"]) for p in report["problems"]] == [("audit", 4)]
    assert "removed from the end" in report["problems"][0]["message"]
    # later work does not wipe out the evidence: the cut is still reported after new entries
    svc.cases.update(kept["id"], {"remarks": "三"})
    svc.cases.update(kept["id"], {"remarks": "四"})
    report = svc.cases.verify()
    assert [(p["kind"], p["seq"]) for p in report["problems"]] == [("audit", 4)]
    assert report["anchor"]["seq"] == 4  # the new head happens to have the cut-off entry's number
    assert svc.cases.history(kept["id"])[-1]["after"]["remarks"] == "四"


def test_removed_newest_entry_of_a_setting_is_reported(svc):
    svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    svc.cases.set_setting("unit_name", "某区民政局")
    _execute(svc, 'DELETE FROM "setting" WHERE "key" = ?', ("unit_name",))
    _execute(svc, 'DELETE FROM "audit_entry" WHERE "seq" = ?', (2,))
    problems = svc.cases.verify()["problems"]
    assert [(p["kind"], p["seq"]) for p in problems] == [("audit", 2)] and "missing" in problems[0]["message"]


def test_a_restore_through_the_program_is_not_a_cut(svc, tmp_path):
    svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    backup = svc.cases.backup(tmp_path / "one-case.zip")["path"]
    svc.cases.create(case_data(WEIHAI_CASE, applicant="王某某"), policy="weihai-2023")
    svc.cases.restore(backup)  # back to one case: the chain is shorter than the anchor, and audited as a restore
    report = svc.cases.verify()
    assert report["ok"], report["problems"]
    assert report["cases"] == 1 and svc.cases.history()[-1]["action"] == "restore"


def test_an_older_copy_of_the_database_file_put_back_is_reported(data_dir):
    import shutil
    import sqlite3

    from mianze_desktop.service import Service

    service = Service(data_dir=data_dir, user="测试员")
    service.cases.create(WEIHAI_CASE, policy="weihai-2023")
    service.close()
    db = data_dir / "mianze.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(db, data_dir.parent / "old.db")
    service = Service(data_dir=data_dir, user="测试员")
    decided = service.cases.create(case_data(WEIHAI_CASE, applicant="王某某"), policy="weihai-2023")
    service.close()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"mianze.db{suffix}").unlink(missing_ok=True)
    shutil.copyfile(data_dir.parent / "old.db", db)  # outside the program
    service = Service(data_dir=data_dir, user="测试员")
    try:
        report = service.cases.verify()
        assert not report["ok"] and report["cases"] == 1
        assert decided["id"] not in [c["id"] for c in service.cases.list()]
        assert [p["kind"] for p in report["problems"]] == ["audit"]
        assert "older copy" in report["problems"][0]["message"]
    finally:
        service.close()


# -- PostgreSQL: one database, several PCs, each with its own data folder ----------------------------------
@pytest.fixture
def two_pcs(tmp_path, database_url, db_backend):
    from mianze_desktop.service import Service

    if db_backend != "postgres":
        pytest.skip("the attachment bytes are shared through the database with PostgreSQL only")
    pcs = []
    for name in ("town-a", "town-b"):
        folder = tmp_path / name
        folder.mkdir()
        pcs.append(Service(data_dir=folder, database_url=database_url, user="测试员"))
    yield pcs
    for pc in pcs:
        pc.close()


def test_evidence_added_on_one_pc_opens_and_verifies_on_another(two_pcs, tmp_path):
    a, b = two_pcs
    created = a.cases.create(WEIHAI_CASE, policy="weihai-2023")
    content = "邻里走访记录：未发现异常。".encode("utf-8") * 40
    src = tmp_path / "走访记录.pdf"
    src.write_bytes(content)
    att = a.cases.attach(created["id"], src)
    src.unlink()
    assert not (b.cases.store.attachments_dir / str(created["id"])).exists()
    report = b.cases.verify()
    assert report["ok"], report["problems"]
    opened = b.cases.attachment_path(att["id"])  # written into town-b's own managed folder
    assert opened.read_bytes() == content and b.cases.store.attachments_dir in opened.parents
    # one byte changed in the shared copy is reported on every PC
    store = a.cases.store
    with store.session():
        store.db.execute_sql('UPDATE "attachment_content" SET "data" = %s WHERE "sha256" = %s',
                             (content[:-1] + b"!", att["sha256"]))
    for pc in (a, b):
        problems = pc.cases.verify()["problems"]
        assert [(p["kind"], p["id"]) for p in problems] == [("attachment", att["id"])]
        assert "shared copy in the database was changed" in problems[0]["message"]


def test_files_attached_before_the_database_shared_them_are_uploaded_at_the_next_start(two_pcs, tmp_path):
    from mianze_desktop.service import Service

    a, b = two_pcs
    created = a.cases.create(WEIHAI_CASE, policy="weihai-2023")
    src = tmp_path / "证明.txt"
    src.write_text("收入证明", encoding="utf-8")
    att = a.cases.attach(created["id"], src)
    store = a.cases.store
    with store.session():  # as an attachment added by a program of schema 3 (local file only)
        store.db.execute_sql('DELETE FROM "attachment_content"')
    problems = b.cases.verify()["problems"]
    assert [p["id"] for p in problems] == [att["id"]] and "not on this PC" in problems[0]["message"]
    again = Service(data_dir=a.cases.store.data_dir, database_url=store.url, user="测试员")  # town-a restarts
    try:
        assert again.cases.get(created["id"])["attachments"][0]["id"] == att["id"]  # opening the database shares
    finally:
        again.close()
    assert b.cases.verify()["ok"]
    assert b.cases.attachment_path(att["id"]).read_text(encoding="utf-8") == "收入证明"
