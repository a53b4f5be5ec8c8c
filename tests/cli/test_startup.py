"""What a run imports: ``plantrack check FILE`` (a pre-commit hook, on every commit) and
``plantrack --version`` leave the other commands' code and the heavy libraries alone.

Nothing here is timed (speed is the benchmarks' job); a module that a run imports is a cost
every run pays, and an import added by mistake shows here first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import plantrack
from plantrack.cli import noplugins
from tests.conftest import MINI, REPORT_DON, TODAY

# The code of a run, then what it imported, as JSON on stdout.
_SCRIPT = """
import json, sys
from plantrack.cli.app import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# the libraries of documents, tables and templates, and the other commands' code
_HEAVY = (
    "rich",
    "jinja2",
    "openpyxl",
    "docx",
    "plantrack.render.docx",
    "plantrack.app.consolidate",
)
_OTHER_COMMANDS = ("consolidate_cmd", "status_cmd", "rollup_cmd", "form_cmd", "emulation_cmd")
# what pydantic's plugin search imports (plugins are off: see cli/noplugins.py), and what
# reading a catalogue through ``importlib.resources`` imports
_PLUGIN_SEARCH = ("importlib.metadata", "email", "zipfile")
# the models of the files one report's check never validates
_OTHER_MODELS = ("plantrack.models.inspection", "plantrack.models.emulation")


def _imported(*args: str, cwd: Path) -> tuple[int, set[str]]:
    # the sources under test, whatever the working directory (a relative PYTHONPATH would
    # name another folder from ``cwd``, and the run would import an installed copy)
    sources = str(Path(plantrack.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([sources, os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )
    last = run.stdout.strip().splitlines()[-1]
    answer = json.loads(last)
    return answer["code"], set(answer["modules"])


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_check_of_one_file_imports_neither_other_commands_nor_heavy_libraries(
    tmp_path: Path,
) -> None:
    code, modules = _imported(
        "check",
        "--repo",
        str(MINI),
        "--today",
        TODAY.isoformat(),
        str(MINI / REPORT_DON),
        cwd=tmp_path,
    )
    assert code in (0, 1)
    assert "plantrack.cli.check_cmd" in modules
    for name in _HEAVY:
        assert not _loaded(modules, name), name
    for name in _OTHER_COMMANDS:
        assert f"plantrack.cli.{name}" not in modules, name
    # Typer's pydantic adapters for option values (see cli/coercion.py)
    assert "typer._adapters" not in modules
    for name in (*_PLUGIN_SEARCH, *_OTHER_MODELS):
        assert not _loaded(modules, name), name


def test_version_imports_no_command_and_no_pydantic(tmp_path: Path) -> None:
    code, modules = _imported("--version", cwd=tmp_path)
    assert code == 0
    # the stand-in for pydantic's plugin loader is a module of our own, imported with the CLI
    assert not _loaded(modules - {noplugins.LOADER}, "pydantic")
    assert not any(m.startswith("plantrack.cli.") and m.endswith("_cmd") for m in modules)
