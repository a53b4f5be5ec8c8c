"""A report as the YAML file a unit would write: the schema line, keys in the model's order,
empty values left out, multi-line text as literal blocks, Unicode NFC."""

from __future__ import annotations

import unicodedata
from typing import Any

from plantrack.io.yamlwrite import dump_block
from plantrack.models import Report

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/report.schema.json\n"


def _number(value: float | None) -> float | int | None:
    """``120.0`` is written ``120``, as a person would."""
    if value is not None and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _prune(value: Any) -> Any:
    """Drop ``None`` and empty lists from dicts, recursively; normalise text to NFC."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            pruned = _prune(item)
            if pruned is not None and pruned != []:
                out[key] = pruned
        return out
    if isinstance(value, list):
        return [_prune(item) for item in value]
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data in field order. Explicit ``null`` indicator values and an
    empty ``narrative`` are kept: they are what the unit wrote."""
    raw = report.model_dump()
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "indicators":
            if value:
                out[key] = {k: _number(v) for k, v in value.items()}
        elif key == "narrative":
            if value is not None:
                out[key] = _prune(value)
        else:
            pruned = _prune(value)
            if pruned is not None and pruned != []:
                out[key] = pruned
    return out


def report_yaml(report: Report) -> str:
    """The report's YAML text, schema line first."""
    body = dump_block(report_data(report))
    return SCHEMA_LINE + unicodedata.normalize("NFC", body)
