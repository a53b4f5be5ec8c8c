"""Load and check the emulation files of a repository: each year's scheme
(``data/emulation/<year>.yaml``) and the units' self-assessments under
``data/emulation/<year>/``, with every finding of reading, structure and rules — for
``emulation score`` and for ``check`` (so a pre-commit hook stops a broken sheet too)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack import layout
from plantrack.io.repo import DataFile
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model

if TYPE_CHECKING:  # the emulation models load when a year's files are read, not before:
    # ``check`` imports this module, and most repositories hold no emulation files
    from plantrack.models.emulation import Scheme, SelfAssessment
    from plantrack.validate.context import Context

_YEAR = re.compile(r"^\d{4}$")


@dataclass
class YearFiles:
    """A year's scheme and the units' self-assessments, with the findings of their rules."""

    scheme: Scheme | None
    sheets: dict[str, SelfAssessment] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]


def data_file(root: Path, rel: str) -> DataFile:
    """An emulation file of the repository as the loaders take it."""
    return DataFile("emulation", root / rel, rel)


def self_files(root: Path, year: int | str) -> list[DataFile]:
    """The self-assessment files of ``year``, by name."""
    folder = root / layout.emulation_folder(year)
    if not folder.is_dir():
        return []
    names = sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml" and p.is_file())
    return [data_file(root, f"{layout.emulation_folder(year)}/{name}") for name in names]


def load_year(root: Path, ctx: Context, year: int) -> YearFiles:
    """The scheme of ``year`` and its self-assessments, checked (PT611 when there is no
    scheme)."""
    from plantrack.models.emulation import Scheme, SelfAssessment
    from plantrack.validate.rules_emulation import LoadedSelf, check_scheme, check_selves

    rel = layout.emulation(year)
    if not (root / rel).is_file():
        return YearFiles(None, {}, [make("PT611", rel, None, None, year=year, file=rel)])
    scheme, where, findings = load_model(root, data_file(root, rel), Scheme)
    if scheme is None:
        return YearFiles(None, {}, findings)
    findings += check_scheme(ctx, scheme, where)
    loaded: list[LoadedSelf] = []
    for file in self_files(root, year):
        sheet, s_where, found = load_model(root, file, SelfAssessment)
        findings += found
        if sheet is not None:
            loaded.append(LoadedSelf(sheet, s_where, file))
    findings += check_selves(ctx, scheme, loaded)
    return YearFiles(scheme, {item.sheet.unit: item.sheet for item in loaded}, findings)


def years(root: Path) -> list[int]:
    """The years the repository holds a scheme or a self-assessment folder for."""
    folder = root / layout.EMULATION
    if not folder.is_dir():
        return []
    found = {p.name.removesuffix(".yaml") for p in folder.iterdir()}
    return sorted(int(name) for name in found if _YEAR.match(name))


def check_emulation(root: Path, ctx: Context) -> list[Finding]:
    """Every finding of every year's emulation files (a self-assessment folder without its
    year's scheme: PT611)."""
    out: list[Finding] = []
    for year in years(root):
        out += load_year(root, ctx, year).findings
    return out
