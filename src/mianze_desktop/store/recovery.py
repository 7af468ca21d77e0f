"""Recovering from a damaged SQLite database file (it cannot be opened, so ``db restore`` cannot run
the usual way): list the backups with their state, take the newest good one (or the one chosen),
build the restored database beside the damaged file, then put the damaged file (and its -wal/-shm)
aside into ``damaged/<time>/`` — never deleted — and the restored one in its place. Every step
before the final rename can fail without changing anything. Used by ``mianze db restore`` /
``mianze db recover`` and by the desktop app's recovery dialog (gui/recovery.py).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Optional

from . import audit, models
from .backup import _sqlite_schema, load_rows, read_backup
from .db import SQLITE_NAME, open_store, read_config
from .errors import ServiceError, StoreError, UserError

DAMAGED_DIR = "damaged"
_KINDS = (("auto-", "自动备份"), ("pre-restore-", "恢复前备份"), ("mianze-backup-", "手动备份"))


def _kind(name: str) -> str:
    return next((label for prefix, label in _KINDS if name.startswith(prefix)), "备份")


def check_backup(path: Path, work_dir: Optional[Path] = None) -> tuple[dict, int]:
    """(manifest, schema version) of a backup that can be restored into SQLite; UserError otherwise.
    It is unpacked in ``work_dir`` (default: beside it), not in the shared temporary folder."""
    from .migrations import SCHEMA_VERSION

    path = Path(path)
    try:
        with tempfile.TemporaryDirectory(prefix=".mianze-check-", dir=work_dir or path.parent) as tmp:
            return _check_unpacked(path, *read_backup(path, Path(tmp)), SCHEMA_VERSION)
    except OSError as exc:
        raise UserError(f"{path}: cannot read the backup: {exc.strerror or exc}") from None


def _check_unpacked(path: Path, manifest: dict, dbfile: Path, newest: int) -> tuple[dict, int]:
    if dbfile.suffix == ".db":
        schema = _sqlite_schema(dbfile, path)
    elif dbfile.suffix == ".json":
        try:
            json.loads(dbfile.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise UserError(f"{path}: the database dump in the backup is damaged ({exc})") from None
        schema = int(manifest.get("schema_version") or 0)
    else:
        raise UserError(f"{path}: a PostgreSQL (pg_dump) backup cannot be restored into a SQLite database")
    if schema > newest:
        raise UserError(f"{path}: the backup comes from a newer version of mianze (schema {schema})")
    return manifest, schema


def list_backups(data_dir: Path) -> list[dict]:
    """The backups in <data_dir>/backups, newest first, each checked completely (zip, database integrity)."""
    folder = Path(data_dir) / "backups"
    found = []
    for path in sorted(folder.glob("*.zip")) if folder.is_dir() else []:
        stat = path.stat()
        info = {"path": str(path), "name": path.name, "kind": _kind(path.name), "size": stat.st_size,
                "created_at": dt.datetime.fromtimestamp(stat.st_mtime).astimezone().isoformat(timespec="seconds"),
                "cases": None, "ok": False, "problem": None}
        try:
            manifest, _ = check_backup(path)
        except (ServiceError, OSError) as exc:
            info["problem"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        else:
            info.update(ok=True, cases=manifest.get("cases"), created_at=manifest.get("created_at") or info["created_at"])
        info["_mtime"] = stat.st_mtime_ns
        found.append(info)
    found.sort(key=lambda b: (b["created_at"][:19], b.pop("_mtime")), reverse=True)  # manifest time, then file
    return found


def newest_good(data_dir: Path) -> Optional[dict]:
    return next((b for b in list_backups(data_dir) if b["ok"]), None)


def _database_file(data_dir: Path) -> Path:
    url = read_config(data_dir).get("database_url") or ""
    if url and not url.startswith("sqlite"):
        raise UserError("this data folder uses PostgreSQL; restore its backup with `mianze db restore PATH` "
                        "once the server is reachable (a damaged file only concerns the built-in SQLite database)")
    m = re.match(r"^sqlite:///(.+)$", url)
    return Path(m.group(1)) if m else data_dir / SQLITE_NAME


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(data_dir: Path, src: Optional[Path] = None, user: Optional[str] = None) -> dict:
    """Replace the (damaged) SQLite database of ``data_dir`` by the backup ``src`` (default: the newest
    good one). The damaged files are kept in damaged/<time>/. Returns what was done."""
    data_dir = Path(data_dir)
    db = _database_file(data_dir)
    if src is None:
        best = newest_good(data_dir)
        if best is None:
            raise UserError(f"no usable backup in {data_dir / 'backups'}; choose a backup file with "
                            "`mianze db restore PATH`")
        src = Path(best["path"])
    src = Path(src)
    _, schema = check_backup(src, data_dir)
    restoring = db.with_name(db.name + ".restoring")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside = data_dir / DAMAGED_DIR / stamp
    restored_attachments = 0
    try:
        with tempfile.TemporaryDirectory(prefix=".mianze-recover-", dir=data_dir) as tmp:
            manifest, dbfile = read_backup(src, Path(tmp))
            restoring.unlink(missing_ok=True)
            if dbfile.suffix == ".db":
                shutil.copyfile(dbfile, restoring)
            else:  # a portable dump: build a fresh database from it
                data = json.loads(dbfile.read_text(encoding="utf-8"))
                fresh = open_store(data_dir, f"sqlite:///{restoring}", auto_backup=False)
                try:
                    with fresh.session(), fresh.write():
                        load_rows(fresh, data)
                finally:
                    fresh.close()
                for suffix in ("-wal", "-shm"):
                    Path(str(restoring) + suffix).unlink(missing_ok=True)
            _fsync(restoring)
            attachments_dir = Path(read_config(data_dir).get("attachments_dir") or data_dir / "attachments")
            for rel in manifest.get("attachments", []):
                source, target = Path(tmp) / "attachments" / rel, attachments_dir / rel
                if source.is_file() and not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
                    restored_attachments += 1
        moved = []
        for suffix in ("", "-wal", "-shm", "-journal"):
            part = Path(str(db) + suffix)
            if part.exists():
                aside.mkdir(parents=True, exist_ok=True)
                os.replace(part, aside / part.name)
                moved.append(part.name)
        os.replace(restoring, db)
    except OSError as exc:
        restoring.unlink(missing_ok=True)
        raise StoreError(f"{db}: cannot restore {src.name}: {exc.strerror or exc}; the damaged database was not "
                         "replaced") from None
    store = open_store(data_dir, auto_backup=False)
    try:
        with store.session():
            with store.write():
                audit.append(store, user=audit.current_user(user), action="restore", entity="database",
                             after={"from": src.name, "damaged_copy": f"{DAMAGED_DIR}/{stamp}" if moved else None})
            cases = models.Case.select().count()
    finally:
        store.close()
    return {"restored": str(src), "schema_from": schema, "cases": cases, "attachments_restored": restored_attachments,
            "damaged_copy": str(aside) if moved else None, "damaged_files": moved}
