"""The built-in packs encode their seed policies completely and verbatim."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mianze_desktop.policy.registry import PolicyRegistry
from tests.conftest import REPO, shared_path

SEEDS = REPO / "tests" / "data" / "seeds"
SEED_FILE = {"weihai-2023": "weihai-2023-容错纠错机制.txt", "puyang-2024": "puyang-2024-尽职免责机制.txt"}
EXPECTED_COUNTS = {
    "weihai-2023": {"applicable": 20, "mitigation": 0, "exclusion": 4},
    "puyang-2024": {"applicable": 12, "mitigation": 3, "exclusion": 8},
}
CN_NUM = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    tens, ones = divmod(n, 10)
    return CN_NUM[tens - 1] + "十" + (CN_NUM[ones - 1] if ones else "")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def registry():
    return PolicyRegistry()


@pytest.mark.parametrize("pack_id", sorted(EXPECTED_COUNTS))
def test_counts(registry, pack_id):
    assert registry.get(pack_id).counts() == EXPECTED_COUNTS[pack_id]


@pytest.mark.parametrize("pack_id", sorted(EXPECTED_COUNTS))
def test_every_item_is_verbatim_and_numbered_as_in_the_seed(registry, pack_id):
    pack = registry.get(pack_id)
    seed = squash((SEEDS / SEED_FILE[pack_id]).read_text(encoding="utf-8"))
    for item in pack.items:
        body = squash(item.text)
        assert body in seed, f"{item.id} is not verbatim"
        # the marker just before the text is the item's own number: （十三） or (十三)
        pos = seed.index(body)
        marker = cn_number(item.number)
        before = seed[max(0, pos - 8):pos]
        assert re.search(rf"[（(]{marker}[)）]$", before), f"{item.id}: text follows {before!r}"
        assert f"（{marker}）" in item.citation, f"{item.id}: citation {item.citation}"


@pytest.mark.parametrize("pack_id", sorted(EXPECTED_COUNTS))
def test_seed_copies_match_shared(pack_id):
    shared = shared_path("seeds", SEED_FILE[pack_id])
    assert shared.read_bytes() == (SEEDS / SEED_FILE[pack_id]).read_bytes()


def test_catch_all_items(registry):
    weihai, puyang = registry.get("weihai-2023"), registry.get("puyang-2024")
    assert [i.id for i in weihai.items if i.catch_all and i.kind == "applicable"] == ["applicable-20"]
    assert [i.id for i in puyang.items if i.catch_all and i.kind == "applicable"] == ["applicable-12"]


def test_procedures_and_deadlines(registry):
    weihai, puyang = registry.get("weihai-2023"), registry.get("puyang-2024")
    (notify,) = weihai.procedure.deadlines
    assert (notify.days, notify.unit) == (7, "working")
    assert weihai.stage(notify.start).role == "decide" and weihai.stage(notify.end).role == "notify"
    assert "责任追究机关" in weihai.procedure.appeal
    (conclusion,) = puyang.procedure.deadlines
    assert (conclusion.days, conclusion.unit) == (14, "working")
    assert puyang.stage(conclusion.start).role == "accept" and puyang.stage(conclusion.end).role == "decide"
    assert puyang.procedure.min_investigators == 2
    assert "report" in {s.role for s in puyang.procedure.stages}
    assert "archive" in {s.role for s in puyang.procedure.stages}
    assert puyang.preconditions[0].text == "已经履职尽责且能够及时报告并积极予以整改纠正"
    # 濮阳: 有效期两年 from issue
    assert (puyang.valid_until - puyang.valid_from).days in range(729, 732)
    # every stage is reachable from the initial stage
    for pack in (weihai, puyang):
        seen, todo = set(), [pack.procedure.initial_stage]
        while todo:
            s = todo.pop()
            if s not in seen:
                seen.add(s)
                todo += pack.stage(s).next
        assert seen == {s.id for s in pack.procedure.stages}


def test_weihai_annex_forms(registry):
    weihai = registry.get("weihai-2023")
    labels = [f.label for f in weihai.application_form]
    for label in ["责任追究机关", "申请主体", "申请党组织", "申请人", "单位及职务", "申请容错事项",
                  "主要事实及理由", "所在党组织意见", "备注"]:
        assert label in labels
    decision = weihai.document("decision")
    assert decision.title == "容错免责决定书" and decision.annex == "附件2"
    dlabels = [f.label for f in weihai.decision_form]
    for label in ["单位", "姓名", "职务", "调查事实", "容错依据", "容错结论", "批准机关"]:
        assert label in dlabels
    assert weihai.document("application_form").annex == "附件1"
