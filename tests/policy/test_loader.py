"""Broken packs are refused with file:line: field errors."""
from __future__ import annotations

import pytest

from mianze_desktop.policy.loader import PolicyError, load_pack_file, parse_pack
from tests.conftest import REPO

MINIMAL = (REPO / "tests" / "data" / "minimal_pack.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    return text[:pos].count("\n") + 1


def problems(text: str, path="city.yaml"):
    with pytest.raises(PolicyError) as info:
        parse_pack(text, path)
    return info.value.problems


def test_minimal_pack_is_valid():
    pack = parse_pack(MINIMAL, "minimal.yaml")
    assert pack.counts() == {"applicable": 3, "mitigation": 1, "exclusion": 1}


def test_bad_yaml_names_the_line():
    text = MINIMAL.replace("  - id: typo-fixed\n", "  - id: typo-fixed\n   bad: [unclosed\n")
    (p,) = problems(text)
    assert p.path == "city.yaml"
    assert p.line >= line_of(text, "bad: [unclosed")
    assert "invalid YAML" in p.message
    assert str(p).startswith(f"city.yaml:{p.line}: ")


def test_missing_field_names_line_and_field():
    text = MINIMAL.replace("    citation: 第三条第（二）项\n", "")
    (p,) = problems(text)
    assert p.field == "items[1].citation"
    assert p.message == "required field is missing"
    assert p.line == line_of(text, "- id: applicable-2")


def test_duplicate_item_id():
    text = MINIMAL.replace("  - id: applicable-2\n    kind: applicable\n    number: 2\n",
                           "  - id: applicable-1\n    kind: applicable\n    number: 1\n")
    ps = problems(text)
    assert any("duplicate id 'applicable-1'" in p.message and p.field == "items[1].id" for p in ps)
    dup = next(p for p in ps if "duplicate" in p.message)
    assert dup.line == line_of(text, "- id: applicable-1", 2)


def test_unknown_fact():
    text = MINIMAL.replace("facts: [data-lag]", "facts: [data-lagg]")
    (p,) = problems(text)
    assert "unknown fact 'data-lagg'" in p.message
    assert p.field == "items[1].facts[0]"
    assert p.line == line_of(text, "facts: [data-lagg]")


def test_bad_date():
    text = MINIMAL.replace("valid_until: 2026-12-31", "valid_until: 2026-13-45")
    (p,) = problems(text)
    assert p.field == "valid_until"
    assert p.line == line_of(text, "valid_until:")


def test_until_before_from():
    text = MINIMAL.replace("valid_until: 2026-12-31", "valid_until: 2024-12-31")
    (p,) = problems(text)
    assert "before valid_from" in p.message and p.field == "valid_until"


def test_id_must_match_kind_and_number():
    text = MINIMAL.replace("  - id: mitigation-1\n    kind: mitigation\n    number: 1\n",
                           "  - id: mitigation-1\n    kind: mitigation\n    number: 2\n")
    (p,) = problems(text)
    assert "does not match" in p.message and p.field.startswith("items[3]")


def test_unknown_key_is_an_error_not_ignored():
    text = MINIMAL.replace("    title: 数据滞后\n", "    title: 数据滞后\n    titel: 拼写错误\n")
    (p,) = problems(text)
    assert p.field == "items[1].titel" and "unknown field" in p.message
    assert p.line == line_of(text, "titel:")


def test_several_problems_reported_at_once():
    text = MINIMAL.replace("facts: [data-lag]", "facts: [nope]").replace("doc_number: 测民发〔2025〕1号\n", "")
    ps = problems(text)
    fields = {p.field for p in ps}
    assert "doc_number" in fields


def test_not_a_mapping_and_unreadable(tmp_path):
    (p,) = problems("- just\n- a list\n")
    assert "mapping" in p.message
    with pytest.raises(PolicyError) as info:
        load_pack_file(tmp_path / "missing.yaml")
    assert "cannot read" in str(info.value)
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("id: 测试".encode("gbk"))
    with pytest.raises(PolicyError) as info:
        load_pack_file(bad)
    assert "not UTF-8" in str(info.value)


def test_unreachable_stage_and_placeholders_and_mitigation_grade():
    text = MINIMAL.replace("{id: apply, label: 申请, role: apply, next: [accept]}",
                           "{id: apply, label: 申请, role: apply, next: [investigate]}")
    text = text.replace("  - {id: reduced, label: 减责, role: reduced}\n", "")
    text = text.replace("    title: 免责申请书\n", "    title: 免责申请书\n    body: 兹告知{applicant}：{outcom_label}\n")
    messages = {p.message for p in problems(text)}
    assert "stage 'accept' cannot be reached from the initial stage" in messages
    assert "the pack has mitigation items but no outcome with role 'reduced'" in messages
    assert "unknown placeholder {outcom_label}" in messages


def test_a_deadline_must_end_on_a_stage_every_case_passes():
    line = "    - {id: conclusion, label: 出具结论, start: accept, end: decide, days: 10, unit: working}\n"
    text = MINIMAL.replace(line, line.replace("end: decide", "end: escalate"))  # the optional 请示 stage
    (p,) = problems(text)
    assert p.line == line_of(text, "end: escalate") and p.field == "procedure.deadlines[0].end"
    assert "without passing stage 'escalate'" in p.message and "'archive'" in p.message
    same = MINIMAL.replace(line, line.replace("end: decide", "end: accept"))
    assert [p.message for p in problems(same)] == ["the deadline starts and ends at stage 'accept'"]
    parse_pack(MINIMAL.replace(line, line.replace("end: decide", "end: notify")))  # later, but always passed


def test_numeric_keywords_are_text():
    pack = parse_pack(MINIMAL.replace("keywords: [数据, 滞后, 核对]", "keywords: [数据, 12345, 核对]"))
    assert pack.item("applicable-2").keywords == ["数据", "12345", "核对"]


def test_the_example_in_policy_format_md_validates_as_is():
    doc = (REPO / "docs" / "policy-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 14."):]
    example = section[section.index("```yaml\n") + len("```yaml\n"):section.index("\n```", section.index("```yaml"))]
    pack = parse_pack(example, "policy-format.md#14")
    assert pack.id == "shili-2025"
    assert pack.counts() == {"applicable": 2, "mitigation": 1, "exclusion": 1}
