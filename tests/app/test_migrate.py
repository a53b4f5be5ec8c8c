"""``migrate``: a repository written for an older plantrack rewritten in the current form, line
by line (comments and the units' own text kept), on the embedded data and on a repository made
and filled in by plantrack 0.1.0; a newer repository is refused, an older one with keys this
plantrack no longer knows is told to migrate."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack.app.migrate import migrate
from plantrack.app.schema import schema_texts
from plantrack.cli.app import main
from plantrack.errors import PlantrackError
from plantrack.models.plan import SCHEMA_VERSION
from plantrack.validate import schema_version
from plantrack.validate.check import check_repository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROJECT = Path(__file__).resolve().parents[2]
RELEASE = FIXTURES / "release-0.1"
TODAY = dt.date(2026, 3, 20)
PLAN = "data/plan.yaml"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _copy(source: Path, target: Path, *parts: str) -> Path:
    target.mkdir()
    for part in parts:
        shutil.copytree(source / part, target / part)
    return target


def test_a_release_0_1_repository_checks_then_migrates_clean(tmp_path: Path) -> None:
    root = _copy(RELEASE, tmp_path / "repo", "data", "schemas", "templates")
    assert check_repository(root, today=TODAY).errors == 0  # it keeps working unconverted
    before = _snapshot(root)
    dry = migrate(root, dry_run=True)
    assert (dry.found, dry.current) == (1, SCHEMA_VERSION)
    assert _snapshot(root) == before  # a dry run writes nothing
    diff = dry.diff()
    assert f"+schema_version: {SCHEMA_VERSION}\n" in diff and "--- a/data/plan.yaml" in diff
    changed = {c.rel for c in dry.changes}
    assert PLAN in changed and all(r == PLAN or r.startswith("schemas/") for r in changed)
    done = migrate(root, today=TODAY)
    assert done.check is not None and done.check.errors == 0
    after = _snapshot(root)
    for rel, data in before.items():
        if rel.startswith("schemas/"):
            assert after[rel].decode("utf-8") == schema_texts()[rel.split("/", 1)[1]]
        elif rel == PLAN:  # one line added, every other line as the authors wrote it
            old, new = data.decode("utf-8").splitlines(), after[rel].decode("utf-8").splitlines()
            assert [line for line in new if not line.startswith("schema_version:")] == old
        else:  # the units' files and reports untouched, comments and all
            assert after[rel] == data, rel
    assert migrate(root, dry_run=True).changes == []  # converted once for all


def test_the_embedded_data_migrates_without_touching_a_report(tmp_path: Path) -> None:
    root = _copy(PROJECT, tmp_path / "repo", "data", "schemas")
    before = _snapshot(root)
    done = migrate(root, today=dt.date(2025, 10, 20))
    assert {c.rel for c in done.changes} == {PLAN}
    assert done.check is not None and done.check.errors == 0
    after = _snapshot(root)
    assert {k for k in before if before[k] != after[k]} == {PLAN}


def test_a_repository_for_a_newer_plantrack_is_refused(tmp_path: Path) -> None:
    root = _copy(RELEASE, tmp_path / "repo", "data")
    plan = root / PLAN
    plan.write_text(plan.read_text("utf-8").replace("id: ", "schema_version: 99\nid: ", 1), "utf-8")
    found = [f for f in check_repository(root, today=TODAY).findings if f.code == "PT021"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].line
    with pytest.raises(PlantrackError) as caught:
        migrate(root)
    assert caught.value.code == "PT940"


def test_an_older_repository_with_retired_keys_is_told_to_migrate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(RELEASE, tmp_path / "repo", "data")
    unit = root / "data/units/phong-noi-vu.yaml"
    unit.write_text(unit.read_text("utf-8") + "van_thu: Lê Văn C\n", "utf-8")
    codes = [f.code for f in check_repository(root, today=TODAY).findings]
    assert "PT101" in codes and "PT022" not in codes  # a key no version had: just wrong
    monkeypatch.setitem(schema_version.RETIRED, SCHEMA_VERSION, frozenset({"van_thu"}))
    found = [f for f in check_repository(root, today=TODAY).findings if f.code == "PT022"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "plantrack migrate --dry-run" in found[0].hint_vi
    plan = root / PLAN
    stamped = plan.read_text("utf-8").replace("id: ", f"schema_version: {SCHEMA_VERSION}\nid: ", 1)
    plan.write_text(stamped, "utf-8")
    codes = [f.code for f in check_repository(root, today=TODAY).findings]
    assert "PT101" in codes and "PT022" not in codes  # current: the key is simply wrong


def test_a_version_that_is_no_number(tmp_path: Path) -> None:
    root = _copy(RELEASE, tmp_path / "repo", "data")
    plan = root / PLAN
    plan.write_text(
        plan.read_text("utf-8").replace("id: ", "schema_version: hai\nid: ", 1), "utf-8"
    )
    assert check_repository(root, today=TODAY).errors
    with pytest.raises(PlantrackError) as caught:
        migrate(root)
    assert caught.value.code == "PT941"


def test_the_cli_dry_run_prints_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy(RELEASE, tmp_path / "repo", "data", "schemas")
    before = _snapshot(root)
    with pytest.raises(SystemExit) as caught:
        main(["migrate", "--dry-run", "--repo", str(root)])
    out, err = capsys.readouterr()
    assert caught.value.code == 0 and out.startswith("--- a/data/plan.yaml")
    assert "Chạy thử" in err and _snapshot(root) == before
    with pytest.raises(SystemExit) as caught:
        main(["migrate", "--repo", str(root), "--today", "2026-03-20"])
    out, err = capsys.readouterr()
    assert caught.value.code == 0 and PLAN in out.splitlines()
    with pytest.raises(SystemExit) as caught:
        main(["migrate", "--repo", str(root), "--lang", "en"])
    assert "already in format version" in capsys.readouterr().err
