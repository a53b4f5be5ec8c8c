"""Glue for ``audit``, ``history`` and ``codeowners``: load the plan and units, read git
history in one pass, serve blob contents through one ``git cat-file`` process, and call the
pure domain functions. Nothing here prints."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from plantrack.app.record import RECORDS, read_record
from plantrack.domain.audit import AuditResult, audit
from plantrack.domain.audit_finding import AuditFinding
from plantrack.domain.gitfacts import Recorded
from plantrack.domain.history import TaskHistory, UnitHistory, task_history, unit_history
from plantrack.errors import PlantrackError
from plantrack.io import gitlog
from plantrack.io.atomic import write_atomic
from plantrack.io.repo import list_data_files
from plantrack.io.yamlload import load_yaml_bytes
from plantrack.models.period import parse_period_id
from plantrack.validate.catalogue import make
from plantrack.validate.check import load_base
from plantrack.validate.context import Context

_CACHE = 64


class GitBlobs:
    """``domain.gitfacts.Blobs`` over one ``git cat-file --batch`` process."""

    def __init__(self, reader: gitlog.BlobReader) -> None:
        self.reader = reader
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


def load_context(root: Path) -> tuple[Context, list[str]]:
    """The plan and units of ``root`` (work tree) and the repo-relative report files."""
    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None:
        raise PlantrackError(
            "Không đọc được kế hoạch (data/plan.yaml); chạy 'plantrack check' để xem lỗi."
        )
    return base.context, [f.rel for f in files if f.kind == "report"]


def read_commits(
    root: Path, *, since: str | None = None, prefixes: Sequence[str] = ("data/",)
) -> list[gitlog.Commit]:
    """The commits of ``since..HEAD`` (all of HEAD without ``since``), oldest first."""
    state = gitlog.repo_state(root)
    if not state.is_repo:
        raise PlantrackError(
            f"{root} không nằm trong kho git: audit và history đọc lịch sử git "
            "(git init, rồi commit dữ liệu)."
        )
    if since is not None and gitlog.resolve(root, since) is None:
        raise PlantrackError(f"Không tìm thấy commit '{since}' (--since).")
    if state.head is None:
        return []
    return list(gitlog.iter_log(root, since=since, prefixes=prefixes, shallow=state.shallow))


def load_records(root: Path) -> tuple[list[Recorded], list[AuditFinding]]:
    """The consolidation records in the work tree, and PT412 for each unusable one."""
    folder = root / RECORDS
    records: list[Recorded] = []
    problems: list[AuditFinding] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = f"{RECORDS}/{path.name}"
        record, why, why_en = read_record(path, rel)
        if record is not None and record.period != path.stem:
            why = f"kỳ '{record.period}' không khớp tên tệp"
            why_en = f"its period '{record.period}' does not match the file name"
            record = None
        elif record is not None and parse_period_id(record.period) is None:
            why, why_en, record = "kỳ không hợp lệ", "not a valid period", None
        if record is None:
            finding = make("PT412", rel, None, None, "", reason=why, reason_en=why_en)
            problems.append(
                AuditFinding(finding, -1, None, "", "", None, None, rel, None, path.stem)
            )
            continue
        records.append(record)
    return records, problems


def run_audit(root: Path, *, since: str | None = None, period: str | None = None) -> AuditResult:
    """Audit the git history of the repository at ``root``."""
    if period is not None and parse_period_id(period) is None:
        raise PlantrackError(f"'{period}' không phải kỳ báo cáo (ví dụ 2024-Q3, 2024-Y).")
    ctx, reports = load_context(root)
    commits = read_commits(root, since=since)
    records, problems = load_records(root)
    with gitlog.BlobReader(root) as reader:
        return audit(
            commits,
            ctx.plan,
            ctx.units,
            records,
            GitBlobs(reader),
            report_files=reports,
            period=period,
            since=since,
            extra=problems,
        )


def run_history(root: Path, target: str) -> TaskHistory | UnitHistory:
    """The history of a task (by task id) or of a unit (by unit id)."""
    ctx, _ = load_context(root)
    if target in ctx.tasks:
        commits = read_commits(root, prefixes=("data/reports/", "data/plan.yaml"))
        with gitlog.BlobReader(root) as reader:
            return task_history(ctx, target, commits, GitBlobs(reader))
    if target in ctx.units:
        commits = read_commits(root, prefixes=("data/reports/", f"data/units/{target}.yaml"))
        with gitlog.BlobReader(root) as reader:
            return unit_history(ctx, target, commits, GitBlobs(reader))
    raise PlantrackError(
        f"'{target}' không phải mã nhiệm vụ hay mã đơn vị của kế hoạch (ví dụ: "
        f"{', '.join(list(ctx.tasks)[:2] + list(ctx.units)[:2])})."
    )


CODEOWNERS_MARK = "generated by plantrack codeowners"


def codeowners_text(root: Path) -> str:
    """The CODEOWNERS file of the repository at ``root`` (deterministic)."""
    from plantrack.render.audit import render_codeowners

    ctx, _ = load_context(root)
    return render_codeowners(ctx.plan, ctx.units, gitlog.top_prefix(root))


def write_codeowners(root: Path, out: Path, *, force: bool = False) -> Path:
    """Write the CODEOWNERS file to ``out``; a file plantrack did not write is replaced only
    with ``force``."""
    text = codeowners_text(root)
    if out.exists() and not force:
        try:
            ours = CODEOWNERS_MARK in out.read_text("utf-8").split("\n", 2)[0]
        except (OSError, UnicodeDecodeError):
            ours = False
        if not ours:
            raise PlantrackError(f"{out} đã có và không do plantrack viết; dùng --force để ghi đè.")
    write_atomic(out, text)
    return out
