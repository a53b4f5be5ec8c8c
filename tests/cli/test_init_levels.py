"""``plantrack init`` for any issuer, tried as a new user would: a commune with monthly
periods and a provincial department get repositories that check clean and whose every output
(consolidated report in every format, reminder, status) speaks for them and names no other
place."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document

from tests.cli.conftest import Run

Cli = Callable[..., Run]
FOREIGN = ("Nam Trà My", "huyện", "Phòng Nội vụ", "SIPAS", "PAPI", "Quảng Nam", "2024")
AS_OF = "2026-03-20"


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Cán bộ\n\temail = can-bo@example.vn\n", "utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield tmp_path


def _commit(root: Path, message: str, day: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T09:00:00",
        "GIT_COMMITTER_DATE": f"{day}T09:00:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=root, check=True, env=env)


def _fill(path: Path, *, submitted: str, results: str, count: int, extra: str = "") -> None:
    """A skeleton made by ``report new`` filled in as a focal person would."""
    data = yaml.safe_load(path.read_text("utf-8"))
    data["submitted"] = submitted
    for task in data["tasks"]:
        if "carried_out" in task:
            task["carried_out"] = True
        else:
            task["state"], task["progress"] = "in-progress", 50
        task["results"] = results
    data["indicators"] = {key: count for key in data["indicators"]}
    if extra:
        data["difficulties"] = [extra]
        data["proposals"] = ["Đề nghị hỗ trợ kinh phí in tài liệu tuyên truyền"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _text(path: Path) -> str:
    """What a reader sees in an output file: Word text (body, tables, headers and
    properties), workbook cells, or the file's text; hashes masked."""
    if path.suffix == ".docx":
        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
        parts += [p.text for s in doc.sections for p in s.header.paragraphs]
        props = doc.core_properties
        parts += [props.title or "", props.subject or "", props.keywords or ""]
        text = "\n".join(parts)
    elif path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        text = "\n".join(
            str(v)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    else:
        text = path.read_text("utf-8")
    return re.sub(r"\b[0-9a-f]{7,64}\b", "#", text)


def _foreign(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, word) for name, text in texts.items() for word in FOREIGN if word in text]


def _init(cli: Cli, root: Path, *args: str) -> None:
    run = cli("init", root, *args)
    assert run.code == 0, run.err
    assert cli("check", "--strict", "--repo", root).code == 0


def test_a_commune_with_monthly_periods_speaks_for_itself(cli: Cli, git_env: Path) -> None:
    root = git_env / "tra-linh"
    _init(
        cli,
        root,
        "--issuer",
        "UBND xã Trà Linh",
        "--superior",
        "UBND thành phố Đà Nẵng",
        "--plan-title",
        "Kế hoạch chuyển đổi số năm 2026",
        "--periods",
        "M,H1,M9,Y",
    )
    plan = yaml.safe_load((root / "data/plan.yaml").read_text("utf-8"))
    assert plan["reporting"]["periods"][:3] == ["M01", "M02", "M03"]
    period = "2026-M03"
    for unit in ("thon-1", "van-phong"):
        assert cli("report", "new", "-u", unit, "-p", period, "--repo", root).code == 0
    reports = root / "data/reports" / period
    _fill(
        reports / "thon-1.yaml",
        submitted="2026-03-13",
        results="Tổ chức 2 buổi tuyên truyền",
        count=2,
        extra="Sóng di động ở một số nơi còn yếu",
    )
    _fill(
        reports / "van-phong.yaml",
        submitted="2026-03-14",
        results="Ban hành văn bản triển khai",
        count=1,
    )
    _commit(root, "Báo cáo tháng 3", "2026-03-14")
    assert cli("check", "--strict", "--repo", root).code == 0
    out = git_env / "out"
    run = cli(
        "consolidate", "--period", period, "--as-of", AS_OF, "--repo", root, "--out", out / "bc"
    )
    assert run.code == 0, run.err
    remind = cli("remind", "--period", period, "--as-of", AS_OF, "--repo", root)
    letter = cli(
        "remind",
        "--period",
        period,
        "--as-of",
        AS_OF,
        "--repo",
        root,
        "--format",
        "docx",
        "--out",
        out / "cv",
    )
    status = cli("status", "--period", period, "--as-of", AS_OF, "--repo", root)
    assert remind.code == letter.code == status.code == 0, letter.err
    files = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert {p.suffix for p in files} >= {".docx", ".xlsx", ".html", ".md", ".json"}
    texts = {p.name: _text(p) for p in files} | {"remind": remind.out, "status": status.out}
    assert _foreign(texts) == []
    report = texts["bao-cao-tong-hop-2026-M03.docx"]
    assert "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2026, tháng 3" in report
    assert "năm 2026 năm 2026" not in report and "Chỉ số" not in report
    assert "ỦY BAN NHÂN DÂN" in report and "TM. ỦY BAN NHÂN DÂN" in report
    assert "UBND thành phố Đà Nẵng (b/c)" in report
    cv = texts["cong-van-don-doc-2026-M03.docx"]
    assert "Phòng Văn hóa - Xã hội xã Trà Linh" in cv  # the unit that did not report
    assert "báo cáo UBND thành phố Đà Nẵng, UBND xã Trà Linh đề nghị" in cv


