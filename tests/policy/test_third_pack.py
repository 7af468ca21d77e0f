"""A third city's policy, encoded from docs/policy-format.md alone, works end to end.

tests/data/qinghe-2025-容错免责办法.txt is an invented policy (青禾市, four outcome grades, a precondition that
governs applicable and mitigation items, a catch-all, optional 请示 and 复核 stages, working-day and calendar-day
deadlines, two annex forms); tests/data/qinghe-2025.yaml encodes it. The tests load it, check cases against it,
and open and carry a case with it through the `mianze` CLI as a user would.
"""
from __future__ import annotations

import json
import re

import pytest

from mianze_desktop.policy.engine import check
from mianze_desktop.policy.loader import PolicyError, load_pack_file, parse_pack
from mianze_desktop.policy.suggest import suggest
from tests.cli_helpers import ok_json, refused, run_cli
from tests.conftest import REPO
from tests.policy.test_packs import cn_number, squash

PACK = REPO / "tests" / "data" / "qinghe-2025.yaml"
SOURCE = REPO / "tests" / "data" / "qinghe-2025-容错免责办法.txt"
TEXT = PACK.read_text(encoding="utf-8")

NO_EXCLUSION = {"took-bribes": False, "favoured-relatives": False, "repeated-after-warning": False}
CONCEALED = {"applicant-concealed": True, "checked-per-rules": True, "still-not-found": True}


@pytest.fixture(scope="module")
def pack():
    return load_pack_file(PACK)


def test_loads_with_the_documents_counts_and_four_grades(pack):
    assert pack.counts() == {"applicable": 4, "mitigation": 2, "exclusion": 3}
    assert [o.role for o in pack.outcomes] == ["exempt", "lighter", "reduced", "refused"]
    assert pack.is_valid_on(pack.valid_from) and not pack.is_valid_on(pack.valid_until.replace(day=1, month=6))


def test_texts_are_verbatim_and_numbered_as_in_the_source(pack):
    source = squash(SOURCE.read_text(encoding="utf-8"))
    for item in pack.items:
        body = squash(item.text)
        assert body in source, item.id
        before = source[max(0, source.index(body) - 8):source.index(body)]
        assert re.search(rf"[（(]{cn_number(item.number)}[)）]$", before), (item.id, before)
    for text in (pack.scope.subjects, pack.preconditions[0].text, pack.procedure.escalation,
                 pack.procedure.appeal):
        assert squash(text) in source


def test_engine_precondition_governs_applicable_and_mitigation(pack):
    result = check(pack, {"duty-and-no-gain": True, **CONCEALED, **NO_EXCLUSION})
    assert (result.outcome, result.matched, result.complete) == ("exempt", ["applicable-1"], True)
    assert result.basis_text == ("根据《青禾市社会救助工作容错免责实施办法（试行）》（青民发〔2025〕8号）"
                                 "第四条第（一）项之规定")
    # 谋取私利: neither the applicable nor the mitigation items can hold
    failed = check(pack, {"duty-and-no-gain": False, **CONCEALED, "entry-calc-error": True,
                          "recovered-or-repaid": True, **NO_EXCLUSION})
    assert failed.matched == [] and failed.failed_preconditions == ["duty-and-no-gain"]


def test_engine_mitigation_allows_lighter_and_reduced(pack):
    answers = {f.id: False for f in pack.facts}
    answers.update({"duty-and-no-gain": True, "entry-calc-error": True, "recovered-or-repaid": True})
    result = check(pack, answers)
    assert (result.outcome, result.matched, result.complete) == ("reduced", ["mitigation-2"], True)
    assert set(result.allowed_outcomes) == {"lighter", "reduced", "refused"}


def test_engine_exclusion_overrides_and_catch_all_needs_justification(pack):
    result = check(pack, {"duty-and-no-gain": True, **CONCEALED, **NO_EXCLUSION, "repeated-after-warning": True})
    assert (result.outcome, result.excluded_by, result.overridden) == ("refused", ["exclusion-3"], ["applicable-1"])
    catch_all = {"duty-and-no-gain": True, "other-collective": True, **NO_EXCLUSION}
    waiting = check(pack, catch_all)
    assert waiting.outcome is None and waiting.needs_justification == ["applicable-4"]
    held = check(pack, catch_all, justification="经局党组集体研究，该情形属于其他可以容错免责的情形。")
    assert held.matched == ["applicable-4"] and held.collective_review


