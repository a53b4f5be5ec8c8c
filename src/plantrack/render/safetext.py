"""Text for a terminal: every field from data or git (file names, author names and emails,
commit messages, report text) printed so that it cannot forge a line or send an escape
sequence. Control characters, line breaks and bidirectional overrides are shown as visible
escapes (``\\n``, ``\\x1b``, ``\\u202e``); everything else, Vietnamese included, is kept."""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """``text`` as one safe terminal line."""
    return _UNSAFE.sub(_visible, text)


def terminal_lines(lines: Iterable[str]) -> str:
    """Each of ``lines`` made safe, joined by line breaks, with a final one."""
    return "\n".join(terminal(line) for line in lines) + "\n"
