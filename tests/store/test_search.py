"""The case text search index (store/search.py) on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm): the
same answers as a scan of every case's search text, whichever way the rows are found, kept in step with
every change, and added to a database made before it existed."""
from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from mianze_desktop.service import Service
from mianze_desktop.store import migrations, search
from mianze_desktop.store import models as m

from .helpers import PUYANG_CASE, WEIHAI_CASE, case_data

WORDS = ["低保", "特困", "临时救助", "隐瞒收入", "核对平台", "入户调查", "多领", "追缴", "录入错误", "代管账户"]
UNITS = ["某县东镇人民政府", "某县西镇人民政府", "某县民政局", "Qixia District Office", "某县100%_村委会"]


def _like(word: str, text: str) -> bool:
    """SQLite's LIKE (and ILIKE for these texts): a substring, Latin letters in either case."""
    fold = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    return word.translate(fold) in text.translate(fold)


def _expected(svc, text: str) -> list[int]:
    """Every case whose search text holds every word, newest application first: the scan's answer."""
    with svc.cases.store.session():
        rows = m.Case.select(m.Case.id, m.Case.applied_on, m.Case.search_text).tuples()
        hits = [(day, cid) for cid, day, body in rows if all(_like(w, body) for w in text.split())]
    return [cid for _day, cid in sorted(hits, reverse=True)]


def _bulk(svc, n: int, seed: int = 5) -> None:
    """n cases written straight into the table (as a bulk import or another program would)."""
    rng = random.Random(seed)
    now = "2026-01-01T00:00:00+08:00"
    rows = []
    for i in range(n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(800))
        unit = rng.choice(UNITS)
        words = "".join(rng.sample(WORDS, 2))
        number = f"T{i % 3}-{day.year}-{i:05d}"
        rows.append(dict(number=number, policy="weihai-2023", policy_revision=1, status="apply",
                         applicant=f"测{i % 37}某", unit=unit, applied_on=day, form={}, candidates=[],
                         stage_dates={"apply": day.isoformat()}, created_at=now, updated_at=now,
                         search_text=f"{number}\n测{i % 37}某\n{unit}\n{words}"))
    store = svc.cases.store
    with store.session(), store.write():
        m.Case.insert_many(rows).execute()


QUERIES = ["测1", "测12", "测3某", "某", "东", "东镇", "西镇人民", "b2", "B2-2025", "t0-2024", "qixia", "DISTRICT",
           "隐瞒", "追缴 东镇", "测2 代管账户 西镇", "100%", "%_村", "_", "镇\n", "不存在", "zz", "\"引号\"",
           "某县 某县", "T1-2026-00"]


def test_search_gives_the_scan_answers_on_both_backends(svc):
    cases = svc.cases
    cases.create(case_data(WEIHAI_CASE, applicant="周3某"), policy="weihai-2023")
    cases.create(case_data(PUYANG_CASE, unit="濮阳县某镇\"引号\"办"), policy="puyang-2024")
    _bulk(svc, 400)
    for text in QUERIES + ["周3", "濮阳", "隐瞒 务工"]:
        want = _expected(svc, text)
        assert [c["id"] for c in cases.list(text=text, limit=None)] == want, text
        assert [c["id"] for c in cases.list(text=text, offset=7, limit=20)] == want[7:27], text
        assert cases.count(text=text) == len(want), text
    assert [c["applicant"] for c in cases.list(text="周3")] == ["周3某"]  # a two-character word
    assert cases.list(text="zz") == [] and cases.count(text="不存在") == 0


def test_every_way_of_finding_the_rows_gives_the_same_page(svc, monkeypatch):
    """Few matches (looked up by id), many matches within the newest rows, many matches further back
    (the list order walked): thresholds made small so that a few hundred cases take every path."""
    monkeypatch.setattr(search, "FEW", 15)
    monkeypatch.setattr(search, "TRY_ROWS", 40)
    _bulk(svc, 600, seed=9)
    cases = svc.cases
    for text in QUERIES:
        want = _expected(svc, text)
        for offset, limit in ((0, 10), (0, 100), (25, 10), (90, 30), (0, None)):
            got = [c["id"] for c in cases.list(text=text, offset=offset, limit=limit)]
            assert got == want[offset:None if limit is None else offset + limit], (text, offset, limit)
        assert cases.count(text=text) == len(want), text
    # with a status or year filter as well
    assert [c["id"] for c in cases.list(text="东镇", year=2025, limit=None)] == [
        i for i in _expected(svc, "东镇") if cases.get(i)["applied_on"].startswith("2025")]


