"""``form export``: the Excel forms units fill in, one per unit owing a report in the
period, written under the write policy (a form the unit may have filled in is kept)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import Outcome, write_guarded
from plantrack.validate.finding import Finding
from plantrack.validate.require import Repository, require_period, require_plan


@dataclass
class Exported:
    """The forms written (path, outcome) and the findings of units whose current report
    cannot be read (their forms are not made, so no answer is lost)."""

    forms: list[tuple[Path, Outcome]] = field(default_factory=list)
    blocked: list[Finding] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        """How many forms were already there, identical."""
        return sum(outcome == "unchanged" for _, outcome in self.forms)


def write_form(path: Path, data: bytes, *, force: bool = False) -> Outcome:
    """Write one form; a different file already there (perhaps filled in by the unit) is
    replaced only with ``force``."""
    return write_guarded(path, data, force=force, advice="advice.form_export")


def targets(
    repo: Repository, period: str, unit: str | None, out: Path | None
) -> list[tuple[str, Path]]:
    """(unit, path) of each form to write: one unit's, or every unit owing a report (``unit``
    None); ``out`` is a folder, or with one unit a ``.xlsx`` file."""
    default_dir = repo.root / layout.forms_folder(period)
    if unit is None:
        units = repo.ctx.expected_units(repo.ctx.period(period))
        folder = out or default_dir
        return [(u, folder / layout.form_name(u, period)) for u in units]
    target = out or default_dir / layout.form_name(unit, period)
    if target.is_dir() or target.suffix.lower() != ".xlsx":  # --out names a folder
        target = target / layout.form_name(unit, period)
    return [(unit, target)]


def export_forms(
    root: Path,
    period: str,
    *,
    unit: str | None = None,
    out: Path | None = None,
    force: bool = False,
) -> Exported:
    """Write the form of ``unit`` for ``period`` (of every unit owing a report when ``unit``
    is None) into ``out`` (default ``build/forms/<period>/``)."""
    from plantrack.forms.export import make_form  # openpyxl: loaded only when forms are made

    repo = require_plan(root)
    require_period(repo.ctx, period)
    done = Exported()
    for unit_id, target in targets(repo, period, unit, out):
        data, findings = make_form(repo, unit_id, period)
        if data is None:
            done.blocked += findings
            continue
        done.forms.append((target, write_form(target, data, force=force)))
    return done
