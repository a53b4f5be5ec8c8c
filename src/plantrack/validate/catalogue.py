"""The catalogue of every finding code: severity, Vietnamese and English text, and a hint.

Codes are stable: PT0xx reading and YAML, PT1xx a file's own structure (schema), PT2xx
rules across files. ``plantrack explain CODE`` prints an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plantrack.validate.finding import Finding, Severity


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry; messages are ``str.format`` templates over the finding's params."""

    code: str
    severity: Severity
    title_vi: str
    title_en: str
    message_vi: str
    message_en: str
    hint_vi: str = ""
    hint_en: str = ""


def _e(code: str, sev: Severity, titles: tuple[str, str], msgs: tuple[str, str],
       hints: tuple[str, str] = ("", "")) -> Entry:
    return Entry(code, sev, titles[0], titles[1], msgs[0], msgs[1], hints[0], hints[1])


_ENTRIES = [
    # --- reading and YAML -------------------------------------------------------------
    _e("PT001", "error", ("Không đọc được tệp", "File cannot be read"),
       ("Không đọc được tệp: {reason}", "cannot read the file: {reason}"),
       ("Kiểm tra tệp còn tồn tại và có quyền đọc.", "Check that the file exists and is readable.")),
    _e("PT002", "error", ("Mã hóa không phải UTF-8", "Not UTF-8"),
       ("Tệp không phải UTF-8 hợp lệ (byte 0x{byte})", "the file is not valid UTF-8 (byte 0x{byte})"),
       ("Lưu lại tệp với mã hóa UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8).",
        "Save the file again as UTF-8.")),
    _e("PT003", "error", ("Lỗi cú pháp YAML", "YAML syntax error"),
       ("Lỗi cú pháp YAML: {problem}", "YAML syntax error: {problem}"),
       ("Kiểm tra thụt lề (chỉ dùng dấu cách), dấu ':' sau mỗi khóa, và đặt giá trị có ':' "
        "hoặc '#' trong dấu nháy kép.",
        "Check indentation (spaces only), a ':' after each key, and quote values holding ':' or '#'.")),
    _e("PT004", "error", ("Khóa bị lặp", "Duplicate key"),
       ("Khóa '{key}' bị lặp (đã có ở dòng {first_line}); giá trị sau sẽ bị mất",
        "duplicate key '{key}' (first at line {first_line}); the later value would be lost"),
       ("Gộp hai mục thành một hoặc đổi tên một khóa.", "Merge the two entries or rename one key.")),
    _e("PT005", "error", ("Thẻ YAML không được phép", "YAML tag not allowed"),
       ("Thẻ '{tag}' không được phép; plantrack không bao giờ dựng đối tượng từ thẻ",
        "tag '{tag}' is not allowed; plantrack never constructs objects from tags"),
       ("Xóa thẻ (phần bắt đầu bằng '!') và ghi giá trị thuần.", "Remove the tag (the part starting with '!').")),
    _e("PT006", "error", ("Bí danh YAML vượt giới hạn", "YAML aliases over the limit"),
       ("Bí danh (alias) YAML bị từ chối: {reason}", "YAML alias refused: {reason}"),
       ("Viết giá trị trực tiếp thay vì dùng &neo và *bí-danh.", "Write values out instead of using &anchors and *aliases.")),
    _e("PT007", "error", ("Tệp quá lớn", "File too large"),
       ("Tệp có {size} byte, vượt giới hạn {limit} byte", "the file has {size} bytes, over the limit of {limit}"),
       ("Một báo cáo chỉ cần vài chục KB; tách tệp hoặc bỏ nội dung thừa.",
        "A report needs a few tens of KB; split the file or remove stray content.")),
    _e("PT008", "error", ("Tài liệu không phải ánh xạ", "Document is not a mapping"),
       ("Tệp phải là một ánh xạ 'khóa: giá trị' ở cấp ngoài cùng, không phải {kind}",
        "the file must be a 'key: value' mapping at the top level, not a {kind}"),
       ("Bắt đầu tệp bằng các khóa như 'unit:' và 'period:'.", "Start the file with keys such as 'unit:' and 'period:'.")),
    _e("PT009", "error", ("Tệp rỗng", "Empty file"),
       ("Tệp rỗng hoặc chỉ có chú thích", "the file is empty or holds only comments"),
       ("Điền nội dung, hoặc dùng 'plantrack report new' để tạo khung báo cáo.",
        "Fill it in, or use 'plantrack report new' to create a skeleton.")),
    _e("PT010", "error", ("Nhiều tài liệu trong một tệp", "Several documents in one file"),
       ("Tệp có nhiều tài liệu YAML (phân cách bằng '---'); mỗi tệp chỉ được một",
        "the file holds several YAML documents (separated by '---'); one per file"),
       ("Xóa dòng '---' thừa hoặc tách thành nhiều tệp.", "Remove the extra '---' or split the file.")),
    _e("PT011", "error", ("Lồng quá sâu", "Nesting too deep"),
       ("Cấu trúc lồng sâu hơn {limit} cấp", "nesting deeper than {limit} levels"),
       ("Dữ liệu kế hoạch và báo cáo không cần lồng sâu như vậy.", "Plan and report data never nest that deep.")),
    _e("PT012", "error", ("Khóa gộp '<<' không được hỗ trợ", "Merge key '<<' not supported"),
       ("Khóa gộp '<<' không được hỗ trợ", "the merge key '<<' is not supported"),
       ("Viết đầy đủ các khóa thay vì gộp.", "Write the keys out instead of merging.")),
    _e("PT013", "error", ("Liên kết ra ngoài kho", "Link outside the repository"),
       ("Tệp là liên kết tượng trưng trỏ ra ngoài kho dữ liệu ({target})",
        "the file is a symbolic link pointing outside the repository ({target})"),
       ("Thay liên kết bằng một tệp thật trong kho.", "Replace the link with a real file in the repository.")),
    _e("PT014", "error", ("Chuỗi quá dài", "String too long"),
       ("Chuỗi dài {length} ký tự, vượt giới hạn {limit}", "a string of {length} characters, over the limit of {limit}"),
       ("Rút gọn nội dung hoặc đính kèm văn bản như một tài liệu minh chứng.",
        "Shorten it or cite the full text as an evidence document.")),
    _e("PT015", "error", ("Tệp nhị phân", "Binary file"),
       ("Tệp chứa byte NUL: có lẽ không phải tệp văn bản YAML", "the file holds NUL bytes: probably not a YAML text file"),
       ("Kiểm tra có lưu nhầm tệp Word/Excel với đuôi .yaml không.", "Check that a Word/Excel file was not saved as .yaml.")),
    _e("PT016", "warning", ("Tệp UTF-16", "UTF-16 file"),
       ("Tệp được lưu bằng UTF-16; đã đọc được nhưng nên lưu lại bằng UTF-8",
        "the file is UTF-16; it was read, but save it as UTF-8"),
       ("Trong trình soạn thảo chọn Save with Encoding → UTF-8.", "Choose Save with Encoding → UTF-8.")),
    _e("PT017", "error", ("Khóa không phải chuỗi", "Key is not text"),
       ("Khóa phải là một chuỗi đơn, không phải danh sách hay ánh xạ", "a key must be plain text, not a list or mapping"),
       ("Sửa khóa thành một từ, ví dụ 'results:'.", "Make the key one word, e.g. 'results:'.")),
    _e("PT018", "error", ("Ký tự tab", "Tab character"),
       ("Dùng ký tự tab để thụt lề; YAML chỉ chấp nhận dấu cách", "a tab is used for indentation; YAML accepts spaces only"),
       ("Thay tab bằng 2 dấu cách (cấu hình trình soạn thảo: Insert spaces).", "Replace the tab with 2 spaces.")),
    _e("PT019", "error", ("Tệp không đúng chỗ", "File in the wrong place"),
       ("Tệp '{name}' không thuộc bố cục kho dữ liệu: {expected}", "'{name}' does not fit the repository layout: {expected}"),
       ("Di chuyển hoặc đổi tên tệp theo bố cục trong README.", "Move or rename the file as the README describes.")),
    # --- structure (schema) -----------------------------------------------------------
    _e("PT101", "error", ("Khóa không xác định", "Unknown key"),
       ("Khóa '{key}' không có trong mẫu {model}", "unknown key '{key}' in {model}"),
       ("{suggestion}", "{suggestion_en}")),
    _e("PT102", "error", ("Thiếu khóa bắt buộc", "Missing required key"),
       ("Thiếu khóa bắt buộc '{key}'", "missing required key '{key}'"),
       ("Thêm '{key}:' vào mục này.", "Add '{key}:' to this entry.")),
    _e("PT103", "error", ("Sai kiểu dữ liệu", "Wrong type"),
       ("Giá trị {value} không đúng kiểu: cần {expected}", "value {value} has the wrong type: expected {expected}"),
       ("", "")),
    _e("PT104", "error", ("Giá trị không hợp lệ", "Value not allowed"),
       ("Giá trị {value} không hợp lệ; chỉ được: {allowed}", "value {value} is not allowed; expected one of: {allowed}"),
       ("Chọn một trong các giá trị trên (trình soạn thảo có gợi ý).", "Choose one of the values above.")),
    _e("PT105", "error", ("Ngày không hợp lệ", "Invalid date"),
       ("Ngày {value} không hợp lệ (ngày không có thật hoặc không đúng dạng YYYY-MM-DD)",
        "invalid date {value}: {reason}"),
       ("Ghi ngày dạng YYYY-MM-DD, ví dụ 2024-09-13, và kiểm tra ngày có thật.",
        "Write dates as YYYY-MM-DD, e.g. 2024-09-13, and check the day exists.")),
    _e("PT106", "error", ("Mã không hợp lệ", "Invalid id"),
       ("{value} không phải mã hợp lệ: chỉ chữ ASCII, số và '-', '_', '.' giữa các phần",
        "{value} is not a valid id: ASCII letters, digits and '-', '_', '.' between parts"),
       ("Mã đặt tường minh, không dấu, không '/', không '..', ví dụ xa-tra-mai.",
        "Ids are explicit, without diacritics, '/' or '..', e.g. xa-tra-mai.")),
    _e("PT107", "error", ("Ngoài phạm vi", "Out of range"),
       ("Giá trị {value} ngoài phạm vi: {reason}", "value {value} out of range: {reason}"), ("", "")),
    _e("PT108", "error", ("Kỳ báo cáo không hợp lệ", "Invalid period"),
       ("{value} không phải kỳ báo cáo hợp lệ", "{value} is not a valid period"),
       ("Dạng YYYY-Q1..Q4, YYYY-H1, YYYY-H2, YYYY-M9 hoặc YYYY-Y, ví dụ 2024-Q3.",
        "Use YYYY-Q1..Q4, YYYY-H1, YYYY-H2, YYYY-M9 or YYYY-Y, e.g. 2024-Q3.")),
    _e("PT109", "error", ("Thời gian nhiệm vụ không hợp lệ", "Invalid task time"),
       ("Thời gian {value} không hợp lệ: {reason}", "invalid task time {value}: {reason}"), ("", "")),
    _e("PT110", "error", ("Giá trị không hợp lệ", "Invalid value"),
       ("Giá trị {value} không hợp lệ: {reason}", "invalid value {value}: {reason}"), ("", "")),
    _e("PT111", "error", ("Số không hữu hạn", "Number not finite"),
       ("Giá trị {value} không phải số hữu hạn", "value {value} is not a finite number"),
       ("Ghi số cụ thể; bỏ trống (null) nếu chưa có số liệu.", "Write a number; leave it null when unknown.")),
    # --- cross-file rules -------------------------------------------------------------
    _e("PT201", "error", ("Đơn vị không tồn tại", "Unknown unit"),
       ("Không có đơn vị hoặc nhóm '{id}'", "no unit or group '{id}'"), ("{suggestion}", "{suggestion_en}")),
    _e("PT202", "error", ("Nhiệm vụ không tồn tại", "Unknown task"),
       ("Không có nhiệm vụ '{id}' trong kế hoạch", "no task '{id}' in the plan"), ("{suggestion}", "{suggestion_en}")),
    _e("PT203", "error", ("Chỉ tiêu không tồn tại", "Unknown indicator"),
       ("Không có chỉ tiêu '{id}' trong kế hoạch", "no indicator '{id}' in the plan"), ("{suggestion}", "{suggestion_en}")),
    _e("PT204", "error", ("Thành phần chỉ số không tồn tại", "Unknown index component"),
       ("Không có thành phần '{id}' (chỉ số và mã thành phần phải có trong data/indices/)",
        "no index component '{id}' (index and code must exist in data/indices/)"), ("{suggestion}", "{suggestion_en}")),
    _e("PT205", "error", ("Đơn vị không khớp đường dẫn", "Unit disagrees with path"),
       ("Báo cáo ghi đơn vị '{content}' nhưng nằm trong tệp của '{path_value}'",
        "the report names unit '{content}' but sits in the file of '{path_value}'"),
       ("Có thể tệp được sao chép từ đơn vị khác: sửa 'unit' hoặc đổi tên tệp.",
        "The file may be copied from another unit: fix 'unit' or rename the file.")),
    _e("PT206", "error", ("Kỳ không khớp đường dẫn", "Period disagrees with path"),
       ("Báo cáo ghi kỳ '{content}' nhưng nằm trong thư mục kỳ '{path_value}'",
        "the report names period '{content}' but sits in the folder of '{path_value}'"),
       ("Có thể tệp được sao chép từ kỳ trước: sửa 'period' hoặc chuyển thư mục.",
        "The file may be copied from another period: fix 'period' or move it.")),
    _e("PT207", "error", ("Kỳ không phải báo cáo", "Period not required"),
       ("Kế hoạch không yêu cầu báo cáo kỳ '{period}' (các kỳ: {required}, từ {first}{last})",
        "the plan does not require period '{period}' (kinds: {required}, from {first}{last})"), ("", "")),
    _e("PT208", "error", ("Đơn vị không hoạt động trong kỳ", "Unit not alive in the period"),
       ("Đơn vị '{unit}' không hoạt động trong kỳ {period} ({start} – {cutoff})",
        "unit '{unit}' is not alive in period {period} ({start} – {cutoff})"),
       ("Đơn vị kế thừa ({successors}) báo cáo thay.", "Its successors ({successors}) report instead.")),
    _e("PT209", "warning", ("Thiếu nhiệm vụ được giao", "Assigned task missing"),
       ("Báo cáo thiếu nhiệm vụ được giao '{task}': {title}", "the report leaves out assigned task '{task}': {title}"),
       ("Thêm một mục cho nhiệm vụ này vào 'tasks'.", "Add an entry for this task under 'tasks'.")),
    _e("PT210", "error", ("Nhiệm vụ không được giao", "Task not assigned"),
       ("Nhiệm vụ '{task}' không được giao cho đơn vị '{unit}'", "task '{task}' is not assigned to unit '{unit}'"),
       ("Kiểm tra mã nhiệm vụ, hoặc phần lead/support của nhiệm vụ trong kế hoạch.",
        "Check the task id, or the task's lead/support in the plan.")),
    _e("PT211", "error", ("Nhiệm vụ bị lặp", "Duplicate task entry"),
       ("Nhiệm vụ '{task}' được báo cáo hai lần (lần đầu ở mục {first})",
        "task '{task}' is reported twice (first at entry {first})"), ("Gộp hai mục thành một.", "Merge the two entries.")),
    _e("PT212", "error", ("Hoàn thành nhưng thiếu ngày", "Done without a date"),
       ("Nhiệm vụ '{task}' ghi hoàn thành nhưng thiếu ngày hoàn thành", "task '{task}' is done but has no completion date"),
       ("Thêm 'completed: YYYY-MM-DD'.", "Add 'completed: YYYY-MM-DD'.")),
    _e("PT213", "error", ("Ngày hoàn thành sau ngày chốt", "Completed after the cut-off"),
       ("Ngày hoàn thành {completed} sau ngày chốt số liệu {cutoff} của kỳ {period}",
        "completion date {completed} is after the cut-off {cutoff} of period {period}"),
       ("Việc hoàn thành sau ngày chốt thuộc kỳ sau.", "Work completed after the cut-off belongs to the next period.")),
    _e("PT214", "error", ("100% nhưng chưa hoàn thành", "100% but not done"),
       ("Tiến độ 100% nhưng tình trạng là '{state}'", "progress is 100% but the state is '{state}'"),
       ("Ghi 'state: done' kèm ngày hoàn thành, hoặc sửa tiến độ.", "Set 'state: done' with a date, or fix the progress.")),
    _e("PT215", "warning", ("Có ngày hoàn thành nhưng chưa xong", "Completion date but not done"),
       ("Có ngày hoàn thành {completed} nhưng tình trạng là '{state}'", "completion date {completed} but the state is '{state}'"),
       ("Ghi 'state: done' hoặc bỏ ngày hoàn thành.", "Set 'state: done' or remove the date.")),
    _e("PT216", "error", ("Văn bản ghi ngày sau khi gửi báo cáo", "Evidence dated after submission"),
       ("Văn bản '{number}' ngày {date} sau ngày gửi báo cáo {submitted}",
        "evidence '{number}' dated {date} is after the report's submission on {submitted}"), ("", "")),
    _e("PT217", "error", ("Mã chỉ khác nhau chữ hoa hoặc dấu nối", "Ids differ only by case or separators"),
       ("Mã '{id}' trùng với '{other}' khi bỏ qua chữ hoa và dấu nối", "id '{id}' collides with '{other}' ignoring case and separators"),
       ("Mã phải phân biệt rõ; ví dụ xã Trà Don là xa-tra-don, xã Trà Dơn là xa-tra-dzon.",
        "Ids must differ clearly; e.g. Trà Don is xa-tra-don, Trà Dơn is xa-tra-dzon.")),
    _e("PT218", "error", ("Mã bị trùng", "Duplicate id"),
       ("Mã '{id}' đã dùng cho {what} khác", "id '{id}' is already used by another {what}"), ("", "")),
    _e("PT219", "error", ("Tên tệp khác mã", "File name differs from id"),
       ("Tệp '{name}' chứa mã '{id}'; tên tệp phải là '{id}.yaml'", "file '{name}' holds id '{id}'; it must be named '{id}.yaml'"),
       ("Đổi tên tệp hoặc sửa mã.", "Rename the file or fix the id.")),
    _e("PT220", "error", ("Kế thừa không hợp lệ", "Invalid succession"),
       ("Đơn vị kế thừa '{id}': {reason}", "successor '{id}': {reason}"), ("", "")),
    _e("PT221", "error", ("Kỳ hiệu lực không hợp lệ", "Invalid validity window"),
       ("Ngày kết thúc {until} trước ngày bắt đầu {since}", "end date {until} is before start date {since}"), ("", "")),
    _e("PT222", "error", ("Chỉ tiêu tỷ lệ thiếu tử/mẫu số", "Ratio indicator incomplete"),
       ("Chỉ tiêu tỷ lệ '{id}' cần numerator và denominator là chỉ tiêu có trong kế hoạch",
        "ratio indicator '{id}' needs numerator and denominator naming indicators of the plan"), ("", "")),
    _e("PT223", "warning", ("Chỉ tiêu tỷ lệ được nhập tay", "Ratio indicator entered"),
       ("Chỉ tiêu '{id}' là tỷ lệ, được tính từ {numerator}/{denominator}; số nhập sẽ bị bỏ qua",
        "indicator '{id}' is a ratio computed from {numerator}/{denominator}; the entered value is ignored"),
       ("Nhập tử số và mẫu số thay vì tỷ lệ.", "Enter the numerator and denominator instead.")),
    _e("PT224", "warning", ("Nhiệm vụ thường xuyên thiếu thông tin triển khai", "Recurring task without carried_out"),
       ("Nhiệm vụ thường xuyên '{task}' chưa ghi có triển khai trong kỳ không (carried_out)",
        "recurring task '{task}' does not say whether it was carried out in the period"),
       ("Thêm 'carried_out: true' hoặc 'carried_out: false'.", "Add 'carried_out: true' or 'false'.")),
    _e("PT225", "error", ("Phần kế hoạch không tồn tại", "Unknown plan section"),
       ("Không có phần '{id}' trong sections của kế hoạch", "no section '{id}' in the plan's sections"), ("", "")),
    _e("PT226", "error", ("Ngày gửi sau ngày hiện tại", "Submitted in the future"),
       ("Ngày gửi báo cáo {submitted} sau ngày kiểm tra {today}", "submission date {submitted} is after today ({today})"), ("", "")),
    _e("PT227", "warning", ("Điểm ngoài thang đo", "Score outside the scale"),
       ("Điểm {value} của '{id}' ngoài thang đo {min}–{max}", "score {value} of '{id}' is outside the scale {min}–{max}"), ("", "")),
    _e("PT228", "warning", ("Ngày hoàn thành trước kỳ", "Completed before the plan"),
       ("Ngày hoàn thành {completed} trước ngày bắt đầu kỳ báo cáo đầu tiên {start}",
        "completion date {completed} is before the first reporting period starts ({start})"), ("", "")),
    _e("PT229", "error", ("Thiếu tệp kế hoạch", "Plan file missing"),
       ("Kho dữ liệu thiếu data/plan.yaml hoặc kế hoạch không đọc được", "data/plan.yaml is missing or unreadable"),
       ("Sửa các lỗi của data/plan.yaml trước.", "Fix data/plan.yaml first.")),
]

CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def make(code: str, path: str, line: int | None, column: int | None, key_path: str = "",
         **params: Any) -> Finding:
    """Build the finding ``code`` from its catalogue entry and ``params``."""
    entry = CATALOGUE[code]
    values = _Default({k: _show(v) for k, v in params.items()})
    severity: Severity = params.get("severity", entry.severity)
    return Finding(
        code=code,
        severity=severity,
        path=path,
        line=line,
        column=column,
        key=key_path,
        message_vi=entry.message_vi.format_map(values),
        message_en=entry.message_en.format_map(values),
        hint_vi=entry.hint_vi.format_map(values),
        hint_en=entry.hint_en.format_map(values),
    )


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"
