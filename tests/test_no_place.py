"""The tool names no place, office or index of its first plan: those are data (the embedded
repository's ``data/``), never code, help, hints, schema descriptions or shipped templates.

The one data file the package ships, ``templates/levels.yaml``, names the collecting office
of each level as the practice names it for any place (``Phòng Nội vụ {area}`` for a district
of old); it names no place."""

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
OFFICES = ("Phòng Nội vụ",)  # an office every district of old had
LEVELS = "templates/levels.yaml"
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
    allowed = {(LEVELS, name) for name in OFFICES}
    assert [f for f in found if f not in allowed] == []
