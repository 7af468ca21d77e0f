"""The matching engine, on the test pack and on both real packs."""
from __future__ import annotations

import pytest

from mianze_desktop.policy.engine import AnswerError, check
from mianze_desktop.policy.loader import load_pack_file
from mianze_desktop.policy.registry import PolicyRegistry
from tests.conftest import REPO


@pytest.fixture(scope="module")
def pack():
    return load_pack_file(REPO / "tests" / "data" / "minimal_pack.yaml")


@pytest.fixture(scope="module")
def registry():
    return PolicyRegistry()


def all_no(pack, **yes):
    answers = {f.id: False for f in pack.facts}
    answers.update({k.replace("_", "-"): v for k, v in yes.items()})
    return answers


def test_applicable_needs_all_facts_and_precondition(pack):
    r = check(pack, all_no(pack, duty_done=True, applicant_hid_income=True, checked_per_rules=True))
    assert (r.outcome, r.matched, r.complete) == ("exempt", ["applicable-1"], True)
    assert r.basis_text == "根据《关于测试市社会救助容错免责的办法》（测民发〔2025〕1号）第三条第（一）项之规定"
    r = check(pack, all_no(pack, duty_done=False, applicant_hid_income=True, checked_per_rules=True))
    assert r.matched == [] and r.outcome == "refused" and r.failed_preconditions == ["duty-done"]
    r = check(pack, all_no(pack, duty_done=True, applicant_hid_income=True))
    assert r.matched == [] and r.outcome == "refused"


def test_exclusion_overrides_a_match(pack):
    r = check(pack, all_no(pack, duty_done=True, applicant_hid_income=True, checked_per_rules=True, bribe=True))
    assert r.outcome == "refused" and r.outcome_role == "refused"
    assert r.excluded_by == ["exclusion-1"] and r.matched == [] and r.overridden == ["applicable-1"]
    assert r.allowed_outcomes == ["refused"]
    assert "第五条第（一）项" in r.basis_text


def test_mitigation_only_when_no_applicable_holds(pack):
    r = check(pack, all_no(pack, duty_done=True, typo_fixed=True))
    assert (r.outcome, r.matched) == ("reduced", ["mitigation-1"])
    assert "exempt" not in r.allowed_outcomes
    r = check(pack, all_no(pack, duty_done=True, typo_fixed=True, data_lag=True))
    assert (r.outcome, r.matched) == ("exempt", ["applicable-2"])


def test_catch_all_needs_justification_and_collective_review(pack):
    answers = all_no(pack, duty_done=True, other_ok=True)
    r = check(pack, answers)
    assert r.outcome is None and r.needs_justification == ["applicable-3"] and not r.complete
    r = check(pack, answers, justification="经集体研究，属于先行先试的情形，未造成损失。")
    assert r.matched == ["applicable-3"] and r.collective_review and r.outcome == "exempt"


def test_missing_facts_are_only_those_that_can_change_the_result(pack):
    r = check(pack, {})
    assert r.outcome is None and not r.complete
    assert r.missing_facts[0] == "bribe"  # exclusions are asked first
    assert set(r.missing_facts) == {f.id for f in pack.facts}
    # a match leaves only the exclusion facts open
    r = check(pack, {"duty-done": True, "data-lag": True})
    assert r.matched == ["applicable-2"] and r.missing_facts == ["bribe"] and not r.complete
    # focused on one candidate: only its facts (plus exclusions, preconditions)
    r = check(pack, {"bribe": False}, candidates=["applicable-1"])
    assert r.missing_facts == ["duty-done", "applicant-hid-income", "checked-per-rules"]
    # an exclusion decides everything: nothing else needs asking
    r = check(pack, {"bribe": True})
    assert r.complete and r.missing_facts == []


def test_bad_answers(pack):
    with pytest.raises(AnswerError, match="unknown fact id"):
        check(pack, {"no-such-fact": True})
    with pytest.raises(AnswerError, match="true, false or null"):
        check(pack, {"bribe": "yes"})
    with pytest.raises(AnswerError, match="unknown item"):
        check(pack, {}, candidates=["applicable-99"])


def all_facts(pack, item_id):
    return {f: True for f in pack.item(item_id).facts}


@pytest.mark.parametrize("pack_id", ["weihai-2023", "puyang-2024"])
def test_every_real_item_can_be_established_by_its_own_facts(registry, pack_id):
    pack = registry.get(pack_id)
    pre = {p.fact: True for p in pack.preconditions}
    for item in pack.items:
        answers = {f.id: False for f in pack.facts}
        answers.update(pre)
        answers.update(all_facts(pack, item.id))
        r = check(pack, answers, justification="经集体研究同意" if item.catch_all else "")
        if item.kind == "exclusion":
            assert item.id in r.excluded_by and r.outcome_role == "refused", item.id
        else:
            assert item.id in r.matched, (item.id, r)
            assert item.citation in r.basis_text


def test_weihai_thirteen_basis_text(registry):
    pack = registry.get("weihai-2023")
    answers = {f.id: False for f in pack.facts} | all_facts(pack, "applicable-13")
    r = check(pack, answers)
    assert r.outcome_label == "容错免责"
    assert r.basis_text == ("根据《关于健全社会救助工作容错纠错机制的通知》（威民发〔2023〕24号）"
                            "第三条第（十三）项之规定")


def test_puyang_precondition_and_exclusion_four(registry):
    pack = registry.get("puyang-2024")
    base = {f.id: False for f in pack.facts} | all_facts(pack, "applicable-5")
    pre = pack.preconditions[0].fact
    assert check(pack, base | {pre: True}).matched == ["applicable-5"]
    r = check(pack, base | {pre: False})
    assert r.matched == [] and pre in r.failed_preconditions
    r = check(pack, base | {pre: True} | all_facts(pack, "exclusion-4"))
    assert r.excluded_by == ["exclusion-4"] and r.outcome_label == "不予免责"
