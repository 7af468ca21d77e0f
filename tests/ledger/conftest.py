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


def make_service(base):
    """A Service on a fresh data dir with both invented packs imported."""
    from mianze_desktop.service import Service

    base.mkdir(parents=True, exist_ok=True)
    (base / "pack_a.yaml").write_text(PACK_A, encoding="utf-8")
    (base / "pack_b.yaml").write_text(PACK_B, encoding="utf-8")
    data = base / "data"
    data.mkdir()
    svc = Service(data_dir=data)
    svc.policies.import_file(base / "pack_a.yaml")
    svc.policies.import_file(base / "pack_b.yaml")
    return svc


@pytest.fixture
def svc(tmp_path):
    s = make_service(tmp_path / "one")
    yield s
    s.close()


@pytest.fixture
def svc2(tmp_path):
    s = make_service(tmp_path / "two")
    yield s
    s.close()
