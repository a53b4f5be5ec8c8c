"""``check`` as a use case: the whole repository, or named files and folders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plantrack.app.check import check

TODAY = dt.date(2024, 10, 1)


def test_the_whole_repository_and_one_folder(plain: Path) -> None:
    everything = check(plain, today=TODAY)
    assert everything.errors == 0 and everything.files > 3
    folder = check(plain, [plain / "data/reports/2024-Q3"], today=TODAY)
    assert 0 < folder.files <= everything.files


def test_a_broken_file_is_a_finding_not_an_exception(plain: Path) -> None:
    (plain / "data/units/xa-tra-don.yaml").write_text("id: [\n", "utf-8")
    result = check(plain, [plain / "data/units/xa-tra-don.yaml"], today=TODAY)
    assert result.errors >= 1 and result.findings[0].path == "data/units/xa-tra-don.yaml"
