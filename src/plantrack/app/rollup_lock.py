"""The lock file of a roll-up, ``data/rollup/<period>.lock.yaml``: for each child, the
repository and the commit its figures were taken from, and when that commit was fetched.

Written through the write policy (``app/guard.py``); committed in the parent so a roll-up is
reproducible and auditable. A child that could not be fetched and was never pinned has no
commit and says why (``missing``) and since when (``fetched``: the first sync that failed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantrack import layout
from plantrack.app.guard import Outcome, write_guarded
from plantrack.io import mirror
from plantrack.io.yamlload import load_yaml_file
from plantrack.io.yamlwrite import dump_yaml

HEADER = (
    "Khóa tổng hợp từ kho cấp dưới — do 'plantrack rollup sync' viết; hãy commit tệp này.\n"
    "Roll-up lock written by 'plantrack rollup sync'; commit it."
)


@dataclass(frozen=True)
class Pin:
    """What the roll-up uses of one child: its repository and commit (``None``: none yet)."""

    unit: str
    url: str
    branch: str
    commit: str | None
    fetched: dt.datetime | None = None
    missing: str | None = None


def _commit(value: object) -> str | None:
    """A pinned commit id as the lock holds it; anything else (hand-edited) is no pin."""
    text = str(value) if value else ""
    return text if mirror.is_commit_id(text) else None


def lock_path(root: Path, period: str) -> Path:
    """Where the lock of ``period`` lives."""
    return root / layout.rollup_lock(period)


def lock_text(period: str, pins: list[Pin]) -> str:
    """The lock file's text: children by unit id; no wall-clock time beyond each pin's."""
    children: list[dict[str, Any]] = []
    for pin in sorted(pins, key=lambda p: p.unit):
        entry: dict[str, Any] = {
            "unit": pin.unit,
            "url": pin.url,
            "branch": pin.branch,
            "commit": pin.commit,
            "fetched": pin.fetched.isoformat() if pin.fetched else None,
        }
        if pin.missing:
            entry["missing"] = pin.missing
        children.append(entry)
    return dump_yaml({"period": period, "children": children}, HEADER)


def write_lock(root: Path, period: str, pins: list[Pin], *, force: bool = False) -> Outcome:
    """Write the lock of ``period``; a lock plantrack wrote is replaced, an edited one only
    with ``force``."""
    first = HEADER.splitlines()[0].encode("utf-8")
    return write_guarded(
        lock_path(root, period),
        lock_text(period, pins),
        force=force,
        ours=lambda old: old.startswith(b"# " + first),
    )


def read_lock(root: Path, period: str) -> dict[str, Pin] | None:
    """The pins of ``period``'s lock by unit, or ``None`` when there is no readable lock."""
    path = lock_path(root, period)
    if not path.is_file():
        return None
    doc, problems = load_yaml_file(path)
    if doc is None or problems or not isinstance(doc.data, dict):
        return None
    out: dict[str, Pin] = {}
    for raw in doc.data.get("children") or []:
        try:
            when = raw.get("fetched")
            pin = Pin(
                unit=str(raw["unit"]),
                url=str(raw["url"]),
                branch=str(raw.get("branch") or "main"),
                commit=_commit(raw.get("commit")),
                fetched=dt.datetime.fromisoformat(str(when)) if when else None,
                missing=str(raw["missing"]) if raw.get("missing") else None,
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a hand-edited entry: that child is fetched again
        out[pin.unit] = pin
    return out
