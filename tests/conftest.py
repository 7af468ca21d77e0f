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
