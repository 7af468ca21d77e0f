"""The ``mianze`` command line. Every subcommand calls the service API.

Conventions: UTF-8 JSON on stdout and exit 0; bad input -> exit 2 with a one-line
error on stderr. Each area registers its subcommands from its own module.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any, Optional

# Modules that define ``register(subparsers)``; each adds its own subcommands.
COMMAND_MODULES = [
    "policy_cmd",
    "case_cmd",
    "db_cmd",
    "print_cmd",
    "ledger_cmd",
    "user_cmd",
]


class CliError(Exception):
    """Raised by subcommands for bad input; printed as one line, exit 2."""


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def read_json_file(path: str) -> Any:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return json.load(fh)
    except OSError as exc:
        raise CliError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: file is not UTF-8 text") from None


def make_service(args):
    from ..service import Service
    from .user_cmd import password_source

    return Service(data_dir=args.data_dir, database_url=getattr(args, "database_url", None),
                   user=getattr(args, "user", None), password=password_source(args))


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's usage errors follow the exit-2 one-line convention
        raise CliError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mianze", description="社会救助容错纠错 / 尽职免责 — command line")
    parser.add_argument("--data-dir", help="data folder (database, attachments, backups)")
    parser.add_argument("--database-url", help="e.g. postgresql://user@host/db (default: SQLite in the data dir)")
    parser.add_argument("--user", help="account name, when accounts exist (password from MIANZE_PASSWORD)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    from ..service.errors import ServiceError

    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.version:
            from .. import __version__

            print(__version__)
            return 0
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.func(args) or 0)
    except (CliError, ServiceError) as exc:
        print(f"mianze: error: {_one_line(exc)}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        return 130


def _one_line(exc: Exception) -> str:
    return " | ".join(line for line in str(exc).splitlines() if line.strip()) or exc.__class__.__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
