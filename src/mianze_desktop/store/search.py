"""The case text search index: what makes ``cases.list(text=...)`` fast without changing its answers.

The filter's meaning stays as it was: every whitespace-separated word must occur in the case's
``search_text`` (number, applicant, unit and position, matter, facts, remarks, archive number, work
type), Latin letters in either case — the LIKE (SQLite) / ILIKE (PostgreSQL) test stays in the query.
The index only narrows the rows that test runs on, so a row the index misses would be a bug in the index
and a row it keeps too many is filtered out; the results are the same as a scan's.

SQLite (3.34+, FTS5 with the trigram tokenizer): ``case_search`` is a contentless FTS5 table over each
case's search text plus two padding characters. Triggers on ``cases`` keep it right whoever writes (the
service, bulk import, a restore, another program): a deleted or changed case's old text leaves the index
at once, a new or changed text is queued (``case_search_queue``, case ids) and indexed in one statement
when the write transaction ends (``Store.write``) or the database is next opened — an FTS5 insert per row
from a trigger costs five times a plain insert. Queued cases are searched as candidates meanwhile. A word
of three or more characters is a phrase query. A shorter word is looked up among the indexed trigrams
that start with it (``case_search_terms``, an fts5vocab table); the padding makes every occurrence start
a trigram. A word the index cannot narrow (a one-character word with hundreds of different
continuations, or a non-Latin capital letter whose case folding SQLite and Python might disagree on) is
left to the scan.

PostgreSQL: a pg_trgm GIN index on ``search_text``, which the planner uses for ILIKE by itself; without
the extension (no privilege to create it) the filter stays a plain ILIKE scan.

Reading the first page of a selective search, the rows are looked up by id (``id IN`` the matches) and
sorted; when many cases match, the list order is walked instead (``+id IN`` the matches), after a cheap
try over the newest rows which usually already holds the page.
"""
from __future__ import annotations

import logging
import sqlite3
from typing import Optional

import peewee as pw

from . import models as m

log = logging.getLogger(__name__)

TABLE = "case_search"
TERMS = "case_search_terms"
QUEUE = "case_search_queue"
TRIGGERS = ("cases_search_insert", "cases_search_delete", "cases_search_update")
PG_INDEX = "cases_search_trgm"
PAD = "char(10, 10)"  # two line breaks: every one- or two-character word starts an indexed trigram
FEW = 4000  # fewer matches than this: look the rows up by id and sort them
TRY_ROWS = 2000  # many matches: first try the newest rows in list order (at least this many)
MAX_TERMS = 200  # a short word with more trigram continuations than this is left to the scan
_TOP = "\U0010ffff"


# -- creating the index (new databases and the schema 3 migration) ----------------------------------
def sqlite_supported() -> bool:
    return sqlite3.sqlite_version_info >= (3, 34, 0)


def create_index(store) -> bool:
    """Create the index for ``store``'s database and fill it from the cases there; True when created.
    A database engine without the needed feature keeps working with the plain scan."""
    store.search_index = None  # ask the database again next time
    if store.backend == "sqlite":
        return _create_sqlite(store)
    return _create_postgres(store)


def _create_sqlite(store) -> bool:
    db = store.db
    if not sqlite_supported():
        log.warning("SQLite %s has no trigram tokenizer (needs 3.34); text search scans", sqlite3.sqlite_version)
        return False
    cases = m.Case._meta.table_name
    for trigger in TRIGGERS:  # made again from scratch (a database restored or upgraded twice)
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{trigger}"')
    for table in (TERMS, TABLE, QUEUE):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
    try:
        with db.atomic():  # a savepoint: without FTS5 nothing is left half made
            db.execute_sql(f'CREATE VIRTUAL TABLE "{TABLE}" USING fts5(body, tokenize = \'trigram\', content = \'\')')
            db.execute_sql(f'CREATE VIRTUAL TABLE "{TERMS}" USING fts5vocab("{TABLE}", \'row\')')
    except (pw.OperationalError, sqlite3.OperationalError) as exc:
        log.warning("no FTS5 trigram index (%s); text search scans", exc)
        return False
    db.execute_sql(f'CREATE TABLE "{QUEUE}" ("id" INTEGER PRIMARY KEY)')
    queue = f'INSERT OR IGNORE INTO "{QUEUE}"("id") VALUES (new."id");'
    # the old text leaves the index unless it never got there (still queued)
    forget = (f'INSERT INTO "{TABLE}"("{TABLE}", rowid, body) SELECT \'delete\', old."id", {_text("old.")} '
              f'WHERE NOT EXISTS (SELECT 1 FROM "{QUEUE}" WHERE "id" = old."id"); '
              f'DELETE FROM "{QUEUE}" WHERE "id" = old."id";')
    db.execute_sql(f'CREATE TRIGGER "{TRIGGERS[0]}" AFTER INSERT ON "{cases}" BEGIN {queue} END')
    db.execute_sql(f'CREATE TRIGGER "{TRIGGERS[1]}" AFTER DELETE ON "{cases}" BEGIN {forget} END')
    db.execute_sql(f'CREATE TRIGGER "{TRIGGERS[2]}" AFTER UPDATE OF "search_text", "id" ON "{cases}" '
                   f'WHEN old."search_text" IS NOT new."search_text" OR old."id" IS NOT new."id" '
                   f'BEGIN {forget} {queue} END')
    db.execute_sql(f'INSERT INTO "{TABLE}"(rowid, body) SELECT "id", {_text("")} FROM "{cases}"')
    return True


