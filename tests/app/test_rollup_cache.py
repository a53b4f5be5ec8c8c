"""Each child's derived figures kept by pinned commit: a roll-up that finds them gives the
same outputs, byte for byte, as one that derives every child; a moved pin, a changed parent
plan, another day before the entry's and a damaged entry each derive afresh. Over a real git
daemon and HTTP server (``tests/city.py``)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from plantrack.app import rollup_children
from plantrack.app.consolidate import Options, consolidate_period
from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_cache import DERIVED, DerivedCache
from plantrack.app.rollup_report import for_parent
from plantrack.app.rollup_verify import rolled_up, verify
from plantrack.validate.require import require_plan
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)
TODAY = dt.date(2024, 10, 30)
DERIVABLE = 2  # xa-a and xa-c; xa-b is unreachable


@pytest.fixture(name="derived")
def derived_fixture(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders each derivation of the test read (a spy: every call goes through)."""
    calls: list[str] = []
    real = rollup_children.derive_in

    def counted(source: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(str(source))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(rollup_children, "derive_in", counted)
    return calls


def _sync(city: City) -> None:
    sync(city.parent, PERIOD, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)


def _outputs(city: City, out: Path, reuse: bool = True) -> dict[str, bytes]:
    rolled, _ = rolled_up(city.parent, PERIOD, city.cache, reuse=reuse)
    done = consolidate_period(city.parent, PERIOD, Options(out=out, rollup=rolled, today=TODAY))
    assert done.prepared.vm is not None, done.prepared.errors
    return {p.name: p.read_bytes() for p in done.written}


def _entries(city: City) -> list[Path]:
    return sorted((city.cache / DERIVED).glob("*.pickle"))


def test_kept_figures_give_the_same_outputs_byte_for_byte(
    city: City, tmp_path: Path, derived: list[str]
) -> None:
    _sync(city)
    fresh = _outputs(city, tmp_path / "fresh", reuse=False)
    assert len(derived) == DERIVABLE and _entries(city) == []
    first = _outputs(city, tmp_path / "first")  # derives and keeps
    assert len(derived) == 2 * DERIVABLE and len(_entries(city)) == DERIVABLE
    kept = _outputs(city, tmp_path / "kept")  # derives nothing
    assert len(derived) == 2 * DERIVABLE
    assert {name.rsplit(".", 1)[1] for name in kept} == {"md", "html", "xlsx", "docx", "json"}
    # every format, JSON with its provenance (each child's commit), the workbook's cells and
    # the Word document's text included: the files are the same bytes
    assert kept == first == fresh


def test_verify_finds_the_same_with_kept_figures(city: City, derived: list[str]) -> None:
    for unit in ("xa-a", "xa-c"):
        for_parent(city.children[unit].root, PERIOD, city.parent)
    _sync(city)
    filed = city.parent / f"data/reports/{PERIOD}/xa-a.yaml"
    filed.write_text(filed.read_text("utf-8").replace("progress: 40", "progress: 90"), "utf-8")
    first = verify(city.parent, PERIOD, city.cache).findings
    again = verify(city.parent, PERIOD, city.cache).findings
    assert len(derived) == DERIVABLE
    assert again == first and any(f.code == "PT706" for f in again)


def test_a_moved_pin_derives_that_child_only(city: City, derived: list[str]) -> None:
    _sync(city)
    before, _ = rolled_up(city.parent, PERIOD, city.cache)
    child = city.children["xa-c"]
    child.edit("data/reports/2024-Q3/xa-tra-dzon.yaml", "progress: 60", "progress: 80")
    child.commit("2024-09-19", "clerk@example.vn")
    city.push("xa-c")
    _sync(city)
    after, _ = rolled_up(city.parent, PERIOD, city.cache)
    assert len(derived) == DERIVABLE + 1 and derived[-1].endswith(child.head())
    assert after.reports["xa-a"] == before.reports["xa-a"]
    assert after.reports["xa-c"] != before.reports["xa-c"]
    fresh, _ = rolled_up(city.parent, PERIOD, city.cache, reuse=False)
    assert after.reports == fresh.reports and after.children == fresh.children


def test_a_changed_parent_plan_derives_every_child(city: City, derived: list[str]) -> None:
    _sync(city)
    rolled_up(city.parent, PERIOD, city.cache)
    plan = city.parent / "data/plan.yaml"
    plan.write_text(plan.read_text("utf-8") + "rollup:\n  done_when: any\n", "utf-8")
    after, _ = rolled_up(city.parent, PERIOD, city.cache)
    assert len(derived) == 2 * DERIVABLE
    fresh, _ = rolled_up(city.parent, PERIOD, city.cache, reuse=False)
    assert after.reports == fresh.reports


def test_a_damaged_entry_is_derived_again_and_replaced(city: City, derived: list[str]) -> None:
    _sync(city)
    before, _ = rolled_up(city.parent, PERIOD, city.cache)
    first, second = _entries(city)
    first.write_bytes(first.read_bytes()[:-7])  # cut short
    data = bytearray(second.read_bytes())
    data[-20] ^= 0x55  # one byte changed
    second.write_bytes(bytes(data))
    after, _ = rolled_up(city.parent, PERIOD, city.cache)
    assert len(derived) == 2 * DERIVABLE
    assert after.reports == before.reports and after.children == before.children
    rolled_up(city.parent, PERIOD, city.cache)  # the rewritten entries are whole again
    assert len(derived) == 2 * DERIVABLE


def test_an_entry_is_not_served_to_a_day_before_it(city: City) -> None:
    _sync(city)
    rolled_up(city.parent, PERIOD, city.cache)
    ctx = require_plan(city.parent).ctx
    (entry,) = _entries(city)[:1]
    key = entry.name.removesuffix(".pickle")
    today = dt.date.today()
    assert DerivedCache(city.cache, ctx, PERIOD, today).get(key) is not None
    later = today + dt.timedelta(days=1)
    assert DerivedCache(city.cache, ctx, PERIOD, later).get(key) is not None
    earlier = today - dt.timedelta(days=1)
    assert DerivedCache(city.cache, ctx, PERIOD, earlier).get(key) is None
