"""``audit`` as an office register: what happened to which report, when, who edited it.

The default view names units and periods and writes dates as dd/mm/yyyy; errors come
first, then warnings, each in the order they happened. ``ids`` adds the codes of units and
periods; ``verbose`` adds what git knows (the record's id, the account, the file). The JSON
output keeps everything (``render/audit.py``).
"""

from __future__ import annotations

import datetime as dt

from plantrack.domain.audit import AuditResult
from plantrack.domain.audit_finding import AuditFinding, Subject
from plantrack.i18n import t
from plantrack.render.history import View, day
from plantrack.render.safetext import terminal_lines


def subject_text(subject: Subject | None, view: View) -> str:
    """``Báo cáo quý III năm 2024 của Thôn 1`` (with codes when ``view.ids``)."""
    if subject is None:
        return t("audit.subject.other", view.lang, name="—")
    kind = f"{subject.kind}.{subject.doc}" if subject.doc else subject.kind
    text = t(
        f"audit.subject.{kind}",
        view.lang,
        unit=subject.unit_name or subject.unit_id or "—",
        period=subject.period_title or subject.period_id or "—",
        name=subject.name or "—",
        number=subject.doc_number or "—",
        date=day(subject.doc_date),
    )
    # an inspection named by its document keeps its file's id for ``--ids``
    named = subject.name if subject.doc else None
    codes = [c for c in (subject.unit_id, subject.period_id, named) if c]
    if view.ids and codes:
        text += f" ({', '.join(codes)})"
    return text


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _entry(n: int, f: AuditFinding, view: View) -> list[str]:
    lang = view.lang
    editor = t("history.editor", lang, name=f.author_name or f.author_email or "—")
    head = f"{n}. {day(f.date)} — {subject_text(f.subject, view)} — {editor}"
    code = f" [{f.finding.code}]" if view.ids else ""
    lines = [head, f"   {_first_upper(f.finding.message(lang))}{code}"]
    changes = f.details.get("changes")
    if changes and (f.finding.code != "PT406" or view.verbose):
        lines.append(f"   {t('audit.changes', lang)}: " + "; ".join(str(c) for c in changes))
    if f.finding.hint(lang):
        lines.append(f"   {t('audit.hint', lang)}: {f.finding.hint(lang)}")
    if view.verbose:
        facts = [
            f"{t('history.commit', lang)} {f.commit[:12]}" if f.commit else "",
            f.author_email,
            f.file,
        ]
        lines.append("   [" + ", ".join(x for x in facts if x) + "]")
    return lines


def _section(title_key: str, found: list[AuditFinding], start: int, view: View) -> list[str]:
    if not found:
        return []
    lines = ["", t(title_key, view.lang, count=len(found))]
    in_time = sorted(found, key=lambda f: (f.date.date() if f.date else dt.date.min, f.seq))
    for n, f in enumerate(in_time, start):
        lines += _entry(n, f, view)
    return lines


def audit_heading(result: AuditResult, lang: str = "vi") -> str:
    """What was examined: how many data records, over which days, for which period."""
    key = "audit.heading.period" if result.period else "audit.heading"
    return t(
        key,
        lang,
        commits=result.commits,
        first=day(result.first_date),
        last=day(result.last_date),
        period=result.period or "",
    )


def signatures_text(result: AuditResult, lang: str = "vi") -> str:
    """The signing keys of the data records, in words that cannot be read as a document's
    digital signature (chữ ký số)."""
    s = result.signatures
    if not any(s[k] for k in ("good", "unverified", "bad")):
        return t("audit.keys.none", lang)
    return t("audit.keys", lang, **s)


def audit_summary(result: AuditResult, lang: str = "vi") -> str:
    """One line: how many errors and warnings, then the signing keys."""
    counts = t("audit.summary", lang, errors=result.errors, warnings=result.warnings)
    return f"{counts} {signatures_text(result, lang)}"


def audit_register(result: AuditResult, view: View) -> str:
    """The audit as the office reads it: heading, errors, warnings, conclusion."""
    errors = [f for f in result.findings if f.severity == "error"]
    warnings = [f for f in result.findings if f.severity != "error"]
    lines = [audit_heading(result, view.lang)]
    lines += _section("audit.errors", errors, 1, view)
    lines += _section("audit.warnings", warnings, len(errors) + 1, view)
    if not result.findings:
        lines.append(t("audit.clean", view.lang))
    lines += ["", audit_summary(result, view.lang)]
    return terminal_lines(lines)
