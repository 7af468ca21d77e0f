"""``mianze case …``, ``mianze deadline`` and ``mianze holiday …`` (see docs/cli.md)."""
from __future__ import annotations

import json
import sys

from . import CliError, emit_json, make_service, read_json_file


def register(sub) -> None:
    case = sub.add_parser("case", help="cases: new, show, list, update, advance, resume, next, attach, history")
    csub = case.add_subparsers(dest="case_command", required=True)

    p = csub.add_parser("new", help="open a case from a JSON file of application fields")
    p.add_argument("--policy", metavar="ID_OR_PATH", help="policy pack (default: the default_policy setting)")
    p.add_argument("--json-file", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true", help="(output is always JSON)")
    p.set_defaults(func=_new)

    p = csub.add_parser("show", help="one case record")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_show)

    p = csub.add_parser("list", help="cases, newest application first")
    p.add_argument("--year", type=int)
    p.add_argument("--status", help="stage id")
    p.add_argument("--policy")
    p.add_argument("--outcome", help="outcome id")
    p.add_argument("--unit")
    p.add_argument("--text", help="search number, names, matter, facts")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_list)

    p = csub.add_parser("update", help="change application fields / answers / justification from a JSON file")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--json-file", required=True, metavar="FILE")
    p.add_argument("--expected-version", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_update)

    p = csub.add_parser("amend", help="correct an archived case (administrators; the reason is audited)")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--json-file", required=True, metavar="FILE")
    p.add_argument("--reason", required=True)
    p.add_argument("--expected-version", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_amend)

    p = csub.add_parser("advance", help="move a case to a next stage, recording what the JSON file carries")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--to", required=True, metavar="STAGE")
    p.add_argument("--json-file", metavar="FILE")
    p.add_argument("--expected-version", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_advance)

    p = csub.add_parser("resume", help="leave a pause stage (请示上级/复核) back to where the case was")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--json-file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_resume)

    p = csub.add_parser("next", help="the stages a case may go to now and what each still needs")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_next)

    p = csub.add_parser("attach", help="add an evidence file (copied into the data folder)")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("path")
    p.add_argument("--name", help="name to record instead of the file's own")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_attach)

    p = csub.add_parser("history", help="the audit trail of a case")
    p.add_argument("case", metavar="ID_OR_NUMBER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_history)

    p = sub.add_parser("deadline", help="due date N working days (or calendar days) after a date")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--days", required=True, type=int)
    p.add_argument("--calendar-days", action="store_true", help="count calendar days instead of working days")
    p.add_argument("--json", action="store_true", help='print a JSON string ("2026-10-15") instead of plain text')
    p.set_defaults(func=_deadline)

    hol = sub.add_parser("holiday", help="holiday overrides (放假 / 调休) on top of the official calendar")
    hsub = hol.add_subparsers(dest="holiday_command", required=True)
    p = hsub.add_parser("list")
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_holiday_list)
    p = hsub.add_parser("set", help="mark a day as a working day or a day off")
    p.add_argument("day", metavar="YYYY-MM-DD")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--workday", action="store_true", help="a working day (e.g. 调休上班)")
    group.add_argument("--off", action="store_true", help="a day off (放假)")
    p.add_argument("--note", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_holiday_set)
    p = hsub.add_parser("import", help="set many days from a JSON file [{\"day\", \"workday\", \"note\"}, …]")
    p.add_argument("--json-file", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_holiday_import)
    p = hsub.add_parser("remove")
    p.add_argument("day", metavar="YYYY-MM-DD")
    p.set_defaults(func=_holiday_remove)


def _payload(args) -> dict:
    if not getattr(args, "json_file", None):
        return {}
    data = read_json_file(args.json_file)
    if not isinstance(data, dict):
        raise CliError(f"{args.json_file}: expected a JSON object")
    return data


def _new(args) -> int:
    created = make_service(args).cases.create(_payload(args), policy=args.policy)
    emit_json({"id": created["id"], "number": created["number"]})
    return 0


