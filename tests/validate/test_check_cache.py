"""The check cache: a re-check reads only what changed, re-runs only the rules it must, and
never changes what a check finds."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
import zlib
from pathlib import Path

import lz4.block
import pytest

from plantrack.io import checkstore
from plantrack.io.limits import configured_limits
from plantrack.validate import examine, parallel
from plantrack.validate.check import cache_fingerprint, check_repository
from tests.conftest import REPORT_DON, REPORT_DZON, TODAY, UNIT_DZON, MiniRepo, place

REPORTS = 3  # in the mini repository


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the report files parsed."""
    calls: list[int] = []
    original = examine.load_yaml_bytes

    def counting(raw: bytes, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(len(raw))
        return original(raw, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(examine, "load_yaml_bytes", counting)
    return calls


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the report files read."""
    calls: list[str] = []
    original = examine.read_bounded

    def counting(path: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(path.name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(examine, "read_bounded", counting)
    return calls


def age(repo: MiniRepo) -> None:
    """Date every file a minute back, so its stamp alone proves it unchanged."""
    past = time.time() - 60
    for path in (repo.root / "data").rglob("*.yaml"):
        os.utime(path, (past, past))


def uncached(repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, **kwargs: object) -> list[object]:
    with monkeypatch.context() as m:
        m.setenv("PLANTRACK_CACHE_DIR", "off")
        return [place(f) for f in repo.check(**kwargs)]  # type: ignore[arg-type]


def test_a_recheck_parses_only_the_edited_file(
    repo: MiniRepo, parses: list[int], reads: list[str]
) -> None:
    age(repo)
    first = repo.check()
    assert len(parses) == REPORTS
    parses.clear()
    reads.clear()
    assert repo.check() == first
    assert parses == [] and reads == []  # the stamps say nothing changed: nothing is read
    repo.edit(REPORT_DON, "Đã niêm yết 98", "Đã niêm yết 99")
    assert repo.check() == first
    assert len(parses) == 1 and reads == ["xa-tra-don.yaml"]


def test_a_touched_file_is_hashed_not_parsed(repo: MiniRepo, parses: list[int]) -> None:
    age(repo)
    first = repo.check()
    parses.clear()
    repo.path(REPORT_DON).touch()
    assert repo.check() == first
    assert parses == []


def test_findings_are_the_same_with_and_without_the_cache(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.edit(REPORT_DZON, "unit: xa-tra-dzon", "unit: xa-tra-don")  # a cross-file finding
    repo.edit(REPORT_DON, "    progress: 100\n", "    progres: 100\n")  # a file's own finding
    expected = uncached(repo, monkeypatch)
    cold = [place(f) for f in repo.check()]
    age(repo)
    warm = [place(f) for f in repo.check()]
    assert expected == cold == warm
    assert any(f[0] == "PT205" and f[3] == 2 for f in warm)
    assert any(f[0] == "PT101" and f[3] is not None for f in warm)


def test_a_changed_unit_reruns_the_rules_on_the_stored_models(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, parses: list[int]
) -> None:
    repo.edit(REPORT_DON, "Đã niêm yết 98 thủ tục tại Bộ phận Một cửa.", "TODO")  # own words
    age(repo)
    repo.check()
    parses.clear()
    repo.edit(UNIT_DZON, "id: xa-tra-dzon", "id: xa-tra-dzon\nvalid_from: 2025-01-01")
    found = [place(f) for f in repo.check()]
    assert parses == []  # no report is parsed again: the rules run on their stored models
    assert found == uncached(repo, monkeypatch)
    assert any(f[0] == "PT208" and f[2] == REPORT_DZON and f[3] is not None for f in found)
    assert any(f[0] == "PT242" and f[2] == REPORT_DON for f in found)  # kept from the cache
    assert not any(f[0] == "PT241" for f in found)


def test_the_dated_rule_follows_the_day_of_each_check(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    early = dt.date(2024, 9, 1)
    for day in (TODAY, early, TODAY, early):
        assert [place(f) for f in repo.check(today=day)] == uncached(repo, monkeypatch, today=day)
        age(repo)
    assert any(f.code == "PT226" and f.line for f in repo.check(today=early))


def test_checking_some_files_merges_into_the_cache(repo: MiniRepo, parses: list[int]) -> None:
    age(repo)
    repo.check()
    repo.edit(REPORT_DON, "Đã niêm yết 98", "Đã niêm yết 99")
    repo.check(only=[REPORT_DON])
    parses.clear()
    repo.check()
    assert parses == []  # the other reports' entries survived the check of one file


def test_a_check_of_some_files_reads_only_their_rows_of_the_cache(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(repo)
    repo.check()
    read: list[set[str]] = []
    original = checkstore._read_rows

    def spying(db: sqlite3.Connection, only: list[str] | None) -> dict[str, tuple[object, ...]]:
        rows = original(db, only)
        read.append(set(rows))
        return rows

    monkeypatch.setattr(checkstore, "_read_rows", spying)
    repo.edit(REPORT_DON, "Đã niêm yết 98", "Đã niêm yết 99")
    repo.check(only=[REPORT_DON])
    (rows,) = read
    assert REPORT_DON in rows and "data/plan.yaml" in rows and UNIT_DZON in rows
    assert REPORT_DZON not in rows  # another report's row is never read
    read.clear()
    repo.check()
    (rows,) = read
    assert REPORT_DZON in rows


def test_a_store_that_read_some_rows_still_drops_the_rows_of_files_gone(repo: MiniRepo) -> None:
    repo.check()
    fingerprint = cache_fingerprint(configured_limits())
    store = checkstore.CheckStore(repo.root, fingerprint, [REPORT_DON])
    assert store.get(REPORT_DON) is not None
    assert store.get(REPORT_DZON) is None  # not read
    store.save([], keep={REPORT_DON})
    store.close()
    everything = checkstore.CheckStore(repo.root, fingerprint)
    assert everything.get(REPORT_DON) is not None
    assert everything.get(REPORT_DZON) is None  # gone, though this store never read it
    everything.close()


def test_a_broken_or_foreign_cache_file_is_ignored(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    clean = repo.check()
    (cache_file,) = folder.iterdir()
    with sqlite3.connect(cache_file) as db:  # rows that no longer fit what they claim
        db.execute("UPDATE files SET own = '[{\"x\": 1}]', model = x'00'")
        db.execute("UPDATE files SET base = 'another', cross_ = ''")
        db.execute("UPDATE meta SET value = 'another version' WHERE key = 'fp'")
    assert repo.check() == clean
    cache_file.write_text("not a database", encoding="utf-8")
    assert repo.check() == clean
    assert repo.check() == clean


def test_stored_rows_that_do_not_read_mean_a_fresh_check(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    age(repo)
    clean = repo.check()
    (cache_file,) = folder.iterdir()
    with sqlite3.connect(cache_file) as db:
        db.execute("UPDATE files SET own = '[{\"x\": 1}]', cross_ = '{\"f\": 3}'")
        db.execute("UPDATE meta SET value = '{\"digest\": 1}' WHERE key = 'base'")
    assert repo.check() == clean


@pytest.mark.parametrize(
    "model",
    [
        lz4.block.compress(b'{"unexpected": 1}'),
        lz4.block.compress(b"\xff{"),
        b"\x00",
        b"\x10\x00\x00\x00\xff\xff",
        (2**31).to_bytes(4, "little") + lz4.block.compress(b"{}", store_size=False),
        zlib.compress(b"{}"),
        "text",
        None,
    ],
    ids=[
        "another-shape",
        "not-utf8",
        "too-short",
        "not-lz4",
        "claims-2-GiB",
        "zlib",
        "text",
        "null",
    ],
)
def test_stored_models_that_do_not_fit_mean_a_fresh_parse(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parses: list[int],
    model: object,
) -> None:  # fmt: skip
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    repo.edit(REPORT_DZON, "unit: xa-tra-dzon", "unit: xa-tra-don")  # a cross-file finding
    age(repo)
    clean = repo.check()
    (cache_file,) = folder.iterdir()
    with sqlite3.connect(cache_file) as db:  # the plan "changed": the rules must run again
        db.execute("UPDATE files SET model = ?, base = 'another'", (model,))
    parses.clear()
    assert repo.check() == clean
    assert len(parses) == REPORTS  # not a report taken as one that does not validate


def test_a_cache_file_of_another_layout_is_laid_out_afresh(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parses: list[int]
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    age(repo)
    clean = repo.check()
    (cache_file,) = folder.iterdir()
    with sqlite3.connect(cache_file) as db:  # as an older version left it: one more column
        db.execute("ALTER TABLE files ADD COLUMN facts BLOB")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema'")
    assert repo.check() == clean
    parses.clear()
    assert repo.check() == clean
    assert parses == []  # the second check found what the first one stored


def test_a_new_cache_file_has_pages_that_hold_several_rows(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    repo.check()
    (cache_file,) = folder.iterdir()
    with sqlite3.connect(cache_file) as db:
        assert db.execute("PRAGMA page_size").fetchone() == (16384,)


def test_caching_can_be_turned_off(repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    assert checkstore.cache_dir() is None
    first = repo.check()
    assert repo.check() == first


def test_the_default_cache_lives_outside_the_repository(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PLANTRACK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert checkstore.cache_dir() == tmp_path / "xdg" / "plantrack"


def test_several_processes_find_what_one_finds(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.edit(REPORT_DZON, "unit: xa-tra-dzon", "unit: xa-tra-don")
    repo.edit(REPORT_DON, "    progress: 100\n", "    progres: 100\n")
    expected = uncached(repo, monkeypatch)
    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    monkeypatch.setattr(parallel, "PER_WORKER", 1)
    for cache in ("off", str(repo.root.parent / "cache")):
        monkeypatch.setenv("PLANTRACK_CACHE_DIR", cache)
        result = check_repository(repo.root, today=TODAY, jobs=2)
        assert [place(f) for f in result.findings] == expected
