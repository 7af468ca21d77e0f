"""``mianze ledger export|import|mapping`` — the annual ledger (台账) in Excel."""
from __future__ import annotations

import sys

from . import CliError, emit_json, make_service


def register(sub) -> None:
    ledger = sub.add_parser("ledger", help="the annual ledger (台账): export to Excel, import existing ledgers")
    lsub = ledger.add_subparsers(dest="ledger_command", required=True)

    p = lsub.add_parser("export", help="write a year's cases to a formatted .xlsx ledger with statistics")
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--by", choices=("applied", "decided"), default="applied",
                   help="which date puts a case in the year (default: applied)")
    p.add_argument("--unit", help="only cases of this unit (or units containing this text)")
    p.add_argument("--policy", metavar="ID_OR_PATH", help="only cases under this policy")
    p.add_argument("--outcome", help="only cases with this outcome (id or label, e.g. exempt / 予以免责)")
    p.add_argument("--reporting-unit", default="", help="填报单位 printed under the title")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.add_argument("--json", action="store_true", help="print the summary and statistics as JSON")
    p.set_defaults(func=_export)

    p = lsub.add_parser("import", help="import a ledger (.xlsx): all or nothing unless --skip-invalid")
    p.add_argument("path", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="validate and report only; write nothing")
    p.add_argument("--skip-invalid", action="store_true",
                   help="write the valid rows (one transaction) and report the invalid ones")
    p.add_argument("--policy", metavar="ID_OR_PATH", help="policy of rows that do not name one (no 政策依据 column)")
    p.add_argument("--error-report", metavar="REPORT.xlsx",
                   help="write a copy of the file with the bad cells marked and a list of the problems")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_import)

    p = lsub.add_parser("mapping", help="show how a ledger's columns are read, or save a column mapping")
    p.add_argument("path", metavar="FILE.xlsx")
    p.add_argument("--set", action="append", default=[], metavar="COLUMN=FIELD",
                   help="e.g. --set C=applied_on --set F=applicant (saves a mapping for this header layout)")
    p.add_argument("--sheet", help="the sheet whose header the mapping is for (default: the first)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_mapping)


def _progress_printer(enabled: bool):
    if not enabled:
        return None

    def report(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return report


def _export(args) -> int:
    svc = make_service(args)
    try:
        summary = svc.ledger.export(args.year, by=args.by, out_path=args.output, unit=args.unit,
                                    policy=args.policy, outcome=args.outcome, reporting_unit=args.reporting_unit)
    finally:
        svc.close()
    if args.json:
        emit_json(summary)
    else:
        print(f"{summary['path']}: {summary['cases']} cases ({summary['title']})")
    return 0


def _import(args) -> int:
    svc = make_service(args)
    try:
        result = svc.ledger.import_file(args.path, dry_run=args.dry_run, skip_invalid=args.skip_invalid,
                                        policy=args.policy, error_report=args.error_report)
    finally:
        svc.close()
    if args.json:
        emit_json(result)
    else:
        for e in result["errors"]:
            where = "，".join(str(x) for x in (e.get("sheet"), e.get("row") and f"第{e['row']}行", e.get("column"))
                             if x)
            print(f"{where}: {e['reason']}" if where else e["reason"])
        for d in result["skipped_duplicates"]:
            print(f"{d['sheet']}，第{d['row']}行: {d['reason']}")
        verb = "would import" if args.dry_run and not result["refused"] else "imported"
        print(f"{verb} {result['valid_rows'] if args.dry_run else result['imported']} cases; "
              f"{len(result['skipped_duplicates'])} duplicates skipped; {len(result['errors'])} errors")
    if result["refused"]:
        n = len(result["errors"])
        print(f"mianze: error: {args.path}: {n} problem(s) found, nothing was imported "
              f"(fix them, or use --skip-invalid to import the valid rows)", file=sys.stderr)
        return 2
    return 0


def _mapping(args) -> int:
    svc = make_service(args)
    if args.set:
        mapping = {}
        for item in args.set:
            col, sep, field = item.partition("=")
            if not sep or not col.strip() or not field.strip():
                raise CliError(f"--set {item!r}: expected COLUMN=FIELD, e.g. C=applied_on")
            mapping[col.strip().upper()] = field.strip()
        data = svc.ledger.save_mapping(args.path, mapping, sheet=args.sheet)
    else:
        data = svc.ledger.inspect(args.path)
    if args.json:
        emit_json(data)
    else:
        for sheet in data.get("sheets", [data]):
            print(f"{sheet['sheet']} (header row {sheet['header_row']}, layout {sheet['fingerprint']}"
                  f"{', saved mapping' if sheet['saved'] else ''})")
            for c in sheet["columns"]:
                print(f"  {c['column']}\t{c['header']}\t-> {c['field'] or '(ignored)'}")
    return 0
