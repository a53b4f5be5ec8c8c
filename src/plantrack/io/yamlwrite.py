"""Writing small YAML documents plantrack generates (consolidation records): deterministic
text, keys in the order given, Unicode kept, a comment header."""

from __future__ import annotations

from typing import Any

import yaml

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """``data`` as block-style YAML, preceded by ``header`` as ``#`` comment lines."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    return "\n".join(lines) + ("\n" if lines else "") + body
