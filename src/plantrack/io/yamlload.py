"""The one YAML choke point: libyaml speed, source positions, and refusal of hostile input.

libyaml (pyyaml's C parser) composes the node graph; this module then builds plain Python
values itself instead of using pyyaml's constructors, so that no tag ever constructs an
object, duplicate keys are caught, aliases cannot explode, and every value can be traced
back to its line and column. Dates stay strings: the models parse them, so an impossible
date such as 2024-02-30 becomes a located finding instead of a crash.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plantrack.io.limits import DEFAULT_LIMITS, Limits

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_TRUE = {"yes", "true", "on", "y"}
_SPECIAL_FLOATS = {".inf": math.inf, "-.inf": -math.inf, "+.inf": math.inf, ".nan": math.nan}
# The line breaks libyaml counts in its marks; positions computed here must agree with them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

PathKey = str | int


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A problem found while reading a file; ``validate`` turns it into a finding."""

    code: str
    line: int | None = None
    column: int | None = None
    params: dict[str, object] = field(default_factory=dict)
    key_path: tuple[PathKey, ...] = ()


@dataclass(slots=True)
class YamlDoc:
    """A loaded YAML document: its plain data and the node graph that knows positions."""

    data: Any
    root: yaml.Node | None

    def locate(self, path: Sequence[PathKey], *, key: bool = False) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at ``path``, or of its key with ``key``.

        When the path does not exist (a missing key) the deepest existing node is used.
        """
        node = self.root
        if node is None:
            return None
        mark = node.start_mark
        for index, part in enumerate(path):
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            # by position, not value: ("x", "missing", "x") must fall back to x's value
            mark = key_node.start_mark if key and index == len(path) - 1 else node.start_mark
        return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: PathKey) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and _text(key_node) == str(part):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        items = node.value
        return (items[part], items[part]) if 0 <= part < len(items) else None
    return None


def load_yaml_file(
    path: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[YamlDoc | None, list[LoadProblem]]:
    """Read and load ``path``; problems are returned, never raised."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return None, [
                LoadProblem("PT007", params={"size": size, "limit": limits.max_file_bytes})
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [LoadProblem("PT001", params={"reason": exc.strerror or str(exc)})]
    return load_yaml_bytes(raw, limits)


def load_yaml_bytes(
    raw: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[YamlDoc | None, list[LoadProblem]]:
    """Decode, normalise and load one YAML document that must be a mapping."""
    if len(raw) > limits.max_file_bytes:
        return None, [
            LoadProblem("PT007", params={"size": len(raw), "limit": limits.max_file_bytes})
        ]
    text, problems = decode(raw)
    if text is None:
        return None, problems
    doc, more = load_yaml_text(text, limits)
    return doc, problems + more


def decode(raw: bytes) -> tuple[str | None, list[LoadProblem]]:
    """UTF-8 (with or without BOM) to NFC text; UTF-16 is decoded with a warning."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _nfc(raw.decode("utf-16")), [LoadProblem("PT016", 1, 1)]
        except UnicodeDecodeError:
            return None, [LoadProblem("PT002", 1, 1, {"byte": raw[:2].hex()})]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        return None, [
            LoadProblem("PT002", line, column, {"byte": raw[exc.start : exc.start + 1].hex()})
        ]
    return _nfc(text), []


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _text(node: yaml.ScalarNode) -> str:
    """A scalar's text, NFC: the file was normalised, but escapes ("e\\u0301") are expanded
    only by the parser, and only in double-quoted scalars."""
    return _nfc(node.value) if node.style == '"' else str(node.value)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    # everything before the first bad byte is valid UTF-8
    prefix = raw[:offset].decode("utf-8", "replace")
    return _text_position(prefix, len(prefix))


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


def load_yaml_text(
    text: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[YamlDoc | None, list[LoadProblem]]:
    """Compose ``text`` with libyaml and build plain values; the document must be a mapping."""
    nul = text.find("\x00")
    if nul >= 0:
        return None, [LoadProblem("PT015", *_text_position(text, nul))]
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, limits)]
    except yaml.reader.ReaderError as exc:
        # libyaml reads the text as UTF-8: its offset counts bytes, not characters
        offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, column = _text_position(text, offset)
        return None, [LoadProblem("PT003", line, column, {"problem": exc.reason})]
    except yaml.YAMLError as exc:
        return None, [LoadProblem("PT003", 1, 1, {"problem": str(exc).splitlines()[0]})]
    finally:
        loader.dispose()
    if root is None or _is_empty_document(root):
        return None, [LoadProblem("PT009", 1, 1)]
    if not isinstance(root, yaml.MappingNode):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        kind = "sequence" if isinstance(root, yaml.SequenceNode) else "scalar"
        return None, [LoadProblem("PT008", line, column, {"kind": kind})]
    builder = _Builder(limits)
    data = builder.build(root, (), 0)
    doc = YamlDoc(None if builder.fatal else data, root)
    return doc, builder.problems


def _is_empty_document(root: yaml.Node) -> bool:
    """A bare ``---`` (with comments at most): an empty file for the user, not a scalar."""
    return (
        isinstance(root, yaml.ScalarNode)
        and root.tag == f"{_TAG}null"
        and root.value == ""
        and not root.style  # plain: libyaml says "", the Python parser None
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, limits: Limits) -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "syntax error"
    if "another document" in problem or "single document" in (exc.context or ""):
        return LoadProblem("PT010", line, column)
    if "maximum nesting depth" in problem:  # libyaml's own bound (1000) is below our check
        return LoadProblem("PT011", line, column, {"limit": limits.max_depth})
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return LoadProblem("PT018", line, column)
    return LoadProblem("PT003", line, column, {"problem": problem})


class _Builder:
    """Turns a composed node graph into dicts, lists and scalars, checking as it goes."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
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
        return _text(key_node)

    def scalar(self, node: yaml.ScalarNode, path: tuple[PathKey, ...]) -> Any:
        tag, text = node.tag, node.value
        if tag not in _SCALAR_TAGS:
            self.fail("PT005", node, path, tag=tag)
            return None
        if len(text) > self.limits.max_string_chars:
            self.fail("PT014", node, path, length=len(text), limit=self.limits.max_string_chars)
            return None
        if tag.endswith(":str") or tag.endswith(":timestamp"):
            return _text(node)
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return text.lower() in _TRUE
        if tag.endswith(":int"):
            return _to_int(text)
        return _to_float(text)


def _to_int(text: str) -> int | str:
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("+-")
    try:
        if value.startswith("0b"):
            return sign * int(value[2:], 2)
        if value.startswith("0x"):
            return sign * int(value[2:], 16)
        if value.startswith("0o"):
            return sign * int(value[2:], 8)
        if len(value) > 1 and value.startswith("0"):
            return sign * int(value, 8)
        if ":" in value:
            return sign * _sexagesimal(value)
        return sign * int(value)
    except ValueError:
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


def _sexagesimal(value: str) -> int:
    total = 0
    for part in value.split(":"):
        total = total * 60 + int(part)
    return total
