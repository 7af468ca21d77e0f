"""The index of installed packs' digests (policy/pack_index.py) behind the main window's filter choices:
the same packs, order and labels as ``registry.all()``; pack files parsed only when new or changed."""
from __future__ import annotations

import json
import shutil

import pytest

from mianze_desktop.policy import registry as registry_module
from mianze_desktop.policy.loader import PolicyError
from mianze_desktop.policy.registry import PolicyRegistry
from tests.conftest import REPO

MINIMAL = REPO / "tests" / "data" / "minimal_pack.yaml"


def _view(packs) -> list:
    return [(p.id, p.revision, p.title, p.short_title, p.valid_from, [(s.id, s.label) for s in p.procedure.stages],
             [(o.id, o.label) for o in p.outcomes]) for p in packs]


@pytest.fixture
def counted(monkeypatch):
    """Counts the pack files actually loaded and validated."""
    loads = []
    real = registry_module._load_cached

    def load(path):
        loads.append(path.name)
        return real(path)

    monkeypatch.setattr(registry_module, "_load_cached", load)
    return loads


def test_digests_list_what_all_lists_and_reuse_the_index(tmp_path, counted):
    extra = tmp_path / "imported"
    extra.mkdir()
    shutil.copyfile(MINIMAL, extra / "minimal.yaml")
    reg = PolicyRegistry(extra_dirs=[extra])
    cache = tmp_path / "cache" / "policy-index.json"
    first = reg.digests(cache)
    assert _view(first) == _view(reg.all()) and len(first) >= 3
    assert sorted(counted[:3]) == sorted(p.name for p in reg.pack_files())
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert len(stored["packs"]) == len(reg.pack_files())
    counted.clear()
    assert _view(reg.digests(cache)) == _view(first) and counted == []  # nothing parsed the second time


def test_a_changed_or_bad_pack_file_is_read_again(tmp_path, counted):
    extra = tmp_path / "imported"
    extra.mkdir()
    target = extra / "minimal.yaml"
    shutil.copyfile(MINIMAL, target)
    reg = PolicyRegistry(extra_dirs=[extra])
    cache = tmp_path / "policy-index.json"
    reg.digests(cache)
    text = MINIMAL.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    target.write_text(text.replace(title, "title: 改过标题的测试政策包"), encoding="utf-8")
    counted.clear()
    again = {p.id: p for p in reg.digests(cache)}
    assert counted == ["minimal.yaml"] and any(p.title == "改过标题的测试政策包" for p in again.values())
    target.write_text(text.replace(title, "title: [不是文本"), encoding="utf-8")
    with pytest.raises(PolicyError):  # as registry.all() fails on it
        reg.digests(cache)
    with pytest.raises(PolicyError):
        reg.all()


def test_a_damaged_or_unwritable_index_only_costs_a_reload(tmp_path, counted):
    reg = PolicyRegistry()
    cache = tmp_path / "policy-index.json"
    cache.write_text("{not json", encoding="utf-8")
    assert _view(reg.digests(cache)) == _view(reg.all())
    assert json.loads(cache.read_text(encoding="utf-8"))["packs"]  # rebuilt
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    assert _view(reg.digests(blocked / "policy-index.json")) == _view(reg.all())  # cannot write: still answers
