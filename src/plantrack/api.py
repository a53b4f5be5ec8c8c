"""The library surface the CLI calls and Python users import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from plantrack.app.consolidate import Prepared, latest_period, prepare
from plantrack.app.record import record_consolidation
from plantrack.domain.viewmodel import Consolidation
from plantrack.errors import PlantrackError
from plantrack.io.atomic import write_atomic
from plantrack.io.outdir import OutputExistsError, OutputRefusedError, check_target, publish
from plantrack.io.repo import find_repo, relative
from plantrack.models.jsonschema import json_schemas
from plantrack.validate.check import CheckResult, Progress, check_repository

__all__ = [
    "CheckResult",
    "Prepared",
    "check",
    "check_output_folder",
    "find_repo",
    "latest_period",
    "prepare_consolidation",
    "record_consolidation",
    "render_outputs",
    "write_outputs",
    "write_schemas",
]


def check(
    repo: Path,
    paths: Iterable[Path] = (),
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Check the repository at ``repo``; with ``paths``, only those files (folders expand)
    plus the cross-file rules they touch."""
    selected: list[str] | None = None
    given = list(paths)
    if given:
        selected = []
        for path in given:
            absolute = path if path.is_absolute() else Path.cwd() / path
            if absolute.is_dir():
                selected += [relative(repo, p) for p in sorted(absolute.rglob("*")) if p.is_file()]
            else:
                selected.append(relative(repo, absolute))
    return check_repository(repo, today=today or dt.date.today(), only=selected, progress=progress)


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the JSON Schemas of every file kind into ``out_dir``; return the paths written."""
    written = []
    for name, schema in json_schemas().items():
        target = out_dir / name
        write_atomic(target, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        written.append(target)
    return written


def prepare_consolidation(
    repo: Path,
    period: str,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Check the period's inputs and build its view-model (or return the blocking errors)."""
    return prepare(repo, period, as_of=as_of, today=today, progress=progress)


FORMATS = ("md", "html", "xlsx", "docx", "json")


def render_outputs(
    vm: Consolidation,
    repo: Path,
    formats: Iterable[str] = FORMATS,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
) -> dict[str, bytes]:
    """File name → bytes for each requested format of the consolidated report; ``number``,
    ``date`` and ``signer`` fill the official Word document (blank when not given)."""
    from plantrack.render.documents import render_json, render_markdown

    base = f"bao-cao-tong-hop-{vm.period.id}"
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "md":
            out[f"{base}.md"] = render_markdown(vm, repo).encode("utf-8")
        elif fmt == "json":
            out[f"{base}.json"] = render_json(vm).encode("utf-8")
        elif fmt == "html":
            from plantrack.render.html import render_html

            out[f"{base}.html"] = render_html(vm, repo).encode("utf-8")
        elif fmt == "docx":
            from plantrack.render.docx.report import render_docx

            out[f"{base}.docx"] = render_docx(
                vm, number=number, date=date, signer=signer, repo=repo
            )
        elif fmt == "xlsx":
            from plantrack.render.xlsx.workbook import render_xlsx

            out[f"{base}.xlsx"] = render_xlsx(vm)
    return out


_REFUSED = {
    "repo": "là thư mục gốc của kho dữ liệu hoặc chứa kho",
    "data": "nằm trong thư mục data/ của kho",
    "git": "là hoặc chứa một kho git (.git)",
    "file": "là một tệp, không phải thư mục",
    "link": "đi qua một liên kết tượng trưng ra ngoài kho",
}


def check_output_folder(target: Path, repo: Path | None = None) -> None:
    """Refuse an output folder plantrack may never write into (even with ``--force``)."""
    try:
        check_target(target, repo=repo)
    except OutputRefusedError as exc:
        raise PlantrackError(
            f"Không ghi kết quả vào {exc.target}: thư mục này {_REFUSED[exc.reason]}; "
            "chọn --out khác (--force cũng không cho phép)."
        ) from exc


def write_outputs(
    target: Path, files: dict[str, bytes], *, force: bool = False, repo: Path | None = None
) -> list[Path]:
    """Publish ``files`` as plantrack's outputs in the folder ``target``; only files
    plantrack wrote there before are ever removed."""
    check_output_folder(target, repo)
    try:
        return publish(target, files, force=force, repo=repo)
    except OutputExistsError as exc:
        raise PlantrackError(
            f"Thư mục {exc} đã có tệp không do plantrack tạo (hoặc đã bị sửa); chọn --out khác, "
            "hoặc dùng --force để ghi thêm kết quả vào đó (tệp khác được giữ nguyên)."
        ) from exc
