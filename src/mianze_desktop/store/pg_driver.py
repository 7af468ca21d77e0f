"""The PostgreSQL driver (psycopg 3) is imported when a PostgreSQL database is opened, not at every start.

peewee tries ``import psycopg2`` and ``import psycopg`` while it is itself being imported and keeps what it
found in module globals; psycopg alone costs about 100 ms, most of a SQLite start's imports. ``defer()``
(called by the package's ``__init__``, before anything imports peewee) lets that one import of peewee find
no driver. A PostgreSQL database is then made with ``database_class()``: peewee's own PostgresqlDatabase
with its adapter hook (``psycopg3_adapter``) set to an adapter that imports psycopg 3 itself. If peewee was
imported with the driver after all (imported before this package), nothing changes but the import time.
"""
from __future__ import annotations

import sys

DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")
_installed = False


class _Loader:
    """peewee's own loader, running its module with the drivers out of reach; they become importable
    again as soon as the module has run."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):  # get_code, get_source, is_package, ... as the real loader answers them
        return getattr(self.inner, name)

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        blocked = [d for d in DRIVERS if d not in sys.modules]
        for d in blocked:
            sys.modules[d] = None  # "import d" raises ImportError, which peewee expects
        try:
            self.inner.exec_module(module)
        finally:
            for d in blocked:
                if d in sys.modules and sys.modules[d] is None:
                    del sys.modules[d]


class _PeeweeWithoutDrivers:  # a meta path finder (importlib.abc costs more to import than all this)
    """Finds peewee as the other finders do and hands it to ``_Loader``; gone after that one import."""

    def find_spec(self, name, path=None, target=None):
        if name != "peewee":
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader)
        return spec


def defer() -> None:
    """Keep the drivers out of peewee's import (once per process; no effect once peewee is imported)."""
    global _installed
    if _installed or "peewee" in sys.modules:
        return
    _installed = True
    sys.meta_path.insert(0, _PeeweeWithoutDrivers())


_database_class = None


def database_class():
    """peewee's PostgresqlDatabase speaking psycopg 3 through an adapter that imports the driver."""
    global _database_class
    if _database_class is None:
        _database_class = _make_class()
    return _database_class


def _make_class():
    import peewee as pw

    if not hasattr(pw, "Psycopg3Adapter"):  # peewee 3 (pyproject asks for 4): its own class, as before
        return pw.PostgresqlDatabase

    class Psycopg3Adapter(pw.Psycopg3Adapter):
        """peewee's psycopg 3 adapter, with the driver and its constants taken from here."""

        def __init__(self):
            super().__init__()
            import psycopg
            from psycopg.pq import TransactionStatus
            from psycopg.types.json import Json, Jsonb

            self.psycopg = psycopg
            self.json_type, self.jsonb_type = Json, Jsonb
            self.txn_idle, self.txn_inerror = TransactionStatus.IDLE, TransactionStatus.INERROR
            self.txn_unknown, self._txn_intrans = TransactionStatus.UNKNOWN, TransactionStatus.INTRANS

        def check_driver(self):
            pass  # imported in __init__ (an ImportError there names the missing package)

        def get_binary_type(self):
            return self.psycopg.Binary

        def connect(self, db, **params):
            if db._encoding:
                params.setdefault("client_encoding", db._encoding)
            if db.database.startswith("postgresql://"):
                params.setdefault("conninfo", db.database)
            else:
                params.setdefault("dbname", db.database)
            return self.psycopg.connect(**params)

        def server_side_cursor(self, conn):
            import uuid

            in_txn = self.txn_status(conn) == self._txn_intrans
            return conn.cursor(name=str(uuid.uuid1()), withhold=not in_txn)

    class PostgresqlDatabase(pw.PostgresqlDatabase):
        psycopg2_adapter = psycopg3_adapter = Psycopg3Adapter  # this program speaks psycopg 3 only

    return PostgresqlDatabase
