"""Build plain Python values from a libyaml node graph, checking as it goes.

No tag ever constructs an object; duplicate keys, merge keys, recursive or exploding aliases,
too-deep nesting and oversized strings become problems with their line and column. Plain
scalars mean what the YAML 1.2 core schema says (:mod:`yamlcore`), with a warning (PT020)
where YAML 1.1 reads them differently.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from plantrack.io.limits import Limits
from plantrack.io.yamlcore import bounded_int, core_value, same_value

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_TRUE = {"yes", "true", "on", "y"}
_SPECIAL_FLOATS = {".inf": math.inf, "-.inf": -math.inf, "+.inf": math.inf, ".nan": math.nan}

PathKey = str | int


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A problem found while reading a file; ``validate`` turns it into a finding."""

    code: str
    line: int | None = None
    column: int | None = None
    params: dict[str, object] = field(default_factory=dict)
    key_path: tuple[PathKey, ...] = ()


def nfc(text: str) -> str:
    """``text`` in Unicode NFC (checked first: most text already is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def text_of(node: yaml.ScalarNode) -> str:
    """A scalar's text, NFC: the file was normalised, but escapes ("e\\u0301") are expanded
    only by the parser, and only in double-quoted scalars."""
    return nfc(node.value) if node.style == '"' else str(node.value)


class NodeBuilder:
    """Turns a composed node graph into dicts, lists and scalars, checking as it goes."""

    def __init__(self, limits: Limits, source: str = "") -> None:
        self.limits = limits
        self.source = source  # the text composed, to tell an explicit tag from a resolved one
        self.problems: list[LoadProblem] = []
        self.fatal = False
        self.built: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.active: set[int] = set()
        self.aliases = 0
        self.total = 0

    def fail(self, code: str, node: yaml.Node, path: tuple[PathKey, ...], **params: object) -> None:
        self.fatal = True
        mark = node.start_mark
        self.problems.append(LoadProblem(code, mark.line + 1, mark.column + 1, params, path))

    def build(self, node: yaml.Node, path: tuple[PathKey, ...], depth: int) -> Any:
        if self.fatal:
            return None
        ident = id(node)
        if ident in self.active:
            self.fail("PT006", node, path, reason="recursive alias")
            return None
        if ident in self.built:
            return self._reuse(node, path)
        if depth > self.limits.max_depth:
            self.fail("PT011", node, path, limit=self.limits.max_depth)
            return None
        self.active.add(ident)
        if isinstance(node, yaml.ScalarNode):
            value, size = self.scalar(node, path), 1
        elif isinstance(node, yaml.SequenceNode):
            value, size = self.sequence(node, path, depth)
        else:
            value, size = self.mapping(node, path, depth)
        self.active.discard(ident)
        self.built[ident] = value
        self.sizes[ident] = size
        self.total += 1
        return value

    def _reuse(self, node: yaml.Node, path: tuple[PathKey, ...]) -> Any:
        self.aliases += 1
        self.total += self.sizes[id(node)]
        if self.aliases > self.limits.max_aliases:
            self.fail("PT006", node, path, reason=f"more than {self.limits.max_aliases} aliases")
            return None
        if self.total > self.limits.max_nodes:
            self.fail(
                "PT006", node, path, reason=f"expands to more than {self.limits.max_nodes} values"
            )
            return None
        return self.built[id(node)]

    def sequence(
        self, node: yaml.Node, path: tuple[PathKey, ...], depth: int
    ) -> tuple[list[Any], int]:
        if node.tag != f"{_TAG}seq":
            self.fail("PT005", node, path, tag=node.tag)
        items: list[Any] = []
        size = 1
        for index, child in enumerate(node.value):
            items.append(self.build(child, (*path, index), depth + 1))
            size += self.sizes.get(id(child), 1)
        return items, size

    def mapping(
        self, node: yaml.Node, path: tuple[PathKey, ...], depth: int
    ) -> tuple[dict[str, Any], int]:
        if node.tag != f"{_TAG}map":
            self.fail("PT005", node, path, tag=node.tag)
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        size = 1
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            if key in result or key in first_line:
                mark = key_node.start_mark
                self.problems.append(
                    LoadProblem(
                        "PT004",
                        mark.line + 1,
                        mark.column + 1,
                        {"key": key, "first_line": first_line[key]},
                        (*path, key),
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key), depth + 1)
            size += self.sizes.get(id(value_node), 1)
        return result, size

    def key(self, key_node: yaml.Node, path: tuple[PathKey, ...]) -> str | None:
        if not isinstance(key_node, yaml.ScalarNode):
            self.fail("PT017", key_node, path)
            return None
        if key_node.tag == f"{_TAG}merge":
            self.fail("PT012", key_node, path)
            return None
        if key_node.tag not in _SCALAR_TAGS:
            self.fail("PT005", key_node, path, tag=key_node.tag)
            return None
        if len(key_node.value) > self.limits.max_string_chars:  # explicit '? key' has no bound
            length = len(key_node.value)
            self.fail("PT014", key_node, path, length=length, limit=self.limits.max_string_chars)
            return None
        return text_of(key_node)

    def scalar(self, node: yaml.ScalarNode, path: tuple[PathKey, ...]) -> Any:
        tag, text = node.tag, node.value
        if tag not in _SCALAR_TAGS:
            self.fail("PT005", node, path, tag=tag)
            return None
        if len(text) > self.limits.max_string_chars:
            self.fail("PT014", node, path, length=len(text), limit=self.limits.max_string_chars)
            return None
        old = _yaml11(tag, node)
        if node.style or not self._resolved(node, tag):
            return old  # quoted, or tagged explicitly: no schema decides
        new = core_value(text)
        if not same_value(old, new) and not tag.endswith(":timestamp"):
            mark = node.start_mark
            params = {"value": text, "yaml11": _shown(old), "yaml12": _shown(new)}
            self.problems.append(LoadProblem("PT020", mark.line + 1, mark.column + 1, params, path))
        return old if tag.endswith(":timestamp") else new

    def _resolved(self, node: yaml.ScalarNode, tag: str) -> bool:
        """The plain scalar's tag came from the resolver, not from an explicit ``!!tag``.

        Only scalars that could mean something other than text are looked at (text that
        YAML 1.2 also reads as text is most of every file)."""
        if tag.endswith(":str") and node.value[:1] not in _MAYBE_NOT_TEXT:
            return False
        start, end = node.start_mark.index, node.end_mark.index
        before = self.source[start:end][: max(0, end - start - len(node.value))]
        return "!" not in before


# the first characters of the plain scalars YAML 1.2 reads as something else than text
_MAYBE_NOT_TEXT = set("0123456789+-.~nNtTfF")


def _yaml11(tag: str, node: yaml.ScalarNode) -> Any:
    """The value under the scalar's own tag, as YAML 1.1 would build it."""
    if tag.endswith(":str") or tag.endswith(":timestamp"):
        return text_of(node)
    return yaml11_value(tag, node.value)


