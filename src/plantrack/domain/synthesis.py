"""The synthesis a consolidated report states, built once from the view-model: counts and
named exceptions, results grouped by index component and by theme with the strongest
concrete results quoted, late and unreported work, causes of difficulties, next-period
tasks, the office's own recommendations and the units' proposals by addressee.

Everything counted or chosen here is counted or chosen once; the report template only words
it, so the Markdown, HTML and Word documents say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from plantrack.domain.grouping import (
    AddresseeGroup,
    Cause,
    Vocabulary,
    addressee_of,
    group_causes,
    group_proposals,
    own_words,
    plain,
)
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import Attributed, Consolidation, PairRow, TaskRow

QUOTE_CHARS = 220
QUOTES_PER_GROUP = 2
UPCOMING_DAYS = 184  # the plan's deadlines in the next two quarters
DONE = ("done-on-time", "done-late", "recurring-done")


@dataclass(frozen=True)
class Quote:
    """A short concrete result in a unit's own words, attributed."""

    text: str
    unit: str


@dataclass
class Theme:
    """A theme of the units' narrative (direction, communication, inspection)."""

    units: int
    quotes: list[Quote]


@dataclass
class ComponentResult:
    """What was done for one index component (by name), or for tasks serving none."""

    index: str
    name: str
    tasks: int
    counts: Counts
    quotes: list[Quote]


@dataclass
class TaskNote:
    """A task named in the body: its title, deadline and the units concerned."""

    title: str
    deadline: dt.date | None
    units: list[str]
    progress: list[int] = field(default_factory=list)


@dataclass
class UnitGap:
    """A unit that sent its report but left some of its tasks unreported."""

    unit: str
    tasks: int


@dataclass
class Synthesis:
    """The facts of the report body and its appendix of proposals."""

    reports_sent: int
    direction: Theme
    communication: Theme
    inspection: Theme
    components: list[ComponentResult]
    late_tasks: list[TaskNote]
    open_tasks: list[TaskNote]
    upcoming: list[TaskNote]
    recurring_tasks: int
    late_units: list[str]
    missing_units: list[str]
    unreported: list[UnitGap]
    overdue_leads: list[str]
    punctual_units: list[str]
    rising: list[str]
    weak: list[str]
    causes: list[Cause]
    office_proposals: list[str]
    proposals: list[AddresseeGroup]

    @property
    def objective(self) -> list[Cause]:
        """Causes outside the units' control (khách quan)."""
        return [c for c in self.causes if c.kind == "objective"]

    @property
    def subjective(self) -> list[Cause]:
        """Causes within the units' control (chủ quan)."""
        return [c for c in self.causes if c.kind == "subjective"]

    @property
    def superior_proposals(self) -> int:
        """Units' proposals addressed to the issuer's superior."""
        return sum(len(g.proposals) for g in self.proposals if g.superior)


def synthesize(vm: Consolidation, vocabulary: Vocabulary) -> Synthesis:
    """The synthesis of ``vm``; ``vocabulary`` names causes and addressees."""
    short = {u.id: u.short for u in vm.units}
    used: set[str] = set()
    ids = {t.id for t in vm.tasks}

    def name(unit_id: str, fallback: str) -> str:
        return short.get(unit_id, fallback)

    def theme(items: list[Attributed]) -> Theme:
        picked = _best([(a.text, name(a.unit_id, a.unit_name)) for a in items], used, 3, ids)
        return Theme(len({a.unit_id for a in items}), picked)

    office = vm.plan.consolidator
    return Synthesis(
        reports_sent=vm.summary.reports_sent,
        direction=theme(vm.direction),
        communication=theme(vm.communication),
        inspection=theme(vm.inspection),
        components=_components(vm, short, used, ids),
        late_tasks=_late(vm.tasks, short),
        open_tasks=_open(vm.tasks, short),
        upcoming=_upcoming(vm.tasks, vm.as_of),
        recurring_tasks=sum(1 for t in vm.tasks if t.recurring and t.pairs),
        late_units=[u.short for u in vm.late_units],
        missing_units=[u.short for u in vm.missing_units],
        unreported=_unreported(vm, short),
        overdue_leads=_unique(name(p.unit_id, p.unit_name) for p in _lead_overdue(vm.tasks)),
        punctual_units=[u.short for u in vm.summary.all_due_on_time],
        rising=[c.name for i in vm.indices for c in i.rising],
        weak=[c.name for i in vm.indices for c in i.weakest_components],
        causes=group_causes(
            [(name(a.unit_id, a.unit_name), a.text) for a in vm.difficulties], vocabulary
        ),
        office_proposals=[
            own_words(a.text, vocabulary) for a in _own(vm, office) if _to_superior(a, vocabulary)
        ],
        proposals=group_proposals(
            [
                (name(a.unit_id, a.unit_name), a.text)
                for a in vm.proposals
                if a.unit_id != office or not _to_superior(a, vocabulary)
            ],
            vocabulary,
        ),
    )


def _own(vm: Consolidation, office: str) -> list[Attributed]:
    return [v for v in vm.proposals if v.unit_id == office]


def _to_superior(proposal: Attributed, vocabulary: Vocabulary) -> bool:
    rule = addressee_of(proposal.text, vocabulary)
    return rule is None or rule.superior


def _unique(names: object) -> list[str]:
    out: list[str] = []
    for n in names:  # type: ignore[attr-defined]
        if n not in out:
            out.append(n)
    return out


