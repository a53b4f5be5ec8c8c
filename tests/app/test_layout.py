"""The repository layout: every path plantrack reads or writes, built in one place."""

from __future__ import annotations

from plantrack import layout
from plantrack.io import repo


def test_paths_of_every_kind_of_file() -> None:
    assert layout.PLAN == "data/plan.yaml"
    assert layout.unit("xa-a") == "data/units/xa-a.yaml"
    assert layout.index("papi") == "data/indices/papi.yaml"
    assert layout.report("2024-Q3", "xa-a") == "data/reports/2024-Q3/xa-a.yaml"
    assert layout.consolidation("2024-Y") == "data/consolidations/2024-Y.yaml"
    assert layout.inspection(2025, "tt-01") == "data/inspections/2025/tt-01.yaml"
    assert layout.emulation(2025) == "data/emulation/2025.yaml"
    assert layout.rollup_lock("2025-Y") == "data/rollup/2025-Y.lock.yaml"
    assert layout.output_folder("2024-Y") == "build/2024-Y"
    assert layout.forms_folder("2024-Y") == "build/forms/2024-Y"


def test_classify_reads_back_what_the_layout_builds() -> None:
    assert layout.classify(layout.PLAN) == "plan"
    assert layout.classify(layout.unit("a")) == "unit"
    assert layout.classify(layout.index("a")) == "index"
    assert layout.classify(layout.report("2024-Q3", "a")) == "report"
    assert layout.classify(layout.consolidation("2024-Q3")) is None
    assert layout.classify("data/reports/2024-Q3/README.md") is None
    assert layout.report_parts(layout.report("2024-Q3", "a")) == ("2024-Q3", "a")
    assert layout.report_parts(layout.unit("a")) is None
    assert repo.classify is layout.classify  # io classifies with the layout


def test_file_names_of_outputs() -> None:
    assert layout.form_name("xa-a", "2024-Q3") == "bieu-mau-2024-Q3-xa-a.xlsx"
    assert layout.consolidated_base("2024-Y") == "bao-cao-tong-hop-2024-Y"
    assert layout.reminder_name("2024-Y", "docx", "docx") == "cong-van-don-doc-2024-Y.docx"
    assert layout.reminder_name("2024-Y", "md", "md") == "don-doc-2024-Y.md"
