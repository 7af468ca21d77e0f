"""Load and validate policy pack files, with errors that name file, line and field."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from .schema import Pack, PackCrossRefError, cross_reference_problems


@dataclass(frozen=True)
class PackProblem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        if self.path.startswith("<"):
            return f"{where}{self.message}"
        if not self.line:
            return f"{self.path}: {where}{self.message}"
        return f"{self.path}:{self.line}: {where}{self.message}"


class PolicyError(Exception):
    """A policy pack could not be loaded. ``problems`` lists every error found."""

    def __init__(self, problems: list[PackProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# -- YAML with line numbers -------------------------------------------------
class _LineDict(dict):
    line = 0
    key_lines: dict


class _LineList(list):
    line = 0
    item_lines: list


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    result = _LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LineList:
    result = _LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Keep dates as text: PyYAML raises a bare ValueError for 2026-13-45, while the
    # schema reports an impossible date against its field and line.
    return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _line_of(data: Any, loc: Iterable) -> int:
    """The line of the deepest node reachable along ``loc``."""
    line = getattr(data, "line", 1) or 1
    node = data
    for part in loc:
        if isinstance(node, _LineDict) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, _LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def _field_name(loc: Iterable) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _clean_loc(loc: tuple) -> tuple:
    # pydantic puts validator names such as 'function-after[...]' into locations.
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))


def parse_pack(text: str, path: str = "<pack>") -> Pack:
    """Parse and validate pack text. Raises PolicyError naming path:line: field."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise PolicyError([PackProblem(path, line, "", f"invalid YAML: {reason}")]) from None
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        # hostile or odd input that PyYAML's constructors reject without a mark
        raise PolicyError([PackProblem(path, 1, "", f"invalid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise PolicyError([PackProblem(path, 1, "", "a policy pack must be a YAML mapping (key: value)")])
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        # Field errors stop pydantic before the cross-reference check: run it on the raw data too.
        problems = [PackProblem(path, _line_of(data, loc), _field_name(loc), message)
                    for loc, message in cross_reference_problems(data)]
        for err in exc.errors():
            loc = _clean_loc(err["loc"])
            original = (err.get("ctx") or {}).get("error")
            if isinstance(original, PackCrossRefError):
                for sub_loc, message in original.problems:
                    full = loc + tuple(sub_loc)
                    problems.append(PackProblem(path, _line_of(data, full), _field_name(full), message))
                continue
            message = err["msg"]
            if err["type"] == "missing":
                message = "required field is missing"
            elif err["type"] == "extra_forbidden":
                message = "unknown field (check the spelling against docs/policy-format.md)"
            problems.append(PackProblem(path, _line_of(data, loc), _field_name(loc), message))
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda p: p.line)
        raise PolicyError(unique) from None


def load_pack_file(path: str | Path) -> Pack:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError([PackProblem(str(path), 0, "", f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError([PackProblem(str(path), line, "", "file is not UTF-8 text")]) from None
    return parse_pack(text, str(path))
