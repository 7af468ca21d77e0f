"""Shared helpers for the store tests: case data for the two seed packs, a CLI runner."""
from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import run_cli  # noqa: F401  (re-exported: the store tests import it from here)

REPO = Path(__file__).resolve().parents[2]
MINIMAL_PACK = REPO / "tests" / "data" / "minimal_pack.yaml"

WEIHAI_CASE = {
    "applicant": "张某某", "unit": "环翠区某街道办事处", "position": "社会救助专干", "tier": "乡镇",
    "work_type": "低保", "applied_on": "2026-03-02",
    "form": {"accountability_body": "环翠区纪委监委", "applicant_type": "责任追究对象",
             "matter": "低保对象隐瞒收入致错保",
             "facts_reasons": "申请人隐瞒其子在外省经营收入，经办人员按规定入户调查、邻里走访并公示后批准。"},
    "answers": {"verified-per-rules": True, "applicant-concealed": True, "wrongly-granted": True},
    "candidates": ["applicable-11"],
}

PUYANG_CASE = {
    "applicant": "杨某某", "unit": "华龙区某街道办事处", "position": "社会救助专干", "tier": "乡镇",
    "work_type": "低保", "applied_on": "2025-09-01",
    "form": {"accepting_body": "华龙区民政局", "matter": "申请人隐瞒务工收入骗取低保",
             "facts_reasons": "申请人隐瞒配偶省外务工收入，经办人员按规定入户调查、信息核对并公示，未发现异常。"},
    "answers": {"duty-fulfilled-reported": True, "applicant-concealed-fraud": True, "procedure-followed": True,
                "anomaly-not-detected": True},
    "candidates": ["applicable-1"],
}

INVESTIGATORS = [
    {"name": "刘某明", "unit": "区民政局", "position": "科长", "no_conflict_declared": True},
    {"name": "陈某华", "unit": "区纪委监委派驻纪检组", "position": "干部", "no_conflict_declared": True},
]


def case_data(base: dict, **changes) -> dict:
    data = json.loads(json.dumps(base))
    data.update(changes)
    return data




def cli_json(*args, **kwargs):
    return json.loads(run_cli(*args, **kwargs).stdout)


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path