def test_the_index_follows_every_change(svc):
    cases = svc.cases
    first = cases.create(case_data(WEIHAI_CASE, applicant="欧阳某某"), policy="weihai-2023")
    second = cases.create(case_data(PUYANG_CASE, applicant="司马某某"), policy="puyang-2024")
    assert [c["id"] for c in cases.list(text="欧阳")] == [first["id"]]
    cases.update(first["id"], {"applicant": "诸葛某某"}, expected_version=first["version"])
    assert cases.list(text="欧阳") == [] and [c["id"] for c in cases.list(text="诸葛")] == [first["id"]]
    assert [c["id"] for c in cases.list(text="诸葛某某")] == [first["id"]]
    store = cases.store
    with store.session(), store.write():  # a change made straight in the table (another program, a repair)
        m.Case.update(search_text="上官某某\nX-1").where(m.Case.id == second["id"]).execute()
        m.Case.delete().where(m.Case.id == first["id"]).execute()
    assert cases.list(text="诸葛") == [] and cases.list(text="司马") == []
    assert [c["id"] for c in cases.list(text="上官")] == [second["id"]]
    assert [c["id"] for c in cases.list(text="x-1")] == [second["id"]]
    if store.backend == "sqlite":
        assert _index_is_rebuilt_state(store)


def test_cases_written_by_another_program_are_found_and_indexed_at_the_next_start(data_dir):
    svc = Service(data_dir=data_dir, user="测试员")
    kept = svc.cases.create(case_data(WEIHAI_CASE, applicant="慕容某某"), policy="weihai-2023")["id"]
    gone = svc.cases.create(case_data(PUYANG_CASE, applicant="皇甫某某"), policy="puyang-2024")["id"]
    _bulk(svc, 50)
    con = sqlite3.connect(data_dir / "mianze.db")  # another program: no Store.write, no service
    cols = [r[1] for r in con.execute("PRAGMA table_info(cases)") if r[1] != "id"]
    new = {"number": "'X-1'", "applicant": "'东方某某'", "search_text": "'X-1' || char(10) || '东方某某'"}
    with con:  # a copy of a case under another number and name
        con.execute(f"INSERT INTO cases ({', '.join(cols)}) SELECT {', '.join(new.get(c, c) for c in cols)} "
                    "FROM cases WHERE id = ?", (kept,))
        con.execute("UPDATE cases SET search_text = '长孙某某' WHERE id = ?", (kept,))
        con.execute("DELETE FROM cases WHERE id = ?", (gone,))
    con.close()
    store = svc.cases.store
    with store.session():  # two cases wait in the queue; searches still see them
        assert store.db.execute_sql(f'SELECT count(*) FROM "{search.QUEUE}"').fetchone()[0] == 2
    for text in ("东方", "东方某某", "x-1", "长孙", "慕容", "皇甫", "东镇", "测1"):
        assert [c["id"] for c in svc.cases.list(text=text, limit=None)] == _expected(svc, text), text
    assert [c["applicant"] for c in svc.cases.list(text="东方")] == ["东方某某"]
    assert [c["id"] for c in svc.cases.list(text="长孙")] == [kept] and svc.cases.list(text="慕容") == []
    svc.close()
    svc = Service(data_dir=data_dir, user="测试员")  # the next start indexes the queue
    try:
        store = svc.cases.store
        with store.session():
            assert store.db.execute_sql(f'SELECT count(*) FROM "{search.QUEUE}"').fetchone()[0] == 0
        assert _index_is_rebuilt_state(store)
        assert [c["applicant"] for c in svc.cases.list(text="东方")] == ["东方某某"]
    finally:
        svc.close()


def _index_is_rebuilt_state(store) -> bool:
    """The SQLite index holds exactly what one built afresh from today's cases holds (every trigram with
    its documents and counts): the triggers removed what they had to and nothing else."""
    db = store.db
    with store.session():
        db.execute_sql("CREATE VIRTUAL TABLE temp.fresh USING fts5(body, tokenize = 'trigram', content = '')")
        db.execute_sql("CREATE VIRTUAL TABLE temp.fresh_terms USING fts5vocab(temp, fresh, 'row')")
        db.execute_sql(f"INSERT INTO temp.fresh(rowid, body) SELECT id, search_text || {search.PAD} FROM cases")
        fresh = db.execute_sql("SELECT term, doc, cnt FROM temp.fresh_terms ORDER BY term").fetchall()
        kept = db.execute_sql(f'SELECT term, doc, cnt FROM "{search.TERMS}" ORDER BY term').fetchall()
        db.execute_sql("DROP TABLE temp.fresh_terms")
        db.execute_sql("DROP TABLE temp.fresh")
    return len(fresh) >= 5 and kept == fresh


