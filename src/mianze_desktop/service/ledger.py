"""The annual ledger (台账) for the GUI and the CLI: export a year to Excel, import existing ledgers.

Import is all or nothing by default: every row is validated and one bad row means nothing is
written while every bad row is reported as {sheet, row, column, reason}. ``skip_invalid``
writes the valid rows in one transaction and reports the rest. Case numbers already in the
database, or seen earlier in the file, are skipped and reported, never doubled.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable, Optional

from .errors import ServiceError, UserError

Progress = Optional[Callable[[int, int], None]]
_RECORD_ERROR = re.compile(r"^record (\d+)(?: \([^)]*\))?[.:]?\s*(.*)$", re.S)


class LedgerService:
    def __init__(self, service):
        self._service = service

    @property
    def mappings_dir(self) -> Path:
        return Path(self._service.data_dir) / "ledger_mappings"

    def _mapping_store(self):
        from ..ledger.layout import MappingStore

        return MappingStore(self.mappings_dir)

    def _packs(self) -> dict:
        return {p.id: p for p in self._service.policies.list()}

    # -- export ----------------------------------------------------------------------------------
    def export(self, year: int, by: str = "applied", out_path=None, unit: Optional[str] = None,
               policy: Optional[str] = None, outcome: Optional[str] = None, progress: Progress = None,
               reporting_unit: str = "", made_on: Optional[dt.date] = None) -> dict:
        """Write the ledger of ``year`` (cases by application or decision date) to ``out_path`` (.xlsx).

        Returns {"path", "year", "by", "cases", "title", "statistics"}.
        """
        from ..ledger.export import BY_FIELDS, select_records, write_ledger

        year = self._year(year)
        if by not in BY_FIELDS:
            raise UserError(f"--by must be applied or decided, not {by!r}")
        if not out_path:
            raise UserError("no output file given (e.g. -o 台账.xlsx)")
        out_path = Path(out_path)
        if out_path.suffix.lower() != ".xlsx":
            raise UserError(f"{out_path}: the ledger is an Excel workbook; give a file name ending in .xlsx")
        if out_path.is_dir():
            raise UserError(f"{out_path} is a folder; give a file name ending in .xlsx")
        packs = self._packs()
        pack_id = None
        if policy:
            pack = self._service.policies.get(policy)
            packs.setdefault(pack.id, pack)
            pack_id = pack.id
        if outcome:
            known = {o.id for p in packs.values() for o in p.outcomes} | {o.label for p in packs.values()
                                                                         for o in p.outcomes}
            if outcome not in known:
                raise UserError(f"unknown outcome {outcome!r} (known: {'、'.join(sorted(known))})")
        records = self._case_records(year, by, pack_id)
        chosen = select_records(records, year, by, unit=unit, policy=pack_id, outcome=outcome)
        try:
            return write_ledger(out_path, chosen, packs, year, by, reporting_unit=reporting_unit or "",
                                made_on=made_on, progress=progress)
        except OSError as exc:
            raise UserError(f"{out_path}: cannot write the ledger: {exc.strerror or exc}") from None

    @staticmethod
    def _year(year) -> int:
        try:
            y = int(year)
        except (TypeError, ValueError):
            raise UserError(f"year must be a number such as 2026, not {year!r}") from None
        if not 1990 <= y <= 2100:
            raise UserError(f"year {y} is out of range (1990–2100)")
        return y

    def _case_records(self, year: int, by: str, policy: Optional[str]) -> list[dict]:
        """Full records of the cases that can fall in ``year``: applied that year, or (by decision date)
        applied that year or earlier. Uses the store's bulk reader ``cases.records(ids)`` when it has
        one, else ``cases.get`` per case."""
        cases = self._service.cases
        if by == "applied":
            summaries = cases.list(year=year, policy=policy, limit=None)
        else:
            summaries = [s for s in cases.list(policy=policy, limit=None)
                         if (s.get("applied_on") or "") <= f"{year:04d}-12-31"]
        ids = [s["id"] for s in summaries]
        bulk = getattr(cases, "records", None)
        if callable(bulk):
            found = bulk(ids)
            return list(found.values()) if isinstance(found, dict) else list(found)
        return [cases.get(i) for i in ids]

    # -- import ----------------------------------------------------------------------------------
    def inspect(self, path, policy: Optional[str] = None) -> dict:
        """How a file would be read: per sheet the header row, each column's header and field."""
        from ..ledger.layout import LedgerFileError, detect_layout, read_sheets

        try:
            sheets = read_sheets(path)
        except LedgerFileError as exc:
            raise UserError(str(exc)) from None
        store = self._mapping_store()
        layouts = [detect_layout(s, store) for s in sheets]
        return {"path": str(path), "sheets": [l.describe() for l in layouts if l is not None],
                "skipped_sheets": [s.name for s, l in zip(sheets, layouts) if l is None]}

    def save_mapping(self, path, mapping: dict[str, str], sheet: Optional[str] = None) -> dict:
        """Save a column mapping ({"A": "number", "C": "applied_on", ...}) for the header layout of
        ``path``; later imports of files with the same header use it."""
        from ..ledger.columns import IMPORT_FIELDS
        from ..ledger.layout import LedgerFileError, Layout, detect_layout, fingerprint, read_sheets

        try:
            sheets = read_sheets(path)
        except LedgerFileError as exc:
            raise UserError(str(exc)) from None
        bad = sorted(f for f in mapping.values() if f not in IMPORT_FIELDS)
        if bad:
            raise UserError(f"unknown field(s) {', '.join(bad)} (known: {', '.join(IMPORT_FIELDS)})")
        cols = {}
        for letter, fld in mapping.items():
            if not re.fullmatch(r"[A-Za-z]{1,3}", letter.strip()):
                raise UserError(f"{letter!r} is not a column letter (A, B, … AA)")
            n = 0
            for ch in letter.strip().upper():
                n = n * 26 + ord(ch) - 64
            cols[n] = fld
        candidates = [s for s in sheets if sheet is None or s.name == sheet]
        if not candidates:
            raise UserError(f"{path}: no sheet named {sheet!r}")
        target = candidates[0]
        layout = detect_layout(target, None)
        if layout is None:  # no recognisable header: the first non-empty row is the header
            row_no = next((i for i, r in enumerate(target.rows, 1) if any(v not in (None, "") for v in r)), 1)
            header = target.rows[row_no - 1] if target.rows else []
            layout = Layout(target.name, (row_no,), {c: str(v) for c, v in enumerate(header, 1) if v},
                            {}, fingerprint(header))
        saved = self._mapping_store().save(layout, cols)
        layout.mapping, layout.saved = cols, True
        return {"mapping_file": str(saved), **layout.describe()}

    def import_file(self, path, dry_run: bool = False, skip_invalid: bool = False, progress: Progress = None,
                    policy: Optional[str] = None, error_report=None) -> dict:
        """Import a ledger workbook. Returns {"imported", "skipped_duplicates", "errors", "refused", ...};
        "refused" is true when nothing was written because of errors."""
        from ..ledger.import_ import error, parse_ledger
        from ..ledger.layout import LedgerFileError
        from ..ledger.values import PolicyResolver

        if not dry_run:  # writing cases in bulk is for administrators (service/permissions.py)
            self._service.authorize("case.import")
        path = Path(path)
        default = self._service.policies.get(policy) if policy else None
        packs = list(self._packs().values())
        if default is not None and default.id not in {p.id for p in packs}:
            packs.append(default)
        resolver = PolicyResolver(packs, default)
        try:
            parsed = parse_ledger(path, resolver, self._mapping_store(), progress)
        except LedgerFileError as exc:
            raise UserError(str(exc)) from None
        errors = list(parsed.errors)
        duplicates = list(parsed.duplicates)
        cases = self._service.cases
        existing = cases.existing_numbers([r.number for r in parsed.rows]) if parsed.rows else set()
        to_write = []
        for r in parsed.rows:
            if r.number in existing:
                layout = next(l for l in parsed.layouts if l.sheet == r.sheet)
                duplicates.append({"sheet": r.sheet, "row": r.row,
                                   "column": layout.column_name(layout.column_of("number")),
                                   "number": r.number, "reason": f"案件编号 {r.number} 已在数据库中，已跳过"})
            else:
                to_write.append(r)
        file_level = any(e["row"] is None for e in errors)
        refused = bool(errors) and (not skip_invalid or file_level)
        ids: list[int] = []
        if not refused and not dry_run and to_write:
            try:
                ids = cases.import_records([r.record for r in to_write])
            except ServiceError as exc:  # the store refused a record: nothing was written
                errors.append(self._store_error(exc, to_write, parsed.layouts, error))
                refused = True
        if not refused and not dry_run:
            store = self._mapping_store()
            for layout in parsed.layouts:
                if not layout.saved:
                    store.save(layout)
        duplicates.sort(key=lambda d: (d["sheet"] or "", d["row"] or 0))
        result = {
            "imported": len(ids),
            "skipped_duplicates": duplicates,
            "errors": errors,
            "refused": refused,
            "dry_run": dry_run,
            "valid_rows": 0 if file_level else len(to_write),
            "ignored_rows": parsed.ignored,
            "sheets": [l.describe() for l in parsed.layouts],
            "ids": ids,
        }
        if error_report and (errors or duplicates):
            from ..ledger.report import write_error_report

            result["error_report"] = str(write_error_report(path, errors, error_report, duplicates))
        return result

    @staticmethod
    def _store_error(exc, rows, layouts, error) -> dict:
        message = str(exc)
        m = _RECORD_ERROR.match(message)
        if m and 1 <= int(m.group(1)) <= len(rows):
            r = rows[int(m.group(1)) - 1]
            return error(r.sheet, r.row, None, f"数据库拒绝了这一行：{m.group(2) or message}")
        return error(None, None, None, f"数据库拒绝了导入：{message}")
