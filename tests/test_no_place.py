"""The tool names no place, office or index of its first plan: those are data (the embedded
repository's ``data/``), never code, help, hints, schema descriptions or shipped templates."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = (
    "Nam Trà My",
    "Quảng Nam",
    "Phòng Nội vụ",
    "PHÒNG NỘI VỤ",
    "BC-PNV",
    "SIPAS",
    "PAPI",
    "huyện Mẫu",
)
# Where a name is the point, with the reason.
ALLOWED = {
    # the Home Affairs office of a district, which collects when a district's plan (before
    # 1/7/2025) is asked for with --issuer "UBND huyện …"
    ("src/plantrack/domain/profile.py", "Phòng Nội vụ"),
}
SUFFIXES = {".py", ".yaml", ".yml", ".j2", ".md", ".json", ".txt"}


def _shipped() -> list[Path]:
    """The sources and the templates the wheel ships."""
    files = [*(ROOT / "src/plantrack").rglob("*"), *(ROOT / "templates").rglob("*")]
    return sorted(p for p in files if p.is_file() and p.suffix in SUFFIXES)


def test_no_shipped_file_names_the_first_plan() -> None:
    shipped = _shipped()
    assert len(shipped) > 100
    found = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in shipped
        for name in NAMES
        if name in path.read_text("utf-8")
    ]
    assert [f for f in found if f not in ALLOWED] == []
