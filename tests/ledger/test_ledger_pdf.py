"""The exported ledger opens and prints in LibreOffice (a stand-in for WPS and Excel)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from mianze_desktop.ledger.export import select_records, write_ledger
from tests.ledger.records import make_record


def tool(name):
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed; CI must run the LibreOffice check")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.mark.slow
def test_export_converts_to_pdf_in_libreoffice(tmp_path, pack_a, pack_b, packs):
    soffice, pdftotext, pdfinfo = tool("soffice"), tool("pdftotext"), tool("pdfinfo")
    recs = [make_record(i, pack_a if i % 3 else pack_b) for i in range(60)]
    xlsx = tmp_path / "台账.xlsx"
    write_ledger(xlsx, select_records(recs, 2026), packs, 2026, reporting_unit="示例市民政局")
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(xlsx)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "台账.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width > height  # landscape
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "2026年度社会救助容错免责工作台账" in text
    pages = text.split("\f")
    assert all("案件编号" in p for p in pages[:2] if p.strip())  # the header row repeats on every page
    assert "第 1 页" in text and "单位负责人" in text
    ledger_pages = [i for i, p in enumerate(pages) if "-2026-00" in p]
    assert len(ledger_pages) >= 2  # 60 cases need more than one page
    assert "样板-2026-0001" in text and "示例-2026-0060" in text  # the first and the last case
