"""The text of plan 149-KH/HU (Thạch Thành, 07/3/2023), the template a new plan is drafted from.

Source: shared/reference/ke-hoach-149-KH-HU-2023.md (the restored text of the signed plan). These are
the plan's own words, printed in Vietnamese whatever the reader's language, like any official text.
"""

MODEL_NAME = "“Chính quyền thân thiện, vì Nhân dân phục vụ”"

IMPLEMENTS = [
    "Kế hoạch số 93-KH/BDVTU ngày 10/2/2023 của Ban Dân vận Tỉnh ủy Thanh Hóa xây dựng mô hình "
    f"{MODEL_NAME} trên địa bàn tỉnh Thanh Hóa năm 2023",
    "Công văn số 1065-CV/HU ngày 13/02/2023 của Ban Thường vụ Huyện ủy về việc lãnh đạo, chỉ đạo "
    "thực hiện chủ đề “Năm đẩy mạnh phong trào thi đua Dân vận khéo” 2023",
]

PREAMBLE_END = (
    f"Ban Thường vụ Huyện ủy ban hành Kế hoạch xây dựng mô hình {MODEL_NAME} ở các xã, thị trấn "
    "trên địa bàn huyện như sau:"
)

PURPOSES = [
    "Thông qua việc xây dựng các mô hình điểm ở xã, thị trấn để tiếp tục tuyên truyền nâng cao nhận "
    "thức, trách nhiệm của chính quyền cấp cơ sở, của cán bộ, đảng viên, công chức, viên chức trong "
    "thực hiện nhiệm vụ công tác dân vận và phong trào thi đua “Dân vận khéo”; tập trung xây dựng "
    "thành công mô hình, góp phần thực hiện thắng lợi các nhiệm vụ chính trị của địa phương, đơn vị.",
    "Xây dựng mô hình nhằm đánh giá đúng thực trạng công tác dân vận của chính quyền ở cơ sở, từ đó "
    "rút ra bài học kinh nghiệm, đề ra nhiệm vụ, giải pháp lãnh đạo, chỉ đạo công tác dân vận chính "
    "quyền trong tình hình mới.",
    "Việc xây dựng mô hình phải thiết thực, hiệu quả, có tính thực tiễn.",
]

CONTENT_AREAS = [
    "Tuyên truyền, phổ biến sâu rộng, đầy đủ các chủ trương, nghị quyết của Đảng, chính sách, pháp "
    "luật của Nhà nước đến người dân; kịp thời cụ thể hóa chủ trương, nghị quyết của cấp ủy để phát "
    "triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh, xây dựng hệ thống chính trị vững mạnh, "
    "nâng cao đời sống Nhân dân.",
    "Tuyên truyền, vận động nhân dân tham gia thực hiện các chủ trương, chương trình phát triển kinh "
    "tế - xã hội, đảm bảo quốc phòng - an ninh của địa phương, đơn vị.",
    "Thực hiện đầy đủ, nghiêm túc quy chế dân chủ ở cơ sở; công khai, minh bạch các chủ trương, chính "
    "sách, các chương trình, đề án phát triển kinh tế - xã hội ở địa phương; các khoản thu, chi từ "
    "ngân sách và các nguồn khác theo quy định, phát huy quyền làm chủ của Nhân dân; ban hành và "
    "triển khai thực hiện tốt các quy chế, quy định của địa phương, hương ước, quy ước ở thôn, khu phố.",
    "Nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước trên các lĩnh vực; đẩy mạnh cải cách hành "
    "chính và quy trình giải quyết thủ tục hành chính theo quy định của pháp luật; nâng cao đạo đức "
    "công vụ; thực hiện có hiệu quả công tác tiếp dân, đối thoại, giải quyết đơn thư, khiếu nại, tố "
    "cáo, kiến nghị, đề xuất chính đáng của tổ chức, công dân và doanh nghiệp, không để có vấn đề phát "
    "sinh ở cơ sở.",
    "Thực hiện tốt công tác phối hợp với Khối Dân vận, Mặt trận Tổ quốc, các đoàn thể chính trị - xã "
    "hội. Tổ chức lấy ý kiến Mặt trận Tổ quốc, các đoàn thể nhân dân tham gia xây dựng các chính sách, "
    "quy hoạch và những chương trình dự án lớn của địa phương. Thường xuyên lắng nghe và giải quyết "
    "kịp thời ý kiến của Mặt trận Tổ quốc, các đoàn thể phản ánh, đề xuất và các kiến nghị chính đáng "
    "của Nhân dân; tạo điều kiện cho Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội thực hiện tốt "
    "vai trò giám sát, phản biện xã hội, góp ý xây dựng Đảng, xây dựng chính quyền trong sạch, vững mạnh.",
    "Thực hiện tốt công tác kiểm tra, sơ kết, tổng kết, thi đua, khen thưởng trong việc triển khai "
    "thực hiện công tác dân vận chính quyền ở cơ sở.",
]