def test_suggestions_for_everyday_wording(pack):
    cases = {
        "洪水过后先给受灾户发了临时救助金，手续是后来补办的": "applicable-3",
        "把救助金额的小数点输错了，多发了两个月，已经追回来了": "mitigation-2",
        "村干部给自己亲戚办了人情保": "exclusion-2",
    }
    for text, expected in cases.items():
        assert expected in [r["item"] for r in suggest(pack, text, top=3)], text


# -- realistic authoring mistakes: each names the file, the changed line and the field ---------------------
MISTAKES = [
    # (what the author wrote, replacing what, expected field, words of the message)
    ("short_title：青禾市容错免责办法", "short_title: 青禾市容错免责办法", "(after title)", "ASCII colon"),
    ("    text: 注意: 同类错误经提醒后再次发生的。", "    text: 同类错误经提醒后再次发生的。", "items[8].text",
     "double quotes"),
    ("\tnumber: 2", "    number: 2", "items[1] (after kind)", "tab"),
    ("    title: 同类错误提醒后再犯\n　  synonyms: [再犯]", "    title: 同类错误提醒后再犯", "items[8] (after title)",
     "full-width space"),
    ("    kind: mitigaton", "    kind: mitigation", "items[4].kind", "'applicable', 'mitigation' or 'exclusion'"),
    ("    number: （三）", "    number: 3", "items[2].number", "valid integer"),
    ("    text:", "    text: 同类错误经提醒后再次发生的。", "items[8].text", "no value after the colon"),
    ("    facts: repeated-after-warning", "    facts: [repeated-after-warning]", "items[8].facts", "valid list"),
    ("[其他情形, 集体研究, yes]", "[其他情形, 集体研究, 另有规定]", "items[3].keywords[2]", "valid string"),
    ("issued_on: 2025/05/20", "issued_on: 2025-05-20", "issued_on", "date"),
    ("  recusal: 是", "  recusal: true", "procedure.recusal", "valid boolean"),
    ("days: 30, unit: 自然日", "days: 30, unit: calendar", "procedure.deadlines[1].unit", "'working' or 'calendar'"),
    ("requires: [archive_no]", "requires: [archive_number]", "procedure.stages[8].requires[0]", "archive_number"),
    ("  - fact: duty-done", "  - fact: duty-and-no-gain", "preconditions[0].fact", "unknown fact 'duty-done'"),
    ("fields: [name, unit_pos,", "fields: [name, unit_position,", "documents[1].fields[1]",
     "unknown form field 'unit_pos'"),
    ("认定为：{结果}。", "认定为：{outcome_label}。", "documents[2].body", "unknown placeholder {结果}"),
    ("{id: tier, label: 所在层级, type: choice, choices: [县级, 乡镇, 村], required: true}",
     "{id: tier, label: 所在层级, type: choice, choices: [县, 乡镇, 村], required: true}",
     "application_form[3].choices[0]", "'县级' is not in scope.tiers"),
    ("认定为：{outcome_label。", "认定为：{outcome_label}。", "documents[2].body", "without its '}'"),
    ("{id: tier, label: 所在层级, type: choice, required: true}",
     "{id: tier, label: 所在层级, type: choice, choices: [县, 乡镇, 村], required: true}", "application_form[3]",
     "no choices"),
]


@pytest.mark.parametrize("wrong,right,field,words", MISTAKES, ids=[m[2] for m in MISTAKES])
def test_realistic_mistake_names_file_line_and_field(wrong, right, field, words):
    assert TEXT.count(right) >= 1, right
    broken = TEXT.replace(right, wrong, 1)
    line = TEXT[:TEXT.index(right)].count("\n") + 1 + (1 if wrong.startswith("    title:") else 0)
    with pytest.raises(PolicyError) as info:
        parse_pack(broken, "qinghe.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert words in problem.message, str(problem)
    assert str(problem).startswith(f"qinghe.yaml:{line}: {field}: ")


# -- through the CLI, as an administrator and a caseworker would ------------------------------------------
def test_validate_and_check_through_the_cli(tmp_path, data_dir):
    proc = run_cli("policy", "validate", PACK, data_dir=data_dir)
    assert f"{PACK}: ok — qinghe-2025: 4 applicable, 2 mitigation, 3 exclusion items" in proc.stdout
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"duty-and-no-gain": True, **CONCEALED, **NO_EXCLUSION}), encoding="utf-8")
    result = ok_json(run_cli("check", "--policy", PACK, "--answers", answers, "--json", data_dir=data_dir))
    assert (result["outcome"], result["matched"], result["excluded_by"]) == ("exempt", ["applicable-1"], [])
    assert "第四条第（一）项" in result["basis_text"]
    broken = tmp_path / "broken.yaml"
    broken.write_text(TEXT.replace("  - fact: duty-and-no-gain", "  - fact: duty-done"), encoding="utf-8")
    refused(run_cli("check", "--policy", broken, "--answers", answers, data_dir=data_dir, check=False),
            f"{broken}:", "preconditions[0].fact", "unknown fact 'duty-done'")


