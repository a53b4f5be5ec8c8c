"""``form export`` and ``form import`` as use cases: forms written under the write policy,
a returned form turned into the unit's report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.app.form_export import export_forms
from plantrack.app.form_import import import_file
from plantrack.errors import PlantrackError

TODAY = dt.date(2024, 10, 1)


def test_one_form_per_unit_owing_a_report(plain: Path) -> None:
    done = export_forms(plain, "2024-Q3")
    names = sorted(p.name for p, _ in done.forms)
    assert names and all(n.startswith("bieu-mau-2024-Q3-") for n in names)
    assert all(p.parent == plain / "build/forms/2024-Q3" for p, _ in done.forms)
    assert export_forms(plain, "2024-Q3").unchanged == len(names)


def test_a_form_into_a_folder_and_a_bad_period(plain: Path, tmp_path: Path) -> None:
    done = export_forms(plain, "2024-Q3", unit="xa-tra-don", out=tmp_path)
    assert [p for p, _ in done.forms] == [tmp_path / "bieu-mau-2024-Q3-xa-tra-don.xlsx"]
    with pytest.raises(PlantrackError) as caught:
        export_forms(plain, "2024-Q2", unit="xa-tra-don")
    assert caught.value.code == "PT904"


def test_import_round_trip_is_unchanged_and_dry_run_writes_nothing(
    plain: Path, tmp_path: Path
) -> None:
    ((form, _),) = export_forms(plain, "2024-Q3", unit="xa-tra-don", out=tmp_path).forms
    dry = import_file(plain, form, today=TODAY, dry_run=True)
    assert dry.outcome is None and dry.result.text is not None
    done = import_file(plain, form, today=TODAY)
    assert done.outcome == "unchanged"  # the same report as the YAML file holds
    assert done.path == plain / "data/reports/2024-Q3/xa-tra-don.yaml"


def test_import_of_a_missing_file_is_pt918(plain: Path, tmp_path: Path) -> None:
    with pytest.raises(PlantrackError) as caught:
        import_file(plain, tmp_path / "khong-co.xlsx", today=TODAY)
    assert caught.value.code == "PT918"
