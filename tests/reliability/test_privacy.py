"""Privacy (issue 9, point 6): no personal data in log files; exports go only where the user chooses.

A flow runs with an invented person (name, unit, phone, ID number, facts); afterwards no log file
in the data folder holds any of it. Every temporary file or folder the exports create is recorded
and must lie beside the chosen file (or inside the data folder), and nothing is left behind.
"""
from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import pytest

from mianze_desktop.service import Service, ServiceError
from tests.store.helpers import INVESTIGATORS, WEIHAI_CASE, case_data, run_cli, write_json

NAME = "邱明轩"  # invented
UNIT = "青石镇民政办"
PHONE = "13912345678"
ID_NUMBER = "370102199203154321"
FACT = "隐瞒其子在外省经营的石材厂收入"
LATIN = "Qiu Mingxuan"
SECRETS = (NAME, UNIT, PHONE, ID_NUMBER, FACT, LATIN)
CASE = case_data(WEIHAI_CASE, applicant=NAME, unit=UNIT, applied_on="2025-03-03",
                 form={**WEIHAI_CASE["form"], "facts_reasons": f"申请人{FACT}，联系电话{PHONE}，身份证{ID_NUMBER}。"})
OFFSCREEN = pytest.mark.qt_log_ignore(r"^This plugin does not support")


def _log_files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file() and ".log" in p.name]


@OFFSCREEN
def test_gui_log_never_holds_names_or_case_facts(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mianze_desktop.gui.app import start
    from mianze_desktop.gui.crash import install_excepthook
    from mianze_desktop.gui.state import UiState

    data = tmp_path / "data"
    data.mkdir()
    state = UiState(data)
    state.setup_done = True
    state.sync()
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    ctx = start(["--data-dir", str(data)])
    old_hook = sys.excepthook
    try:
        svc = ctx.service
        cid = svc.cases.create(CASE, policy="weihai-2023")["id"]
        ctx.window.refresh()
        case_window = ctx.window.open_case(cid)
        qtbot.waitUntil(lambda: case_window.isVisible())
        hook = install_excepthook(lambda: ctx.window)
        # a service error that names the person, as the GUI would meet it uncaught
        svc.cases.advance(cid, "accept", {"date": "2025-03-04"})
        try:
            svc.cases.add_investigator(cid, {"name": NAME, "unit": UNIT})
        except ServiceError:
            hook(*sys.exc_info())
        try:
            raise ValueError(f"cannot save '{LATIN}' of {UNIT}: {FACT} tel {PHONE} id {ID_NUMBER}")
        except ValueError:
            hook(*sys.exc_info())
        # and whatever a module might log about a case
        logging.getLogger("mianze_desktop.gui.case_window").warning("opened case of %s (%s)", NAME, PHONE)
        logging.getLogger("mianze_desktop.gui").error("save failed for %r", {"applicant": NAME, "facts": FACT})
        case_window.close()
    finally:
        sys.excepthook = old_hook
        ctx.window.close()
        ctx.close()
        for h in list(logging.getLogger("mianze_desktop").handlers):
            if getattr(h, "_mianze_gui", False):
                logging.getLogger("mianze_desktop").removeHandler(h)
                h.close()
    assert shown and any(NAME in text for text in shown)  # the user does see the message in the dialog
    logs = _log_files(data)
    assert logs, "the app wrote no log file"
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    assert "WorkflowError" in text and "ValueError" in text and "opened case of" in text
    leaked = [s for s in SECRETS if s in text]
    assert not leaked, f"personal data in {logs}: {leaked}"


def test_the_cli_writes_no_log_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    out = run_cli("case", "new", "--policy", "weihai-2023", "--json-file", write_json(tmp_path / "c.json", CASE),
                  data_dir=data)
    bad = run_cli("case", "advance", "1", "--to", "accept", "--json-file",
                  write_json(tmp_path / "bad.json", {"investigators": [{"name": NAME}]}), data_dir=data, check=False)
    assert out.returncode == 0 and bad.returncode == 2
    assert _log_files(data) == []


@pytest.fixture
def temp_places(monkeypatch):
    """Every folder that tempfile is asked to create files or folders in, during the test."""
    places: list[Path] = []
    real_inner, real_mkdtemp = tempfile._mkstemp_inner, tempfile.mkdtemp

    def inner(dir, pre, suf, flags, output_type):
        places.append(Path(dir).resolve())
        return real_inner(dir, pre, suf, flags, output_type)

    def mkdtemp(suffix=None, prefix=None, dir=None):
        places.append(Path(dir or tempfile.gettempdir()).resolve())
        return real_mkdtemp(suffix, prefix, dir)

    monkeypatch.setattr(tempfile, "_mkstemp_inner", inner)
    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    return places


def _decided_case(svc) -> int:
    cid = svc.cases.create(CASE, policy="weihai-2023")["id"]
    svc.cases.advance(cid, "accept", {"date": "2025-03-04"})
    svc.cases.advance(cid, "investigate", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]})
    svc.cases.advance(cid, "decide", {"date": "2025-03-14", "statement": {"content": "申辩"}, "decision": {
        "investigated_facts": FACT, "conclusion": "予以容错", "decision_number": "环纪容〔2025〕3号"}})
    return cid


