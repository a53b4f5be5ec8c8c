"""Writing the YAML plantrack generates (reports from forms, skeletons, consolidation
records): block style, sequences indented under their key as in the repository's files, keys
in the order given, Unicode kept, multi-line text as literal blocks."""

from __future__ import annotations

from typing import Any

import yaml

from plantrack.io.yamlcore import core_value


class BlockDumper(yaml.SafeDumper):
    """Block style with sequences indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # NEL, LS and PS are line breaks to YAML: only the double-quoted style escapes them
    # (\N, \L, \P); in any other style they would fold into spaces when read back.
    if any(ch in value for ch in "\x85\u2028\u2029"):
        style: str | None = '"'
    else:
        # pyyaml itself falls back to quoting when a literal block cannot hold the text
        style = "|" if "\n" in value else None
    if style is None and not isinstance(core_value(value), str):
        style = "'"  # text YAML 1.2 would read as a number ('1e3', '0o17'): pyyaml knows 1.1
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


BlockDumper.add_representer(str, _represent_str)


def dump_block(data: Any, *, width: int = 100) -> str:
    """``data`` as block-style YAML text."""
    return yaml.dump(
        data,
        Dumper=BlockDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=width,
    )


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """``data`` as block-style YAML, preceded by ``header`` as ``#`` comment lines."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    return "\n".join(lines) + ("\n" if lines else "") + dump_block(data)
