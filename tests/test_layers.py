"""The import contracts of ``pyproject.toml`` (docs/architecture.md): the package keeps them,
and an import against the layers breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "plantrack"
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts on the package found in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--no-cache", "pyproject.toml"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_package_keeps_every_contract() -> None:
    result = _lint(PACKAGE.parent)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("domain/status.py", "import plantrack.app.consolidate", "Layers"),
        ("errors.py", "import plantrack.io.repo", "Layers"),
        ("layout.py", "import plantrack.models.period", "Layers"),
        ("render/html.py", "import plantrack.cli.app", "Nothing imports the CLI"),
        ("models/period.py", "import rich", "Below render"),
        ("forms/tables.py", "import plantrack.render.xlsx.sheets", "Forms use the office kit"),
    ],
)
def test_an_import_against_the_layers_breaks_a_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    copy = tmp_path / "plantrack"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text("utf-8") + f"\n{line}  # against the layers\n", "utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts")[-1]
    assert contract in broken and module.removesuffix(".py").replace("/", ".") in broken
