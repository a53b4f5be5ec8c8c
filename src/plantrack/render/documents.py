"""Render the consolidation view-model to Markdown and JSON (HTML, xlsx and docx elsewhere)."""

from __future__ import annotations

import json
from pathlib import Path

from plantrack.domain.viewmodel import Consolidation, to_jsonable
from plantrack.render.templating import environment


def render_markdown(vm: Consolidation, repo: Path | None = None) -> str:
    """The consolidated report as Markdown, from ``consolidated.md.j2``."""
    return environment(repo).get_template("consolidated.md.j2").render(vm=vm)


def render_json(vm: Consolidation) -> str:
    """The full view-model as JSON (keys sorted for stable diffs)."""
    return json.dumps(to_jsonable(vm), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
