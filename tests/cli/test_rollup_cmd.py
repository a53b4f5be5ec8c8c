"""``plantrack rollup sync`` / ``verify`` and ``report for-parent`` on the command line, over a
real git daemon: exit codes, the unreachable child named, every difference listed."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture
from tests.cli.conftest import Run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
FAST = ("--retries", "0", "--timeout", "20")


def test_the_city_rolls_up_and_a_tampered_report_fails_verify(
    city: City, cli: Callable[..., Run]
) -> None:
    for unit in ("xa-a", "xa-c"):
        made = cli(
            "report",
            "for-parent",
            "-p",
            PERIOD,
            "--parent",
            city.parent,
            "--repo",
            city.children[unit].root,
        )
        assert made.code == 0, made.err
        assert f"data/reports/{PERIOD}/{unit}.yaml" in made.err
        assert "2024-09-18" in made.err  # no record: the day of the last commit of the reports
    synced = cli(
        "rollup", "sync", "-p", PERIOD, "--cache", city.cache, *FAST, "--repo", city.parent
    )
    assert synced.code == 0, synced.err
    assert "data/units/xa-b.yaml" in synced.out and "PT704" in synced.out
    assert "2/3" in synced.err
    checked = cli("rollup", "verify", "-p", PERIOD, "--cache", city.cache, "--repo", city.parent)
    assert checked.code == 1  # the unreachable child has nothing to verify against
    assert "PT707" in checked.out and "xa-b" in checked.out and "PT706" not in checked.out
    filed = city.parent / f"data/reports/{PERIOD}/xa-c.yaml"
    text = filed.read_text("utf-8").replace("ho-so-tiep-nhan: 200", "ho-so-tiep-nhan: 250")
    filed.write_text(text.replace("state: in-progress", "state: not-started"), "utf-8")
    tampered = cli(
        "rollup",
        "verify",
        "-p",
        PERIOD,
        "--cache",
        city.cache,
        "--lang",
        "en",
        "--repo",
        city.parent,
    )
    assert tampered.code == 1
    lines = [line for line in tampered.out.splitlines() if "PT706" in line]
    assert len(lines) == 2
    assert any("indicators.ho-so-tiep-nhan" in line and "250" in line for line in lines)
    assert all(line.startswith(f"data/reports/{PERIOD}/xa-c.yaml:") for line in lines)


def test_verify_without_a_lock_is_a_clear_fatal_error(city: City, cli: Callable[..., Run]) -> None:
    done = cli("rollup", "verify", "-p", PERIOD, "--cache", city.cache, "--repo", city.parent)
    assert done.code == 2 and "PT985" in done.err and "rollup sync" in done.err


def test_for_parent_needs_a_plan_that_implements_one(city: City, cli: Callable[..., Run]) -> None:
    done = cli("report", "for-parent", "-p", PERIOD, "--parent", city.parent, "--repo", city.parent)
    assert done.code == 2 and "PT986" in done.err


def test_consolidate_rollup_uses_each_linked_childs_derived_report(
    city: City, cli: Callable[..., Run]
) -> None:
    import json

    synced = cli(
        "rollup", "sync", "-p", PERIOD, "--cache", city.cache, *FAST, "--repo", city.parent
    )
    assert synced.code == 0, synced.err
    out = city.parent.parent / "out"
    done = cli(
        "consolidate",
        "-p",
        PERIOD,
        "--rollup",
        "--cache",
        city.cache,
        "--format",
        "json",
        "--out",
        out,
        "--repo",
        city.parent,
    )
    assert done.code == 0, done.err
    assert "PT707" in done.err and "xa-b" in done.err  # named; the rest still roll up
    vm = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    pairs = {
        (p["task_id"], p["unit_id"]): p for t in vm["sections"][0]["tasks"] for p in t["pairs"]
    }
    assert pairs[("t1", "xa-a")]["state"] == "in-progress"
    assert pairs[("t1", "xa-a")]["progress"] == 40
    assert pairs[("t1", "xa-c")]["progress"] == 40
    assert pairs[("t1", "xa-b")]["status"] == "not-reported"


def test_sync_prune_says_what_it_removed(city: City, cli: Callable[..., Run]) -> None:
    args = ("rollup", "sync", "-p", PERIOD, "--cache", city.cache, *FAST, "--repo", city.parent)
    assert cli(*args).code == 0
    unit = city.parent / "data/units/xa-c.yaml"
    unit.write_text(unit.read_text("utf-8").partition("repository:\n")[0], "utf-8")
    pruned = cli(*args, "--prune", "--lang", "en")
    assert pruned.code == 0, pruned.err
    assert "removed 1 mirrors" in pruned.err