def brief(text: str) -> str:
    """The first sentence of ``text``, cut at a clause boundary outside parentheses when
    still too long."""
    text = plain(text)
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])", text, maxsplit=1)[0].rstrip(" .;")
    if len(sentence) <= QUOTE_CHARS:
        return sentence
    depth, cuts = 0, {"; ": 0, ", ": 0}
    for i, ch in enumerate(sentence[:QUOTE_CHARS]):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        mark = sentence[i : i + 2]
        if depth == 0 and mark in cuts and i > QUOTE_CHARS // 3:
            cuts[mark] = i
    cut = cuts["; "] or cuts[", "]
    if cut:
        return sentence[:cut]
    head = sentence[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return head + "…" + ")" * max(0, head.count("(") - head.count(")"))


_DATES = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}-\d{1,2}/\d{1,2}/\d{4}|(?:tháng|quý|năm)\s+[\dIVX]+(?:/\d{4})?",
    re.IGNORECASE,
)


def _strength(text: str) -> int:
    """How concrete a result is: the numbers it states, dates not counted."""
    return len(re.findall(r"\d+(?:[.,]\d+)*", _DATES.sub(" ", text)))


def scrub(text: str, ids: set[str]) -> str:
    """A unit's words without the plan's task ids it quotes ("(nhiệm vụ pl2-14)")."""
    if not ids:
        return text
    alts = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    text = re.sub(rf"\s*\([^()]*(?<![\w-])(?:{alts})(?![\w-])[^()]*\)", "", text)
    text = re.sub(rf"\s*(?:nhiệm vụ\s+)?(?<![\w-])(?:{alts})(?![\w-])", "", text)
    return " ".join(text.split())


def _best(items: list[tuple[str, str]], used: set[str], limit: int, ids: set[str]) -> list[Quote]:
    """The ``limit`` most concrete (text, unit) items, each sentence quoted once in the whole
    report; items without a number are never quoted."""
    ranked = sorted(
        ((brief(scrub(t, ids)), u) for t, u in items if t),
        key=lambda q: (-_strength(q[0]), len(q[0]), q[0], q[1]),
    )
    out: list[Quote] = []
    for text, unit in ranked:
        if len(out) == limit or not _strength(text):
            break
        # two units' near-identical words (only their numbers differ) are quoted once
        key = re.sub(r"\d+(?:[.,]\d+)*", "#", text.casefold())
        if key not in used:
            used.add(key)
            out.append(Quote(text, unit))
    return out


def _components(
    vm: Consolidation, short: dict[str, str], used: set[str], ids: set[str]
) -> list[ComponentResult]:
    by_id = {t.id: t for t in vm.tasks}
    out: list[ComponentResult] = []
    served: set[str] = set()
    for index in vm.indices:
        for comp in index.components:
            tasks = [by_id[i] for i in comp.task_ids if i in by_id and by_id[i].pairs]
            if not tasks:
                continue
            served.update(t.id for t in tasks)
            quotes = _best(_results(tasks, short), used, QUOTES_PER_GROUP, ids)
            out.append(ComponentResult(index.id, comp.name, len(tasks), comp.counts, quotes))
    rest = [t for t in vm.tasks if t.pairs and t.id not in served]
    if rest:
        counts = Counts()
        for pair in (p for t in rest for p in t.pairs):
            counts.add(pair.status, pair.past_deadline)
        quotes = _best(_results(rest, short), used, QUOTES_PER_GROUP, ids)
        out.append(ComponentResult("", "", len(rest), counts, quotes))
    return out


def _results(tasks: list[TaskRow], short: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (p.results, short.get(p.unit_id, p.unit_name))
        for t in tasks
        for p in t.pairs
        if p.results and p.role == "lead" and p.status in DONE
    ]


def _lead_overdue(tasks: list[TaskRow]) -> list[PairRow]:
    return [
        p
        for t in tasks
        for p in t.pairs
        if p.rated
        and (p.status == "open-overdue" or (p.status == "not-reported" and p.past_deadline))
    ]


def _late(tasks: list[TaskRow], short: dict[str, str]) -> list[TaskNote]:
    overdue = {id(p) for p in _lead_overdue(tasks)}
    out = []
    for task in tasks:
        pairs = [p for p in task.pairs if id(p) in overdue]
        if pairs:
            out.append(
                TaskNote(
                    task.title,
                    task.deadline,
                    _unique(short.get(p.unit_id, p.unit_name) for p in pairs),
                    [p.progress for p in pairs if p.progress is not None],
                )
            )
    return sorted(out, key=lambda n: (n.deadline or dt.date.max, n.title))


def _open(tasks: list[TaskRow], short: dict[str, str]) -> list[TaskNote]:
    out = []
    for task in tasks:
        pairs = [p for p in task.pairs if p.rated and p.status == "open-on-time"]
        if pairs:
            units = _unique(short.get(p.unit_id, p.unit_name) for p in pairs)
            out.append(TaskNote(task.title, task.deadline, units))
    return sorted(out, key=lambda n: (n.deadline or dt.date.max, n.title))


def _upcoming(tasks: list[TaskRow], as_of: dt.date) -> list[TaskNote]:
    horizon = as_of + dt.timedelta(days=UPCOMING_DAYS)
    out = [
        TaskNote(t.title, t.deadline, list(t.lead))
        for t in tasks
        if not t.pairs and t.deadline is not None and as_of < t.deadline <= horizon
    ]
    return sorted(out, key=lambda n: (n.deadline or dt.date.max, n.title))


def _unreported(vm: Consolidation, short: dict[str, str]) -> list[UnitGap]:
    missing = {u.id for u in vm.missing_units}
    gaps: dict[str, int] = {}
    for pair in (p for t in vm.tasks for p in t.pairs):
        if pair.status == "not-reported" and pair.unit_id not in missing:
            gaps[pair.unit_id] = gaps.get(pair.unit_id, 0) + 1
    return [UnitGap(short.get(u, u), n) for u, n in gaps.items()]
