"""The roll-up's appendices on the consolidated HTML page, as linked tables: the children,
each linking to its own section, and those sections listing each child's units
(``templates/rollup-children.html.j2``, autoescaped). The document model places them where
the Word document has its appendix tables (``@figure rollup:children``, ``rollup:units``);
the figures are counted in ``domain/rollup_drill.py``."""

from __future__ import annotations

from pathlib import Path

from plantrack.domain.rollup_drill import drilldown
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.templating import environment

TEMPLATE = "rollup-children.html.j2"
PARTS = ("children", "units")


def drawn(vm: Consolidation, repo: Path | None = None) -> dict[str, str]:
    """The two linked tables by figure name (``rollup:children``, ``rollup:units``); none
    without children. ``repo`` may override the template."""
    drill = drilldown(vm)
    if drill is None:
        return {}
    template = environment(repo).get_template(TEMPLATE)
    return {f"rollup:{part}": template.render(d=drill, part=part).strip("\n") for part in PARTS}
