"""``consolidate --record``: the provenance of an official consolidation, written into the
repository as ``data/consolidations/<period>.yaml`` for committing, and read back by
``audit``.

The record holds the tool and its version, the data commit and its committer date, the
cut-off (``as_of``) and the SHA-256 of every input file; no wall-clock time, so recording
the same consolidation twice writes the same bytes. Inputs must be committed: a record of
files git does not have could never be checked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from plantrack import layout
from plantrack.app.guard import write_guarded
from plantrack.domain.gitfacts import Recorded
from plantrack.domain.viewmodel import Consolidation
from plantrack.errors import PlantrackError
from plantrack.io.gitlog import commit_date
from plantrack.io.yamlload import load_yaml_file
from plantrack.io.yamlwrite import dump_yaml

RECORDS = layout.CONSOLIDATIONS
HEADER = (
    "Bản ghi tổng hợp chính thức — do 'plantrack consolidate --record' viết; hãy commit tệp này.\n"
    "Official consolidation record written by 'plantrack consolidate --record'; commit it.\n"
    "plantrack audit báo lỗi khi một tệp đầu vào thay đổi sau bản ghi này."
)


def record_path(root: Path, period: str) -> Path:
    """Where the record of ``period`` lives."""
    return root / layout.consolidation(period)


def record_data(vm: Consolidation, committed: dt.datetime | None) -> dict[str, Any]:
    """The record of ``vm`` as plain data, in file order."""
    prov = vm.provenance
    return {
        "period": str(vm.period.id),
        "as_of": prov.as_of.isoformat(),
        "tool": prov.tool,
        "version": prov.version,
        "data_commit": prov.data_commit,
        "data_commit_date": committed.isoformat() if committed else None,
        "files": [{"path": f.path, "sha256": f.sha256} for f in prov.files],
    }


def record_consolidation(root: Path, vm: Consolidation, *, force: bool = False) -> Path:
    """Write the record of ``vm`` to ``data/consolidations/<period>.yaml`` and return its
    path. Refuses inputs that are not committed, and an existing different record unless
    ``force`` (re-recording the same consolidation is a no-op)."""
    prov = vm.provenance
    if prov.data_commit is None:
        raise PlantrackError(code="PT908")
    if prov.uncommitted:
        raise PlantrackError(code="PT909", files=", ".join(prov.uncommitted[:10]))
    text = dump_yaml(record_data(vm, commit_date(root, prov.data_commit)), HEADER)
    target = record_path(root, str(vm.period.id))
    write_guarded(target, text, force=force, advice="advice.record")
    return target


def read_record(path: Path, rel: str) -> tuple[Recorded | None, str, str]:
    """The record at ``path`` (repo-relative ``rel``), or ``None`` with why (vi, en)."""
    doc, problems = load_yaml_file(path)
    if doc is None or problems:
        code = problems[0].code if problems else "PT001"
        return None, f"không đọc được tệp ({code})", f"the file cannot be read ({code})"
    data = doc.data
    try:
        files = {str(f["path"]): str(f["sha256"]) for f in data.get("files") or []}
        when = data.get("data_commit_date")
        return (
            Recorded(
                period=str(data["period"]),
                path=rel,
                data_commit=str(data["data_commit"]) if data.get("data_commit") else None,
                data_commit_date=dt.datetime.fromisoformat(str(when)) if when else None,
                as_of=str(data.get("as_of") or ""),
                files=files,
            ),
            "",
            "",
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return None, f"thiếu hoặc sai trường ({exc})", f"a field is missing or wrong ({exc})"
