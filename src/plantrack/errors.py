"""The one exception family for failures that stop a run (not data findings)."""


class PlantrackError(Exception):
    """A fatal problem: no repository, unreadable configuration, bad usage.

    The CLI turns it into a one-paragraph message and exit code 2; data problems are
    never raised, they are returned as findings.
    """


class RepoNotFoundError(PlantrackError):
    """No folder holding ``data/plan.yaml`` was found."""
