"""``migrate``: rewrite a data repository written for an older form of the data files into the
current one, line by line, so that comments and the units' own text stay as they were.

Each version has its steps (``STEPS``: edits of file texts, never a load-and-dump); the last
one records the version in ``data/plan.yaml``. The JSON Schemas plantrack wrote into
``schemas/`` are brought up to date too (editors check against them). A dry run returns the
unified diff and writes nothing; a real run writes every changed file atomically, then checks
the repository.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import write_guarded
from plantrack.app.schema import schema_is_ours, schema_texts
from plantrack.errors import PlantrackError
from plantrack.models.plan import SCHEMA_VERSION
from plantrack.validate.check import CheckResult, check_repository
from plantrack.validate.schema_version import declared_version, stamped

# An edit takes the texts of the repository's files (repo-relative path → text, read on
# demand) and returns the texts it changes.
Edit = Callable[[Callable[[str], str | None]], dict[str, str]]

# The edits that bring a repository to each version from the one before. Version 2 (the
# first to record itself) changed no key: only optional keys were added.
STEPS: Mapping[int, tuple[Edit, ...]] = {2: ()}


@dataclass(frozen=True)
class Change:
    """One file's text before and after (``before`` None: a new file)."""

    rel: str
    before: str | None
    after: str


@dataclass
class Migration:
    """What ``migrate`` found and did: the versions, the changes, and the check afterwards
    (``None`` on a dry run or when nothing changed)."""

    found: int
    current: int
    changes: list[Change] = field(default_factory=list)
    check: CheckResult | None = None

    def diff(self) -> str:
        """Every change as a unified diff (``a/`` and ``b/`` paths, like git)."""
        out: list[str] = []
        for change in self.changes:
            before = (change.before or "").splitlines(keepends=True)
            after = change.after.splitlines(keepends=True)
            old = f"a/{change.rel}" if change.before is not None else "/dev/null"
            lines = difflib.unified_diff(before, after, old, f"b/{change.rel}")
            out += [line if line.endswith("\n") else line + "\n" for line in lines]
        return "".join(out)


def migrate(root: Path, *, dry_run: bool = False, today: dt.date | None = None) -> Migration:
    """Rewrite the repository at ``root`` in the current form (see the module's docstring)."""
    plan_text = (root / layout.PLAN).read_text("utf-8")  # a disk error is the CLI's PT96x
    found = _found(plan_text)
    texts = _stepped(root, plan_text, found)
    texts.update(_schemas(root))
    done = Migration(found, SCHEMA_VERSION, texts.changes())
    if dry_run or not done.changes:
        return done
    for change in done.changes:
        write_guarded(root / change.rel, change.after, force=True)
    done.check = check_repository(root, today=today or dt.date.today())
    return done


def data_changes(root: Path) -> list[Change]:
    """The data files' texts in the current form, computed in memory and never written (a
    roll-up reads an older child this way); PT940/PT941 when it cannot be migrated."""
    plan_text = (root / layout.PLAN).read_text("utf-8")
    return _stepped(root, plan_text, _found(plan_text)).changes()


def edits_between(found: int) -> bool:
    """Whether any step from version ``found`` to the current one edits a file (beyond
    recording the version): without one, files of ``found`` read as current ones."""
    return any(STEPS.get(version) for version in range(found + 1, SCHEMA_VERSION + 1))


def _found(plan_text: str) -> int:
    """The version ``plan_text`` declares, when this plantrack can migrate from it."""
    found, _ = declared_version(plan_text)
    if found is None or found < 1:
        raise PlantrackError(code="PT941", path=layout.PLAN)
    if found > SCHEMA_VERSION:
        raise PlantrackError(code="PT940", version=found, current=SCHEMA_VERSION)
    return found


def _stepped(root: Path, plan_text: str, found: int) -> _Texts:
    """The files' texts after every step from ``found`` to the current version, the version
    recorded in the plan."""
    texts = _Texts(root)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        for edit in STEPS.get(version, ()):
            texts.update(edit(texts.get))
    plan = texts.get(layout.PLAN) or plan_text
    if found < SCHEMA_VERSION:
        texts.update({layout.PLAN: stamped(plan)})
    return texts


class _Texts:
    """The repository's files as the steps see them: read once, changed in memory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.read: dict[str, str | None] = {}
        self.new: dict[str, str] = {}

    def get(self, rel: str) -> str | None:
        """The current text of ``rel`` (``None``: no such file)."""
        if rel in self.new:
            return self.new[rel]
        if rel not in self.read:
            path = self.root / rel
            self.read[rel] = path.read_text("utf-8") if path.is_file() else None
        return self.read[rel]

    def update(self, changed: Mapping[str, str]) -> None:
        """Record new texts (reading each file's old text first)."""
        for rel, text in changed.items():
            self.get(rel)
            self.new[rel] = text

    def changes(self) -> list[Change]:
        """The files whose text differs from what is on disk, in path order."""
        return [
            Change(rel, self.read.get(rel), self.new[rel])
            for rel in sorted(self.new)
            if self.new[rel] != self.read.get(rel)
        ]


def _schemas(root: Path) -> dict[str, str]:
    """The JSON Schemas plantrack wrote into ``schemas/``, as this plantrack writes them
    (a schema someone edited, or a folder without schemas, is left alone)."""
    folder = root / layout.SCHEMAS
    out = {}
    for name, text in schema_texts().items():
        path = folder / name
        if path.is_file() and schema_is_ours(path.read_bytes()):
            out[f"{layout.SCHEMAS}/{name}"] = text
    return out
