"""Render the consolidation view-model as one self-contained HTML page (read on screen, printed
on A4), from ``consolidated.html.j2`` with the inline SVG charts."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from plantrack.domain.viewmodel import Consolidation
from plantrack.render import svg
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS
from plantrack.render.templating import environment

TEMPLATE = "consolidated.html.j2"


def charts(vm: Consolidation) -> dict[str, Markup]:
    """The page's charts as markup the template may insert unescaped.

    Keys: ``status``, ``completion`` and ``index:<ID>`` for each index with component scores.
    Only our own SVG is marked safe; every text inside it was escaped by ``render.svg``.
    """
    out = {
        "status": Markup(svg.status_chart(vm.overall)),
        "completion": Markup(svg.completion_chart(vm.units)),
    }
    for index in vm.indices:
        drawn = svg.index_chart(index)
        if drawn:
            out[f"index:{index.id}"] = Markup(drawn)
    return out


def render_html(vm: Consolidation, repo: Path | None = None) -> str:
    """The consolidated report as an HTML5 page; ``repo`` may override the template."""
    template = environment(repo).get_template(TEMPLATE)
    return template.render(
        vm=vm,
        charts=charts(vm),
        status_colours=STATUS_COLOURS,
        status_labels={k: v[0] for k, v in STATUS_LABELS.items()},
    )
