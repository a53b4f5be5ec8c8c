"""The text of the form's instructions sheet ("Hướng dẫn"), in Vietnamese."""

from __future__ import annotations

from plantrack.forms.content import FormContent
from plantrack.forms.layout import (
    NO,
    SHEET_GENERAL,
    SHEET_INDICATORS,
    SHEET_TASKS,
    STATE_LABELS,
    UNIT_LINE,
    YES,
)


def heading(content: FormContent) -> list[str]:
    """The lines naming the plan, the unit and the period."""
    period = content.period
    lines = [
        "BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH",
        content.plan.title,
        f"{UNIT_LINE}{content.unit.name}",
        f"Kỳ báo cáo: {period.title} (số liệu từ {period.start:%d/%m/%Y} "
        f"đến {period.cutoff:%d/%m/%Y})",
        f"Hạn gửi báo cáo: {period.due:%d/%m/%Y}",
    ]
    if content.carried_from:
        lines.append(
            f"Tình trạng, ngày hoàn thành, tiến độ và văn bản đã điền sẵn theo báo cáo kỳ "
            f"{content.carried_from}; đơn vị cập nhật lại cho kỳ này."
        )
    elif content.meta.get("source"):
        lines.append("Biểu mẫu đã điền sẵn theo báo cáo hiện có của đơn vị cho kỳ này.")
    return lines


def steps(content: FormContent) -> list[str]:
    """How to fill in the form, step by step."""
    states = STATE_LABELS
    cutoff = f"{content.period.cutoff:%d/%m/%Y}"
    return [
        "CÁCH ĐIỀN",
        f"1. Trang '{SHEET_TASKS}': mỗi dòng là một nhiệm vụ đơn vị được giao trong kỳ. "
        "Chỉ điền vào các ô màu vàng. Không sửa các cột bị khóa (mã, tên nhiệm vụ, thời hạn, "
        "vai trò); không xóa, chèn hay đổi thứ tự dòng.",
        "2. Tình trạng: chọn trong danh sách, không gõ tay. "
        f"'{states['not-started']}': chưa bắt đầu thực hiện; "
        f"'{states['in-progress']}': đã triển khai nhưng chưa xong; "
        f"'{states['done']}': đã xong (phải ghi ngày hoàn thành và tiến độ 100).",
        "3. Ngày: nhập đúng kiểu ngày, dạng dd/mm/yyyy (ví dụ 10/09/2026), không viết chữ. "
        f"Ngày hoàn thành không được sau ngày chốt số liệu {cutoff}.",
        "4. Tiến độ (%): số nguyên từ 0 đến 100.",
        f"5. Nhiệm vụ thường xuyên: chọn '{YES}' hoặc '{NO}' ở cột 'Có triển khai trong kỳ'.",
        "6. Văn bản, sản phẩm: mỗi văn bản một dòng trong ô (Alt+Enter để xuống dòng), dạng "
        "'số | ngày dd/mm/yyyy | trích yếu', ví dụ '12/TB-UBND | 10/09/2026 | Thông báo niêm "
        "yết thủ tục hành chính'. Có thể ghi thêm cơ quan ban hành: "
        "'số | ngày | cơ quan ban hành | trích yếu'.",
        f"7. Trang '{SHEET_INDICATORS}': ghi số liệu của kỳ (số, không âm); bỏ trống nếu không "
        "có số liệu. Chỉ tiêu tỷ lệ được tính tự động, không phải nhập.",
        f"8. Trang '{SHEET_GENERAL}': ngày gửi, số báo cáo, người lập, thủ trưởng ký duyệt; "
        "công tác chỉ đạo, tuyên truyền, kiểm tra; khó khăn, đề xuất, nhiệm vụ kỳ tới "
        "(mỗi ý một dòng).",
        "9. Không dùng công thức, không gộp ô, không ẩn dòng, không đổi tên trang. Lưu nguyên "
        "định dạng .xlsx (không lưu thành .xls hay .xlsm).",
        f"10. Gửi lại chính tệp này cho {content.consolidator}.",
    ]


def footer(content: FormContent) -> str:
    """Which plan version the form belongs to."""
    return (
        f"Biểu mẫu của kế hoạch '{content.plan.id}', phiên bản {content.plan.version}, "
        f"đơn vị '{content.unit.id}', kỳ {content.period.id}; chỉ dùng cho đơn vị và kỳ này."
    )
