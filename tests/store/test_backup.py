"""Backups: manual backup and restore on both backends, automatic daily backups, bad backup files."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import zipfile

import pytest

from mianze_desktop.service import Service
from mianze_desktop.store import backup as backup_mod
from mianze_desktop.store import migrations, models
from mianze_desktop.store.errors import UserError

from .helpers import PUYANG_CASE, WEIHAI_CASE


def _manifest(path):
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def test_backup_and_restore_round_trip(svc, tmp_path):
    cases = svc.cases
    first = cases.create(WEIHAI_CASE, policy="weihai-2023")
    evidence = tmp_path / "证据.txt"
    evidence.write_text("证据内容", encoding="utf-8")
    att = cases.attach(first["id"], evidence)
    made = cases.backup(tmp_path / "b.zip")
    assert made["path"] == str(tmp_path / "b.zip") and made["size"] > 0
    manifest = _manifest(made["path"])
    assert manifest["cases"] == 1 and manifest["schema_version"] == migrations.SCHEMA_VERSION
    assert manifest["method"] == ("sqlite-backup" if svc.database_url is None else "pg_dump")
    assert len(manifest["attachments"]) == 1

    cases.update(first["id"], {"remarks": "备份之后的修改"})
    cases.create(PUYANG_CASE, policy="puyang-2024")
    cases.attachment_path(att["id"]).unlink()
    info = cases.restore(made["path"])
    assert info["cases"] == 1 and info["attachments_restored"] == 1
    assert os.path.isfile(info["safety_backup"]) and _manifest(info["safety_backup"])["cases"] == 2
    assert cases.count() == 1 and cases.get(first["id"])["remarks"] == ""
    assert cases.attachment_path(att["id"]).read_text(encoding="utf-8") == "证据内容"
    assert cases.history()[-1]["action"] == "restore"
    assert cases.verify()["ok"]
    # the case numbers go on after the restored data
    assert cases.create(PUYANG_CASE, policy="puyang-2024")["id"] == 2


def test_postgres_backup_without_pg_dump_uses_portable_dump(svc, tmp_path, monkeypatch, db_backend):
    if db_backend != "postgres":
        pytest.skip("pg_dump only concerns PostgreSQL")
    svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    real_which = shutil.which
    monkeypatch.setattr(backup_mod.shutil, "which", lambda name: None if name == "pg_dump" else real_which(name))
    made = svc.cases.backup(tmp_path)
    manifest = _manifest(made["path"])
    assert manifest["method"] == "json" and "pg_dump not found" in manifest["note"]
    svc.cases.create(PUYANG_CASE, policy="puyang-2024")
    svc.cases.restore(made["path"])
    assert [c["policy"] for c in svc.cases.list()] == ["weihai-2023"]
    assert svc.cases.create(PUYANG_CASE, policy="puyang-2024")["id"] == 2  # sequences were reset
    assert svc.cases.verify()["ok"]


def test_sqlite_backup_restores_into_either_backend(svc, tmp_path):
    (tmp_path / "src").mkdir()
    source = Service(data_dir=tmp_path / "src", user="甲")
    source.cases.create(WEIHAI_CASE, policy="weihai-2023")
    source.cases.advance(1, "accept", {"date": "2026-03-03"})
    made = source.cases.backup()
    source.close()
    info = svc.cases.restore(made["path"])
    assert info["cases"] == 1
    rec = svc.cases.get(1)
    assert rec["status"] == "accept" and rec["version"] == 2
    assert svc.cases.verify()["ok"]


def test_bare_sqlite_file_can_be_restored(data_dir, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    src = Service(data_dir=other)
    src.cases.create(WEIHAI_CASE, policy="weihai-2023")
    src.close()
    svc = Service(data_dir=data_dir)
    svc.cases.create(PUYANG_CASE, policy="puyang-2024")
    svc.cases.restore(other / "mianze.db")
    assert [c["policy"] for c in svc.cases.list()] == ["weihai-2023"]
    svc.close()


def test_bad_backup_files_change_nothing(svc, tmp_path):
    svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    not_ours = tmp_path / "other.zip"
    with zipfile.ZipFile(not_ours, "w") as zf:
        zf.writestr("readme.txt", "hello")
    for path, pattern in [(junk, "not a mianze backup"), (not_ours, "no manifest"),
                          (tmp_path / "missing.zip", "no such backup file")]:
        with pytest.raises(UserError, match=pattern):
            svc.cases.restore(path)
    # a backup from a newer program
    made = svc.cases.backup(tmp_path / "good.zip")["path"]
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(newer, "w") as zout:
        for item in zin.namelist():
            data = zin.read(item)
            if item == "mianze.db":
                tmp_db = tmp_path / "n.db"
                tmp_db.write_bytes(data)
                con = sqlite3.connect(tmp_db)
                con.execute('INSERT INTO "schema_version" (version, applied_at, note) VALUES (99, "x", "future")')
                con.commit()
                con.close()
                data = tmp_db.read_bytes()
            elif item == "manifest.json":
                m = json.loads(data)
                m["schema_version"] = 99
                data = json.dumps(m).encode()
            zout.writestr(item, data)
    with pytest.raises(UserError, match="newer version"):
        svc.cases.restore(newer)
    assert svc.cases.count() == 1
    backups = list((svc.data_dir / "backups").glob("pre-restore-*.zip"))
    assert backups == []  # refused before anything was saved or replaced


def test_automatic_daily_backup_keeps_last_n(data_dir):
    svc = Service(data_dir=data_dir)
    svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    svc.cases.set_setting("backup_keep", "2")
    svc.close()
    backups = data_dir / "backups"
    assert not list(backups.glob("auto-*.zip"))  # the database was empty when the program started
    svc = Service(data_dir=data_dir)
    svc.cases.list()
    autos = list(backups.glob("auto-*.zip"))
    assert len(autos) == 1 and _manifest(autos[0])["cases"] == 1 and _manifest(autos[0])["attachments"] == []
    svc.close()
    Service(data_dir=data_dir).cases.list()  # same day: no second backup
    assert len(list(backups.glob("auto-*.zip"))) == 1
    for stamp in ("20240101-000000-000000", "20240102-000000-000000", "20240103-000000-000000"):
        shutil.copyfile(autos[0], backups / f"auto-{stamp}.zip")
    svc = Service(data_dir=data_dir)
    with svc.cases.store.session():  # pretend the last automatic backup was yesterday
        models.Setting.update(value="2000-01-01").where(models.Setting.key == "last_auto_backup").execute()
    svc.close()
    Service(data_dir=data_dir).cases.list()
    left = sorted(p.name for p in backups.glob("auto-*.zip"))
    assert len(left) == 2 and not any(name.startswith("auto-2024") for name in left)
