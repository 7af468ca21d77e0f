"""``mianze policy …``, ``mianze suggest`` and ``mianze check``."""
from __future__ import annotations

import sys

from . import CliError, emit_json, make_service, read_json_file


def register(sub) -> None:
    policy = sub.add_parser("policy", help="policy packs: list, show, validate, import")
    psub = policy.add_subparsers(dest="policy_command", required=True)
    p = psub.add_parser("list", help="the policy packs known to this installation")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_list)
    p = psub.add_parser("show", help="a whole pack")
    p.add_argument("policy", metavar="ID_OR_PATH")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_show)
    p = psub.add_parser("validate", help="check a pack file; errors as PATH:LINE: message")
    p.add_argument("path")
    p.set_defaults(func=_validate)
    p = psub.add_parser("import", help="validate a pack file and add it to the data dir")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_import)

    p = sub.add_parser("suggest", help="rank a policy's items for a case description")
    p.add_argument("--policy", required=True, metavar="ID_OR_PATH")
    p.add_argument("--text", required=True, help="主要事实及理由")
    p.add_argument("--top", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_suggest)

    p = sub.add_parser("check", help="match answers to a policy's facts")
    p.add_argument("--policy", required=True, metavar="ID_OR_PATH")
    p.add_argument("--answers", required=True, metavar="FILE.json",
                   help='{"fact-id": true, …} or {"facts": {…}, "candidates": […], "justification": "…"}')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_check)


def pack_summary(pack) -> dict:
    return {
        "id": pack.id,
        "title": pack.title,
        "doc_number": pack.doc_number,
        "region": pack.region,
        "valid_from": pack.valid_from.isoformat(),
        "valid_until": pack.valid_until.isoformat() if pack.valid_until else None,
        "counts": pack.counts(),
    }


def _list(args) -> int:
    packs = make_service(args).policies.list()
    if args.json:
        emit_json([pack_summary(p) for p in packs])
    else:
        for p in packs:
            c = p.counts()
            print(f"{p.id}\t{p.doc_number}\t{p.title}\t适用{c['applicable']} 减责{c['mitigation']} 排除{c['exclusion']}")
    return 0


def _show(args) -> int:
    pack = make_service(args).policies.get(args.policy)
    data = pack.model_dump(mode="json")
    if args.json:
        emit_json(data)
    else:
        print(f"{pack.title}（{pack.doc_number}）")
        for item in pack.items:
            print(f"  {item.id}\t{item.citation}\t{item.title}")
    return 0


def _validate(args) -> int:
    from ..policy.loader import PolicyError

    try:
        pack = make_service(args).policies.validate_file(args.path)
    except PolicyError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    c = pack.counts()
    print(f"{args.path}: ok — {pack.id}: {c['applicable']} applicable, {c['mitigation']} mitigation, "
          f"{c['exclusion']} exclusion items")
    return 0


def _import(args) -> int:
    from ..policy.loader import PolicyError

    try:
        pack = make_service(args).policies.import_file(args.path)
    except PolicyError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    if args.json:
        emit_json(pack_summary(pack))
    else:
        print(f"imported {pack.id}")
    return 0


def _suggest(args) -> int:
    if args.top is not None and args.top < 1:
        raise CliError("--top must be at least 1")
    ranked = make_service(args).policies.suggest(args.policy, args.text, top=args.top)
    if args.json:
        emit_json(ranked)
    else:
        for r in ranked:
            print(f"{r['score']:.2f}\t{r['item']}\t{r.get('title', '')}")
    return 0


def _check(args) -> int:
    raw = read_json_file(args.answers)
    if not isinstance(raw, dict):
        raise CliError(f"{args.answers}: answers must be a JSON object")
    if "facts" in raw and isinstance(raw["facts"], dict):
        extra = sorted(set(raw) - {"facts", "candidates", "justification"})
        if extra:
            raise CliError(f"{args.answers}: unknown key(s) {', '.join(extra)}")
        facts, candidates, justification = raw["facts"], raw.get("candidates"), raw.get("justification", "")
    else:
        facts, candidates, justification = raw, None, ""
    if candidates is not None and not (isinstance(candidates, list) and all(isinstance(c, str) for c in candidates)):
        raise CliError(f"{args.answers}: candidates must be a list of item ids")
    if not isinstance(justification, str):
        raise CliError(f"{args.answers}: justification must be text")
    from ..service.errors import UserError

    try:
        result = make_service(args).policies.check(args.policy, facts, candidates, justification)
    except UserError as exc:
        raise CliError(f"{args.answers}: {exc}") from None
    if args.json:
        emit_json(result.to_dict())
    else:
        print(result.outcome_label or "未定", result.basis_text)
    return 0
