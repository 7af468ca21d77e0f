#!/usr/bin/env python3
"""Hostile input through the service: random ledger workbooks, broken files, attachment names, answers.

    python scripts/hostile_inputs.py [-n 300] [--seed S] [--json]

Every input goes through the real service (``svc.ledger.import_file``, ``svc.cases.attach``,
``svc.cases.update``) on a SQLite database that already holds cases. An input passes when
the service answers normally or raises a ServiceError with a message, and the database is
unchanged whenever nothing was meant to be written (compared as a dump of every table).
Anything else — another exception, a changed database, a file stored outside the managed
folder — counts as a crash. tests/reliability/test_hostile_input.py runs the same building
blocks with hypothesis; this script gives the figure for ``python -m benchmarks reliability``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import tempfile
import traceback
import unicodedata
import zipfile
from pathlib import Path

# -- building blocks shared with the tests ------------------------------------------------------------
FORMULAS = ["=1+1", "=SUM(A1:A3)", "=1/0", '=HYPERLINK("http://example.invalid","点我")', "=cmd|' /C calc'!A0",
            "+1+1", "-2+3", "@SUM(1,1)", "=A1", "=INDIRECT(\"A\"&ROW())", "=" + "(" * 50]
DATE_TEXTS = ["2025年2月30日", "2025-02-29", "20251301", "二〇二五年十三月一日", "２０２５年３月５日", "2025/3/5",
              "3/5/2025", "2025.13.01", "0000-00-00", "9999-12-31", "昨天", "1900-02-29", "2025年"]
KNOWN = ["予以免责", "从轻处理", "不予免责", "第三条第（一）项", "第三条第（十一）项；第三条第（九十九）项", "乡镇",
         "县级", "村", "街道", "威民发〔2023〕24号", "濮民〔2024〕16号", "已归档", "调查中", "是", "否", "#N/A",
         "#DIV/0!", "TRUE", "威海-2026-0001", "濮阳-2025-0001"]
HEADERS = ["序号", "案件编号", "编号", "申请日期", "申请时间", "申请人", "姓名", "单位及职务", "单位", "职务", "层级",
           "申请事项", "适用情形（条款）", "认定结果", "调查人员", "受理日期", "认定日期", "告知日期", "是否逾期",
           "办理状态", "归档号", "归档日期", "政策依据", "备注", "工作类别", "联系电话", "", None, "合计", "注："]
NASTY_NAMES = ["../../etc/passwd", "..\\..\\Windows\\system32\\cmd.exe", "/abs/path.txt", "C:\\boot.ini", "..",
               ".", "", " ", "CON", "con.txt", "NUL", "nul.tar.gz", "COM1", "com9.log", "LPT1.pdf", "AUX.", "PRN ",
               "COM¹.txt", "a" * 400, "长" * 300 + ".pdf", "😀" * 120 + ".jpg", "x.txt\u202egpj.exe",
               "invoice\u202efdp.exe", "\u200f\u200eabc.txt", "tab\there.txt", "new\nline.txt", "nul\x00byte.txt",
               "bell\x07.txt", "a:b*c?d\"e<f>g|h.txt", "...hidden", "trailing. . .", "name.", "ﾃｽﾄ.txt",
               "e\u0301cole.txt", "\ud800broken.txt", "$MFT", "desktop.ini", "a/../../b.txt", "....//....//x"]
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class AsText(str):
    """A cell the user typed as text (Excel's ' prefix): '=1+1' stays a string, not a formula."""


def _writable(value):
    """openpyxl refuses XML-illegal characters; write them the way Excel escapes them."""
    if isinstance(value, str):
        return ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def build_workbook(path: Path, sheets: list[dict]) -> Path:
    """sheets: [{"title", "rows": [[value, ...]], "merges": [(row, col, height, width)], "hidden": bool}]"""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    used_titles: set = set()
    for i, spec in enumerate(sheets or [{"rows": []}]):
        title = re.sub(r"[\\/*?:\[\]]", "_", str(spec.get("title") or f"Sheet{i + 1}"))[:31].strip("'") or f"S{i}"
        if title.lower() in used_titles:
            title = f"S{i}-{title}"[:31]
        used_titles.add(title.lower())
        ws = wb.create_sheet(title)
        for r, row in enumerate(spec.get("rows") or [], 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    cell = ws.cell(r, c, _writable(value))
                    if isinstance(value, AsText):
                        cell.data_type = "s"
        taken: set = set()
        for (r, c, h, w) in spec.get("merges") or []:
            cells = {(rr, cc) for rr in range(r, r + h) for cc in range(c, c + w)}
            if len(cells) > 1 and not cells & taken:
                taken |= cells
                ws.merge_cells(start_row=r, start_column=c, end_row=r + h - 1, end_column=c + w - 1)
        if spec.get("hidden") and i > 0:  # one sheet must stay visible
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def broken_file(kind: str, path: Path, rng: random.Random, good: Path | None = None) -> Path:
    """A file that is not a readable workbook: random bytes, a cut or bit-flipped xlsx, a bare zip…"""
    if kind == "random":
        path.write_bytes(rng.randbytes(rng.randint(0, 5000)))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind in ("truncated", "flipped") and good is not None:
        data = bytearray(good.read_bytes())
        if kind == "truncated":
            data = data[: rng.randint(0, len(data) - 1)]
        else:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("hello.txt", "not a workbook")
    elif kind == "badxml" and good is not None:
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename.startswith("xl/worksheets/"):
                    data = data[: len(data) // 2] + b"<<&&>>"
                dst.writestr(item, data)
    else:
        path.write_text("序号,案件编号\n1,=1+1\n", encoding="utf-8")
    return path


def random_value(rng: random.Random):
    kind = rng.randrange(12)
    if kind == 0:
        return None
    if kind == 1:
        return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x4e00, 0x9fa5), rng.randint(0, 0x2fff)]))
                       for _ in range(rng.randint(0, 30)))
    if kind == 2:
        return rng.choice(["长", "A", "=", "\u202e"]) * rng.choice([1000, 32767, 40000])
    if kind == 3:
        return rng.choice([rng.randint(-10, 10), rng.randint(-10 ** 20, 10 ** 20), 0])
    if kind == 4:
        return rng.choice([rng.uniform(-1e9, 1e9), float("inf"), float("-inf"), 1e308, 45000.5])
    if kind == 5:
        return rng.choice([True, False])
    if kind == 6:
        return dt.datetime(rng.randint(1900, 9999), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23))
    if kind == 7:
        return dt.date(rng.randint(1900, 2100), rng.randint(1, 12), rng.randint(1, 28))
    if kind == 8:
        return rng.choice([str, AsText])(rng.choice(FORMULAS))
    if kind == 9:
        return rng.choice(DATE_TEXTS)
    if kind == 10:
        return rng.choice(KNOWN)
    return rng.choice(HEADERS)


PLAUSIBLE_HEADER = ["序号", "案件编号", "申请日期", "申请人", "单位及职务", "层级", "申请事项", "适用情形（条款）",
                    "认定结果", "政策依据", "备注"]


def plausible_row(rng: random.Random, seq: int) -> list:
    """A row that could be imported, with now and then one hostile cell in it."""
    policy, items, day = rng.choice([("威民发〔2023〕24号", "第三条第（十一）项", "2025-03-0"), ("濮民〔2024〕16号", "第三条第（一）项", "2025-09-0")])
    row = [seq, f"导入-{rng.randrange(10 ** 9)}", day + str(rng.randint(1, 9)), rng.choice(["周某某", "吴某某", "郑某"]),
           "某镇民政办 科员", "乡镇", AsText(rng.choice(["低保审核失误", "=1+1", "+86 电话", "@某人"])), items,
           rng.choice(["", "予以免责"]), policy, AsText(rng.choice(["", "-备注", "=HYPERLINK(\"x\")"]))]
    if rng.random() < 0.5:
        row[rng.randrange(len(row))] = random_value(rng)
    return row


def random_sheets(rng: random.Random) -> list[dict]:
    if rng.random() < 0.3:
        rows = [PLAUSIBLE_HEADER] + [plausible_row(rng, i + 1) for i in range(rng.randint(1, 8))]
        return [{"title": "台账", "rows": rows, "merges": []}]
    sheets = []
    for s in range(rng.randint(1, 3)):
        width = rng.randint(1, 20)
        rows: list[list] = []
        if rng.random() < 0.5:
            rows.append(["某县" + str(rng.randint(2000, 2030)) + "年容错纠错台账"])
        if rng.random() < 0.8:
            rows.append([rng.choice(HEADERS) for _ in range(width)])
        for _ in range(rng.randint(0, 25)):
            rows.append([random_value(rng) for _ in range(rng.randint(0, width))])
        merges = [(rng.randint(1, 30), rng.randint(1, 20), rng.randint(1, 4), rng.randint(1, 6))
                  for _ in range(rng.randint(0, 5))]
        sheets.append({"title": rng.choice(["台账", "Sheet1", "=1+1", "导入错误", "2025年", "隐藏", ""]) + str(s),
                       "rows": rows, "merges": merges, "hidden": rng.random() < 0.1})
    return sheets


def random_attachment_name(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(NASTY_NAMES)
    parts = [rng.choice(["..", "/", "\\", ".", " ", "CON", "nul", "COM3", "\u202e", "\x01", "\x7f", ":", "*",
                         "文件", "a" * rng.randint(1, 300), "😀", "\u200d", "\ufeff", "txt", "exe"])
             for _ in range(rng.randint(1, 8))]
    return "".join(parts)


def random_json(rng: random.Random, depth: int = 0):
    kinds = ["none", "bool", "int", "float", "str"] + (["list", "dict"] if depth < 3 else [])
    kind = rng.choice(kinds)
    if kind == "none":
        return None
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "int":
        return rng.randint(-5, 10 ** 12)
    if kind == "float":
        return rng.uniform(-1, 1)
    if kind == "str":
        return rng.choice(["", "yes", "true", "是", "null", "x" * 50] + FORMULAS)
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["verified-per-rules", "applicant-concealed", "nope", "", "duty-fulfilled-reported",
                        "__proto__"]): random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))}


# -- the checks -----------------------------------------------------------------------------------------
def dump(svc) -> dict:
    """Every table's rows (the portable backup dump), to compare before and after."""
    from mianze_desktop.store.backup import dump_rows

    with svc.cases.store.session():
        return dump_rows()


