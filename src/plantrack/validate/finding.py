"""A finding: one located data problem with a stable code, returned as data, never raised."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file, with its place, its code and bilingual text."""

    code: str
    severity: Severity
    path: str
    line: int | None
    column: int | None
    key: str
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""

    def message(self, lang: str = "vi") -> str:
        """The message in ``lang`` (``vi`` or ``en``)."""
        return self.message_en if lang == "en" else self.message_vi

    def hint(self, lang: str = "vi") -> str:
        """The hint in ``lang``; may be empty."""
        return self.hint_en if lang == "en" else self.hint_vi

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return asdict(self)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, code."""
        return (self.path, self.line or 0, self.column or 0, self.code)


def format_key(path: tuple[str | int, ...] | list[str | int]) -> str:
    """``("tasks", 3, "state")`` → ``tasks[3].state``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def count(findings: list[Finding]) -> tuple[int, int]:
    """Number of errors and of warnings."""
    errors = sum(1 for f in findings if f.severity == "error")
    return errors, len(findings) - errors