def _text(ref: str) -> str:
    """The indexed value of a case row (the same expression when indexing and when removing)."""
    return f'coalesce({ref}"search_text", \'\') || {PAD}'


def flush(store) -> int:
    """Index the queued cases (inside the caller's write transaction); returns how many."""
    if not has_index(store):
        return 0
    db = store.db
    if db.execute_sql(f'SELECT NOT EXISTS (SELECT 1 FROM "{QUEUE}")').fetchone()[0]:
        return 0
    cases = m.Case._meta.table_name
    done = db.execute_sql(f'INSERT INTO "{TABLE}"(rowid, body) SELECT c."id", {_text("c.")} FROM "{QUEUE}" q '
                          f'JOIN "{cases}" c ON c."id" = q."id"').rowcount
    db.execute_sql(f'DELETE FROM "{QUEUE}"')
    return done


def _create_postgres(store) -> bool:
    db = store.db
    try:
        with db.atomic():  # a savepoint: a refused CREATE EXTENSION must not end the migration's transaction
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{PG_INDEX}" ON "{m.Case._meta.table_name}" '
                           f'USING gin ("search_text" gin_trgm_ops)')
    except pw.DatabaseError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        log.warning("no pg_trgm index (%s); text search scans with ILIKE", first)
        return False
    return True


def has_index(store) -> bool:
    """Whether ``store``'s database has the SQLite index (asked once per opened store)."""
    if store.search_index is None:
        if store.backend != "sqlite":
            store.search_index = False  # PostgreSQL's planner picks its index itself
        else:
            names = {r[0] for r in store.db.execute_sql(
                "SELECT name FROM sqlite_master WHERE name IN (?, ?, ?)", (TABLE, TERMS, QUEUE)).fetchall()}
            store.search_index = names == {TABLE, TERMS, QUEUE}
    return store.search_index


# -- narrowing a query ----------------------------------------------------------------------------------
def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fold_safe(word: str) -> bool:
    """Only Latin letters change case in a LIKE test; a word whose other letters have a case could be
    folded differently by SQLite's tokenizer than by Python, so such short words are not looked up."""
    return all(c.isascii() or (c.lower() == c and c.upper() == c) for c in word)


def _word_expression(db, word: str) -> Optional[str]:
    """The FTS5 query for one word; "" when no case can contain it; None when the index cannot help."""
    if len(word) >= 3:
        return _quote(word)
    if not _fold_safe(word):
        return None
    low = word.lower()
    rows = db.execute_sql(f'SELECT term FROM "{TERMS}" WHERE term BETWEEN ? AND ? LIMIT ?',
                          (low, low + _TOP * (3 - len(low)), MAX_TERMS + 1)).fetchall()
    if len(rows) > MAX_TERMS:
        return None
    if not rows:
        return ""
    return "(" + " OR ".join(_quote(r[0]) for r in rows) + ")"


def match_expression(store, words: list[str]) -> Optional[str]:
    """The FTS5 query every matching case satisfies; "" when no case can match; None: no narrowing."""
    if not words or not has_index(store):
        return None
    parts = []
    for word in dict.fromkeys(words):
        expr = _word_expression(store.db, word)
        if expr == "":
            return ""
        if expr is not None:
            parts.append(expr)
    return " AND ".join(parts) if parts else None


def _candidates(expr: str, queued: bool) -> pw.SQL:
    """The ids of the cases the index finds for ``expr`` ("": none), and the queued ones."""
    parts, params = [], []
    if expr:
        parts.append(f'SELECT rowid FROM "{TABLE}" WHERE "{TABLE}" MATCH ?')
        params.append(expr)
    if queued:
        parts.append(f'SELECT "id" FROM "{QUEUE}"')
    return pw.SQL("(" + " UNION ALL ".join(parts) + ")", params)


def narrow(store, query: pw.Select, words: list[str], want: Optional[int] = None) -> pw.Select:
    """``query`` (cases with every filter, the text words' LIKE tests included) with a condition that
    lets the database use the index; the same rows either way. ``want``: the page about to be read is
    within the first ``want`` rows in list order (newest application first); None for all or a count."""
    expr = match_expression(store, words)
    if expr is None:
        return query
    db = store.db
    queued = bool(db.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{QUEUE}")').fetchone()[0])
    if expr == "" and not queued:
        return query.where(pw.SQL("0 = 1"))
    candidates = _candidates(expr, queued)
    sql, params = candidates.sql, candidates.params
    many = db.execute_sql(f"SELECT count(*) FROM ({sql[1:-1]} LIMIT ?)", (*params, FEW)).fetchone()[0] >= FEW
    if not many or want is None:
        return query.where(m.Case.id.in_(candidates))  # look the few matching rows up and sort them
    # Many matches: the newest rows usually hold the page (a range of the list-order index) ...
    order = (m.Case.applied_on.desc(), m.Case.id.desc())
    edge = (m.Case.select(m.Case.applied_on, m.Case.id).order_by(*order).offset(max(TRY_ROWS, 4 * want) - 1)
            .limit(1).tuples().first())
    newest = query if edge is None else query.where(pw.Tuple(m.Case.applied_on, m.Case.id) >= pw.Tuple(*edge))
    if edge is None or newest.select(m.Case.id).order_by(*order).limit(want).count() >= want:
        return newest
    # ... else walk the list order, testing each row against the matches ("+ 0": no look-up by id).
    return query.where((m.Case.id + 0).in_(candidates))
