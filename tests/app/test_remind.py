"""``remind`` as a use case: the reminder, the reply-by date, the file and its write policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.app.remind import Letter, remind, reply_by
from plantrack.errors import PlantrackError

AS_OF = dt.date(2024, 10, 5)


@pytest.fixture
def repo(plain: Path) -> Path:
    (plain / "data/reports/2024-Q3/xa-tra-don.yaml").unlink()
    return plain


def test_text_is_handed_back_not_printed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = remind(repo, "2024-Q3", AS_OF)
    assert done.path is None and isinstance(done.data, str)
    assert "Báo cáo: chưa gửi (quá hạn 20 ngày)" in done.data
    assert done.reminder is not None and len(done.reminder.addressees) == 2
    assert capsys.readouterr() == ("", "")


def test_reply_by_is_five_working_days_after_the_letter() -> None:
    assert reply_by(Letter(date=dt.date(2025, 1, 10))) == dt.date(2025, 1, 17)
    assert reply_by(Letter(date=dt.date(2025, 1, 10), reply_by=dt.date(2025, 2, 1))) == dt.date(
        2025, 2, 1
    )
    assert reply_by(Letter()) is None


def test_the_file_is_written_once_then_unchanged_and_kept_when_edited(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = remind(repo, "2024-Q3", AS_OF, Letter(fmt="md", out=out))
    assert done.path == out / "don-doc-2024-Q3.md" and done.outcome == "written"
    again = remind(repo, "2024-Q3", AS_OF, Letter(fmt="md", out=out))
    assert again.outcome == "unchanged"
    done.path.write_text("đã sửa tay\n", "utf-8")
    with pytest.raises(PlantrackError, match="--force"):
        remind(repo, "2024-Q3", AS_OF, Letter(fmt="md", out=out))
    assert done.path.read_text("utf-8") == "đã sửa tay\n"
    forced = remind(repo, "2024-Q3", AS_OF, Letter(fmt="md", out=out, force=True))
    assert forced.outcome == "written"


def test_no_letter_when_nobody_owes_anything(plain: Path, tmp_path: Path) -> None:
    done = remind(plain, "2024-Q3", dt.date(2024, 9, 1), Letter(fmt="docx", out=tmp_path / "o"))
    if done.reminder is not None and not done.reminder.addressees:
        assert done.nobody and done.data is None and not (tmp_path / "o").exists()


def test_errors_in_the_reports_stop_it(repo: Path) -> None:
    (repo / "data/reports/2024-Q3/xa-tra-dzon.yaml").write_text("unit: [\n", "utf-8")
    done = remind(repo, "2024-Q3", AS_OF)
    assert done.reminder is None and done.prepared.errors