def _print_record(rec: dict) -> None:
    print(f"{rec['number']}\t{rec['status_label']}\t{rec['applicant']}\t{rec['unit_position']}\t{rec['applied_on']}")
    for key in ("matter", "facts_reasons"):
        if rec.get(key):
            print(f"  {rec[key]}")
    if rec.get("decision"):
        d = rec["decision"]
        print(f"  结论: {d['outcome_label']}  {d.get('decision_number') or ''}")
    for d in rec.get("deadlines", []):
        if d.get("due"):
            flag = " 已超期" if d["overdue"] else ""
            print(f"  期限 {d['label']}: {d['due']}{flag}")


def _show(args) -> int:
    rec = make_service(args).cases.get(args.case)
    if args.json:
        emit_json(rec)
    else:
        _print_record(rec)
    return 0


def _list(args) -> int:
    items = make_service(args).cases.list(year=args.year, status=args.status, policy=args.policy,
                                          outcome=args.outcome, unit=args.unit, text=args.text,
                                          offset=args.offset, limit=args.limit)
    if args.json:
        emit_json(items)
    else:
        for it in items:
            print(f"{it['id']}\t{it['number']}\t{it['status_label']}\t{it['applicant']}\t{it['applied_on']}")
    return 0


def _update(args) -> int:
    rec = make_service(args).cases.update(args.case, _payload(args), expected_version=args.expected_version)
    emit_json(rec) if args.json else _print_record(rec)
    return 0


def _amend(args) -> int:
    rec = make_service(args).cases.amend_archived(args.case, _payload(args), args.reason,
                                                  expected_version=args.expected_version)
    emit_json(rec) if args.json else _print_record(rec)
    return 0


def _advance(args) -> int:
    rec = make_service(args).cases.advance(args.case, args.to, _payload(args), expected_version=args.expected_version)
    emit_json(rec) if args.json else _print_record(rec)
    return 0


def _resume(args) -> int:
    rec = make_service(args).cases.resume(args.case, _payload(args))
    emit_json(rec) if args.json else _print_record(rec)
    return 0


def _next(args) -> int:
    stages = make_service(args).cases.next_stages(args.case)
    if args.json:
        emit_json(stages)
    else:
        for s in stages:
            state = "可以进入" if not s["missing"] else "尚缺: " + "; ".join(s["missing"])
            print(f"{s['id']}\t{s['label']}\t{state}")
    return 0


def _attach(args) -> int:
    att = make_service(args).cases.attach(args.case, args.path, name=args.name)
    emit_json(att)
    return 0


def _history(args) -> int:
    entries = make_service(args).cases.history(args.case, limit=None)
    if args.json:
        emit_json(entries)
    else:
        for e in entries:
            print(f"{e['seq']}\t{e['at'][:19]}\t{e['user']}\t{e['action']}\t{e['entity_id']}")
    return 0


def _deadline(args) -> int:
    due = make_service(args).cases.deadline(args.start, args.days, calendar_days=args.calendar_days)
    if args.json:
        sys.stdout.write(json.dumps(due.isoformat()) + "\n")
    else:
        print(due.isoformat())
    return 0


def _holiday_list(args) -> int:
    days = make_service(args).cases.list_holidays(args.year)
    if args.json:
        emit_json(days)
    else:
        for d in days:
            print(f"{d['day']}\t{'上班' if d['workday'] else '放假'}\t{d['note']}")
    return 0


def _holiday_set(args) -> int:
    emit_json(make_service(args).cases.set_holiday(args.day, bool(args.workday), args.note))
    return 0


def _holiday_import(args) -> int:
    entries = read_json_file(args.json_file)
    if not isinstance(entries, list):
        raise CliError(f"{args.json_file}: expected a JSON list of {{\"day\", \"workday\", \"note\"}}")
    cases = make_service(args).cases
    done = cases.import_holidays(entries)
    emit_json({"imported": len(done)})
    return 0


def _holiday_remove(args) -> int:
    make_service(args).cases.remove_holiday(args.day)
    emit_json({"removed": args.day})
    return 0
