"""Load and validate policy pack files, with errors that name file, line and field."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from .schema import UNBALANCED_MESSAGE, Pack, PackCrossRefError, cross_reference_problems


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



# -- YAML syntax errors: the right line, the enclosing field, a hint ----------
_YAML_HINTS = (
    ("could not find expected ':'",
     "each line needs `key: value` with an ASCII colon and a space (a full-width '：' or a missing space does "
     "not count), or a multi-line text that is not indented under its key"),
    ("mapping values are not allowed here",
     "text containing ': ' (colon and space) must be put in double quotes, or this line is indented unevenly"),
    ("cannot start any token", "indent with ordinary spaces, never with tabs"),
    ("expected <block end>", "this line is indented differently from the lines around it"),
    ("found duplicate anchor", "'&' or '*' at the start of a text: put the text in double quotes"),
    ("found undefined alias", "'*' at the start of a text: put the text in double quotes"),
    ("found unknown escape character", "a backslash inside double quotes: use single quotes or no quotes"),
    ("expected ',' or ']'", "an inline list [a, b] is not closed, or an item needs double quotes"),
    ("expected ',' or '}'", "an inline mapping {a: b} is not closed, or a value needs double quotes"),
)


def _bad_indent_line(text: str, around: int) -> int:
    """A line near ``around`` indented with a tab or a full-width space (U+3000), or 0."""
    lines = text.splitlines()
    for number in (around - 1, around):
        if 1 <= number <= len(lines):
            indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip(" \t\u3000"))]
            if "\t" in indent or "\u3000" in indent:
                return number
    return 0


def _yaml_field_at(text: str, line: int, error_line: int) -> str:
    """The field whose value the parser was reading when it failed at ``error_line`` (best effort), e.g.
    items[8].text; events after ``line`` are not read."""
    stack: list[list] = []  # ["map", key, inside_value, key_line] or ["seq", index]

    def value_done() -> None:
        if stack and stack[-1][0] == "map":
            stack[-1][2] = False

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if event.start_mark.line + 1 > line:
                break
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent,
                                  yaml.SequenceStartEvent)):
                top = stack[-1] if stack else None
                if top and top[0] == "map" and not top[2]:
                    top[1], top[2], top[3] = getattr(event, "value", None), True, event.start_mark.line + 1
                    if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                        break  # complex keys are refused anyway
                    continue
                if top and top[0] == "seq":
                    top[1] += 1
                if isinstance(event, yaml.MappingStartEvent):
                    stack.append(["map", None, False, 0])
                elif isinstance(event, yaml.SequenceStartEvent):
                    stack.append(["seq", -1])
                else:
                    value_done()
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                if stack:
                    stack.pop()
                value_done()
    except yaml.YAMLError:
        pass
    parts: list = []
    for frame in stack:
        if frame[0] == "seq":
            if frame[1] >= 0:
                parts.append(frame[1])
        elif frame[1] is not None and (frame[2] or frame is not stack[-1] or frame[3] == error_line):
            parts.append(str(frame[1]))
        elif frame[1] is not None:
            parts.append(f"(after {frame[1]})")
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith("(after"):
            out += (" " if out else "") + part
        else:
            out += ("." if out else "") + part
    return out


def _yaml_problem(text: str, path: str, exc: yaml.YAMLError) -> PackProblem:
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 1
    if context == "while scanning a simple key" and getattr(exc, "context_mark", None):
        line = exc.context_mark.line + 1  # the key without ': ' is on the context line, not the next one
    hint = next((h for needle, h in _YAML_HINTS if needle in problem), "")
    field_line = line
    bad = _bad_indent_line(text, line)
    if bad:
        line, field_line = bad, bad - 1  # the odd indentation makes the parser misread the line itself
        hint = "this line is indented with a tab or a full-width space (　); use ordinary spaces"
    message = f"invalid YAML: {problem}" + (f" — {hint}" if hint else "")
    return PackProblem(path, line, _yaml_field_at(text, field_line, line), message)


def _text_line(text: str, line: int, message: str) -> int:
    """For a misspelt placeholder or a stray brace in a multi-line text, its own line rather than its key's."""
    m = re.search(r"unknown placeholder \{([^}]*)\}", message)
    unbalanced = message == UNBALANCED_MESSAGE
    if not m and not unbalanced:
        return line
    lines = text.splitlines()
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" ")) if 0 < line <= len(lines) else 0
    for number in range(line, len(lines) + 1):
        current = lines[number - 1]
        if number > line and current.strip() and len(current) - len(current.lstrip(" ")) <= indent:
            break  # past the text of this key
        if (m and "{" + m.group(1) + "}" in current) or (unbalanced and current.count("{") != current.count("}")):
            return number
    return line


def parse_pack(text: str, path: str = "<pack>") -> Pack:
    """Parse and validate pack text. Raises PolicyError naming path:line: field."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise PolicyError([_yaml_problem(text, path, exc)]) from None
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        # hostile or odd input that PyYAML's constructors reject without a mark
        raise PolicyError([PackProblem(path, 1, "", f"invalid YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise PolicyError([PackProblem(path, 1, "", "a policy pack must be a YAML mapping (key: value)")])
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        # Field errors stop pydantic before the cross-reference check: run it on the raw data too.
        problems = [PackProblem(path, _text_line(text, _line_of(data, loc), message), _field_name(loc), message)
                    for loc, message in cross_reference_problems(data)]
        for err in exc.errors():
            loc = _clean_loc(err["loc"])
            original = (err.get("ctx") or {}).get("error")
            if isinstance(original, PackCrossRefError):
                for sub_loc, message in original.problems:
                    full = loc + tuple(sub_loc)
                    problems.append(PackProblem(path, _text_line(text, _line_of(data, full), message),
                                                _field_name(full), message))
                continue
            message = err["msg"]
            if err["type"] == "missing":
                message = "required field is missing"
            elif err.get("input", "") is None:
                message = "no value after the colon (fill it in, or delete the line if the field is optional)"
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
