"""Rates that must add up: the completion and overdue rates of the tasks due, and the shares
of a distribution.

The national task-tracking figures publish 16,051 done and 223 overdue of 16,274 tasks due
as 98.62 % and 1.38 %: the completion rate is cut down to two decimals (98.6297… → 98.62,
where rounding would say 98.63) and the overdue rate is what remains to 100 %. Cutting
down the shares of done work means a report never claims a completion it does not have
(99,999 of 100,000 is 99.99 %, never 100.00 % beside 0.00 % overdue). The shares of a
distribution with no such direction (how many pairs have each status) use the largest
remainder method, so that they too add up to exactly 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

HUNDRED = Decimal(100)


def _floor_share(part: int, whole: int, decimals: int) -> Decimal:
    step = Decimal(1).scaleb(-decimals)
    return (HUNDRED * part / whole).quantize(step, rounding=ROUND_FLOOR)


@dataclass(frozen=True)
class DueRates:
    """Completion, on-time, late and overdue rates of the tasks due, in percent.

    ``on_time + late == completion`` and ``completion + overdue == 100`` exactly.
    """

    completion: float
    on_time: float
    late: float
    overdue: float


def due_rates(on_time: int, late: int, overdue: int) -> DueRates | None:
    """The rates of ``on_time + late + overdue`` tasks due; ``None`` when nothing is due.

    Done shares are cut down to two decimals; the overdue rate is the rest to 100 % and
    the late rate the rest of the completion rate.
    """
    due = on_time + late + overdue
    if not due:
        return None
    completion = _floor_share(on_time + late, due, 2)
    punctual = _floor_share(on_time, due, 2)
    return DueRates(
        completion=float(completion),
        on_time=float(punctual),
        late=float(completion - punctual),
        overdue=float(HUNDRED - completion),
    )


def largest_remainder(parts: list[int], decimals: int = 1) -> list[float | None]:
    """Each part's share of the total in percent, rounded so that the shares add up to
    exactly 100 (largest remainder method: cut every share down, then give the missing
    steps to the largest remainders, the earlier part first on a tie)."""
    total = sum(parts)
    if not total:
        return [None for _ in parts]
    step = Decimal(1).scaleb(-decimals)
    exact = [HUNDRED * p / total for p in parts]
    floors = [e.quantize(step, rounding=ROUND_FLOOR) for e in exact]
    missing = int((HUNDRED - sum(floors)) / step)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += step
    return [float(f) for f in floors]