def test_a_provincial_department(cli: Cli, git_env: Path) -> None:
    root = git_env / "so-noi-vu"
    _init(
        cli,
        root,
        "--issuer",
        "Sở Nội vụ",
        "--superior",
        "UBND thành phố Đà Nẵng",
        "--plan-title",
        "Kế hoạch cải cách hành chính năm 2026",
    )
    period = "2026-Q1"
    assert (
        cli("report", "new", "-u", "phong-ke-hoach-tai-chinh", "-p", period, "--repo", root).code
        == 0
    )
    _fill(
        root / "data/reports" / period / "phong-ke-hoach-tai-chinh.yaml",
        submitted="2026-03-12",
        results="Triển khai Kế hoạch tại phòng",
        count=3,
    )
    _commit(root, "Báo cáo quý I", "2026-03-12")
    out = git_env / "out"
    assert (
        cli("consolidate", "--period", period, "--as-of", AS_OF, "--repo", root, "--out", out).code
        == 0
    )
    text = _text(out / "bao-cao-tong-hop-2026-Q1.docx")
    assert _foreign({"docx": text, "md": _text(out / "bao-cao-tong-hop-2026-Q1.md")}) == []
    assert "UBND THÀNH PHỐ ĐÀ NẴNG" in text and "SỞ NỘI VỤ" in text
    assert "/BC-SNV" in text and "KT. GIÁM ĐỐC" in text
    assert "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2026, Quý I" in text


def test_without_an_issuer_and_no_terminal_nothing_is_asked(cli: Cli, git_env: Path) -> None:
    run = cli("init", git_env / "kho")
    assert run.code == 2 and "--issuer" in run.err
    assert not (git_env / "kho").exists()


def test_unknown_periods_are_refused(cli: Cli, git_env: Path) -> None:
    run = cli("init", git_env / "kho", "--issuer", "UBND xã A", "--periods", "Q1,T5")
    assert run.code == 2 and "T5" in run.err
    assert not (git_env / "kho").exists()


def test_the_district_option_of_earlier_releases_still_works(cli: Cli, git_env: Path) -> None:
    root = git_env / "kho"
    assert cli("init", root, "--district", "huyện Mẫu Sơn").code == 0
    plan = yaml.safe_load((root / "data/plan.yaml").read_text("utf-8"))
    assert (plan["issuer"], plan["reporting"]["consolidator"]) == (
        "UBND huyện Mẫu Sơn",
        "phong-noi-vu",
    )


def test_every_level_checks_clean_and_names_no_other_place(cli: Cli, git_env: Path) -> None:
    for n, (issuer, superior) in enumerate(
        [
            ("UBND xã Trà Linh", "UBND thành phố Đà Nẵng"),
            ("Sở Nội vụ", "UBND thành phố Đà Nẵng"),
            ("UBND phường An Phú", "UBND thành phố Hồ Chí Minh"),
            ("UBND tỉnh Bình An", ""),
            ("UBND đặc khu Lý Sơn", "UBND tỉnh Quảng Ngãi"),
            ("Ban Quản lý khu kinh tế", "UBND tỉnh Bình An"),
        ]
    ):
        root = git_env / f"kho-{n}"
        args = ["--issuer", issuer] + (["--superior", superior] if superior else [])
        _init(cli, root, *args)
        texts = {
            p.relative_to(root).as_posix(): p.read_text("utf-8")
            for p in root.rglob("*")
            if p.is_file() and ".git" not in p.parts and p.suffix != ".json"
        }
        assert (
            _foreign({k: v.replace(str(dt.date.today().year), "") for k, v in texts.items()}) == []
        )
