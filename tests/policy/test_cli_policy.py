"""The policy CLI contract, run as a user would: the installed ``mianze`` command."""
from __future__ import annotations

import json

import pytest

from tests.cli_helpers import ok_json, refused, run_cli
from tests.conftest import REPO

MINIMAL = REPO / "tests" / "data" / "minimal_pack.yaml"


def mianze(*args, data_dir):
    return run_cli(*args, data_dir=data_dir, check=False)


def test_policy_list(data_dir):
    packs = ok_json(mianze("policy", "list", "--json", data_dir=data_dir))
    by_id = {p["id"]: p for p in packs}
    assert by_id["weihai-2023"]["counts"] == {"applicable": 20, "mitigation": 0, "exclusion": 4}
    assert by_id["puyang-2024"]["counts"] == {"applicable": 12, "mitigation": 3, "exclusion": 8}
    assert by_id["weihai-2023"]["doc_number"] == "威民发〔2023〕24号"
    assert set(by_id["puyang-2024"]) >= {"id", "title", "doc_number", "valid_from", "valid_until", "counts"}


def test_policy_show_by_id_and_path(data_dir):
    pack = ok_json(mianze("policy", "show", "weihai-2023", "--json", data_dir=data_dir))
    item = next(i for i in pack["items"] if i["id"] == "applicable-13")
    assert set(item) >= {"id", "kind", "number", "text", "citation"}
    assert item["citation"] == "第三条第（十三）项" and item["number"] == 13
    by_path = ok_json(mianze("policy", "show", str(MINIMAL), "--json", data_dir=data_dir))
    assert by_path["id"] == "testcity-2025"


def test_policy_validate(tmp_path, data_dir):
    proc = mianze("policy", "validate", str(MINIMAL), data_dir=data_dir)
    assert proc.returncode == 0 and "ok" in proc.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.read_text(encoding="utf-8").replace("facts: [data-lag]", "facts: [nope]")
                      .replace("valid_from: 2025-01-10", "valid_from: 2025-02-30"), encoding="utf-8")
    proc = mianze("policy", "validate", str(broken), data_dir=data_dir)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{broken}:") for line in lines)
    assert any("valid_from" in line for line in lines) and any("unknown fact 'nope'" in line for line in lines)


def test_policy_import_then_listed(data_dir):
    ok_json(mianze("policy", "import", str(MINIMAL), "--json", data_dir=data_dir))
    ids = [p["id"] for p in ok_json(mianze("policy", "list", "--json", data_dir=data_dir))]
    assert "testcity-2025" in ids
    refused(mianze("policy", "import", str(MINIMAL), data_dir=data_dir), "already exists")


def test_policy_import_new_revision_replaces_and_builtin_is_protected(tmp_path, data_dir):
    ok_json(mianze("policy", "import", str(MINIMAL), "--json", data_dir=data_dir))
    newer = tmp_path / "newer.yaml"
    newer.write_text(MINIMAL.read_text(encoding="utf-8").replace("format_version: 1", "format_version: 1\nrevision: 2"),
                     encoding="utf-8")
    ok_json(mianze("policy", "import", str(newer), "--json", data_dir=data_dir))
    shown = ok_json(mianze("policy", "show", "testcity-2025", "--json", data_dir=data_dir))
    assert shown["revision"] == 2
    builtin = tmp_path / "weihai.yaml"
    builtin.write_text((REPO / "resources" / "policies" / "weihai-2023.yaml").read_text(encoding="utf-8")
                       .replace("revision: 1", "revision: 5"), encoding="utf-8")
    refused(mianze("policy", "import", str(builtin), data_dir=data_dir), "built-in")


def test_policy_import_invalid_changes_nothing(tmp_path, data_dir):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("doc_number: 测民发〔2025〕1号\n", ""), encoding="utf-8")
    proc = mianze("policy", "import", str(bad), data_dir=data_dir)
    assert proc.returncode == 2 and f"{bad}:" in proc.stderr and "doc_number" in proc.stderr
    assert not (data_dir / "policies").exists() or not list((data_dir / "policies").iterdir())


def test_suggest(data_dir):
    text = "低保户隐瞒了儿子在外地开店的收入，经办人入户调查并公示，没有发现，后来被举报。"
    ranked = ok_json(mianze("suggest", "--policy", "weihai-2023", "--text", text, "--top", "3", "--json",
                            data_dir=data_dir))
    assert len(ranked) == 3 and ranked[0]["item"] == "applicable-11"
    assert set(ranked[0]) >= {"item", "kind", "score"}
    assert ranked[0]["score"] >= ranked[1]["score"]


def test_check(tmp_path, data_dir):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"facts": {"duty-done": True, "data-lag": True, "bribe": False}}), encoding="utf-8")
    result = ok_json(mianze("check", "--policy", str(MINIMAL), "--answers", str(answers), "--json", data_dir=data_dir))
    assert set(result) >= {"outcome", "matched", "excluded_by", "missing_facts", "basis_text"}
    assert result["outcome"] == "exempt" and result["matched"] == ["applicable-2"]
    answers.write_text(json.dumps({"duty-done": True, "bribe": True}), encoding="utf-8")
    result = ok_json(mianze("check", "--policy", str(MINIMAL), "--answers", str(answers), "--json", data_dir=data_dir))
    assert result["outcome"] == "refused" and result["excluded_by"] == ["exclusion-1"]


@pytest.mark.parametrize("args,needle", [
    (["policy", "show", "nowhere-2099", "--json"], "unknown policy 'nowhere-2099'"),
    (["suggest", "--policy", "nowhere-2099", "--text", "x", "--json"], "unknown policy"),
    (["suggest", "--policy", "weihai-2023", "--text", "   ", "--json"], "text is empty"),
    (["suggest", "--policy", "weihai-2023", "--text", "x", "--top", "0"], "--top"),
    (["policy", "show", "/no/such/pack.yaml"], "no such policy pack file"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(args, needle, data_dir):
    refused(mianze(*args, data_dir=data_dir), needle)


def test_check_bad_answers(tmp_path, data_dir):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"no-such-fact": True}), encoding="utf-8")
    refused(mianze("check", "--policy", "weihai-2023", "--answers", str(answers), data_dir=data_dir),
                   "unknown fact id", "no-such-fact", str(answers))
    answers.write_text("{not json", encoding="utf-8")
    refused(mianze("check", "--policy", "weihai-2023", "--answers", str(answers), data_dir=data_dir),
                   "invalid JSON", f"{answers}:1")
    refused(mianze("check", "--policy", "weihai-2023", "--answers", str(tmp_path / "none.json"),
                          data_dir=data_dir), "cannot read")


def test_malformed_pack_as_policy_argument(tmp_path, data_dir):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    refused(mianze("suggest", "--policy", str(bad), "--text", "隐瞒收入", data_dir=data_dir),
                   str(bad), "invalid YAML")
