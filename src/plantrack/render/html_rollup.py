"""The roll-up's drill-down on the consolidated HTML page: a table of the linked children,
each linking to its own section listing the child's units (``templates/rollup-children
.html.j2``, autoescaped). Empty when the parent rolls no child up."""

from __future__ import annotations

from pathlib import Path

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.templating import environment

TEMPLATE = "rollup-children.html.j2"


def drilldown(vm: Consolidation, repo: Path | None = None) -> str:
    """The drill-down's HTML (``""`` without children); ``repo`` may override the template."""
    if not vm.children:
        return ""
    text = environment(repo).get_template(TEMPLATE).render(children=vm.children)
    return text.strip("\n")
