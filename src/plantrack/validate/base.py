"""The plan, units and indices of a check: loaded and checked, or taken from the check cache
when none of their files changed (then the cross-file context is rebuilt only if a report
needs its rules run).

The cache keeps the validated models of the context pickled (``io.picklestore``: read back by
an unpickler that builds only plantrack's model classes and plain types), so a re-check or a
``check FILE`` restores them as they were, without validating them again nor building the
validators of the plan, unit and index models at all."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plantrack.io.checkstore import CheckStore, Entry, now_ns
from plantrack.io.limits import Limits, configured_limits, declared_plan_size
from plantrack.io.picklestore import dumps, loads
from plantrack.io.repo import PLAN_PATH, DataFile, file_escapes
from plantrack.io.yamlload import read_bounded
from plantrack.models import Index, Plan, Unit
from plantrack.validate.catalogue import make
from plantrack.validate.collector import paused
from plantrack.validate.context import Context, FindingRef
from plantrack.validate.examine import dump, load
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model
from plantrack.validate.located import Located
from plantrack.validate.unitread import MODELS, UnitRead, UnitsRead, read_units

if TYPE_CHECKING:
    from plantrack.validate.rules_inspection import LoadedInspection


@dataclass
class Loaded:
    """The plan, units and indices of a repository, loaded and checked."""

    context: Context | None
    findings: list[Finding]
    files: int
    inspections: list[LoadedInspection] = field(default_factory=list)


def load_base(
    root: Path,
    files: list[DataFile],
    limits: Limits | None = None,
    *,
    read: UnitsRead | None = None,
) -> Loaded:
    """Load and check the plan, unit files and index files; build the cross-file context (with
    the cycle collector paused: ``validate/collector.py``). Unit files are read here unless
    already ``read`` on workers (a check's ``base_of`` reads them so; see docs/decisions.md
    for why the other commands do not)."""
    with paused():
        return _load_base(root, files, limits or configured_limits(), (read or UnitsRead()).by_rel)


def _load_base(
    root: Path, files: list[DataFile], limits: Limits, preread: dict[str, UnitRead]
) -> Loaded:
    # the rules of a cold base: a check whose base comes from the cache never loads them
    from plantrack.validate.rules_inspection import finding_index, load_inspections
    from plantrack.validate.rules_plan import (
        check_index,
        check_plan,
        check_unit_groups,
        check_unit_refs,
        check_units,
    )

    findings: list[Finding] = []
    plans = [f for f in files if f.kind == "plan"]
    plan: Plan | None = None
    plan_where = Located(PLAN_PATH, None)
    if plans:
        plan, plan_where, found = load_model(
            root, plans[0], Plan, plan_limits(root, plans[0], limits)
        )
        findings += found
    else:
        findings.append(make("PT229", PLAN_PATH, None, None))
    units: dict[str, tuple[Unit, Located, str]] = {}
    indices: dict[str, Index] = {}
    # Files that exist but do not load: what refers to them is not "unknown" — their own
    # findings say what is wrong, without a cascade in every file that names them.
    unreadable_units: set[str] = set()
    unreadable_indices: set[str] = set()
    for file in files:
        if file.kind == "unit":
            unit, where, found = _load_unit(root, file, limits, preread.get(file.rel))
            findings += found
            if unit is None:
                unreadable_units.add(file.stem)
            else:
                if unit.id in units:
                    findings.append(
                        where.at("PT218", ("id",), id=unit.id, what="đơn vị", what_en="unit")
                    )
                else:
                    units[unit.id] = (unit, where, file.stem)
        elif file.kind == "index":
            index, where, found = load_model(root, file, Index, limits)
            findings += found
            if index is None:
                unreadable_indices.add(file.stem.lower())
            else:
                findings += check_index(index, where, file.stem)
                indices[index.id] = index
    findings += check_units(units, unreadable_units)
    inspections, found = load_inspections(root, files, limits)
    findings += found
    if plan is None:
        return Loaded(None, findings, len(files) - sum(f.kind == "report" for f in files))
    context = Context(
        plan,
        {k: v[0] for k, v in units.items()},
        indices,
        unreadable_units=frozenset(unreadable_units),
        unreadable_indices=frozenset(unreadable_indices),
        findings=finding_index(inspections),
    )
    findings += check_plan(context, plan_where)
    findings += check_unit_groups(context, units)
    findings += check_unit_refs(context, {k: v[1] for k, v in units.items()})
    read = len(plans) + len(units) + len(indices) + sum(f.kind == "inspection" for f in files)
    return Loaded(context, findings, read, inspections)


def _load_unit(
    root: Path, file: DataFile, limits: Limits, got: UnitRead | None
) -> tuple[Unit | None, Located, list[Finding]]:
    """``load_model`` of a unit file, or what a worker made of it (its nodes are made again
    from its bytes if a finding is to be placed in it)."""
    if got is None:
        return load_model(root, file, Unit, limits)
    return got.unit, Located(file.rel, None, got.raw, None, limits), got.findings


@dataclass
class Base:
    """The base of one check: its digest, findings and file count, and its context (loaded,
    or restored from the cache on first use)."""

    digest: str
    findings: list[Finding]
    files: int
    entries: list[Entry] = field(default_factory=list)
    """Stamps and digests of base files read this time, to store."""
    stored: bytes | None = None
    """The base as the cache should now hold it (``None``: the cache already does)."""
    _context: Context | None = None
    _saved: bytes | None = None
    _reload: Callable[[], Loaded] | None = None

    def context(self) -> Context | None:
        """The cross-file context (``None`` when there is no plan)."""
        if self._context is None and self._saved is not None:
            restored = context_from_stored(self._saved)
            if restored is None:  # a row that does not read: the files are read instead
                restored = self._reload().context if self._reload is not None else None
            self._context = restored
            self._saved = None
        return self._context


def base_of(
    root: Path, files: list[DataFile], store: CheckStore, limits: Limits, jobs: int | None = None
) -> Base:
    """The base of a check: from the cache when no base file changed, else loaded (many unit
    files on ``jobs`` processes)."""
    # no base stored: whatever their digests, the files are loaded; read each once for both
    read = read_units(files, limits, jobs) if store.meta_bytes("base") is None else None
    parts: list[str] = []
    entries: list[Entry] = []
    for file in files:
        if file.kind == "report":
            continue
        known = store.get(file.rel)
        if known is not None and known.fresh(file.stamp):
            parts.append(f"{file.rel}\0{known.digest}")
            continue
        got = read.by_rel.get(file.rel) if read is not None else None
        if got is not None and file.stamp is not None:
            parts.append(f"{file.rel}\0{got.digest}")
            entries.append(Entry(file.rel, file.stamp, got.stamped, got.digest, "", "", ""))
            continue
        stamped = now_ns()
        if file_escapes(root, file) is not None:
            parts.append(f"{file.rel}\0!link")
            continue
        # the plan has its own limit: read under another, its edits would go unseen here
        chosen = plan_limits(root, file, limits) if file.kind == "plan" else limits
        raw, problems = read_bounded(file.path, chosen)
        if raw is None:
            parts.append(f"{file.rel}\0!{problems!r}")
            continue
        digest = hashlib.sha256(raw).hexdigest()
        parts.append(f"{file.rel}\0{digest}")
        if file.stamp is not None:
            entries.append(Entry(file.rel, file.stamp, stamped, digest, "", "", ""))
    digest = _digest_of(parts)
    cached = _cached(store, digest)
    if cached is not None:
        findings, count, saved = cached
        reload = functools.partial(load_base, root, files, limits)
        return Base(digest, findings, count, entries, _saved=saved, _reload=reload)
    if read is None:
        read = read_units(files, limits, jobs)
    loaded = load_base(root, files, limits, read=read)
    ctx = loaded.context
    stored = None
    if store.enabled:
        # the models as the workers pickled them, when they read every unit file
        pickled = read.pickled if read.covers(files) else None
        saved = context_to_stored(ctx, pickled) if ctx is not None else None
        stored = dumps((digest, dump(loaded.findings), loaded.files, saved))
    return Base(digest, loaded.findings, loaded.files, entries, stored, _context=ctx)


def plan_limits(root: Path, file: DataFile, limits: Limits) -> Limits:
    """The bounds of the plan file: the run's, raised by what the plan declares for itself
    (``io.limits.declared_plan_size``; not read through a link out of the repository)."""
    if file_escapes(root, file) is not None:
        return limits.for_plan()
    return limits.for_plan(declared_plan_size(file.path))


def _digest_of(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def base_digest(files: list[DataFile], digests: dict[str, str]) -> str | None:
    """The digest ``base_of`` gives the plan, units and indices (every file but the reports)
    whose contents have these digests (by path); ``None`` if one of them is not known."""
    parts: list[str] = []
    for file in files:
        if file.kind == "report":
            continue
        known = digests.get(file.rel)
        if known is None:
            return None
        parts.append(f"{file.rel}\0{known}")
    return _digest_of(parts)


def _cached(store: CheckStore, digest: str) -> tuple[list[Finding], int, bytes | None] | None:
    """The findings, file count and stored context of the base ``digest`` names, if the cache
    holds that base and its row reads."""
    data = store.meta_bytes("base")
    if data is None:
        return None
    try:
        saved_digest, findings, files, context = loads(data, ())
        if saved_digest != digest or not isinstance(files, int):
            return None
        if not isinstance(context, bytes | None):
            return None
        return load(findings), files, context
    except Exception:  # whatever a damaged or foreign row raises, it is a miss
        return None


def context_to_stored(ctx: Context, units: list[bytes] | None = None) -> bytes:
    """What a context is built from, as the cache keeps it: its validated models pickled (in
    the order loaded), each inspection once with its file. The unit models are kept as
    pickled lists (first of each id, ``None`` skipped): ``units``, as the workers that read
    every unit file pickled them, else one list pickled here."""
    inspections: dict[int, tuple[str, Any]] = {}
    for ref in ctx.findings.values():
        inspections.setdefault(id(ref.inspection), (ref.rel, ref.inspection))
    return dumps(
        (
            ctx.plan,
            units if units is not None else [dumps(list(ctx.units.values()))],
            list(ctx.indices.values()),
            ctx.unreadable_units,
            ctx.unreadable_indices,
            list(inspections.values()),
        )
    )


def context_from_stored(data: bytes) -> Context | None:
    """A context back from ``context_to_stored``; ``None`` when the row does not read (cut,
    altered, of another layout, or naming anything but a model class)."""
    try:
        plan, pickled, indices, unreadable_units, unreadable_indices, inspections = loads(
            data, MODELS
        )
        units: dict[str, Unit] = {}
        for part in pickled:
            for unit in loads(part, MODELS):
                if unit is not None:
                    units.setdefault(unit.id, unit)
        findings: dict[str, FindingRef] = {}
        for rel, inspection in inspections:
            for finding in inspection.findings:
                findings.setdefault(finding.id, FindingRef(inspection, finding, rel))
        ctx = Context(
            plan,
            units,
            {index.id: index for index in indices},
            unreadable_units=frozenset(unreadable_units),
            unreadable_indices=frozenset(unreadable_indices),
            findings=findings,
        )
    except Exception:  # whatever a damaged or foreign row raises, it is a miss
        return None
    return ctx if _typed(ctx) else None


def _typed(ctx: Context) -> bool:
    """Whether a restored context holds the models it should (a forged row could name other
    model classes of the package)."""
    return (
        isinstance(ctx.plan, Plan)
        and all(isinstance(u, Unit) for u in ctx.units.values())
        and all(isinstance(i, Index) for i in ctx.indices.values())
        and all(type(r.inspection).__name__ == "Inspection" for r in ctx.findings.values())
    )
