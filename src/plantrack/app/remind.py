"""``remind``: who owes a report or overdue tasks in a period, and the reminder in the
chosen format; written into a folder under the write policy, or handed back for printing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.consolidate import Prepared, prepare
from plantrack.app.guard import Outcome, write_guarded
from plantrack.domain.inspection_docs import FixReminder, fix_reminders
from plantrack.domain.remind import REPLY_WORKING_DAYS, Reminder, reminder, working_days_after

FORMATS = ("text", "json", "md", "docx")
EXTENSIONS = {"text": "txt", "json": "json", "md": "md", "docx": "docx"}


@dataclass(frozen=True)
class Letter:
    """How to write the reminder: format, folder, the official letter's number, date,
    signer and reply-by date (default: five working days after the letter's date)."""

    fmt: str = "text"
    out: Path | None = None
    number: str | None = None
    date: dt.date | None = None
    signer: str | None = None
    reply_by: dt.date | None = None
    force: bool = False


@dataclass
class Reminded:
    """What ``remind`` found and made: the findings that stopped it, or the reminder, its
    rendering (text to print, or bytes written to ``path``)."""

    prepared: Prepared
    reminder: Reminder | None = None
    data: bytes | str | None = None
    path: Path | None = None
    outcome: Outcome | None = None
    fixes: list[FixReminder] = field(default_factory=list)
    """Units with findings after inspection past or near their deadline."""
    fix_path: Path | None = None
    """The letter chasing those fixes, when the official letter was asked for."""

    @property
    def nobody(self) -> bool:
        """No unit needs reminding (the official letter is then not written)."""
        return self.reminder is not None and not self.reminder.addressees


def reply_by(letter: Letter) -> dt.date | None:
    """The reply-by date: as given, else five working days after the letter's date."""
    if letter.reply_by is None and letter.date is not None:
        return working_days_after(letter.date, REPLY_WORKING_DAYS)
    return letter.reply_by


def render(rem: Reminder, letter: Letter, root: Path) -> bytes | str:
    """The reminder in ``letter.fmt``."""
    from plantrack.render import remind as out

    if letter.fmt == "docx":
        return out.render_remind_docx(
            rem, number=letter.number, date=letter.date, signer=letter.signer, repo=root
        )
    if letter.fmt == "json":
        return out.render_remind_json(rem)
    if letter.fmt == "md":
        return out.render_remind_markdown(rem)
    return out.render_remind_text(rem)


def remind(root: Path, period: str, as_of: dt.date, letter: Letter = Letter()) -> Reminded:
    """The reminder of ``period`` at ``as_of``; with ``letter.out`` written there as
    ``don-doc-<period>.<ext>`` (``cong-van-don-doc-<period>.docx`` for the letter). Units late
    to fix findings after inspection are added to the text, and get a letter of their own."""
    prepared = prepare(root, period, as_of=as_of)
    if prepared.vm is None:
        return Reminded(prepared)
    rem = reminder(prepared.vm, reply_by=reply_by(letter))
    view = prepared.vm.oversight
    fixes = fix_reminders(view) if view is not None else []
    done = Reminded(prepared, rem, fixes=fixes)
    if letter.fmt == "docx":
        if fixes and letter.out is not None:
            done.fix_path = _fix_letter(root, prepared, rem, letter, fixes)
        if not rem.addressees:
            return done
    done.data = render(rem, letter, root)
    if isinstance(done.data, str) and letter.fmt == "text" and fixes and view is not None:
        from plantrack.render.inspection import fix_reminders_text

        done.data = f"{done.data}\n{fix_reminders_text(fixes, view.as_of)}"
    if letter.out is None:
        return done
    target = letter.out / layout.reminder_name(period, letter.fmt, EXTENSIONS[letter.fmt])
    done.path = target
    done.outcome = write_guarded(target, done.data, force=letter.force, advice="advice.remind")
    return done


def _fix_letter(
    root: Path, prepared: Prepared, rem: Reminder, letter: Letter, fixes: list[FixReminder]
) -> Path:
    """Write the letter chasing the fixes beside the reminder letter."""
    from plantrack.render.docx.inspection import Issuer, Signing, render_fix_remind_docx

    vm = prepared.vm
    assert vm is not None and vm.oversight is not None and letter.out is not None
    issuer = Issuer(
        vm.document, vm.plan, [i.id for i in vm.indices], rem.sender or "", rem.reports_to or ""
    )
    signing = Signing(letter.number, letter.date, letter.signer)
    answer = reply_by(letter) or working_days_after(vm.as_of, REPLY_WORKING_DAYS)
    data = render_fix_remind_docx(fixes, vm.oversight, issuer, signing, answer, root)
    target = letter.out / f"cong-van-don-doc-khac-phuc-{vm.period.id}.docx"
    write_guarded(target, data, force=letter.force, advice="advice.remind")
    return target
