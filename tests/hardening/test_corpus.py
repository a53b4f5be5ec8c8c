"""The bad-input corpus: every case of ``cases.yaml`` through the real CLI, in-process.

A YAML case breaks one file of a fresh repository copy and runs ``plantrack check``; a form
case makes a damaged Excel form beside the copy and runs ``plantrack form import``. Each
asserts the exit code, the exact findings (code, file, line and column, or sheet and cell), no
traceback, and that nothing in the repository changed. Big cases also run in a child process
whose peak memory is measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from plantrack.cli.app import main
from plantrack.io.yamlload import load_yaml_file
from tests.hardening.corpus import (
    CASES_DIR,
    TODAY,
    Case,
    Found,
    load_table,
    make_repo,
    parse_findings,
    tree_hash,
)
from tests.hardening.generate import GENERATORS

CASES = load_table()
BIG = [c for c in CASES if c.big]
PRISTINE = Case("pristine", "", "data", "", None, None, (), 0)
# the mini repository's forms are for 2024-Q3, checked on the day after its due date
FORM_TODAY = "2024-10-01"
# peak resident memory of a whole ``plantrack check`` run on a big case, in MB
RSS_BOUND_MB = 400


def arguments(case: Case, root: Path) -> list[str]:
    """``plantrack check`` on the repository, or ``plantrack form import`` of the case's form
    (with ``--dry-run`` when the form is valid, so that nothing is written either way)."""
    if case.is_form:
        args = ["form", "import", case.target, "--repo", str(root), "--today", FORM_TODAY]
        return args + (["--dry-run"] if case.exit == 0 else [])
    return ["check", "--repo", str(root), "--today", TODAY]


def run(case: Case, root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the case's command in-process: exit code, standard output, standard error."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as caught:
        main(arguments(case, root))
    out, err = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else 0 if code is None else 2), out, err


def run_child(case: Case, root: Path, cwd: Path, *, timeout: float) -> tuple[int, str, str]:
    """Run the case's command in a child process that must end within ``timeout`` seconds."""
    code = "from plantrack.cli.app import main; import sys; main(sys.argv[1:])"
    args = [sys.executable, "-c", code, *arguments(case, root)]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case.name}: the command did not end within {timeout} s")
    return done.returncode, done.stdout, done.stderr


def build(case: Case, where: Path) -> Path:
    """The repository copy with the case's file in place (a form beside it); its root."""
    root = make_repo(case.repo, where / "repo")
    target = (where if case.is_form else root) / case.target
    if case.file is not None:
        target.write_bytes((CASES_DIR / case.file).read_bytes())
    else:
        assert case.generate is not None
        if case.generate == "fifo" and not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes on this system")
        target.parent.mkdir(parents=True, exist_ok=True)
        GENERATORS[case.generate](root, target)
    return root


_baselines: dict[str, set[Found]] = {}


@pytest.fixture
def baseline(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> dict[str, set[Found]]:
    """The findings of each pristine repository (computed once)."""
    for kind in ("data", "mini"):
        if kind not in _baselines:
            root = make_repo(kind, tmp_path_factory.mktemp(f"pristine-{kind}") / "repo")
            code, out, _ = run(PRISTINE, root, capsys)
            assert code == 0, out
            _baselines[kind] = parse_findings(out)
    return _baselines


def test_the_table_is_well_formed() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 50
    on_disk = {p.name for p in CASES_DIR.iterdir() if not p.name.startswith(".")}
    assert {c.file for c in CASES if c.file} == on_disk
    for case in CASES:
        assert (case.file is None) != (case.generate is None), case.name
        assert case.exit in (0, 1), case.name
        if case.exit == 1:
            assert any(sev == "error" for *_, sev, _code in case.expected()), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(
    case: Case,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    baseline: dict[str, set[Found]],
) -> None:
    root = build(case, tmp_path)
    monkeypatch.chdir(tmp_path)  # where a command planted by a hostile file would write
    before = tree_hash(root)
    if case.generate == "fifo":  # a reader that opens the pipe would wait forever: bound it
        code, out, err = run_child(case, root, tmp_path, timeout=60)
    else:
        code, out, err = run(case, root, capsys)
    assert "Traceback" not in out + err
    if not case.is_form:  # an import prints its findings on stderr
        assert err == "", err
    assert code == case.exit, out + err
    new = parse_findings(out + err) - (set() if case.is_form else baseline[case.repo])
    expected = case.expected()
    errors = {f for f in new if f[2] == "error"}
    assert errors == {f for f in expected if f[2] == "error"}, out + err
    assert {f for f in expected if f[2] == "warning"} <= new, out + err
    assert tree_hash(root) == before
    if case.hint:
        assert f"gợi ý: {case.hint}" in out
    if case.absent:
        assert not any(p.name == case.absent for p in tmp_path.rglob("*")), "a tag ran code"
    if case.nfc:
        assert_loaded_as_nfc(root / case.target)


def assert_loaded_as_nfc(path: Path) -> None:
    """The file holds decomposed text, and every string loaded from it is NFC."""
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    assert not unicodedata.is_normalized("NFC", raw), "the case is not NFD"
    doc, problems = load_yaml_file(path)
    assert doc is not None and not problems
    strings = list(_strings(doc.data))
    assert strings
    for text in strings:
        assert unicodedata.is_normalized("NFC", text), text


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# The child reports the high-water mark of its own memory: ru_maxrss would also count the
# pytest process it was forked from.
_MEASURED = """
import sys
from plantrack.cli.app import main
try:
    main(sys.argv[1:])
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        sys.stderr.write(next(line for line in status if line.startswith("VmHWM:")))
"""


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
@pytest.mark.parametrize("case", BIG, ids=[c.name for c in BIG])
def test_big_case_memory(case: Case, tmp_path: Path) -> None:
    """A big case in a child process: same exit code, peak memory measured and bounded."""
    root = build(case, tmp_path)
    args = [sys.executable, "-c", _MEASURED, *arguments(case, root)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == case.exit, done.stdout
    peak_mb = int(done.stderr.split()[-2]) / 1024  # "VmHWM:  123456 kB"
    print(f"{case.name}: peak RSS {peak_mb:.0f} MB")
    assert peak_mb < RSS_BOUND_MB
