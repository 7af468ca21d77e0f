"""Real PDFs from the real packs, read back with poppler."""
from __future__ import annotations

import pytest

from mianze_desktop import documents
from mianze_desktop.documents import layout
from mianze_desktop.documents.values import DocumentError
from mianze_desktop.policy.registry import PolicyRegistry
from tests.conftest import REPO

from . import pdf
from .records import record_for, stress_text

REGISTRY = PolicyRegistry()
PACKS = {p.id: p for p in REGISTRY.all()}
PACKS["testcity-2025"] = REGISTRY.get(str(REPO / "tests" / "data" / "minimal_pack.yaml"))
ALL_DOCS = [(pid, d.kind) for pid, pack in sorted(PACKS.items()) for d in pack.documents]
NO_START = "，。、；：！？）》”’"
NO_END = "（《“‘"


def test_both_policies_declare_documents():
    assert {"weihai-2023", "puyang-2024"} <= set(PACKS)
    assert len([k for p, k in ALL_DOCS if p in ("weihai-2023", "puyang-2024")]) >= 5


@pytest.mark.parametrize("pid,kind", ALL_DOCS)
def test_blank_form_of_every_document_prints(tmp_path, pid, kind):
    pack = PACKS[pid]
    doc = pack.document(kind)
    out = tmp_path / f"{kind}.pdf"
    result = documents.render(pack, kind, None, out)
    assert result["pages"] >= 1 and out.is_file()
    meta = pdf.info(out)
    assert meta["Page size"].startswith("595.276 x 841.89") and int(meta["Pages"]) == result["pages"]
    text = pdf.body_text(out)
    assert pdf.squeeze(doc.title) in text
    if doc.layout == "table":
        fields = {f.id: f for f in pack.application_form + pack.decision_form}
        for n, fid in enumerate(doc.fields):
            # a leading date prints as 年 月 日 above the table; a date after a signature cell is its 年 月 日 line
            merged = fields[fid].type == "date" and (n == 0 or fields[doc.fields[n - 1]].signature)
            assert merged or fields[fid].label[:4] in text, fields[fid].label
    for row in pdf.fonts(out):
        assert row["emb"] == "yes", row["line"]
    assert "— 1 —" in pdf.raw_text(out)


@pytest.mark.parametrize("pid,kind", ALL_DOCS)
def test_every_field_round_trips(tmp_path, pid, kind):
    pack = PACKS[pid]
    doc = pack.document(kind)
    long_field = next((f for f in ("investigated_facts", "facts_reasons") if f in doc.fields), None)
    record = record_for(pack, long_field=long_field, long_chars=5000)
    out = tmp_path / f"{kind}.pdf"
    documents.render(pack, kind, record, out)
    text = pdf.body_text(out)
    expected = []
    for fid in doc.fields:
        field = next(f for f in pack.application_form + pack.decision_form if f.id == fid)
        value = (record["decision"]["form"] if fid in {f.id for f in pack.decision_form} else record["form"])[fid]
        if field.type == "date":
            value = layout.cn_date(value)
        elif fid.endswith("number"):
            value = layout.doc_number(value)
        expected.append((fid, str(value)))
    for name in ("applicant", "unit_position", "matter", "basis", "conclusion", "outcome_label"):
        if "{" + name + "}" in doc.body:
            source = record["decision"] if name in ("basis", "conclusion", "outcome_label") else record["form"]
            expected.append((name, str(source.get(name) or record["decision"].get(name))))
    assert expected
    values_only = pdf.body_text(out, x_from=pdf.VALUE_COLUMN_X) if doc.layout == "table" else text
    for fid, value in expected:
        # values are read from the value cells alone: on continued pages the label column says 「…（续）」
        assert pdf.squeeze(value) in values_only, f"{fid} lost in {kind}"
    if long_field:
        assert len(pdf.squeeze(record["decision"]["form"].get(long_field) or record["form"][long_field])) == 5000
        assert pdf.info(out)["Pages"] != "1"


def test_long_investigated_facts_flow_over_pages_with_repeated_label(tmp_path):
    pack = PACKS["weihai-2023"]
    record = record_for(pack, long_field="investigated_facts", long_chars=5000)
    out = tmp_path / "decision.pdf"
    pages = documents.render(pack, "decision", record, out)["pages"]
    assert pages >= 3
    raw = pdf.raw_text(out)
    assert raw.count("调查事实（续）") >= pages - 2  # the continued label heads the next pages
    for n in range(1, pages + 1):
        assert f"— {n} —" in raw


