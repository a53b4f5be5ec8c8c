"""Why a child was not read, carried to the drill-down over a real git daemon: a server not
reached (since the first sync that failed), a pinned version lost to a rewritten history, a
broken plan, a child never synced; the documents word the kind, the workbook and the JSON
keep the technical detail."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_lock import read_lock
from plantrack.app.rollup_verify import rolled_up
from plantrack.domain.rollup_view import ChildView
from plantrack.io import mirror
from plantrack.render.labels import unread_label
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 9, 14, 8, 0, tzinfo=dt.UTC)


def _how(city: City) -> Fetching:
    return Fetching(city.cache, jobs=3, timeout=20, retries=0)


def _views(city: City) -> dict[str, ChildView]:
    rolled, _ = rolled_up(city.parent, PERIOD, city.cache)
    return {c.unit_id: c for c in rolled.children}


def test_an_unreachable_server_is_named_with_the_day_it_was_first_missed(city: City) -> None:
    sync(city.parent, PERIOD, _how(city), now=NOW)
    sync(city.parent, PERIOD, _how(city), now=NOW + dt.timedelta(days=3))
    views = _views(city)
    why = views["xa-b"].unread
    assert why is not None and why.kind == "unreachable" and why.since == NOW.date()
    assert "127.0.0.1" in why.detail  # the git error, for the working files
    said = unread_label(why)
    assert said == "máy chủ dữ liệu không truy cập được từ lần đồng bộ ngày 14/09/2024"
    assert "127.0.0.1" not in said and "2024-09" not in said
    assert unread_label(why, "en").startswith("its data server could not be reached")
    assert views["xa-a"].unread is None and views["xa-c"].unread is None


def test_a_pinned_version_lost_to_a_rewritten_history_is_named(city: City) -> None:
    sync(city.parent, PERIOD, _how(city), now=NOW)
    pinned = read_lock(city.parent, PERIOD)["xa-c"]  # type: ignore[index]
    city.rewrite("xa-c")
    held = mirror.mirror_path(city.cache, pinned.url)
    assert mirror.fetch(city.cache, pinned.url, 20).ok  # the lock still pins the old head
    for args in (["reflog", "expire", "--expire=now", "--all"], ["gc", "-q", "--prune=now"]):
        subprocess.run(["git", *args], cwd=held, check=True, capture_output=True)
    shutil.rmtree(city.cache / "trees")  # as on another machine: nothing extracted yet
    why = _views(city)["xa-c"].unread
    assert why is not None and why.kind == "rewritten"
    assert unread_label(why) == "dữ liệu đã bị viết lại, không còn phiên bản đã chốt"


def test_a_broken_plan_is_named(city: City) -> None:
    broken = city.children["xa-c"]
    broken.edit("data/plan.yaml", "reporting:\n", "reporting: [\n")
    broken.commit("2024-09-19", "clerk@example.vn")
    city.push("xa-c")
    sync(city.parent, PERIOD, _how(city), now=NOW)
    why = _views(city)["xa-c"].unread
    assert why is not None and why.kind == "broken-plan" and "data/plan.yaml" in why.detail
    assert unread_label(why) == "kế hoạch của đơn vị có lỗi"


def test_a_child_linked_after_the_sync_is_named_as_not_synced(city: City) -> None:
    sync(city.parent, PERIOD, _how(city), now=NOW)
    unit = city.parent / "data/units/xa-a.yaml"
    text = unit.read_text("utf-8")
    unit.write_text(text.replace("xa-a.git", "xa-a-moved.git"), "utf-8")
    why = _views(city)["xa-a"].unread
    assert why is not None and why.kind == "not-synced"
    assert unread_label(why) == "dữ liệu chưa được lấy về cho kỳ này"
