"""Repository layout (finding the repo, classifying and listing data files, links that leave
it) and atomic writes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from plantrack.errors import PlantrackError, RepoNotFoundError
from plantrack.io import atomic
from plantrack.io.atomic import write_atomic
from plantrack.io.repo import (
    DataFile,
    classify,
    escapes_repo,
    find_repo,
    list_data_files,
    list_reports,
)

FILES = [
    "data/plan.yaml",
    "data/units/xa-tra-don.yaml",
    "data/units/phong-noi-vu.yaml",
    "data/indices/sipas.yaml",
    "data/reports/2024-Q3/xa-tra-don.yaml",
    "data/reports/2024-Y/phong-noi-vu.yaml",
]


def make_repo(root: Path, extra: Sequence[str] = ()) -> Path:
    for rel in [*FILES, *extra]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a: 1\n", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def no_repo_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANTRACK_REPO", raising=False)


# --- find_repo ----------------------------------------------------------------------------


def test_find_repo_at_start(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    assert find_repo(repo) == repo.resolve()


def test_find_repo_walks_up(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    deep = repo / "data" / "reports" / "2024-Q3"
    assert find_repo(deep) == repo.resolve()


def test_find_repo_takes_the_nearest(tmp_path: Path) -> None:
    outer = make_repo(tmp_path / "outer")
    inner = make_repo(outer / "nested" / "inner")
    assert find_repo(inner / "data") == inner.resolve()
    assert find_repo(outer / "nested") == outer.resolve()


def test_find_repo_from_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo / "data" / "units")
    assert find_repo() == repo.resolve()


def test_find_repo_missing(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()  # a data folder without plan.yaml is not a repository
    with pytest.raises(RepoNotFoundError) as caught:
        find_repo(tmp_path / "data")
    assert isinstance(caught.value, PlantrackError)
    assert "data/plan.yaml" in str(caught.value)


def test_find_repo_plan_must_be_a_file(tmp_path: Path) -> None:
    (tmp_path / "data" / "plan.yaml").mkdir(parents=True)
    with pytest.raises(RepoNotFoundError):
        find_repo(tmp_path)


def test_find_repo_explicit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert find_repo(elsewhere, explicit=repo) == repo.resolve()
    assert find_repo(elsewhere, explicit=str(repo)) == repo.resolve()


def test_find_repo_explicit_does_not_walk_up(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    with pytest.raises(RepoNotFoundError):
        find_repo(repo, explicit=repo / "data")


def test_find_repo_explicit_missing(tmp_path: Path) -> None:
    with pytest.raises(RepoNotFoundError) as caught:
        find_repo(explicit=tmp_path / "nowhere")
    assert "nowhere" in str(caught.value)


def test_find_repo_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    other = make_repo(tmp_path / "other")
    monkeypatch.setenv("PLANTRACK_REPO", str(repo))
    assert find_repo(other) == repo.resolve()
    assert find_repo(other, explicit=other) == other.resolve()  # --repo wins


# --- classify -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "kind"),
    [
        ("data/plan.yaml", "plan"),
        ("data/units/xa-tra-don.yaml", "unit"),
        ("data/indices/papi.yaml", "index"),
        ("data/reports/2024-Q3/xa-tra-don.yaml", "report"),
        ("data/plan.yml", None),
        ("data/units/xa-tra-don.yml", None),
        ("data/units/sub/xa-tra-don.yaml", None),
        ("data/reports/xa-tra-don.yaml", None),
        ("data/reports/2024-Q3/extra/xa-tra-don.yaml", None),
        ("data/other/x.yaml", None),
        ("data/xa-tra-don.yaml", None),
        ("plan.yaml", None),
        ("units/x.yaml", None),
        ("data/units/notes.txt", None),
    ],
)
def test_classify(rel: str, kind: str | None) -> None:
    assert classify(rel) == kind


# --- list_data_files ------------------------------------------------------------------------


def test_list_data_files_by_kind(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    files, strays = list_data_files(repo)
    assert strays == []
    assert sorted((f.kind, f.rel) for f in files) == [
        ("index", "data/indices/sipas.yaml"),
        ("plan", "data/plan.yaml"),
        ("report", "data/reports/2024-Q3/xa-tra-don.yaml"),
        ("report", "data/reports/2024-Y/phong-noi-vu.yaml"),
        ("unit", "data/units/phong-noi-vu.yaml"),
        ("unit", "data/units/xa-tra-don.yaml"),
    ]
    assert list_data_files(repo) == (files, strays)  # a stable order
    [report] = [f for f in files if f.rel == "data/reports/2024-Q3/xa-tra-don.yaml"]
    assert report == DataFile("report", repo / report.rel, report.rel)
    assert (report.stem, report.folder) == ("xa-tra-don", "2024-Q3")


def test_list_data_files_reports_strays(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path,
        extra=[
            "data/units/xa-tra-mai.yml",
            "data/reports/xa-tra-don.yaml",
            "data/reports/2024-Q3/old/xa-tra-don.yaml",
            "data/misc/x.yaml",
            "data/notes.txt",
        ],
    )
    files, strays = list_data_files(repo)
    assert len(files) == len(FILES)
    assert sorted(strays) == [
        "data/misc/x.yaml",
        "data/notes.txt",
        "data/reports/2024-Q3/old/xa-tra-don.yaml",
        "data/reports/xa-tra-don.yaml",
        "data/units/xa-tra-mai.yml",
    ]


def test_list_data_files_ignores_hidden_backup_markdown_and_consolidations(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path,
        extra=[
            "data/units/.xa-tra-don.yaml.swp",
            "data/units/xa-tra-don.yaml~",
            "data/README.md",
            "data/reports/2024-Q3/README.md",
            "data/consolidations/2024-Q3/record.json",
        ],
    )
    files, strays = list_data_files(repo)
    assert strays == []
    assert sorted(f.rel for f in files) == sorted(FILES)


def test_list_data_files_without_data_folder(tmp_path: Path) -> None:
    assert list_data_files(tmp_path) == ([], [])


# --- escapes_repo ---------------------------------------------------------------------------


def test_escapes_repo_plain_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    assert escapes_repo(repo, repo / "data/units/xa-tra-don.yaml") is None


def test_escapes_repo_link_inside_is_fine(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    link = repo / "data/units/alias.yaml"
    link.symlink_to(repo / "data/units/xa-tra-don.yaml")
    assert escapes_repo(repo, link) is None


def test_escapes_repo_link_outside(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("a: 1\n", encoding="utf-8")
    link = repo / "data/units/xa-tra-mai.yaml"
    link.symlink_to(secret)
    assert escapes_repo(repo, link) == str(secret.resolve())


def test_escapes_repo_linked_folder_outside(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    (repo / "data/reports/2024-Q4").symlink_to(outside, target_is_directory=True)
    target = escapes_repo(repo, repo / "data/reports/2024-Q4/x.yaml")
    assert target == str((outside / "x.yaml").resolve())


def test_escapes_repo_dangling_link_outside(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    link = repo / "data/units/gone.yaml"
    link.symlink_to(tmp_path / "missing.yaml")
    assert escapes_repo(repo, link) == str((tmp_path / "missing.yaml").resolve())


def test_escapes_repo_link_loop(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    first, second = repo / "data/units/a.yaml", repo / "data/units/b.yaml"
    first.symlink_to(second)
    second.symlink_to(first)
    # a loop goes nowhere, so not outside either: never raised, and reading it reports PT001
    assert escapes_repo(repo, first) is None


def test_escapes_repo_when_the_repo_path_is_itself_a_link(tmp_path: Path) -> None:
    real = make_repo(tmp_path / "real")
    via = tmp_path / "via"
    via.symlink_to(real, target_is_directory=True)
    assert escapes_repo(via, via / "data/plan.yaml") is None


# --- write_atomic ---------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_text_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "out" / "deep" / "report.md"
    write_atomic(path, "Báo cáo Trà Dơn\n")
    assert path.read_bytes() == "Báo cáo Trà Dơn\n".encode()
    write_atomic(path, b"\x00\x01bytes")
    assert path.read_bytes() == b"\x00\x01bytes"
    assert leftovers(path.parent) == []


def test_write_atomic_failed_rename_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.md"
    path.write_text("previous\n", encoding="utf-8")

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "new content\n")
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_write_atomic_failed_write_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.md"
    path.write_text("previous\n", encoding="utf-8")

    def failing_fsync(fd: int) -> None:
        raise KeyboardInterrupt  # even an interrupt mid-write cleans up

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new content\n")
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert leftovers(tmp_path) == []


def test_write_atomic_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError("denied")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "new.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_temp_file_sits_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # same folder, so the rename never crosses file systems
    seen: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src: str, dst: Path) -> None:
        seen.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    path = tmp_path / "report.md"
    write_atomic(path, "x")
    [(src, dst)] = seen
    assert src.parent == dst.parent == tmp_path
    assert src.name.startswith(".report.md.")
    assert path.read_text(encoding="utf-8") == "x"


def test_list_reports_lists_what_the_walk_lists(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path,
        extra=[
            "data/reports/2024-Q3/README.md",
            "data/reports/2024-Q3/x.yml",
            "data/reports/a.yaml",
        ],
    )
    files, strays = list_data_files(repo)
    everything = [p.relative_to(repo).as_posix() for p in (repo / "data").rglob("*")]
    listed, listed_strays = list_reports(repo, [*everything, "data/reports/../x.yaml", "data/no"])
    assert listed == [f for f in files if f.kind == "report"]
    assert sorted(listed_strays) == sorted(s for s in strays if "/reports/" in s)
    assert all(f.stamp is not None for f in listed)
    without, _ = list_data_files(repo, reports=False)
    assert [f for f in files if f.kind != "report"] == without
