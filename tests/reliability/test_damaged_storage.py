"""Damaged storage: a read-only data folder, a full disk, a cut or corrupt database file.

Each gets a clear one-line message (a ServiceError; CLI exit 2), nothing further damaged
(the database file's bytes and the backups stay as they were), and the damaged database
can be restored from the newest good backup — from the CLI and from the desktop app.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from mianze_desktop.service import Service
from mianze_desktop.service.errors import ServiceError
from mianze_desktop.store.errors import DamagedStoreError, StorageFullError, StoreError
from tests.gui.conftest import OFFSCREEN_LIMITS, click, start_app  # noqa: F401 (fixture)
from tests.store.helpers import run_cli

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def make_data(data_dir: Path, n: int = 12) -> list[str]:
    """A used data folder: n cases, a manual backup, today's automatic backup done."""
    data_dir.mkdir(parents=True, exist_ok=True)
    svc = Service(data_dir=data_dir, user="测试员")
    numbers = [svc.cases.create({"applicant": f"测试人{i:02d}", "applied_on": "2025-09-01", "unit": "某镇民政办",
                                 "form": {"matter": "事项" * 200, "facts_reasons": "事实" * 300}},
                                policy="puyang-2024")["number"] for i in range(n)]
    svc.cases.backup()
    svc.close()
    svc = Service(data_dir=data_dir, user="测试员")  # the day's first open with cases: automatic backup
    assert svc.cases.count() == n
    svc.close()
    return numbers


def one_line_error(proc) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip().count("\n") == 0, proc.stderr
    return proc.stderr


# -- mounts (root only; CI runs as root and must not skip) ---------------------------------------------------
@pytest.fixture
def tmpfs(tmp_path):
    mounted = []

    def mount(size: str) -> Path:
        point = tmp_path / f"mnt-{len(mounted)}"
        point.mkdir()
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            why = f"cannot mount a tmpfs here ({proc.stderr.strip() or 'not root'})"
            if os.environ.get("CI") == "true":
                pytest.fail(why + "; CI runs as root and must test a full disk and a read-only folder")
            pytest.skip(why)
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True, capture_output=True)


# -- read-only data folder -------------------------------------------------------------------------------------
def test_read_only_data_folder(tmpfs):
    point = tmpfs("8m")
    data_dir = point / "data"
    numbers = make_data(data_dir, 3)
    from mianze_desktop.gui.state import UiState

    state = UiState(data_dir)
    state.setup_done = True
    state.sync()
    before = folder_state(data_dir)
    remount_read_only(point)

    svc = Service(data_dir=data_dir, user="测试员")
    with pytest.raises(StoreError) as info:
        svc.cases.list()
    assert isinstance(info.value, ServiceError) and "not writable" in str(info.value)
    assert str(data_dir) in str(info.value) and "\n" not in str(info.value)
    err = one_line_error(run_cli("case", "list", data_dir=data_dir, check=False))
    assert "not writable" in err and "Read-only" in err
    # the desktop app says so too (it used to take the unwritable lock file for "already running" and quit)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    gui = subprocess.run([sys.executable, "-m", "mianze_desktop.gui.app", "--data-dir", str(data_dir),
                          "--exit-when-shown"], capture_output=True, text=True, env=env, timeout=120)
    assert gui.returncode == 2 and "不可写" in gui.stderr and "Traceback" not in gui.stderr
    assert folder_state(data_dir) == before and len(numbers) == 3


# -- full disk --------------------------------------------------------------------------------------------------
def fill(point: Path, leave: int) -> Path:
    st = os.statvfs(point)
    filler = point / "filler.bin"
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return filler


