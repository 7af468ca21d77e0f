"""Backups and restore.

A backup is one zip file: ``manifest.json`` plus the database —
``mianze.db`` (SQLite online backup API), ``mianze.pgdump`` (pg_dump custom
format, when pg_dump is installed) or ``mianze.json`` (a portable dump of every
table, used when pg_dump is absent) — and, for manual backups, the attachments.
Restore checks the archive completely before it touches anything, saves the
current state as a ``pre-restore`` backup first, and migrates an older schema.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

import peewee as pw

from . import models
from .errors import StoreError, UserError

FORMAT = "mianze-backup"
AUTO_PREFIX = "auto-"
DEFAULT_KEEP = 7


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _schema_version() -> int:
    row = models.SchemaVersion.select().order_by(models.SchemaVersion.version.desc()).first()
    return row.version if row else 0


# -- logical (JSON) dump, works for both backends -------------------------------------------------
def dump_rows() -> dict[str, list[dict]]:
    data = {}
    for model in models.TABLES_IN_ORDER:
        cols = [f.column_name for f in model._meta.sorted_fields]
        rows = model.select().order_by(model._meta.primary_key).tuples().iterator()
        data[model._meta.table_name] = [dict(zip(cols, [_plain(v) for v in r])) for r in rows]
    return data


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def load_rows(store, data: dict[str, list[dict]]) -> None:
    """Replace every table's rows (inside the caller's transaction)."""
    for model in reversed(models.TABLES_IN_ORDER):
        model.delete().execute()
    for model in models.TABLES_IN_ORDER:
        rows = data.get(model._meta.table_name, [])
        cols = {f.column_name: f for f in model._meta.sorted_fields}
        for start in range(0, len(rows), 500):
            chunk = [{cols[k]: v for k, v in row.items() if k in cols} for row in rows[start:start + 500]]
            if chunk:
                model.insert_many([{f: _raw(f, v) for f, v in row.items()} for row in chunk]).execute()
    if store.backend == "postgres":
        for model in models.TABLES_IN_ORDER:
            pk = model._meta.primary_key
            if isinstance(pk, pw.AutoField):
                table, col = model._meta.table_name, pk.column_name
                store.db.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{col}'), "
                    f"COALESCE((SELECT MAX(\"{col}\") FROM \"{table}\"), 0) + 1, false)")


def _raw(field, value):
    # dumped values are Python values (JSONText decoded, dates as ISO text); insert_many re-encodes them
    if isinstance(field, pw.DateField) and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


# -- backup ------------------------------------------------------------------------------------------
def _pg_dump(store, dest: Path) -> Optional[str]:
    """Run pg_dump into dest; returns None on success or why it could not be used."""
    exe = shutil.which("pg_dump")
    if not exe:
        return "pg_dump not found"
    proc = subprocess.run([exe, "-Fc", "--no-owner", "-f", str(dest), "--dbname", store.url],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return "pg_dump failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    return None


def backup(store, dest: Optional[Path] = None, *, kind: str = "manual", include_attachments: bool = True) -> Path:
    """Write a backup zip; returns its path. ``dest`` may be a folder or a file name."""
    store.backups_dir.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{_stamp()}.zip" if kind != "manual" else f"mianze-backup-{_stamp()}.zip"
    if dest is None:
        dest = store.backups_dir / name
    else:
        dest = Path(dest)
        if dest.is_dir():
            dest = dest / name
        elif not dest.parent.is_dir():
            raise UserError(f"{dest}: folder {dest.parent} does not exist")
    manifest = {"format": FORMAT, "format_version": 1, "schema_version": _schema_version(),
                "backend": store.backend, "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "kind": kind, "cases": models.Case.select().count(), "attachments": []}
    # the working copy of the database stays beside the backups, never in the shared temp folder
    with tempfile.TemporaryDirectory(prefix=".mianze-backup-", dir=store.backups_dir) as tmpdir:
        tmp = Path(tmpdir)
        if store.backend == "sqlite":
            dbfile = tmp / "mianze.db"
            target = sqlite3.connect(dbfile)
            try:
                store.db.connection().backup(target)
            finally:
                target.close()
            manifest["database"], manifest["method"] = "mianze.db", "sqlite-backup"
        else:
            dbfile = tmp / "mianze.pgdump"
            why = _pg_dump(store, dbfile)
            if why is None:
                manifest["database"], manifest["method"] = "mianze.pgdump", "pg_dump"
            else:
                dbfile = tmp / "mianze.json"
                dbfile.write_text(json.dumps(dump_rows(), ensure_ascii=False), encoding="utf-8")
                manifest["database"], manifest["method"], manifest["note"] = "mianze.json", "json", why
        partial = dest.with_name(dest.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.write(dbfile, manifest["database"])
                if include_attachments:
                    for row in models.Attachment.select(models.Attachment.stored_path).distinct():
                        path = store.attachments_dir / row.stored_path
                        if path.is_file():
                            zf.write(path, "attachments/" + row.stored_path, compress_type=zipfile.ZIP_STORED)
                            manifest["attachments"].append(row.stored_path)
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            os.replace(partial, dest)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(f"{dest}: cannot write the backup: {exc.strerror or exc}") from None
    return dest


def auto_backup(store, keep: Optional[int] = None) -> Optional[Path]:
    """The first start of each day backs the database up (without attachments), keeping the last N."""
    today = dt.date.today().isoformat()
    marker = models.Setting.get_or_none(models.Setting.key == "last_auto_backup")
    if marker is not None and marker.value == today:
        return None
    if not models.Case.select().exists():
        return None
    if keep is None:
        row = models.Setting.get_or_none(models.Setting.key == "backup_keep")
        keep = int(row.value) if row is not None and row.value else DEFAULT_KEEP
    try:
        path = backup(store, kind="auto", include_attachments=False)
        with store.write():
            models.Setting.insert(key="last_auto_backup", value=today).on_conflict(
                conflict_target=[models.Setting.key], update={models.Setting.value: today}).execute()
    except (OSError, StoreError, UserError, pw.OperationalError) as exc:
        # never block work: a locked database or a full disk only costs today's automatic backup
        store.warnings.append(f"automatic backup failed: {str(exc).splitlines()[0] if str(exc) else exc}")
        return None
    autos = sorted(store.backups_dir.glob(f"{AUTO_PREFIX}*.zip"))
    for old in autos[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return path


# -- restore -----------------------------------------------------------------------------------------
def read_backup(src: Path, tmp: Path) -> tuple[dict, Path]:
    """Check and unpack a backup (zip, or a bare SQLite file); returns (manifest, database file)."""
    src = Path(src)
    if not src.is_file():
        raise UserError(f"{src}: no such backup file")
    with open(src, "rb") as fh:
        head = fh.read(16)
    if head == b"SQLite format 3\x00":
        dbfile = tmp / "mianze.db"
        shutil.copyfile(src, dbfile)
        return {"database": "mianze.db", "method": "sqlite-file", "attachments": []}, dbfile
    try:
        with zipfile.ZipFile(src) as zf:
            bad = zf.testzip()
            if bad:
                raise UserError(f"{src}: the backup is damaged ({bad} fails its checksum)")
            try:
                manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
            except KeyError:
                raise UserError(f"{src}: not a mianze backup (no manifest.json)") from None
            if manifest.get("format") != FORMAT or manifest.get("database") not in zf.namelist():
                raise UserError(f"{src}: not a mianze backup (manifest does not describe a database)")
            for member in zf.namelist():
                if member.startswith("/") or ".." in member.split("/"):
                    raise UserError(f"{src}: unsafe path {member!r} in the backup")
            zf.extractall(tmp)
    except zipfile.BadZipFile:
        raise UserError(f"{src}: not a mianze backup (neither a zip archive nor a SQLite database)") from None
    return manifest, tmp / manifest["database"]


def _sqlite_schema(dbfile: Path, src: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{dbfile}?mode=ro", uri=True)
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise UserError(f"{src}: the database in the backup is damaged (integrity check failed)")
            row = con.execute(f'SELECT max(version) FROM "{models.SchemaVersion._meta.table_name}"').fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{src}: the database in the backup cannot be read ({exc})") from None
    if not row or row[0] is None:
        raise UserError(f"{src}: the database in the backup has no schema version")
    return int(row[0])


def restore(store, src: Path) -> dict:
    from .migrations import SCHEMA_VERSION, ensure_schema

    src = Path(src)
    store.backups_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".mianze-restore-", dir=store.backups_dir) as tmpdir:
        tmp = Path(tmpdir)
        manifest, dbfile = read_backup(src, tmp)
        if dbfile.suffix == ".db":
            schema = _sqlite_schema(dbfile, src)
        else:
            schema = int(manifest.get("schema_version") or 0)
        if schema > SCHEMA_VERSION:
            raise UserError(f"{src}: the backup comes from a newer version of mianze (schema {schema}, this "
                            f"program knows up to {SCHEMA_VERSION}); nothing was changed")
        data = None
        if dbfile.suffix == ".json":
            try:
                data = json.loads(dbfile.read_text(encoding="utf-8"))
            except ValueError as exc:
                raise UserError(f"{src}: the database dump in the backup is damaged ({exc})") from None
        elif dbfile.suffix == ".pgdump" and store.backend != "postgres":
            raise UserError(f"{src}: a PostgreSQL (pg_dump) backup cannot be restored into a SQLite database")
        elif dbfile.suffix == ".pgdump" and not shutil.which("pg_restore"):
            raise UserError(f"{src}: pg_restore is needed to restore this backup; install the PostgreSQL client tools")
        safety = backup(store, kind="pre-restore", include_attachments=False)
        if dbfile.suffix == ".db" and store.backend == "sqlite":
            source = sqlite3.connect(dbfile)
            try:
                source.backup(store.db.connection())
            finally:
                source.close()
        elif dbfile.suffix == ".pgdump":
            proc = subprocess.run([shutil.which("pg_restore"), "--clean", "--if-exists", "--no-owner",
                                   "--single-transaction", "--dbname", store.url, str(dbfile)],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                raise StoreError(f"{src}: pg_restore failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}; "
                                 f"the state before the restore is saved in {safety}")
        else:
            if data is None:  # a SQLite backup into PostgreSQL: copy table by table
                data = _rows_from_sqlite(dbfile)
            with store.write():
                load_rows(store, data)
        restored_attachments = 0
        att_root = tmp / "attachments"
        for rel in manifest.get("attachments", []):
            target = store.attachments_dir / rel
            if not target.exists() and (att_root / rel).is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(att_root / rel, target)
                restored_attachments += 1
    info = ensure_schema(store, migrate=True)
    return {"restored": str(src), "schema_from": schema, "schema": info["to"], "safety_backup": str(safety),
            "attachments_restored": restored_attachments, "cases": models.Case.select().count()}


def _rows_from_sqlite(dbfile: Path) -> dict:
    db = pw.SqliteDatabase(str(dbfile))
    try:
        with models.using(db):
            return dump_rows()
    finally:
        db.close()
