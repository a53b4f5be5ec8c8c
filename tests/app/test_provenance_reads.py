"""The provenance names the bytes that were used: a report rewritten while ``consolidate``
runs keeps, in the provenance, the digest of the content read for the outputs; a file read
twice with two contents stops the run (PT969) before anything is written."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from plantrack.app import consolidate as use_case
from plantrack.app.consolidate import prepare
from plantrack.errors import PlantrackError
from plantrack.io import readlog
from plantrack.io.yamlload import read_bounded

TODAY = dt.date(2024, 10, 1)
REPORT = "data/reports/2024-Q3/xa-tra-don.yaml"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rewrite_after_loading(monkeypatch: pytest.MonkeyPatch, target: Path, read_again: bool) -> None:
    real = use_case.load_period

    def load_then_edit(*args: Any, **kwargs: Any) -> Any:
        loaded = real(*args, **kwargs)
        target.write_bytes(target.read_bytes().replace(b"progress: 100", b"progress: 10"))
        if read_again:
            read_bounded(target)
        return loaded

    monkeypatch.setattr(use_case, "load_period", load_then_edit)


def test_the_digest_is_of_the_content_used(plain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = plain / REPORT
    used = target.read_bytes()
    assert b"progress: 100" in used
    _rewrite_after_loading(monkeypatch, target, read_again=False)
    vm = prepare(plain, "2024-Q3", today=TODAY).vm
    assert vm is not None
    digests = {f.path: f.sha256 for f in vm.provenance.files}
    assert digests[REPORT] == _sha(used) != _sha(target.read_bytes())


def test_a_file_read_twice_with_two_contents_stops_the_run(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _rewrite_after_loading(monkeypatch, plain / REPORT, read_again=True)
    with pytest.raises(PlantrackError) as caught:
        prepare(plain, "2024-Q3", today=TODAY)
    assert caught.value.code == "PT969" and REPORT in str(caught.value)


def test_the_ledger_is_off_outside_a_recorded_call(plain: Path) -> None:
    assert readlog.current() is None
    read_bounded(plain / REPORT)  # no ledger: nothing kept, nothing raised
    ledger = readlog.Ledger()
    first = ledger.note(plain / REPORT, b"a")
    assert ledger.note(plain / REPORT, b"b") == first and ledger.was_changed(plain / REPORT)
