"""``mianze db verify|backup|restore|upgrade``, ``mianze sample load`` and ``mianze settings …``."""
from __future__ import annotations

import sys

from . import CliError, emit_json, make_service


def register(sub) -> None:
    db = sub.add_parser("db", help="the case database: verify, backup, restore, upgrade")
    dsub = db.add_subparsers(dest="db_command", required=True)
    p = dsub.add_parser("verify", help="check the audit chain, the cases and every attachment (exit 1 on problems)")
    p.add_argument("--json", action="store_true", help="(output is always JSON)")
    p.set_defaults(func=_verify)
    p = dsub.add_parser("backup", help="write a backup zip (default: backups/ in the data folder)")
    p.add_argument("path", nargs="?", help="file or folder for the backup")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_backup)
    p = dsub.add_parser("restore", help="replace the database with a backup (the current state is saved first)")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_restore)
    p = dsub.add_parser("recover", help="the SQLite database is damaged: restore the newest good backup "
                                        "(the damaged file is kept in damaged/)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_recover)
    p = dsub.add_parser("upgrade", help="bring the database to this program's schema version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_upgrade)

    sample = sub.add_parser("sample", help="sample cases for trying the program out")
    ssub = sample.add_subparsers(dest="sample_command", required=True)
    p = ssub.add_parser("load", help="add the sample cases (both policies, every stage and outcome)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_sample_load)

    st = sub.add_parser("settings", help="program settings (unit name, default policy, case number format …)")
    stsub = st.add_subparsers(dest="settings_command", required=True)
    p = stsub.add_parser("get")
    p.add_argument("key", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_settings_get)
    p = stsub.add_parser("set")
    p.add_argument("key")
    p.add_argument("value", help='new value ("" clears it)')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_settings_set)


def _verify(args) -> int:
    report = make_service(args).cases.verify()
    emit_json(report)
    if not report["ok"]:
        for p in report["problems"]:
            print(f"mianze: verify: {p['message']}", file=sys.stderr)
        return 1
    return 0


def _backup(args) -> int:
    emit_json(make_service(args).cases.backup(args.path))
    return 0


def _restore(args) -> int:
    from ..store.errors import DamagedStoreError

    service = make_service(args)
    try:
        service.cases.store  # a damaged database cannot be opened: restore around it
    except DamagedStoreError:
        from ..store.recovery import recover

        emit_json(recover(service.data_dir, args.path, user=getattr(args, "user", None)))
        return 0
    emit_json(service.cases.restore(args.path))
    return 0


def _recover(args) -> int:
    from ..store.errors import DamagedStoreError
    from ..store.recovery import recover

    service = make_service(args)
    try:
        service.cases.store
    except DamagedStoreError:
        emit_json(recover(service.data_dir, user=getattr(args, "user", None)))
        return 0
    raise CliError(f"the database {service.cases.store.where} opens fine; nothing to recover "
                   "(use `mianze db restore PATH` to go back to a backup)")


def _upgrade(args) -> int:
    emit_json(make_service(args).cases.upgrade())
    return 0


def _sample_load(args) -> int:
    emit_json(make_service(args).cases.load_samples())
    return 0


def _settings_get(args) -> int:
    cases = make_service(args).cases
    emit_json(cases.get_setting(args.key) if args.key else cases.settings())
    return 0


def _settings_set(args) -> int:
    emit_json({args.key: make_service(args).cases.set_setting(args.key, args.value)})
    return 0