def yaml11_value(tag: str, text: str) -> Any:
    """A plain scalar tagged null, bool, int or float, as YAML 1.1 would build it."""
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() in _TRUE
    if tag.endswith(":int"):
        return _to_int(text)
    return _to_float(text)


def _shown(value: Any) -> str:
    """A value as the PT020 message names it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value) if isinstance(value, float) else str(value)


def _to_int(text: str) -> int | float | str:
    """YAML 1.1's ``!!int`` (binary, octal with a leading 0, hex, base 60, ``_`` separators),
    bounded like every integer (:func:`bounded_int`)."""
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("+-")
    try:
        if value.startswith(("0b", "0x", "0o")):
            return bounded_int(value[2:], {"b": 2, "x": 16, "o": 8}[value[1]], sign)
        if len(value) > 1 and value.startswith("0"):
            return bounded_int(value, 8, sign)
        if ":" in value:
            return sign * _sexagesimal(value)
        return bounded_int(value, 10, sign)
    except (ValueError, KeyError):
        return text


def _to_float(text: str) -> float | str:
    value = text.replace("_", "").lower()
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    try:
        if ":" in value:
            # YAML 1.1 base 60: only the last part may have a fraction (190:20:30.15)
            sign = -1.0 if value.startswith("-") else 1.0
            *whole, last = value.lstrip("+-").split(":")
            return sign * (_sexagesimal(":".join(whole)) * 60 + float(last))
        return float(value)
    except (ValueError, OverflowError):  # OverflowError: !!float 1:2:3:… past float range
        return text


def _sexagesimal(value: str) -> int | float:
    total = 0
    for part in value.split(":"):
        total = total * 60 + int(part)
        if total > 10**18:  # bounded like every integer
            return float("inf")
    return total
