"""The report skeleton as commented YAML text, in Vietnamese, in Unicode NFC.

Values go through pyyaml's safe dumper (so any text is quoted correctly); comments are built
here from single lines of plain text, so no line break inside plan or report text can end a
comment early and turn the rest into YAML.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable
from typing import Any

from plantrack.domain.skeleton import PastText, Skeleton, SkeletonEntry, SkeletonIndicator
from plantrack.io.yamlwrite import dump_block
from plantrack.models.period import Period

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/report.schema.json"
WIDTH = 100
_ROLE = {"lead": "Chủ trì", "support": "Phối hợp"}


def _day(value: Any) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def one_line(text: str) -> str:
    """``text`` on one line of printable characters in NFC (line breaks and tabs become
    spaces)."""
    flat = "".join(ch for ch in " ".join(text.split()) if ch.isprintable())
    return unicodedata.normalize("NFC", flat)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


def comment(text: str, indent: int = 0, lead: str = "", *, bullet: bool = False) -> list[str]:
    """``text`` as wrapped comment lines at ``indent``; ``lead`` starts the first line; a
    ``bullet`` is a ``- …`` list item."""
    pad = " " * indent
    width = max(WIDTH - indent - 2, 40)
    lines = textwrap.wrap(
        one_line(lead + text),
        width,
        break_long_words=False,
        break_on_hyphens=False,
        initial_indent="  - " if bullet else "",
        subsequent_indent="    " if bullet else "  ",
    )
    return [f"{pad}# {line}" for line in lines or [""]]


def dump(key: str, value: Any, indent: int, note: str | None = None) -> list[str]:
    """``key: value`` as YAML lines at ``indent``, with an optional trailing comment."""
    text = dump_block({key: _nfc(value)}, width=WIDTH - indent)
    lines = [" " * indent + line for line in text.rstrip("\n").split("\n")]
    if note and len(lines) == 1:
        lines[0] += f"  # {one_line(note)}"
    return lines


def _period_line(period: Period) -> str:
    return (
        f"Số liệu từ {_day(period.start)} đến {_day(period.cutoff)}; "
        f"hạn gửi báo cáo {_day(period.due)}."
    )


def _source_text(sk: Skeleton) -> str:
    if not sk.sources:
        return "Chưa có báo cáo kỳ trước: mọi nhiệm vụ để 'not-started', hãy điền theo thực tế."
    parts = [
        f"kỳ {period}" if uid == sk.unit.id else f"kỳ {period} của {sk.names.get(uid, uid)}"
        for uid, period in sk.sources
    ]
    return (
        "Tình trạng, ngày hoàn thành, tiến độ, văn bản đã lấy từ báo cáo "
        + "; ".join(parts)
        + ". Kiểm tra lại cho đúng kỳ này; kết quả, khó khăn kỳ trước chỉ ghi thành chú thích."
    )


def _header(sk: Skeleton, rel: str) -> list[str]:
    lines = [SCHEMA_LINE]
    lines += comment(f"Báo cáo kết quả thực hiện Kế hoạch, {sk.period.title}: {sk.unit.name}.")
    lines += comment(_period_line(sk.period))
    lines += comment(_source_text(sk))
    lines += comment(
        "Cách điền: ghi kết quả (results) từng nhiệm vụ; state là not-started (chưa triển "
        "khai), in-progress (đang thực hiện) hoặc done (hoàn thành, ghi ngày vào completed "
        "dạng YYYY-MM-DD); nhiệm vụ thường xuyên ghi carried_out: true/false; điền số liệu "
        "chỉ tiêu; ghi ngày gửi vào submitted. Xóa chú thích nếu muốn."
    )
    lines += comment(f"Kiểm tra trước khi commit: plantrack check {rel}")
    if sk.closing is not None:
        lines += comment(
            f"Báo cáo kết thúc hoạt động: đơn vị kết thúc hoạt động ngày {sk.closing:%d/%m/%Y}, "
            "đây là báo cáo cuối cùng của đơn vị. Nêu kết quả đến ngày kết thúc; nhiệm vụ chưa "
            "hoàn thành bàn giao cho đơn vị kế thừa (next_tasks). Danh sách bàn giao chi tiết: "
            f"plantrack handover --unit {sk.unit.id} --format docx --out THƯ_MỤC"
        )
    return lines


def _handover_lines(sk: Skeleton) -> list[str]:
    """The next tasks of a closing report: what passes to whom (no ids: the text may reach
    the consolidated report)."""
    h = sk.handover
    if h is None:
        return []
    out = []
    for heir, tasks, findings in h.by_heir():
        what = f"{tasks} nhiệm vụ chưa hoàn thành hoặc thực hiện thường xuyên"
        if findings:
            what += f", {findings} tồn tại sau kiểm tra chưa khắc phục"
        out.append(f"Bàn giao cho {heir.name}: {what} (theo danh sách bàn giao).")
    if h.without_heir:
        out.append(
            f"{h.without_heir} nhiệm vụ, tồn tại chưa có đơn vị kế thừa: đề nghị cấp có thẩm "
            "quyền giao đơn vị tiếp nhận."
        )
    return out


def _handover_notes(sk: Skeleton) -> list[str]:
    """The handover list as comments, task by task."""
    h = sk.handover
    if h is None or not (h.tasks or h.findings):
        return []
    lines = comment("Danh sách bàn giao (tình hình đến ngày cuối hoạt động):")
    for t in h.tasks:
        to = ", ".join(x.id for x in t.heirs) or "chưa có đơn vị kế thừa"
        lines += comment(f"{t.task_id} {t.title} → {to}", bullet=True)
    for f in h.findings:
        to = ", ".join(x.id for x in f.heirs) or "chưa có đơn vị kế thừa"
        lines += comment(f"{f.finding_id} {f.text} → {to}", bullet=True)
    return lines


def _past(label: str, items: Iterable[PastText], sk: Skeleton, indent: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        who = "" if item.author is None else f" của {sk.names.get(item.author, item.author)}"
        lines += comment(item.text, indent, f"{label} kỳ {item.period}{who}: ")
    return lines


def _past_list(label: str, items: list[PastText], sk: Skeleton) -> list[str]:
    """A heading per earlier report, then its items as ``- …`` comment lines."""
    lines: list[str] = []
    heading = None
    for item in items:
        who = "" if item.author is None else f" của {sk.names.get(item.author, item.author)}"
        if (item.period, item.author) != heading:
            heading = (item.period, item.author)
            lines += comment(f"{label} kỳ {item.period}{who}:")
        lines += comment(item.text, bullet=True)
    return lines


def _entry(entry: SkeletonEntry, sk: Skeleton) -> list[str]:
    task = entry.task
    time = task.time.label
    if task.extended_to is not None:
        time += f", gia hạn đến {_day(task.extended_to)}"
    head = f"── {task.id} · {_ROLE[entry.role]} · Thời hạn: {time}"
    if entry.via:
        head += f" · Kế thừa từ {sk.names.get(entry.via, entry.via)}"
    lines = comment(head, 2)
    lines += comment(task.title, 2)
    if task.output:
        lines += comment(task.output, 2, "Sản phẩm: ")
    borrowed = [uid for uid in entry.carried_from if uid != sk.unit.id]
    if borrowed:
        names = ", ".join(sk.names.get(uid, uid) for uid in borrowed)
        lines += comment(f"Giá trị dưới đây lấy từ báo cáo của {names}.", 2)
    lines += dump("task", task.id, 4)
    lines[-1] = "  - " + lines[-1][4:]
    lines += dump("state", entry.state, 4, "not-started | in-progress | done")
    lines += dump("completed", entry.completed, 4, "ngày hoàn thành YYYY-MM-DD, khi done")
    if task.time.recurring:
        lines += dump("carried_out", entry.carried_out, 4, "có triển khai trong kỳ không")
    else:
        lines += dump("progress", entry.progress, 4, "tiến độ %, 0–100")
    lines += _past("Kết quả", entry.past_results, sk, 4)
    lines += dump("results", None, 4, "kết quả thực hiện trong kỳ")
    evidence = [doc.model_dump(exclude_none=True) for doc in entry.evidence]
    lines += dump("evidence", evidence, 4, "văn bản: number, date, issuer, title")
    lines += _past("Khó khăn", entry.past_difficulties, sk, 4)
    lines += dump("difficulties", None, 4)
    lines += _past("Nhiệm vụ tiếp theo", entry.past_next_steps, sk, 4)
    lines += dump("next_steps", None, 4)
    return lines


def _indicator(item: SkeletonIndicator, sk: Skeleton) -> list[str]:
    ind = item.indicator
    text = f"{ind.name} (đơn vị tính: {ind.unit})"
    past = [
        f"kỳ {v.period}{'' if v.author is None else ' của ' + sk.names.get(v.author, v.author)}"
        f": {v.value:g}"
        for v in item.previous
    ]
    if past:
        text += "; " + "; ".join(past)
    return comment(text, 2) + dump(ind.id, None, 2)


def _indicators(sk: Skeleton) -> list[str]:
    if not sk.indicators:
        return dump("indicators", {}, 0, "không có chỉ tiêu phải báo cáo")
    lines = ["indicators:"]
    for item in sk.indicators:
        lines += _indicator(item, sk)
    for ind in sk.computed:
        lines += comment(
            f"{ind.id} ({ind.name}) được tính tự động từ {ind.numerator} / "
            f"{ind.denominator}, không nhập.",
            2,
        )
    return lines


def _person(key: str, person: Any, missing: str) -> list[str]:
    if person is None:
        return dump(key, None, 0, missing)
    return dump(key, person.model_dump(exclude_none=True), 0)


def render_skeleton(sk: Skeleton, rel: str) -> str:
    """The YAML text of the skeleton, to be written at repo-relative ``rel``."""
    lines = _header(sk, rel)
    lines += dump("unit", sk.unit.id, 0)
    lines += dump("period", sk.period.id, 0)
    lines += dump("submitted", None, 0, "ngày ký, gửi báo cáo YYYY-MM-DD")
    lines += dump("number", None, 0, "số, ký hiệu báo cáo, ví dụ 12/BC-UBND")
    lines += _person("prepared_by", sk.prepared_by, "người lập: name, title")
    lines += _person("approved_by", sk.approved_by, "thủ trưởng ký duyệt: name, title")
    if sk.entries:
        lines.append("tasks:")
        for entry in sk.entries:
            lines += _entry(entry, sk)
    else:
        lines += dump("tasks", [], 0)
    lines += _indicators(sk)
    lines.append("narrative:")
    lines += dump("direction", None, 2, "công tác chỉ đạo, điều hành")
    lines += dump("communication", None, 2, "công tác tuyên truyền")
    lines += dump("inspection", None, 2, "công tác kiểm tra")
    lines += dump("difficulties", [], 0, "khó khăn, vướng mắc: mỗi ý một dòng '- …'")
    lines += dump("proposals", [], 0, "đề xuất, kiến nghị")
    lines += _past_list("Nhiệm vụ kỳ này đã đề ra ở báo cáo", sk.past_next_tasks, sk)
    lines += _handover_notes(sk)
    lines += dump("next_tasks", _handover_lines(sk), 0, "nhiệm vụ kỳ tới")
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")
