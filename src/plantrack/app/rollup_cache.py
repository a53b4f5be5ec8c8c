"""Each child's derived figures kept in the cache beside the mirrors (``<cache>/derived``), so
that a roll-up derives again only the children whose pin moved.

An entry is found by a digest of everything its figures follow from (``docs/decisions.md``,
roll-up): the child's pinned commit (a commit never changes; its history, which gives the
submission date, is fixed by it too), the folder its files are read from (which also tells
a migrated copy from the commit's own files), the link (unit, URL, branch), the period, the
parent's plan and units as this run read them (the derived report follows the parent's tasks
and rule, the rules across repositories its assignments), the limits of this run, and this
plantrack: its version and the digest of its source. A figure from another engine or another
parent plan is never served.

What the day of the run decides is only whether a child is derived at all (a date after
today in its files is an error, and errors are never kept); such errors only disappear as
days pass, so an entry is served on the day it was made and later, never to a run dated
before it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from plantrack import __version__
from plantrack.domain.rollup_links import ChildLink
from plantrack.domain.rollup_view import ChildFigures
from plantrack.io.limits import configured_limits
from plantrack.io.picklestore import PickleStore
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding

DERIVED = "derived"  # beside the mirrors and ``trees``
LAYOUT = 1  # of an entry: raise it when ``Kept`` changes
# the modules whose classes an entry may hold: the data of a derivation, nothing that acts
ALLOWED = (
    __name__,
    "plantrack.domain",
    "plantrack.models",
    "plantrack.validate.finding",
    "datetime",
)


@dataclass(frozen=True)
class Kept:
    """What a roll-up keeps of a child it derived: the figures the parent's outputs use, the
    findings of the rules across the two repositories, and the day it was derived."""

    figures: ChildFigures
    findings: list[Finding]
    derived_on: dt.date


@functools.cache
def engine_digest() -> str:
    """The digest of this plantrack: its version and every source file of the package (an
    edited rule, model or message never answers from an entry made by the old one)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}\n{LAYOUT}\n".encode())
    for source in sorted(package.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            rel = source.relative_to(package).as_posix()
            digest.update(rel.encode("utf-8") + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def parent_digest(parent: Context) -> str:
    """The digest of the parent's plan and units as read (what a derivation reads of them)."""
    digest = hashlib.sha256(parent.plan.model_dump_json().encode("utf-8"))
    for unit_id in sorted(parent.units):
        digest.update(b"\0" + parent.units[unit_id].model_dump_json().encode("utf-8"))
    digest.update(b"\0" + "\n".join(sorted(parent.unreadable_units)).encode("utf-8"))
    return digest.hexdigest()


class DerivedCache:
    """The kept derivations of one roll-up run (one parent, one period)."""

    def __init__(self, cache: Path, parent: Context, period: str, today: dt.date) -> None:
        self.store = PickleStore(cache / DERIVED, ALLOWED)
        self.today = today
        self._base = "\n".join(
            (engine_digest(), parent_digest(parent), period, repr(configured_limits()))
        )

    def key(self, link: ChildLink, commit: str, folder: Path) -> str:
        """The entry of ``link`` at ``commit`` read from ``folder``: the commit, then a digest
        of everything else (so entries of a commit are found by its name)."""
        what = "\n".join((self._base, link.unit, link.url, link.branch, commit, str(folder)))
        return f"{commit}-{hashlib.sha256(what.encode('utf-8')).hexdigest()[:32]}"

    def get(self, key: str) -> Kept | None:
        """The entry under ``key`` when it is whole, of this layout and not from a later day."""
        kept = self.store.get(key)
        if not isinstance(kept, Kept) or not isinstance(kept.figures, ChildFigures):
            return None
        return kept if kept.derived_on <= self.today else None

    def put(self, key: str, figures: ChildFigures, findings: list[Finding]) -> None:
        """Keep what ``key``'s derivation gave (silently skipped when it cannot be written)."""
        self.store.put(key, Kept(figures, list(findings), self.today))
