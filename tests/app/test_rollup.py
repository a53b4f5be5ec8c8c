"""Roll-up across repositories over a real git daemon: sync pins each reachable child, names
the unreachable one, reports a rewritten history; verify flags a tampered filed report; a
child's derived figures are those its own status gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_lock import read_lock
from plantrack.app.rollup_report import for_parent
from plantrack.app.rollup_verify import verify
from plantrack.app.status import status
from plantrack.io.yamlload import load_yaml_file
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)


def _how(city: City) -> Fetching:
    return Fetching(city.cache, jobs=3, timeout=20, retries=1, backoff=0.01)


def _codes(findings: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return sorted((f.code, f.path) for f in findings)


def test_sync_pins_reachable_children_and_names_the_unreachable_one(city: City) -> None:
    synced = sync(city.parent, PERIOD, _how(city), now=NOW)
    pins = {p.unit: p for p in synced.pins}
    assert pins["xa-a"].commit == city.children["xa-a"].head()
    assert pins["xa-c"].commit == city.children["xa-c"].head()
    assert pins["xa-b"].commit is None and pins["xa-b"].missing
    assert _codes(synced.findings) == [("PT704", "data/units/xa-b.yaml")]
    assert "xa-b" in synced.findings[0].message_vi
    lock = load_yaml_file(synced.path)[0]
    assert lock is not None
    entries = {c["unit"]: c for c in lock.data["children"]}
    assert entries["xa-a"]["commit"] == city.children["xa-a"].head()
    assert entries["xa-a"]["url"].startswith("git://127.0.0.1:")
    assert entries["xa-c"]["url"].startswith("http://127.0.0.1:")
    assert entries["xa-a"]["fetched"] == NOW.isoformat()
    assert (city.cache).is_dir() and not (city.parent / "mirrors").exists()


def test_a_second_sync_with_nothing_new_writes_the_same_lock(city: City) -> None:
    first = sync(city.parent, PERIOD, _how(city), now=NOW)
    text = first.path.read_bytes()
    again = sync(city.parent, PERIOD, _how(city), now=NOW + dt.timedelta(days=1))
    assert again.outcome == "unchanged" and again.path.read_bytes() == text


def test_a_rewritten_history_is_reported_and_the_new_head_pinned(city: City) -> None:
    before = sync(city.parent, PERIOD, _how(city), now=NOW)
    old = {p.unit: p.commit for p in before.pins}["xa-c"]
    city.rewrite("xa-c")
    after = sync(city.parent, PERIOD, _how(city), now=NOW)
    rewritten = [f for f in after.findings if f.code == "PT705"]
    assert [f.path for f in rewritten] == ["data/units/xa-c.yaml"]
    assert str(old)[:12] in rewritten[0].message_vi
    assert read_lock(city.parent, PERIOD)["xa-c"].commit == city.children["xa-c"].head()


def test_an_unreachable_child_keeps_its_earlier_pin(city: City) -> None:
    sync(city.parent, PERIOD, _how(city), now=NOW)
    pinned = read_lock(city.parent, PERIOD)["xa-a"].commit
    city.daemon.stop()
    later = sync(city.parent, PERIOD, _how(city), now=NOW)
    assert {f.path for f in later.findings if f.code == "PT704"} >= {"data/units/xa-a.yaml"}
    assert read_lock(city.parent, PERIOD)["xa-a"].commit == pinned


def test_cross_repository_rules(city: City) -> None:
    plan = city.children["xa-c"].root / "data/plan.yaml"
    text = plan.read_text("utf-8").replace("    serves: [t1]\n", "    serves: [t9]\n", 1)
    text = text.replace("  unit: xa-c\n", "  unit: xa-a\n")
    plan.write_text(text, "utf-8")
    city.children["xa-c"].commit("2024-09-19", "clerk@example.vn")
    city.push("xa-c")
    found = sync(city.parent, PERIOD, _how(city), now=NOW).findings
    codes = _codes(found)
    assert ("PT701", "xa-c/data/plan.yaml") in codes
    assert ("PT702", "xa-c/data/plan.yaml") in codes
    assert ("PT703", "xa-c/data/plan.yaml") in codes
    served = next(f for f in found if f.code == "PT701")
    assert served.line is not None and served.key == "tasks[0].serves[0]"


def test_filed_reports_verify_and_a_tampered_one_is_flagged(city: City) -> None:
    for unit in ("xa-a", "xa-c"):
        made = for_parent(city.children[unit].root, PERIOD, city.parent)
        assert made.path == city.parent / f"data/reports/{PERIOD}/{unit}.yaml"
    sync(city.parent, PERIOD, _how(city), now=NOW)
    clean = verify(city.parent, PERIOD, city.cache)
    # the unreachable child is named; the others verify
    assert _codes(clean.findings) == [("PT707", "data/units/xa-b.yaml")]
    filed = city.parent / f"data/reports/{PERIOD}/xa-a.yaml"
    filed.write_text(filed.read_text("utf-8").replace("progress: 40", "progress: 90"), "utf-8")
    tampered = verify(city.parent, PERIOD, city.cache)
    flagged = [f for f in tampered.findings if f.code == "PT706"]
    assert [(f.path, f.key) for f in flagged] == [
        (f"data/reports/{PERIOD}/xa-a.yaml", "tasks[0].progress")
    ]
    assert "90" in flagged[0].message_vi and "40" in flagged[0].message_vi


def test_a_child_whose_data_moved_on_differs_from_its_filed_report(city: City) -> None:
    for_parent(city.children["xa-c"].root, PERIOD, city.parent)
    city.rewrite("xa-c")  # the commit pinned now gives other figures than the filed report
    sync(city.parent, PERIOD, _how(city), now=NOW)
    found = verify(city.parent, PERIOD, city.cache).findings
    assert ("PT706", f"data/reports/{PERIOD}/xa-c.yaml") in _codes(found)
    assert ("PT708", "data/units/xa-a.yaml") in _codes(found)


def test_derived_figures_equal_the_childs_own_status(city: City) -> None:
    child = city.children["xa-a"].root
    made = for_parent(child, PERIOD, city.parent, out=city.parent / "derived.yaml")
    vm = status(child, PERIOD).prepared.vm
    assert vm is not None
    rows = {row.id: row for row in vm.tasks if row.id in ("t1", "t3")}
    means = []
    for row in rows.values():
        pairs = [p for p in row.pairs if p.rated]
        shares = [100 if p.status.startswith("done") else (p.progress or 0) for p in pairs]
        means.append(sum(shares) / len(shares))
    (entry,) = made.report.tasks
    assert entry.task == "t1" and entry.state == "in-progress"
    assert entry.progress == round(sum(means) / len(means)) == 40
    on_time = sum(row.counts.done_on_time for row in rows.values())
    assert f"{on_time} xong đúng hạn" in str(entry.results)
    totals = {row.id: row.total for row in vm.indicators}
    assert made.report.indicators == {
        "ho-so-dung-han": totals["ho-so-dung-han"],
        "ho-so-tiep-nhan": totals["ho-so-tiep-nhan"],
    }


def test_report_for_parent_is_a_valid_report_of_the_parent(city: City) -> None:
    from plantrack.app.check import check

    for_parent(city.children["xa-a"].root, PERIOD, city.parent)
    result = check(city.parent, [Path(city.parent / f"data/reports/{PERIOD}/xa-a.yaml")])
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors == []


def test_a_child_with_a_broken_plan_is_named_and_the_rest_still_verify(city: City) -> None:
    for_parent(city.children["xa-a"].root, PERIOD, city.parent)
    broken = city.children["xa-c"]
    broken.edit("data/plan.yaml", "reporting:\n", "reporting: [\n")
    broken.commit("2024-09-19", "clerk@example.vn")
    city.push("xa-c")
    sync(city.parent, PERIOD, _how(city), now=NOW)
    found = verify(city.parent, PERIOD, city.cache).findings
    assert _codes(found) == [("PT707", "data/units/xa-b.yaml"), ("PT707", "data/units/xa-c.yaml")]
    why = next(f for f in found if f.path == "data/units/xa-c.yaml").message_vi
    assert "xa-c" in why and "data/plan.yaml" in why
