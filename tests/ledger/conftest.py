"""Fixtures for the ledger tests: two invented packs, a service with them installed, invented cases."""
from __future__ import annotations

import pytest

from mianze_desktop.policy.loader import parse_pack
from tests.ledger.packs import PACK_A, PACK_B


@pytest.fixture(scope="session")
def pack_a():
    return parse_pack(PACK_A, "pack_a.yaml")


@pytest.fixture(scope="session")
def pack_b():
    return parse_pack(PACK_B, "pack_b.yaml")


@pytest.fixture
def packs(pack_a, pack_b):
    return {pack_a.id: pack_a, pack_b.id: pack_b}


def make_service(base, database_url=None):
    """A Service on a fresh data dir (and the given database) with both invented packs imported."""
    from mianze_desktop.service import Service

    base.mkdir(parents=True, exist_ok=True)
    (base / "pack_a.yaml").write_text(PACK_A, encoding="utf-8")
    (base / "pack_b.yaml").write_text(PACK_B, encoding="utf-8")
    data = base / "data"
    data.mkdir()
    svc = Service(data_dir=data, database_url=database_url, user="测试员")
    svc.policies.import_file(base / "pack_a.yaml")
    svc.policies.import_file(base / "pack_b.yaml")
    return svc


@pytest.fixture
def svc(tmp_path, database_url):
    """A Service with the invented packs, on SQLite and on PostgreSQL (see tests/conftest.py)."""
    s = make_service(tmp_path / "one", database_url)
    yield s
    s.close()


@pytest.fixture
def empty_service(tmp_path, database_url):
    """A factory for a second, empty Service on the same backend (PostgreSQL: the schema is emptied,
    so close the first service before calling it)."""
    made = []

    def factory():
        if database_url:
            from tests.conftest import _clean_postgres

            _clean_postgres(database_url)
        s = make_service(tmp_path / f"empty{len(made)}", database_url)
        made.append(s)
        return s

    yield factory
    for s in made:
        s.close()