def _index_present(svc) -> bool:
    store = svc.cases.store
    with store.session():
        if store.backend == "sqlite":
            names = {r[0] for r in store.db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
            return {search.TABLE, search.TERMS, *search.TRIGGERS} <= names
        return store.db.execute_sql("SELECT 1 FROM pg_indexes WHERE indexname = %s",
                                    (search.PG_INDEX,)).fetchone() is not None


def _drop_index(store) -> None:
    """Make the database what schema 2 looked like."""
    if store.backend == "sqlite":
        for trigger in search.TRIGGERS:
            store.db.execute_sql(f'DROP TRIGGER "{trigger}"')
        store.db.execute_sql(f'DROP TABLE "{search.TERMS}"')
        store.db.execute_sql(f'DROP TABLE "{search.TABLE}"')
    else:
        store.db.execute_sql(f'DROP INDEX "{search.PG_INDEX}"')


def test_an_existing_database_gains_the_index(data_dir, database_url):
    svc = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    old = svc.cases.create(case_data(WEIHAI_CASE, applicant="周3某"), policy="weihai-2023")["id"]
    _bulk(svc, 120)
    assert _index_present(svc)
    store = svc.cases.store
    with store.session():
        _drop_index(store)
        m.SchemaVersion.update(version=2).where(m.SchemaVersion.version == migrations.SCHEMA_VERSION).execute()
    assert not _index_present(svc)
    svc.close()

    svc = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    try:
        info = svc.cases.upgrade()
        assert info["from"] == 2 and info["to"] == migrations.SCHEMA_VERSION and info["backup"]
        assert _index_present(svc)
        for text in ("周3", "周3某", "测1", "东镇", "T2-2025", "不存在", "追缴 西镇"):
            assert [c["id"] for c in svc.cases.list(text=text, limit=None)] == _expected(svc, text), text
        assert [c["id"] for c in svc.cases.list(text="周3")] == [old]
        new = svc.cases.create(case_data(PUYANG_CASE, applicant="端木某某"), policy="puyang-2024")["id"]
        assert [c["id"] for c in svc.cases.list(text="端木")] == [new]  # the new case is indexed too
        if store.backend == "sqlite":
            assert _index_is_rebuilt_state(svc.cases.store)
        problems = svc.cases.verify()["problems"]  # only the bulk rows, written without audit entries
        assert len(problems) == 120 and all("no audit entry" in p["message"] for p in problems)
    finally:
        svc.close()


def test_sqlite_search_uses_the_index(data_dir):
    svc = Service(data_dir=data_dir, user="测试员")
    try:
        svc.cases.create(case_data(WEIHAI_CASE, applicant="周3某"), policy="weihai-2023")
        store = svc.cases.store
        with store.session():
            assert search.has_index(store)
            assert search.match_expression(store, ["周3某"]) == '"周3某"'
            assert '"周3某"' in search.match_expression(store, ["周3"])  # the trigrams that start with it
            assert search.match_expression(store, ["周9"]) == ""  # in no case at all: nothing to read
            sql, params = search.narrow(store, m.Case.select(m.Case.id), ["周3"], want=100).sql()
            assert "MATCH" in sql
    finally:
        svc.close()


def test_postgres_search_has_a_trigram_index_the_planner_can_use(data_dir, database_url):
    if database_url is None:
        pytest.skip("PostgreSQL only")
    svc = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    try:
        _bulk(svc, 200)
        store = svc.cases.store
        with store.session():
            assert _index_present(svc)
            store.db.execute_sql("SET enable_seqscan = off")
            plan = " ".join(r[0] for r in store.db.execute_sql(
                'EXPLAIN SELECT id FROM cases WHERE search_text ILIKE %s', ("%西镇人民%",)).fetchall())
            store.db.execute_sql("SET enable_seqscan = on")
        assert search.PG_INDEX in plan
    finally:
        svc.close()
