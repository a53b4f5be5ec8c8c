"""Who owes what at a date: units whose report is missing or came in late, and units with
tasks past their deadline and not completed (pure: everything comes from the view-model)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plantrack.domain.viewmodel import (
    WHEN_SET,
    Consolidation,
    PairRow,
    PeriodInfo,
    PlanInfo,
    UnitRow,
)
from plantrack.domain.voice import voice
from plantrack.models.plan import DocumentSettings

REPLY_WORKING_DAYS = 5
OTHERS = "Các cơ quan, đơn vị"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class OwedTask:
    """A task a unit has not completed by its deadline (or has not reported on)."""

    task_id: str
    title: str
    time_label: str
    deadline: dt.date | None
    days_overdue: int
    progress: int | None
    state: str | None
    reported: bool
    role: str


@dataclass
class Debtor:
    """One unit and what it owes: its report, and/or overdue tasks."""

    unit_id: str
    name: str
    short: str
    kind: str
    contacts: list[str]
    report: str | None  # "missing", "late" or None (sent on time)
    submitted: dt.date | None
    days_late: int
    overdue: list[OwedTask] = field(default_factory=list)
    consolidator: bool = False
    # the unit's last day when the report owed is its closing report (``domain/closing.py``)
    closing: dt.date | None = field(default=None, metadata=WHEN_SET)

    @property
    def owes_report(self) -> bool:
        """The unit has not sent its report."""
        return self.report == "missing"


@dataclass
class TaskGroup:
    """One overdue task and the units owing it (a letter lists a shared task once)."""

    task_id: str
    title: str
    deadline: dt.date | None
    days_overdue: int
    units: list[tuple[Debtor, OwedTask]] = field(default_factory=list)


@dataclass
class Reminder:
    """Everything a reminder says, for one period at one date."""

    plan: PlanInfo
    period: PeriodInfo
    as_of: dt.date
    due: dt.date
    due_passed: bool
    reply_by: dt.date
    units: list[Debtor]
    sender: str | None = None
    indices: list[str] = field(default_factory=list)
    document: DocumentSettings | None = None
    collector: str | None = None
    reports_to: str | None = None

    @property
    def addressee_groups(self) -> list[tuple[str, list[Debtor]]]:
        """The addressees by how a letter names them together: units of a territorial kind
        under their kind's collective name (``UBND các xã``, ``Các thôn``), the others as
        ``Các cơ quan, đơn vị``; kinds in the plan's vocabulary order."""
        kinds = self.plan.kinds
        order = {kind: index for index, kind in enumerate(kinds)}
        groups: dict[str, list[Debtor]] = {}
        for unit in self.addressees:
            kind = kinds.get(unit.kind)
            name = _capital(kind.plural) if kind and kind.territorial else OTHERS
            groups.setdefault(name, []).append(unit)
        first = {
            name: min(order.get(u.kind, len(order)) for u in us) for name, us in groups.items()
        }
        return sorted(groups.items(), key=lambda g: (g[0] != OTHERS, first[g[0]]))

    @property
    def addressees(self) -> list[Debtor]:
        """The units a reminder letter goes to: every debtor but the office that sends it."""
        return [u for u in self.units if not u.consolidator]

    @property
    def addressees_missing(self) -> list[Debtor]:
        """Addressees that have not sent their report."""
        return [u for u in self.missing if not u.consolidator]

    @property
    def addressees_late(self) -> list[Debtor]:
        """Addressees whose report came in after the due date."""
        return [u for u in self.late if not u.consolidator]

    @property
    def addressees_overdue(self) -> list[Debtor]:
        """Addressees with tasks past their deadline and not completed."""
        return [u for u in self.with_overdue if not u.consolidator]

    @property
    def days_past_due(self) -> int:
        """Days from the due date to ``as_of`` (negative before the due date)."""
        return (self.as_of - self.due).days

    @property
    def missing(self) -> list[Debtor]:
        """Units that have not sent their report."""
        return [u for u in self.units if u.report == "missing"]

    @property
    def late(self) -> list[Debtor]:
        """Units that sent their report after the due date."""
        return [u for u in self.units if u.report == "late"]

    @property
    def overdue_by_task(self) -> list[TaskGroup]:
        """The addressees' overdue tasks, task by task (earliest deadline first)."""
        groups: dict[str, TaskGroup] = {}
        for unit in self.addressees:
            for task in unit.overdue:
                group = groups.setdefault(
                    task.task_id,
                    TaskGroup(task.task_id, task.title, task.deadline, task.days_overdue),
                )
                group.units.append((unit, task))
        return sorted(groups.values(), key=lambda g: (g.deadline or dt.date.max, g.task_id))

    @property
    def with_overdue(self) -> list[Debtor]:
        """Units with tasks past their deadline and not completed."""
        return [u for u in self.units if u.overdue]


