"""The one write policy: new files created exclusively, identical ones left alone, other
files replaced only when plantrack wrote them, or with ``force``."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from plantrack.app.guard import write_guarded
from plantrack.errors import PlantrackError
from plantrack.io.atomic import create_exclusive


def test_a_new_file_is_written_and_the_same_content_is_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    assert write_guarded(target, "một\n") == "written"
    assert write_guarded(target, "một\n") == "unchanged"
    assert target.read_text("utf-8") == "một\n"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]  # no temporary left


def test_another_file_needs_force_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "b.txt"
    target.write_text("của người dùng\n", "utf-8")
    with pytest.raises(PlantrackError, match="--force") as caught:
        write_guarded(target, "mới\n", advice="advice.remind")
    assert caught.value.code == "PT906"
    assert "sửa tay" in str(caught.value) and "by hand" in caught.value.text("en")
    assert target.read_text("utf-8") == "của người dùng\n"
    assert write_guarded(target, "mới\n", force=True) == "written"
    assert target.read_text("utf-8") == "mới\n"


def test_a_file_plantrack_wrote_is_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "c.txt"
    target.write_text("# plantrack\ncũ\n", "utf-8")
    outcome = write_guarded(target, "# plantrack\nmới\n", ours=lambda b: b.startswith(b"# plan"))
    assert outcome == "written" and target.read_text("utf-8") == "# plantrack\nmới\n"


def test_the_same_content_in_another_form_is_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "d.yaml"
    target.write_text("a: 1  # ghi chú\n", "utf-8")
    same = write_guarded(target, "a: 1\n", same=lambda b: b.split(b"#")[0].strip() == b"a: 1")
    assert same == "unchanged" and target.read_text("utf-8") == "a: 1  # ghi chú\n"


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "e").mkdir()
    with pytest.raises(PlantrackError, match="--force"):
        write_guarded(tmp_path / "e", "x")


def test_two_writers_at_once_never_replace_each_other(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    wins: list[bool] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        barrier.wait()
        wins.append(create_exclusive(target, f"writer {n}\n" * 1000))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 1
    text = target.read_text("utf-8")
    assert len(set(text.splitlines())) == 1 and len(text.splitlines()) == 1000  # one whole file
