"""The audit's rules across commits: changes after a recorded consolidation, moved task
deadlines, unit files changed after the fact, and commit signatures (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from plantrack import layout
from plantrack.domain.audit_finding import AuditFinding, Emit, commit_record
from plantrack.domain.gitfacts import Blobs, CommitLike, Recorded, Touch, key_changes, short
from plantrack.models.period import Period, period_sort_key

PLAN = layout.PLAN
_is_report = layout.is_report


# --- after a recorded consolidation -----------------------------------------------------


def _after(record: Recorded, commits: Sequence[CommitLike]) -> Callable[[CommitLike], bool]:
    """Whether a commit came after the record's data commit: not one of its ancestors when
    that commit is in the examined history, else committed later than it."""
    parents = {c.sha: c.parents for c in commits}
    if record.data_commit and record.data_commit in parents:
        seen: set[str] = set()
        todo = [record.data_commit]
        while todo:
            sha = todo.pop()
            if sha in seen or sha not in parents:
                continue
            seen.add(sha)
            todo.extend(parents[sha])
        return lambda c: c.sha not in seen
    when = record.data_commit_date
    if when is not None:
        return lambda c: c.committer_date > when
    return lambda c: True


def consolidation_findings(
    commits: Sequence[CommitLike],
    touched: Sequence[Touch],
    records: Sequence[Recorded],
    blobs: Blobs,
    emit: Emit,
    periods: Callable[[str], Period | None] = lambda _: None,
) -> tuple[set[tuple[int, str]], dict[tuple[int, str], Recorded]]:
    """PT403 for a report, PT407 for the plan or an index, changed after a recorded
    consolidation that used it (or, for a report of the period, that did not have it).

    Returns the (commit, report) pairs flagged, and the unit files changed after a record
    (PT406 is made by ``unit_file_findings``)."""
    chosen = _after_records(commits, touched, records)
    hashes = blobs.sha256s({t.new_blob for t, _ in chosen if t.new_blob and not t.gone})
    covered: set[tuple[int, str]] = set()
    units: dict[tuple[int, str], Recorded] = {}
    for t, r in chosen:
        now = None if t.gone or t.new_blob is None else hashes.get(t.new_blob)
        recorded = r.files.get(t.path)
        if now == recorded:
            continue  # back to the consolidated content (a revert)
        if layout.is_unit(t.path):
            units[(t.commit.seq, t.path)] = r
            continue
        covered.add((t.commit.seq, t.path))
        emit(_changed_after(t, r, (recorded, now), periods))
    return covered, units


def _after_records(
    commits: Sequence[CommitLike], touched: Sequence[Touch], records: Sequence[Recorded]
) -> list[tuple[Touch, Recorded]]:
    """Each change made after a record that used the file (or, for a report of the
    record's period, that did not have it), with the latest such record."""
    ordered = sorted(records, key=lambda r: period_sort_key(r.period), reverse=True)
    after = {r.path: _after(r, commits) for r in ordered}
    chosen: list[tuple[Touch, Recorded]] = []
    for t in touched:
        if layout.is_consolidation(t.path):
            continue
        own = [r for r in ordered if _is_report(t.path) and t.path.split("/")[2] == r.period]
        using = [r for r in ordered if t.path in r.files]
        found = next((r for r in own + using if after[r.path](t.commit)), None)
        if found is not None:
            chosen.append((t, found))
    return chosen


def _changed_after(
    t: Touch,
    r: Recorded,
    digests: tuple[str | None, str | None],
    periods: Callable[[str], Period | None],
) -> AuditFinding:
    """PT403 (a report) or PT407 (another input) for ``t``, changed after record ``r``;
    ``digests`` are the file's SHA-256 as recorded and as it is now."""
    recorded, now = digests
    return commit_record(
        t.commit,
        "PT403" if _is_report(t.path) else "PT407",
        t.path,
        touch=t,
        period=r.period,
        period_id=r.period,
        period_title=_title(r.period, periods),
        data_commit=(r.data_commit or "—")[:12],
        as_of=_as_date(r.as_of),
        recorded=recorded,
        now=now,
        record=r.path,
    )


def _title(period_id: str, periods: Callable[[str], Period | None]) -> str:
    period = periods(period_id)
    return period.phrase if period is not None else period_id


def _as_date(text: str) -> dt.date | str:
    """An ISO date from a record as a date (shown dd/mm/yyyy); anything else as it is."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text


# --- task deadlines in the plan ---------------------------------------------------------


def _times(data: Any) -> dict[str, tuple[str | None, str | None]]:
    tasks = data.get("tasks") if isinstance(data, dict) else None
    out: dict[str, tuple[str | None, str | None]] = {}
    for task in tasks if isinstance(tasks, list) else []:
        if isinstance(task, dict) and task.get("id") is not None:
            time, ext = task.get("time"), task.get("extended_to")
            out.setdefault(
                str(task["id"]),
                (None if time is None else str(time), None if ext is None else str(ext)),
            )
    return out


def plan_time_findings(plan_touches: Sequence[Touch], blobs: Blobs, emit: Emit) -> None:
    """PT404 for each commit that changed a task's ``time`` or ``extended_to``."""
    pairs = [t for t in plan_touches if t.old_blob and t.new_blob and t.path == PLAN]
    data = blobs.parsed({b for t in pairs for b in (t.old_blob, t.new_blob) if b})
    times: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    Times = tuple[str | None, str | None]
    changes: list[tuple[Touch, str, Times, Times]] = []
    for t in pairs:
        assert t.old_blob and t.new_blob
        for blob in (t.old_blob, t.new_blob):
            if blob not in times:
                times[blob] = _times(data.get(blob))
        old, new = times[t.old_blob], times[t.new_blob]
        for task, before in old.items():
            moved = new.get(task)
            if moved is not None and moved != before:
                changes.append((t, task, before, moved))
    total: dict[str, int] = {}
    for _, task, _, _ in changes:
        total[task] = total.get(task, 0) + 1
    nth: dict[str, int] = {}
    for t, task, before, after in changes:
        nth[task] = nth.get(task, 0) + 1
        assert t.new_blob
        emit(
            commit_record(
                t.commit,
                "PT404",
                PLAN,
                f"tasks[{task}].time",
                touch=t,
                task=task,
                task_title=_task_title(data.get(t.new_blob), task),
                change=_time_change(before, after, "vi"),
                change_en=_time_change(before, after, "en"),
                nth=nth[task],
                total=total[task],
                old={"time": before[0], "extended_to": before[1]},
                new={"time": after[0], "extended_to": after[1]},
            )
        )


_TIME_WORDS = {"vi": ("thời hạn", "gia hạn đến"), "en": ("time", "extended to")}


def _time_change(
    before: tuple[str | None, str | None], after: tuple[str | None, str | None], lang: str
) -> str:
    """``thời hạn: Quý III/2024 → Quý IV/2024; gia hạn đến: — → 31/01/2025``."""
    return "; ".join(
        f"{name}: {_time_text(a)} → {_time_text(b)}"
        for name, a, b in zip(_TIME_WORDS[lang], before, after, strict=True)
        if a != b
    )


def _time_text(value: str | None) -> str:
    """A task time as written, an ISO date as dd/mm/yyyy."""
    when = _as_date(value) if value else None
    return when.strftime("%d/%m/%Y") if isinstance(when, dt.date) else short(value)


def _task_title(data: Any, task_id: str, width: int = 80) -> str:
    """The task's title in a plan version (cut at a word, ``…``), else its id."""
    tasks = data.get("tasks") if isinstance(data, dict) else None
    for task in tasks if isinstance(tasks, list) else []:
        if isinstance(task, dict) and str(task.get("id")) == task_id and task.get("title"):
            return cut_words(" ".join(str(task["title"]).split()), width)
    return task_id


def cut_words(text: str, width: int) -> str:
    """``text`` cut at the last word boundary within ``width`` characters, with ``…``."""
    if len(text) <= width:
        return text
    head = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return head + "…"


# --- unit files -------------------------------------------------------------------------


def unit_file_findings(
    unit_touches: Sequence[Touch],
    after_record: Mapping[tuple[int, str], Recorded],
    reported: Mapping[str, set[str]],
    periods: Callable[[str], Period | None],
    blobs: Blobs,
    emit: Emit,
) -> None:
    """PT406 for a unit file changed (not added) after a recorded consolidation that used it,
    or after the due date of a period the unit has reported for."""
    flagged = [
        (t, why)
        for t in unit_touches
        if t.action not in ("added", "copied-from")
        and (why := _unit_change_why(t, after_record, reported, periods)) is not None
    ]
    data = blobs.parsed({b for t, _ in flagged for b in (t.old_blob, t.new_blob) if b})
    for t, (when, when_en, about) in flagged:
        old = data.get(t.old_blob) if t.old_blob else None
        new = data.get(t.new_blob) if t.new_blob else None
        changed = key_changes(old, new) if old is not None and new is not None else []
        emit(
            commit_record(
                t.commit,
                "PT406",
                t.path,
                touch=t,
                period=about,
                unit=t.path.rsplit("/", 1)[-1].removesuffix(".yaml"),
                when=when,
                when_en=when_en,
                change=", ".join(c.split(":", 1)[0] for c in changed) or "—",
                changes=changed,
            )
        )


def _unit_change_why(
    t: Touch,
    after_record: Mapping[tuple[int, str], Recorded],
    reported: Mapping[str, set[str]],
    periods: Callable[[str], Period | None],
) -> tuple[str, str, str | None] | None:
    """Why a change to a unit file is flagged (vi, en, period): it came after a recorded
    consolidation, or after the latest due date the unit has reported for; else ``None``."""
    record = after_record.get((t.commit.seq, t.path))
    if record is not None:
        title = _title(record.period, periods)
        return (
            f"khi kỳ {title} đã được tổng hợp chính thức",
            f"the period {title} was consolidated",
            record.period,
        )
    unit = t.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    day = t.commit.author_date.date()
    past = []
    for period_id in reported.get(unit, ()):
        period = periods(period_id)
        if period is not None and period.due < day:
            past.append((period.due, period_id))
    if not past:
        return None
    due, period_id = max(past)
    title, day_text = _title(period_id, periods), due.strftime("%d/%m/%Y")
    return (
        f"hạn nộp báo cáo {title} ({day_text})",
        f"the due date of its report for {title} ({day_text})",
        period_id,
    )


# --- signatures -------------------------------------------------------------------------

_UNVERIFIED = {
    "U": (
        "chữ ký đúng nhưng khóa chưa được tin cậy (không có trong danh sách người ký)",
        "good signature, but the key is not trusted (not among the allowed signers)",
    ),
    "X": ("chữ ký đã hết hạn", "the signature has expired"),
    "Y": ("chữ ký bằng khóa đã hết hạn", "signed with an expired key"),
    "R": ("chữ ký bằng khóa đã bị thu hồi", "signed with a revoked key"),
    "E": (
        "không kiểm tra được chữ ký (thiếu khóa công khai?)",
        "cannot check (public key missing?)",
    ),
}


def signature_findings(changing: Sequence[CommitLike], emit: Emit) -> dict[str, int]:
    """PT408 for a bad signature, PT409 for one that cannot be trusted, PT410 for an unsigned
    commit when other commits changing data are signed; returns the counts."""
    summary = {"good": 0, "unverified": 0, "bad": 0, "unsigned": 0}
    signed = sum(1 for c in changing if c.signature != "N")
    for c in changing:
        path = c.changes[0].path if c.changes else ""
        if c.signature == "G":
            summary["good"] += 1
        elif c.signature == "B":
            summary["bad"] += 1
            emit(commit_record(c, "PT408", path))
        elif c.signature in _UNVERIFIED:
            summary["unverified"] += 1
            state, state_en = _UNVERIFIED[c.signature]
            emit(commit_record(c, "PT409", path, state=state, state_en=state_en))
        else:
            summary["unsigned"] += 1
            if signed:
                emit(commit_record(c, "PT410", path, signed=signed))
    return summary
