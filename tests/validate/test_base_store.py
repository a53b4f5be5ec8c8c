"""The plan, units and indices as the check cache keeps them: restored as they were loaded,
without running code from the cache; a row that does not read is a miss (the files are read
again), never an error nor another result."""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path

import pytest

from plantrack.io.picklestore import dumps
from plantrack.io.repo import list_data_files
from plantrack.validate.base import context_from_stored, context_to_stored, load_base
from tests.conftest import REPORT_DON, MiniRepo, place
from tests.validate.test_check_cache import age, uncached
from tests.validate.test_rules_inspection import INSP, INSPECTION


def test_a_context_comes_back_as_it_was_loaded(repo: MiniRepo) -> None:
    repo.write(INSP, INSPECTION)
    files, _ = list_data_files(repo.root)
    ctx = load_base(repo.root, files).context
    assert ctx is not None and ctx.findings
    back = context_from_stored(context_to_stored(ctx))
    assert back is not None
    assert back.plan == ctx.plan and back.plan.model_dump_json() == ctx.plan.model_dump_json()
    assert list(back.units.items()) == list(ctx.units.items())
    assert list(back.indices.items()) == list(ctx.indices.items())
    assert back.unreadable_units == ctx.unreadable_units
    assert back.findings.keys() == ctx.findings.keys()
    for key, ref in ctx.findings.items():
        assert (back.findings[key].rel, back.findings[key].finding) == (ref.rel, ref.finding)


class _Runs:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo forged > forged.txt",))


def _stored_base(db: sqlite3.Connection) -> tuple[object, ...]:
    (data,) = db.execute("SELECT value FROM meta WHERE key = 'base'").fetchone()
    value = pickle.loads(data)  # the test's own row: read plainly to forge it
    assert isinstance(value, tuple)
    return value


@pytest.mark.parametrize("damage", ["system", "cut", "other model", "base"])
def test_a_forged_or_damaged_context_is_a_miss(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    age(repo)
    repo.check()
    (cache_file,) = (tmp_path / "cache").iterdir()
    with sqlite3.connect(cache_file) as db:
        digest, findings, files, context = _stored_base(db)
        assert isinstance(context, bytes)
        forged = {
            "system": dumps(_Runs()),
            "cut": context[: len(context) // 2],
            "other model": dumps((repo.root.name, [], [], frozenset(), frozenset(), [])),
        }
        row = dumps(_Runs()) if damage == "base" else None
        row = row or dumps((digest, findings, files, forged[damage]))
        db.execute("UPDATE meta SET value = ? WHERE key = 'base'", (row,))
    # an edit: the rules run on the edited report, so the stored context is read
    repo.edit(REPORT_DON, "Đã niêm yết 98", "Đã niêm yết 99")
    found = [place(f) for f in repo.check()]
    assert found == uncached(repo, monkeypatch)
    assert not (tmp_path / "forged.txt").exists()
