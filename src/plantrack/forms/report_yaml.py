"""A report as the YAML file a unit would write: the schema line, keys in the model's order,
empty values left out, multi-line text as literal blocks, Unicode NFC."""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml

from plantrack.models import Report

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/report.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Block style with sequences indented under their key, as the repository's files are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # pyyaml falls back to quoting when a literal block cannot hold the text exactly
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


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
    body = yaml.dump(
        report_data(report),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return SCHEMA_LINE + unicodedata.normalize("NFC", body)
