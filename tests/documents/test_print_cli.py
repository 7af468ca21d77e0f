"""`mianze print` run as a user would (subprocess), and printing a case saved in the real store."""
from __future__ import annotations

import json

import pytest

from mianze_desktop.documents.sample import long_text
from mianze_desktop.service import Service, UserError

from tests.cli_helpers import ok_json, refused, run_cli

from . import pdf

CASE = {  # invented people and places
    "applicant": "司马测试", "unit": "测试区某街道办事处", "position": "社会救助专干", "tier": "乡镇",
    "work_type": "低保", "applied_on": "2025-09-01",
    "form": {"accepting_body": "测试区民政局", "matter": "申请对象隐瞒务工收入导致错保",
             "facts_reasons": "申请对象隐瞒配偶省外务工收入，经办人员按规定入户调查、信息核对并公示，未发现异常。"},
    "answers": {"duty-fulfilled-reported": True, "applicant-concealed-fraud": True, "procedure-followed": True,
                "anomaly-not-detected": True},
    "candidates": ["applicable-1"],
}
INVESTIGATORS = [
    {"name": "测试甲", "unit": "测试区民政局", "position": "科长", "no_conflict_declared": True},
    {"name": "测试乙", "unit": "测试区纪检组", "position": "干部", "no_conflict_declared": True},
]


def mianze(*args, data_dir):
    return run_cli(*args, data_dir=data_dir, check=False)


def test_list_docs_json(data_dir):
    listed = ok_json(mianze("print", "--list-docs", "--policy", "weihai-2023", "--json", data_dir=data_dir))
    assert listed == [{"kind": "application_form", "title": "容错申请表"},
                      {"kind": "decision", "title": "容错免责决定书"},
                      {"kind": "notice", "title": "告知书"}]
    puyang = ok_json(mianze("print", "--list-docs", "--policy", "puyang-2024", "--json", data_dir=data_dir))
    assert {"书面认定报告", "认定结果反馈", "尽职免责申请书"} <= {d["title"] for d in puyang}


def test_blank_form(data_dir, tmp_path):
    out = tmp_path / "blank.pdf"
    result = ok_json(mianze("print", "--blank", "--policy", "weihai-2023", "--doc", "decision", "-o", out,
                            data_dir=data_dir))
    assert result["path"] == str(out) and result["pages"] == 1
    text = pdf.body_text(out)
    assert "容错免责决定书" in text and "调查事实" in text and "（盖章）" in text


def test_bad_input_is_one_line_exit_2(data_dir, tmp_path):
    refused(mianze("print", "--blank", "--policy", "weihai-2023", "--doc", "nope", "-o", tmp_path / "x.pdf",
                   data_dir=data_dir), "nope", "decision")
    refused(mianze("print", "--blank", "--policy", "weihai-2023", "--doc", "decision", data_dir=data_dir), "-o")
    refused(mianze("print", "--blank", "--doc", "decision", "-o", tmp_path / "x.pdf", data_dir=data_dir), "--policy")
    refused(mianze("print", "--list-docs", "--policy", "no-such-policy", data_dir=data_dir), "no-such-policy")
    refused(mianze("print", "--blank", "--policy", "weihai-2023", "--doc", "decision", "-o", tmp_path / "x.txt",
                   data_dir=data_dir), ".pdf")
    refused(mianze("print", "--blank", "--policy", "weihai-2023", "--doc", "decision", "-o",
                   tmp_path / "missing-folder" / "x.pdf", data_dir=data_dir), "missing-folder")
    assert not list(tmp_path.glob("*.pdf"))


def test_print_from_a_record_file_and_its_required_fields(data_dir, tmp_path):
    record = {"policy": "weihai-2023", "number": "测试-2026-0099", "applicant": "诸葛测试",
              "form": {"applicant": "诸葛测试", "accountability_body": "测试市纪委", "unit_position": "测试镇民政办主任",
                       "matter": "数据录入错误", "facts_reasons": "录入保障起始时间有误，已备案修正。"}}
    src = tmp_path / "case.json"
    src.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "app.pdf"
    ok_json(mianze("print", "--record", src, "--doc", "application_form", "-o", out, data_dir=data_dir))
    assert "诸葛测试" in pdf.body_text(out) and "录入保障起始时间有误" in pdf.body_text(out)
    refused(mianze("print", "--record", src, "--doc", "decision", "-o", tmp_path / "d.pdf", data_dir=data_dir),
            "调查事实", "investigated_facts")


def _decided_case(svc, facts: str) -> int:
    created = svc.cases.create(CASE, policy="puyang-2024")
    cid = created["id"]
    svc.cases.advance(cid, "accept", {"date": "2025-09-02"})
    svc.cases.advance(cid, "investigate", {"date": "2025-09-03", "investigators": INVESTIGATORS,
                                           "statement": {"content": "已按程序核查"}})
    svc.cases.advance(cid, "decide", {"date": "2025-09-10", "decision": {
        "outcome": "exempt", "investigated_facts": facts, "conclusion": "予以免责", "decision_number": "测民[2025]5号"}})
    return cid


def test_case_from_the_store(data_dir, tmp_path):
    svc = Service(data_dir=data_dir)
    try:
        facts = long_text(5000, seed=5)
        cid = _decided_case(svc, facts)
        record = svc.cases.get(cid)
        assert record["decision"]["investigated_facts"] == facts
        out = tmp_path / "report.pdf"
        result = svc.documents.render_case(cid, "report", out)
        assert result["pages"] >= 3
        values = pdf.body_text(out, x_from=pdf.VALUE_COLUMN_X)
        assert pdf.squeeze(facts) in values
        assert pdf.squeeze(record["decision"]["basis"]) in values and "测民〔2025〕5号" in values
        assert "2025年9月10日" in values  # the signature cell's 年 月 日 line
        app = tmp_path / "application.pdf"
        svc.documents.render_case(record["number"], "application", app)
        text = pdf.body_text(app)
        assert "司马测试" in text and "2025年9月1日" in text and CASE["form"]["matter"] in text
        with pytest.raises(UserError, match="no case"):
            svc.documents.render_case(999, "report", tmp_path / "none.pdf")
        undecided = svc.cases.create(CASE, policy="puyang-2024")["id"]
        with pytest.raises(UserError, match="调查核实情况"):
            svc.documents.render_case(undecided, "report", tmp_path / "undecided.pdf")
    finally:
        svc.close()
    cli_out = tmp_path / "feedback.pdf"
    ok_json(mianze("print", "--case", cid, "--doc", "feedback", "-o", cli_out, data_dir=data_dir))
    text = pdf.body_text(cli_out)
    assert "司马测试" in text and "予以免责" in text and "2025年9月10日" in text and "抄送" in text
