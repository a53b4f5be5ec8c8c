"""The consolidation view-model: one structure every document (Markdown, HTML, xlsx, docx,
JSON) is rendered from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plantrack.domain.emulation_summary import EmulationSummary
from plantrack.domain.indicators import IndicatorRow
from plantrack.domain.indices import IndexRow
from plantrack.domain.inspection_view import InspectionView
from plantrack.domain.jsonable import to_jsonable as to_jsonable  # where callers look
from plantrack.domain.scale import detail_in_workbook
from plantrack.domain.status import Counts, Status
from plantrack.domain.submission import Submission
from plantrack.domain.voice import Voice, voice
from plantrack.models import Plan
from plantrack.models.common import LegalDoc
from plantrack.models.period import Period
from plantrack.models.plan import DocumentSettings
from plantrack.models.vocabulary import UnitKindDef
from plantrack.validate.finding import Finding

if TYPE_CHECKING:
    from plantrack.domain.rollup_view import ChildSource, ChildView

# A field carrying this metadata is derived from the others: templates read it, the JSON
# output (the view-model as data) leaves it out.
DERIVED = {"json": False}
# A field carrying this metadata is in the JSON output only when it holds a value: a fact
# about a few units (a closing report) leaves the JSON of the others as it was.
WHEN_SET = {"json": "when-set"}


@dataclass(frozen=True)
class PlanInfo:
    """What a document says about the plan it reports on."""

    id: str
    number: str | None
    title: str
    issuer: str
    issued: dt.date | None
    place: str | None
    consolidator: str
    note: str | None
    basis: tuple[LegalDoc, ...]
    # The plan's data is a reconstruction or an example: every document says so on every page.
    illustrative: bool = False
    short_title: str | None = None
    superior: str | None = None
    kinds: dict[str, UnitKindDef] = field(default_factory=dict, metadata=DERIVED)

    @classmethod
    def of(cls, plan: Plan) -> PlanInfo:
        """The plan info of ``plan``."""
        return cls(
            id=plan.id,
            number=plan.number,
            title=plan.title,
            issuer=plan.issuer,
            issued=plan.issued,
            place=plan.place,
            consolidator=plan.reporting.consolidator,
            note=plan.note,
            basis=tuple(plan.basis),
            illustrative=plan.illustrative,
            short_title=plan.short_title,
            superior=plan.superior,
            kinds=plan.kinds(),
        )

    @property
    def topic(self) -> str:
        """What summaries call the plan: its short title, else its title as written."""
        return " ".join((self.short_title or self.title).split())


@dataclass(frozen=True)
class PeriodInfo:
    """The reporting period: its id, names and dates."""

    id: str
    label: str
    title: str
    year: int
    start: dt.date
    cutoff: dt.date
    due: dt.date

    @classmethod
    def of(cls, period: Period) -> PeriodInfo:
        """The period info of ``period``."""
        return cls(
            period.id,
            period.label,
            period.title,
            period.year,
            period.start,
            period.cutoff,
            period.due,
        )


@dataclass
class PairRow:
    """One (task, unit) pair at the cut-off, with the unit's own words."""

    task_id: str
    unit_id: str
    unit_name: str
    role: str
    via: str | None
    status: Status
    status_label: str
    deadline: dt.date | None
    past_deadline: bool
    completed: dt.date | None
    progress: int | None
    state: str | None
    results: str | None
    evidence: list[str]
    difficulties: str | None
    next_steps: str | None
    # Counted in the rates: the lead unit's (chủ trì) pair, the unit inside the issuer's
    # authority. Supporting pairs and units outside it are coordination, reported beside.
    rated: bool = True
    # A completion standing from an earlier report because this period's report left the
    # task out: the period and the unit (itself or a predecessor) that reported it done.
    carried_from: str | None = None
    carried_unit: str | None = None

    @property
    def carried(self) -> bool:
        """The completion is carried forward from an earlier report."""
        return self.carried_from is not None


@dataclass
class TaskRow:
    """One task with its status counts and its pairs."""

    id: str
    section: str
    title: str
    targets: list[str]
    lead: list[str]
    support: list[str]
    time_label: str
    deadline: dt.date | None
    recurring: bool
    output: str | None
    counts: Counts
    pairs: list[PairRow]
    # the supporting units' and outside units' pairs, reported beside the rate
    coordination: Counts = field(default_factory=Counts)


@dataclass
class SectionRow:
    """A section of the plan (Phụ lục I, Phụ lục II, III) with its tasks."""

    id: str
    title: str
    counts: Counts
    tasks: list[TaskRow]


@dataclass
class UnitRow:
    """One expected unit: its submission and its task counts."""

    id: str
    name: str
    short: str
    kind: str
    submission: Submission
    counts: Counts
    contacts: list[str]
    # "inside" the issuer's authority (rated) or "outside" it (MTTQ, mass organisations,
    # vertical agencies: reported as coordination, never rated)
    authority: str = "inside"
    # the unit's pairs left out of its rate: its supporting roles, or all of them when it is
    # outside the issuer's authority
    coordination: Counts = field(default_factory=Counts)
    # the unit's last day when this is its closing report (``domain/closing.py``)
    closing: dt.date | None = field(default=None, metadata=WHEN_SET)

    @property
    def rated(self) -> bool:
        """The unit is rated on its lead tasks (it is inside the issuer's authority)."""
        return self.authority == "inside"


