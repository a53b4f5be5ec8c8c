"""The catalogue: every code complete and bilingual, every code the sources use catalogued."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import plantrack
from plantrack.i18n import errors
from plantrack.render.findings import explain
from plantrack.validate.catalogue import CATALOGUE, make
from tests.conftest import has_vietnamese

SRC = Path(plantrack.__file__).parent
CODES = sorted(CATALOGUE)
# Codes catalogued for a rule that no code emits yet.
NOT_YET_EMITTED: set[str] = set()


def _params(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _without_params(template: str) -> str:
    return re.sub(r"\{[^}]*\}", "", template)


def _codes_in_sources() -> dict[str, list[str]]:
    """Every ``"PTnnn"`` string literal in the package's Python sources, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for code in re.findall(r"""["'](PT\d{3})["']""", path.read_text("utf-8")):
            found.setdefault(code, []).append(path.relative_to(SRC).as_posix())
    return found


def test_codes_are_well_formed_and_grouped() -> None:
    assert CODES
    for code in CODES:
        assert re.fullmatch(r"PT[0-7]\d\d", code), code
        assert CATALOGUE[code].code == code
    assert any(c.startswith("PT0") for c in CODES)
    assert any(c.startswith("PT1") for c in CODES)
    assert any(c.startswith("PT2") for c in CODES)


@pytest.mark.parametrize("code", CODES)
def test_entry_is_complete_and_bilingual(code: str) -> None:
    entry = CATALOGUE[code]
    assert entry.severity in ("error", "warning")
    for text in (entry.title_vi, entry.title_en, entry.message_vi, entry.message_en):
        assert text.strip(), code
    assert has_vietnamese(entry.title_vi), entry.title_vi
    assert has_vietnamese(_without_params(entry.message_vi)), entry.message_vi
    assert not has_vietnamese(entry.title_en), entry.title_en
    assert not has_vietnamese(_without_params(entry.message_en)), entry.message_en
    assert bool(entry.hint_vi) == bool(entry.hint_en), code
    if entry.hint_en and code != "PT217":  # PT217's hint names two communes, Trà Don and Trà Dơn
        assert not has_vietnamese(_without_params(entry.hint_en)), entry.hint_en


@pytest.mark.parametrize("code", CODES)
def test_both_languages_use_the_same_parameters(code: str) -> None:
    entry = CATALOGUE[code]
    vi = _params(entry.message_vi) | _params(entry.hint_vi)
    en = {p.removesuffix("_en") for p in _params(entry.message_en) | _params(entry.hint_en)}
    # PT105's Vietnamese message explains the date problem itself instead of quoting pydantic
    assert vi == en or (code == "PT105" and en - vi == {"reason"}), (vi, en)


def test_every_code_used_in_the_sources_is_catalogued() -> None:
    used = _codes_in_sources()
    assert used, "no PTnnn string found: the search is broken"
    fatal = errors()  # PT9xx: fatal errors, catalogued beside the words (plantrack/i18n)
    missing = {c: where for c, where in used.items() if c not in CATALOGUE and c not in fatal}
    assert not missing


def test_every_catalogued_code_is_used_in_the_sources() -> None:
    unused = set(CATALOGUE) - set(_codes_in_sources())
    assert unused == NOT_YET_EMITTED


def test_catalogue_yaml_is_the_only_source_of_codes() -> None:
    text = (SRC / "validate" / "catalogue.yaml").read_text("utf-8")
    assert sorted(re.findall(r"^(PT\d{3}):", text, re.MULTILINE)) == CODES


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_every_code(code: str, lang: str) -> None:
    text = explain(code, lang)
    assert text is not None
    entry = CATALOGUE[code]
    assert text.startswith(f"{code} (")
    assert (entry.title_en if lang == "en" else entry.title_vi) in text
    assert explain(code.lower(), lang) == text


def test_explain_unknown_code() -> None:
    assert explain("PT999") is None
    assert explain("") is None


def test_make_fills_the_templates() -> None:
    f = make("PT004", "data/plan.yaml", 3, 1, "tasks[0].id", key="id", first_line=2)
    assert f.message_vi == "Khóa 'id' bị lặp (đã có ở dòng 2); giá trị sau sẽ bị mất"
    assert f.message_en == "duplicate key 'id' (first at line 2); the later value would be lost"
    assert (f.code, f.severity, f.path, f.line, f.column, f.key) == (
        "PT004",
        "error",
        "data/plan.yaml",
        3,
        1,
        "tasks[0].id",
    )


def test_make_shortens_long_values() -> None:
    f = make("PT202", "r.yaml", 1, 1, "", id="x" * 500)
    assert len(f.message_en) < 300
    assert "…" in f.message_en