def test_page_geometry_and_page_numbers(tmp_path):
    pack = PACKS["weihai-2023"]
    record = record_for(pack, long_field="investigated_facts", long_chars=5000)
    for kind in ("decision", "notice"):
        out = tmp_path / f"{kind}.pdf"
        documents.render(pack, kind, record if kind == "decision" else _with_long_conclusion(record), out)
        first = [w for w in pdf.words(out, 1) if w["text"] not in ("—", "1")]
        assert abs(min(w["xMin"] for w in first) - 28 * pdf.MM) <= 1 * pdf.MM
        assert abs(min(w["yMin"] for w in first) - 37 * pdf.MM) <= 1 * pdf.MM
        assert max(w["xMax"] for w in first) <= (28 + 156) * pdf.MM + 0.5 * pdf.MM
        assert max(w["yMax"] for w in first) <= (37 + 225) * pdf.MM + 0.5 * pdf.MM
        assert int(pdf.info(out)["Pages"]) >= 2
        for page in (1, 2):
            dash = [w for w in pdf.words(out, page) if w["text"] == "—"]
            number = [w for w in pdf.words(out, page) if w["text"] == str(page)]
            assert len(dash) == 2 and number, page
            assert number[0]["yMin"] > (37 + 225) * pdf.MM  # below the 版心
            if page % 2:  # odd: right, one character (14 pt) in from the edge
                assert abs(max(d["xMax"] for d in dash) - ((28 + 156) * pdf.MM - 14)) < 2
            else:
                assert abs(min(d["xMin"] for d in dash) - (28 * pdf.MM + 14)) < 2


def _with_long_conclusion(record, text=None):
    rec = dict(record)
    decision = dict(rec["decision"])
    decision["conclusion"] = text or stress_text(3000)
    decision["form"] = dict(decision["form"], conclusion=decision["conclusion"])
    rec["decision"] = decision
    return rec


def test_letter_body_has_28_characters_per_line(tmp_path):
    pack = PACKS["weihai-2023"]
    body = "社会救助" * 200
    out = tmp_path / "notice.pdf"
    documents.render(pack, "notice", _with_long_conclusion(record_for(pack), body), out)
    lines = [line for line in pdf.lines_of(out) if set(line) <= set("社会救助")]
    assert len(lines) > 10 and all(len(line) == 28 for line in lines[:-1])


@pytest.mark.parametrize("kind", ["notice", "decision"])
def test_no_forbidden_punctuation_at_line_start_or_end_in_10000_characters(tmp_path, kind):
    pack = PACKS["weihai-2023"]
    text = stress_text(10000)
    out = tmp_path / f"{kind}.pdf"
    record = _with_long_conclusion(record_for(pack), text)
    documents.render(pack, kind, record, out)
    x_from = pdf.VALUE_COLUMN_X if kind == "decision" else None  # the table's value column
    lines = [pdf.squeeze(line) for line in pdf.lines_of(out, x_from)]
    joined = "".join(lines)
    target = pdf.squeeze(text)
    at = joined.find(target)
    assert at >= 0
    starts, pos = [], 0
    for line in lines:
        if at < pos < at + len(target):
            starts.append(pos)  # a line break inside the stress text
        pos += len(line)
    assert len(starts) > 300
    bad = [joined[b - 3:b + 3] for b in starts if joined[b] in NO_START or joined[b - 1] in NO_END]
    assert bad == []


def test_missing_optional_field_prints_blank(tmp_path):
    pack = PACKS["weihai-2023"]
    record = record_for(pack, drop=("remarks", "party_org", "party_org_opinion"))
    del record["remarks"]
    out = tmp_path / "app.pdf"
    documents.render(pack, "application_form", record, out)
    text = pdf.body_text(out)
    assert "备注" in text and "所在党组织意见" in text and "（盖章）" in text
    assert "测试备注" not in text
    assert pdf.squeeze(record["form"]["facts_reasons"]) in text


def test_missing_required_field_is_a_clear_error_and_writes_nothing(tmp_path):
    pack = PACKS["weihai-2023"]
    record = record_for(pack)
    record["decision"]["form"]["investigated_facts"] = ""
    record["decision"].pop("investigated_facts", None)
    out = tmp_path / "decision.pdf"
    out.write_bytes(b"earlier file")
    with pytest.raises(DocumentError) as err:
        documents.render(pack, "decision", record, out)
    assert "调查事实" in str(err.value) and "investigated_facts" in str(err.value) and "容错免责决定书" in str(err.value)
    assert out.read_bytes() == b"earlier file"
    assert [p.name for p in tmp_path.iterdir()] == ["decision.pdf"]  # no temporary file left behind


def test_case_without_decision_cannot_print_the_decision(tmp_path):
    pack = PACKS["puyang-2024"]
    record = record_for(pack)
    record["decision"] = None
    with pytest.raises(DocumentError, match="调查核实情况"):
        documents.render(pack, "report", record, tmp_path / "r.pdf")
    documents.render(pack, "application", record, tmp_path / "a.pdf")  # the application still prints


