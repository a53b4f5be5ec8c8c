"""Commit signatures: good, untrusted, bad (SSH signing, real git), and the states only
GnuPG produces (through the pure domain function)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from plantrack.app.audit import run_audit
from plantrack.domain.audit_finding import AuditFinding
from plantrack.domain.audit_rules import signature_findings
from plantrack.io.gitlog import Change
from tests.audit.conftest import DON, R_DON, Repo

needs_ssh = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="no ssh-keygen")


def signing(repo: Repo, tmp_path: Path, *, trusted: bool = True) -> None:
    key = tmp_path / "key"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", DON, "-f", str(key)], check=True
    )
    allowed = tmp_path / "allowed_signers"
    public = (tmp_path / "key.pub").read_text().strip()
    allowed.write_text(f"{DON} {public}\n" if trusted else "")
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(key))
    repo.git("config", "gpg.ssh.allowedSignersFile", str(allowed))


def codes(repo: Repo) -> list[tuple[str, str | None]]:
    return [(f.finding.code, f.commit) for f in run_audit(repo.root).findings]


@needs_ssh
def test_good_signature_and_unsigned_commits_around_it(mini: Repo, tmp_path: Path) -> None:
    signing(mini, tmp_path)
    mini.edit(R_DON, "progress: 100", "progress: 90")
    signed = mini.commit("2024-09-14", DON, "ký", ("-A",), "-S")
    result = run_audit(mini.root)
    assert result.signatures == {"good": 1, "unverified": 0, "bad": 0, "unsigned": 4}
    unsigned = [f for f in result.findings if f.finding.code == "PT410"]
    assert len(unsigned) == 4 and signed not in {f.commit for f in unsigned}
    assert "while 1 other data records are" in unsigned[0].finding.message_en


@needs_ssh
def test_a_key_not_among_the_allowed_signers(mini: Repo, tmp_path: Path) -> None:
    signing(mini, tmp_path, trusted=False)
    mini.edit(R_DON, "progress: 100", "progress: 90")
    signed = mini.commit("2024-09-14", DON, "ký", ("-A",), "-S")
    assert ("PT409", signed) in codes(mini)


@needs_ssh
def test_a_bad_signature_is_an_error(mini: Repo, tmp_path: Path) -> None:
    signing(mini, tmp_path)
    mini.edit(R_DON, "progress: 100", "progress: 90")
    mini.commit("2024-09-14", DON, "ký", ("-A",), "-S")
    # the same signed commit with another message: the signature no longer matches
    raw = mini.git("cat-file", "commit", "HEAD").replace("\nký\n", "\nđã sửa\n")
    forged = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=mini.root,
        input=raw,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    mini.git("update-ref", "refs/heads/main", forged)
    result = run_audit(mini.root)
    (bad,) = [f for f in result.findings if f.finding.code == "PT408"]
    assert bad.commit == forged and bad.severity == "error" and result.errors == 1
    assert result.signatures["bad"] == 1


@dataclass(frozen=True)
class FakeCommit:
    seq: int
    signature: str
    sha: str = "a" * 40
    parents: tuple[str, ...] = ()
    author_name: str = "A"
    author_email: str = "a@example.vn"
    author_date: dt.datetime = dt.datetime(2024, 9, 1, tzinfo=dt.UTC)
    committer_date: dt.datetime = dt.datetime(2024, 9, 1, tzinfo=dt.UTC)
    subject: str = "s"
    changes: tuple[Change, ...] = (Change("M", R_DON, None, "b" * 40, "c" * 40),)
    boundary: bool = False


@pytest.mark.parametrize("state", ["X", "Y", "R", "E"])
def test_signatures_that_cannot_be_trusted(state: str) -> None:
    found: list[AuditFinding] = []
    summary = signature_findings([FakeCommit(0, state)], found.append)
    assert summary == {"good": 0, "unverified": 1, "bad": 0, "unsigned": 0}
    (f,) = found
    assert f.finding.code == "PT409" and f.file == R_DON and f.severity == "warning"


def test_an_unsigned_history_has_no_signature_findings() -> None:
    found: list[AuditFinding] = []
    assert (
        signature_findings([FakeCommit(0, "N"), FakeCommit(1, "N")], found.append)["unsigned"] == 2
    )
    assert found == []
