"""A unit or index file that does not load is reported once, in itself — not again in every
report and plan entry that names it."""

from __future__ import annotations

from tests.conftest import MiniRepo


def test_a_broken_unit_file_does_not_make_its_reports_unknown(repo: MiniRepo) -> None:
    repo.edit("data/units/xa-tra-don.yaml", "kind: commune", "kind: xã")
    findings = repo.check()
    assert [(f.path, f.code) for f in findings if f.severity == "error"] == [
        ("data/units/xa-tra-don.yaml", "PT106")
    ]


def test_a_broken_index_file_does_not_make_plan_targets_unknown(repo: MiniRepo) -> None:
    repo.edit("data/indices/papi.yaml", "scale: {min: 10, max: 80}", "scale: {min: .nan}")
    findings = repo.check()
    errors = [(f.path, f.code) for f in findings if f.severity == "error"]
    assert errors and all(path == "data/indices/papi.yaml" for path, _ in errors)


def test_an_unknown_unit_is_still_unknown(repo: MiniRepo) -> None:
    repo.edit("data/plan.yaml", "lead: [xa-tra-don]", "lead: [xa-tra-dom]")
    assert repo.one("PT201").path == "data/plan.yaml"
