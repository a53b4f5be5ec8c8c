"""Words shown to people, in one catalogue: labels, terminal messages and fatal errors, in
Vietnamese and English.

``t(key, lang, **values)`` looks a key up in ``messages.yaml``; fatal errors (codes ``PT9xx``)
live in ``errors.yaml``. Both are data beside this module, read on first use, so importing
this package costs nothing. Pure lookups: importable from every layer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from plantrack.i18n.entry import ErrorEntry

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


class _Blank(dict[str, Any]):
    """Format values where a missing one reads as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _read(name: str) -> dict[str, Any]:
    import yaml  # on first use: ``plantrack --help`` never needs it

    text = _text(name)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    if not isinstance(data, dict):
        raise RuntimeError(f"{name} is broken")
    return data


def _text(name: str) -> str:
    """The catalogue file ``name`` beside this module; through ``importlib.resources`` only
    when the package is not plain files (a zip): its readers import ``zipfile`` and more, a
    cost every run would pay for the first message it shows."""
    beside = Path(__file__).with_name(name)
    if beside.is_file():
        return beside.read_text("utf-8")
    from importlib import resources

    return resources.files("plantrack.i18n").joinpath(name).read_text("utf-8")


@cache
def messages() -> dict[str, dict[str, str]]:
    """Every label and terminal message: key → {vi, en}."""
    return _read("messages.yaml")


@cache
def errors() -> dict[str, ErrorEntry]:
    """Every fatal error: code → entry."""
    from plantrack.i18n.entry import ErrorEntry  # with the first fatal error: most runs have none

    out = {}
    for code, raw in _read("errors.yaml").items():
        hint = raw.get("hint") or {}
        out[code] = ErrorEntry(
            code,
            raw["title"]["vi"],
            raw["title"]["en"],
            raw["message"]["vi"],
            raw["message"]["en"],
            hint.get("vi", ""),
            hint.get("en", ""),
        )
    return out


def fill(template: str, values: dict[str, Any]) -> str:
    """``template`` with ``values`` put in (missing ones blank)."""
    return template.format_map(_Blank({k: str(v) for k, v in values.items()}))


def t(key: str, lang: str = "vi", **values: Any) -> str:
    """The message ``key`` in ``lang`` (Vietnamese unless ``en``), ``values`` filled in."""
    entry = messages()[key]
    return fill(entry["en" if lang == "en" else "vi"], values)


def error_text(code: str, lang: str = "vi", **values: Any) -> str:
    """The message of fatal error ``code`` in ``lang``, ``values`` filled in."""
    return fill(errors()[code].message(lang), values).strip()


@cache
def framework() -> dict[str, Any]:
    """The command-line framework's own words in Vietnamese (``framework.yaml``)."""
    return _read("framework.yaml")