def unchanged_except_new_cases(before: dict, after: dict, new_cases: int) -> list[str]:
    """Problems: rows that existed before and changed or vanished; a wrong number of added cases."""
    problems = []
    for table, rows in before.items():
        later = after.get(table, [])
        if later[: len(rows)] != rows:
            problems.append(f"table {table}: rows that existed before were changed")
    added = len(after.get("cases", [])) - len(before.get("cases", []))
    if added != new_cases:
        problems.append(f"{added} cases were added, {new_cases} reported")
    if new_cases == 0 and after != before:
        problems.append("the database changed although nothing was imported")
    return problems


def safe_name_problems(name: str) -> list[str]:
    from mianze_desktop.store.attachments import MAX_NAME

    problems = []
    if not name or name != name.strip(" .") or name in (".", ".."):
        problems.append("empty or dot/space at an end")
    if any(ch in name for ch in '/\\:*?"<>|'):
        problems.append("path or reserved character")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        problems.append("control, format (bidi) or unassigned character")
    stem = name.split(".")[0].strip().upper()
    if re.fullmatch(r"CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]", stem):
        problems.append("Windows device name")
    if len(name) > MAX_NAME or len(name.encode("utf-8")) > 200:
        problems.append("too long")
    return problems


def check_attachment(svc, case_id: int, source: Path, name: str) -> list[str]:
    """Attach under a hostile name; the copy must sit inside <attachments>/<case>/ under a safe name."""
    from mianze_desktop.service.errors import ServiceError

    version = svc.cases.get(case_id)["version"]
    try:
        att = svc.cases.attach(case_id, source, name=name, expected_version=version)
    except ServiceError as exc:
        return [] if str(exc).strip() else ["empty error message"]
    problems = [f"name {att['name']!r}: {p}" for p in safe_name_problems(att["name"])]
    path = svc.cases.attachment_path(att["id"])
    folder = (svc.cases.store.attachments_dir / str(case_id)).resolve()
    if path.resolve().parent != folder:
        problems.append(f"stored outside the case folder: {path}")
    elif path.read_bytes() != source.read_bytes():
        problems.append("stored bytes differ")
    if len(path.name.encode("utf-8")) > 255:
        problems.append("file name longer than 255 bytes")
    return problems


