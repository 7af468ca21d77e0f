"""Reading ledger workbooks: sheets as rows, merged cells, header detection and column mappings.

A hand-made ledger may have a merged title, an info line, the header on row 3 or 4 (sometimes
two header rows under a merged group label), blank rows, vertically merged cells (one unit
written once for several cases) and footer notes. ``read_sheets`` gives every sheet's values
with vertical merges filled down; ``detect_layout`` finds the header row and maps its columns
to fields, preferring a mapping the user saved for the same header (``MappingStore``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .columns import IMPORT_FIELDS, column_letter, field_for_header, normalize_header

SCAN_ROWS = 30  # the header must be within the first rows
MIN_FIELDS = 3  # a header row names at least this many known columns, the case number among them
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


class LedgerFileError(ValueError):
    """The file is not a readable .xlsx workbook."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # values, row 1 first, padded to the same width
    wide_merges: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # row -> [(first col, last col)]

    def is_note_row(self, row: int, key_columns: list[int]) -> bool:
        """A title, note or total line: one merged cell spans the case number and another key column."""
        for c1, c2 in self.wide_merges.get(row, ()):
            inside = [c for c in key_columns if c1 <= c <= c2]
            if len(inside) >= 2:
                return True
        return False


@dataclass
class Layout:
    sheet: str
    header_rows: tuple[int, ...]  # 1-based
    headers: dict[int, str]  # column (1-based) -> header text as written
    mapping: dict[int, str]  # column -> field
    fingerprint: str
    saved: bool = False

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1

    def column_name(self, col: int) -> str:
        """'C 申请日期' — the Excel letter plus the header the user sees."""
        return f"{column_letter(col)} {self.headers.get(col, '')}".strip()

    def column_of(self, fld: str) -> Optional[int]:
        for col, f in self.mapping.items():
            if f == fld:
                return col
        return None

    def describe(self) -> dict:
        return {"sheet": self.sheet, "header_row": self.header_rows[-1], "fingerprint": self.fingerprint,
                "saved": self.saved,
                "columns": [{"column": column_letter(c), "header": h, "field": self.mapping.get(c),
                             "field_label": IMPORT_FIELDS.get(self.mapping.get(c) or "", "")}
                            for c, h in sorted(self.headers.items())]}


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _merges(ws) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range, read from the sheet XML tail."""
    try:
        with ws._get_source() as src:  # read-only sheets do not expose merged cells
            data = src.read()
    except (AttributeError, OSError, KeyError):
        return []
    start = data.rfind(b"</sheetData>")
    tail = data[start:] if start >= 0 else data
    return [(_col_index(a), int(b), _col_index(c), int(d)) for a, b, c, d in _MERGE.findall(tail)]


_THREAD = threading.local()


@contextmanager
def _declared_size_skipped():
    """Opening a read-only sheet, openpyxl looks for its declared size (<dimension>) and, when the
    file has none (our own export has none), parses the whole sheet for nothing; read_sheets resets
    that size anyway (``reset_dimensions``). Skipped in this thread while the workbook is opened."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    original = ReadOnlyWorksheet.__dict__.get("_get_size")
    if original is None:  # another openpyxl: nothing to skip
        yield
        return
    if not getattr(original, "skippable", False):
        def _get_size(self):
            if not getattr(_THREAD, "skip_size", False):
                original(self)

        _get_size.skippable = True
        ReadOnlyWorksheet._get_size = _get_size
    _THREAD.skip_size = True
    try:
        yield
    finally:
        _THREAD.skip_size = False


