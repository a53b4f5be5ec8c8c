"""The one YAML choke point: libyaml speed, source positions, and refusal of hostile input.

libyaml (pyyaml's C parser) composes the node graph; this module then builds plain Python
values itself instead of using pyyaml's constructors, so that no tag ever constructs an
object, duplicate keys are caught, aliases cannot explode, and every value can be traced
back to its line and column. Dates stay strings: the models parse them, so an impossible
date such as 2024-02-30 becomes a located finding instead of a crash.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plantrack.io import readlog
from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.yamlbuild import _TAG, LoadProblem, NodeBuilder, PathKey, nfc, text_of
from plantrack.io.yamlfast import Loader, plain_values

__all__ = [
    "LoadProblem",
    "PathKey",
    "YamlDoc",
    "load_yaml_bytes",
    "load_yaml_file",
    "load_yaml_text",
    "read_bounded",
]

# The line breaks libyaml counts in its marks; positions computed here must agree with them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


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
            if isinstance(key_node, yaml.ScalarNode) and text_of(key_node) == str(part):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        items = node.value
        return (items[part], items[part]) if 0 <= part < len(items) else None
    return None


def load_yaml_file(
    path: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[YamlDoc | None, list[LoadProblem]]:
    """Read and load ``path``; problems are returned, never raised."""
    raw, problems = read_bounded(path, limits)
    return (None, problems) if raw is None else load_yaml_bytes(raw, limits)


def read_bounded(
    path: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[bytes | None, list[LoadProblem]]:
    """The bytes of ``path``, or why not: never opens what is not a regular file (a named
    pipe or a device would block or never end: PT001), refuses a file over the size limit
    before opening it (PT007), and never reads past the limit if the file grows meanwhile."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [LoadProblem("PT001", params={"reason": "not a regular file"})]
        if info.st_size > limits.max_file_bytes:
            return None, [
                LoadProblem("PT007", params={"size": info.st_size, "limit": limits.max_file_bytes})
            ]
        with path.open("rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
        readlog.note(path, raw)
        return raw, []
    except OSError as exc:
        return None, [LoadProblem("PT001", params={"reason": exc.strerror or str(exc)})]


def load_yaml_bytes(
    raw: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[YamlDoc | None, list[LoadProblem]]:
    """Decode, normalise and load one YAML document that must be a mapping."""
    if len(raw) > limits.max_file_bytes:
        return None, [
            LoadProblem("PT007", params={"size": len(raw), "limit": limits.max_file_bytes})
        ]
    text, problems, utf8 = _decoded(raw)
    if text is None:
        return None, problems
    doc, more = _load(text, utf8, limits)
    return doc, problems + more


def decode(raw: bytes) -> tuple[str | None, list[LoadProblem]]:
    """UTF-8 (with or without BOM) to NFC text; UTF-16 is decoded with a warning."""
    text, problems, _ = _decoded(raw)
    return text, problems


def _decoded(raw: bytes) -> tuple[str | None, list[LoadProblem], bytes | None]:
    """``decode``, and the text's UTF-8 when the file holds it as it is (no BOM, already NFC:
    nearly every file), which libyaml then reads without the text being encoded again."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return nfc(raw.decode("utf-16")), [LoadProblem("PT016", 1, 1)], None
        except UnicodeDecodeError:
            return None, [LoadProblem("PT002", 1, 1, {"byte": raw[:2].hex()})], None
    codec = _utf16_without_bom(raw)
    if codec is not None:
        return nfc(raw.decode(codec)), [LoadProblem("PT016", 1, 1)], None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        # hardening: a workbook or image saved as .yaml is a binary file (PT015), not a text
        # in the wrong encoding (PT002), whichever of a NUL or a bad byte comes first
        return None, [LoadProblem("PT015", *_byte_position(raw, nul))], None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        byte = raw[exc.start : exc.start + 1].hex()
        return None, [LoadProblem("PT002", line, column, {"byte": byte})], None
    normal = nfc(text)
    # not after a second BOM: libyaml would take it as the encoding's mark, not as text
    same = normal is text and not raw.startswith(_BOMS)
    return normal, [], raw if same else None


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _utf16_without_bom(raw: bytes) -> str | None:
    """The codec of a UTF-16 file saved without a BOM, told by the NUL byte of each of its
    first two characters (a YAML file starts with ASCII), if it decodes; else ``None``."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    if raw[1] == raw[3] == 0 and raw[0] and raw[2]:
        codec = "utf-16-le"
    elif raw[0] == raw[2] == 0 and raw[1] and raw[3]:
        codec = "utf-16-be"
    else:
        return None
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    # bytes before ``offset`` that are not UTF-8 count as one character each
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
    return _load(text, None, limits)


def _load(
    text: str, utf8: bytes | None, limits: Limits
) -> tuple[YamlDoc | None, list[LoadProblem]]:
    """``load_yaml_text``; libyaml reads ``utf8`` when given (``text`` encoded, without BOM),
    else ``text`` (which it encodes to UTF-8 first: the same bytes, the same marks)."""
    nul = text.find("\x00")
    if nul >= 0:
        return None, [LoadProblem("PT015", *_text_position(text, nul))]
    loader = Loader(text if utf8 is None else utf8)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, limits)]
    except yaml.reader.ReaderError as exc:
        # libyaml reads the text as UTF-8: its offset counts bytes, not characters
        offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, column = _text_position(text, offset)
        return None, [_syntax_error(line, column, exc.reason)]
    except yaml.YAMLError as exc:
        return None, [_syntax_error(1, 1, str(exc).splitlines()[0])]
    finally:
        loader.dispose()
    if root is None or _is_empty_document(root):
        return None, [LoadProblem("PT009", 1, 1)]
    if not isinstance(root, yaml.MappingNode):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        kind = "sequence" if isinstance(root, yaml.SequenceNode) else "scalar"
        kind_vi = {"sequence": "một danh sách", "scalar": "một giá trị đơn"}[kind]  # hardening
        return None, [LoadProblem("PT008", line, column, {"kind": kind_vi, "kind_en": kind})]
    data = plain_values(root, text, limits)
    if data is not None:
        return YamlDoc(data, root), []
    builder = NodeBuilder(limits, text)  # something to say, or aliases to count
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


