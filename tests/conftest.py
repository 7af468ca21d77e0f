"""Shared test setup. Qt runs offscreen; ../shared (beside the checkout) is optional
locally but required in CI (CI=true): tests that need it skip cleanly or fail."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test when it is absent, except in CI where it fails."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and CI must not skip tests that read ../shared")
        pytest.skip(f"{path} not present (../shared is only beside a developer checkout)")
    return path


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


# -- case store fixtures (issue 3): every test using `svc` runs on SQLite and on PostgreSQL ---------------
PG_URL_ENV = "MIANZE_TEST_PG_URL"


def _clean_postgres(url: str) -> None:
    """Drop and recreate the public schema so that each test starts from an empty database."""
    from mianze_desktop.store.db import _connect_postgres

    db = _connect_postgres(url)
    try:
        db.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
        db.execute_sql("CREATE SCHEMA public")
    finally:
        db.close()


@pytest.fixture(params=["sqlite", "postgres"])
def db_backend(request) -> str:
    """"sqlite" or "postgres". PostgreSQL needs MIANZE_TEST_PG_URL (see scripts/start-postgres.sh);
    without it the postgres runs skip — except in CI (CI=true), where they fail."""
    if request.param == "postgres" and not os.environ.get(PG_URL_ENV):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_URL_ENV} is not set, and CI must run the PostgreSQL store tests")
        pytest.skip(f"{PG_URL_ENV} not set (start a server with scripts/start-postgres.sh)")
    return request.param


@pytest.fixture
def database_url(db_backend):
    """None for SQLite (the file in the data dir); a freshly emptied PostgreSQL database otherwise."""
    if db_backend == "sqlite":
        return None
    url = os.environ[PG_URL_ENV]
    _clean_postgres(url)
    return url


@pytest.fixture
def svc(data_dir, database_url):
    """A Service on a temporary data dir, on each database backend."""
    from mianze_desktop.service import Service

    service = Service(data_dir=data_dir, database_url=database_url, user="测试员")
    yield service
    service.close()
