"""``mianze print``: the documents a policy pack declares, as PDF.

  mianze print --list-docs --policy ID [--json]         the documents: [{"kind", "title"}]
  mianze print --case ID --doc KIND -o F.pdf            a stored case's document
  mianze print --blank --policy ID --doc KIND -o F.pdf  a blank form for filling by hand
  mianze print --record CASE.json --doc KIND -o F.pdf   from a case record file (no database)
  mianze print --fonts [--json]                         the fonts documents print with
"""
from __future__ import annotations

from . import CliError, emit_json, make_service, read_json_file


def register(sub) -> None:
    p = sub.add_parser("print", help="print a case's documents (PDF), a blank form, or list a policy's documents")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--list-docs", action="store_true", help="list the documents of --policy")
    what.add_argument("--case", metavar="ID_OR_NUMBER", help="print a stored case")
    what.add_argument("--blank", action="store_true", help="print a blank form of --policy")
    what.add_argument("--record", metavar="FILE.json", help="print from a case record JSON file")
    what.add_argument("--fonts", action="store_true", help="list the fonts used for printing")
    p.add_argument("--policy", metavar="ID_OR_PATH")
    p.add_argument("--doc", metavar="KIND", help="document kind (see --list-docs)")
    p.add_argument("-o", "--output", metavar="F.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_print)


def _need(args, *names):
    for name in names:
        if not getattr(args, name):
            flag = {"output": "-o/--output"}.get(name, "--" + name.replace("_", "-"))
            raise CliError(f"print: {flag} is required here")


def _print(args) -> int:
    svc = make_service(args)
    docs = svc.documents
    if args.list_docs:
        _need(args, "policy")
        listed = docs.list_docs(args.policy)
        if args.json:
            emit_json(listed)
        else:
            for d in listed:
                print(f"{d['kind']}\t{d['title']}")
        return 0
    if args.fonts:
        fonts = docs.fonts()
        if args.json:
            emit_json(fonts)
        else:
            for f in fonts:
                print(f"{f['role']}\t{f['name']}\t{f['path']}")
        return 0
    _need(args, "doc", "output")
    try:
        if args.case:
            result = docs.render_case(args.case, args.doc, args.output)
        elif args.blank:
            _need(args, "policy")
            result = docs.render_blank(args.policy, args.doc, args.output)
        else:
            record = read_json_file(args.record)
            if not isinstance(record, dict):
                raise CliError(f"{args.record}: a case record must be a JSON object")
            result = docs.render_record(record, args.doc, args.output, policy=args.policy)
    finally:
        svc.close()
    emit_json(result)
    return 0
