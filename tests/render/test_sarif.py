"""SARIF as code-scanning reads it: valid against the official 2.1.0 schema, relative
percent-encoded URIs under a declared base, rules with their help in the chosen language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from plantrack.render.sarif import BASE_ID, as_sarif, uri
from plantrack.validate.catalogue import CATALOGUE, make
from plantrack.validate.finding import Finding

SCHEMA = json.loads(
    (Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
# an RFC 3986 URI reference: unreserved, reserved and percent-encoded characters only
URI_REFERENCE = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$")


def findings() -> list[Finding]:
    return [
        make("PT004", "data/reports/2024-Q3/xã trà đốc.yaml", 7, 3, key="a", first_line=2),
        make("PT019", "data/tệp 100%.txt", None, None),
        make("PT004", "data/units/a b.yaml", 2, None, key="b", first_line=1),
    ]


def log(lang: str = "vi", root: Path | None = None) -> dict[str, Any]:
    return json.loads(as_sarif(findings(), lang, root))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_valid_against_the_official_schema(lang: str, tmp_path: Path) -> None:
    errors = list(Draft4Validator(SCHEMA).iter_errors(log(lang, tmp_path)))
    assert errors == []
    assert list(Draft4Validator(SCHEMA).iter_errors(json.loads(as_sarif([], lang)))) == []


def test_uris_are_relative_percent_encoded_and_based(tmp_path: Path) -> None:
    (run,) = log("vi", tmp_path / "kho dữ liệu")["runs"]
    uris = []
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == BASE_ID
        uris.append(artifact["uri"])
    assert uris[1] == "data/t%E1%BB%87p%20100%25.txt"
    assert uris[2] == "data/units/a%20b.yaml"
    for value in uris:
        assert URI_REFERENCE.match(value), value
        assert not value.startswith("/")
    base = run["originalUriBaseIds"][BASE_ID]
    assert base["uri"].startswith("file:///") and base["uri"].endswith("/")
    assert "kho%20d" in base["uri"]
    assert URI_REFERENCE.match(base["uri"])


def test_uri_function() -> None:
    assert uri("a b%/c.yaml") == "a%20b%25/c.yaml"


def test_the_driver_says_where_to_read_more() -> None:
    driver = log()["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert driver["name"] == "plantrack"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rules_carry_their_help_in_the_language(lang: str) -> None:
    rules = {rule["id"]: rule for rule in log(lang)["runs"][0]["tool"]["driver"]["rules"]}
    assert list(rules) == ["PT004", "PT019"]
    entry = CATALOGUE["PT004"]
    rule = rules["PT004"]
    title = entry.title_en if lang == "en" else entry.title_vi
    hint = entry.hint_en if lang == "en" else entry.hint_vi
    assert rule["shortDescription"]["text"] == title
    assert rule["fullDescription"]["text"] == (
        entry.message_en if lang == "en" else entry.message_vi
    )
    assert hint in rule["help"]["text"]
    assert rule["help"]["markdown"].startswith(f"**{title}**")
    assert hint in rule["help"]["markdown"]
    assert rule["name"] == "DuplicateKey"
