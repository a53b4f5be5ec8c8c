"""The words of the emulation outputs: criterion rules, event kinds, and one line per source
of a criterion's points ("Nhiệm vụ … — hoàn thành trễ hạn (hạn 30/09/2024): −2"), shared by
the terminal, the workbook and the Word documents. No ids, no ISO dates."""

from __future__ import annotations

from decimal import Decimal

from plantrack.domain.emulation import CriterionScore
from plantrack.domain.emulation_facts import NEUTRAL
from plantrack.domain.emulation_points import Line
from plantrack.domain.synthesis import brief

EVENT_LABELS: dict[str, tuple[str, str]] = {
    "done-on-time": ("hoàn thành đúng hạn", "done on time"),
    "done-late": ("hoàn thành trễ hạn", "done late"),
    "overdue": ("quá hạn", "overdue"),
    "recurring-missed": ("thường xuyên, chưa thực hiện", "recurring, not carried out"),
    "on-time": ("gửi đúng hạn", "sent on time"),
    "late": ("gửi trễ hạn", "sent late"),
    "missing": ("không gửi", "not sent"),
    "fixed-on-time": ("khắc phục đúng hạn", "fixed on time"),
    "fixed-late": ("khắc phục trễ hạn", "fixed late"),
    "failed-recheck": ("phúc tra chưa đạt", "failed re-inspection"),
    "met": ("đạt", "met"),
    "missed": ("không đạt", "missed"),
    "not-reported": ("không báo cáo", "not reported"),
}
# events no rule counts, by their status: why they are listed without points
NEUTRAL_LABELS: dict[str, tuple[str, str]] = {
    "open-on-time": (
        "đang thực hiện trong hạn, không tính",
        "open within its deadline, not counted",
    ),
    "recurring-done": (
        "thường xuyên, có thực hiện, không tính",
        "recurring, carried out, not counted",
    ),
    "not-reported": (
        "chưa báo cáo, chưa đến hạn, không tính",
        "not reported, not yet due, not counted",
    ),
    "pending": ("chưa đến hạn gửi, không tính", "not yet due, not counted"),
}
NEUTRAL_DEFAULT = ("chưa đến hạn, không tính", "not yet due, not counted")
SOURCE_LABELS: dict[str, tuple[str, str]] = {
    "task": ("Nhiệm vụ", "Task"),
    "report": ("Báo cáo", "Report"),
    "finding": ("Tồn tại", "Finding"),
    "indicator": ("Chỉ tiêu", "Indicator"),
}
HOW: dict[str, tuple[str, str]] = {
    "proportional": (
        "{max} điểm × {credited}/{counted} ({rate}) = {points}",
        "{max} points × {credited}/{counted} ({rate}) = {points}",
    ),
    "thresholds": (
        "đạt {credited}/{counted} ({rate}): {points}",
        "{credited}/{counted} ({rate}): {points}",
    ),
    "deductions": ("{max} điểm {deducted} = {points}", "{max} points {deducted} = {points}"),
    "no-deduction": ("{max} điểm, không bị trừ", "{max} points, nothing deducted"),
    "empty": ("không có trường hợp để tính: {points}", "nothing to count: {points}"),
    "manual": ("điểm nền {base} {adjusted} = {points}", "base {base} {adjusted} = {points}"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Vietnamese or English word of ``pair``."""
    return pair[1] if lang == "en" else pair[0]


def num(value: Decimal | float | None, lang: str = "vi") -> str:
    """A point count as people write it: ``76,67`` (``76.67`` in English), ``40``."""
    if value is None:
        return "—"
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if lang == "en" else text.replace(".", ",")


def signed(value: Decimal, lang: str = "vi") -> str:
    """``+3``, ``−2`` (a true minus sign), ``0``."""
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + num(abs(value), lang)


def _date(value: object) -> str:
    from plantrack.render.templating import vn_date

    return vn_date(value)  # type: ignore[arg-type]


def source_line(line: Line, lang: str = "vi", *, short: bool = False) -> str:
    """One source of a criterion's points, in words (``short``: a task's or finding's
    first clause only, for the printed tables)."""
    event = line.event
    title = brief(event.title) if short and event.source in ("task", "finding") else event.title
    head = f"{pick(SOURCE_LABELS[event.source], lang)}: {title}"
    if event.kind == NEUTRAL:
        what = pick(NEUTRAL_LABELS.get(event.status, NEUTRAL_DEFAULT), lang)
    else:
        what = pick(EVENT_LABELS.get(event.kind, (event.kind, event.kind)), lang)
    details: list[str] = []
    if event.source == "indicator":
        value = "—" if event.value is None else num(event.value, lang)
        details.append(f"{value}, {'target' if lang == 'en' else 'chỉ tiêu'} {event.target}")
    else:
        if event.deadline is not None:
            details.append(f"{'due' if lang == 'en' else 'hạn'} {_date(event.deadline)}")
        if event.done_on is not None:
            word = {"report": ("gửi", "sent"), "finding": ("khắc phục", "fixed")}.get(
                event.source, ("hoàn thành", "done")
            )
            details.append(f"{pick(word, lang)} {_date(event.done_on)}")
    tail = f" ({'; '.join(details)})" if details else ""
    cost = f": {signed(line.points, lang)}" if line.points is not None else ""
    return f"{head} — {what}{tail}{cost}"


def how_line(score: CriterionScore, lang: str = "vi") -> str:
    """How a criterion's verified points came about, in one line."""
    top = num(score.criterion.max, lang)
    if score.computed is None:
        adjusted = " ".join(signed(Decimal(str(a.points)), lang) for a in score.adjustments)
        return (
            pick(HOW["manual"], lang)
            .format(
                base=num(score.criterion.base, lang),
                adjusted=adjusted,
                points=num(score.verified, lang),
            )
            .replace("  ", " ")
        )
    c = score.computed
    deducted = " ".join(signed(line.points, lang) for line in c.lines if line.points is not None)
    rate = "—" if c.rate is None else f"{num(c.rate, lang)}%"
    how = "no-deduction" if c.how == "deductions" and not deducted else c.how
    return pick(HOW[how], lang).format(
        max=top,
        credited=c.credited,
        counted=c.counted,
        rate=rate,
        points=num(score.verified, lang),
        deducted=deducted,
    )


def adjustment_line(
    points: float, reason: str | None, evidence: str | None, lang: str = "vi"
) -> str:
    """A bonus or penalty with its reason and evidence."""
    parts = [signed(Decimal(str(points)), lang), reason or "", evidence or ""]
    return " — ".join(p for p in parts if p)
