"""The HTML report: valid, self-contained, escaped, coloured, charted, deterministic, and
printable by a real browser (headless Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plantrack import api
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.html import render_html
from plantrack.render.labels import STATUS_COLOURS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PERIOD = "2024-Q3"
HOSTILE = "<script>alert(1)</script>"
TITLE = "BÁO CÁO"
HEADINGS = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "1. Kết quả chung",
    "III. ĐÁNH GIÁ CHUNG",
    "1. Ưu điểm",
    "2. Hạn chế, tồn tại",
    "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "2. Kết quả theo các nội dung của Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh",
]
APPENDICES = [
    "KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "TÌNH HÌNH GỬI BÁO CÁO VÀ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ",
    "SỐ LIỆU CHỈ TIÊU",
    "KIẾN NGHỊ, ĐỀ XUẤT CỦA CÁC CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG",
]
# Elements that would load something or run something: none may appear.
FORBIDDEN_TAGS = {"script", "link", "img", "iframe", "object", "embed", "image", "use", "source"}


def _vm(repo: Path) -> Consolidation:
    prepared = api.prepare_consolidation(repo, PERIOD)
    assert prepared.vm is not None, prepared.errors
    return prepared.vm


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(_vm(FIXTURE))


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the text of each heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"h1", "h2", "h3", "h4"}:
            self._in_heading = True
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4"}:
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_heading:
            self.headings[-1] += data


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def _svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)


def test_page_parses_as_html5_in_vietnamese(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    parsed = _parse(page)
    tags = [t for t, _ in parsed.tags]
    html_attrs = next(a for t, a in parsed.tags if t == "html")
    assert html_attrs.get("lang") == "vi"
    assert any(t == "meta" and a.get("charset", "").lower() == "utf-8" for t, a in parsed.tags)
    assert tags.count("style") == 1
    assert tags.count("section") == len(APPENDICES)  # each appendix on its own page


def test_headings_have_correct_diacritics(page: str) -> None:
    headings = [" ".join(h.split()) for h in _parse(page).headings]
    for heading in HEADINGS:
        assert unicodedata.is_normalized("NFC", heading)
        assert heading in headings, heading
    assert headings[0] == TITLE
    text = " ".join(" ".join(_parse(page).text).split())
    for title in APPENDICES:
        assert title in text, title
    assert unicodedata.is_normalized("NFC", page)


def test_page_is_self_contained(page: str) -> None:
    assert "http://" not in page and "https://" not in page
    assert "url(" not in page and "@import" not in page
    parsed = _parse(page)
    assert not FORBIDDEN_TAGS & {t for t, _ in parsed.tags}
    for _, attrs in parsed.tags:
        assert "src" not in attrs
        assert not any(name.startswith("on") for name in attrs)  # no inline handlers
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    report = repo / "data" / "reports" / PERIOD / "xa-tra-don.yaml"
    text = report.read_text(encoding="utf-8")
    text = text.replace(
        "results: Đã niêm yết 98 thủ tục tại Bộ phận Một cửa.",
        f"results: '{HOSTILE} & <b>đậm</b>'",
    )
    text = text.replace("- Đề nghị hỗ trợ máy scan cho Bộ phận Một cửa.", f"- 'Đề nghị {HOSTILE}'")
    report.write_text(text, encoding="utf-8")
    unit = repo / "data" / "units" / "xa-tra-don.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace(
            "name: UBND xã Trà Don", "name: 'UBND xã Trà Don <i>\"x\"</i>'"
        ),
        encoding="utf-8",
    )
    out = render_html(_vm(repo), repo)
    assert HOSTILE not in out and "<b>đậm" not in out and "<i>" not in out
    assert out.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # result and proposal
    assert "&lt;b&gt;đậm&lt;/b&gt;" in out
    assert "&lt;i&gt;" in out  # the unit's name, in tables and in the completion chart
    assert not {"script", "i"} & {t for t, _ in _parse(out).tags}
    charts = _svgs(out)
    assert any("&lt;i&gt;" in chart for chart in charts)  # unit name in the completion chart
    for chart in charts:
        ET.fromstring(chart)


def test_status_colours_are_present(page: str) -> None:
    for colour in STATUS_COLOURS.values():
        assert colour in page
    classes = {a.get("class") for t, a in _parse(page).tags if t == "td"}
    assert "st st-done-on-time" in classes and "st st-open-on-time" in classes


def test_late_and_missing_submissions_are_highlighted(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    (repo / "data" / "reports" / PERIOD / "phong-noi-vu.yaml").unlink()
    out = render_html(_vm(repo), repo)
    cells = {a.get("class") for t, a in _parse(out).tags if t == "td"}
    # Trà Dơn dated its report 18/09, after the 15/09 due date; Phòng Nội vụ sent nothing.
    assert {"sub-late", "sub-missing"} <= cells
    assert "Chưa gửi" in out and "Trễ hạn" in out


def test_three_charts_are_well_formed_svg(page: str) -> None:
    charts = _svgs(page)
    assert len(charts) == 3
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag == "svg"
        assert root.get("viewBox")
        assert root.find("title") is not None
        assert root.iter("rect")
    labels = [ET.fromstring(c).get("aria-label") or "" for c in charts]
    assert "Phân bố tình trạng nhiệm vụ" in labels
    assert "Tỷ lệ hoàn thành theo đơn vị" in labels
    assert any(label.startswith("Chỉ số PAPI") for label in labels)


def test_no_provenance_in_the_page(page: str) -> None:
    """The page is the official report read on screen: provenance lives in the JSON."""
    vm = _vm(FIXTURE)
    for file in vm.provenance.files:
        assert file.path not in page and file.sha256 not in page
    assert "commit" not in page and "plantrack" not in page


def test_output_is_byte_identical(page: str) -> None:
    assert render_html(_vm(FIXTURE)).encode("utf-8") == page.encode("utf-8")


def test_render_outputs_includes_html() -> None:
    files = api.render_outputs(_vm(FIXTURE), FIXTURE, ["html"])
    assert list(files) == [f"bao-cao-tong-hop-{PERIOD}.html"]
    assert next(iter(files.values())).startswith(b"<!DOCTYPE html>")


def _chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _run_chromium(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_page_prints_in_headless_chromium(page: str, tmp_path: Path) -> None:
    binary = _chromium()
    if binary is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    url = source.as_uri()

    pdf = tmp_path / "out.pdf"
    printed = _run_chromium(
        binary, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url
    )
    assert printed.returncode == 0, printed.stderr
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")

    dumped = _run_chromium(binary, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr
    assert f"<h1>{TITLE}</h1>" in dumped.stdout
    assert "Kết quả theo các nội dung của Chỉ số" in dumped.stdout
    errors = [
        line
        for line in dumped.stderr.splitlines()
        if "Uncaught" in line or "ERROR:CONSOLE" in line or ":CONSOLE" in line
    ]
    assert errors == []
