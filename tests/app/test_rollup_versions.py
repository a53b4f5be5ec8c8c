"""Children on other versions, over a real git daemon: a child written for an older form of
the data files is read through the migration steps (in the cache, never in its mirror or
repository); one this plantrack cannot read is named (PT710) while the rest roll up; a child
whose plan changed between two periods is rolled up against the plan at each period's pin."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable

import pytest

from plantrack.app import migrate
from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_lock import read_lock
from plantrack.app.rollup_verify import rolled_up
from plantrack.io import mirror
from plantrack.models.plan import SCHEMA_VERSION
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)
PLAN = "data/plan.yaml"


def _sync(city: City, period: str = PERIOD) -> None:
    sync(city.parent, period, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)


def _stamp(city: City, unit: str, version: str) -> None:
    """Record ``version`` as the form the child's data are written for, and push it."""
    plan = city.children[unit].root / PLAN
    plan.write_text(plan.read_text("utf-8") + f"schema_version: {version}\n", "utf-8")
    city.children[unit].commit("2024-09-19", "clerk@example.vn")
    city.push(unit)


def _renaming(read: Callable[[str], str | None]) -> dict[str, str]:
    """A migration step as a later form might need: a unit's name written anew."""
    rel = "data/units/xa-tra-dzon.yaml"
    text = read(rel) or ""
    return {rel: text.replace("name: UBND xã Trà Dơn", "name: UBND xã Trà Dơn (mới)")}


def test_an_older_child_is_read_migrated_and_its_data_left_as_they_are(
    city: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stamp(city, "xa-c", str(SCHEMA_VERSION))  # xa-a stays unstamped: the first form
    monkeypatch.setattr(migrate, "STEPS", {SCHEMA_VERSION: (_renaming,)})
    _sync(city)
    rolled, findings = rolled_up(city.parent, PERIOD, city.cache)
    assert {f.code for f in findings} == {"PT707"}  # only the unreachable xa-b
    older, current = rolled.reports["xa-a"], rolled.reports["xa-c"]
    assert older.tasks == current.tasks and older.indicators == current.indicators
    names = {c.unit_id: {u.id: u.name for u in c.units} for c in rolled.children}
    assert names["xa-a"]["xa-tra-dzon"].endswith("(mới)")  # read through the step
    assert not names["xa-c"]["xa-tra-dzon"].endswith("(mới)")  # current: read as it is
    head = city.children["xa-a"].head()
    pinned = city.cache / "trees" / head
    assert "schema_version" not in (pinned / PLAN).read_text("utf-8")
    assert "(mới)" not in (pinned / "data/units/xa-tra-dzon.yaml").read_text("utf-8")
    migrated = city.cache / "trees" / f"{head}-v{SCHEMA_VERSION}"
    assert f"schema_version: {SCHEMA_VERSION}" in (migrated / PLAN).read_text("utf-8")
    url = read_lock(city.parent, PERIOD)["xa-a"].url
    assert mirror.branch_commit(mirror.mirror_path(city.cache, url), "main") == head
    assert city.children["xa-a"].git("status", "--porcelain") == ""


def test_an_older_child_no_step_changes_is_read_as_it_is(city: City) -> None:
    _sync(city)  # the first form to the current one: no step edits a file
    rolled, _ = rolled_up(city.parent, PERIOD, city.cache)
    assert "xa-a" in rolled.reports
    assert not list((city.cache / "trees").glob("*-v*"))


@pytest.mark.parametrize("version", [str(SCHEMA_VERSION + 7), "hai"])
def test_a_child_this_plantrack_cannot_read_is_named_and_the_rest_roll_up(
    city: City, version: str
) -> None:
    _stamp(city, "xa-c", version)
    how = Fetching(city.cache, jobs=3, timeout=20, retries=0)
    synced = sync(city.parent, PERIOD, how, now=NOW)  # sync names it already
    assert [(f.code, f.path) for f in synced.findings if f.code == "PT710"] == [
        ("PT710", "data/units/xa-c.yaml")
    ]
    assert synced.pinned == 2  # pinned all the same: the lock says what was fetched
    rolled, findings = rolled_up(city.parent, PERIOD, city.cache)
    named = [f for f in findings if f.code == "PT710"]
    assert [f.path for f in named] == ["data/units/xa-c.yaml"]
    assert named == [f for f in synced.findings if f.code == "PT710"]
    assert f"'{version if version.isdigit() else '?'}'" in named[0].message_vi
    assert "xa-c" not in rolled.reports and "xa-a" in rolled.reports
    views = {c.unit_id: c for c in rolled.children}
    assert views["xa-c"].derived is False and views["xa-a"].derived is True
    why = views["xa-c"].unread
    assert why is not None and why.kind == ("new-version" if version.isdigit() else "broken-plan")


def _later_period(city: City, unit: str) -> None:
    """The child's t3 stops serving the parent's t1, and it reports for 2024-Y."""
    child = city.children[unit]
    child.edit(PLAN, "    time: 2024-12-31\n    serves: [t1]\n", "    time: 2024-12-31\n")
    source = child.root / f"data/reports/{PERIOD}"
    target = child.root / "data/reports/2024-Y"
    target.mkdir()
    for path in source.glob("*.yaml"):
        text = path.read_text("utf-8").replace(f"period: {PERIOD}", "period: 2024-Y")
        (target / path.name).write_text(text.replace("submitted: 2024-09-", "submitted: 2024-12-"))
    child.commit("2024-12-20", "clerk@example.vn")
    city.push(unit)


def test_each_period_is_rolled_up_against_the_plan_at_its_own_pin(city: City) -> None:
    _sync(city)
    before = read_lock(city.parent, PERIOD)["xa-a"].commit
    _later_period(city, "xa-a")
    _sync(city, "2024-Y")
    assert read_lock(city.parent, "2024-Y")["xa-a"].commit == city.children["xa-a"].head()
    assert read_lock(city.parent, PERIOD)["xa-a"].commit == before != city.children["xa-a"].head()
    q3, _ = rolled_up(city.parent, PERIOD, city.cache)
    year, _ = rolled_up(city.parent, "2024-Y", city.cache)
    (q3_entry,) = q3.reports["xa-a"].tasks
    (year_entry,) = year.reports["xa-a"].tasks
    assert str(q3_entry.results).startswith("Tổng hợp từ 2 nhiệm vụ")  # t1 and t3 serve t1
    assert str(year_entry.results).startswith("Tổng hợp từ 1 nhiệm vụ")  # only t1 does now
