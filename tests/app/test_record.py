"""``consolidate --record``: the record's content, determinism and refusals."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from plantrack import api
from plantrack.app.record import read_record, record_consolidation
from plantrack.domain.viewmodel import Consolidation
from plantrack.errors import PlantrackError
from plantrack.io.yamlload import load_yaml_file
from tests.audit.conftest import R_DON, Repo


def consolidation(repo: Repo) -> Consolidation:
    prepared = api.prepare_consolidation(repo.root, "2024-Q3", today=dt.date(2024, 9, 20))
    assert prepared.vm is not None
    return prepared.vm


def test_the_record_holds_the_provenance(mini: Repo) -> None:
    path = record_consolidation(mini.root, consolidation(mini))
    assert path == mini.root / "data/consolidations/2024-Q3.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# Bản ghi tổng hợp chính thức")
    doc, problems = load_yaml_file(path)
    assert doc is not None and not problems
    data = doc.data
    assert list(data) == [
        "period", "as_of", "tool", "version", "data_commit", "data_commit_date", "files",
    ]  # fmt: skip
    assert (data["period"], data["as_of"], data["tool"]) == ("2024-Q3", "2024-09-14", "plantrack")
    assert data["data_commit"] == mini.head()
    assert data["data_commit_date"] == "2024-09-18T10:00:00+07:00"  # the commit's, not now
    files = {f["path"]: f["sha256"] for f in data["files"]}
    assert files[R_DON] == hashlib.sha256((mini.root / R_DON).read_bytes()).hexdigest()
    assert "data/plan.yaml" in files and "data/units/xa-tra-don.yaml" in files
    record, _, _ = read_record(path, "data/consolidations/2024-Q3.yaml")
    assert record is not None and record.files == files and record.data_commit == mini.head()


def test_recording_twice_writes_the_same_bytes(mini: Repo) -> None:
    path = record_consolidation(mini.root, consolidation(mini))
    first = path.read_bytes()
    assert record_consolidation(mini.root, consolidation(mini)) == path
    assert path.read_bytes() == first


def test_a_different_record_is_replaced_only_with_force(mini: Repo) -> None:
    path = record_consolidation(mini.root, consolidation(mini))
    mini.commit("2024-09-20", "clerk@example.vn")
    with pytest.raises(PlantrackError, match="--force"):
        record_consolidation(mini.root, consolidation(mini))  # a new data commit
    record_consolidation(mini.root, consolidation(mini), force=True)
    assert mini.head() in path.read_text("utf-8")


def test_uncommitted_inputs_are_refused(mini: Repo) -> None:
    mini.edit(R_DON, "progress: 100", "progress: 90")
    with pytest.raises(PlantrackError, match=R_DON):
        record_consolidation(mini.root, consolidation(mini))
    assert not (mini.root / "data/consolidations").exists()


def test_no_git_is_refused(mini: Repo) -> None:
    vm = consolidation(mini)
    vm.provenance.data_commit = None
    with pytest.raises(PlantrackError, match="commit"):
        record_consolidation(mini.root, vm)


def test_the_record_is_not_a_data_file(mini: Repo) -> None:
    record_consolidation(mini.root, consolidation(mini))
    assert api.check(mini.root, today=dt.date(2024, 9, 20)).errors == 0
