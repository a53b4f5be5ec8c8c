"""Where ``check`` spends its time, stage by stage, timed without a profiler's overhead.

Each stage does everything the one before it did plus one more step, over the same files:
libyaml composing the node graph only; plantrack's loader (decode, NFC check, compose, build
plain values with positions and limits); then pydantic validation of each file's model.
What is left up to the full ``check`` is listing files, the symlink check, cross-file rules
and findings.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel

from plantrack.io.yamlload import load_yaml_file
from plantrack.models import Index, Plan, Report, Unit

MODELS: dict[str, type[BaseModel]] = {"plan": Plan, "unit": Unit, "index": Index, "report": Report}


def compose_only(files: dict[str, list[Path]]) -> None:
    """Read each file and let libyaml compose its node graph, constructing no values."""
    for paths in files.values():
        for path in paths:
            loader = yaml.CSafeLoader(path.read_text(encoding="utf-8"))
            try:
                loader.get_single_node()
            finally:
                loader.dispose()


def plantrack_load(files: dict[str, list[Path]]) -> None:
    """plantrack's own loader on each file: plain values plus the node graph."""
    for paths in files.values():
        for path in paths:
            load_yaml_file(path)


def load_and_validate(files: dict[str, list[Path]]) -> None:
    """plantrack's loader, then pydantic validation against the file kind's model."""
    for kind, paths in files.items():
        model = MODELS[kind]
        for path in paths:
            doc, _ = load_yaml_file(path)
            if doc is not None and doc.data is not None:
                model.model_validate(doc.data)


STAGES = (
    ("read + libyaml compose only (no values)", compose_only),
    ("+ decode/NFC, build values (io/yamlload)", plantrack_load),
    ("+ pydantic model_validate", load_and_validate),
)
