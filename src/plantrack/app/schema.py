"""``schema``: the JSON Schemas editors use to autocomplete and check data files."""

from __future__ import annotations

import json
from pathlib import Path

from plantrack.app.guard import write_guarded
from plantrack.models.jsonschema import json_schemas

_ID = b'"$id": "https://plantrack.example/schemas/'


def schema_is_ours(existing: bytes) -> bool:
    """A schema plantrack wrote names its own ``$id`` near the top."""
    return _ID in existing[:400]


def schema_texts() -> dict[str, str]:
    """Each JSON Schema's file name and text, as plantrack writes them."""
    return {
        name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in json_schemas().items()
    }


def write_schemas(out_dir: Path, *, force: bool = False) -> list[Path]:
    """Write the JSON Schemas of every file kind into ``out_dir``; return the paths written
    (an earlier plantrack schema is replaced, any other file only with ``force``)."""
    written = []
    for name, text in schema_texts().items():
        target = out_dir / name
        write_guarded(target, text, force=force, ours=schema_is_ours, advice="advice.schema")
        written.append(target)
    return written