@dataclass(frozen=True)
class Summary:
    """Facts the report states about the units as a whole, counted here so that every
    document (Markdown, HTML, Word) states the same numbers."""

    units_expected: int
    reports_sent: int
    reports_on_time: int
    reports_late: int
    reports_missing: int
    # Units with at least one task due and every due task done on time.
    all_due_on_time: tuple[UnitRow, ...]
    # Units with no report yet, read as of a day before the due date (not missing yet).
    reports_pending: int = 0

    @classmethod
    def of(cls, units: list[UnitRow]) -> Summary:
        """The summary of the expected ``units``."""
        by = [u.submission.status for u in units]
        late, missing, pending = by.count("late"), by.count("missing"), by.count("pending")
        punctual = tuple(
            u for u in units if u.counts.due and not u.counts.overdue and not u.counts.done_late
        )
        sent = len(units) - missing - pending
        return cls(len(units), sent, sent - late, late, missing, punctual, pending)


@dataclass
class Attributed:
    """A unit's own words, named: a result, a proposal, a difficulty, a next step."""

    unit_id: str
    unit_name: str
    text: str
    task_id: str | None = None


@dataclass
class NoSuccessorRow:
    """An open task whose lead unit was gone before the cut-off with no successor: listed as
    "chưa có đơn vị kế thừa", never silently dropped."""

    task_id: str
    title: str
    unit_id: str
    unit_name: str
    gone: dt.date | None
    time_label: str
    deadline: dt.date | None
    recurring: bool


@dataclass
class SetAside:
    """A report filed by a unit gone before the cut-off: its tasks passed to its successors,
    so none of it is consolidated (finding PT230)."""

    unit_id: str
    unit_name: str
    gone: dt.date | None
    successors: list[str]


@dataclass
class InputFile:
    """An input file and the SHA-256 of its bytes."""

    path: str
    sha256: str


@dataclass
class Provenance:
    """Where an output came from: tool, data commit, cut-off and every input's hash."""

    tool: str
    version: str
    data_commit: str | None
    uncommitted: list[str]
    as_of: dt.date
    files: list[InputFile]
    # the repository and pinned commit of each linked child a roll-up read (none otherwise)
    children: list[ChildSource] | None = field(default=None, metadata=WHEN_SET)


@dataclass
class Consolidation:
    """Everything the consolidated report says, for one period at one cut-off."""

    plan: PlanInfo
    period: PeriodInfo
    as_of: dt.date
    provenance: Provenance
    overall: Counts
    sections: list[SectionRow]
    units: list[UnitRow]
    indicators: list[IndicatorRow]
    indices: list[IndexRow]
    previous_period: str | None
    direction: list[Attributed] = field(default_factory=list)
    communication: list[Attributed] = field(default_factory=list)
    inspection: list[Attributed] = field(default_factory=list)
    difficulties: list[Attributed] = field(default_factory=list)
    proposals: list[Attributed] = field(default_factory=list)
    next_steps: list[Attributed] = field(default_factory=list)
    # rated pairs only (lead units inside the issuer's authority)
    overdue: list[PairRow] = field(default_factory=list)
    open_tasks: list[PairRow] = field(default_factory=list)
    late_units: list[UnitRow] = field(default_factory=list)
    missing_units: list[UnitRow] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    document: DocumentSettings | None = None
    # the pairs left out of the rates (supporting units, units outside the issuer's
    # authority), counted beside ``overall``
    coordination: Counts = field(default_factory=Counts)
    # rated pairs whose completion stands from an earlier report (``PairRow.carried_from``)
    carried: list[PairRow] = field(default_factory=list)
    # open tasks whose lead unit is gone with no successor ("chưa có đơn vị kế thừa")
    no_successor: list[NoSuccessorRow] = field(default_factory=list)
    # reports of units gone before the cut-off, not consolidated
    set_aside: list[SetAside] = field(default_factory=list)
    oversight: InspectionView | None = None
    """Inspections and their findings at the cut-off (none when the repository has none)."""
    # the year's emulation scoring, in an annual report when the year has a scheme; its own
    # outputs (emulation score) carry the figures for machines
    emulation: EmulationSummary | None = field(default=None, metadata=DERIVED)
    summary: Summary = field(default_factory=lambda: Summary.of([]), metadata=DERIVED)
    # the consolidating unit's name, for the documents' voice
    consolidator_name: str | None = field(default=None, metadata=DERIVED)
    # a roll-up's drill-down: each linked child with its own units (none otherwise)
    children: list[ChildView] | None = field(default=None, metadata=WHEN_SET)

    @property
    def detail_in_workbook(self) -> bool:
        """The documents are summaries: the unit-by-unit detail is in the workbook only."""
        return detail_in_workbook(self.summary.units_expected)

    @property
    def voice(self) -> Voice:
        """Who the documents speak as, where reports are collected, whom the report is for."""
        p = self.plan
        return voice(p.issuer, p.superior, self.document, self.consolidator_name)

    @property
    def tasks(self) -> list[TaskRow]:
        """Every task row, section by section."""
        return [task for section in self.sections for task in section.tasks]