# Constructs whose error libyaml finds only lines later (an unclosed quote or bracket at the
# end of the file, a key without ':' on the next line): the finding points where they start.
_OPENED = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, limits: Limits) -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark
    if (
        opened is not None
        and mark is not None
        and (exc.context or "").startswith(_OPENED)
        and mark.line > opened.line
    ):
        mark = opened  # hardening: the unclosed quote, not the end of the file
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "syntax error"
    if "another document" in problem or "single document" in (exc.context or ""):
        return LoadProblem("PT010", line, column)
    if "maximum nesting depth" in problem:  # libyaml's own bound (1000) is below our check
        return LoadProblem("PT011", line, column, {"limit": limits.max_depth})
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return LoadProblem("PT018", line, column)
    return _syntax_error(line, column, problem)


# hardening: libyaml's problems said in Vietnamese, for the clerk who reads the finding
# (first match by prefix; PT003's English message keeps libyaml's own words)
_PROBLEMS_VI = (
    (
        "did not find expected key",
        "thụt lề lệch, hoặc thiếu khóa: các khóa cùng cấp phải thẳng cột",
    ),
    ("could not find expected ':'", "thiếu dấu ':' sau khóa"),
    (
        "mapping values are not allowed",
        "dấu ':' không được phép ở đây: thụt lề sai, hoặc giá trị có ': ' chưa đặt trong nháy kép",
    ),
    ("did not find expected ',' or '}'", "dấu '{' chưa được đóng bằng '}', hoặc thiếu dấu ','"),
    ("did not find expected ',' or ']'", "dấu '[' chưa được đóng bằng ']', hoặc thiếu dấu ','"),
    (
        "did not find expected '-' indicator",
        "thụt lề lệch trong danh sách: các mục '-' phải thẳng cột",
    ),
    (
        "block sequence entries are not allowed",
        "không được mở danh sách '-' ở đây: kiểm tra thụt lề",
    ),
    ("did not find expected node content", "thiếu giá trị ở đây"),
    ("did not find expected <document start>", "nội dung thừa ở cuối: kiểm tra thụt lề"),
    ("did not find expected comment or line break", "ký tự thừa sau giá trị (sau dấu nháy đóng?)"),
    ("found unexpected end of stream", "dấu nháy được mở nhưng không được đóng"),
    ("found unexpected document indicator", "dòng '---' hoặc '...' nằm giữa một giá trị"),
    ("found unexpected ':'", "dấu ':' không đúng chỗ: đặt giá trị trong nháy kép"),
    (
        "found unknown escape character",
        "sau '\\' là ký tự không hợp lệ: dùng nháy đơn thay nháy kép",
    ),
    ("found invalid Unicode character escape code", "mã Unicode sau '\\u' không hợp lệ"),
    (
        "found character that cannot start any token",
        "ký tự không được đứng đầu giá trị (như '@' hoặc '`'): đặt giá trị trong nháy kép",
    ),
    ("found undefined alias", "bí danh '*…' không trỏ tới neo '&…' nào"),
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không in được"),
    ("special characters are not allowed", "tệp chứa ký tự điều khiển không in được"),
    (
        "did not find expected alphabetic or numeric",
        "tên sau '&' hoặc '*' không hợp lệ: dùng nháy kép",
    ),
    ("did not find expected whitespace or line break", "thiếu dấu cách sau ký hiệu"),
    ("found unknown directive name", "dòng bắt đầu bằng '%' không hợp lệ: đặt trong nháy kép"),
)


def _syntax_error(line: int, column: int, problem: str) -> LoadProblem:
    vi = next((v for en, v in _PROBLEMS_VI if problem.startswith(en)), "cấu trúc không hợp lệ")
    return LoadProblem("PT003", line, column, {"problem": vi, "problem_en": problem})