def check_ledger_import(svc, path: Path, rng_or_options) -> list[str]:
    """Import a file; problems are anything but a result dict or a ServiceError, or a changed database."""
    from mianze_desktop.service.errors import ServiceError

    options = rng_or_options if isinstance(rng_or_options, dict) else {
        "skip_invalid": rng_or_options.random() < 0.5, "dry_run": rng_or_options.random() < 0.2,
        "policy": rng_or_options.choice([None, None, "weihai-2023", "puyang-2024"])}
    before = dump(svc)
    try:
        result = svc.ledger.import_file(path, **options)
    except ServiceError as exc:
        message = str(exc).strip()
        problems = [] if message else ["empty error message"]
        return problems + unchanged_except_new_cases(before, dump(svc), 0)
    problems = []
    for e in result["errors"] + result["skipped_duplicates"]:
        if not isinstance(e.get("reason"), str) or not e["reason"].strip():
            problems.append(f"an error without a reason: {e}")
    if result["refused"] and result["imported"]:
        problems.append("refused but imported")
    return problems + unchanged_except_new_cases(before, dump(svc), result["imported"])


def check_answers(svc, case_id: int, answers) -> list[str]:
    from mianze_desktop.service.errors import ServiceError

    before = dump(svc)
    version = svc.cases.get(case_id)["version"]
    try:
        record = svc.cases.update(case_id, {"answers": answers}, expected_version=version)
    except ServiceError as exc:
        return ([] if str(exc).strip() else ["empty error message"]) + unchanged_except_new_cases(
            before, dump(svc), 0)
    if not all(isinstance(v, bool) for v in record["answers"].values()):
        return [f"answers stored as non-booleans: {record['answers']}"]
    return []


