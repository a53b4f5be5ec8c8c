"""Findings as text lines, JSON, SARIF 2.1.0 and GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from plantrack.i18n import errors, messages, t
from plantrack.render.safetext import terminal
from plantrack.render.sarif import as_sarif as as_sarif  # the SARIF form has its own module
from plantrack.validate.catalogue import CATALOGUE
from plantrack.validate.finding import Finding, count


def severity_word(severity: str, lang: str = "vi") -> str:
    """``lỗi`` / ``cảnh báo`` (``error`` / ``warning`` in English)."""
    key = f"severity.{severity}"
    return t(key, lang) if key in messages() else severity


def _place(f: Finding) -> str:
    if f.line is None:
        return f.path
    return f"{f.path}:{f.line}:{f.column or 1}"


def _cell(f: Finding) -> str:
    return f"{f.path} {f.key}" if f.key else f.path


def _lines(findings: list[Finding], lang: str, place: Callable[[Finding], str]) -> list[str]:
    lines = []
    for f in findings:
        # hardening: a file name or value holding a line break must not forge a finding line
        line = f"{place(f)}: {severity_word(f.severity, lang)} {f.code} {f.message(lang)}"
        lines.append(terminal(line))
        if f.hint(lang):
            lines.append(terminal(f"    {t('word.hint', lang)}: {f.hint(lang)}"))
    return lines


def as_text(findings: list[Finding], files: int, lang: str = "vi") -> str:
    """``path:line:col: severity CODE message`` lines, hints indented, then a summary line."""
    return "\n".join([*_lines(findings, lang, _place), summary(findings, files, lang)]) + "\n"


def as_cell_text(findings: list[Finding], lang: str = "vi") -> str:
    """The findings of one form: ``tệp.xlsx Nhiệm vụ!E7: lỗi PT311 …`` lines, hints
    indented, then a summary."""
    return "\n".join([*_lines(findings, lang, _cell), summary(findings, 1, lang)]) + "\n"


def summary(findings: list[Finding], files: int, lang: str = "vi") -> str:
    """One line: how many files, errors and warnings."""
    errors, warnings = count(findings)
    if lang == "en":
        if not findings:
            return f"{files} files checked: no problems."
        return f"{files} files checked: {errors} errors, {warnings} warnings."
    if not findings:
        return f"Đã kiểm tra {files} tệp: không có lỗi."
    return f"Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."


def as_json(findings: list[Finding], files: int) -> str:
    """The findings exactly as the library returns them, with counts."""
    errors, warnings = count(findings)
    payload = {
        "files": files,
        "errors": errors,
        "warnings": warnings,
        "findings": [f.to_dict() for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def as_github(findings: list[Finding], lang: str = "vi") -> str:
    """``::error file=…,line=…,col=…,title=…::message`` workflow commands."""
    lines = []
    for f in findings:
        props = [f"file={_escape_prop(f.path)}"]
        if f.line is not None:
            props += [f"line={f.line}", f"col={f.column or 1}"]
        props.append(f"title={_escape_prop(f.code)}")
        text = f.message(lang) + (f" ({f.hint(lang)})" if f.hint(lang) else "")
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(text)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def explain(code: str, lang: str = "vi") -> str | None:
    """The catalogue entry of ``code`` as text, or ``None`` when unknown."""
    entry = CATALOGUE.get(code.upper())
    if entry is None:
        return _explain_fatal(code.upper(), lang)
    if lang == "en":
        return (
            f"{entry.code} ({entry.severity}): {entry.title_en}\n"
            f"Message: {entry.message_en}\n"
            + (f"Hint: {entry.hint_en}\n" if _real_hint(entry.hint_en) else "")
        )
    severity = severity_word(entry.severity)
    return f"{entry.code} ({severity}): {entry.title_vi}\nThông báo: {entry.message_vi}\n" + (
        f"Gợi ý: {entry.hint_vi}\n" if _real_hint(entry.hint_vi) else ""
    )


def code_list(fatal: bool = False, lang: str = "vi") -> str:
    """One line per finding code (``CODE  severity  title``), or per fatal error code."""
    if fatal:
        lines = [f"{e.code}  {e.title(lang)}" for e in errors().values()]
    else:
        lines = [
            f"{e.code}  {t(f'severity.{e.severity}', lang):<8}  "
            f"{e.title_en if lang == 'en' else e.title_vi}"
            for e in CATALOGUE.values()
        ]
    return "\n".join(lines) + "\n"


def _explain_fatal(code: str, lang: str) -> str | None:
    """A fatal error's entry (``PT9xx``): what stops the run, and the way out."""
    fatal = errors().get(code)
    if fatal is None:
        return None
    kind = "fatal" if lang == "en" else "lỗi dừng lệnh"
    hint = fatal.hint(lang)
    return (
        f"{code} ({kind}): {fatal.title(lang)}\n"
        f"{t('word.message', lang)}: {fatal.message(lang)}\n"
        + (f"{t('word.hint_title', lang)}: {hint}\n" if hint else "")
    )


def _real_hint(text: str) -> bool:
    """A hint that is more than a placeholder filled per finding (e.g. "did you mean")."""
    return bool(text) and not text.startswith("{")
