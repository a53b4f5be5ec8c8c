"""The store of kept values: a value comes back equal; an entry cut short, altered, of
another layout or naming anything but a data class is a miss, and building it calls
nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import zlib
from pathlib import Path

import pytest

from plantrack.io.picklestore import MAGIC, PickleStore, dumps, loads
from plantrack.validate.finding import Finding

ALLOWED = ("plantrack.validate.finding", "datetime")


def _finding() -> Finding:
    return Finding("PT701", "error", "xa/data/plan.yaml", 3, 5, "tasks[0]", "vi", "en")


def _forge(store: PickleStore, key: str, value: object) -> None:
    """Write ``value`` as a whole entry with a right digest: only the unpickler stands."""
    payload = zlib.compress(pickle.dumps(value))
    store.path(key).parent.mkdir(parents=True, exist_ok=True)
    store.path(key).write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)


def test_a_value_comes_back_equal(tmp_path: Path) -> None:
    store = PickleStore(tmp_path / "kept", ALLOWED)
    value = {"findings": [_finding()], "day": dt.date(2024, 9, 30), "n": {1, 2}}
    assert store.put("abc", value)
    assert store.get("abc") == value
    assert store.get("missing") is None


def test_damaged_or_foreign_entries_are_misses(tmp_path: Path) -> None:
    store = PickleStore(tmp_path, ALLOWED)
    store.put("cut", [_finding()])
    store.path("cut").write_bytes(store.path("cut").read_bytes()[:-3])
    store.path("other").write_bytes(b"not an entry at all")
    _forge(store, "layout", [_finding()])
    store.path("layout").write_bytes(b"PTPK0\n" + store.path("layout").read_bytes()[6:])
    for key in ("cut", "other", "layout"):
        assert store.get(key) is None


class _Calls:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("called",))


def test_an_entry_naming_a_function_or_another_module_builds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = PickleStore(tmp_path, ALLOWED)
    _forge(store, "function", _Calls())
    _forge(store, "module", Path("/etc"))
    _forge(store, "fine", _finding())
    assert store.get("function") is None
    assert store.get("module") is None
    assert store.get("fine") == _finding()
    assert "called" not in capsys.readouterr().out


def test_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert PickleStore(blocked / "kept", ALLOWED).put("k", 1) is False


def test_a_class_a_module_only_imports_or_reaches_is_not_built() -> None:
    imported = b"cplantrack.io.picklestore\nPath\n(S'x'\ntR."  # pathlib's, imported there
    dotted = b"\x80\x04cplantrack.validate.finding\nFinding.__class__\n."  # reached from one
    for data, allowed in ((imported, ("plantrack.io.picklestore",)), (dotted, ALLOWED)):
        with pytest.raises(pickle.UnpicklingError):
            loads(data, allowed)
    assert loads(dumps([_finding()]), ALLOWED) == [_finding()]
