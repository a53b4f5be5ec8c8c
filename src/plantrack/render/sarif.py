"""Findings as a SARIF 2.1.0 log, as code-scanning tools read it.

File locations are relative, percent-encoded URIs under the base id ``%SRCROOT%`` (declared in
``originalUriBaseIds``, with the repository's absolute URI when it is known), so a file name
with a space, a ``%`` or Vietnamese letters resolves. Each rule carries its title, its full
description and its help (text and Markdown) from the catalogue, in the chosen language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from plantrack import __version__
from plantrack.i18n import t
from plantrack.validate.catalogue import CATALOGUE
from plantrack.validate.finding import Finding

if TYPE_CHECKING:
    from plantrack.validate.catalogue_entry import Entry

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# The distribution's page on the package index: the one public address the tool has
INFORMATION_URI = "https://pypi.org/project/plantrack-vn/"
BASE_ID = "%SRCROOT%"
# SARIF levels are error, warning, note and none
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def as_sarif(findings: list[Finding], lang: str = "vi", root: Path | None = None) -> str:
    """A SARIF 2.1.0 log of ``findings``; ``root`` is the repository the paths are under."""
    base: dict[str, Any] = {"description": {"text": t("sarif.root", lang)}}
    if root is not None:
        base["uri"] = root.resolve().as_uri().rstrip("/") + "/"
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plantrack",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "language": "vi-VN" if lang == "vi" else "en-US",
                        "rules": [_rule(CATALOGUE[code], lang) for code in _codes(findings)],
                    }
                },
                "originalUriBaseIds": {BASE_ID: base},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, lang) for f in findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def uri(path: str) -> str:
    """A relative path as a percent-encoded URI reference (``a b%.yaml`` → ``a%20b%25.yaml``)."""
    return quote(Path(path).as_posix(), safe="/")


def _codes(findings: list[Finding]) -> list[str]:
    return sorted({f.code for f in findings})


def _rule(entry: Entry, lang: str) -> dict[str, Any]:
    en = lang == "en"
    title = entry.title_en if en else entry.title_vi
    message = entry.message_en if en else entry.message_vi
    hint = entry.hint_en if en else entry.hint_vi
    hint = hint if hint and not hint.startswith("{") else ""
    help_text = f"{message}\n{t('word.hint', lang)}: {hint}" if hint else message
    help_md = f"**{title}**\n\n{message}" + (
        f"\n\n*{t('word.hint', lang)}:* {hint}" if hint else ""
    )
    return {
        "id": entry.code,
        "name": _camel(entry.title_en),
        "shortDescription": {"text": title},
        "fullDescription": {"text": message},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": _LEVELS.get(entry.severity, "warning")},
        "properties": {"tags": ["plantrack", entry.severity]},
    }


def _camel(title: str) -> str:
    """A rule name as code-scanning shows it: ``Duplicate key`` → ``DuplicateKey``."""
    return "".join(word[:1].upper() + word[1:] for word in title.split() if word.isalnum())


def _result(f: Finding, lang: str) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": uri(f.path), "uriBaseId": BASE_ID}}
    if f.line:
        location["region"] = {"startLine": f.line, "startColumn": f.column or 1}
    return {
        "ruleId": f.code,
        "level": _LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message(lang)},
        "locations": [{"physicalLocation": location}],
    }
