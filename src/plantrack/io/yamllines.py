"""Edits of a YAML file's text line by line, so that everything else in it stays exactly as
its authors wrote it: comments, quoting, key order, blank lines, line endings."""

from __future__ import annotations

import re

_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:(?P<rest>.*?)(?P<eol>\r?\n)?$")
_DIRECTIVE = ("%", "---")


def top_scalar(text: str, key: str) -> tuple[str | None, int | None]:
    """The plain value of top-level ``key`` (its comment dropped) and its 1-based line."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TOP_KEY.match(line)
        if match and match.group("key") == key:
            value = match.group("rest").split(" #", 1)[0].strip()
            return value.strip("'\""), number
    return None, None


def set_top_scalar(text: str, key: str, value: str) -> str:
    """``text`` with top-level ``key`` set to ``value``: the key's line rewritten in place
    (its trailing comment kept), or a new line before the first top-level key."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for index, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if match and match.group("key") == key:
            comment = match.group("rest").partition(" #")[2]
            tail = f"  #{comment}" if comment else ""
            lines[index] = f"{key}: {value}{tail}{match.group('eol') or ''}"
            return "".join(lines)
    for index, line in enumerate(lines):
        if _TOP_KEY.match(line) and not line.startswith(_DIRECTIVE):
            lines.insert(index, f"{key}: {value}{newline}")
            return "".join(lines)
    return text + ("" if not text or text.endswith("\n") else newline) + f"{key}: {value}{newline}"
