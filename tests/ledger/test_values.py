"""Cell values the import understands: dates in every common form, units, items, outcomes, policies."""
from __future__ import annotations

import datetime as dt

import pytest

from mianze_desktop.ledger.columns import field_for_header, normalize_header
from mianze_desktop.ledger.import_ import split_unit_position
from mianze_desktop.ledger.values import PackIndex, PolicyResolver, code_value, parse_date

D = dt.date(2026, 3, 5)


@pytest.mark.parametrize("raw", [
    "2026年3月5日", "2026年03月05日", "2026 年 3 月 5 日", "2026.3.5", "2026.03.05", "2026-03-05", "2026/3/5",
    "20260305", "２０２６年３月５日", "２０２６－０３－０５", "二〇二六年三月五日", "2026-03-05 00:00:00",
    dt.datetime(2026, 3, 5, 0, 0), D, 46086, 46086.0, 20260305,
])
def test_dates_in_every_common_form(raw):
    assert parse_date(raw) == D


def test_chinese_numeral_days_above_ten():
    assert parse_date("二〇二五年十二月三十一日") == dt.date(2025, 12, 31)
    assert parse_date("2025年10月十日") == dt.date(2025, 10, 10)


@pytest.mark.parametrize("raw,needle", [
    ("2026年2月30日", "不是有效日期"), ("2026-13-01", "不是有效日期"), ("3月5日", "不是可识别的日期"),
    ("下周一", "不是可识别的日期"), ("1899-01-01", "年份"), (12.5, "不是日期"), (True, "不是日期"),
])
def test_bad_dates_say_why(raw, needle):
    with pytest.raises(ValueError) as info:
        parse_date(raw)
    assert needle in str(info.value)


def test_empty_date_is_none():
    assert parse_date(None) is None and parse_date("  ") is None


def test_codes_fold_full_width_and_spaces():
    assert code_value("示例－２０２６－０００１") == "示例-2026-0001"
    assert code_value(" 档-2026 -01 ") == "档-2026-01"
    assert code_value(20260001.0) == "20260001"


@pytest.mark.parametrize("raw,expected", [
    ("示例镇民政办 科员", ("示例镇民政办", "科员")),
    ("示例镇民政办科员", ("示例镇民政办", "科员")),
    ("示例镇民政办副主任", ("示例镇民政办", "副主任")),
    ("示例镇人民政府", ("示例镇人民政府", "")),
])
def test_unit_and_position_split(raw, expected):
    assert split_unit_position(raw) == expected


@pytest.mark.parametrize("header,field", [
    ("适用情形（条款）", "items"), ("申 请\n日 期", "applied_on"), ("案件编号", "number"), ("编号", "number"),
    ("单位及职务", "unit_position"), ("No.", "seq"), ("认定结果", "outcome"), ("档案号", "archive_number"),
    ("告知日期(送达)", "notified_on"), ("政策依据", "policy"),
])
def test_header_synonyms(header, field):
    assert field_for_header(header) == field


def test_unknown_header_is_not_guessed():
    assert field_for_header("联系电话") is None
    assert normalize_header("（注）") == ""


def test_items_by_citation_title_or_both(pack_a):
    idx = PackIndex(pack_a)
    assert idx.items("第三条第（十一）项 一般工作失误已纠正") == ["applicable-11"]
    assert idx.items("第三条第（十一）项") == ["applicable-11"]
    assert idx.items("一般工作失误已纠正") == ["applicable-11"]
    assert idx.items("第三条第（一）项 申请人隐瞒收入经办人已尽责\n第三条第（二）项；applicable-11") == [
        "applicable-1", "applicable-2", "applicable-11"]
    with pytest.raises(ValueError, match="找不到"):
        idx.items("第九条第（九）项 不存在的情形")


def test_outcomes_stages_tiers(pack_a):
    idx = PackIndex(pack_a)
    assert idx.outcome("予以免责") == "exempt" and idx.outcome("exempt") == "exempt"
    assert idx.outcome("从轻") == "lighter"
    with pytest.raises(ValueError, match="可选"):
        idx.outcome("表扬")
    assert idx.stage("归档") == "archived"
    assert idx.tier("乡镇") == "乡镇" and idx.tier("镇") == "乡镇" and idx.tier("县级") == "县"
    with pytest.raises(ValueError, match="层级"):
        idx.tier("省")


def test_policy_by_doc_number_id_title_region(pack_a, pack_b):
    r = PolicyResolver([pack_a, pack_b])
    assert r.resolve("示民发〔2025〕1号").id == "shili-2025"
    assert r.resolve("yangban-2024").id == "yangban-2024"
    assert r.resolve("《示例市社会救助工作容错纠错办法（试行）》（示民发〔2025〕1号）").id == "shili-2025"
    assert r.resolve("", number="样板县-2026-0003").id == "yangban-2024"
    with pytest.raises(ValueError, match="不是已知的政策"):
        r.resolve("某某〔2020〕9号")
    with pytest.raises(ValueError, match="无法确定"):
        r.resolve("", number="X-1")
    assert PolicyResolver([pack_a, pack_b], default=pack_b).resolve("", number="X-1").id == "yangban-2024"
    # no 政策 cell: the items named in 适用情形 decide when only one pack has them
    assert r.resolve("", number="X-1", items="第二条第（一）项 及时报告并整改").id == "yangban-2024"
    assert r.resolve("", number="X-1", items="一般工作失误已纠正").id == "shili-2025"
    with pytest.raises(ValueError, match="无法确定"):
        r.resolve("", number="X-1", items="第九条 不存在")


def test_every_item_of_the_built_in_packs_is_recognised_from_its_ledger_label():
    from mianze_desktop.ledger.values import item_label
    from mianze_desktop.policy.registry import PolicyRegistry

    packs = PolicyRegistry().all()
    assert {"weihai-2023", "puyang-2024"} <= {p.id for p in packs}
    resolver = PolicyResolver(packs)
    for pack in packs:
        assert resolver.resolve(pack.doc_number).id == pack.id
        idx = PackIndex(pack)
        for item in pack.items:
            assert idx.items(item_label(item)) == [item.id], item.id
        for outcome in pack.outcomes:
            assert idx.outcome(outcome.label) == outcome.id
        for stage in pack.procedure.stages:
            assert idx.stage(stage.label) == stage.id