def seed_cases(svc) -> list[int]:
    ids = []
    for applicant, policy, day in (("甲某某", "weihai-2023", "2025-03-03"), ("乙某某", "puyang-2024", "2025-09-01")):
        ids.append(svc.cases.create({"applicant": applicant, "applied_on": day, "unit": "某镇民政办",
                                     "position": "科员", "form": {"matter": "示例事项"}}, policy=policy)["id"])
    return ids


def run(n: int = 300, seed: int | None = None, data_dir: Path | None = None) -> dict:
    """n inputs of each kind is too slow; n inputs in all, mixed: ledgers, broken files, names, answers."""
    from mianze_desktop.service import Service

    rng = random.Random(seed)
    tmp = tempfile.TemporaryDirectory(prefix="mianze-hostile-")
    root = Path(tmp.name)
    data_dir = Path(data_dir) if data_dir else root / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    svc = Service(data_dir=data_dir, user="测试员")
    figures = {"inputs_tried": 0, "typed_errors_or_results": 0, "crashes": 0, "by_kind": {}, "problems": []}
    try:
        ids = seed_cases(svc)
        good = build_workbook(root / "good.xlsx", random_sheets(rng))
        source = root / "evidence.txt"
        source.write_text("证据内容", encoding="utf-8")
        for i in range(n):
            kind = rng.choice(["ledger", "ledger", "ledger", "broken", "name", "answers"])
            try:
                if kind == "ledger":
                    path = build_workbook(root / f"in-{i}.xlsx", random_sheets(rng))
                    problems = check_ledger_import(svc, path, rng)
                elif kind == "broken":
                    suffix = rng.choice([".xlsx", ".xlsx", ".xls", ".csv"])
                    path = broken_file(rng.choice(["random", "empty", "truncated", "flipped", "zip", "badxml",
                                                   "csv"]), root / f"in-{i}{suffix}", rng, good)
                    problems = check_ledger_import(svc, path, rng)
                elif kind == "name":
                    problems = check_attachment(svc, rng.choice(ids), source, random_attachment_name(rng))
                else:
                    problems = check_answers(svc, rng.choice(ids), random_json(rng))
            except Exception as exc:  # an untyped exception is exactly what this script looks for
                problems = [f"{type(exc).__name__}: {exc}".splitlines()[0][:300] + " | "
                            + traceback.format_exc().strip().splitlines()[-3].strip()]
            figures["inputs_tried"] += 1
            figures["by_kind"][kind] = figures["by_kind"].get(kind, 0) + 1
            if problems:
                figures["crashes"] += 1
                figures["problems"].append(f"input {i} ({kind}): " + "; ".join(problems))
            else:
                figures["typed_errors_or_results"] += 1
        report = svc.cases.verify()
        if not report["ok"]:
            figures["crashes"] += 1
            figures["problems"].append("db verify after the inputs: " + json.dumps(report["problems"])[:300])
    finally:
        svc.close()
        tmp.cleanup()
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="hostile_inputs.py", description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.n, args.seed)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(f"inputs tried {figures['inputs_tried']} {figures['by_kind']}, crashes {figures['crashes']}")
        for p in figures["problems"][:30]:
            print("PROBLEM", p)
    return 0 if not figures["crashes"] else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
