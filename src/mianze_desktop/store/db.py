"""Open the case database: SQLite in the data folder (default) or PostgreSQL by URL.

``open_store`` checks the data folder, connects, refuses a database from a newer
program version, migrates an older one (after copying it) and returns a ``Store``.
Every failure becomes a one-line ``StoreError`` that says what to do.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import urlsplit, urlunsplit

import peewee as pw

from . import models
from .errors import DamagedStoreError, StorageFullError, StoreError

SQLITE_NAME = "mianze.db"
CONFIG_NAME = "config.json"
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 5.0


def redact_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid url>"
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def read_config(data_dir: Path) -> dict:
    path = Path(data_dir) / CONFIG_NAME
    if not path.is_file():
        return {}
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot read the configuration file: {exc}") from None
    if not isinstance(value, dict):
        raise StoreError(f"{path}: the configuration file must hold a JSON object")
    return value


def write_config(data_dir: Path, config: dict) -> None:
    path = Path(data_dir) / CONFIG_NAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def check_data_dir(data_dir: Path, create: bool) -> Path:
    """The data folder must be an existing, writable folder (created only when ``create``)."""
    data_dir = Path(data_dir)
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"data folder {data_dir} is a file, not a folder; choose a folder with --data-dir")
    if not data_dir.exists():
        if not create:
            raise StoreError(f"data folder {data_dir} does not exist; create it first or choose another with --data-dir")
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create data folder {data_dir}: {exc.strerror or exc}") from None
    probe = data_dir / f".mianze-write-test-{os.getpid()}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"ok")
        probe.unlink()
    except OSError as exc:
        raise StoreError(f"data folder {data_dir} is not writable ({exc.strerror or exc}); "
                         "choose a folder you may write to with --data-dir") from None
    return data_dir


@dataclass
class Store:
    db: pw.Database
    backend: str  # "sqlite" | "postgres"
    data_dir: Path
    path: Optional[Path] = None  # the SQLite file
    url: Optional[str] = None  # the PostgreSQL URL
    attachments_dir: Path = None  # type: ignore[assignment]
    warnings: list = field(default_factory=list)
    upgrade_info: Optional[dict] = None
    search_index: Optional[bool] = None  # store/search.py: the SQLite text index exists (None: not asked yet)
    audit_appended: bool = False  # store/audit.py sets it; the outermost write() then notes the head (anchor.py)

    @property
    def where(self) -> str:
        return str(self.path) if self.path else redact_url(self.url or "")

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @contextmanager
    def session(self) -> Iterator["Store"]:
        """Bind the models to this database and turn driver errors into clear messages."""
        try:
            with models.using(self.db):
                yield self
        except pw.IntegrityError:
            raise
        except (pw.OperationalError, pw.DatabaseError, sqlite3.DatabaseError) as exc:
            raise translate_error(exc, self.where) from None
        except json.JSONDecodeError as exc:  # a stored JSON value whose bytes were overwritten
            raise DamagedStoreError(f"{self.where}: the database holds a damaged value ({exc.msg}); restore a "
                                    "backup with `mianze db restore PATH` — nothing was changed") from None

    @contextmanager
    def write(self):
        """A serialised write transaction (one writer at a time keeps the audit chain linear)."""
        if self.db.in_transaction():
            with self.db.atomic():
                yield
            return
        self.audit_appended = False
        try:
            if self.backend == "sqlite":
                with self.db.atomic(lock_type="IMMEDIATE"):
                    yield
                    from .search import flush

                    flush(self)  # index the cases this transaction wrote (store/search.py), in one statement
            else:
                with self.db.atomic():
                    self.db.execute_sql(
                        f'LOCK TABLE "{models.AuditEntry._meta.table_name}" IN SHARE ROW EXCLUSIVE MODE')
                    yield
        except BaseException:
            self.audit_appended = False
            raise
        if self.audit_appended:
            self.audit_appended = False
            from .anchor import record

            record(self)  # committed: note the chain's head outside the database

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


def translate_error(exc: Exception, where: str) -> StoreError:
    while "cannot rollback" in str(exc) and isinstance(exc.__context__, (pw.DatabaseError, sqlite3.DatabaseError)):
        exc = exc.__context__  # SQLite already rolled back after a failed commit (disk full, I/O error): say why
    msg = str(exc).strip() or exc.__class__.__name__
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return StoreError(f"{where}: the database is locked by another program (another mianze window, "
                          "a backup or a sync tool); close it and try again — nothing was changed")
    if "not a database" in low or "malformed" in low or "corrupt" in low or "could not decode" in low:
        return DamagedStoreError(f"{where}: the database file is damaged or not a mianze database "
                                 f"({msg.splitlines()[0][:120]}); restore a backup with `mianze db restore PATH` "
                                 "— nothing was changed")
    if "disk is full" in low or "no space" in low or "disk full" in low:
        return StorageFullError(f"{where}: the disk is full — this change was not saved, everything saved before "
                                "is intact; free some space (or move the data folder) and try again")
    if "readonly" in low or "read-only" in low or "permission" in low:
        return StoreError(f"{where}: the database cannot be written ({msg}); check the file's permissions")
    if "unable to open" in low:
        return StoreError(f"{where}: cannot open the database file ({msg})")
    first = msg.splitlines()[0]
    return StoreError(f"{where}: database error: {first}")


def _connect_postgres(url: str) -> pw.Database:
    from playhouse.db_url import parse

    scheme = urlsplit(url).scheme
    if scheme not in ("postgres", "postgresql"):
        raise StoreError(f"database URL {redact_url(url)!r}: only postgresql://… URLs are supported "
                         "(leave it empty for the built-in SQLite database)")
    params = parse(url, unquote_password=True, unquote_user=True)
    name = params.pop("database", "")
    if not name:
        raise StoreError(f"database URL {redact_url(url)!r} names no database, e.g. postgresql://user@host/mianze")
    params.setdefault("connect_timeout", 10)
    from .pg_driver import database_class  # imports psycopg (peewee was imported without it)

    try:
        db = database_class()(name, **params)
    except ImportError as exc:
        raise StoreError(f"cannot use PostgreSQL: the psycopg package is not installed ({exc})") from None
    try:
        db.connect()
    except Exception as exc:  # psycopg raises its own OperationalError
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise StoreError(f"cannot connect to PostgreSQL at {redact_url(url)}: {first}") from None
    return db


def _connect_sqlite(path: Path, busy_timeout: float) -> pw.Database:
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        try:
            with open(path, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the database file: {exc.strerror or exc}") from None
        if head and head != SQLITE_MAGIC:
            raise DamagedStoreError(f"{path}: the file is damaged or not a database (no SQLite header); "
                                    "restore a backup with `mianze db restore PATH` — nothing was changed")
        if not head and any((path.parent / "backups").glob("*.zip")):
            # an empty file where a used database was (backups exist): cut off, not new — never start afresh
            raise DamagedStoreError(f"{path}: the database file is empty (0 bytes) although backups of it exist; "
                                    "restore the newest backup with `mianze db restore PATH` — nothing was changed")
    db = pw.SqliteDatabase(
        str(path),
        timeout=busy_timeout,
        pragmas={"foreign_keys": 1, "busy_timeout": int(busy_timeout * 1000), "synchronous": "FULL"},
    )
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise translate_error(exc, str(path)) from None
    return db


def busy_timeout_default() -> float:
    env = os.environ.get("MIANZE_BUSY_TIMEOUT")
    if env:
        try:
            return max(0.0, float(env))
        except ValueError:
            pass
    return DEFAULT_BUSY_TIMEOUT


def open_store(data_dir: Path, database_url: Optional[str] = None, *, create_dir: bool = False,
               busy_timeout: Optional[float] = None, migrate: bool = True, auto_backup: bool = True) -> Store:
    from . import migrations

    data_dir = check_data_dir(Path(data_dir), create=create_dir)
    config = read_config(data_dir)
    url = database_url or config.get("database_url") or None
    timeout = busy_timeout_default() if busy_timeout is None else busy_timeout
    if url and not url.startswith("sqlite"):
        store = Store(_connect_postgres(url), "postgres", data_dir, url=url)
    else:
        path = data_dir / SQLITE_NAME
        if url:  # sqlite:///path
            m = re.match(r"^sqlite:///(.+)$", url)
            if not m:
                raise StoreError(f"database URL {url!r}: use sqlite:///PATH or postgresql://…")
            path = Path(m.group(1))
        store = Store(_connect_sqlite(path, timeout), "sqlite", data_dir, path=path)
    store.attachments_dir = Path(config.get("attachments_dir") or data_dir / "attachments")
    try:
        with store.session():
            store.upgrade_info = migrations.ensure_schema(store, migrate=migrate)
            if store.backend == "sqlite":
                mode = store.db.execute_sql("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    store.db.execute_sql("PRAGMA journal_mode=WAL")
                _index_queued(store)
            else:
                _share_attachments(store)
            if auto_backup and _auto_backup_due(store):
                from .backup import auto_backup as _auto  # (zip, tempfile, …: imported on the day's first start)

                _check_before_auto_backup(store)
                _auto(store)
    except BaseException:
        store.close()
        raise
    return store


def _index_queued(store: Store) -> None:
    """Cases written by another program since (store/search.py) are indexed now; a database that cannot
    be written at the moment keeps them queued (searches still find them)."""
    from . import search

    if not search.has_index(store) or store.db.execute_sql(
            f'SELECT NOT EXISTS (SELECT 1 FROM "{search.QUEUE}")').fetchone()[0]:
        return
    try:
        with store.write():
            pass  # the write transaction indexes the queue at its end
    except (pw.OperationalError, sqlite3.OperationalError, StoreError) as exc:
        store.warnings.append(f"search index not brought up to date: {str(exc).splitlines()[0] if str(exc) else exc}")


def _share_attachments(store: Store) -> None:
    """PostgreSQL: evidence files this PC holds that other PCs cannot read yet go into the database."""
    from .attachments import share_local

    try:
        share_local(store)
    except (OSError, pw.DatabaseError, StoreError) as exc:
        store.warnings.append(f"attachments not shared: {str(exc).splitlines()[0] if str(exc) else exc}")


def _auto_backup_due(store: Store) -> bool:
    import datetime as dt

    marker = models.Setting.get_or_none(models.Setting.key == "last_auto_backup")
    return marker is None or marker.value != dt.date.today().isoformat()


def _check_before_auto_backup(store: Store) -> None:
    """The first start of a day copies the database into an automatic backup and drops the oldest
    one: a damaged SQLite file must be reported then, not copied over the good backups."""
    import datetime as dt

    if store.backend != "sqlite":
        return
    marker = models.Setting.get_or_none(models.Setting.key == "last_auto_backup")
    if marker is not None and marker.value == dt.date.today().isoformat():
        return
    problems = [row[0] for row in store.db.execute_sql("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        found = " ".join("; ".join(problems[:3]).split())[:160]
        raise DamagedStoreError(f"{store.where}: the database file is damaged (check: {found}); "
                                "restore a backup with `mianze db restore PATH` — nothing was changed")
