"""``check``: every finding of a repository, or of some files plus the rules they touch."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic.version import VERSION as PYDANTIC

from plantrack import __version__, layout
from plantrack.io.checkstore import CheckStore, Entry
from plantrack.io.limits import Limits, configured_limits
from plantrack.io.repo import DataFile, classify, escapes_repo, list_data_files, list_reports
from plantrack.models import Report
from plantrack.validate.base import Base, Loaded, base_of, load_base
from plantrack.validate.catalogue import make
from plantrack.validate.collector import paused
from plantrack.validate.examine import Setting, cached_findings, load, rerun_rules
from plantrack.validate.finding import Finding, count
from plantrack.validate.loading import load_model
from plantrack.validate.parallel import examine_all
from plantrack.validate.schema_version import version_findings

__all__ = [
    "CheckResult",
    "Loaded",
    "cache_fingerprint",
    "check_repository",
    "load_base",
]

Progress = Callable[[int, int], None]


@dataclass
class CheckResult:
    """The outcome of a check: findings in file order and how many files were read."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        """Number of findings of severity error."""
        return count(self.findings)[0]

    @property
    def warnings(self) -> int:
        """Number of findings of severity warning."""
        return count(self.findings)[1]


def check_repository(
    root: Path,
    *,
    today: dt.date,
    only: Iterable[str] | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> CheckResult:
    """Check the repository at ``root``.

    With ``only`` (repo-relative paths, as a pre-commit hook passes them) the findings are
    those of these files; a changed plan, unit or index file also re-checks every report,
    since the rules it touches reach them. Files unchanged since the last check are not read
    again (see ``io/checkstore.py``); a cold check of many files parses them on ``jobs``
    processes (default: every core this process may use).
    """
    selected = set(only) if only is not None else None
    with paused():  # the listing of a national repository: 60,000 objects kept
        if selected is not None and not any(_is_base(rel) for rel in selected):
            # the findings of some reports: the plan, units and indices, and just those
            files, strays = list_data_files(root, reports=False)
            more, more_strays = list_reports(root, selected)
            files, strays = files + more, strays + more_strays
            rels: list[str] | None = [f.rel for f in files]  # the cache rows this check reads
        else:
            files, strays = list_data_files(root)
            rels = None
    limits = limits or configured_limits()
    store = CheckStore(root, cache_fingerprint(limits), rels)
    try:
        return _check(root, files, strays, store, today, only, limits, progress, jobs)
    finally:
        store.close()


def _check(
    root: Path,
    files: list[DataFile],
    strays: list[str],
    store: CheckStore,
    today: dt.date,
    only: Iterable[str] | None,
    limits: Limits,
    progress: Progress | None,
    jobs: int | None,
) -> CheckResult:
    selected = set(only) if only is not None else None
    with paused():  # the hashing of the plan, units and indices, and their loading
        base = base_of(root, files, store, limits, jobs)
    findings = list(base.findings)
    findings += [_stray(root, rel) for rel in strays]
    reports = [f for f in files if f.kind == "report"]
    narrow = selected is not None and not any(_is_base(rel) for rel in selected)
    if narrow:
        reports = [f for f in reports if f.rel in selected]  # type: ignore[operator]
    run = _ReportRun(root, base, store, today, limits, progress, len(reports))
    by_file = run.all(reports, jobs)
    for file in reports:
        findings += by_file[file.rel]
    findings += _inspection_rules(root, files, base, today, limits)
    findings += _emulation_rules(root, base)
    keep = {f.rel for f in files} if selected is None else None
    store.save(
        base.entries + run.entries,
        restamped=run.restamped,
        rerun=run.rerun,
        meta={"base": base.stored} if base.stored is not None else None,
        keep=keep,
    )
    findings += version_findings(root, findings)
    if narrow:
        findings = [f for f in findings if f.path in selected]  # type: ignore[operator]
    findings.sort(key=Finding.sort_key)
    return CheckResult(findings, base.files + len(reports))


class _ReportRun:
    """The reports of one check: cached, re-ruled from their models, or examined afresh."""

    def __init__(
        self,
        root: Path,
        base: Base,
        store: CheckStore,
        today: dt.date,
        limits: Limits,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.base, self.store, self.progress, self.total = base, store, progress, total
        self.setting = Setting(root, None, base.digest, today, limits, store.enabled)
        self.entries: list[Entry] = []
        self.restamped: list[Entry] = []
        self.rerun: list[tuple[str, str, str, str]] = []
        self.known: dict[str, Entry] = {}
        """The stored entries of this run's reports, looked up once each."""
        self.done = 0

    def _setting(self) -> Setting:
        if self.setting.ctx is None:
            ctx = self.base.context()
            if ctx is not None:
                self.setting = replace(self.setting, ctx=ctx)
        return self.setting

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def all(self, reports: list[DataFile], jobs: int | None) -> dict[str, list[Finding]]:
        """Every report's findings, by path."""
        out: dict[str, list[Finding]] = {}
        todo: list[tuple[DataFile, str]] = []
        unchanged: list[DataFile] = []
        for file in reports:
            entry = self.store.get(file.rel)
            if entry is not None:
                self.known[file.rel] = entry
            if entry is not None and entry.fresh(file.stamp):
                unchanged.append(file)
            else:
                todo.append((file, entry.digest if entry is not None else ""))
        setting = self._setting() if todo else self.setting
        by_rel = {file.rel: file for file, _ in todo}
        for outcome in examine_all(setting, todo, jobs):
            if outcome.same:
                assert outcome.entry is not None
                self.restamped.append(outcome.entry)
                unchanged.append(by_rel[outcome.rel])
                continue
            if outcome.entry is not None:
                self.entries.append(outcome.entry)
            out[outcome.rel] = outcome.findings
            self._tick()
        out.update(self._unchanged(unchanged))
        return out

    def _unchanged(self, files: list[DataFile]) -> dict[str, list[Finding]]:
        """Findings of files whose bytes the cache knows: stored, or the cross-file rules
        run again on the stored models when the plan, units or indices changed."""
        out: dict[str, list[Finding]] = {}
        stale = [f for f in files if self._entry(f).base != self.base.digest]
        models = self.store.models(f.rel for f in stale)
        setting = self._setting() if stale else self.setting
        retry: list[tuple[DataFile, str]] = []
        for file in files:
            entry = self._entry(file)
            try:
                if entry.base == self.base.digest:
                    out[file.rel] = cached_findings(setting, file, entry)
                else:
                    again = rerun_rules(setting, file, models.get(file.rel), entry.filled)
                    if again is None:
                        retry.append((file, ""))
                        continue
                    out[file.rel] = load(entry.own) + again[0]
                    self.rerun.append((file.rel, self.base.digest, again[1], again[2]))
            except (KeyError, TypeError, ValueError):
                retry.append((file, ""))  # a stored row that does not read: check afresh
                continue
            self._tick()
        for outcome in examine_all(setting, retry, 1):
            out[outcome.rel] = outcome.findings
            if outcome.entry is not None:
                self.entries.append(outcome.entry)
            self._tick()
        return out

    def _entry(self, file: DataFile) -> Entry:
        entry = self.known.get(file.rel) or self.store.get(file.rel)
        assert entry is not None
        return entry