PROCESS_STEPS = [
    "Khảo sát lựa chọn đơn vị triển khai kế hoạch xây dựng mô hình tại các địa phương, đơn vị.",
    "Các xã, thị trấn được lựa chọn xây dựng mô hình thí điểm xây dựng kế hoạch và các văn bản liên "
    "quan để tổ chức ra mắt và tập huấn xây dựng mô hình năm 2023.",
    "Tổ chức lễ ra mắt mô hình và tập huấn nghiệp vụ công tác dân vận chính quyền cơ sở cho đội ngũ "
    "cán bộ làm công tác dân vận chính quyền, đoàn thể và cán bộ thôn, khu phố.",
    "Tổ chức triển khai thực hiện các nội dung xây dựng mô hình.",
    "Tổ chức hội nghị đối thoại giữa chính quyền với MTTQ, các đoàn thể và Nhân dân.",
    "Tổ chức kiểm tra, tổng kết, đánh giá kết quả xây dựng mô hình tại xã, thị trấn.",
]

PLACE_TEXT = (
    "03 xã, thị trấn trong năm 2023; mô hình điểm tại thị trấn Vân Du trong tháng 3/2023, sau đó "
    "lựa chọn 2 xã để nhân rộng."
)

RECIPIENTS = [
    "- Ban Dân vận Tỉnh ủy (b/c),",
    "- UBND Tỉnh (b/c),",
    "- Thường trực Huyện ủy (b/c),",
    "- UBND huyện,",
    "- MTTQ, đoàn thể huyện,",
    "- Đảng ủy, UBND các xã, thị trấn,",
    "- Lưu VPHU.",
]

# Section IV.2, as milestones: (kind, from month, to month, text).
TIMELINE = [
    ("survey", 2, 2, "Khảo sát lựa chọn đơn vị triển khai."),
    (
        "launch",
        3,
        3,
        "Tổ chức hội nghị triển khai kế hoạch, ra mắt mô hình điểm; tập huấn công tác Dân vận "
        "chính quyền.",
    ),
    ("implementation", 4, 11, "Hướng dẫn, kiểm tra việc triển khai thực hiện kế hoạch."),
    (
        "dialogue",
        6,
        6,
        "Tổ chức Hội nghị đối thoại giữa chính quyền với MTTQ, các đoàn thể chính trị - xã hội và "
        "Nhân dân.",
    ),
    (
        "dialogue",
        11,
        11,
        "Tổ chức Hội nghị đối thoại giữa chính quyền với MTTQ, các đoàn thể chính trị - xã hội và "
        "Nhân dân.",
    ),
    ("inspection", 4, 11, "Kiểm tra đánh giá mô hình thí điểm."),
    ("review", 11, 11, "Đánh giá kết quả xây dựng mô hình."),
]

# Section V, as tasks per body: (order, heading of the body in the plan, body kind, level, tasks).
ORGANIZATION = [
    (
        "Ban Dân vận Huyện ủy",
        "mass_mobilization_board",
        "district",
        [
            "Phối hợp UBND huyện xây dựng kế hoạch và văn bản hướng dẫn.",
            "Phối hợp Ban Dân vận Tỉnh ủy tổ chức tập huấn cho cán bộ, công chức UBND xã, thị trấn, "
            "cán bộ thôn, khu phố.",
            "Lập dự toán kinh phí hỗ trợ một phần cho các địa phương được chọn xây dựng mô hình điểm.",
        ],
    ),
    (
        "Ban Chấp hành Đảng ủy các xã, thị trấn",
        "party_committee",
        "commune",
        [
            "Lãnh đạo, chỉ đạo Khối Dân vận và UBND phối hợp triển khai, sáng tạo, phù hợp điều kiện "
            "địa phương.",
            "Chỉ đạo UBND tổ chức ra mắt và tập huấn.",
            "Cân đối kinh phí đầu tư cơ sở vật chất.",
        ],
    ),
    (
        "Khối Dân vận các xã, thị trấn",
        "fatherland_front",
        "commune",
        [
            "Báo cáo chủ trương với Thường trực cấp ủy, phối hợp UBND xây dựng kế hoạch, chuẩn bị "
            "điều kiện, tổ chức triển khai.",
            "Tham mưu cho Đảng ủy lãnh đạo, chỉ đạo.",
        ],
    ),
    (
        "Ban Dân vận Huyện ủy",
        "mass_mobilization_board",
        "district",
        [
            "Tham mưu cho Thường trực Huyện ủy triển khai; hướng dẫn các xã, thị trấn.",
            "Tổ chức kiểm tra, đánh giá, sơ kết, tổng kết.",
            "Tham mưu báo cáo kết quả với Ban Thường vụ Huyện ủy.",
        ],
    ),
]

# The inspection checklist drafted with a plan: (content area, criterion, figure key). A key names
# a figure another app registers (thanthien.core.figures); until it does, the criterion shows
# "no figure".
CHECKLIST = [
    (1, "Tuyên truyền, phổ biến chủ trương, chính sách đến Nhân dân", ""),
    (
        2,
        "Vận động Nhân dân tham gia các chương trình phát triển kinh tế - xã hội",
        "participation.campaign_progress",
    ),
    (3, "Công khai, minh bạch theo quy chế dân chủ ở cơ sở", "disclosure.compliance"),
    (4, "Giải quyết đơn thư, kiến nghị đúng thời hạn", "petitions.on_time"),
    (4, "Tiếp công dân định kỳ của Chủ tịch UBND", ""),
    (5, "Lấy ý kiến MTTQ, đoàn thể và trả lời ý kiến", "participation.opinions_answered"),
    (5, "Tổ chức hội nghị đối thoại với Nhân dân", "meetings.dialogues_held"),
    (5, "Thực hiện cam kết sau đối thoại", "meetings.commitments_kept"),
    (6, "Kiểm tra, sơ kết, thi đua trong thực hiện mô hình", ""),
]
