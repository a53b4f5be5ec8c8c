"""Vietnamese words for the synthetic repository: units, tasks, phrases, indicators, indices."""

from __future__ import annotations

from typing import Any

COMMUNES = (
    "Trà Mai",
    "Trà Don",
    "Trà Dơn",
    "Trà Leng",
    "Trà Tập",
    "Trà Cang",
    "Trà Linh",
    "Trà Nam",
    "Trà Vân",
    "Trà Vinh",
    "Tắc Pỏ",
    "Trà Giác",
    "Phước Sơn",
    "Đắk Pring",
    "La Êê",
    "Chơm Ga",
)
COMMUNE_SLUGS = (
    "tra-mai",
    "tra-don",
    "tra-dzon",
    "tra-leng",
    "tra-tap",
    "tra-cang",
    "tra-linh",
    "tra-nam",
    "tra-van",
    "tra-vinh",
    "tac-po",
    "tra-giac",
    "phuoc-son",
    "dak-pring",
    "la-ee",
    "chom-ga",
)
OFFICES = (
    ("phong-noi-vu", "Phòng Nội vụ", "department"),
    ("phong-tu-phap", "Phòng Tư pháp", "department"),
    ("phong-tai-chinh-ke-hoach", "Phòng Tài chính - Kế hoạch", "department"),
    ("phong-tai-nguyen-moi-truong", "Phòng Tài nguyên và Môi trường", "department"),
    ("phong-van-hoa-thong-tin", "Phòng Văn hóa và Thông tin", "department"),
    ("phong-giao-duc-dao-tao", "Phòng Giáo dục và Đào tạo", "department"),
    ("phong-y-te", "Phòng Y tế", "department"),
    ("phong-lao-dong-tbxh", "Phòng Lao động - Thương binh và Xã hội", "department"),
    ("phong-kinh-te-ha-tang", "Phòng Kinh tế - Hạ tầng", "department"),
    ("phong-nong-nghiep", "Phòng Nông nghiệp và Phát triển nông thôn", "department"),
    ("phong-dan-toc", "Phòng Dân tộc", "department"),
    ("thanh-tra-huyen", "Thanh tra huyện", "office"),
    ("van-phong-hdnd-ubnd", "Văn phòng HĐND và UBND huyện", "office"),
    ("trung-tam-vh-tt", "Trung tâm Văn hóa - Thể thao và Truyền thông", "public-service"),
    ("ban-qlda", "Ban Quản lý dự án đầu tư xây dựng", "public-service"),
    ("uy-ban-mttq", "Ủy ban MTTQ Việt Nam huyện", "organisation"),
    ("huyen-doan", "Huyện đoàn", "organisation"),
    ("hoi-lhpn", "Hội Liên hiệp Phụ nữ huyện", "organisation"),
)
TASK_TITLES = (
    "Niêm yết công khai, đầy đủ thủ tục hành chính tại Bộ phận Một cửa",
    "Tổ chức đối thoại giữa người đứng đầu chính quyền với Nhân dân",
    "Cập nhật, vận hành Trang thông tin điện tử của đơn vị",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Tuyên truyền cải cách hành chính trên hệ thống truyền thanh cơ sở",
    "Khảo sát mức độ hài lòng của người dân, tổ chức",
    "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền",
    "Kiểm tra công tác cải cách hành chính và kỷ luật, kỷ cương hành chính",
    "Công khai dự toán, quyết toán ngân sách và các khoản đóng góp của Nhân dân",
    "Thực hiện Luật Thực hiện dân chủ ở cơ sở",
    "Tiếp công dân định kỳ và đột xuất của người đứng đầu",
    "Giải quyết đơn khiếu nại, tố cáo đúng thời hạn",
    "Bồi dưỡng kỹ năng giao tiếp, ứng xử cho công chức Bộ phận Một cửa",
    "Triển khai dịch vụ công trực tuyến toàn trình",
    "Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí",
    "Lấy ý kiến Nhân dân về quy hoạch, kế hoạch sử dụng đất",
    "Công khai danh sách hộ nghèo, hộ cận nghèo được hỗ trợ",
    "Phòng, chống tham nhũng, tiêu cực trong giải quyết thủ tục hành chính",
    "Bảo đảm an toàn thực phẩm, vệ sinh môi trường nơi công cộng",
    "Nâng cao chất lượng dịch vụ y tế, giáo dục công lập",
)
VERBS = ("Đã tổ chức", "Đã triển khai", "Đã hoàn thành", "Đã thực hiện", "Tiếp tục duy trì")
OBJECTS = (
    "cuộc họp thôn bàn việc triển khai",
    "lượt tuyên truyền trên loa truyền thanh",
    "thủ tục hành chính được niêm yết",
    "hồ sơ được số hóa và lưu trữ điện tử",
    "cuộc đối thoại với người dân",
    "tin, bài đăng trên Trang thông tin điện tử",
    "lượt công dân được tiếp và hướng dẫn",
    "phiếu khảo sát được phát ra và thu về",
)
PLACES = (
    "thôn 1",
    "thôn 2",
    "thôn 3",
    "thôn Tăk Pổ",
    "thôn Ông Bình",
    "trụ sở UBND",
    "nhà văn hóa",
)
REMARKS = (
    "Người dân đồng tình, hưởng ứng và tham gia đầy đủ.",
    "Kết quả được tổng hợp, báo cáo đúng thời gian quy định.",
    "Một số hộ ở xa chưa tiếp cận được thông tin do địa hình đồi núi chia cắt.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%, không có hồ sơ quá hạn.",
    "Đã phân công công chức phụ trách và theo dõi tiến độ hằng tháng.",
)
DIFFICULTIES = (
    "Đường truyền internet chập chờn, thiết bị máy tính đã xuống cấp.",
    "Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa bão.",
    "Trình độ công nghệ thông tin của một bộ phận người dân còn hạn chế.",
    "Kinh phí thực hiện còn hạn hẹp, chưa bố trí kịp thời.",
)
PROPOSALS = (
    "Đề nghị UBND huyện hỗ trợ máy scan, máy tính cho Bộ phận Một cửa.",
    "Đề nghị Phòng Nội vụ tổ chức tập huấn kỹ năng số hóa hồ sơ cho công chức.",
    "Kiến nghị bố trí kinh phí cho công tác tuyên truyền cải cách hành chính.",
    "Đề nghị nâng cấp đường truyền internet cho các xã vùng sâu, vùng xa.",
)
DOC_KINDS = (
    ("KH", "Kế hoạch triển khai"),
    ("BC", "Báo cáo kết quả"),
    ("TB", "Thông báo"),
    ("QĐ", "Quyết định ban hành quy chế"),
    ("CV", "Công văn hướng dẫn"),
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hồ", "Võ", "Đinh", "Hồ Thị", "Nguyễn Văn")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hạnh", "Lan", "Minh", "Phương", "Quý", "Thảo", "Xuân")
INDICATORS: tuple[dict[str, Any], ...] = (
    {"id": "ho-so-tiep-nhan", "name": "Hồ sơ tiếp nhận", "unit": "hồ sơ"},
    {"id": "ho-so-dung-han", "name": "Hồ sơ giải quyết đúng hạn", "unit": "hồ sơ"},
    {
        "id": "ty-le-dung-han",
        "name": "Tỷ lệ hồ sơ đúng hạn",
        "unit": "%",
        "aggregate": "ratio",
        "numerator": "ho-so-dung-han",
        "denominator": "ho-so-tiep-nhan",
        "percent": True,
    },
    {"id": "ho-so-truc-tuyen", "name": "Hồ sơ nộp trực tuyến", "unit": "hồ sơ"},
    {"id": "cuoc-doi-thoai", "name": "Cuộc đối thoại với người dân", "unit": "cuộc"},
    {"id": "luot-tiep-dan", "name": "Lượt tiếp công dân", "unit": "lượt"},
    {"id": "tin-bai", "name": "Tin, bài tuyên truyền", "unit": "tin, bài"},
    {"id": "diem-hai-long", "name": "Điểm hài lòng bình quân", "unit": "điểm", "aggregate": "mean"},
)
REPORTABLE = [ind["id"] for ind in INDICATORS if ind.get("aggregate") != "ratio"]
SIPAS = ("F1", "F2", "F3", "F4", "F5")
PAPI = ("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8")
