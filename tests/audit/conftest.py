"""Real git repositories for the audit tests, with controlled authors and dates.

Git never reads the machine's configuration here (``GIT_CONFIG_GLOBAL=/dev/null``, no system
config); each repository gets its own user. Every commit's author and committer, and their
dates, are set through the environment, so histories are exactly reproducible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plantrack.cli.audit_cmd import audit as audit_cmd
from plantrack.cli.codeowners_cmd import codeowners as codeowners_cmd
from plantrack.cli.history_cmd import history as history_cmd

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"

CLERK = "clerk@example.vn"  # the mini plan's maintainer
DON = "xa-tra-don@example.vn"
DZON = "xa-tra-dzon@example.vn"
PNV = "phong-noi-vu@example.vn"
OUTSIDER = "outsider@example.com"

R_DON = "data/reports/2024-Q3/xa-tra-don.yaml"
R_DZON = "data/reports/2024-Q3/xa-tra-dzon.yaml"
R_PNV = "data/reports/2024-Q3/phong-noi-vu.yaml"
PLAN = "data/plan.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every git call in these tests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    env.update(extra or {})
    return env


@dataclass
class Repo:
    """A git repository in a temporary folder."""

    root: Path

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run git in the repository; its standard output."""
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=git_env(env),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def init(self) -> Repo:
        """``git init`` with a local user and no signing."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Người thử")
        self.git("config", "user.email", "tester@example.vn")
        self.git("config", "commit.gpgsign", "false")
        return self

    def write(self, rel: str, text: str) -> None:
        """Write a file (creating folders)."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")

    def read(self, rel: str) -> str:
        """A file's text."""
        return (self.root / rel).read_text("utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in a file."""
        text = self.read(rel)
        assert text.count(old) == 1, (rel, old)
        self.write(rel, text.replace(old, new))

    def commit(
        self,
        when: str,
        email: str,
        message: str = "dữ liệu",
        paths: tuple[str, ...] = ("-A",),
        *extra: str,
    ) -> str:
        """Commit ``paths`` as ``email`` at ``when`` (a date, or an ISO date-time); its id."""
        stamp = when if "T" in when else f"{when}T10:00:00+07:00"
        env = {
            "GIT_AUTHOR_NAME": email.split("@")[0],
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": email.split("@")[0],
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
        }
        self.git("add", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message, *extra, env=env)
        return self.head()

    def head(self) -> str:
        """The HEAD commit id."""
        return self.git("rev-parse", "HEAD").strip()


def mini_history(root: Path) -> Repo:
    """The mini fixture committed as units would: the plan and units by the clerk in July,
    each report by its unit on its own submission date."""
    repo = Repo(root).init()
    shutil.copytree(MINI / "data", root / "data")
    base = ("data/plan.yaml", "data/units", "data/indices")
    repo.commit("2024-07-01", CLERK, "Kế hoạch và đơn vị", base)
    for rel, email, day in (
        (R_DON, DON, "2024-09-13"),
        (R_PNV, PNV, "2024-09-14"),
        (R_DZON, DZON, "2024-09-18"),  # submitted three days after the due date
    ):
        repo.commit(day, email, f"Báo cáo {rel}", (rel,))
    return repo


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # git must never find an enclosing repository, nor read this machine's configuration
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PLANTRACK_REPO"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def mini(tmp_path: Path) -> Repo:
    """The mini fixture with a clean history of its own (one late report, xa-tra-dzon)."""
    return mini_history(tmp_path / "repo")


@dataclass
class Run:
    """One CLI run: exit code and output."""

    code: int
    out: str


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False)
    app.command("audit")(audit_cmd)
    app.command("history")(history_cmd)
    app.command("codeowners")(codeowners_cmd)
    return app


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run ``audit``, ``history`` or ``codeowners`` as the CLI would (exit code = the
    command's return value)."""
    app = _app()
    runner = CliRunner()

    def run(*args: str) -> Run:
        result = runner.invoke(app, [str(a) for a in args], standalone_mode=False)
        if result.exception is not None:
            raise result.exception
        code = result.return_value if isinstance(result.return_value, int) else 0
        return Run(code, result.output)

    return run
