"""``io.gitlog``: the streaming log parser and the batched blob reader, on real repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.errors import PlantrackError
from plantrack.io import gitlog
from tests.audit.conftest import CLERK, DON, OUTSIDER, R_DON, Repo, mini_history

UTC7 = dt.timezone(dt.timedelta(hours=7))


def test_every_commit_oldest_first_with_its_fields(mini: Repo) -> None:
    commits = list(gitlog.iter_log(mini.root))
    assert [c.seq for c in commits] == [0, 1, 2, 3]
    first, don = commits[0], commits[1]
    assert first.parents == () and first.author_email == CLERK
    assert {ch.status for ch in first.changes} == {"A"}
    assert don.parents == (first.sha,)
    assert don.author_email == DON and don.author_name == "xa-tra-don"
    assert don.author_date == dt.datetime(2024, 9, 13, 10, 0, tzinfo=UTC7)
    assert don.committer_date == don.author_date
    assert don.signature == "N" and don.subject == f"Báo cáo {R_DON}"
    (change,) = don.changes
    assert (change.status, change.path, change.old_path, change.old_blob) == (
        "A",
        R_DON,
        None,
        None,
    )
    assert change.new_blob == mini.git("rev-parse", f"HEAD~2:{R_DON}").strip()
    assert commits[-1].sha == mini.head()


def test_modify_delete_and_blob_ids(mini: Repo) -> None:
    old = mini.git("rev-parse", f"HEAD:{R_DON}").strip()
    mini.edit(R_DON, "progress: 100", "progress: 90")
    mini.commit("2024-09-14", DON)
    new = mini.git("rev-parse", f"HEAD:{R_DON}").strip()
    mini.git("rm", "-q", R_DON)
    mini.commit("2024-09-15", DON)
    *_, modified, deleted = gitlog.iter_log(mini.root)
    assert [(c.status, c.old_blob, c.new_blob) for c in modified.changes] == [("M", old, new)]
    assert [(c.status, c.old_blob, c.new_blob) for c in deleted.changes] == [("D", new, None)]


def test_rename_reports_old_and_new_path(mini: Repo) -> None:
    (mini.root / "data/reports/2024-Y").mkdir(
        parents=True, exist_ok=True
    )  # git keeps no empty folder
    mini.git("mv", R_DON, "data/reports/2024-Y/xa-tra-don.yaml")
    mini.commit("2024-12-01", CLERK)
    last = list(gitlog.iter_log(mini.root))[-1]
    (change,) = last.changes
    assert (change.status, change.old_path, change.path) == (
        "R",
        R_DON,
        "data/reports/2024-Y/xa-tra-don.yaml",
    )
    assert change.old_blob == change.new_blob


def test_only_changes_under_the_prefixes_are_kept(mini: Repo) -> None:
    mini.write("README.md", "# kho\n")
    mini.commit("2024-09-20", CLERK)
    commits = list(gitlog.iter_log(mini.root))
    assert commits[-1].changes == ()  # listed (the parent graph stays whole), no change kept
    reports = list(gitlog.iter_log(mini.root, prefixes=("data/reports/",)))
    assert [len(c.changes) for c in reports] == [0, 1, 1, 1, 0]


def test_merges_show_only_what_the_merge_itself_changed(mini: Repo) -> None:
    base = mini.head()
    mini.git("checkout", "-q", "-b", "side")
    mini.edit(R_DON, "progress: 100", "progress: 95")
    side = mini.commit("2024-09-20", OUTSIDER)
    mini.git("checkout", "-q", "main")
    mini.write("data/reports/2024-Y/xa-tra-don.yaml", "unit: xa-tra-don\n")
    mini.commit("2024-09-21", DON)
    mini.git("merge", "-q", "--no-ff", "--no-commit", "side")
    mini.write("README.md", "evil\n")
    mini.edit(R_DON, "progress: 95", "progress: 97")  # a change made in the merge itself
    merge = mini.commit("2024-09-22", CLERK, "Merge side")
    commits = {c.sha: c for c in gitlog.iter_log(mini.root)}
    assert commits[merge].merge and commits[merge].parents[1] == side
    assert [c.path for c in commits[side].changes] == [R_DON]
    (own,) = commits[merge].changes  # README.md is outside data/, R_DON differs from both
    assert own.path == R_DON and own.status == "M"
    assert own.old_blob == mini.git("rev-parse", f"HEAD^1:{R_DON}").strip()
    assert own.new_blob == mini.git("rev-parse", f"HEAD:{R_DON}").strip()
    assert base in {p for c in commits.values() for p in c.parents}


def test_a_clean_merge_shows_nothing(mini: Repo) -> None:
    mini.git("checkout", "-q", "-b", "side")
    mini.edit(R_DON, "progress: 100", "progress: 95")
    mini.commit("2024-09-20", DON)
    mini.git("checkout", "-q", "main")
    mini.write("data/reports/2024-Y/xa-tra-dzon.yaml", "unit: xa-tra-dzon\n")
    mini.commit("2024-09-21", CLERK)
    mini.git("merge", "-q", "--no-ff", "--no-edit", "side")
    assert list(gitlog.iter_log(mini.root))[-1].changes == ()


def test_since_limits_the_range(mini: Repo) -> None:
    commits = list(gitlog.iter_log(mini.root))
    later = list(gitlog.iter_log(mini.root, since=commits[1].sha))
    assert [c.sha for c in later] == [c.sha for c in commits[2:]]
    assert list(gitlog.iter_log(mini.root, since="HEAD")) == []


def test_empty_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "empty").init()
    state = gitlog.repo_state(repo.root)
    assert state.is_repo and state.head is None and not state.shallow
    assert gitlog.resolve(repo.root, "HEAD") is None


def test_not_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert gitlog.repo_state(plain) == gitlog.RepoState(False, None, frozenset())


def test_shallow_clone_flags_its_cut(mini: Repo, tmp_path: Path) -> None:
    clone = Repo(tmp_path / "clone")
    Repo(tmp_path).git("clone", "-q", "--depth", "2", f"file://{mini.root}", str(clone.root))
    state = gitlog.repo_state(clone.root)
    commits = list(gitlog.iter_log(clone.root, shallow=state.shallow))
    assert len(commits) == 2
    assert [c.boundary for c in commits] == [True, False]
    assert commits[0].parents == ()  # git hides the parents beyond the cut
    assert state.shallow == {commits[0].sha}


def test_git_failure_is_a_plantrack_error(mini: Repo) -> None:
    with pytest.raises(PlantrackError):
        list(gitlog.iter_log(mini.root, since="no-such-rev"))


def test_a_reader_that_stops_early_ends_git(tmp_path: Path) -> None:
    repo = mini_history(tmp_path / "r")
    stream = gitlog.iter_log(repo.root)
    assert next(stream).seq == 0
    stream.close()  # no exception, no git left running


def test_blob_reader_batches_and_answers_missing(mini: Repo) -> None:
    blob = mini.git("rev-parse", f"HEAD:{R_DON}").strip()
    with gitlog.BlobReader(mini.root) as reader:
        assert reader.read(blob) == (mini.root / R_DON).read_bytes()
        assert reader.read(f"HEAD:{R_DON}") == (mini.root / R_DON).read_bytes()
        assert reader.read("0" * 40) is None
        names = [blob, "nope:x", f"HEAD~3:{R_DON}"] * 200  # several rounds
        answers = list(reader.read_many(names))
        assert [n for n, _ in answers] == names
        assert [d is None for _, d in answers[:3]] == [False, True, True]
        assert reader.read(blob) is not None  # still in step after many rounds


def test_commit_date_and_prefix(mini: Repo) -> None:
    assert gitlog.commit_date(mini.root, "HEAD") == dt.datetime(2024, 9, 18, 10, 0, tzinfo=UTC7)
    assert gitlog.commit_date(mini.root, "nope") is None
    assert gitlog.top_prefix(mini.root) == ""
    assert gitlog.top_prefix(mini.root / "data") == "data/"