def working_days_after(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day (Monday to Friday) after ``day``."""
    current = day
    while count > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def reminder(
    vm: Consolidation,
    *,
    reply_by: dt.date | None = None,
    consolidator: str | None = None,
) -> Reminder:
    """The units owing something at ``vm.as_of``: a report not received by then, a report
    received after the due date, or tasks overdue and not completed. ``consolidator`` (the
    unit reports go to; default: the plan's) stays in the list but is not addressed by the
    letter. The letter speaks as the document settings' ``sender``, else as that unit."""
    as_of = vm.as_of
    due = vm.period.due
    titles = {t.id: (t.title, t.time_label) for t in vm.tasks}
    by_unit: dict[str, list[PairRow]] = {}
    for pair in vm.overdue:
        by_unit.setdefault(pair.unit_id, []).append(pair)
    sender = consolidator or vm.plan.consolidator
    sender_name = next((u.name for u in vm.units if u.id == sender), None)
    if sender == vm.plan.consolidator:
        sender_name = vm.consolidator_name or sender_name
    said = voice(vm.plan.issuer, vm.plan.superior, vm.document, sender_name)
    units = []
    for row in vm.units:
        report, submitted, days_late = _report_state(row, as_of)
        owed = [_owed(pair, titles, as_of) for pair in by_unit.get(row.id, [])]
        if report is None and not owed:
            continue
        units.append(
            Debtor(
                unit_id=row.id,
                name=row.name,
                short=row.short,
                kind=row.kind,
                contacts=list(row.contacts),
                report=report,
                submitted=submitted,
                days_late=days_late,
                overdue=sorted(owed, key=lambda o: (o.deadline or dt.date.max, o.task_id)),
                consolidator=row.id == sender,
                closing=row.closing,
            )
        )
    return Reminder(
        plan=vm.plan,
        period=vm.period,
        as_of=as_of,
        due=due,
        due_passed=as_of > due,
        reply_by=reply_by or _reply_by(as_of, due),
        units=units,
        sender=said.speaker,
        indices=[index.id for index in vm.indices],
        document=vm.document,
        collector=said.collector,
        reports_to=said.report_to,
    )


def _reply_by(as_of: dt.date, due: dt.date) -> dt.date:
    """Before the due date, the due date; after it, five working days from ``as_of``."""
    return due if as_of < due else working_days_after(as_of, REPLY_WORKING_DAYS)


def _report_state(row: UnitRow, as_of: dt.date) -> tuple[str | None, dt.date | None, int]:
    """A report that only arrived after ``as_of`` was still missing on that date; one not
    yet due is still owed (the letter asks for it by the due date)."""
    sub = row.submission
    arrived = sub.effective or sub.submitted
    if sub.status in ("missing", "pending") or (arrived is not None and arrived > as_of):
        return "missing", None, 0
    if sub.status == "late":
        return "late", arrived, sub.days_late
    return None, arrived, 0


def _owed(pair: PairRow, titles: dict[str, tuple[str, str]], as_of: dt.date) -> OwedTask:
    title, time_label = titles.get(pair.task_id, (pair.task_id, ""))
    return OwedTask(
        task_id=pair.task_id,
        title=title,
        time_label=time_label,
        deadline=pair.deadline,
        days_overdue=(as_of - pair.deadline).days if pair.deadline else 0,
        progress=pair.progress,
        state=pair.state,
        reported=pair.status != "not-reported",
        role=pair.role,
    )
