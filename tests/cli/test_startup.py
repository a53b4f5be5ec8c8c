"""What a run imports: ``plantrack check FILE`` (a pre-commit hook, on every commit) and
``plantrack --version`` leave the other commands' code and the heavy libraries alone; and the
cycle collector during a run's start-up (``cli/startup.py``).

Nothing here is timed (speed is the benchmarks' job); a module that a run imports is a cost
every run pays, and an import added by mistake shows here first.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import plantrack
from plantrack.cli import noplugins, startup
from plantrack.cli.app import main
from tests.conftest import MINI, REPORT_DON, TODAY, MiniRepo

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
# what only a check whose plan, units and indices are not in the cache needs (their rules),
# a check of other files (inspections, emulation), a run that writes a pickle, or reads a
# period's reports for a consolidation
_COLD_BASE_ONLY = (
    "plantrack.validate.rules_plan",
    "plantrack.validate.rules_inspection",
    "plantrack.validate.emulation_files",
    "plantrack.validate.rules_emulation",
    "plantrack.validate.period",
    "importlib.resources",
    "tempfile",
)
# what only a run that shows a finding, or a fatal error, needs: the catalogues' entries
_ENTRIES = ("plantrack.validate.catalogue_entry", "plantrack.i18n.entry")


def _answer(script: str, *args: str, cwd: Path) -> dict[str, Any]:
    """What ``script`` printed last, as JSON, run in a new process with ``args``."""
    # the sources under test, whatever the working directory (a relative PYTHONPATH would
    # name another folder from ``cwd``, and the run would import an installed copy)
    sources = str(Path(plantrack.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([sources, os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )
    answer: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return answer


def _imported(*args: str, cwd: Path) -> tuple[int, set[str]]:
    answer = _answer(_SCRIPT, *args, cwd=cwd)
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


def test_check_of_one_edited_file_with_its_base_cached_loads_no_rule_of_other_files(
    repo: MiniRepo, tmp_path: Path
) -> None:
    args = ("check", "--repo", str(repo.root), "--today", TODAY.isoformat())
    report = repo.root / REPORT_DON
    _imported(*args, cwd=tmp_path)  # fills the cache
    with report.open("a", encoding="utf-8") as out:
        out.write("# sửa\n")  # a comment: the report is read again, its base comes from the cache
    code, modules = _imported(*args, str(report), cwd=tmp_path)
    assert code == 0
    for name in (*_COLD_BASE_ONLY, *_ENTRIES):
        assert not _loaded(modules, name), name


# The process's own command line run as the ``plantrack`` command runs it (``run``) or as
# ``main()`` alone: whether the collector runs again after the run, and how many objects were
# frozen before and after
_ENTRY_SCRIPT = """
import gc, json, sys
sys.argv = ["plantrack", *sys.argv[1:]]
entry = {entry!r}
frozen = gc.get_freeze_count()
try:
    if entry == "run":
        from plantrack.__main__ import run
        run()
    else:
        from plantrack.cli.app import main
        main()
except SystemExit as stop:
    code = stop.code
print(json.dumps({{"code": code, "frozen": [frozen, gc.get_freeze_count()],
                  "collecting": gc.isenabled()}}))
"""


@pytest.mark.parametrize("entry", ["run", "main"])
def test_the_entry_point_freezes_what_start_up_loaded_and_collects_again(
    tmp_path: Path, entry: str
) -> None:
    args = ("check", "--repo", str(MINI), "--today", TODAY.isoformat(), str(MINI / REPORT_DON))
    answer = _answer(_ENTRY_SCRIPT.format(entry=entry), *args, cwd=tmp_path)
    assert answer["code"] == 0
    before, after = answer["frozen"]
    assert before == 0
    assert after > 10_000  # the libraries, the models, the rules: never walked again
    assert answer["collecting"]


@pytest.fixture
def collecting() -> Iterator[None]:
    """The collector on, as a test process has it, and put back as it was afterwards."""
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()  # what a test froze goes back to the collector
    if not was:
        gc.disable()


def test_loading_pauses_the_collector_and_resumes_it(collecting: None) -> None:
    with startup.loading():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_loading_leaves_a_paused_collector_paused(collecting: None) -> None:
    gc.disable()
    with startup.loading():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()


def test_loading_freezes_only_in_a_process_that_is_the_runs_own(
    collecting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup, "_owned", [False])
    frozen = gc.get_freeze_count()
    with startup.loading():
        pass
    assert gc.get_freeze_count() == frozen  # the tests' own garbage is not kept forever
    startup.own_process()
    with startup.loading():
        pass
    assert gc.get_freeze_count() > frozen


def test_the_collector_runs_during_a_checks_work_in_process(
    collecting: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from plantrack.app import check as app_check

    seen: list[bool] = []
    real = app_check.check

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app_check, "check", spy)
    with pytest.raises(SystemExit):
        main(["check", "--repo", str(MINI), "--today", TODAY.isoformat()])
    assert seen == [True]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
