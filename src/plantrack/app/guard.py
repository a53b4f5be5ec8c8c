"""The one write policy for every file plantrack writes into a user's folders.

A new file is created exclusively (two runs at once cannot silently replace each other); a
file holding the same content is left as it is (``unchanged``); any other file is replaced
only when plantrack wrote it and nobody edited it since (``ours``), or with ``--force``;
otherwise the run stops with PT906 and nothing is written. Replacing is atomic.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from plantrack import layout
from plantrack.errors import PlantrackError
from plantrack.i18n import t
from plantrack.io.atomic import create_exclusive, write_atomic

Outcome = Literal["written", "unchanged"]
Test = Callable[[bytes], bool]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:  # a folder, or unreadable: never the same, never ours
        return None


def _leaves_repository(path: Path) -> Path | None:
    """Where the folder of ``path`` really is when it lies in a data repository but a
    symbolic link takes it outside; ``None`` otherwise (nothing is written through one)."""
    lexical = Path(os.path.abspath(path))
    for folder in lexical.parents:
        if (folder / layout.PLAN).is_file():
            real = lexical.parent.resolve()
            return None if real.is_relative_to(folder.resolve()) else real
    return None


def write_guarded(
    path: Path,
    data: bytes | str,
    *,
    force: bool = False,
    shown: str | None = None,
    same: Test | None = None,
    ours: Test | None = None,
    advice: str | None = None,
) -> Outcome:
    """Write ``data`` to ``path`` under the policy above.

    ``same`` says whether the existing bytes hold the same content in another form (a
    report with other comments); ``ours`` whether plantrack wrote them and they are
    unedited; ``advice`` is a catalogue key added to the refusal; ``shown`` names the file
    in it (default: the path).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    outside = _leaves_repository(path)
    if outside is not None:
        raise PlantrackError(code="PT968", path=shown or path, target=outside)
    if create_exclusive(path, payload):
        return "written"
    existing = _read(path)
    if existing is not None and (existing == payload or (same is not None and same(existing))):
        return "unchanged"
    mine = existing is not None and ours is not None and ours(existing)
    if not force and not mine:
        raise PlantrackError(
            code="PT906",
            path=shown or path,
            advice=f"{t(advice, 'vi')} " if advice else "",
            advice_en=f"{t(advice, 'en')} " if advice else "",
        )
    write_atomic(path, payload)
    return "written"