def test_unknown_document_kind(tmp_path):
    with pytest.raises(DocumentError, match="notice"):
        documents.render(PACKS["weihai-2023"], "nope", None, tmp_path / "x.pdf")


def test_choice_and_signature_cells(tmp_path):
    pack = PACKS["weihai-2023"]
    record = record_for(pack)
    record["form"]["applicant_type"] = "所在党组织"
    out = tmp_path / "app.pdf"
    documents.render(pack, "application_form", record, out)
    text = pdf.body_text(out)
    assert "□责任追究对象" in text and "■所在党组织" in text
    decision = tmp_path / "decision.pdf"
    documents.render(pack, "decision", record, decision)
    text = pdf.body_text(decision)
    date = layout.cn_date(record["decision"]["form"]["decided_on"])
    # the 批准机关 cell: the body's name, （盖章）, then the decision date on the 年月日 line
    assert pdf.squeeze(record["decision"]["form"]["approving_body"] + "（盖章）" + date) in text
    blank = tmp_path / "blank.pdf"
    documents.render(pack, "decision", None, blank)
    assert "（盖章）年月日" in pdf.body_text(blank)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mianze_desktop.service.errors import ServiceError  # noqa: E402

_TEXT = st.text(alphabet=st.characters(codec="gb2312", exclude_categories=("Cs",)) | st.sampled_from("\n\t 𠮷"),
                max_size=80)
_VALUE = st.one_of(st.none(), _TEXT, st.integers(), st.booleans(), st.lists(_TEXT, max_size=3),
                   st.dictionaries(st.sampled_from(["name", "x"]), _TEXT, max_size=2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.dictionaries(st.sampled_from(["applicant", "matter", "facts_reasons", "applied_on", "remarks",
                                             "applicant_type", "party_org_opinion", "unit_position"]), _VALUE),
       decision=st.one_of(st.none(), _TEXT, st.dictionaries(st.sampled_from(
           ["investigated_facts", "basis", "conclusion", "decided_on", "form", "outcome_label"]), _VALUE)),
       kind=st.sampled_from(["application_form", "decision", "notice"]))
def test_odd_records_print_or_give_a_clear_error(tmp_path, form, decision, kind):
    base = record_for(PACKS["weihai-2023"])
    base["form"].update(form)  # random values over a valid record, so that rendering gets far
    if isinstance(decision, dict):
        decision = dict(base["decision"], **decision)
    record = dict(base, decision=decision, applied_on=form.get("applied_on"))
    try:
        documents.render(PACKS["weihai-2023"], kind, record, tmp_path / "odd.pdf")
    except ServiceError as exc:  # DocumentError / FontError: one clear message
        assert str(exc).strip()


def test_letter_with_document_number_and_annex_note(tmp_path):
    """A pack letter (source decision) gets its 发文字号 under the title and a GB/T 9704 附件说明."""
    pack = PACKS["weihai-2023"]
    letter = pack.document("notice").model_copy(update={
        "kind": "decision_letter", "source": "decision",
        "body": "{applicant}：\n经调查，{conclusion}\n附件：{attachments}\n{deciding_body}\n{decided_on}"})
    pack = pack.model_copy(update={"documents": list(pack.documents) + [letter]})
    record = record_for(pack)
    record["decision"]["decision_number"] = record["decision"]["form"]["decision_number"] = "威民容决[2026]3号"
    long_name = "入户调查记录及邻里走访笔录（含照片）" * 2
    record["attachments"] = [{"id": 1, "name": "公示照片.jpg"}, {"id": 2, "name": long_name + ".pdf"}]
    out = tmp_path / "letter.pdf"
    documents.render(pack, "decision_letter", record, out)
    lines = pdf.lines_of(out)
    assert "威民容决〔2026〕3号" in lines
    first = next(i for i, line in enumerate(lines) if line.startswith("附件："))
    assert pdf.squeeze(lines[first]) == "附件：1.公示照片"
    assert pdf.squeeze(lines[first + 1]).startswith("2.入户调查记录")
    words = pdf.words(out, 1)
    one = next(w for w in words if w["text"].startswith("附件：1."))
    two = next(w for w in words if w["text"].startswith("2."))
    assert abs(one["xMin"] - (28 * pdf.MM + 2 * layout.PITCH)) < 1  # 左空二字
    assert abs(two["xMin"] - (one["xMin"] + 3 * layout.PITCH)) < 1.5  # 「2.」 under 「1.」
    below = [w for w in words if two["yMin"] + 10 < w["yMin"] < two["yMin"] + 40]
    assert below, "the long name wraps onto a second line"
    hang = min(w["xMin"] for w in below) - two["xMin"]
    assert 5 < hang < 20  # the wrapped line starts under the name, not under 「2.」 or at the margin
