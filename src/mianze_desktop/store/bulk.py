"""Bulk inserts on SQLite and PostgreSQL: one prepared INSERT run over many rows (executemany).

Rows are dicts of field name -> Python value, all with the same keys; each value goes through its
field's ``db_value`` exactly as a peewee insert would store it. Ids are not returned: callers that
need them select them back by a unique column (lastrowid ranges are not safe).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

import peewee as pw

from .models import database_proxy


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection during a bulk job: its many short-lived dicts and rows hold no
    cycles, yet each allocation burst makes the collector walk every live object again (~20% of a
    10,000-case import). Collection resumes afterwards (nothing is lost, only deferred)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def in_list(field: pw.Field, values: list) -> pw.Expression:
    """``field IN (values)`` with the values bound as they are (ids, numbers): the same condition as
    ``field.in_(values)``, built without one query node per value (which costs more than the query)."""
    values = list(values)
    if not values:
        return field.in_([])
    if all(type(v) is int for v in values):  # ids: written out as numbers (int() leaves nothing else)
        return field.in_(pw.SQL("({})".format(", ".join(str(int(v)) for v in values))))
    marks = ", ".join([database_proxy.obj.param] * len(values))
    return field.in_(pw.SQL(f"({marks})", values))


def insert_rows(model: type[pw.Model], rows: list[dict], batch: int = 2000) -> int:
    """INSERT the rows into ``model``'s table on the current thread's database; returns how many.
    Call inside a transaction (``store.write()``)."""
    if not rows:
        return 0
    db = database_proxy.obj
    names = list(rows[0])
    fields = [model._meta.fields[n] for n in names]
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        model._meta.table_name, ", ".join(f'"{f.column_name}"' for f in fields), ", ".join([db.param] * len(fields)))
    converters = [(n, f.db_value) for n, f in zip(names, fields)]
    with pw.__exception_wrapper__:  # driver errors -> peewee's IntegrityError etc., as for other queries
        cursor = db.cursor()
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, [tuple(conv(r[n]) for n, conv in converters) for r in rows[start:start + batch]])
    return len(rows)
