"""Option values turned into ``str`` and ``Path`` without pydantic.

Typer (from 0.29) coerces every option value through a pydantic ``TypeAdapter`` that it
builds, the first time, for each option of the command that runs: about a tenth of a second
of every run (importing pydantic's adapter machinery and building the adapters), paid even
by ``plantrack check FILE`` in a pre-commit hook. Our options are strings, paths, lists of
them, flags and a few numbers. ``install`` has Typer coerce strings and paths (and lists of
them) directly, as its adapters would: a string stays the string, a path becomes a
``Path`` and then goes through Typer's own path checks. Every other type (numbers, choices,
files) keeps Typer's adapter, so its messages stay Typer's, but built only when a value
needs it: an option left to its default of ``None`` and a flag need none. On a Typer without this
machinery (before 0.29, or changed since) nothing is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def install() -> None:
    """Route Typer's coercion of ``str`` and ``Path`` options around pydantic (once)."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam, TypeDescriptor
        from typer._param_types import coerce_cli_path
    except ImportError:  # another Typer: its own coercion, unchanged
        return
    found = getattr(core, "build_runtime_param", None)
    if found is None or getattr(found, "plain", False):
        return
    typers_own: Callable[[Any], Any] = found

    class Plain(RuntimeParam):
        """A ``str`` or ``Path`` option, or a list of them."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if _leaf(self.annotation) is self.annotation:
                return self._one(value, param, ctx)
            items = value if isinstance(value, list | tuple) else [value]
            return [self._one(item, param, ctx) for item in items]

        def _one(self, value: Any, param: Any, ctx: Any) -> Any:
            if _leaf(self.annotation) is str:
                return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            info = self.parameter_info
            path = value if isinstance(value, Path) else Path(value)
            return coerce_cli_path(path, info, path_type=Path, param=param, ctx=ctx)

    class Deferred(RuntimeParam):
        """Any other option: Typer's own coercion, built when a value needs it (an option
        left to its default of ``None``, or a flag, needs none)."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is bool and isinstance(value, bool):
                return value
            descriptor = param.type_descriptor
            return typers_own(descriptor)._coerce_value(value, param=param, ctx=ctx)

    def build(descriptor: TypeDescriptor) -> Any:
        kind = Plain if _plain(descriptor) else Deferred
        return kind(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)

    build.plain = True  # type: ignore[attr-defined]
    core.build_runtime_param = build  # type: ignore[attr-defined]


def _leaf(annotation: Any) -> Any:
    """``str`` or ``Path`` for those and lists of them; anything else as it is."""
    if annotation in (list[str], list[Path]):
        return annotation.__args__[0]
    return annotation


def _plain(descriptor: Any) -> bool:
    """Whether Typer's adapter for this option would only make a ``str`` or a ``Path``."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
        return False
    leaf = _leaf(descriptor.annotation)
    if leaf is str:
        return True
    return leaf is Path and getattr(info, "path_type", None) in (None, Path)
