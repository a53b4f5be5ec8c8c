"""Rules for a report that looks sent but is not filled in: the quiet failures a clerk misses.

A skeleton from ``report new`` is valid YAML with valid states, so without these rules it
passes ``check`` silently; so does a task marked done at 90 %, or "TODO" left as a result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plantrack import layout
from plantrack.io.yamlload import PathKey
from plantrack.models import Report
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located

# what people type to hold a place: dots, question marks, xxx, TODO, <…>, [..], a date mask
_PLACEHOLDER = re.compile(
    r"\s*(\.{3,}|…+|\?{2,}|x{3,}|todo|tbd|fixme|<[^<>]*>|\[[^\[\]]*\]|yyyy-mm-dd|dd/mm/yyyy)\s*",
    re.IGNORECASE,
)
_TASK_TEXTS = ("results", "difficulties", "next_steps")
_NARRATIVE = ("direction", "communication", "inspection")


def check_filled(report: Report, where: Located) -> list[Finding]:
    """Warnings for an unfilled report, placeholder text, and ``done`` below 100 %."""
    out: list[Finding] = []
    for index, entry in enumerate(report.tasks):
        if entry.state == "done" and entry.progress is not None and entry.progress < 100:
            out.append(
                where.at(
                    "PT240", ("tasks", index, "progress"), task=entry.task, progress=entry.progress
                )
            )
    not_started = sum(1 for entry in report.tasks if entry.state == "not-started")
    # a skeleton: no results anywhere, and either nothing started or not yet sent
    untouched = not_started == len(report.tasks) or report.submitted is None
    if report.tasks and untouched and not any(entry.results for entry in report.tasks):
        out.append(
            where.at(
                "PT241", ("tasks",), on_key=True, tasks=len(report.tasks), not_started=not_started
            )
        )
    for path, text in _texts(report):
        if _PLACEHOLDER.fullmatch(text):
            out.append(where.at("PT242", path, text=text.strip()))
    return out


def _texts(report: Report) -> Iterator[tuple[tuple[PathKey, ...], str]]:
    """Every free text of the report with its key path."""
    for index, entry in enumerate(report.tasks):
        for name in _TASK_TEXTS:
            value = getattr(entry, name)
            if value:
                yield ("tasks", index, name), value
    if report.narrative is not None:
        for name in _NARRATIVE:
            value = getattr(report.narrative, name)
            if value:
                yield ("narrative", name), value
    for name in ("difficulties", "proposals"):
        for index, value in enumerate(getattr(report, name)):
            yield (name, index), value
    if report.number:
        yield ("number",), report.number


def check_period_reported(period_id: str, reports: int) -> list[Finding]:
    """A warning when no unit has reported for ``period_id``: its consolidation is empty."""
    if reports:
        return []
    folder = layout.report_folder(period_id)
    return [make("PT243", folder, None, None, period=period_id, folder=folder)]
