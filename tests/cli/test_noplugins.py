"""pydantic's plugin loader replaced only when every plugin is switched off, answering as
pydantic's own loader does then."""

from __future__ import annotations

import importlib
import sys

import pytest

from plantrack.cli import noplugins
from plantrack.models import Unit


@pytest.fixture
def no_loader(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    # the test process may have imported pydantic's loader: put it back afterwards
    monkeypatch.delitem(sys.modules, noplugins.LOADER, raising=False)
    return monkeypatch


@pytest.mark.parametrize("value", noplugins.ALL_OFF)
def test_plugins_all_off_the_stand_in_answers_no_plugin(
    no_loader: pytest.MonkeyPatch, value: str
) -> None:
    no_loader.setenv("PYDANTIC_DISABLE_PLUGINS", value)
    assert noplugins.install()
    loader = sys.modules[noplugins.LOADER]
    assert list(loader.get_plugins()) == []
    assert noplugins.install()  # once: the same stand-in
    assert sys.modules[noplugins.LOADER] is loader


@pytest.mark.parametrize("value", noplugins.ALL_OFF)
def test_pydantics_own_loader_answers_no_plugin_for_the_same_values(
    no_loader: pytest.MonkeyPatch, value: str
) -> None:
    no_loader.setenv("PYDANTIC_DISABLE_PLUGINS", value)
    real = importlib.import_module(noplugins.LOADER)
    assert list(real.get_plugins()) == []


@pytest.mark.parametrize("value", [None, "logfire", ""])
def test_plugins_that_may_load_keep_pydantics_loader(
    no_loader: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        no_loader.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        no_loader.setenv("PYDANTIC_DISABLE_PLUGINS", value)
    assert not noplugins.install()
    assert noplugins.LOADER not in sys.modules


def test_a_loader_already_imported_stays(no_loader: pytest.MonkeyPatch) -> None:
    no_loader.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    real = importlib.import_module(noplugins.LOADER)
    assert not noplugins.install()
    assert sys.modules[noplugins.LOADER] is real


def test_models_validate_with_the_stand_in(no_loader: pytest.MonkeyPatch) -> None:
    no_loader.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    assert noplugins.install()

    class Local(Unit):
        """A model first built now, through the stand-in."""

    unit = Local.model_validate({"id": "xa-a", "name": "Xã A", "kind": "commune"})
    assert unit.id == "xa-a"