def test_import_open_and_carry_a_case_through_the_cli(tmp_path, data_dir):
    def cli(*args):
        return run_cli(*args, data_dir=data_dir)

    def advance(case_id, stage, payload):
        path = tmp_path / f"{stage}.json"
        path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        return ok_json(cli("case", "advance", case_id, "--to", stage, "--json-file", path, "--json"))

    ok_json(cli("policy", "import", PACK, "--json"))
    application = tmp_path / "case.json"
    application.write_text(json.dumps({
        "applicant": "林某某", "unit": "青禾市东山县石桥镇人民政府", "position": "社会救助专干", "tier": "乡镇",
        "work_type": "低保", "applied_on": "2025-09-01",
        "form": {"matter": "救助金多发问责的容错免责申请",
                 "facts_reasons": "录入救助金额时把小数点输错了，多发了两个月，发现后已经全部追回。"},
        "answers": {f: False for f in ("applicant-concealed", "shared-data-faulty", "emergency-simplified",
                                       "other-collective", "overload-oversight", *NO_EXCLUSION)}
        | {"duty-and-no-gain": True, "entry-calc-error": True, "recovered-or-repaid": True},
    }, ensure_ascii=False), encoding="utf-8")
    opened = ok_json(cli("case", "new", "--policy", "qinghe-2025", "--json-file", application))
    case_id = str(opened["id"])
    record = ok_json(cli("case", "show", case_id, "--json"))
    assert (record["policy"], record["policy_revision"], record["status"]) == ("qinghe-2025", 1, "apply")
    assert record["form"]["unit"] == "青禾市东山县石桥镇人民政府"
    acceptance = next(d for d in record["deadlines"] if d["id"] == "acceptance")
    assert (acceptance["start"], acceptance["due"]) == ("2025-09-01", "2025-09-04")  # 3 working days

    advance(case_id, "accept", {"date": "2025-09-03"})
    people = [{"name": n, "unit": "东山县民政局", "position": "科员", "no_conflict_declared": True}
              for n in ("周某某", "吴某某")]
    advance(case_id, "investigate", {"date": "2025-09-05", "investigators": people,
                                     "statement": {"kind": "申辩", "speaker": "林某某", "content": "已全部追回。",
                                                   "heard_on": "2025-09-05"}})
    # 从轻 is one of this city's four grades: the engine gives 减轻, the decider may choose 从轻
    decided = advance(case_id, "decide", {"date": "2025-09-26", "decision": {
        "outcome": "lighter", "investigated_facts": "录入错误，已追回。", "conclusion": "从轻处理。",
        "decision_number": "东民容〔2025〕1号"}})
    assert decided["decision"]["outcome_label"] == "从轻处理"
    assert decided["decision"]["basis"].endswith("第五条第（二）项之规定")
    conclusion = next(d for d in decided["deadlines"] if d["id"] == "conclusion")
    assert (conclusion["due"], conclusion["overdue"]) == ("2025-10-03", False)  # 30 calendar days
    notified = advance(case_id, "notify", {"date": "2025-09-29", "notifications": [
        {"recipient": "林某某", "recipient_kind": "applicant", "notified_on": "2025-09-29"},
        {"recipient": "青禾市东山县石桥镇人民政府", "recipient_kind": "unit", "notified_on": "2025-09-29"}]})
    assert [s["id"] for s in ok_json(cli("case", "next", case_id, "--json"))] == ["review", "report"]
    assert notified["status"] == "notify"
    advance(case_id, "report", {"date": "2025-09-30", "report": {"recipient": "东山县纪委监委",
                                                                "reported_on": "2025-09-30"}})
    archived = advance(case_id, "archive", {"date": "2025-10-09", "archive_number": "东民容档-2025-001"})
    assert archived["status"] == "archive" and archived["decision"]["outcome"] == "lighter"
