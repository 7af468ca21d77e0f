"""Opening the database: pragmas, schema version, migrations, and every kind of bad data folder/database."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import zipfile

import pytest
from playhouse.migrate import SchemaMigrator, migrate

import peewee as pw

from mianze_desktop.service import Service
from mianze_desktop.store import migrations, models
from mianze_desktop.store.errors import StoreError

from .helpers import WEIHAI_CASE


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_db(data_dir, database_url=None, cases=1):
    svc = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    for _ in range(cases):
        svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    svc.close()


def test_sqlite_pragmas(data_dir):
    svc = Service(data_dir=data_dir)
    db = svc.cases.store.db
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] > 0
    assert (data_dir / "mianze.db").is_file()
    svc.close()


def test_schema_version_is_recorded(svc):
    with svc.cases.store.session():
        versions = [r.version for r in models.SchemaVersion.select()]
    assert versions == [migrations.SCHEMA_VERSION]
    assert svc.cases.upgrade()["schema"] == migrations.SCHEMA_VERSION


def _set_schema(svc, version):
    with svc.cases.store.session():
        models.SchemaVersion.create(version=version, applied_at="2099-01-01T00:00:00", note="future")


def test_newer_database_is_refused_and_untouched(data_dir, database_url):
    _make_db(data_dir, database_url)
    svc = Service(data_dir=data_dir, database_url=database_url)
    _set_schema(svc, migrations.SCHEMA_VERSION + 5)
    svc.close()
    before_files = sorted(p.name for p in data_dir.rglob("*"))
    db_file = data_dir / "mianze.db"
    before = _digest(db_file) if database_url is None else None
    with pytest.raises(StoreError, match="newer version of mianze") as err:
        Service(data_dir=data_dir, database_url=database_url).cases.list()
    assert f"schema {migrations.SCHEMA_VERSION + 5}" in str(err.value)
    assert sorted(p.name for p in data_dir.rglob("*")) == before_files  # no backup, no wal left behind
    if database_url is None:
        assert _digest(db_file) == before


def _add_note_column(store):
    migrator = SchemaMigrator.from_database(store.db)
    migrate(migrator.add_column(models.Unit._meta.table_name, "note", pw.TextField(default="")))


def test_migration_copies_then_upgrades(data_dir, database_url, monkeypatch):
    _make_db(data_dir, database_url, cases=2)
    now = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [*migrations.MIGRATIONS, migrations.Migration(now + 1, "unit note column", _add_note_column)])
    svc = Service(data_dir=data_dir, database_url=database_url)
    info = svc.cases.upgrade()
    assert info["from"] == now and info["to"] == now + 1
    copy = info["backup"]
    assert copy and os.path.isfile(copy)
    with zipfile.ZipFile(copy) as zf:
        import json

        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["schema_version"] == now and manifest["cases"] == 2
    store = svc.cases.store
    with store.session():
        cols = {c.name for c in store.db.get_columns(models.Unit._meta.table_name)}
        assert "note" in cols
        assert [r.version for r in models.SchemaVersion.select().order_by(models.SchemaVersion.version)] == [now, now + 1]
    assert svc.cases.count() == 2
    assert svc.cases.history()[-1]["action"] == "schema_upgrade"
    assert svc.cases.verify()["ok"]
    svc.close()


def test_failed_migration_keeps_old_version(data_dir, database_url, monkeypatch):
    _make_db(data_dir, database_url)

    def broken(store):
        _add_note_column(store)
        raise RuntimeError("disk full")

    now = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [*migrations.MIGRATIONS, migrations.Migration(now + 1, "broken step", broken)])
    with pytest.raises(StoreError, match=f"stays at schema {now}"):
        Service(data_dir=data_dir, database_url=database_url).cases.list()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", now)
    svc = Service(data_dir=data_dir, database_url=database_url)
    assert svc.cases.count() == 1
    store = svc.cases.store
    with store.session():
        assert "note" not in {c.name for c in store.db.get_columns(models.Unit._meta.table_name)}
        assert max(r.version for r in models.SchemaVersion.select()) == now
    svc.close()


def test_missing_data_dir_is_not_created(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(StoreError, match="does not exist"):
        Service(data_dir=missing).cases.list()
    assert not missing.exists()


def test_data_dir_that_is_a_file(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        Service(data_dir=f).cases.list()
    assert f.read_text() == "x"


def test_unwritable_data_dir(tmp_path):
    if os.geteuid() == 0:
        target = "/proc"  # root may write anywhere except pseudo file systems
    else:
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
    with pytest.raises(StoreError, match="not writable"):
        Service(data_dir=target).cases.list()


def test_corrupt_database_file(data_dir):
    db_file = data_dir / "mianze.db"
    db_file.write_bytes(b"this is not a database, just some text" * 100)
    before = _digest(db_file)
    with pytest.raises(StoreError, match="damaged or not a database"):
        Service(data_dir=data_dir).cases.list()
    assert _digest(db_file) == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["mianze.db"]


def test_truncated_database_file(data_dir):
    _make_db(data_dir)
    db_file = data_dir / "mianze.db"
    data = db_file.read_bytes()
    db_file.write_bytes(data[:4096] + b"\xff" * 4096 + data[8192:])  # a destroyed page
    before = _digest(db_file)
    with pytest.raises(StoreError, match="damaged"):
        svc = Service(data_dir=data_dir)
        svc.cases.list()
        svc.cases.get(1)
    assert _digest(db_file) == before


def test_database_of_another_program(data_dir):
    con = sqlite3.connect(data_dir / "mianze.db")
    con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a mianze database"):
        Service(data_dir=data_dir).cases.list()


def test_locked_database(data_dir):
    _make_db(data_dir)
    holder = sqlite3.connect(data_dir / "mianze.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        svc = Service(data_dir=data_dir)
        svc.busy_timeout = 0.2
        with pytest.raises(StoreError, match="locked"):
            svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    svc.close()
    svc = Service(data_dir=data_dir)
    assert svc.cases.count() == 1
    assert svc.cases.verify()["ok"]
    svc.close()


def test_unreachable_postgres(data_dir):
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        Service(data_dir=data_dir, database_url="postgresql://nobody:secret@127.0.0.1:1/none").cases.list()


def test_database_url_setting_goes_to_config(data_dir):
    svc = Service(data_dir=data_dir)
    with pytest.raises(Exception, match="postgresql://"):
        svc.cases.set_setting("database_url", "mysql://x/y")
    svc.cases.set_setting("database_url", "postgresql://someone:pw@db.example/mianze")
    assert "someone" in (data_dir / "config.json").read_text(encoding="utf-8")
    history = svc.cases.history()
    assert "pw@" not in str(history[-1]) and history[-1]["action"] == "setting"
    svc.close()


def test_two_services_in_two_threads_keep_their_own_databases(tmp_path):
    import threading

    dirs = [tmp_path / "a", tmp_path / "b"]
    errors = []

    def work(d, n):
        d.mkdir()
        svc = Service(data_dir=d, user=d.name)
        try:
            for _ in range(n):
                svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
                svc.cases.list()
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            svc.close()

    threads = [threading.Thread(target=work, args=(d, n)) for d, n in zip(dirs, (6, 9))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    counts = []
    for d in dirs:
        svc = Service(data_dir=d)
        counts.append(svc.cases.count())
        assert svc.cases.verify()["ok"] and {h["user"] for h in svc.cases.history()} == {d.name}
        svc.close()
    assert counts == [6, 9]
