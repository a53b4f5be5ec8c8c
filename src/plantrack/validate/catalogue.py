"""The catalogue of every finding code: severity, Vietnamese and English text, and a hint.

The entries live in ``catalogue.yaml`` beside this module (data, not code); codes are
stable: PT0xx reading and YAML, PT1xx a file's own structure (schema), PT2xx rules across
files. ``plantrack explain CODE`` prints an entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from plantrack.io.yamlload import load_yaml_text
from plantrack.validate.finding import Finding

if TYPE_CHECKING:
    from plantrack.validate.catalogue_entry import Entry


@cache
def _load() -> dict[str, Entry]:
    # on first use: a check that finds nothing never reads the catalogue
    from importlib import resources

    from plantrack.validate.catalogue_entry import Entry

    text = resources.files("plantrack.validate").joinpath("catalogue.yaml").read_text("utf-8")
    doc, problems = load_yaml_text(text)
    if doc is None or problems:
        raise RuntimeError(f"catalogue.yaml is broken: {problems}")
    entries = {}
    for code, raw in doc.data.items():
        hint = raw.get("hint", {})
        entries[code] = Entry(
            code,
            raw["severity"],
            raw["title"]["vi"],
            raw["title"]["en"],
            raw["message"]["vi"],
            raw["message"]["en"],
            hint.get("vi", ""),
            hint.get("en", ""),
        )
    return entries


class _Catalogue(Mapping[str, "Entry"]):
    """The entries by code, read from ``catalogue.yaml`` when first asked for: a check that
    finds nothing (most of them, through the cache) never reads it."""

    def __getitem__(self, code: str) -> Entry:
        return _load()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(_load())

    def __len__(self) -> int:
        return len(_load())


CATALOGUE: Mapping[str, Entry] = _Catalogue()


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def make(
    code: str,
    path: str,
    line: int | None,
    column: int | None,
    key_path: str = "",
    **params: Any,
) -> Finding:
    """Build the finding ``code`` from its catalogue entry and ``params``."""
    entry = _load()[code]
    values = _Default({k: _show(v) for k, v in params.items()})
    return Finding(
        code=code,
        severity=entry.severity,
        path=path,
        line=line,
        column=column,
        key=key_path,
        message_vi=entry.message_vi.format_map(values),
        message_en=entry.message_en.format_map(values),
        hint_vi=entry.hint_vi.format_map(values),
        hint_en=entry.hint_en.format_map(values),
    )


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"
