"""Hostile ledgers, broken files, attachment names and answer files through the service (hypothesis):
only typed errors with a message, never a crash, the database unchanged; no formula from user text
ever reaches an exported workbook."""
from __future__ import annotations

import datetime as dt
import json
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.test_crash import load_script
from tests.store.helpers import run_cli, write_json

H = load_script("hostile_inputs")


def fast(n: int):
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A SQLite service that already holds two cases (what must stay untouched)."""
    from mianze_desktop.service import Service

    root = tmp_path_factory.mktemp("hostile")
    (root / "data").mkdir()
    svc = Service(data_dir=root / "data", user="测试员")
    ids = H.seed_cases(svc)
    # The first command of the day makes the automatic daily backup (and records it in a setting):
    # let that happen now, so the before/after dumps compare only what the hostile input could change.
    run_cli("case", "list", data_dir=root / "data")
    source = root / "evidence.bin"
    source.write_bytes(b"\x00evidence\xff" * 10)
    yield svc, ids, root, source
    svc.close()


# -- ledger workbooks -------------------------------------------------------------------------------
huge = st.builds(lambda ch, n: ch * n, st.sampled_from(["长", "A", "=", "\u202e", "\x01"]),
                 st.sampled_from([1000, 32767, 40000]))
cell = st.one_of(
    st.none(), st.text(max_size=30), huge, st.integers(min_value=-10 ** 20, max_value=10 ** 20),
    st.floats(allow_nan=False), st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.sampled_from(H.FORMULAS), st.sampled_from(H.FORMULAS).map(H.AsText),
    st.sampled_from(H.DATE_TEXTS + H.KNOWN), st.sampled_from([h for h in H.HEADERS if h]))
header = st.lists(st.sampled_from(H.HEADERS), max_size=20)
merge = st.tuples(st.integers(1, 30), st.integers(1, 20), st.integers(1, 4), st.integers(1, 8))
sheet = st.fixed_dictionaries({
    "title": st.text(max_size=40),
    "rows": st.builds(lambda title, head, body: title + [head] + body,
                      st.lists(st.lists(cell, max_size=3), max_size=2), header,
                      st.lists(st.lists(cell, max_size=20), max_size=20)),
    "merges": st.lists(merge, max_size=6), "hidden": st.booleans()})
plausible = st.builds(lambda seed, n: [{"title": "台账", "rows": [H.PLAUSIBLE_HEADER] + [
    H.plausible_row(random.Random(seed + i), i + 1) for i in range(n)]}], st.integers(0, 10 ** 9), st.integers(1, 6))
options = st.fixed_dictionaries({"skip_invalid": st.booleans(), "dry_run": st.booleans(),
                                 "policy": st.sampled_from([None, "weihai-2023", "puyang-2024"]),
                                 "error_report": st.booleans()})


@fast(60)
@given(st.one_of(st.lists(sheet, min_size=1, max_size=3), plausible), options)
def test_random_ledger_workbooks(seeded, sheets, opts):
    svc, _, root, _ = seeded
    path = H.build_workbook(root / "in.xlsx", sheets)
    opts = dict(opts, error_report=root / "report.xlsx" if opts["error_report"] else None)
    assert H.check_ledger_import(svc, path, opts) == []


@fast(40)
@given(st.sampled_from(["random", "empty", "truncated", "flipped", "zip", "badxml", "csv"]),
       st.sampled_from([".xlsx", ".xls", ".csv", ""]), st.integers(0, 2 ** 32))
def test_broken_ledger_files(seeded, kind, suffix, seed):
    from mianze_desktop.service.errors import ServiceError

    svc, _, root, _ = seeded
    good = H.build_workbook(root / "good.xlsx", [{"rows": [H.PLAUSIBLE_HEADER,
                                                           H.plausible_row(random.Random(seed), 1)]}])
    path = H.broken_file(kind, root / f"broken{suffix}", random.Random(seed), good)
    before = H.dump(svc)
    try:
        result = svc.ledger.import_file(path)
    except ServiceError as exc:  # the one-line message names the file
        assert str(path) in str(exc) and "\n" not in str(exc).strip()
    else:  # a bit flip may leave a readable workbook: then it is validated like any other
        assert result["refused"] or result["imported"] >= 0
        assert H.unchanged_except_new_cases(before, H.dump(svc), result["imported"]) == []
        return
    assert H.dump(svc) == before


def test_damaged_workbook_through_the_cli_is_one_line(seeded, tmp_path):
    _, _, root, _ = seeded
    good = H.build_workbook(tmp_path / "good.xlsx", [{"rows": [H.PLAUSIBLE_HEADER]}])
    bad = H.broken_file("badxml", tmp_path / "bad.xlsx", random.Random(1), good)
    proc = run_cli("ledger", "import", bad, data_dir=root / "data", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "damaged" in proc.stderr


# -- attachment names ---------------------------------------------------------------------------------
name_parts = st.sampled_from(["..", "/", "\\", ".", " ", "CON", "nul", "COM3", "LPT¹", "\u202e", "\u200f", "\x00",
                              "\x1f", "\x7f", ":", "*", "?", "<", "|", '"', "文件", "😀", "\u200d", "\ufeff", ".txt",
                              ".exe", "a" * 120, "长" * 90])
hostile_names = st.one_of(st.sampled_from(H.NASTY_NAMES), st.text(max_size=300),
                          st.lists(name_parts, min_size=1, max_size=8).map("".join))


@fast(120)
@given(hostile_names)
def test_hostile_attachment_names_are_stored_safely(seeded, name):
    svc, ids, _, source = seeded
    assert H.check_attachment(svc, ids[0], source, name) == []


@pytest.mark.parametrize("name, stored", [
    ("../../etc/passwd", "passwd"), ("..\\..\\Windows\\system32\\cmd.exe", "cmd.exe"), ("CON", "_CON"),
    ("nul.tar.gz", "_nul.tar.gz"), ("COM¹.txt", "_COM¹.txt"), ("x.txt\u202egpj.exe", "x.txtgpj.exe"),
    ("..", "attachment"), ("a:b*c?.txt", "a_b_c_.txt"), ("trailing. . .", "trailing"),
])
def test_attachment_names_known_answers(seeded, name, stored):
    svc, ids, _, source = seeded
    att = svc.cases.attach(ids[1], source, name=name)
    assert att["name"] == stored
    path = svc.cases.attachment_path(att["id"])
    assert path.parent == (svc.cases.store.attachments_dir / str(ids[1])).resolve()
    assert path.name.endswith(stored) and path.read_bytes() == source.read_bytes()


def test_long_cjk_and_emoji_names_fit_the_file_system(seeded):
    svc, ids, _, source = seeded
    for name in ("长" * 300 + ".pdf", "😀" * 150 + ".jpg"):
        att = svc.cases.attach(ids[1], source, name=name)
        path = svc.cases.attachment_path(att["id"])
        assert len(path.name.encode("utf-8")) <= 255 and att["name"].endswith(name[-4:])
    assert svc.cases.verify()["ok"]


# -- answer files -----------------------------------------------------------------------------------------
json_like = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
                         lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                 st.dictionaries(st.text(max_size=25), inner, max_size=5)),
                         max_leaves=20)
fact_ids = ["verified-per-rules", "applicant-concealed", "wrongly-granted", "duty-fulfilled-reported", "nope", ""]
answer_dicts = st.dictionaries(st.sampled_from(fact_ids), json_like, max_size=6)


@fast(50)
@given(st.one_of(json_like, answer_dicts), st.integers(0, 1))
def test_random_answers_through_the_service(seeded, answers, which):
    svc, ids, _, _ = seeded
    assert H.check_answers(svc, ids[which], answers) == []


@fast(6)
@given(st.one_of(json_like, st.fixed_dictionaries({"answers": answer_dicts}),
                 st.dictionaries(st.sampled_from(["answers", "form", "applicant", "applied_on", "candidates",
                                                  "tier", "x"]), json_like, max_size=4)))
def test_random_answer_files_through_case_update(seeded, value):
    svc, ids, root, _ = seeded
    path = write_json(root / "changes.json", value)
    before = H.dump(svc)
    proc = run_cli("case", "update", ids[0], "--json-file", path, data_dir=root / "data", check=False)
    assert proc.returncode in (0, 2) and "Traceback" not in proc.stderr
    if proc.returncode == 2:
        assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("mianze: error:")
        assert H.dump(svc) == before


def test_answer_file_that_is_not_json_or_not_utf8(seeded):
    svc, ids, root, _ = seeded
    before = H.dump(svc)
    for content in (b"\xff\xfe{\x00}", b"{\"answers\": {", b"\x00" * 10, "｛“answers”：｝".encode()):
        (root / "bad.json").write_bytes(content)
        proc = run_cli("case", "update", ids[0], "--json-file", root / "bad.json", data_dir=root / "data",
                       check=False)
        assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0 and "bad.json" in proc.stderr
    assert H.dump(svc) == before


# -- CSV / Excel injection -------------------------------------------------------------------------------------
INJECTIONS = ["=1+1", "+1+1", "-2+3", "@SUM(1,1)", '=HYPERLINK("http://example.invalid","点我")',
              "=cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _cells_and_formulas(path):
    """(every string cell as openpyxl reads it, number of <f> formula elements in the sheet XML)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    with zipfile.ZipFile(path) as zf:
        formulas = sum(zf.read(n).count(b"<f>") + zf.read(n).count(b"<f ") for n in zf.namelist()
                       if n.startswith("xl/worksheets/"))
    return cells, formulas


