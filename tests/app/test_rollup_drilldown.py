"""The drill-down of a roll-up in the parent's outputs, over a real git daemon: parent →
child → the child's units in HTML (linked tables; the Word and Markdown appendices are in
``tests/render/test_rollup_documents.py``), in the workbook (a sheet per level) and
in JSON, each child's pinned commit in the provenance and never in the page's text."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from plantrack.app.consolidate import Options, consolidate_period
from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_verify import rolled_up
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)


def _rolled(city: City, out: Path) -> dict[str, bytes]:
    sync(city.parent, PERIOD, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)
    rolled, _ = rolled_up(city.parent, PERIOD, city.cache)
    done = consolidate_period(
        city.parent, PERIOD, Options(out=out, rollup=rolled, today=dt.date(2024, 10, 30))
    )
    assert done.prepared.vm is not None, done.prepared.errors
    return {p.suffix: p.read_bytes() for p in done.written}


def _child_units(city: City, unit: str) -> list[str]:
    root = city.children[unit].root / "data/units"
    return sorted(p.stem for p in root.glob("*.yaml"))


def test_json_holds_the_tree_and_the_pinned_commits(city: City, tmp_path: Path) -> None:
    files = _rolled(city, tmp_path / "out")
    vm = json.loads(files[".json"])
    children = {c["unit_id"]: c for c in vm["children"]}
    assert set(children) == {"xa-a", "xa-b", "xa-c"}
    assert children["xa-b"]["derived"] is False and children["xa-b"]["units"] == []
    for unit in ("xa-a", "xa-c"):
        assert children[unit]["derived"] is True
        assert sorted(u["id"] for u in children[unit]["units"]) == _child_units(city, unit)
    sources = {s["unit_id"]: s for s in vm["provenance"]["children"]}
    assert sources["xa-a"]["commit"] == city.children["xa-a"].head()
    assert sources["xa-c"]["commit"] == city.children["xa-c"].head()
    assert sources["xa-b"]["commit"] is None


def test_html_links_each_child_to_its_section_and_shows_no_commit(
    city: City, tmp_path: Path
) -> None:
    html = _rolled(city, tmp_path / "out")[".html"].decode("utf-8")
    links = re.findall(r'<a href="#(cd-[a-z-]+)">', html)
    assert links == ["cd-xa-a", "cd-xa-c"]  # xa-b was not read: it has no units to list
    for anchor in links:
        assert f'id="{anchor}"' in html
    section = html.split('id="cd-xa-a"')[1].split("</section>")[0]
    assert section.count("<tr>") == len(_child_units(city, "xa-a")) + 2  # header and total
    listed = html.split('id="cap-duoi"')[1]
    assert "Không đọc được dữ liệu của đơn vị (máy chủ dữ liệu không truy cập được" in listed
    for unit in ("xa-a", "xa-c"):
        head = city.children[unit].head()
        assert head not in html and head[:7] not in html
    assert "git://" not in html and "http://127" not in html


def test_workbook_has_a_sheet_per_level_and_the_commits_in_its_provenance(
    city: City, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(_rolled(city, tmp_path / "out")[".xlsx"]))
    names = wb.sheetnames
    assert names.index("Nhiệm vụ theo đơn vị") + 1 == names.index("Đơn vị cấp dưới")
    assert names.index("Đơn vị cấp dưới") + 1 == names.index("Đơn vị thuộc cấp dưới")
    children = [r for r in wb["Đơn vị cấp dưới"].iter_rows(values_only=True) if r[-1]]
    assert [r[-1] for r in children[1:]] == ["xa-a", "xa-b", "xa-c"]
    # xa-b's server is not reached: the reason in words, the git error beside it
    assert children[2][3].startswith("máy chủ dữ liệu không truy cập được")
    assert "127.0.0.1" in children[2][-2] and children[1][3] is None
    units = [r for r in wb["Đơn vị thuộc cấp dưới"].iter_rows(values_only=True) if r[-1]]
    named = sorted((r[-2], r[-1]) for r in units[1:])
    expected = [(c, u) for c in ("xa-a", "xa-c") for u in _child_units(city, c)]
    assert named == sorted(expected)
    for title in ("Đơn vị cấp dưới", "Đơn vị thuộc cấp dưới"):  # codes stay off paper
        ws = wb[title]
        printed = {c for area in str(ws.print_area).split(",") for c in _columns(area)}
        header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "STT")
        off = ("Mã đơn vị", "Chi tiết kỹ thuật")  # codes and git errors stay off paper
        codes = {i + 1 for i, h in enumerate(header) if str(h).startswith(off)}
        assert codes and not codes & printed and len(printed) == len(header) - len(codes)
    provenance = [c for r in wb["Nguồn dữ liệu"].iter_rows(values_only=True) for c in r if c]
    assert city.children["xa-a"].head() in provenance
    assert city.children["xa-c"].head() in provenance


def test_without_a_record_the_submission_day_is_the_last_change_of_the_periods_reports(
    city: City, tmp_path: Path
) -> None:
    child = city.children["xa-a"]
    child.edit("data/reports/2024-Q3/xa-tra-dzon.yaml", "progress: 60", "progress: 65")
    child.commit("2024-09-16T23:30:00+07:00", "clerk@example.vn")  # the 16th where it was made
    child.edit("data/plan.yaml", "title: Kế hoạch", "title: Kế hoạch (sửa)")
    child.commit("2024-09-25", "clerk@example.vn")  # later, not the period's reports
    city.push("xa-a")
    vm = json.loads(_rolled(city, tmp_path / "out")[".json"])
    children = {c["unit_id"]: c for c in vm["children"]}
    assert children["xa-a"]["submitted"] == "2024-09-16"
    assert children["xa-a"]["submitted_from"] == "history"
    assert children["xa-c"]["submitted"] == "2024-09-18"  # its only commit
    assert "submitted_from" in children["xa-b"] and children["xa-b"]["submitted"] is None


def test_with_a_record_the_submission_day_is_the_recorded_data_commits(
    city: City, tmp_path: Path
) -> None:
    child = city.children["xa-c"]
    recorded = consolidate_period(
        child.root,
        PERIOD,
        Options(out=tmp_path / "own", formats=("json",), record=True, today=dt.date(2024, 9, 20)),
    )
    assert recorded.recorded is not None
    child.commit("2024-09-22", "clerk@example.vn", "Ghi bản tổng hợp")
    city.push("xa-c")
    vm = json.loads(_rolled(city, tmp_path / "out")[".json"])
    children = {c["unit_id"]: c for c in vm["children"]}
    assert children["xa-c"]["submitted"] == "2024-09-18"  # the data commit the record names
    assert children["xa-c"]["submitted_from"] == "record"


def _columns(area: str) -> range:
    """The column numbers of a print area such as ``'Sheet'!$A$1:$R$40``."""
    from openpyxl.utils.cell import range_boundaries

    first, _, last, _ = range_boundaries(area.split("!")[-1].replace("$", ""))
    return range(first, last + 1)
