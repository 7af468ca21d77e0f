"""Field groups (a merged label cell over several fields of an annex table) and the letters' signing body."""
from __future__ import annotations

import pytest
import yaml

from mianze_desktop import documents
from mianze_desktop.documents import layout as L
from mianze_desktop.documents.sample import long_text
from mianze_desktop.documents.values import context, resolve
from mianze_desktop.policy.registry import PolicyRegistry
from tests.conftest import REPO

from . import pdf
from .records import record_for

REGISTRY = PolicyRegistry()
WEIHAI = REGISTRY.get("weihai-2023")
LEFT = 28 * pdf.MM


def _group_of(pack, kind):
    """(group label, [field labels]) of the first group of a table document."""
    fields = {f.id: f for f in pack.application_form + pack.decision_form}
    grouped = [fields[fid] for fid in pack.document(kind).fields if fields[fid].group]
    assert grouped, f"{pack.id} {kind} declares no group"
    return grouped[0].group, [f.label for f in grouped if f.group == grouped[0].group]


def _word(words, text):
    hits = [w for w in words if w["text"] == text]
    assert len(hits) == 1, (text, [w["text"] for w in words])
    return hits[0]


def _left_column(words, right):
    """Words whose box lies left of ``right`` (points), top to bottom."""
    return [w for w in sorted(words, key=lambda w: (w["yMin"], w["xMin"])) if w["xMax"] <= right]


@pytest.mark.parametrize("filled", [False, True])
def test_group_label_printed_once_and_spanning_its_rows(tmp_path, filled):
    group, labels = _group_of(WEIHAI, "decision")
    out = tmp_path / "decision.pdf"
    documents.render(WEIHAI, "decision", record_for(WEIHAI) if filled else None, out)
    words = pdf.words(out, 1)
    first = [_word(words, label) for label in labels]
    group_right = min(w["xMin"] for w in first)  # the group cell is the column left of the field labels
    table_top = min(w["yMin"] for w in first) - L.TABLE_LEADING
    cell = [w for w in _left_column(words, group_right)
            if table_top < w["yMin"] < max(w2["yMax"] for w2 in first) + L.TABLE_LEADING]
    assert pdf.squeeze("".join(w["text"] for w in cell)) == group  # once, and nothing else in that column
    assert pdf.body_text(out).count(group) == 1
    assert min(w["xMin"] for w in cell) >= LEFT
    top, bottom = min(w["yMin"] for w in cell), max(w["yMax"] for w in cell)
    rows = sorted({round(w["yMin"]) for w in first})
    assert len(rows) >= 2, "the group's fields sit on one row"
    # the merged cell's text reaches from the first field row into the last one
    first_row = [w for w in first if round(w["yMin"]) == rows[0]]
    last_row = [w for w in first if round(w["yMin"]) == rows[-1]]
    assert top < max(w["yMax"] for w in first_row) and bottom > min(w["yMin"] for w in last_row)
    # the annex's layout: 单位 alone on the first row, 姓名 | 职务 sharing the next
    by_label = dict(zip(labels, first))
    assert [label for label in labels if round(by_label[label]["yMin"]) == rows[0]] == labels[:1]
    assert all(round(by_label[label]["yMin"]) == rows[1] for label in labels[1:])


@pytest.mark.parametrize("fid", ["unit", "name", "position"])
def test_long_grouped_value_flows_over_pages(tmp_path, fid):
    group, labels = _group_of(WEIHAI, "decision")
    record = record_for(WEIHAI)
    text = long_text(4000, seed=11)
    record["decision"]["form"][fid] = text
    out = tmp_path / "decision.pdf"
    pages = documents.render(WEIHAI, "decision", record, out)["pages"]  # no LayoutError
    assert pages >= 3
    value_x = _value_x(out, text)
    assert pdf.squeeze(text) in pdf.body_text(out, x_from=value_x)
    in_group = 0
    for page in range(1, pages + 1):
        left = pdf.squeeze("".join(w["text"] for w in _left_column(pdf.words(out, page), value_x)))
        if not any(label in left for label in labels):
            assert group not in left, page
            continue
        in_group += 1
        # the group's part of each page carries its own merged cell: the label once, 「（续）」 after page 1
        assert left.count(group) == 1, (page, left)
        assert (f"{group}（续）" in left) == (page > 1), (page, left)
    assert in_group >= 3


