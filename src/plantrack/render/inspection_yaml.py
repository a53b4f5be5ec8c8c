"""A new inspection file as commented YAML (Vietnamese, NFC): the modeline, the fields to
fill, the kinds, and every unit alive on the day as a comment to copy ids from."""

from __future__ import annotations

from plantrack.domain.inspection_skeleton import InspectionSkeleton
from plantrack.domain.inspection_view import KIND_LABELS
from plantrack.io.yamlwrite import dump_block
from plantrack.render.skeleton_yaml import comment

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/inspection.schema.json"


def inspection_yaml(sk: InspectionSkeleton) -> str:
    """The file's text; it passes ``check`` as it is (no visit and no finding yet)."""
    kinds = "; ".join(f"{k} ({vi.lower()})" for k, (vi, _) in KIND_LABELS.items())
    head: dict[str, object] = {
        "id": sk.id,
        "kind": sk.kind,
        "title": "Kiểm tra việc thực hiện Kế hoạch (ghi nội dung kiểm tra)",
        "decision": {
            "number": None,
            "date": sk.day,
            "issuer": sk.lead_name,
            "title": "Thành lập Đoàn kiểm tra",
        },
        "lead": sk.lead,
        "members": [],
        "visits": [],
        "conclusion": None,
        "findings": [],
    }
    lines = [SCHEMA_LINE]
    lines += comment(f"Loại (kind): {kinds}.")
    lines += comment(
        "Mỗi đơn vị được kiểm tra một mục visits (unit, date, minutes: số biên bản); mỗi tồn tại "
        "một mục findings (id duy nhất, ví dụ " + sk.id + "-01; unit; category; text; fix_by)."
    )
    lines.append(dump_block(head).rstrip("\n"))
    lines += comment("Mã các đơn vị đang hoạt động:")
    for unit_id, name in sk.units:
        lines += comment(f"{unit_id}: {name}")
    return "\n".join(lines) + "\n"
