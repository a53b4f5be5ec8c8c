"""Every limit of ``io/limits.py``: named, documented with its value, found by its code, and
tested at the default value and one past it, on files read from disk."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from plantrack.io.limits import DEFAULT_LIMITS, Limits
from plantrack.io.yamlload import LoadProblem, load_yaml_file
from plantrack.validate.catalogue import CATALOGUE
from tests.hardening.corpus import MINI, ROOT, parse_findings, run_cli
from tests.hardening.generate import many_rows

# each limit, the finding that reports it, and a file of a given size in that limit's unit
FIELDS = {f.name for f in dataclasses.fields(Limits)}


def file_of_bytes(n: int) -> bytes:
    """A valid mapping of exactly ``n`` bytes: one key, then comment lines as padding."""
    head = b"a: 1\n"
    pad = n - len(head)
    lines = [b"#" + b"x" * 98 + b"\n"] * (pad // 100)
    rest = pad % 100
    if rest:
        lines.append(b"#" * rest if rest == 1 else b"#" + b"x" * (rest - 2) + b"\n")
    raw = head + b"".join(lines)
    assert len(raw) == n
    return raw


def nested(depth: int) -> bytes:
    """A value ``depth`` levels below the root mapping: ``a: [[…[1]…]]``."""
    return b"a: " + b"[" * (depth - 1) + b"1" + b"]" * (depth - 1) + b"\n"


def aliases(count: int) -> bytes:
    """One anchor and ``count`` aliases of it."""
    return b"a: &x 1\nb: [" + b", ".join([b"*x"] * count) + b"]\n"


def expanded(values: int) -> bytes:
    """A document whose aliases expand to ``values`` values when the last one is copied.

    99 copies of a 4,999-item list, plus the list itself, make 100 × 5,000 = 500,000 values;
    each scalar before them adds one.
    """
    extra = values - 500_000
    assert extra >= 0
    lead = "".join(f"c{i}: 1\n" for i in range(extra))
    items = ", ".join(["1"] * 4_999)
    return f"{lead}a: &x [{items}]\nb: [{', '.join(['*x'] * 99)}]\n".encode()


def string_of(chars: int) -> bytes:
    """A value of ``chars`` characters (Vietnamese letters: characters, not bytes, count)."""
    return ("a: " + "ệ" * chars + "\n").encode()


CASES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "max_file_bytes": ("PT007", file_of_bytes),
    "max_plan_bytes": ("PT007", file_of_bytes),  # the same 1 MiB unless raised (see io tests)
    "max_depth": ("PT011", nested),
    "max_aliases": ("PT006", aliases),
    "max_nodes": ("PT006", expanded),
    "max_string_chars": ("PT014", string_of),
}


def test_every_limit_has_a_boundary_test() -> None:
    assert set(CASES) == FIELDS


def load(tmp_path: Path, raw: bytes) -> tuple[object, list[LoadProblem]]:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    doc, problems = load_yaml_file(path)
    return (None if doc is None else doc.data), problems


@pytest.mark.parametrize("name", sorted(CASES))
def test_at_the_limit_the_file_loads(name: str, tmp_path: Path) -> None:
    _, make = CASES[name]
    data, problems = load(tmp_path, make(getattr(DEFAULT_LIMITS, name)))
    assert problems == []
    assert isinstance(data, dict)


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_past_the_limit_is_refused_with_its_finding(name: str, tmp_path: Path) -> None:
    code, make = CASES[name]
    data, problems = load(tmp_path, make(getattr(DEFAULT_LIMITS, name) + 1))
    assert [p.code for p in problems] == [code]
    assert data is None
    assert CATALOGUE[code].severity == "error"
    if code != "PT007":  # the size is refused before reading: no position to give
        assert problems[0].line is not None and problems[0].column is not None


def test_the_file_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_LIMITS.max_file_bytes + 1)  # sparse
    opened = []
    real_open = Path.open
    monkeypatch.setattr(
        Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k)
    )
    _, problems = load_yaml_file(path)
    assert [p.code for p in problems] == ["PT007"]
    assert opened == []


def test_limits_are_documented() -> None:
    doc = Limits.__doc__ or ""
    decisions = (ROOT / "docs" / "decisions.md").read_text("utf-8")
    security = (ROOT / "SECURITY.md").read_text("utf-8")
    limits_entry = decisions.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for name in FIELDS:
        code = CASES[name][0]
        assert re.search(rf"{name}: .*\({code}", doc), name
        assert f"`{name}`" in limits_entry and code in limits_entry, name
        assert f"`{name}`" in security, name
    assert "1 MiB" in limits_entry and "1 MiB" in security
    for value in ("50", "100", "500,000", "100,000"):
        assert value in limits_entry and value in security


# --- the Excel form's rows (plantrack.forms.layout) -------------------------------------


@pytest.mark.parametrize("honest", [True, False], ids=["declared", "hidden-size"])
def test_form_task_rows_at_and_past_the_limit(tmp_path: Path, honest: bool) -> None:
    """The tasks sheet may hold MAX_TASK_ROWS data rows below its header; one more is PT305
    at the first row past the limit, whether or not the sheet declares its real size."""
    from plantrack.forms.layout import HEADER_ROW, MAX_TASK_ROWS, SHEET_TASKS

    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    last = HEADER_ROW + MAX_TASK_ROWS
    codes = {}
    for rows in (last, last + 1):
        form = tmp_path / f"form-{rows}.xlsx"
        many_rows(root, form, last=rows, honest=honest)
        args = ["form", "import", str(form), "--repo", str(root), "--today", "2024-10-01"]
        code, out, err = run_cli(*args)
        assert code == 1 and "Traceback" not in out + err
        codes[rows] = {(c, place) for _, place, _, c in parse_findings(err)}
    assert not any(c == "PT305" for c, _ in codes[last])
    assert codes[last + 1] == {("PT305", f"{SHEET_TASKS}!A{last + 1}")}
