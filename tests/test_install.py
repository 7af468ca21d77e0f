"""A non-editable ``pip install .`` carries resources/ and ui/ inside the wheel and works."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(REPO)], check=True, capture_output=True, timeout=300)
    (whl,) = out.glob("mianze_desktop-*.whl")
    return whl


def test_wheel_contains_resources_and_ui(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (REPO / "resources" / "policies").glob("*.yaml"):
        assert f"mianze_desktop/resources/policies/{pack.name}" in names
    for ui in (REPO / "ui").glob("*.ui"):
        assert f"mianze_desktop/ui/{ui.name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    entry_points = next(zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert "mianze = mianze_desktop.cli:main" in entry_points
    assert "mianze-desktop = mianze_desktop.gui.app:main" in entry_points


def test_installed_wheel_runs_from_its_own_files(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    # run outside the checkout, with only the installed copy of the package on the path first
    env = dict(os.environ, PYTHONPATH=str(target), PYTHONIOENCODING="utf-8")
    code = ("import json, mianze_desktop.paths as p; print(json.dumps([str(p.policies_dir()), str(p.ui_dir())]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True, timeout=60)
    policies, ui = json.loads(out.stdout)
    assert policies.startswith(str(target)) and ui.startswith(str(target))
    listing = subprocess.run([sys.executable, "-m", "mianze_desktop", "--data-dir", str(tmp_path / "d"),
                              "policy", "list", "--json"], cwd=tmp_path, env=env, capture_output=True,
                             text=True, encoding="utf-8", check=True, timeout=60)
    assert {p["id"] for p in json.loads(listing.stdout)} >= {"weihai-2023", "puyang-2024"}
