"""What a plain (unquoted) YAML scalar means: the YAML 1.2 core schema.

libyaml tags plain scalars by the YAML 1.1 rules pyyaml keeps, under which ``0050`` is the
octal 40, ``1:20`` the base-60 80, ``yes`` true and ``1_000`` a thousand. plantrack reads
every plain scalar by the YAML 1.2 core schema instead, as current editors, linters and
other YAML libraries do, and the loader reports a warning (PT020) wherever the two readings
differ, so nobody is surprised either way:

=============  ===============  ======================
plain scalar   YAML 1.2 (read)  YAML 1.1 (warned about)
=============  ===============  ======================
``0050``       50               40
``0o17``       15               text ``0o17``
``0x1F``       31               31
``1:20``       text ``1:20``    80
``1_000``      text ``1_000``   1000
``.5``         0.5              0.5
``+1``         1                1
``1e3``        1000.0           text ``1e3``
``yes``/``no``  text             true / false
=============  ===============  ======================

Integers are bounded before anything converts them to text: one of more than
:data:`MAX_INT_DIGITS` digits is read as a float (the largest float past the float range, so
that it reads as a number, not as infinity), which the models then refuse as out of range
(PT107), never an internal error.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any

# 18 digits hold every count, amount or score a plan has, and stay exact in an int
MAX_INT_DIGITS = 18

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o([0-7]+)")
_INT16 = re.compile(r"0x([0-9a-fA-F]+)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_NOT_TEXT = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_INT10, _INT8, _INT16, _FLOAT, _INF, _NAN))
)
"""Any of the forms above: one match tells text (most plain scalars that start like a number,
such as ``19/CV-UBND`` or ``0235 3849983``) from what needs the forms tried one by one."""


def bounded_int(digits: str, base: int = 10, sign: int = 1) -> int | float:
    """``digits`` in ``base`` as an int, or as a float when there are too many of them
    (a float is never too long for text; past its range, the largest float). ``ValueError``
    when ``digits`` are not digits of ``base``."""
    if not digits or not digits.isascii() or not digits.isalnum():
        raise ValueError(digits)
    digits = digits.lstrip("0") or "0"
    if len(digits) <= MAX_INT_DIGITS:
        return sign * int(digits, base)
    if base == 10:
        value = float(digits)  # float() has no digit limit; past its range, inf
    elif len(digits) * {2: 1, 8: 3, 16: 4}[base] > 1100:  # past the float range anyway
        value = math.inf
    else:
        value = float(int(digits, base))
    return sign * min(value, sys.float_info.max)


def core_value(text: str) -> Any:
    """The value of the plain scalar ``text`` under the YAML 1.2 core schema."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _NOT_TEXT.fullmatch(text) is None:
        return text
    if _INT10.fullmatch(text):
        sign = -1 if text.startswith("-") else 1
        return bounded_int(text.lstrip("+-"), 10, sign)
    if match := _INT8.fullmatch(text):
        return bounded_int(match.group(1), 8)
    if match := _INT16.fullmatch(text):
        return bounded_int(match.group(1), 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if match := _INF.fullmatch(text):
        return -math.inf if match.group(1) == "-" else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def same_value(first: Any, second: Any) -> bool:
    """Equal and of the same kind (``1`` is not ``True``, nor ``1.0``; NaN equals NaN)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    return bool(first == second)
