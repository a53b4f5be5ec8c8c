"""Who was allowed to edit a unit's reports at a given commit: the ``authors`` of the unit
file as it stood just before that commit (pure).

Using the authors of the day, not today's, keeps a former focal person's past edits
allowed after the unit file names a successor, and refuses an outsider who adds their own
email to the unit file in the very commit that edits the report.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from plantrack.domain.gitfacts import Blobs, Touch
from plantrack.models import Unit


class AuthorsOverTime:
    """The authors of each unit before any commit of the examined history."""

    def __init__(
        self, units: Mapping[str, Unit], unit_touches: Sequence[Touch], blobs: Blobs
    ) -> None:
        self.current = {uid: _lower(u.authors) for uid, u in units.items()}
        self.changes: dict[str, list[Touch]] = {}
        for t in sorted(unit_touches, key=lambda t: t.commit.seq):
            self.changes.setdefault(t.path.rsplit("/", 1)[-1].removesuffix(".yaml"), []).append(t)
        wanted = {b for ts in self.changes.values() for t in ts for b in (t.old_blob, t.new_blob)}
        data = blobs.parsed({b for b in wanted if b})
        self.of_blob = {blob: _authors(value) for blob, value in data.items()}
        self.seqs = {uid: [t.commit.seq for t in ts] for uid, ts in self.changes.items()}

    def before(self, unit_id: str, seq: int) -> set[str]:
        """Lower-cased emails allowed for ``unit_id`` just before commit ``seq``."""
        changes = self.changes.get(unit_id)
        if not changes:
            return self.current.get(unit_id, set())
        index = bisect.bisect_left(self.seqs[unit_id], seq)
        if index > 0:  # the unit file as the last earlier change left it
            blob = changes[index - 1].new_blob
            return self.of_blob.get(blob, set()) if blob else set()
        blob = changes[0].old_blob  # as it was before its first change in the history
        if blob is None:
            return (
                set()
                if changes[0].action in ("added", "copied-from")
                else self.current.get(unit_id, set())
            )
        return self.of_blob.get(blob, set())


def _lower(emails: Sequence[str]) -> set[str]:
    return {e.lower() for e in emails}


def _authors(data: Any) -> set[str]:
    authors = data.get("authors") if isinstance(data, dict) else None
    return {str(a).lower() for a in authors} if isinstance(authors, list) else set()
