"""The plan's own size limit: raised by ``$PLANTRACK_MAX_PLAN_SIZE``, bounds kept per byte."""

from __future__ import annotations

import pytest

from plantrack.errors import PlantrackError
from plantrack.io.limits import DEFAULT_LIMITS, configured_limits
from tests.conftest import PLAN, MiniRepo


@pytest.mark.parametrize(
    ("text", "size"),
    [("4MiB", 4 * 2**20), ("4 M", 4 * 2**20), ("3000kb", 3_000_000), ("2500000", 2_500_000)],
)
def test_the_plan_size_is_read_from_the_environment(text: str, size: int) -> None:
    limits = configured_limits({"PLANTRACK_MAX_PLAN_SIZE": text})
    assert limits.max_plan_bytes == size
    assert limits.max_file_bytes == DEFAULT_LIMITS.max_file_bytes  # other files keep theirs
    assert configured_limits({}) == DEFAULT_LIMITS


@pytest.mark.parametrize("text", ["lots", "0", "-1M", "4GB"])
def test_a_bad_plan_size_is_a_clear_error(text: str) -> None:
    with pytest.raises(PlantrackError, match="PLANTRACK_MAX_PLAN_SIZE"):
        configured_limits({"PLANTRACK_MAX_PLAN_SIZE": text})


def test_the_bound_on_values_grows_with_the_plan_size_only() -> None:
    plan = configured_limits({"PLANTRACK_MAX_PLAN_SIZE": "4MiB"}).for_plan()
    assert plan.max_file_bytes == 4 * 2**20
    assert plan.max_nodes == 4 * DEFAULT_LIMITS.max_nodes  # the same values per byte
    assert (plan.max_depth, plan.max_aliases) == (DEFAULT_LIMITS.max_depth, 100)
    assert DEFAULT_LIMITS.for_plan() == DEFAULT_LIMITS


def test_a_large_plan_needs_the_raised_limit(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    padding = "# " + "x" * 1000 + "\n"
    repo.write(PLAN, repo.read(PLAN) + padding * 1100)  # about 1.1 MB of comments
    assert repo.codes() == {"PT007", "PT229"} or "PT007" in repo.codes()
    monkeypatch.setenv("PLANTRACK_MAX_PLAN_SIZE", "2MiB")
    assert "PT007" not in repo.codes()