def _value_x(out, value: str) -> float:
    """Left edge of the value cells (points): where ``value``'s first line starts on page 1, less a point."""
    head = pdf.squeeze(value)[:6]
    return min(w["xMin"] for w in pdf.words(out, 1) if head in w["text"]) - 1


def _grouped_test_pack(tmp_path):
    """The test pack with its decision's three long fields in one group (a generic pack, not a seed)."""
    data = yaml.safe_load((REPO / "tests" / "data" / "minimal_pack.yaml").read_text(encoding="utf-8"))
    for f in data["decision_form"]:
        if f["id"] in ("investigated_facts", "basis", "conclusion"):
            f["group"] = "认定情况"
    path = tmp_path / "grouped.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return REGISTRY.get(str(path))


def test_group_of_long_fields_in_any_pack(tmp_path):
    pack = _grouped_test_pack(tmp_path)
    record = record_for(pack, long_field="basis", long_chars=6000)
    out = tmp_path / "decision.pdf"
    pages = documents.render(pack, "decision", record, out)["pages"]
    assert pages >= 3
    values = pdf.body_text(out, x_from=_value_x(out, record["decision"]["form"]["investigated_facts"]))
    for fid in ("investigated_facts", "basis", "conclusion"):
        assert pdf.squeeze(record["decision"]["form"][fid]) in values, fid
    raw = pdf.body_text(out)
    assert raw.count("认定情况（续）") >= pages - 2
    blank = tmp_path / "blank.pdf"
    documents.render(pack, "decision", None, blank)
    assert pdf.body_text(blank).count("认定情况") == 1


def _letter(pack):
    return next(d for d in pack.documents if d.layout == "letter" and "{signing_body}" in d.body)


@pytest.mark.parametrize("pid", ["weihai-2023", "puyang-2024"])
def test_signing_body_is_the_approving_body_else_the_deciding_body(pid):
    pack = REGISTRY.get(pid)
    doc = _letter(pack)
    record = record_for(pack)
    record["decision"]["approving_body"] = record["decision"]["form"]["approving_body"] = "测试区民政局"
    assert resolve("signing_body", context(pack, doc, record), record, doc) == "测试区民政局"
    record["decision"].pop("approving_body")
    record["decision"]["form"].pop("approving_body")
    assert resolve("signing_body", context(pack, doc, record), record, doc) == pack.procedure.deciding_body
    assert context(pack, doc, None)["signing_body"] == pack.procedure.deciding_body


@pytest.mark.parametrize("pid", ["weihai-2023", "puyang-2024"])
def test_letters_sign_with_the_approving_body(tmp_path, pid):
    pack = REGISTRY.get(pid)
    doc = _letter(pack)
    record = record_for(pack)
    record["decision"]["approving_body"] = record["decision"]["form"]["approving_body"] = "中共测试区纪委"
    out = tmp_path / "letter.pdf"
    documents.render(pack, doc.kind, record, out)
    lines = [pdf.squeeze(x) for x in pdf.lines_of(out)]
    date = next(i for i in range(len(lines) - 1, -1, -1) if lines[i].endswith("日"))
    assert lines[date - 1] == "中共测试区纪委"  # the 署名 right above the 成文日期


def test_sample_decisions_name_real_approving_bodies_and_letters_sign_with_them(data_dir, tmp_path):
    from mianze_desktop.service import Service

    svc = Service(data_dir=data_dir)
    try:
        result = svc.cases.load_samples()
        decided = [r for r in (svc.cases.get(c["id"]) for c in result["cases"]) if r["decision"]]
        assert len(decided) >= 10
        for record in decided:
            pack = svc.policies.get(record["policy"])
            body = record["decision"]["approving_body"]
            assert body and body != pack.procedure.deciding_body, (record["number"], body)
        signed = 0
        for record in decided:
            pack = svc.policies.get(record["policy"])
            if record["status"] not in ("notify", "archive") or not any(
                    d.layout == "letter" and "{signing_body}" in d.body for d in pack.documents):
                continue
            doc = _letter(pack)
            out = tmp_path / f"{record['id']}.pdf"
            svc.documents.render_case(record["id"], doc.kind, out)
            lines = [pdf.squeeze(x) for x in pdf.lines_of(out)]
            date = next(i for i in range(len(lines) - 1, -1, -1) if lines[i].endswith("日"))
            assert lines[date - 1] == record["decision"]["approving_body"], record["number"]
            signed += 1
        assert signed >= 4
    finally:
        svc.close()