def read_sheets(path: Path | str) -> list[Sheet]:
    """Every visible worksheet of an .xlsx file as lists of values (dates as datetime)."""
    import zlib
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if not path.is_file():
        raise LedgerFileError(f"{path}: no such file")
    if path.suffix.lower() in (".xls", ".et", ".csv"):
        raise LedgerFileError(f"{path}: only .xlsx workbooks can be imported; save it as .xlsx in Excel or WPS first")
    # what openpyxl, zipfile, zlib and ElementTree raise on a damaged file (ParseError is a SyntaxError)
    damaged = (BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError, EOFError, zlib.error,
               TypeError, AttributeError, IndexError)
    try:
        with _declared_size_skipped():
            wb = load_workbook(path, read_only=True, data_only=True)
    except damaged as exc:
        raise LedgerFileError(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    sheets = []
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible" or not hasattr(ws, "iter_rows"):
                continue
            ws.reset_dimensions()  # hand-made files often carry a wrong <dimension>
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            width = max((len(r) for r in rows), default=0)
            for r in rows:
                if len(r) < width:
                    r.extend([None] * (width - len(r)))
            sheet = Sheet(ws.title, rows)
            for c1, r1, c2, r2 in _merges(ws):
                if c2 - c1 >= 2:  # a wide merged cell: a title, note or total line (never filled across)
                    for r in range(r1, r2 + 1):
                        sheet.wide_merges.setdefault(r, []).append((c1, c2))
                    continue
                value = rows[r1 - 1][c1 - 1] if r1 <= len(rows) and c1 <= width else None
                for r in range(r1, min(r2, len(rows)) + 1):  # fill vertical merges down
                    for c in range(c1, min(c2, width) + 1):
                        if rows[r - 1][c - 1] is None:
                            rows[r - 1][c - 1] = value
            sheets.append(sheet)
    except damaged as exc:  # a damaged sheet is only read here (read-only workbooks parse lazily)
        raise LedgerFileError(f"{path}: the workbook is damaged and cannot be read "
                              f"({exc.__class__.__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    finally:
        wb.close()
    return sheets


def fingerprint(header_cells: list) -> str:
    names = [normalize_header(v) for v in header_cells]
    while names and not names[-1]:
        names.pop()
    return hashlib.sha256("\x1f".join(names).encode("utf-8")).hexdigest()[:16]


class MappingStore:
    """Column mappings saved per source layout: <dir>/<fingerprint>.json."""

    def __init__(self, directory: Optional[Path]):
        self.dir = Path(directory) if directory else None

    def load(self, fp: str) -> Optional[tuple[dict[int, str], int]]:
        """(column -> field, number of header rows) saved for this header, or None."""
        if not self.dir:
            return None
        path = self.dir / f"{fp}.json"
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            mapping = {_col_index(k.strip().upper().encode()): v for k, v in data["mapping"].items()}
            header_rows = int(data.get("header_rows", 1))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # a damaged file is ignored; detection takes over
        mapping = {c: f for c, f in mapping.items() if f in IMPORT_FIELDS and c > 0}
        return (mapping, max(1, min(header_rows, 3))) if mapping else None

    def save(self, layout: Layout, mapping: Optional[dict[int, str]] = None) -> Path:
        if not self.dir:
            raise ValueError("no mapping folder configured")
        mapping = layout.mapping if mapping is None else mapping
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.dir / f"{layout.fingerprint}.json"
        data = {"fingerprint": layout.fingerprint, "sheet": layout.sheet, "header_rows": len(layout.header_rows),
                "headers": {column_letter(c): h for c, h in sorted(layout.headers.items())},
                "mapping": {column_letter(c): f for c, f in sorted(mapping.items())},
                "saved_on": dt.date.today().isoformat()}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)
        return path


def _header_text(value) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", "", str(value))


def _auto_map(row: list) -> dict[int, str]:
    mapping: dict[int, str] = {}
    used = set()
    for i, value in enumerate(row, 1):
        fld = field_for_header(value)
        if fld and fld not in used:
            mapping[i] = fld
            used.add(fld)
    return mapping


def detect_layout(sheet: Sheet, store: Optional[MappingStore] = None) -> Optional[Layout]:
    """The header row(s) and column mapping of ``sheet``, or None when it holds no ledger."""
    rows = sheet.rows[:SCAN_ROWS]
    if store is not None:
        for i, row in enumerate(rows, 1):
            if not any(v not in (None, "") for v in row):
                continue
            fp = fingerprint(row)
            saved = store.load(fp)
            if saved:
                mapping, count = saved
                headers = {c: _header_text(v) for c, v in enumerate(row, 1) if _header_text(v)}
                for extra in range(i + 1, min(i + count, len(sheet.rows)) + 0):
                    for c, v in enumerate(sheet.rows[extra - 1], 1):
                        if _header_text(v) and c not in headers:
                            headers[c] = _header_text(v)
                return Layout(sheet.name, tuple(range(i, i + count)), headers, mapping, fp, saved=True)
    best, best_i = {}, 0
    for i, row in enumerate(rows, 1):
        mapping = _auto_map(row)
        if len(mapping) > len(best):
            best, best_i = mapping, i
    if len(best) < MIN_FIELDS:
        return None
    header = sheet.rows[best_i - 1]
    headers = {c: _header_text(v) for c, v in enumerate(header, 1) if _header_text(v)}
    header_rows: tuple[int, ...] = (best_i,)
    # a second header row under merged group labels (e.g. 办理时间 over 受理日期 / 认定日期)
    if best_i < len(sheet.rows):
        below = sheet.rows[best_i]
        extra = {}
        for c, value in enumerate(below, 1):
            fld = field_for_header(value)
            if fld and c not in best and fld not in best.values() and fld not in extra.values():
                extra[c] = fld
        if len(extra) >= 2 or (extra and all(header[c - 1] in (None, "") for c in extra)):
            best = {**best, **extra}
            for c in extra:
                headers[c] = _header_text(below[c - 1])
            header_rows = (best_i, best_i + 1)
    fp = fingerprint(header)
    return Layout(sheet.name, header_rows, headers, best, fp)
