"""The plan's own size limit: raised by ``$PLANTRACK_MAX_PLAN_SIZE``, or by the plan itself up
to a ceiling; bounds kept per byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.errors import PlantrackError
from plantrack.io.limits import (
    DEFAULT_LIMITS,
    PLAN_CEILING,
    configured_limits,
    declared_plan_size,
)
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


def test_a_plan_may_raise_its_own_limit_at_its_top(repo: MiniRepo) -> None:
    padding = "# " + "x" * 1000 + "\n"
    repo.write(PLAN, "limits: {max_size: 2MiB}\n" + repo.read(PLAN) + padding * 1100)
    assert "PT007" not in repo.codes()
    block = "limits:\n  # a national plan\n  max_size: 2 MiB\n"
    repo.write(PLAN, block + repo.read(PLAN).split("\n", 1)[1])
    assert "PT007" not in repo.codes()


def test_a_limit_declared_past_the_head_of_the_plan_is_not_read_first(repo: MiniRepo) -> None:
    padding = "# " + "x" * 1000 + "\n"
    repo.write(PLAN, repo.read(PLAN) + padding * 1100 + "limits: {max_size: 2MiB}\n")
    assert "PT007" in repo.codes()


def test_what_a_plan_grants_itself_stops_at_the_ceiling() -> None:
    assert DEFAULT_LIMITS.for_plan(64 * 2**20).max_file_bytes == PLAN_CEILING
    assert DEFAULT_LIMITS.for_plan(64 * 2**20).max_nodes == 4 * DEFAULT_LIMITS.max_nodes
    assert DEFAULT_LIMITS.for_plan(1000).max_file_bytes == DEFAULT_LIMITS.max_plan_bytes
    operator = configured_limits({"PLANTRACK_MAX_PLAN_SIZE": "8MiB"})
    assert operator.for_plan(2 * 2**20).max_file_bytes == 8 * 2**20  # never lowered


def test_a_plan_over_the_ceiling_needs_the_operator(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    padding = "# " + "x" * 1000 + "\n"
    repo.write(PLAN, "limits: {max_size: 64MiB}\n" + repo.read(PLAN) + padding * 4300)
    assert "PT007" in repo.codes()  # about 4.4 MB: past what a plan may grant itself
    monkeypatch.setenv("PLANTRACK_MAX_PLAN_SIZE", "5MiB")
    assert "PT007" not in repo.codes()


@pytest.mark.parametrize(
    ("head", "size"),
    [
        ("limits: {max_size: 4MiB}\n", 4 * 2**20),
        ("id: x\nlimits:\n  max_size: '3 MB'  # national\n", 3_000_000),
        ("limits: {max_size: lots}\n", None),
        ("tasks:\n  limits: {max_size: 4MiB}\n", None),  # not the plan's own key
        ("note: |\n  limits: {max_size: 4MiB}\n", None),
    ],
)
def test_the_declared_size_is_read_from_the_head(
    tmp_path: Path, head: str, size: int | None
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(head, encoding="utf-8")
    assert declared_plan_size(path) == size
    assert declared_plan_size(tmp_path) is None  # not a regular file: never opened


def test_a_bad_declared_size_is_a_finding(repo: MiniRepo) -> None:
    repo.write(PLAN, "limits: {max_size: lots}\n" + repo.read(PLAN))
    assert "PT007" not in repo.codes() and repo.codes() - {"PT007"}
