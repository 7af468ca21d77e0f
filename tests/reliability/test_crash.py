"""Crash safety: SIGKILL a process that is saving cases, and the desktop app while text is typed."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
CI_TRIALS = int(os.environ.get("MIANZE_CRASH_TRIALS", "15"))


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kill_loop_loses_no_committed_change(tmp_path):
    harness = load_script("crash_harness")
    figures = harness.run(CI_TRIALS, data_dir=tmp_path / "data", seed=20260309)
    assert figures["problems"] == []
    assert figures["trials"] == figures["kills"] == CI_TRIALS  # every trial ended by SIGKILL mid-work
    assert figures["changes_logged"] >= CI_TRIALS  # the workers really committed changes between kills
    assert figures["changes_lost"] == figures["integrity_failures"] == figures["verify_failures"] == 0
    assert figures["verify_runs"] == CI_TRIALS
    # the database the kills left behind is still fully usable
    from mianze_desktop.service import Service

    svc = Service(data_dir=tmp_path / "data", user="测试员")
    try:
        cases = svc.cases.list(limit=None)
        assert cases and all(svc.cases.get(c["id"])["number"] == c["number"] for c in cases[:20])
        new = svc.cases.create({"applicant": "赵某某", "applied_on": "2025-03-03"}, policy="puyang-2024")
        assert svc.cases.get(new["id"])["applicant"] == "赵某某"
        assert svc.cases.verify()["ok"]
    finally:
        svc.close()


def test_the_harness_notices_a_lost_change(tmp_path):
    """Negative control: the checker reports a change that the log says was committed but is not there."""
    harness = load_script("crash_harness")
    from mianze_desktop.service import Service
    from mianze_desktop.service.case_records import state_hash

    svc = Service(data_dir=tmp_path, user="测试员")
    created = svc.cases.create({"applicant": "赵某某", "applied_on": "2025-03-03"}, policy="puyang-2024")
    record = svc.cases.get(created["id"])
    svc.close()
    good = {"op": "create", "case": record["id"], "version": 1, "hash": state_hash(record)}
    db = tmp_path / "mianze.db"
    assert harness.check_database(db, [good]) == []
    problems = harness.check_database(db, [good, dict(good, version=2, op="update"),
                                           dict(good, hash="0" * 64), dict(good, case=999)])
    assert len(problems) == 3 and all(p.startswith("lost") for p in problems)


def _driver(mode: str, data_dir, case_id: int, **kwargs):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.gui_driver", mode, str(data_dir), str(case_id)],
                            cwd=str(REPO), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", **kwargs)


def test_text_typed_in_the_gui_survives_a_kill(tmp_path):
    from mianze_desktop.gui.state import UiState
    from mianze_desktop.service import Service
    from tests.reliability.gui_driver import CASE_TEXT, NEW_TEXT

    data_dir = tmp_path / "data"
    svc = Service(data_dir=data_dir, user="测试员")
    data_dir.mkdir()
    case_id = svc.cases.create({"applicant": "孙某某", "applied_on": "2025-03-03",
                                "form": {"matter": "保存过的事项"}}, policy="puyang-2024")["id"]
    svc.close()
    state = UiState(data_dir)
    state.setup_done = True
    state.sync()

    typing = _driver("type", data_dir, case_id)
    try:
        line = typing.stdout.readline()
        assert line, typing.stderr.read() if typing.poll() is not None else "the driver printed nothing"
        typed = json.loads(line)
        assert typed["new"]["applicant"] == NEW_TEXT["applicant"]
        assert typed["case"]["remarks"] == CASE_TEXT["remarks"]
        os.kill(typing.pid, signal.SIGKILL)  # no close, no save, no atexit: the process is gone
        typing.wait(timeout=30)
    finally:
        if typing.poll() is None:
            typing.kill()
    assert typing.returncode == -signal.SIGKILL
    assert not list((data_dir / "drafts").glob("*.tmp"))  # only complete drafts are left

    checking = _driver("check", data_dir, case_id)
    out, err = checking.communicate(timeout=120)
    assert checking.returncode == 0, err
    back = json.loads(out.strip().splitlines()[-1])
    assert len(back["new"]) == 1  # the unsaved application is reopened, with every character typed
    assert {k: back["new"][0][k] for k in NEW_TEXT} == NEW_TEXT
    assert back["case"]["remarks"] == CASE_TEXT["remarks"]  # the case's unsaved edit is put back …
    assert back["case"]["matter"] == "保存过的事项"
    assert back["saved_remarks"] == ""  # … as a draft to check and save, not silently saved
    assert "已恢复未保存的修改" in back["message"]
