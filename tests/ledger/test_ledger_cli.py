"""``mianze ledger`` as a user runs it: JSON on stdout, exit 2 and one line on stderr when refused."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
import pytest

from tests.ledger import handmade
from tests.ledger.packs import PACK_A, PACK_B


def mianze(data_dir, *args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    cmd = [sys.executable, "-m", "mianze_desktop", "--data-dir", str(data_dir), *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    for name, text in (("a.yaml", PACK_A), ("b.yaml", PACK_B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert mianze(d, "policy", "import", tmp_path / name).returncode == 0
    return d


def test_import_then_export(tmp_path, data_dir):
    path = handmade.build(tmp_path / "hand.xlsx")
    proc = mianze(data_dir, "ledger", "import", path, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["imported"] == 5 and out["skipped_duplicates"] == [] and out["errors"] == []
    proc = mianze(data_dir, "ledger", "import", path, "--json")
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["skipped_duplicates"]) == 5
    xlsx = tmp_path / "out.xlsx"
    proc = mianze(data_dir, "ledger", "export", "--year", 2025, "--by", "decided", "--unit", "东城镇", "-o", xlsx,
                  "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["cases"] == 2 and summary["statistics"]["total"] == 2
    ws = openpyxl.load_workbook(xlsx)["台账"]
    assert [ws["B4"].value, ws["B5"].value] == ["示例-2025-001", "示例-2025-002"]


def test_refused_import_prints_json_and_exits_2(tmp_path, data_dir):
    path = handmade.build(tmp_path / "bad.xlsx", bad_date="2025年2月30日")
    proc = mianze(data_dir, "ledger", "import", path, "--json")
    assert proc.returncode == 2
    out = json.loads(proc.stdout)
    assert out["imported"] == 0 and out["errors"] == [{"sheet": "2025年台账", "row": 7, "column": "G 申请时间",
                                                        "reason": "“2025年2月30日”不是有效日期（2025年2月30日不存在）"}]
    assert len(proc.stderr.strip().splitlines()) == 1 and "nothing was imported" in proc.stderr
    proc = mianze(data_dir, "ledger", "import", path, "--skip-invalid", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["imported"] == 4


def test_dry_run_and_mapping(tmp_path, data_dir):
    path = handmade.build(tmp_path / "hand.xlsx")
    proc = mianze(data_dir, "ledger", "import", path, "--dry-run", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["valid_rows"] == 5
    proc = mianze(data_dir, "ledger", "mapping", path, "--json")
    cols = json.loads(proc.stdout)["sheets"][0]["columns"]
    assert {c["column"]: c["field"] for c in cols}["G"] == "applied_on"
    proc = mianze(data_dir, "ledger", "mapping", path, "--set", "M=remarks", "--set", "B=number", "--set",
                  "C=applicant", "--set", "G=applied_on", "--json")
    assert proc.returncode == 0, proc.stderr
    saved = json.loads(proc.stdout)
    assert saved["saved"] is True and saved["mapping_file"].endswith(f"{saved['fingerprint']}.json")
    proc = mianze(data_dir, "ledger", "import", path, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["imported"] == 5


@pytest.mark.parametrize("args,needle", [
    (("export", "--year", "2026", "-o", "x.txt"), ".xlsx"),
    (("export", "--year", "2026"), "required"),
    (("import", "missing.xlsx", "--json"), "no such file"),
    (("mapping", "missing.xlsx", "--set", "A"), "COLUMN=FIELD"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, data_dir, args, needle):
    proc = mianze(data_dir, "ledger", *args)
    assert proc.returncode == 2 and needle in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
