"""Other validators on the same files, run as their users run them: yamale and check-jsonschema.

Both are optional. They are looked up on ``PATH`` and in the folders given with ``--tools``
(a virtual environment's ``bin``), and can be installed there with ``--install-tools``; when
missing, the benchmark prints a note instead of a time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yamale_schemas import SCHEMAS as YAMALE_SCHEMAS

from plantrack.api import write_schemas

TOOLS = ("yamale", "check-jsonschema")
INSTALL_TIMEOUT = 60.0
# A slow tool is run fewer times than --repeat once this many seconds are spent on it.
TIME_BUDGET = 60.0


@dataclass
class ToolRun:
    """One external validator's best time, or why there is none."""

    name: str
    seconds: float | None
    startup: float | None = None
    note: str = ""
    calls: int = 0


def find_tool(name: str, extra: Sequence[Path]) -> Path | None:
    """The executable ``name`` in one of ``extra`` (a venv, or its bin) or on ``PATH``."""
    for folder in extra:
        for candidate in (folder / name, folder / "bin" / name):
            if candidate.is_file():
                return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def install_tools(venv: Path) -> str:
    """Create ``venv`` and pip-install both tools into it, within ``INSTALL_TIMEOUT`` seconds."""
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], check=True, timeout=INSTALL_TIMEOUT
        )
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", *TOOLS],
            check=True,
            timeout=INSTALL_TIMEOUT,
            capture_output=True,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        return f"could not install {', '.join(TOOLS)} into {venv}: {exc}"
    return ""


def by_kind(files: dict[str, list[Path]], root: Path) -> list[tuple[str, list[str]]]:
    """Each file kind with its paths relative to ``root`` (as a user would type them)."""
    return [
        (kind, [str(p.relative_to(root)) for p in paths]) for kind, paths in files.items() if paths
    ]


def _timed(commands: list[list[str]], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        if done.returncode != 0:
            return time.perf_counter() - start, (done.stdout + done.stderr)[-400:]
    return time.perf_counter() - start, ""


def run_tool(
    name: str, exe: Path, root: Path, files: dict[str, list[Path]], repeat: int
) -> ToolRun:
    """Best of ``repeat`` runs of ``name`` over every file kind, one invocation per kind."""
    schemas = root / "schemas"
    schemas.mkdir(exist_ok=True)
    commands: list[list[str]] = []
    if name == "yamale":
        for kind, text in YAMALE_SCHEMAS.items():
            (schemas / f"{kind}.yamale").write_text(text, encoding="utf-8")
        # File paths (as a pre-commit hook passes them) validate in one process, no pool.
        commands = [
            [str(exe), "-s", str(schemas / f"{kind}.yamale"), *paths]
            for kind, paths in by_kind(files, root)
        ]
    else:
        write_schemas(schemas)
        commands = [
            [str(exe), "--schemafile", str(schemas / f"{kind}.schema.json"), *paths]
            for kind, paths in by_kind(files, root)
        ]
    best, spent, runs = float("inf"), 0.0, 0
    while runs < repeat and spent < TIME_BUDGET:
        seconds, failure = _timed(commands, root)
        if failure:
            return ToolRun(name, None, note=f"{name} reported problems: {failure.strip()}")
        best, spent, runs = min(best, seconds), spent + seconds, runs + 1
    startup = min(_timed([[str(exe), "--version"]] * len(commands), root)[0] for _ in range(repeat))
    note = f"best of {runs} (time budget)" if runs < repeat else ""
    return ToolRun(name, best, startup, note, len(commands))


def run_tools(
    root: Path,
    files: dict[str, list[Path]],
    repeat: int,
    extra: Sequence[Path],
    install_into: Path | None,
) -> list[ToolRun]:
    """Time every external tool found; a note for each one missing."""
    note = ""
    found = {name: find_tool(name, extra) for name in TOOLS}
    if install_into is not None and None in found.values():
        note = install_tools(install_into)
        found = {name: find_tool(name, [*extra, install_into]) for name in TOOLS}
    runs = []
    for name, exe in found.items():
        if exe is None:
            hint = note or "not found: pass --tools VENV or --install-tools VENV"
            runs.append(ToolRun(name, None, note=hint))
        else:
            runs.append(run_tool(name, exe, root, files, repeat))
    return runs