def _inspection_rules(
    root: Path, files: list[DataFile], base: Base, today: dt.date, limits: Limits
) -> list[Finding]:
    """The rules across inspection files, run on every check: some depend on the day (a
    unit gone by now, a date in the future). Their own reading findings are the base's."""
    if not any(f.kind == "inspection" for f in files):
        return []  # before the context: restoring it is most of a warm check's time
    from plantrack.validate.rules_inspection import (
        check_inspections,
        load_inspections,
        needs_reported_fixes,
    )

    ctx = base.context()
    if ctx is None:
        return []
    loaded, _ = load_inspections(root, files, limits)
    reported: set[str] = set()
    if needs_reported_fixes(ctx, loaded, today):
        for file in files:
            if file.kind == "report":
                report = load_model(root, file, Report, limits)[0]
                reported.update(e.finding for e in report.fixes) if report else None
    return check_inspections(ctx, loaded, today, reported)


def _emulation_rules(root: Path, base: Base) -> list[Finding]:
    """The emulation scheme and self-assessments of every year (read by their own commands
    too): a pre-commit hook stops a broken self-assessment like a broken report."""
    if not (root / layout.EMULATION).is_dir():
        return []
    from plantrack.validate.emulation_files import check_emulation  # with an emulation only

    ctx = base.context()
    return check_emulation(root, ctx) if ctx is not None else []


def _is_base(rel: str) -> bool:
    # the rules an inspection file touches reach every report naming its findings
    return classify(rel) in ("plan", "unit", "index", "inspection")


def _stray(root: Path, rel: str) -> Finding:
    if rel.endswith("/"):  # a linked folder: outside the repository PT013, else not read
        rel = rel.rstrip("/")
        target = escapes_repo(root, root / rel)
        if target is not None:
            return make("PT013", rel, None, None, target=target)
        expected = "thư mục là liên kết tượng trưng, không được đọc; dùng thư mục thật"
        expected_en = "the folder is a symbolic link, which is not read; use a real folder"
        return make("PT019", rel, None, None, name=rel, expected=expected, expected_en=expected_en)
    if rel.endswith(".yml"):
        expected = "tệp dữ liệu phải có đuôi .yaml"
        expected_en = "data files end in .yaml"
    else:
        expected = (
            "chỉ có data/plan.yaml, data/units/<mã>.yaml, data/indices/<mã>.yaml, "
            "data/reports/<kỳ>/<mã đơn vị>.yaml"
        )
        expected_en = (
            "only data/plan.yaml, data/units/<id>.yaml, data/indices/<id>.yaml, "
            "data/reports/<period>/<unit id>.yaml"
        )
    return make("PT019", rel, None, None, name=rel, expected=expected, expected_en=expected_en)


def cache_fingerprint(limits: Limits) -> str:
    """What a cached check depends on besides the files: the tool's version and pydantic's
    (the layout of a stored model is its class's), the limits, and the source of the loader,
    the models, the rules and the catalogue. Any change starts the cache afresh (an edited
    rule never answers from a cache made by the old one)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}\n{PYDANTIC}\n{limits!r}\n".encode())
    for folder in ("io", "models", "validate"):
        for source in sorted((package / folder).glob("*.*")):
            if source.suffix in (".py", ".yaml"):
                digest.update(source.name.encode("utf-8") + b"\0" + source.read_bytes())
    return digest.hexdigest()