def test_user_text_that_looks_like_a_formula_is_exported_as_text(tmp_path):
    from mianze_desktop.service import Service

    (tmp_path / "data").mkdir()
    svc = Service(data_dir=tmp_path / "data", user="测试员")
    try:
        for i, text in enumerate(INJECTIONS):
            svc.cases.create({"number": f"{text}#{i}", "applicant": text, "unit": text, "position": "-科员",
                              "applied_on": "2025-09-0%d" % (i % 9 + 1),
                              "form": {"matter": text, "remarks": text}}, policy="puyang-2024")
        # and from a user's own ledger: cells typed as text that start like formulas
        sheet = [H.PLAUSIBLE_HEADER] + [["", f"导入-{i}", "2025-09-09", H.AsText(text), H.AsText(text), "乡镇",
                                         H.AsText(text), "第三条第（一）项", "", "濮民〔2024〕16号", H.AsText(text)]
                                        for i, text in enumerate(INJECTIONS[:6])]
        result = svc.ledger.import_file(H.build_workbook(tmp_path / "user.xlsx", [{"rows": sheet}]))
        assert result["imported"] == 6 and not result["errors"]
        assert svc.cases.get(result["ids"][0])["applicant"] == "=1+1"  # kept verbatim in the database
        out = svc.ledger.export(2025, out_path=tmp_path / "台账.xlsx")
        assert out["cases"] == len(INJECTIONS) + 6
    finally:
        svc.close()
    cells, formulas = _cells_and_formulas(tmp_path / "台账.xlsx")
    assert formulas == 0
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
    assert len(risky) >= 5 * len(INJECTIONS)  # number, applicant, unit/position, matter, remarks of each case
    assert all(c.data_type == "s" for c in risky)
    assert {"=1+1", "@SUM(1,1)", "=cmd|' /C calc'!A0"} <= {c.value for c in risky}


def test_import_error_report_never_turns_user_text_into_formulas(tmp_path):
    from mianze_desktop.service import Service

    (tmp_path / "data").mkdir()
    svc = Service(data_dir=tmp_path / "data", user="测试员")
    try:
        rows = [H.PLAUSIBLE_HEADER] + [["", H.AsText(text), H.AsText(text), H.AsText(text)] for text in INJECTIONS]
        result = svc.ledger.import_file(H.build_workbook(tmp_path / "bad.xlsx", [{"title": "=1+1", "rows": rows}]),
                                        error_report=tmp_path / "report.xlsx")
        assert result["refused"] and result["errors"]
    finally:
        svc.close()
    cells, formulas = _cells_and_formulas(tmp_path / "report.xlsx")
    assert formulas == 0
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@")
    assert json.dumps(result, ensure_ascii=False)  # the result itself is plain data
