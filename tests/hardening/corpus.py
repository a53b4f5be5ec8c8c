"""The bad-input corpus: its table, the repositories a case breaks, and how a run is read back.

``cases.yaml`` drives everything. Each case names the file it replaces (``target``) in a fresh
copy of a repository (``repo``: the embedded ``data/`` with ``schemas/``, or the mini fixture),
the committed broken copy (``file``, under ``cases/``) or the generator that makes it at test
time (``generate``, in :mod:`tests.hardening.generate`: big files, links, pipes, Excel forms),
and the findings ``plantrack check`` (or ``plantrack form import``) must print, exactly.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from plantrack.cli.app import main

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CASES_DIR = HERE / "cases"
TABLE = HERE / "cases.yaml"
MINI = ROOT / "tests" / "fixtures" / "mini"
# later than every submission date in the embedded data and the mini fixture
TODAY = "2025-12-31"

_SEVERITY = {"lỗi": "error", "cảnh báo": "warning"}
# "path:line:col: lỗi PT003 …" (check), "form.xlsx Nhiệm vụ!G5: lỗi PT310 …" (form import),
# or "path: lỗi PT013 …" for a finding about a whole file
_FINDING = re.compile(
    r"^(?P<path>\S+?)(?::(?P<lc>\d+:\d+)| (?P<key>.+?))?: (?P<sev>lỗi|cảnh báo) (?P<code>PT\d{3}) "
)

# path, place ("14:7", "Nhiệm vụ!G5", or "" for the whole file), severity, code
Found = tuple[str, str, str, str]


@dataclass(frozen=True)
class Case:
    """One row of ``cases.yaml``."""

    name: str
    how: str
    repo: str
    target: str
    file: str | None
    generate: str | None
    expect: tuple[str, ...]
    exit: int
    hint: str | None = None
    nfc: bool = False
    absent: str | None = None
    big: bool = False
    command: str = "check"

    @property
    def is_form(self) -> bool:
        """A case for ``plantrack form import`` rather than ``plantrack check``."""
        return self.command == "form-import"

    def expected(self) -> set[Found]:
        """The findings this case must print, from its ``expect`` strings.

        Each string is ``[PATH] CODE [PLACE] [warning]``: PLACE is ``LINE:COL`` for a YAML file
        or ``SHEET!CELL`` for a form, and PATH defaults to the target.
        """
        out: set[Found] = set()
        for item in self.expect:
            words = item.split()
            path = words.pop(0) if "/" in words[0] else self.target
            severity = "warning" if words[-1] == "warning" else "error"
            if severity == "warning":
                words.pop()
            out.add((path, " ".join(words[1:]), severity, words[0]))
        return out


def load_table() -> list[Case]:
    """Every case of ``cases.yaml``, defaults applied."""
    table = yaml.safe_load(TABLE.read_text("utf-8"))
    defaults = table["defaults"]
    cases = []
    for row in table["cases"]:
        merged = {**defaults, **row}
        cases.append(
            Case(
                name=merged["name"],
                how=merged["how"],
                repo=merged["repo"],
                target=merged["target"],
                file=merged.get("file"),
                generate=merged.get("generate"),
                expect=tuple(merged.get("expect", ())),
                exit=merged.get("exit", 1),
                hint=merged.get("hint"),
                nfc=merged.get("nfc", False),
                absent=merged.get("absent"),
                big=merged.get("big", False),
                command=merged.get("command", "check"),
            )
        )
    return cases


def make_repo(kind: str, dest: Path) -> Path:
    """A fresh copy of the embedded data (``data``) or of the mini fixture (``mini``)."""
    if kind == "data":
        shutil.copytree(ROOT / "data", dest / "data")
        shutil.copytree(ROOT / "schemas", dest / "schemas")
    elif kind == "mini":
        shutil.copytree(MINI, dest)
    else:
        raise ValueError(kind)
    return dest


def tree_hash(root: Path) -> dict[str, str]:
    """Every entry under ``root``: a regular file by content, a link by target, others by kind.

    Links and pipes are never followed or opened, so hashing cannot hang or leave the tree.
    """
    out: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        for name in sorted(dirs + names):
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                out[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                out[rel] = _file_digest(path)
            elif stat.S_ISDIR(mode):
                out[rel] = "dir"
            else:
                out[rel] = f"special:{stat.S_IFMT(mode)}"
    return out


def _file_digest(path: Path) -> str:
    """Size and mtime for big (sparse) files, the content hash for the rest."""
    info = path.stat()
    if info.st_size > 4 * 1024 * 1024:
        return f"size:{info.st_size}:mtime:{info.st_mtime_ns}"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_findings(output: str) -> set[Found]:
    """The findings of ``plantrack check``'s (or ``form import``'s) text output."""
    found: set[Found] = set()
    for line in output.splitlines():
        match = _FINDING.match(line)
        if match:
            place = match["lc"] or match["key"] or ""
            found.add((match["path"], place, _SEVERITY[match["sev"]], match["code"]))
    return found


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run ``plantrack`` in-process: its exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code
    return (
        (code if isinstance(code, int) else 0 if code is None else 2),
        out.getvalue(),
        err.getvalue(),
    )
