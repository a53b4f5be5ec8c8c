"""When each report of a period was first committed: one ``git log`` of the period's folder,
kept in the check cache with the commit it was read at."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

from plantrack import layout
from plantrack.io import git
from plantrack.io.checkstore import CheckStore
from plantrack.io.limits import configured_limits
from plantrack.validate.check import cache_fingerprint


def first_added(root: Path, period_id: str) -> dict[str, dt.datetime]:
    """``git.first_added`` for the report folder of ``period_id``: the answer for one commit
    never changes, so it is kept by commit (one entry per folder) and read again only when
    HEAD moved."""
    prefix = layout.report_folder(period_id)
    head = git.head_commit(root)
    key = f"added:{prefix}"
    store = CheckStore(root, cache_fingerprint(configured_limits()))
    try:
        with contextlib.suppress(ValueError, TypeError, AttributeError, KeyError):
            stored = json.loads(store.meta(key) or "{}")
            if head and stored.get("head") == head:
                return {rel: dt.datetime.fromisoformat(at) for rel, at in stored["added"].items()}
        added = git.first_added(root, prefix)
        if head:
            saved = {"head": head, "added": {rel: at.isoformat() for rel, at in added.items()}}
            store.save((), meta={key: json.dumps(saved)})
        return added
    finally:
        store.close()
