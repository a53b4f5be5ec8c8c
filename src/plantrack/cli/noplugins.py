"""pydantic's plugin search left out when plugins are switched off.

pydantic looks for plugins when it builds its first validator. Its loader module imports
``importlib.metadata`` (and with it ``email``, ``socket``, ``zipfile``…) before reading
``PYDANTIC_DISABLE_PLUGINS``: several hundredths of a second of a pre-commit hook's
``plantrack check FILE``, spent even when that variable says to load no plugin at all.
Then the loader's answer is known beforehand, no plugin; ``install`` puts a module that gives
that answer in the loader's place, without the imports. When plugins may load (the variable
unset or naming only some), or the loader is already imported, nothing is replaced.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"
# the values for which pydantic's own loader answers "no plugin" without looking
ALL_OFF = ("__all__", "1", "true")


def _no_plugins() -> Iterable[Any]:
    """What pydantic's ``get_plugins`` answers when every plugin is switched off."""
    return ()


def install() -> bool:
    """Stand in for pydantic's plugin loader if every plugin is switched off (once); whether
    the stand-in is in place."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ALL_OFF:
        return False
    found = sys.modules.get(LOADER)
    if found is None:
        found = types.ModuleType(LOADER, __doc__)
        found.get_plugins = _no_plugins  # type: ignore[attr-defined]
        sys.modules[LOADER] = found
    return getattr(found, "get_plugins", None) is _no_plugins