def test_full_disk_refuses_the_change_and_keeps_everything_saved(tmpfs, tmp_path):
    from mianze_desktop.gui.drafts import DraftStore
    from mianze_desktop.store.backup import dump_rows

    point = tmpfs("3m")
    data_dir = point / "data"
    make_data(data_dir, 3)
    svc = Service(data_dir=data_dir, user="测试员")
    drafts = DraftStore(data_dir)
    assert drafts.save("case-1", {"form": {"remarks": "上一次的草稿"}})
    filler = fill(point, 40_000)

    def dump():
        with svc.cases.store.session():
            return dump_rows()

    saved = dump()
    failure = None
    for i in range(60):  # write until the disk refuses
        try:
            svc.cases.create({"applicant": f"填满{i}", "applied_on": "2025-09-01",
                              "form": {"facts_reasons": "长" * 6000}}, policy="puyang-2024")
            saved = dump()
        except ServiceError as exc:
            failure = exc
            break
    assert isinstance(failure, StorageFullError), failure
    assert "disk is full" in str(failure) and "\n" not in str(failure)
    assert dump() == saved  # the refused change left no trace
    record = svc.cases.get(1)
    with pytest.raises(StorageFullError):
        svc.cases.update(1, {"form": {"remarks": "备" * 19000}}, expected_version=record["version"])
    assert dump() == saved
    evidence = tmp_path / "evidence.bin"
    evidence.write_bytes(os.urandom(300_000))
    with pytest.raises(ServiceError, match="No space left"):
        svc.cases.attach(1, evidence)
    assert not [p for p in (data_dir / "attachments").rglob("*") if p.is_file()]  # no partial copy
    backups = sorted(p.name for p in (data_dir / "backups").iterdir())
    with pytest.raises(ServiceError):
        svc.cases.backup()
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == backups  # no partial backup
    assert drafts.save("case-1", {"form": {"remarks": "长" * 200_000}}) is None
    assert drafts.load("case-1")["form"]["remarks"] == "上一次的草稿"  # the previous draft is intact
    assert not list((data_dir / "drafts").glob("*.tmp"))
    svc.close()
    err = one_line_error(run_cli("case", "new", "--policy", "puyang-2024", "--json-file",
                                 _json(tmp_path, {"applicant": "命令行", "applied_on": "2025-09-01",
                                                  "form": {"facts_reasons": "长" * 6000}}),
                                 data_dir=data_dir, check=False))
    assert "disk is full" in err
    filler.unlink()  # space again: everything works and checks out
    svc = Service(data_dir=data_dir, user="测试员")
    try:
        svc.cases.create({"applicant": "有空间了", "applied_on": "2025-09-01"}, policy="puyang-2024")
        report = svc.cases.verify()
        assert report["ok"], report["problems"]
    finally:
        svc.close()
    con = sqlite3.connect(data_dir / "mianze.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def _json(tmp_path, value) -> Path:
    path = tmp_path / f"{uuid.uuid4().hex}.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


# -- damaged database file ---------------------------------------------------------------------------------------
def _root_page(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        con.close()


def _yesterday_marker(db: Path) -> None:
    """As if today's automatic backup were still to be made (the check before it must catch the damage)."""
    con = sqlite3.connect(db)
    con.execute("UPDATE setting SET value = '2000-01-01' WHERE key = 'last_auto_backup'")
    con.commit()
    con.close()


DAMAGES = {
    "cut in half": lambda b, db: b[: len(b) // 2 // PAGE * PAGE],
    "cut inside the header": lambda b, db: b[:50],
    "last page missing": lambda b, db: b[:-PAGE],
    "no SQLite header": lambda b, db: b"PK\x03\x04" + bytes(200) + b[204:],
    "first page zeroed": lambda b, db: b[:100] + bytes(PAGE - 100) + b[PAGE:],
    "empty file": lambda b, db: b"",
    "case table page garbled": lambda b, db: _garble_page(b, _root_page(db, "cases")),
}


def _garble_page(data: bytes, page: int) -> bytes:
    start = (page - 1) * PAGE
    return data[:start] + b"\xff" * 12 + data[start + 12:]


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_database_is_refused_untouched_and_recovered_from_the_newest_good_backup(tmp_path, damage):
    data_dir = tmp_path / "data"
    numbers = make_data(data_dir)
    from mianze_desktop.store.recovery import newest_good

    newest = newest_good(data_dir)["name"]
    db = data_dir / "mianze.db"
    if damage == "case table page garbled":
        _yesterday_marker(db)
    db.write_bytes(DAMAGES[damage](db.read_bytes(), db))
    damaged = db.read_bytes()
    backups_before = folder_state(data_dir / "backups")

    svc = Service(data_dir=data_dir, user="测试员")
    with pytest.raises(DamagedStoreError) as info:
        svc.cases.list()
    svc.close()
    message = str(info.value)
    assert str(db) in message and "restore" in message and "\n" not in message
    err = one_line_error(run_cli("case", "list", data_dir=data_dir, check=False))
    assert "damaged" in err or "empty" in err
    assert db.read_bytes() == damaged  # nothing further damaged …
    assert folder_state(data_dir / "backups") == backups_before  # … and no automatic backup pushed out

    proc = run_cli("db", "recover", data_dir=data_dir, check=False)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["cases"] == len(numbers) and Path(info["restored"]).name == newest
    kept = Path(info["damaged_copy"]) / "mianze.db"
    assert kept.read_bytes() == damaged  # the damaged file is kept, byte for byte
    svc = Service(data_dir=data_dir, user="测试员")
    try:
        assert sorted(c["number"] for c in svc.cases.list(limit=None)) == sorted(numbers)
        assert svc.cases.verify()["ok"]
        assert svc.cases.history(limit=None)[-1]["action"] == "restore"
    finally:
        svc.close()


def test_restore_named_backup_into_a_damaged_database_and_refusals(tmp_path):
    data_dir = tmp_path / "data"
    numbers = make_data(data_dir, 4)
    db = data_dir / "mianze.db"
    manual = next((data_dir / "backups").glob("mianze-backup-*.zip"))
    db.write_bytes(db.read_bytes()[:PAGE * 2])
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04not really a zip")
    err = one_line_error(run_cli("db", "restore", bad, data_dir=data_dir, check=False))
    assert "bad.zip" in err and db.stat().st_size == PAGE * 2  # a bad backup changes nothing
    proc = run_cli("db", "restore", manual, data_dir=data_dir)
    assert json.loads(proc.stdout)["cases"] == 4
    assert Service(data_dir=data_dir).cases.count() == len(numbers)
    err = one_line_error(run_cli("db", "recover", data_dir=data_dir, check=False))
    assert "nothing to recover" in err


def test_recovery_lists_backups_and_skips_damaged_ones(tmp_path):
    from mianze_desktop.store.recovery import list_backups, newest_good

    data_dir = tmp_path / "data"
    make_data(data_dir, 2)
    folder = data_dir / "backups"
    (folder / "auto-99991231-000000-000000.zip").write_bytes(b"garbage, but the newest name")
    backups = list_backups(data_dir)
    assert backups[0]["name"].startswith("auto-9999") and not backups[0]["ok"] and backups[0]["problem"]
    good = newest_good(data_dir)
    assert good["ok"] and good["cases"] == 2 and good["name"] != backups[0]["name"]


# -- the desktop app offers the newest good backup ----------------------------------------------------------------
@OFFSCREEN_LIMITS
def test_desktop_app_offers_to_restore_the_newest_good_backup(qtbot, start_app, tmp_path):  # noqa: F811
    from mianze_desktop.gui.state import UiState

    data_dir = tmp_path / "data"
    numbers = make_data(data_dir, 5)
    state = UiState(data_dir)
    state.setup_done = True
    state.sync()
    (data_dir / "backups" / "auto-99991231-000000-000000.zip").write_bytes(b"not a backup")
    db = data_dir / "mianze.db"
    db.write_bytes(db.read_bytes()[: PAGE * 3])
    damaged = db.read_bytes()

    ctx = start_app(data_dir)
    dialog = ctx.recovery_dialog
    assert ctx.window is None and dialog.isVisible()
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert rows[0][3].startswith("不可用") and any(r[3] == "完好" for r in rows)
    chosen = dialog.selected_backup()
    assert chosen["ok"] and chosen == next(b for b in dialog.backups if b["ok"])  # the newest good one
    assert "damaged" in dialog.findChild(type(dialog.message), "problemLabel").text()
    click(qtbot, dialog.restore_button)
    qtbot.waitUntil(lambda: ctx.window is not None and ctx.window.isVisible())
    assert ctx.window.model.rowCount() == len(numbers)
    kept = next((data_dir / "damaged").rglob("mianze.db"))
    assert kept.read_bytes() == damaged


def test_desktop_app_shows_the_recovery_dialog_in_a_real_process(tmp_path):
    from mianze_desktop.gui.state import UiState

    data_dir = tmp_path / "data"
    make_data(data_dir, 2)
    state = UiState(data_dir)
    state.setup_done = True
    state.sync()
    db = data_dir / "mianze.db"
    db.write_bytes(b"")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "mianze_desktop.gui.app", "--data-dir", str(data_dir),
                           "--exit-when-shown"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1])["shown"] == "RecoveryDialog"
    assert db.read_bytes() == b""
