"""The layout of a data repository: where each kind of file lives, as repo-relative POSIX paths.

Pure string work, no I/O, importable from every layer: ``io`` classifies files with it, the
domain reads git paths with it, ``forms`` and ``app`` build the paths they write with it. A new
kind of record gets its folder and its path function here, and nowhere else.
"""

from __future__ import annotations

from typing import Literal

FileKind = Literal["plan", "unit", "index", "report", "inspection", "emulation"]

DATA = "data"
PLAN = "data/plan.yaml"
UNITS = "data/units"
INDICES = "data/indices"
REPORTS = "data/reports"
CONSOLIDATIONS = "data/consolidations"
INSPECTIONS = "data/inspections"
EMULATION = "data/emulation"
ROLLUP = "data/rollup"
# folders under data/ that hold records, not data files the checker loads (inspections are
# data files: the checker loads and checks them)
RECORD_FOLDERS = ("consolidations", "emulation", "rollup")
BUILD = "build"
SCHEMAS = "schemas"


def unit(unit_id: str) -> str:
    """``data/units/<unit>.yaml``."""
    return f"{UNITS}/{unit_id}.yaml"


def index(index_id: str) -> str:
    """``data/indices/<index>.yaml``."""
    return f"{INDICES}/{index_id}.yaml"


def report_folder(period_id: str) -> str:
    """``data/reports/<period>``: every unit's report for one period."""
    return f"{REPORTS}/{period_id}"


def report(period_id: str, unit_id: str) -> str:
    """``data/reports/<period>/<unit>.yaml``."""
    return f"{REPORTS}/{period_id}/{unit_id}.yaml"


def consolidation(period_id: str) -> str:
    """``data/consolidations/<period>.yaml``: the record of an official consolidation."""
    return f"{CONSOLIDATIONS}/{period_id}.yaml"


def inspection(year: int | str, inspection_id: str) -> str:
    """``data/inspections/<year>/<id>.yaml``: one inspection and its findings."""
    return f"{INSPECTIONS}/{year}/{inspection_id}.yaml"


def emulation(year: int | str) -> str:
    """``data/emulation/<year>.yaml``: the year's emulation scoring."""
    return f"{EMULATION}/{year}.yaml"


def emulation_folder(year: int | str) -> str:
    """``data/emulation/<year>``: the units' self-assessments of the year."""
    return f"{EMULATION}/{year}"


def self_assessment(year: int | str, unit_id: str) -> str:
    """``data/emulation/<year>/<unit>.yaml``: a unit's self-assessment (bảng tự chấm điểm)."""
    return f"{EMULATION}/{year}/{unit_id}.yaml"


def is_self_assessment(rel: str) -> bool:
    """Whether ``rel`` is ``data/emulation/<year>/<unit>.yaml``, a unit's own file."""
    parts = rel.split("/")
    return (
        len(parts) == 4
        and f"{parts[0]}/{parts[1]}" == EMULATION
        and parts[2].isdigit()
        and parts[3].endswith(".yaml")
    )


def emulation_base(year: int | str) -> str:
    """The file name, without extension, of the year's emulation scoring outputs."""
    return f"cham-diem-thi-dua-{year}"


def emulation_output(year: int | str) -> str:
    """``build/emulation/<year>``: the default folder of the year's emulation documents."""
    return f"{BUILD}/emulation/{year}"


def emulation_form_name(unit_id: str, year: int | str) -> str:
    """The file name of a unit's self-assessment sheet: ``tu-cham-diem-2024-xa-tra-don.xlsx``."""
    return f"tu-cham-diem-{year}-{unit_id}.xlsx"


def rollup_lock(period_id: str) -> str:
    """``data/rollup/<period>.lock.yaml``: the district outputs a roll-up was built from."""
    return f"{ROLLUP}/{period_id}.lock.yaml"


def output_folder(period_id: str) -> str:
    """``build/<period>``: the default folder of the consolidated report."""
    return f"{BUILD}/{period_id}"


def forms_folder(period_id: str) -> str:
    """``build/forms/<period>``: the default folder of the units' Excel forms."""
    return f"{BUILD}/forms/{period_id}"


def form_name(unit_id: str, period_id: str) -> str:
    """The file name of a unit's form: ``bieu-mau-2024-Q3-thon-1.xlsx``."""
    return f"bieu-mau-{period_id}-{unit_id}.xlsx"


def consolidated_base(period_id: str) -> str:
    """The file name, without extension, of every format of the consolidated report."""
    return f"bao-cao-tong-hop-{period_id}"


def section_base(period_id: str) -> str:
    """The file name, without extension, of the plan's section of the issuer's periodic
    administrative-reform report (``consolidate --as section``)."""
    return f"phan-bao-cao-cchc-{period_id}"


def reminder_name(period_id: str, fmt: str, extension: str) -> str:
    """The file name of a reminder: ``cong-van-don-doc-<period>.docx`` for the official
    letter, ``don-doc-<period>.<ext>`` for the other formats."""
    prefix = "cong-van-don-doc" if fmt == "docx" else "don-doc"
    return f"{prefix}-{period_id}.{extension}"


def classify(rel: str) -> FileKind | None:
    """The kind of the data file at repo-relative ``rel``, or ``None`` if it fits no slot."""
    parts = rel.split("/")
    if rel == PLAN:
        return "plan"
    if len(parts) == 3 and parts[0] == DATA and parts[2].endswith(".yaml"):
        return {"units": "unit", "indices": "index"}.get(parts[1])  # type: ignore[return-value]
    if len(parts) == 4 and parts[0] == DATA and parts[3].endswith(".yaml"):
        return {"reports": "report", "inspections": "inspection"}.get(parts[1])  # type: ignore[return-value]
    return None


def is_report(rel: str) -> bool:
    """Whether ``rel`` is ``data/reports/<period>/<unit>.yaml``."""
    return classify(rel) == "report"


def report_parts(rel: str) -> tuple[str, str] | None:
    """``(period, unit)`` of a report path, or ``None`` for any other path."""
    if not is_report(rel):
        return None
    parts = rel.split("/")
    return parts[2], parts[3].removesuffix(".yaml")


def is_consolidation(rel: str) -> bool:
    """Whether ``rel`` lies under ``data/consolidations/``."""
    return rel.startswith(f"{CONSOLIDATIONS}/")


def is_unit(rel: str) -> bool:
    """Whether ``rel`` lies under ``data/units/``."""
    return rel.startswith(f"{UNITS}/")
