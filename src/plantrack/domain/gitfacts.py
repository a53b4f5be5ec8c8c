"""What the audit and history read from git, as the domain sees it: commits, the files they
touch, consolidation records, and a source of blob contents.

The shapes are protocols so that the domain stays pure: ``io.gitlog`` produces objects that
fit them, tests may build their own. Nothing here runs git.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Action = Literal["added", "modified", "deleted", "renamed-from", "renamed-to", "copied-from"]

ACTION_TEXT: dict[str, tuple[str, str]] = {
    "added": ("thêm", "added"),
    "modified": ("sửa", "modified"),
    "deleted": ("xóa", "deleted"),
    "renamed-from": ("chuyển tới (từ '{other}')", "moved here (from '{other}')"),
    "renamed-to": ("chuyển đi (thành '{other}')", "moved away (to '{other}')"),
    "copied-from": ("thêm (chép từ '{other}')", "added (copied from '{other}')"),
}


class ChangeLike(Protocol):
    """One file changed by one commit (see ``io.gitlog.Change``)."""

    @property
    def status(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def old_path(self) -> str | None: ...
    @property
    def old_blob(self) -> str | None: ...
    @property
    def new_blob(self) -> str | None: ...


class CommitLike(Protocol):
    """One commit, oldest first by ``seq`` (see ``io.gitlog.Commit``)."""

    @property
    def seq(self) -> int: ...
    @property
    def sha(self) -> str: ...
    @property
    def parents(self) -> tuple[str, ...]: ...
    @property
    def author_name(self) -> str: ...
    @property
    def author_email(self) -> str: ...
    @property
    def author_date(self) -> dt.datetime: ...
    @property
    def committer_date(self) -> dt.datetime: ...
    @property
    def signature(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def changes(self) -> Sequence[ChangeLike]: ...
    @property
    def boundary(self) -> bool: ...


class Blobs(Protocol):
    """Blob contents by id, read in batches."""

    def sha256s(self, ids: Collection[str]) -> dict[str, str]:
        """SHA-256 of each blob's bytes (missing blobs are left out)."""
        ...

    def parsed(self, ids: Collection[str]) -> dict[str, Any]:
        """Each blob loaded as plain YAML data (``None`` when it cannot be read)."""
        ...

    def summaries(self, ids: Collection[str]) -> dict[str, Any]:
        """Each report blob as ``report_summary`` gives it (what ``history`` reads); a blob's
        summary never changes, so it may come from a cache."""
        ...


def report_summary(data: Any) -> Any:
    """What ``history`` reads of one version of a report: its submission date, whether it
    came from a form, and each task entry's state, progress and completion date (``None``
    when it is not a mapping)."""
    if not isinstance(data, dict):
        return None
    out: dict[str, Any] = {
        "submitted": data.get("submitted"),
        "from_form": isinstance(data.get("form"), dict),
    }
    tasks = data.get("tasks")
    if isinstance(tasks, list):
        out["tasks"] = [
            {k: e[k] for k in ("task", "state", "progress", "completed") if k in e}
            if isinstance(e, dict)
            else None
            for e in tasks
        ]
    return out


@dataclass(frozen=True, slots=True)
class Touch:
    """One commit's change to one path, seen from that path."""

    commit: CommitLike
    path: str
    action: Action
    other: str | None
    old_blob: str | None
    new_blob: str | None

    @property
    def gone(self) -> bool:
        """The path no longer exists after the commit."""
        return self.action in ("deleted", "renamed-to")

    def action_text(self, lang: str) -> str:
        """The action in Vietnamese (``vi``) or English."""
        vi, en = ACTION_TEXT[self.action]
        return (en if lang == "en" else vi).format(other=self.other or "")


def touches(commit: CommitLike) -> list[Touch]:
    """The paths a commit touches; a rename touches its old path and its new one."""
    out: list[Touch] = []
    for ch in commit.changes:
        if ch.status == "R" and ch.old_path:
            out.append(Touch(commit, ch.old_path, "renamed-to", ch.path, ch.old_blob, None))
            out.append(
                Touch(commit, ch.path, "renamed-from", ch.old_path, ch.old_blob, ch.new_blob)
            )
        elif ch.status == "C" and ch.old_path:
            out.append(Touch(commit, ch.path, "copied-from", ch.old_path, None, ch.new_blob))
        elif ch.status == "A" or ch.old_blob is None:
            out.append(Touch(commit, ch.path, "added", None, None, ch.new_blob))
        elif ch.status == "D" or ch.new_blob is None:
            out.append(Touch(commit, ch.path, "deleted", None, ch.old_blob, None))
        else:
            out.append(Touch(commit, ch.path, "modified", None, ch.old_blob, ch.new_blob))
    return out


@dataclass(frozen=True)
class Recorded:
    """The provenance of an official consolidation, as ``consolidate --record`` wrote it."""

    period: str
    path: str
    data_commit: str | None
    data_commit_date: dt.datetime | None
    as_of: str
    files: dict[str, str] = field(default_factory=dict)


def short(value: Any, width: int = 60) -> str:
    """A value in one short line (``—`` for nothing)."""
    if value is None or value == [] or value == {}:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def key_changes(old: Any, new: Any, *, limit: int = 12) -> list[str]:
    """``key: old → new`` for each top-level key whose value differs (file order)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    keys = list(old) + [k for k in new if k not in old]
    out = [
        f"{k}: {short(old.get(k))} → {short(new.get(k))}" for k in keys if old.get(k) != new.get(k)
    ]
    return _capped(out, limit)


def _capped(lines: list[str], limit: int) -> list[str]:
    """The first ``limit`` lines, and how many more there are."""
    return lines[:limit] + ([f"… (+{len(lines) - limit})"] if len(lines) > limit else [])


def report_changes(old: Any, new: Any, *, limit: int = 12) -> list[str]:
    """What changed between two versions of a report: top-level keys, and per task entry
    the fields that changed (``tasks[t1].state: in-progress → done``)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    out = key_changes(
        {k: v for k, v in old.items() if k != "tasks"},
        {k: v for k, v in new.items() if k != "tasks"},
        limit=limit,
    )
    before, after = _entries(old.get("tasks")), _entries(new.get("tasks"))
    for task in list(before) + [t for t in after if t not in before]:
        out += _entry_changes(task, before.get(task), after.get(task))
    return _capped(out, limit)


def _entry_changes(task: str, a: dict[str, Any] | None, b: dict[str, Any] | None) -> list[str]:
    """The changed fields of one task entry; an entry added or removed as a whole."""
    if a == b:
        return []
    if a is None or b is None:
        return [f"tasks[{task}]: {'—' if a is None else '…'} → {'—' if b is None else '…'}"]
    return [
        f"tasks[{task}].{key}: {short(a.get(key))} → {short(b.get(key))}"
        for key in list(a) + [k for k in b if k not in a]
        if a.get(key) != b.get(key)
    ]


def _entries(tasks: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(tasks, list):
        return {}
    return {
        str(e.get("task")): e for e in tasks if isinstance(e, dict) and e.get("task") is not None
    }