def test_exports_go_only_where_the_user_chooses(tmp_path, temp_places):
    pytest.importorskip("openpyxl")
    data = tmp_path / "data"
    data.mkdir()
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    svc = Service(data)
    try:
        cid = _decided_case(svc)
        temp_places.clear()  # opening the store (its automatic backup) is not an export
        ledger = svc.ledger.export(2025, out_path=chosen / "台账.xlsx")
        assert ledger["cases"] == 1
        pdf = svc.documents.render_case(cid, "decision", chosen / "决定书.pdf")
        assert pdf["pages"] >= 1
        bad = tmp_path / "incoming" / "bad.xlsx"
        bad.parent.mkdir()
        from openpyxl import load_workbook

        wb = load_workbook(chosen / "台账.xlsx")
        ws = wb.worksheets[0]
        header = next(r for r in range(1, 10) if any(str(c.value or "") == "申请日期" for c in ws[r]))
        col = next(c.column for c in ws[header] if str(c.value or "") == "申请日期")
        ws.cell(header + 1, col).value = "2025年13月45日"
        ws.cell(header + 1, 1).value = "其他编号-1"
        wb.save(bad)
        temp_places.clear()
        report = svc.ledger.import_file(bad, error_report=chosen / "错误报告.xlsx")
        assert report["refused"] and Path(report["error_report"]).is_file()
        backup = svc.cases.backup(chosen)
        exported_places = list(temp_places)
    finally:
        svc.close()
    names = sorted(p.name for p in chosen.iterdir())
    assert names == sorted(["台账.xlsx", "决定书.pdf", "错误报告.xlsx", Path(backup["path"]).name]), names
    allowed = (chosen.resolve(), data.resolve())
    outside = [p for p in exported_places if not any(p == a or a in p.parents for a in allowed)]
    assert exported_places and not outside, f"temporary files outside the chosen folder and the data folder: {outside}"
    assert not [p for p in data.rglob("*") if p.name.startswith(".mianze-")]  # nothing left in the data folder


def test_a_failed_export_leaves_nothing_behind(tmp_path, temp_places, monkeypatch):
    pytest.importorskip("openpyxl")
    from openpyxl import Workbook

    data = tmp_path / "data"
    data.mkdir()
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    svc = Service(data)
    try:
        svc.cases.create(CASE, policy="weihai-2023")
        real_save = Workbook.save

        def save_then_fail(self, filename):
            real_save(self, filename)  # the whole file is written, then the disk "fills up"
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Workbook, "save", save_then_fail)
        with pytest.raises(ServiceError, match="cannot write the ledger"):
            svc.ledger.export(2025, out_path=chosen / "台账.xlsx")
    finally:
        svc.close()
    assert list(chosen.iterdir()) == []
    assert all(p == chosen.resolve() or chosen.resolve() in p.parents for p in temp_places)
