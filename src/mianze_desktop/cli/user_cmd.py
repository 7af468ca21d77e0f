"""``mianze user add|list|passwd|disable|enable|role`` and the CLI's login password source.

Once a data folder has accounts, every command logs in: ``--user NAME`` and the password from
the environment variable MIANZE_PASSWORD, else a prompt on the terminal (no terminal and no
variable: exit 2). New passwords come from MIANZE_NEW_PASSWORD, else a prompt asked twice.
"""
from __future__ import annotations

import getpass
import os
import sys

from . import CliError, emit_json, make_service

PASSWORD_ENV = "MIANZE_PASSWORD"
NEW_PASSWORD_ENV = "MIANZE_NEW_PASSWORD"
ROLES = ("clerk", "reviewer", "admin")


def password_source(args):
    """A callable the service asks only when the data folder has accounts."""

    def ask() -> str:
        name = getattr(args, "user", None)
        value = os.environ.get(PASSWORD_ENV)
        if value is not None:
            return value
        if not _interactive():
            raise CliError(f"this data folder has user accounts and there is no terminal to ask for the password of "
                           f"{name}; set {PASSWORD_ENV}")
        try:
            return getpass.getpass(f"mianze: password for {name}: ")
        except (EOFError, KeyboardInterrupt):
            raise CliError("no password given") from None

    return ask


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _new_password(name: str) -> str:
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value is not None:
        return value
    if not _interactive():
        raise CliError(f"no terminal to ask for the new password of {name}; set {NEW_PASSWORD_ENV}")
    try:
        first = getpass.getpass(f"mianze: new password for {name}: ")
        second = getpass.getpass("mianze: the same password again: ")
    except (EOFError, KeyboardInterrupt):
        raise CliError("no password given") from None
    if first != second:
        raise CliError("the two passwords differ; nothing was changed")
    return first


def register(sub) -> None:
    user = sub.add_parser("user", help="user accounts (经办人 clerk, 审核人 reviewer, 管理员 admin)")
    usub = user.add_subparsers(dest="user_command", required=True)
    p = usub.add_parser("add", help=f"add an account (password from {NEW_PASSWORD_ENV} or a prompt); "
                                    "the first account must be an admin")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--display", default="", metavar="NAME", help="the person's name as shown (and matched against "
                                                                 "case applicants for 回避)")
    p.add_argument("--json", action="store_true", help="(output is always JSON)")
    p.set_defaults(func=_add)
    p = usub.add_parser("list", help="the accounts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_list)
    p = usub.add_parser("passwd", help=f"set a password (from {NEW_PASSWORD_ENV} or a prompt)")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_passwd)
    p = usub.add_parser("disable", help="stop an account from logging in (its audit entries stay)")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_disable)
    p = usub.add_parser("enable", help="let a disabled account log in again")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_enable)
    p = usub.add_parser("role", help="change an account's role (and display name)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--display", default=None, metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_role)
    p = usub.add_parser("whoami", help="who the command runs as")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_whoami)


def _add(args) -> int:
    svc = make_service(args)
    svc.authorize("user.manage")  # log in before asking for the new password
    emit_json(svc.users.add(args.name, args.role, _new_password(args.name), args.display))
    return 0


def _list(args) -> int:
    users = make_service(args).users.list()
    if args.json:
        emit_json(users)
    else:
        for u in users:
            print(f"{u['name']}\t{u['role_label']}\t{u['display_name']}\t{'' if u['active'] else '已停用'}")
    return 0


def _passwd(args) -> int:
    svc = make_service(args)
    svc.current_user()
    emit_json(svc.users.set_password(args.name, _new_password(args.name)))
    return 0


def _disable(args) -> int:
    emit_json(make_service(args).users.disable(args.name))
    return 0


def _enable(args) -> int:
    emit_json(make_service(args).users.enable(args.name))
    return 0


def _role(args) -> int:
    emit_json(make_service(args).users.set_role(args.name, args.role, args.display))
    return 0


def _whoami(args) -> int:
    emit_json(make_service(args).current_user().to_dict())
    return 0
