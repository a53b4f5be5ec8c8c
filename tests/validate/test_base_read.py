"""Unit files read on worker processes (a national repository's thousands): the same
findings, in the same places, the same context and the same cache as read one by one."""

from __future__ import annotations

from typing import Any

import pytest

from plantrack.io.limits import DEFAULT_LIMITS
from plantrack.io.repo import list_data_files
from plantrack.validate import parallel
from plantrack.validate.base import context_from_stored, context_to_stored, load_base
from plantrack.validate.check import check_repository
from plantrack.validate.unitread import read_units
from tests.conftest import TODAY, MiniRepo
from tests.validate.test_check_cache import age

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="no fork here")

BROKEN_UNITS = {
    # the id is not the file name (PT219), the group unknown: found where they are written
    "data/units/xa-sai-ten.yaml": "id: xa-khac\nname: Sai tên\nkind: commune\ngroups: [khong-co]\n",
    # ends before it starts, and hands its tasks to a unit that does not exist
    "data/units/xa-cu.yaml": (
        "id: xa-cu\nname: Xã cũ\nkind: commune\nvalid_from: 2025-01-01\n"
        "valid_until: 2024-12-31\nsuccessors: [xa-khong-co]\n"
    ),
    "data/units/xa-hai-khoa.yaml": "id: xa-hai-khoa\nname: A\nname: B\nkind: commune\n",
    "data/units/xa-sai-loai.yaml": "id: xa-sai-loai\nname: Sai loại\nkind: lang\n",
    "data/units/xa-rong.yaml": "",
    # a second file of a unit already read (PT218): the first one stands
    "data/units/xa-tra-dzon2.yaml": "id: xa-tra-dzon\nname: Trùng\nkind: commune\n",
}


@pytest.fixture
def units(repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> MiniRepo:
    """The mini repository with broken unit files beside its own, and workers started for a
    handful of files."""
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "PER_WORKER", 2)
    for rel, text in BROKEN_UNITS.items():
        repo.write(rel, text)
    age(repo)
    return repo


def _findings(repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, cache: str, jobs: int) -> Any:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", cache)
    return [f.to_dict() for f in check_repository(repo.root, today=TODAY, jobs=jobs).findings]


def test_unit_files_read_on_workers_find_the_same_in_the_same_places(
    units: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _findings(units, monkeypatch, "off", 1)
    unit_codes = {f["code"] for f in expected if f["path"].startswith("data/units/")}
    assert {"PT219", "PT221", "PT004"} <= unit_codes  # the broken files did break
    assert any(f["line"] for f in expected if f["code"] == "PT219")  # placed in its file
    assert _findings(units, monkeypatch, "off", 2) == expected
    cache = str(units.root.parent / "cache")
    assert _findings(units, monkeypatch, cache, 2) == expected  # cold, on two processes
    assert _findings(units, monkeypatch, cache, 2) == expected  # warm
    units.write("data/units/xa-cu.yaml", units.read("data/units/xa-cu.yaml") + "# sửa\n")
    assert _findings(units, monkeypatch, cache, 2) == expected  # the base loaded again


def test_a_context_of_units_read_on_workers_is_the_one_read_here(units: MiniRepo) -> None:
    files, _ = list_data_files(units.root)
    read = read_units(files, DEFAULT_LIMITS, 2)
    assert sorted(read.by_rel) == sorted(f.rel for f in files if f.kind == "unit")
    assert read.covers(files) and read.pickled
    alone = read_units(files, DEFAULT_LIMITS, 1)  # one process: read as loaded
    assert not alone.by_rel and not alone.covers(files)
    here, there = load_base(units.root, files), load_base(units.root, files, read=read)
    assert here.context is not None and there.context is not None
    assert list(there.context.units.items()) == list(here.context.units.items())
    assert there.context.unreadable_units == here.context.unreadable_units
    assert [f.to_dict() for f in there.findings] == [f.to_dict() for f in here.findings]
    assert there.files == here.files
    # stored from the models as the workers pickled them: the context as loaded here
    for stored in (context_to_stored(there.context, read.pickled), context_to_stored(here.context)):
        back = context_from_stored(stored)
        assert back is not None
        assert list(back.units.items()) == list(here.context.units.items())
        assert back.units["xa-tra-dzon"].name != "Trùng"
