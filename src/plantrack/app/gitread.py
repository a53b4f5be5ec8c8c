"""What ``audit``, ``history`` and ``codeowners`` read: the plan and units of the work tree,
the commits of git history in one pass, and blob contents through one ``git cat-file``
process."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from plantrack.domain.gitfacts import report_summary
from plantrack.errors import PlantrackError
from plantrack.io import gitlog
from plantrack.io.checkstore import CheckStore
from plantrack.io.yamlload import load_yaml_bytes
from plantrack.layout import DATA, is_report
from plantrack.validate.context import Context
from plantrack.validate.parallel import chunked, forked_map, workers_for
from plantrack.validate.require import require_plan

_CACHE = 64
_ROUND = 4000
"""Blobs read from git and summarised per round: their bytes are held only that long."""


class GitBlobs:
    """``domain.gitfacts.Blobs`` over one ``git cat-file --batch`` process."""

    def __init__(self, reader: gitlog.BlobReader, store: CheckStore | None = None) -> None:
        self.reader = reader
        self.store = store
        self._parsed: dict[str, Any] = {}

    def sha256s(self, ids: Collection[str]) -> dict[str, str]:
        """SHA-256 of each blob's bytes (missing blobs are left out)."""
        return {
            name: hashlib.sha256(data).hexdigest()
            for name, data in self.reader.read_many(sorted(ids))
            if data is not None
        }

    def parsed(self, ids: Collection[str]) -> dict[str, Any]:
        """Each blob loaded as plain YAML data (``None`` when it cannot be read); the last
        few are kept, since a plan version is the new side of one change and the old side of
        the next."""
        out = {name: self._parsed[name] for name in ids if name in self._parsed}
        for name, raw in self.reader.read_many(sorted(set(ids) - set(out))):
            doc = load_yaml_bytes(raw)[0] if raw is not None else None
            out[name] = doc.data if doc is not None else None
        if len(ids) <= _CACHE:
            if len(self._parsed) > _CACHE:
                self._parsed.clear()
            self._parsed.update(out)
        return out

    def summaries(self, ids: Collection[str]) -> dict[str, Any]:
        """``report_summary`` of each blob: from the cache when it holds the blob (a blob's
        content never changes), else parsed once and stored."""
        stored = self.store.blobs(ids) if self.store is not None else {}
        out = {name: json.loads(text) for name, text in stored.items()}
        made = dict(self._summarised(sorted(set(ids) - set(out))))
        if self.store is not None and made:
            texts = {name: json.dumps(value, ensure_ascii=False) for name, value in made.items()}
            self.store.save((), blobs=texts)
        return out | made

    def _summarised(self, ids: list[str]) -> Iterator[tuple[str, Any]]:
        """``(blob, report_summary)`` of each blob not yet summarised: many of them (the first
        ``history`` of a repository, every stored version of every report) on every core."""
        raws: list[tuple[str, bytes | None]] = []
        for pair in self.reader.read_many(ids):
            raws.append(pair)
            if len(raws) == _ROUND:
                yield from _summaries_of(raws)
                raws = []
        yield from _summaries_of(raws)


def _summaries_of(raws: list[tuple[str, bytes | None]]) -> list[tuple[str, Any]]:
    """``(blob, report_summary)`` of each blob's bytes, in order; on worker processes when
    there are enough of them to repay starting one."""
    workers = workers_for(len(raws))
    if workers <= 1:
        return _summarise(raws)
    parts = forked_map(_summarise, chunked(raws, workers), workers, _nothing, ())
    return [pair for part in parts for pair in part]


def _summarise(raws: Sequence[tuple[str, bytes | None]]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for name, raw in raws:
        doc = load_yaml_bytes(raw)[0] if raw is not None else None
        out.append((name, report_summary(doc.data if doc is not None else None)))
    return out


def _nothing() -> None:
    """Workers need no setting of their own: they get the bytes with their chunk."""


def load_context(
    root: Path, store: CheckStore | None = None, *, reports: bool = True
) -> tuple[Context, list[str]]:
    """The plan and units of ``root`` (work tree) and the repo-relative report files (with
    ``store``, from the check cache when no plan, unit or index file changed; without
    ``reports``, none listed)."""
    repo = require_plan(root, store, reports=reports)
    return repo.ctx, [f.rel for f in repo.files if is_report(f.rel)]


def read_commits(
    root: Path, *, since: str | None = None, prefixes: Sequence[str] = (f"{DATA}/",)
) -> list[gitlog.Commit]:
    """The commits of ``since..HEAD`` (all of HEAD without ``since``), oldest first."""
    state = gitlog.repo_state(root)
    if not state.is_repo:
        raise PlantrackError(code="PT910", root=root)
    if since is not None and gitlog.resolve(root, since) is None:
        raise PlantrackError(code="PT911", rev=since)
    if state.head is None:
        return []
    return list(gitlog.iter_log(root, since=since, prefixes=prefixes, shallow=state.shallow))
