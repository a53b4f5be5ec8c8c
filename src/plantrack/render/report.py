"""The consolidated report as ONE document model (headings, paragraphs, tables, figures,
signature), built once from the view-model and its synthesis, and rendered to Word, HTML and
Markdown by their own renderers.

The wording is one template, ``templates/consolidated.txt.j2`` (a data repository's
``templates/`` overrides it by file name, as it overrides ``templates/synthesis.yaml``, the
vocabulary of causes and addressees). Counting is done in ``plantrack.domain``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantrack.domain.grouping import AddresseeRule, CauseRule, Vocabulary, with_issuer
from plantrack.domain.indices import IndexRow
from plantrack.domain.rollup_drill import drilldown
from plantrack.domain.synthesis import brief, synthesize
from plantrack.domain.viewmodel import Consolidation
from plantrack.errors import PlantrackError
from plantrack.io.yamlload import load_yaml_file
from plantrack.render.docx.markup import Block, escape, escape_cell, parse
from plantrack.render.docx.text import (
    Letterhead,
    date_words,
    keywords,
    letterhead,
    topic_in_period,
)
from plantrack.render.marks import DRAFT, ILLUSTRATIVE
from plantrack.render.templating import environment, template_path

REPORT_TEMPLATE = "consolidated.txt.j2"
SECTION_TEMPLATE = "cchc-section.txt.j2"
# What ``consolidate --as`` may name: the stand-alone report, or the plan's section of the
# issuer's periodic administrative-reform report.
TEMPLATES = {"report": REPORT_TEMPLATE, "section": SECTION_TEMPLATE}
VOCABULARY = "synthesis.yaml"

# Points of a list in Vietnamese documents follow the Vietnamese alphabet (no f, j, w, z).
POINTS = list("abcdđeghiklmnopqrstuvxy")


@dataclass
class ReportDocument:
    """What every renderer of the report draws: the letterhead, the title, the body blocks
    and the marks every page carries (draft, illustrative data)."""

    head: Letterhead
    title: str
    summary: str
    blocks: list[Block]
    marks: list[str]
    properties: dict[str, str]

    @property
    def part(self) -> bool:
        """A part of another document (``@part``): no letterhead, title or signature."""
        return any(b.kind == "part" for b in self.blocks)


def point(index: int) -> str:
    """``1`` → ``a``, ``5`` → ``đ``, ``24`` → ``aa``."""
    letter = POINTS[(index - 1) % len(POINTS)]
    return letter * ((index - 1) // len(POINTS) + 1)


def names(items: list[str]) -> str:
    """``a, b và c``."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def score(value: float | None, decimals: int = 2) -> str:
    """A published score with the index's own number of decimals (trailing zeros kept)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def signed(value: float | None, decimals: int = 2) -> str:
    """A change with its sign: ``+0,46``, ``-0,12``, ``0``; ``—`` for none."""
    if value is None:
        return "—"
    if value == 0:
        return "0"
    return ("+" if value > 0 else "-") + score(abs(value), decimals)


def decimals_of(index: IndexRow) -> int:
    """How many decimals the index publishes: the most any of its recorded scores has."""
    values: list[float] = []
    for obs in (index.baseline, index.latest):
        if obs is not None:
            values += list(obs.scores.values()) + ([obs.total] if obs.total is not None else [])
    places = [len(repr(v).split(".")[1].rstrip("0")) if "." in repr(v) else 0 for v in values]
    return min(max(places, default=2), 4)


def vocabulary(repo: Path | None) -> Vocabulary:
    """The vocabulary of causes and addressees (``templates/synthesis.yaml``)."""
    path = template_path(VOCABULARY, repo)
    doc, problems = load_yaml_file(path)
    if doc is None or problems or not isinstance(doc.data, dict):
        raise PlantrackError(f"Không đọc được tệp {path}: kiểm tra cú pháp YAML.")
    data: dict[str, Any] = doc.data
    try:
        return Vocabulary(
            causes=tuple(
                CauseRule(c["kind"], c["text"], tuple(c.get("match", [])))
                for c in data.get("causes", [])
            ),
            addressees=tuple(
                AddresseeRule(
                    a["name"],
                    tuple(a.get("match", [])),
                    bool(a.get("superior")),
                    tuple(a.get("implied", [])),
                )
                for a in data.get("addressees", [])
            ),
            unmatched_cause=data.get("unmatched", "subjective"),
            unnamed_addressee=data.get("unnamed", "") or "",
        )
    except (KeyError, TypeError) as exc:
        raise PlantrackError(f"Tệp {path} thiếu khóa {exc}.") from exc


def summary_line(vm: Consolidation) -> str:
    """``Kết quả thực hiện Kế hoạch … 9 tháng năm 2026``: the plan's short title (else its
    title) as written, the period added where the title does not already say it."""
    topic = topic_in_period(vm.plan.topic, vm.period.title, vm.period.year)
    return f"Kết quả thực hiện {topic}"


def issue_year(vm: Consolidation, date: dt.date | None) -> int:
    """The year printed on the date line: the given date's, else the later of the cut-off
    and the units' due date (a report is issued after the units' reports are in)."""
    if date is not None:
        return date.year
    return max(vm.as_of, vm.period.due).year


def provenance_note(vm: Consolidation) -> str:
    """Tool, data commit and cut-off: for the document's properties, never its text."""
    p = vm.provenance
    commit = p.data_commit or "(chưa có commit)"
    return f"{p.tool} {p.version}; commit dữ liệu {commit}; ngày chốt {vm.as_of.isoformat()}"


