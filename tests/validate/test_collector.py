"""The cycle collector is off while models are built in bulk, and as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from plantrack.io.repo import list_data_files
from plantrack.validate import base, examine
from plantrack.validate.collector import paused
from tests.conftest import MiniRepo


def test_paused_turns_the_collector_off_and_back_as_it_was() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner pause does not end the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # off before: off after
    finally:
        gc.enable()


def test_paused_with_freeze_sets_aside_what_is_alive() -> None:
    gc.unfreeze()
    try:
        with pytest.raises(RuntimeError), paused(freeze=True):
            raise RuntimeError  # an error inside still puts the collector back
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_the_plan_units_and_indices_load_with_the_collector_off(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[bool] = []
    original = base.load_model
    monkeypatch.setattr(
        base, "load_model", lambda *a: (collecting.append(gc.isenabled()), original(*a))[1]
    )
    files, _ = list_data_files(repo.root)
    assert base.load_base(repo.root, files).context is not None
    assert collecting and not any(collecting)
    assert gc.isenabled()


def test_a_report_is_examined_with_the_collector_off(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[bool] = []
    original = examine.load_yaml_bytes
    monkeypatch.setattr(
        examine,
        "load_yaml_bytes",
        lambda *a: (collecting.append(gc.isenabled()), original(*a))[1],  # type: ignore[misc]
    )
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    monkeypatch.setenv("PLANTRACK_JOBS", "1")
    repo.check()
    assert collecting and not any(collecting)
    assert gc.isenabled()
