"""Schema version and ordered migrations.

A new database gets the current tables and is stamped with ``SCHEMA_VERSION``.
An older one is copied (SQLite: online backup of the file; PostgreSQL: a backup
archive) and then brought forward one version at a time, each step in its own
transaction. A database from a newer program is refused and left untouched.

To change the schema: bump ``SCHEMA_VERSION``, change the models, and append
``Migration(N, "what", function)`` whose function takes the Store and alters an
existing database of version N-1 (playhouse.migrate works on both backends).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Optional

from . import models
from .errors import StoreError

SCHEMA_VERSION = 4


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable  # apply(store) -> None


def _add_users(store) -> None:
    store.db.create_tables([models.User])


def _add_search_index(store) -> None:
    from .search import create_index

    create_index(store)


def _add_attachment_content(store) -> None:
    store.db.create_tables([models.AttachmentContent])  # filled by store/attachments.share_local at open


# Ordered list of steps to versions 2, 3, … (version 1 is the initial schema).
MIGRATIONS: list[Migration] = [
    Migration(2, "user accounts and roles", _add_users),
    Migration(3, "case text search index", _add_search_index),
    Migration(4, "attachment bytes shared through a PostgreSQL database", _add_attachment_content),
]


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def current_version(store) -> Optional[int]:
    """The database's schema version; None for an empty database."""
    tables = set(store.db.get_tables())
    if not tables:
        return None
    if models.SchemaVersion._meta.table_name not in tables:
        raise StoreError(f"{store.where} is not a mianze database (it has tables but no schema version); "
                         "choose another data folder or database — nothing was changed")
    row = models.SchemaVersion.select(models.SchemaVersion.version).order_by(
        models.SchemaVersion.version.desc()).first()
    if row is None:
        raise StoreError(f"{store.where}: the schema version table is empty; the database is damaged — "
                         "restore a backup with `mianze db restore PATH`")
    return row.version


def ensure_schema(store, migrate: bool = True) -> dict:
    """Create, check or upgrade the schema. Returns {"from", "to", "backup", "created"}."""
    version = current_version(store)
    if version is None:
        with store.db.atomic():
            store.db.create_tables(models.ALL_MODELS)
            _add_search_index(store)
            models.SchemaVersion.create(version=SCHEMA_VERSION, applied_at=_now(), note="initial schema")
        return {"from": None, "to": SCHEMA_VERSION, "backup": None, "created": True}
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{store.where} was written by a newer version of mianze (database schema {version}, this program "
            f"knows up to {SCHEMA_VERSION}); install the newer program — the database was not changed")
    if version == SCHEMA_VERSION:
        return {"from": version, "to": version, "backup": None, "created": False}
    if not migrate:
        raise StoreError(f"{store.where} has schema {version} and needs an upgrade to {SCHEMA_VERSION}; "
                         "run `mianze db upgrade`")
    steps = [m for m in sorted(MIGRATIONS, key=lambda m: m.version) if version < m.version <= SCHEMA_VERSION]
    expected = list(range(version + 1, SCHEMA_VERSION + 1))
    if [m.version for m in steps] != expected:
        raise StoreError(f"no migration path from schema {version} to {SCHEMA_VERSION} (program error)")
    from .backup import backup

    copy = backup(store, kind=f"pre-upgrade-v{version}", include_attachments=False)
    for step in steps:
        try:
            with store.db.atomic():
                step.apply(store)
                models.SchemaVersion.create(version=step.version, applied_at=_now(), note=step.description)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"{store.where}: upgrade to schema {step.version} ({step.description}) failed: {exc}; "
                             f"the database stays at schema {step.version - 1}; a copy is in {copy}") from None
    from .audit import append

    with store.write():
        append(store, user="system", action="schema_upgrade", entity="database",
               before={"schema": version}, after={"schema": SCHEMA_VERSION, "backup": copy.name})
    return {"from": version, "to": SCHEMA_VERSION, "backup": str(copy), "created": False}
