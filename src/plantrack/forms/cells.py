"""Cell values of the form, both ways: how a report value is shown in a cell, and how what an
official typed is read back — a label from the dropdown, a date, a whole number, a document
list — or why it cannot be (a ``CellProblem`` naming a catalogue code)."""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

from plantrack.forms.layout import NO, STATE_LABELS, YES
from plantrack.io.yamlcore import bounded_int
from plantrack.models.common import LegalDoc

EVIDENCE_SEPARATOR = " | "
_DATE_TEXT = re.compile(r"(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO_TEXT = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WHOLE_TEXT = re.compile(r"[+-]?[0-9]+")
_DIGITS = re.compile(r"[0-9]+")


class CellProblem(Exception):
    """Why a cell cannot be read: a catalogue code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def fold(text: str) -> str:
    """Lower case, single spaces, no diacritics: 'Hoàn  thành' and 'hoan thanh' match."""
    base = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    return "".join(ch for ch in base if not unicodedata.combining(ch)).replace("đ", "d")


_STATES = {fold(label): state for state, label in STATE_LABELS.items()} | {
    state: state for state in STATE_LABELS
}
_YES_NO = {fold(YES): True, fold(NO): False}


def show(value: Any) -> str:
    """A cell value as a finding quotes it."""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%Y}"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def text(value: Any) -> str | None:
    """Free text: trimmed, NFC; numbers and dates typed into a text cell become their text."""
    if value is None:
        return None
    if isinstance(value, bool):
        out = YES if value else NO
    elif isinstance(value, dt.datetime | dt.date):
        out = f"{value:%d/%m/%Y}"
    elif isinstance(value, float) and value.is_integer():
        out = str(int(value))
    else:
        out = str(value)
    out = unicodedata.normalize("NFC", out.strip())
    return out or None


def lines(value: Any) -> list[str]:
    """One item per line of the cell, blank lines dropped."""
    whole = text(value)
    if whole is None:
        return []
    # only line feeds (Alt+Enter) separate items: other Unicode breaks stay inside an item
    return [line.strip() for line in whole.split("\n") if line.strip()]


def state(value: Any) -> str | None:
    """A state label from the dropdown (or the YAML word) → ``not-started``/…/``done``."""
    typed = text(value)
    if typed is None:
        return None
    found = _STATES.get(fold(typed))
    if found is None:
        raise CellProblem("PT311", value=show(value), allowed=", ".join(STATE_LABELS.values()))
    return found


def yes_no(value: Any) -> bool | None:
    """``Có``/``Không`` → ``True``/``False``."""
    if value is None or isinstance(value, bool):
        return value
    typed = text(value)
    if typed is None:
        return None
    found = _YES_NO.get(fold(typed))
    if found is None:
        raise CellProblem("PT311", value=show(value), allowed=f"{YES}, {NO}")
    return found


def date(value: Any) -> dt.date | None:
    """A date cell, or text written as a date (``10/09/2024``, ``2024-09-10``)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        typed = text(value)
        if typed is None:
            return None
        parsed = parse_date_text(typed)
        if parsed is not None:
            return parsed
    raise CellProblem("PT312", value=show(value))


def parse_date_text(typed: str) -> dt.date | None:
    """``d/m/yyyy`` (also with ``.`` or ``-``, or a leading 'ngày') or ``yyyy-mm-dd``."""
    try:
        if match := _DATE_TEXT.fullmatch(typed.casefold()):
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if match := _ISO_TEXT.fullmatch(typed):
            return dt.date.fromisoformat(typed)
    except ValueError:
        return None
    return None


def whole(value: Any) -> int | None:
    """A whole number (progress): a number cell, or digits typed as text (``50%`` too)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return _bounded(value)
    if isinstance(value, float) and value.is_integer():
        return _bounded(int(value))
    if isinstance(value, str):
        typed = (text(value) or "").removesuffix("%").strip()
        if not typed:
            return None
        if _WHOLE_TEXT.fullmatch(typed):
            sign = -1 if typed.startswith("-") else 1
            return _bounded(bounded_int(typed.lstrip("+-"), 10, sign))
    raise CellProblem(
        "PT313", value=show(value), expected="số nguyên", expected_en="a whole number"
    )


def number(value: Any) -> float | None:
    """An indicator value: a number cell, or plain digits typed as text (``1.234,5`` is
    refused rather than guessed: the dot may separate thousands)."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _finite_float(value)
    if isinstance(value, str):
        typed = text(value)
        if typed is None:
            return None
        if _DIGITS.fullmatch(typed):
            return _finite_float(bounded_int(typed))
    raise CellProblem("PT313", value=show(value), expected="số", expected_en="a number")


def _bounded(value: int | float) -> int:
    """A whole number no larger than any the models accept by far, so that it is never too
    long to turn into text (Python refuses ints of more than 4,300 digits)."""
    limit = 10**18
    return int(max(-limit - 1, min(limit + 1, value)))


def _finite_float(value: int | float) -> float:
    """``value`` as a float; one past the float range as the largest float (out of range for
    the models, PT107), never an overflow."""
    try:
        return float(value)
    except OverflowError:
        return sys.float_info.max if value > 0 else -sys.float_info.max


def _escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|")


def format_evidence(docs: Iterable[LegalDoc]) -> str:
    """One document per line: ``số | dd/mm/yyyy | trích yếu``, with the issuer before the
    title when known; ``|`` and ``\\`` inside a field are escaped with ``\\``."""
    out = []
    for doc in docs:
        parts = [doc.number or "", f"{doc.date:%d/%m/%Y}" if doc.date else ""]
        if doc.issuer is not None:
            parts.append(doc.issuer or "")
        parts.append(doc.title)
        out.append(EVIDENCE_SEPARATOR.join(_escape(p) for p in parts))
    return "\n".join(out)


def _split(line: str) -> list[str]:
    """Split on ``|`` not preceded by ``\\``; ``\\|`` and ``\\\\`` stand for themselves."""
    parts, current, index = [], [], 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line) and line[index + 1] in "\\|":
            current.append(line[index + 1])
            index += 2
            continue
        if char == "|":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current).strip())
    return parts


def evidence(value: Any) -> list[dict[str, Any]]:
    """The documents of an evidence cell, as report data (``number``, ``date``, ``issuer``,
    ``title``). One part is a title; two, a number or date and a title; three, number, date,
    title; four, number, date, issuer, title."""
    docs = []
    for line_no, line in enumerate(lines(value), start=1):
        parts = _split(line)
        if len(parts) > 4:
            raise CellProblem("PT314", nth=line_no, reason="quá 4 phần", reason_en="over 4 parts")
        doc: dict[str, Any] = {"title": parts[-1] or None}
        head = parts[:-1]
        if len(head) == 1:
            first = head[0]
            when = parse_date_text(first)
            head = ["", first] if when is not None else [first, ""]
        if head:
            doc["number"] = head[0] or None
            if head[1]:
                when = parse_date_text(head[1])
                if when is None:
                    raise CellProblem("PT312", value=f"{head[1]} (dòng {line_no})")
                doc["date"] = when
        if len(head) == 3:
            doc["issuer"] = head[2] or None
        if doc["title"] is None:
            raise CellProblem("PT314", nth=line_no, reason="thiếu trích yếu", reason_en="no title")
        docs.append({k: v for k, v in doc.items() if v is not None})
    return docs