def marks(vm: Consolidation, head: Letterhead) -> list[str]:
    """What every page says above the text: DỰ THẢO for a document nobody can sign yet (no
    signer's name or title, or data not yet committed), DỮ LIỆU MINH HỌA for a plan marked
    illustrative."""
    out = []
    if (
        not head.signer_name
        or not (head.signer_title or head.authority)
        or vm.provenance.uncommitted
    ):
        out.append(DRAFT)
    if vm.plan.illustrative:
        out.append(ILLUSTRATIVE)
    return out


def build_report(
    vm: Consolidation,
    *,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
    repo: Path | None = None,
    template: str = REPORT_TEMPLATE,
    linked: bool = False,
) -> ReportDocument:
    """The report's document model from ``vm``: synthesis, letterhead and template.
    ``linked``: a roll-up's appendices of children are drawn as linked tables (HTML)."""
    head = letterhead(
        vm.document,
        vm.plan,
        letter=False,
        number=number,
        date=date,
        signer=signer,
        year=issue_year(vm, date),
    )
    reference = {
        "number": head.number.removeprefix("Số:").removeprefix(" ") or head.number,
        "date": date_words(date, issue_year(vm, date)),
    }
    summary = summary_line(vm)
    syn = synthesize(vm, with_issuer(vocabulary(repo), vm.plan.issuer))
    topic = vm.plan.topic
    topic_period = topic_in_period(topic, vm.period.title, vm.period.year)
    blocks = template_blocks(
        template,
        repo,
        vm=vm,
        syn=syn,
        doc=reference,
        summary=summary,
        topic=topic,
        topic_period=topic_period,
        drill=drilldown(vm),
        linked=linked,
    )
    return ReportDocument(
        head=head,
        title="BÁO CÁO",
        summary=summary,
        blocks=blocks,
        marks=marks(vm, head),
        properties={"comments": provenance_note(vm), "keywords": _keywords(vm)},
    )


def _keywords(vm: Consolidation) -> str:
    return keywords(vm.plan.topic, [i.id for i in vm.indices])


def template_blocks(name: str, repo: Path | None, **context: Any) -> list[Block]:
    """Render template ``name`` and parse it into blocks."""
    env = environment(repo)
    # a block tag ending a line must not swallow its newline: one line is one paragraph here,
    # and the blank lines block-only lines leave are ignored by the parser
    env.trim_blocks = False
    env.filters.update(
        dx=escape,
        dxcell=escape_cell,
        point=point,
        names=names,
        score=score,
        signed=signed,
        brief=lambda t: brief(t) if t else "",
        lowerfirst=lambda t: str(t)[:1].lower() + str(t)[1:],
    )
    vm: Consolidation | None = context.get("vm")
    if vm is not None:
        context.setdefault("decimals", {i.id: decimals_of(i) for i in vm.indices})
    return parse(_tidy(env.get_template(name).render(**context)))


def _tidy(text: str) -> str:
    """Lines as the template left them, without runs of spaces."""
    return re.sub(r"[ \t]+\n", "\n", text)
