"""The loader over every input of the public YAML test suite.

The inputs live in ``tests/data/yaml-test-suite/<case>/in.yaml`` (MIT, see the LICENSE there),
with an empty ``error`` file beside the inputs a YAML parser must reject. Only the inputs and
the error markers were copied: not the expected ``in.json`` (YAML 1.2 data, which a YAML 1.1
loader that keeps dates as text would not match anyway), not ``name.txt``, and not the
``name-*`` folders, which repeat cases under their titles.

Whatever the input, the loader never raises, and a file it does not accept comes with at
least one located problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.io.yamlload import load_yaml_bytes
from plantrack.validate.catalogue import CATALOGUE

SUITE = Path(__file__).resolve().parents[1] / "data" / "yaml-test-suite"
CASES = sorted(p.name for p in SUITE.iterdir() if (p / "in.yaml").is_file())
UNLOCATED = {"PT001", "PT007"}  # a file that cannot be read, or is too large to read

# Inputs the suite marks as errors that libyaml (and so the loader) accepts as a mapping.
# Each is a leniency of libyaml, harmless for plan and report files; the test expects them
# to be accepted (strict xfail) so that this list stays exact when libyaml changes.
LIBYAML_ACCEPTS = {
    "9C9N": "flow sequence continued less indented than its key",
    "DK95-01": "tab at the start of a double-quoted scalar's continuation line",
    "QB6E": "double-quoted scalar continued less indented than its key",
    "S98Z": "block scalar whose leading blank line is more indented than its first line",
    "SU5Z": "comment with no space after a double-quoted scalar",
    "X4QW": "comment with no space after a block scalar indicator",
}


def test_suite_is_there() -> None:
    assert len(CASES) > 400
    assert (SUITE / "LICENSE").is_file()
    assert sum((SUITE / case / "error").exists() for case in CASES) > 90
    size = sum(f.stat().st_size for f in SUITE.rglob("*") if f.is_file())
    assert size < 1_000_000


def test_known_exceptions_are_error_cases() -> None:
    for case in LIBYAML_ACCEPTS:
        assert (SUITE / case / "error").exists(), case


@pytest.mark.parametrize("case", CASES)
def test_loader_never_raises_and_locates_every_problem(case: str) -> None:
    raw = (SUITE / case / "in.yaml").read_bytes()
    doc, problems = load_yaml_bytes(raw)
    assert doc is not None or problems, "neither a document nor a problem"
    if doc is not None and doc.data is not None:
        assert isinstance(doc.data, dict)
    for problem in problems:
        assert problem.code in CATALOGUE
        if problem.code in UNLOCATED:
            continue
        assert problem.line is not None
        assert problem.line >= 1
        assert problem.column is not None
        assert problem.column >= 1


def _error_params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        if not (SUITE / case / "error").exists():
            continue
        marks = []
        if case in LIBYAML_ACCEPTS:
            reason = f"libyaml accepts it: {LIBYAML_ACCEPTS[case]}"
            marks.append(pytest.mark.xfail(reason=reason, strict=True))
        params.append(pytest.param(case, id=case, marks=marks))
    return params


@pytest.mark.parametrize("case", _error_params())
def test_error_cases_are_not_accepted_clean(case: str) -> None:
    raw = (SUITE / case / "in.yaml").read_bytes()
    doc, problems = load_yaml_bytes(raw)
    clean = doc is not None and isinstance(doc.data, dict) and not problems
    assert not clean, "an invalid YAML input was accepted without any problem"
