"""Complaints (Luật Khiếu nại 2011) of the last ten months: 24 first complaints in every state of
their workflow, three of them appealed to UBND huyện as second complaints, so that the statutory
pages (inboxes, stages, the overdue list, decision documents) have something real to show, dated
from the day the demo is loaded.

Every case goes through the room's services only (submit, accept, refuse, verify,
dialogue, decide, finalize, appeal, withdraw), so its log, audit rows and deadlines (from
``LegalRule``) are the platform's own; each step runs with the clock set to the moment it happened,
the steps of all cases in the order of those moments.

Loading is idempotent (the first-instance cases carry a ``submission_key`` starting "demo-s-kn-"; a
second-instance case is found through its first instance) and deterministic for a given day (one
seeded generator), except for the tracking codes. Nobody real is named: people are placeholders
("Nguyễn Văn M"), phone numbers follow the demo's "09x?000???" pattern.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thanthien.complaints import services as complaint_services
from thanthien.petitions import cases
from thanthien.petitions.models import Channel, ComplaintCase, Kind, Petition, State
from thanthien.petitions.workflow import OPEN_STATUTORY

from ._cases import CasePlanner, Plan, key_by_date, load_cases
from ._helpers import KIM_TAN, PILOT_CODE, THACH_BINH, Step, Today, story, submit_planned, user
from .units_people import Office, offices

SEED = 2023
KEY_PREFIX = "demo-s-kn-"
VAN_DU = PILOT_CODE
DISTRICT_BODY = "UBND huyện Thạch Thành"
DISTRICT_HANDLER = "huyen.thanhtra"


# --- Complaint stories ------------------------------------------------------------------------------
#
# Placeholders: {village}, {other_village}, {commune}, {committee}, {person} (the complainant),
# {neighbor}, {elder} (a woman), {elder_m} (a man), {child}, {project}, {number} (of the act),
# {act_date}, {month}, {area}, {amount}, {fruit}, {verify_date}, {dialogue_date}.

LAND_COMPENSATION_LAW = (
    "Luật Khiếu nại 2011; Luật Đất đai 2013 và Nghị định 47/2014/NĐ-CP quy định về bồi thường, hỗ "
    "trợ, tái định cư khi Nhà nước thu hồi đất (dự án có quyết định thu hồi đất trước ngày "
    "01/8/2024, tiếp tục thực hiện theo quy định chuyển tiếp của Luật Đất đai 2024)"
)
SOCIAL_LAW = (
    "Nghị định 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội "
    "(sửa đổi, bổ sung bởi Nghị định 76/2024/NĐ-CP)"
)


@dataclass(frozen=True)
class Story:
    field: str
    title: str
    content: str
    act: str
    respondent: str
    verification: str
    dialogue_record: str
    dialogue_result: str
    legal_basis: str
    conclusion: str
    outcome: str
    compensation: str = ""
    appeal: str = ""


OUT = ComplaintCase.Outcome
STORIES: dict[str, Story] = {
    "compensation-assets": Story(
        "land",
        "Khiếu nại việc kiểm đếm thiếu cây trồng, vật kiến trúc khi thu hồi đất ở {village}",
        "Gia đình tôi có thửa đất vườn tại {village} bị thu hồi một phần ({area} m²) để thực hiện "
        "{project}. Biên bản kiểm đếm do Tổ công tác giải phóng mặt bằng {commune} lập ngày "
        "{act_date} chỉ ghi số cây keo, bỏ sót hàng rào xây gạch dài khoảng 25 m, giếng khoan và "
        "{fruit} cây bưởi đang cho quả. Tôi đã ký biên bản nhưng có ghi ý kiến không đồng ý. Đề nghị "
        "kiểm đếm lại để bồi thường đúng, đủ cho gia đình.",
        "Biên bản kiểm đếm đất đai, tài sản gắn liền với đất ngày {act_date} của Tổ công tác giải "
        "phóng mặt bằng {commune} đối với thửa đất của hộ ông/bà {person} tại {village}",
        "UBND {commune} (Tổ công tác giải phóng mặt bằng)",
        "Ngày {verify_date}, Tổ xác minh gồm công chức Địa chính - Xây dựng, đại diện Ban điều hành "
        "{village} và đơn vị tư vấn đo đạc đã kiểm đếm lại tại thực địa, có mặt người khiếu nại. Kết "
        "quả: trên phần diện tích thu hồi có hàng rào xây gạch dài 24,5 m, 01 giếng khoan sâu 30 m và "
        "{fruit} cây bưởi trên 5 năm tuổi chưa được ghi vào biên bản kiểm đếm ngày {act_date}; số "
        "cây keo ghi trong biên bản là đúng.",
        "Ngày {dialogue_date}, tại trụ sở {committee}, Chủ tịch UBND chủ trì đối thoại với ông/bà "
        "{person}; dự có công chức Địa chính - Xây dựng, đại diện Ban Bồi thường giải phóng mặt bằng "
        "huyện và Trưởng {village}. Người khiếu nại giữ nguyên yêu cầu kiểm đếm bổ sung hàng rào, "
        "giếng khoan và cây bưởi; đại diện Tổ công tác thừa nhận bỏ sót do kiểm đếm vào ngày mưa, "
        "một phần khu vườn bị ngập nước.",
        "Hai bên thống nhất lập biên bản kiểm đếm bổ sung; người khiếu nại đồng ý với số cây keo đã "
        "kiểm đếm.",
        LAND_COMPENSATION_LAW
        + "; đơn giá bồi thường tài sản, cây trồng do UBND tỉnh Thanh Hóa ban "
        "hành.",
        "Khiếu nại của ông/bà {person} là đúng một phần: biên bản kiểm đếm ngày {act_date} bỏ sót "
        "hàng rào, giếng khoan và {fruit} cây bưởi; việc kiểm đếm cây keo là đúng.",
        OUT.AMEND,
        "Lập biên bản kiểm đếm bổ sung; đề nghị Ban Bồi thường giải phóng mặt bằng huyện điều chỉnh "
        "phương án, bồi thường thêm khoảng {amount} đồng cho hộ ông/bà {person}.",
    ),
    "compensation-origin": Story(
        "land",
        "Khiếu nại việc xác nhận nguồn gốc đất để tính bồi thường",
        "Thửa đất {area} m² của gia đình tôi ở {village} nằm trong {project}. UBND {commune} xác "
        "nhận phần đất vườn là đất nông nghiệp nên gia đình chỉ được bồi thường theo giá đất nông "
        "nghiệp. Gia đình tôi sử dụng ổn định từ năm 1992, có nhà ở trên đất, nên đề nghị xác nhận "
        "là đất vườn liền kề đất ở để được bồi thường, hỗ trợ đúng quy định.",
        "Văn bản xác nhận nguồn gốc, thời điểm sử dụng đất số {number}/XN-UBND ngày {act_date} của "
        "UBND {commune} đối với thửa đất của hộ ông/bà {person}",
        "Chủ tịch UBND {commune}",
        "Đối chiếu bản đồ địa chính năm 1997, sổ mục kê và hồ sơ kê khai đăng ký đất đai năm 2003: "
        "phần diện tích thu hồi được đăng ký là đất trồng cây lâu năm, là thửa riêng với thửa đất ở "
        "từ năm 1997. Biên bản làm việc ngày {verify_date} với các hộ giáp ranh và Ban điều hành "
        "{village} cho thấy hộ gia đình làm nhà trên thửa đất ở liền kề, không có nhà trên phần đất "
        "bị thu hồi.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person} tại trụ sở "
        "UBND; dự có công chức Địa chính - Xây dựng, Trưởng {village} và hai hộ giáp ranh. Người "
        "khiếu nại trình bày việc sử dụng đất từ năm 1992; cơ quan xác minh trình bày hồ sơ địa "
        "chính các năm 1997, 2003 thể hiện phần đất thu hồi là thửa riêng, đất trồng cây lâu năm.",
        "Người khiếu nại chưa đồng ý, đề nghị UBND ra quyết định giải quyết để có căn cứ khiếu nại "
        "tiếp.",
        LAND_COMPENSATION_LAW + "; Nghị định 43/2014/NĐ-CP quy định chi tiết thi hành một số điều "
        "của Luật Đất đai 2013.",
        "Khiếu nại của ông/bà {person} là không có cơ sở. Phần đất bị thu hồi là thửa đất trồng cây "
        "lâu năm tách riêng từ năm 1997, không phải đất vườn trong cùng thửa có nhà ở; việc UBND "
        "{commune} xác nhận nguồn gốc, thời điểm sử dụng đất là đúng quy định. Hộ gia đình được hỗ "
        "trợ theo quy định đối với đất nông nghiệp bị thu hồi.",
        OUT.KEEP,
        appeal="Tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND "
        "{commune}. Đề nghị Chủ tịch UBND huyện Thạch Thành giải quyết lần hai, xem xét lại toàn bộ "
        "hồ sơ nguồn gốc đất, vì gia đình tôi sử dụng đất liên tục từ năm 1992.",
    ),
    "compensation-support": Story(
        "land",
        "Không được xác nhận trực tiếp sản xuất nông nghiệp khi bị thu hồi đất",
        "Gia đình tôi bị thu hồi {area} m² đất trồng lúa ở cánh đồng {village} để thực hiện "
        "{project}. UBND {commune} không xác nhận gia đình tôi là hộ trực tiếp sản xuất nông nghiệp "
        "với lý do vợ chồng tôi có đi làm thuê, nên gia đình không được hỗ trợ ổn định đời sống và "
        "hỗ trợ chuyển đổi nghề. Thực tế cả nhà vẫn cấy hai vụ lúa mỗi năm, chỉ đi làm thuê lúc nông "
        "nhàn.",
        "Văn bản số {number}/UBND ngày {act_date} của UBND {commune} không xác nhận hộ ông/bà "
        "{person} là hộ gia đình trực tiếp sản xuất nông nghiệp",
        "Chủ tịch UBND {commune}",
        "Ngày {verify_date}, Tổ xác minh làm việc với Ban điều hành {village}, Hợp tác xã dịch vụ "
        "nông nghiệp và các hộ canh tác liền kề. Kết quả: hộ ông/bà {person} được giao đất nông "
        "nghiệp theo Nghị định 64/CP, trực tiếp canh tác hai vụ lúa mỗi năm, nộp đủ phí dịch vụ thủy "
        "lợi; thu nhập từ làm thuê theo mùa vụ không phải thu nhập thường xuyên từ tiền lương.",
        "Ngày {dialogue_date}, tại trụ sở {committee}, Chủ tịch UBND đối thoại với ông/bà {person}; "
        "dự có công chức Địa chính - Xây dựng, Trưởng {village}, đại diện Hợp tác xã. Người khiếu "
        "nại xuất trình sổ theo dõi nộp phí thủy lợi các năm gần đây; Trưởng {village} xác nhận gia "
        "đình trực tiếp cấy lúa.",
        "Hai bên thống nhất UBND xác nhận lại; phần hỗ trợ chuyển đổi nghề do Ban Bồi thường giải "
        "phóng mặt bằng huyện tính lại.",
        LAND_COMPENSATION_LAW + "; Nghị định 01/2017/NĐ-CP sửa đổi, bổ sung các nghị định quy định "
        "chi tiết thi hành Luật Đất đai 2013.",
        "Khiếu nại của ông/bà {person} là đúng. Văn bản số {number}/UBND ngày {act_date} không xác "
        "nhận hộ gia đình trực tiếp sản xuất nông nghiệp là chưa đúng quy định.",
        OUT.CANCEL_ALL,
        "Xác nhận hộ ông/bà {person} là hộ trực tiếp sản xuất nông nghiệp; đề nghị Ban Bồi thường "
        "giải phóng mặt bằng huyện bổ sung hỗ trợ ổn định đời sống và hỗ trợ đào tạo, chuyển đổi "
        "nghề, tìm kiếm việc làm (khoảng {amount} đồng).",
    ),
    "certificate-public-land": Story(
        "land",
        "Khiếu nại việc trả hồ sơ cấp giấy chứng nhận quyền sử dụng đất ven mương",
        "Năm 2016 gia đình tôi mua lại của hộ ông {neighbor} một phần đất ven mương thủy lợi ở "
        "{village}, diện tích khoảng {area} m², đã làm nhà tạm để ở. Tôi nộp hồ sơ đề nghị cấp giấy "
        "chứng nhận quyền sử dụng đất lần đầu thì UBND {commune} trả hồ sơ, cho rằng đất do UBND quản "
        "lý. Việc mua bán có giấy viết tay, có người làm chứng, gia đình sử dụng ổn định; đề nghị xem "
        "xét cấp giấy.",
        "Thông báo số {number}/TB-UBND ngày {act_date} của UBND {commune} trả hồ sơ đề nghị cấp giấy "
        "chứng nhận quyền sử dụng đất lần đầu của hộ ông/bà {person}",
        "Chủ tịch UBND {commune}",
        "Đối chiếu bản đồ địa chính và sổ theo dõi đất công: thửa đất ông/bà {person} đang sử dụng "
        "thuộc phạm vi bảo vệ mương tưới tiêu do UBND {commune} quản lý, được thống kê là đất thủy "
        "lợi từ năm 2005. Ngày {verify_date}, ông {neighbor} xác nhận phần đất đã bán là đất ven "
        "mương gia đình tự khai hoang, không được giao; việc chuyển nhượng bằng giấy viết tay năm "
        "2016 không làm phát sinh quyền sử dụng đất.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}, có mặt ông "
        "{neighbor}, công chức Địa chính - Xây dựng và Trưởng {village}. Ông {neighbor} thừa nhận "
        "phần đất bán là đất ven mương do gia đình khai hoang. Người khiếu nại đề nghị được tiếp tục "
        "sử dụng tạm thời đến khi có quy hoạch.",
        "Người khiếu nại hiểu rõ nguồn gốc đất nhưng chưa đồng ý với việc trả hồ sơ.",
        "Luật Khiếu nại 2011; Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP quy định về điều tra cơ bản "
        "đất đai, đăng ký, cấp giấy chứng nhận quyền sử dụng đất; Luật Thủy lợi 2017.",
        "Khiếu nại của ông/bà {person} là không có cơ sở. Thửa đất thuộc phạm vi bảo vệ công trình "
        "thủy lợi do UBND {commune} quản lý, không đủ điều kiện cấp giấy chứng nhận; việc trả hồ sơ là "
        "đúng quy định. Hộ gia đình được sử dụng tạm thời nhà hiện có, không được xây dựng thêm.",
        OUT.KEEP,
        appeal="Không đồng ý với quyết định giải quyết khiếu nại lần đầu; gia đình đã sử dụng đất ổn "
        "định gần mười năm, không có tranh chấp. Đề nghị UBND huyện Thạch Thành xem xét lại.",
    ),
    "certificate-dispute": Story(
        "land",
        "Hồ sơ cấp giấy chứng nhận bị trả lại vì tranh chấp đã hòa giải xong",
        "Tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho thửa đất {area} m² ở {village}. "
        "UBND {commune} trả hồ sơ với lý do đất đang có tranh chấp ranh giới với hộ ông {neighbor}. "
        "Tuy nhiên hai gia đình đã hòa giải thành tại UBND từ {month}, có biên bản hòa giải và đã cắm "
        "lại mốc giới. Đề nghị UBND tiếp nhận lại hồ sơ.",
        "Thông báo số {number}/TB-UBND ngày {act_date} của UBND {commune} trả hồ sơ đề nghị cấp giấy "
        "chứng nhận quyền sử dụng đất của hộ ông/bà {person} với lý do đất có tranh chấp",
        "UBND {commune} (bộ phận tiếp nhận và trả kết quả)",
        "Kiểm tra sổ hòa giải tranh chấp đất đai: trong {month}, UBND {commune} đã hòa giải thành "
        "tranh chấp ranh giới giữa hộ ông/bà {person} và hộ ông {neighbor}; biên bản có chữ ký của hai "
        "bên và đã được thực hiện (cắm mốc giới, kiểm tra ngày {verify_date}). Bộ phận tiếp nhận căn "
        "cứ đơn tranh chấp cũ, chưa cập nhật kết quả hòa giải khi trả hồ sơ.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có ông "
        "{neighbor}, công chức Địa chính - Xây dựng và công chức bộ phận một cửa. Ông {neighbor} xác "
        "nhận không còn tranh chấp; bộ phận một cửa thừa nhận sai sót khi trả hồ sơ.",
        "Các bên thống nhất thửa đất không còn tranh chấp; UBND tiếp nhận lại hồ sơ.",
        "Luật Khiếu nại 2011; Luật Đất đai 2024 (hòa giải tranh chấp đất đai tại UBND cấp xã); Nghị "
        "định 101/2024/NĐ-CP.",
        "Khiếu nại của ông/bà {person} là đúng. Tranh chấp đã được hòa giải thành và thực hiện xong; "
        "việc trả hồ sơ với lý do đất có tranh chấp là không đúng. Hủy thông báo trả hồ sơ, tiếp nhận "
        "lại hồ sơ ngay khi người khiếu nại nộp lại; nhắc nhở công chức liên quan.",
        OUT.CANCEL_ALL,
    ),
    "allowance-elderly": Story(
        "social-policy",
        "Khiếu nại việc dừng chi trả trợ cấp xã hội hằng tháng cho người cao tuổi",
        "Mẹ tôi là bà {elder}, 86 tuổi, ở {village}, đang hưởng trợ cấp xã hội hằng tháng đối với "
        "người cao tuổi. Từ {month}, UBND {commune} dừng chi trả, cán bộ nói mẹ tôi đã có lương hưu. "
        "Thực tế mẹ tôi không có lương hưu, chỉ nhận trợ cấp tuất một lần khi bố tôi mất. Đề nghị "
        "kiểm tra và chi trả lại cho mẹ tôi.",
        "Việc UBND {commune} dừng chi trả trợ cấp xã hội hằng tháng đối với bà {elder} từ {month}",
        "UBND {commune} (công chức Văn hóa - Xã hội)",
        "Ngày {verify_date}, công chức Văn hóa - Xã hội đối chiếu dữ liệu với Bảo hiểm xã hội huyện "
        "Thạch Thành: bà {elder} không hưởng lương hưu hay trợ cấp bảo hiểm xã hội hằng tháng, chỉ "
        "nhận trợ cấp tuất một lần năm 2019. Việc dừng chi trả do nhầm với một người trùng họ tên ở "
        "{other_village} có lương hưu.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person} (con, được bà "
        "{elder} ủy quyền); dự có công chức Văn hóa - Xã hội và Trưởng {village}. Công chức Văn hóa - "
        "Xã hội nhận thiếu sót do không đối chiếu năm sinh, quê quán khi rà soát.",
        "Các bên thống nhất khôi phục trợ cấp và truy lĩnh các tháng bị dừng.",
        "Luật Khiếu nại 2011; Luật Người cao tuổi 2009; " + SOCIAL_LAW + ".",
        "Khiếu nại là đúng. Việc dừng chi trả trợ cấp xã hội hằng tháng đối với bà {elder} là không "
        "có căn cứ.",
        OUT.CANCEL_ALL,
        "Khôi phục chi trả trợ cấp từ tháng liền kề; truy lĩnh toàn bộ các tháng bị dừng chi trả.",
    ),
    "allowance-disability": Story(
        "social-policy",
        "Khiếu nại kết quả xác định lại mức độ khuyết tật của con",
        "Con tôi là cháu {child}, bị khuyết tật vận động từ nhỏ, trước đây được xác định khuyết tật "
        "đặc biệt nặng. Sau đợt xác định lại {month}, Hội đồng xác định mức độ khuyết tật {commune} "
        "đánh giá cháu là khuyết tật nặng, mức trợ cấp hằng tháng bị giảm. Gia đình không đồng ý vì "
        "cháu vẫn không tự đi lại, tự phục vụ được.",
        "Giấy xác nhận khuyết tật số {number} ngày {act_date} do Chủ tịch UBND {commune} cấp cho cháu "
        "{child} theo kết luận của Hội đồng xác định mức độ khuyết tật",
        "Chủ tịch UBND {commune}",
        "Tổ xác minh đề nghị Trung tâm Y tế huyện Thạch Thành khám, đánh giá lại. Biên bản khám ngày "
        "{verify_date} xác định cháu {child} tự ăn uống, vệ sinh cá nhân được với sự hỗ trợ một phần, "
        "di chuyển bằng xe lăn; kết quả phù hợp mức khuyết tật nặng theo bộ tiêu chí quy định.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có thành viên "
        "Hội đồng xác định mức độ khuyết tật, công chức Văn hóa - Xã hội và bác sĩ Trạm Y tế. Hội "
        "đồng giải thích từng tiêu chí; người khiếu nại đề nghị được giám định tại Hội đồng giám định "
        "y khoa tỉnh.",
        "Người khiếu nại chưa đồng ý; UBND hướng dẫn thủ tục đề nghị Hội đồng giám định y khoa giám "
        "định lại.",
        "Luật Khiếu nại 2011; Luật Người khuyết tật 2010; Nghị định 28/2012/NĐ-CP quy định chi tiết "
        "Luật Người khuyết tật; Thông tư 01/2019/TT-BLĐTBXH về xác định mức độ khuyết tật; "
        + SOCIAL_LAW
        + ".",
        "Khiếu nại là không có cơ sở. Hội đồng xác định mức độ khuyết tật thực hiện đúng trình tự và "
        "bộ tiêu chí; kết quả khám lại phù hợp mức khuyết tật nặng. Gia đình có quyền đề nghị Hội "
        "đồng giám định y khoa giám định nếu không đồng ý.",
        OUT.KEEP,
        appeal="Gia đình không đồng ý với quyết định giải quyết lần đầu, vì cháu không thể tự phục vụ; "
        "đề nghị Chủ tịch UBND huyện Thạch Thành giải quyết lần hai và cho giám định lại.",
    ),
    "funeral-support": Story(
        "social-policy",
        "Khiếu nại việc không giải quyết hỗ trợ chi phí mai táng",
        "Bố tôi là ông {elder_m}, đang hưởng trợ cấp xã hội hằng tháng, mất {month}. Tôi là con, trực "
        "tiếp lo mai táng, đã nộp hồ sơ đề nghị hỗ trợ chi phí mai táng. UBND {commune} trả lời không "
        "giải quyết vì cho rằng người tổ chức mai táng là chú tôi, người đứng tên trong tờ khai. Thực "
        "tế chú tôi chỉ viết hộ tờ khai. Đề nghị xem xét lại.",
        "Văn bản số {number}/UBND ngày {act_date} của UBND {commune} trả lời không giải quyết hỗ trợ "
        "chi phí mai táng đối với ông {elder_m}",
        "Chủ tịch UBND {commune}",
        "Ngày {verify_date}, xác minh tại {village}: Trưởng {village} và các hộ lân cận xác nhận ông/bà "
        "{person} là người trực tiếp tổ chức mai táng; tờ khai do người thân viết hộ, ghi nhầm người "
        "đề nghị. Ông {elder_m} thuộc đối tượng hưởng trợ cấp xã hội hằng tháng đến thời điểm mất.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có công chức "
        "Văn hóa - Xã hội và Trưởng {village}. Người khiếu nại nộp bổ sung tờ khai ghi đúng người tổ "
        "chức mai táng.",
        "Thống nhất giải quyết hỗ trợ chi phí mai táng theo tờ khai bổ sung.",
        "Luật Khiếu nại 2011; " + SOCIAL_LAW + ".",
        "Khiếu nại là đúng. Ông/bà {person} là người trực tiếp tổ chức mai táng; việc không giải quyết "
        "hỗ trợ chi phí mai táng là chưa đúng.",
        OUT.CANCEL_ALL,
        "Chi trả hỗ trợ chi phí mai táng cho ông/bà {person} theo mức quy định (10.000.000 đồng).",
    ),
    "construction-suspended": Story(
        "infrastructure",
        "Khiếu nại quyết định đình chỉ thi công xây dựng nhà ở tại {village}",
        "Gia đình tôi đang xây nhà ở tại {village}. Ngày {act_date}, Chủ tịch UBND {commune} ra quyết "
        "định đình chỉ thi công với lý do xây dựng không có giấy phép. Gia đình đã nộp hồ sơ xin cấp "
        "giấy phép xây dựng tại UBND huyện nhưng chưa có kết quả, mùa mưa sắp đến nên phải làm móng "
        "trước. Đề nghị hủy quyết định đình chỉ để tiếp tục thi công.",
        "Quyết định số {number}/QĐ-UBND ngày {act_date} của Chủ tịch UBND {commune} về việc đình chỉ "
        "thi công xây dựng công trình nhà ở của hộ ông/bà {person}",
        "Chủ tịch UBND {commune}",
        "Kiểm tra hồ sơ ngày {verify_date}: khi khởi công, hộ ông/bà {person} chưa được cấp giấy phép "
        "xây dựng; hồ sơ đề nghị cấp phép nộp tại UBND huyện đã bị trả lại để bổ sung bản vẽ mặt bằng "
        "nhưng gia đình chưa nộp bổ sung. Nhà ở thuộc khu vực thị trấn, không thuộc trường hợp được "
        "miễn giấy phép xây dựng.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có công chức "
        "Địa chính - Xây dựng và Trưởng {village}. Người khiếu nại trình bày khó khăn về thời tiết; "
        "UBND hướng dẫn bổ sung hồ sơ xin phép và che chắn hố móng bảo đảm an toàn trong thời gian "
        "đình chỉ.",
        "Người khiếu nại cam kết bổ sung hồ sơ xin phép nhưng vẫn đề nghị được thi công phần móng.",
        "Luật Khiếu nại 2011; Luật Xây dựng 2014 (sửa đổi, bổ sung năm 2020); Nghị định 15/2021/NĐ-CP "
        "quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng; Nghị định 16/2022/NĐ-CP "
        "quy định xử phạt vi phạm hành chính về xây dựng.",
        "Khiếu nại là không có cơ sở; giữ nguyên quyết định đình chỉ thi công. Gia đình được tiếp tục "
        "thi công khi được cấp giấy phép xây dựng; UBND {commune} đề nghị UBND huyện xem xét hồ sơ bổ "
        "sung trong thời hạn quy định.",
        OUT.KEEP,
        appeal="Không đồng ý với quyết định giải quyết khiếu nại lần đầu; đề nghị UBND huyện Thạch "
        "Thành xem xét cho gia đình thi công phần móng trong khi chờ giấy phép.",
    ),
    "construction-demolition": Story(
        "infrastructure",
        "Khiếu nại quyết định buộc tháo dỡ mái che, phần nhà mở rộng ở {village}",
        "Gia đình tôi ở mặt đường {village}, làm mái tôn che trước cửa hàng. Chủ tịch UBND {commune} "
        "ra quyết định buộc tháo dỡ toàn bộ mái che và phần nhà xây mở rộng phía trước. Phần nhà xây "
        "nằm trong giấy phép xây dựng đã cấp, chỉ có mái tôn vươn ra khoảng 1,2 m. Đề nghị xem xét "
        "lại, chỉ buộc tháo dỡ phần vi phạm.",
        "Quyết định số {number}/QĐ-KPHQ ngày {act_date} của Chủ tịch UBND {commune} áp dụng biện "
        "pháp khắc phục hậu quả buộc tháo dỡ công trình, phần công trình vi phạm của hộ ông/bà "
        "{person}",
        "Chủ tịch UBND {commune}",
        "Ngày {verify_date}, đo đạc hiện trạng, đối chiếu giấy phép xây dựng và bản vẽ được duyệt: "
        "phần nhà xây đúng giấy phép; mái tôn vươn ra ngoài chỉ giới xây dựng 1,2 m, dài 6 m. Biên bản "
        "vi phạm hành chính trước đó xác định chưa chính xác phạm vi vi phạm.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có công chức "
        "Địa chính - Xây dựng, công chức Tư pháp - Hộ tịch và Trưởng {village}. Các bên cùng xem bản "
        "đo đạc hiện trạng; người khiếu nại đồng ý tự tháo dỡ mái tôn.",
        "Thống nhất chỉ buộc tháo dỡ phần mái tôn lấn chỉ giới; hộ gia đình tự tháo dỡ trong 10 ngày.",
        "Luật Khiếu nại 2011; Luật Xử lý vi phạm hành chính 2012 (sửa đổi, bổ sung năm 2020); Luật Xây "
        "dựng 2014 (sửa đổi, bổ sung năm 2020); Nghị định 16/2022/NĐ-CP.",
        "Khiếu nại là đúng một phần. Phần nhà xây phù hợp giấy phép; chỉ mái tôn vươn ra 1,2 m là vi "
        "phạm chỉ giới xây dựng. Sửa quyết định: chỉ buộc tháo dỡ phần mái tôn vi phạm.",
        OUT.AMEND,
    ),
    "fine-materials": Story(
        "infrastructure",
        "Khiếu nại quyết định xử phạt do để vật liệu xây dựng trên đường",
        "Ngày {act_date}, Chủ tịch UBND {commune} ra quyết định xử phạt tôi {amount} đồng vì để vật "
        "liệu xây dựng gây cản trở giao thông ở {village}. Xe cát đổ xuống lề đường lúc chiều, gia "
        "đình đã thuê người chuyển vào sân ngay sáng hôm sau, không cố ý để lâu. Mức phạt quá cao so "
        "với hoàn cảnh gia đình, đề nghị xem xét lại.",
        "Quyết định xử phạt vi phạm hành chính số {number}/QĐ-XPHC ngày {act_date} của Chủ tịch UBND "
        "{commune} đối với ông/bà {person}",
        "Chủ tịch UBND {commune}",
        "Biên bản vi phạm do Công an {commune} lập ghi nhận vật liệu để trên lề đường từ khoảng 14 giờ; "
        "người vi phạm đã tự nguyện dọn ngay sáng hôm sau, không gây tai nạn. Xác minh ngày "
        "{verify_date}: hộ gia đình thuộc diện cận nghèo; quyết định xử phạt chưa xem xét tình tiết "
        "giảm nhẹ.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có đại diện "
        "Công an {commune} và công chức Tư pháp - Hộ tịch. Người khiếu nại thừa nhận hành vi, đề nghị "
        "áp dụng tình tiết giảm nhẹ.",
        "Thống nhất áp dụng tình tiết giảm nhẹ, điều chỉnh mức phạt.",
        "Luật Khiếu nại 2011; Luật Xử lý vi phạm hành chính 2012 (sửa đổi, bổ sung năm 2020); Nghị "
        "định 168/2024/NĐ-CP quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong "
        "lĩnh vực giao thông đường bộ.",
        "Khiếu nại là đúng một phần. Hành vi vi phạm là có thật, nhưng quyết định xử phạt chưa áp dụng "
        "tình tiết giảm nhẹ (tự nguyện khắc phục hậu quả). Sửa quyết định: áp dụng mức phạt thấp nhất "
        "của khung, hoàn trả phần tiền phạt chênh lệch đã nộp.",
        OUT.AMEND,
    ),
    "fine-land": Story(
        "land",
        "Khiếu nại quyết định xử phạt lấn chiếm đất bị áp dụng sai người",
        "Chủ tịch UBND {commune} ra quyết định xử phạt tôi {amount} đồng về hành vi lấn chiếm đất "
        "hành lang mương thủy lợi tại {village}, buộc tháo dỡ tường rào. Tường rào này do chủ cũ xây "
        "từ năm 2012; tôi nhận chuyển nhượng nhà đất năm 2022 và không xây thêm gì. Đề nghị hủy quyết "
        "định xử phạt.",
        "Quyết định xử phạt vi phạm hành chính số {number}/QĐ-XPHC ngày {act_date} của Chủ tịch UBND "
        "{commune} đối với ông/bà {person}",
        "Chủ tịch UBND {commune}",
        "Xác minh hồ sơ chuyển nhượng, lời khai của chủ cũ (ngày {verify_date}) và Ban điều hành "
        "{village}: tường rào được xây năm 2012, trước khi người khiếu nại nhận chuyển nhượng; người "
        "khiếu nại không thực hiện hành vi lấn chiếm. Hành vi của chủ cũ đã hết thời hiệu xử phạt, "
        "nhưng phần đất lấn chiếm vẫn phải trả lại.",
        "Ngày {dialogue_date}, Chủ tịch UBND {commune} đối thoại với ông/bà {person}; dự có công chức "
        "Địa chính - Xây dựng, công chức Tư pháp - Hộ tịch và Trưởng {village}. Người khiếu nại đồng ý "
        "tự tháo dỡ phần tường rào trên đất hành lang mương.",
        "Thống nhất hủy quyết định xử phạt; người khiếu nại tự nguyện tháo dỡ tường rào, trả lại hành "
        "lang mương.",
        "Luật Khiếu nại 2011; Luật Xử lý vi phạm hành chính 2012 (sửa đổi, bổ sung năm 2020); Luật Đất "
        "đai 2024; Nghị định 123/2024/NĐ-CP quy định xử phạt vi phạm hành chính trong lĩnh vực đất "
        "đai.",
        "Khiếu nại là đúng. Người khiếu nại không phải là người thực hiện hành vi lấn chiếm; quyết định "
        "xác định sai đối tượng vi phạm. Hủy quyết định xử phạt; yêu cầu trả lại phần đất hành lang "
        "mương theo cam kết.",
        OUT.CANCEL_ALL,
    ),
}

APPEAL_DEFAULT = (
    "Không đồng ý với quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND {commune}; đề nghị "
    "Chủ tịch UBND huyện Thạch Thành giải quyết khiếu nại lần hai."
)
LATE_REASON = (
    "Người khiếu nại ốm đau điều trị dài ngày tại Bệnh viện Đa khoa tỉnh Thanh Hóa từ {ill_from} "
    "đến {ill_to} (có giấy ra viện), không thể nộp đơn trong thời hiệu; công chức tiếp nhận chấp "
    "nhận lý do chậm nộp đơn."
)
CO_COMPLAINANTS_NOTE = " Đơn có chữ ký của {n} hộ cùng bị ảnh hưởng."
COMPLAINT_REFUSALS = {
    "court": "Không thụ lý: việc khiếu nại đã được Tòa án nhân dân huyện Thạch Thành thụ lý giải quyết "
    "(vụ án hành chính), thuộc trường hợp khiếu nại không được thụ lý theo Điều 11 Luật Khiếu nại "
    "2011.",
    "not-concerned": "Không thụ lý: quyết định bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích "
    "hợp pháp của người khiếu nại (người bị xử phạt là con của người khiếu nại, đã thành niên) theo "
    "Điều 11 Luật Khiếu nại 2011; hướng dẫn người bị xử phạt trực tiếp khiếu nại hoặc ủy quyền theo "
    "quy định.",
}
COMPLAINT_WITHDRAWALS = [
    "Người khiếu nại có đơn rút toàn bộ nội dung khiếu nại: UBND đã khôi phục chi trả trợ cấp, gia "
    "đình không còn yêu cầu (Điều 10 Luật Khiếu nại 2011).",
    "Sau buổi làm việc, người khiếu nại đồng ý tự tháo dỡ phần vi phạm và có đơn rút khiếu nại (Điều "
    "10 Luật Khiếu nại 2011).",
]


# --- The set ------------------------------------------------------------------------------------

ONLINE, PAPER, RECEPTION = Channel.ONLINE, Channel.PAPER, Channel.RECEPTION


@dataclass(frozen=True)
class CSpec:
    state: str
    unit: str
    story: str
    channel: str = ONLINE
    late: bool = False  # filed after the 90 days; a handler accepts the reason at the reception
    complex: bool = False
    remote: bool = False
    others: int = 0  # co-complainants
    overdue: bool = False  # open cases: past the resolution deadline today
    until: str = ""  # withdrawn: the stage it was withdrawn at; appealed: the second case's state
    refusal: str = ""


S = State
COMPLAINTS = [
    CSpec(S.RECEIVED, VAN_DU, "compensation-assets"),
    CSpec(S.RECEIVED, KIM_TAN, "allowance-elderly", PAPER),
    CSpec(S.RECEIVED, VAN_DU, "fine-materials", RECEPTION),
    CSpec(S.ACCEPTED, VAN_DU, "construction-suspended", RECEPTION, late=True),
    CSpec(S.ACCEPTED, THACH_BINH, "funeral-support", RECEPTION, remote=True),
    CSpec(S.ACCEPTED, VAN_DU, "fine-land"),
    CSpec(S.VERIFYING, VAN_DU, "compensation-assets", PAPER, complex=True, others=3),
    CSpec(S.VERIFYING, VAN_DU, "compensation-support", overdue=True),
    CSpec(S.VERIFYING, THACH_BINH, "certificate-dispute", PAPER, remote=True),
    CSpec(S.DIALOGUE, VAN_DU, "construction-demolition", RECEPTION),
    CSpec(S.DIALOGUE, KIM_TAN, "allowance-disability"),
    CSpec(S.DECIDED, VAN_DU, "allowance-elderly"),
    CSpec(S.DECIDED, VAN_DU, "compensation-origin", PAPER, complex=True),
    CSpec(S.DECIDED, THACH_BINH, "fine-materials", RECEPTION),
    CSpec(S.FINAL, VAN_DU, "compensation-support", PAPER),
    CSpec(S.FINAL, KIM_TAN, "certificate-dispute"),
    CSpec(S.FINAL, VAN_DU, "funeral-support", RECEPTION),
    CSpec(S.APPEALED, VAN_DU, "compensation-origin", until=S.RECEIVED),
    CSpec(S.APPEALED, VAN_DU, "certificate-public-land", RECEPTION, until=S.ACCEPTED),
    CSpec(S.APPEALED, THACH_BINH, "allowance-disability", PAPER, remote=True, until=S.VERIFYING),
    CSpec(S.REFUSED, VAN_DU, "fine-land", PAPER, refusal="court"),
    CSpec(S.REFUSED, KIM_TAN, "fine-materials", refusal="not-concerned"),
    CSpec(S.WITHDRAWN, VAN_DU, "construction-demolition", until=S.DIALOGUE),
    CSpec(S.WITHDRAWN, VAN_DU, "allowance-elderly", RECEPTION, until=S.VERIFYING),
]

# How long ago the case was received (days), by the state it is in now; the planner draws in the
# range and keeps a history only if it fits (nothing in the future, open cases on time, …).
COMPLAINT_AGES = {
    S.RECEIVED: (0.3, 7),
    S.ACCEPTED: (5, 20),
    S.VERIFYING: (10, 40),
    S.DIALOGUE: (18, 48),
    S.DECIDED: (22, 60),
    S.FINAL: (75, 300),
    S.APPEALED: (45, 110),
    S.REFUSED: (8, 300),
    S.WITHDRAWN: (15, 300),
}
OVERDUE_AGES = (50, 85)
APPEAL_RECEIVED_AGES = (35, 70)


# --- Planning -------------------------------------------------------------------------------------


class Planner(CasePlanner):
    """Draws the history of each complaint: when it was received, and each stage after."""

    def complaint(self, number: int, spec: CSpec) -> Plan:
        office, story = self.offices[spec.unit], STORIES[spec.story]
        words = self.words(office)
        person = self.person()
        words["person"] = person
        amount = self.rng.choice([2, 3, 4, 5]) * 1_000_000
        if spec.story.startswith("compensation"):
            amount = self.rng.randint(180, 640) * 100_000
        words["amount"] = f"{amount:,}".replace(",", ".")
        for _ in range(1000):
            plan = self.complaint_history(number, spec, office, story, words)
            if plan is not None:
                return plan
        raise RuntimeError(f"no history fits demo complaint {number} ({spec})")

    def complaint_history(
        self, number: int, spec: CSpec, office: Office, story: Story, words: dict
    ) -> Plan | None:
        r = self.rng
        online = spec.channel == ONLINE
        if spec.overdue:
            ages = OVERDUE_AGES
        elif spec.state == S.APPEALED and spec.until == S.RECEIVED:
            ages = APPEAL_RECEIVED_AGES
        else:
            ages = COMPLAINT_AGES[spec.state]
        received_at = self.received_between(ages, online)
        received_day = timezone.localdate(received_at)
        if spec.late:
            learned_on = received_day - dt.timedelta(days=r.randint(100, 140))
        else:
            learned_on = received_day - dt.timedelta(days=r.randint(3, 75))
        act_day = learned_on - dt.timedelta(days=r.randint(0, 3))
        words = {
            **words,
            "act_date": self.day_text(act_day),
            "month": self.month_text(act_day - dt.timedelta(days=r.randint(0, 40))),
            "verify_date": "",
            "dialogue_date": "",
        }
        steps = [Step(received_at, "submit", {})]
        dates: dict[str, dt.date] = {}
        accept_limit = self.period("complaint-acceptance", received_day)
        target = spec.until if spec.state == S.WITHDRAWN else spec.state

        def done(ok: bool = True) -> Plan | None:
            if not ok or not self.fits(steps):
                return None
            return self.complaint_plan(number, spec, office, story, words, learned_on, steps, dates)

        if spec.state == S.RECEIVED:
            return done(self.today <= accept_limit)
        at = self.office_after(received_at, 1, 6)
        if timezone.localdate(at) > accept_limit:
            return None
        if spec.state == S.REFUSED:
            steps.append(Step(at, "refuse", {"reason": COMPLAINT_REFUSALS[spec.refusal]}))
            return done()
        steps.append(Step(at, "accept", {}))
        accepted_day = timezone.localdate(at)
        code = complaint_services._resolution_code(1, spec.complex, spec.remote)
        deadline = self.period(code, accepted_day)
        open_ok = (deadline < self.today) == spec.overdue

        def withdraw_or(ok: bool) -> Plan | None:
            if spec.state != S.WITHDRAWN:
                return done(ok)
            when = self.office_after(steps[-1].at, 2, 10)
            reason = COMPLAINT_WITHDRAWALS[0 if "allowance" in spec.story else 1]
            steps.append(Step(when, "withdraw", {"reason": reason}))
            return done()

        if target == S.ACCEPTED:
            return withdraw_or(open_ok)
        at = self.office_after(at, 1, 3)
        steps.append(Step(at, "verify", {}))
        dates["verify"] = timezone.localdate(at)
        if target == S.VERIFYING:
            return withdraw_or(open_ok)
        at = self.office_after(at, 5, 12)
        steps.append(Step(at, "dialogue", {}))
        dates["dialogue"] = timezone.localdate(at)
        if target == S.DIALOGUE:
            return withdraw_or(open_ok)
        at = self.office_after(at, 2, 6)
        decided_day = timezone.localdate(at)
        if decided_day > deadline:
            return None
        steps.append(Step(at, "decide", {}))
        dates["decide"] = decided_day
        final_limit = self.period(
            "complaint-final-remote" if spec.remote else "complaint-final", decided_day
        )
        if spec.state == S.DECIDED:
            return done(self.today <= final_limit)
        if spec.state == S.FINAL:
            day = final_limit + dt.timedelta(days=r.randint(1, 7))
            at = self.office_on(day, at)
            steps.append(Step(at, "finalize", {"today": timezone.localdate(at)}))
            return done()
        # Appealed: the complainant complains again within the period, to UBND huyện.
        appeal_limit = self.period(
            "complaint-filing-second-remote" if spec.remote else "complaint-filing-second",
            decided_day,
        )
        day = decided_day + dt.timedelta(days=r.randint(3, (appeal_limit - decided_day).days))
        at = self.citizen_on(day, at)
        if timezone.localdate(at) > appeal_limit:
            return None
        reason = (story.appeal or APPEAL_DEFAULT).format(**words)
        steps.append(Step(at, "appeal", {"reason": reason}))
        second_limit = self.period("complaint-acceptance", timezone.localdate(at))
        if spec.until == S.RECEIVED:
            return done(self.today <= second_limit)
        at = self.office_after(at, 2, 7)
        if timezone.localdate(at) > second_limit:
            return None
        steps.append(Step(at, "accept", {"second": True}))
        code = complaint_services._resolution_code(2, False, spec.remote)
        second_deadline = self.period(code, timezone.localdate(at))
        if spec.until == S.VERIFYING:
            at = self.office_after(at, 1, 4)
            steps.append(Step(at, "verify", {"second": True}))
        return done(second_deadline >= self.today)

    def complaint_plan(
        self,
        number: int,
        spec: CSpec,
        office: Office,
        story: Story,
        words: dict,
        learned_on: dt.date,
        steps: list[Step],
        dates: dict[str, dt.date],
    ) -> Plan:
        r = self.rng
        if "dialogue" in dates:
            gap = self.add_working(dates["verify"], 1)
            words["verify_date"] = self.day_text(min(gap, dates["dialogue"]))
            words["dialogue_date"] = self.day_text(dates["dialogue"])
        title, content = story.title.format(**words), story.content.format(**words)
        others = [self.person() for _ in range(spec.others)]
        if others:
            title = f"{title} (đơn chung của {len(others) + 1} hộ)"
            content += CO_COMPLAINANTS_NOTE.format(n=len(others) + 1)
        received_at = steps[0].at
        entered_by = None
        if spec.channel != ONLINE:
            entered_by = office.handler if spec.late else office.clerk
        late_reason = ""
        if spec.late:
            ill_from = learned_on + dt.timedelta(days=r.randint(5, 12))
            ill_to = timezone.localdate(received_at) - dt.timedelta(days=r.randint(3, 9))
            late_reason = LATE_REASON.format(
                ill_from=self.day_text(ill_from), ill_to=self.day_text(ill_to)
            )
        village = words["village_unit"]
        submit = {
            "field": self.fields[story.field],
            "unit": office.unit,
            "village": village,
            "title": title,
            "content": content,
            "act_complained_of": story.act.format(**words),
            "respondent": story.respondent.format(**words),
            "learned_on": learned_on,
            "name": words["person"],
            "phone": self.phone(),
            "address": f"{village.kind} {village.short_name}, {words['commune']}, huyện Thạch Thành",
            "complainants": others,
            "is_remote": spec.remote,
            "late_reason": late_reason,
            "channel": spec.channel,
            "entered_by": entered_by,
        }
        decision = {
            "verification_result": story.verification.format(**words),
            "legal_basis": story.legal_basis.format(**words),
            "conclusion": story.conclusion.format(**words),
            "outcome": story.outcome,
            "compensation": story.compensation.format(**words),
        }
        dialogue = {
            "record": story.dialogue_record.format(**words),
            "result": story.dialogue_result.format(**words),
            "verification": decision["verification_result"],
        }
        for step in steps:
            if step.args.get("second"):
                continue
            extra = {
                "accept": {"is_complex": spec.complex},
                "dialogue": dialogue,
                "decide": decision,
            }
            step.args = {**step.args, **extra.get(step.action, {})}
        return Plan(number, Kind.COMPLAINT, spec.unit, spec.state, submit, received_at, steps)

    def plan_all(self) -> list[Plan]:
        plans = [self.complaint(n, spec) for n, spec in enumerate(COMPLAINTS)]
        self.number_documents(plans, "decide", "decision_number")
        key_by_date(plans, KEY_PREFIX)
        return plans


# --- Running the plans through the services ------------------------------------------------------------


def _apply(plan: Plan, step: Step, pks: dict[str, int], offices: dict[str, Office]) -> None:
    office = offices[plan.unit_code]
    a = dict(step.args)
    if step.action == "submit":
        submit_planned(plan, complaint_services.complaint_submit, pks)
        return
    second = a.pop("second", False)
    pk = pks[f"{plan.key}/2" if second else plan.key]
    petition = Petition.objects.select_related("body__unit").get(pk=pk)
    match step.action:
        case "accept" if second:
            complaint_services.complaint_accept(petition=petition, actor=user(DISTRICT_HANDLER))
        case "verify" if second:
            complaint_services.complaint_verify(petition=petition, actor=user(DISTRICT_HANDLER))
        case "accept":
            complaint_services.complaint_accept(petition=petition, actor=office.leader, **a)
        case "refuse":
            complaint_services.complaint_refuse(petition=petition, actor=office.leader, **a)
        case "verify":
            complaint_services.complaint_verify(
                petition=petition, actor=office.leader, assignee=office.handler
            )
        case "dialogue":
            complaint_services.complaint_dialogue(petition=petition, actor=office.handler, **a)
        case "decide":
            complaint_services.complaint_decide(petition=petition, actor=office.leader, **a)
        case "finalize":
            complaint_services.complaint_finalize(petition=petition, actor=office.clerk, **a)
        case "appeal":
            complaint_services.complaint_appeal(petition=petition, **a)
            pks[f"{plan.key}/2"] = ComplaintCase.objects.get(
                first_instance_id=petition.pk
            ).petition_id
        case "withdraw":
            cases.withdraw(petition=petition, actor=office.clerk, **a)
        case _:
            raise ValueError(step.action)


def complaints() -> QuerySet[Petition]:
    """The demo's complaints, with the second-instance cases their appeals made."""
    return Petition.objects.filter(
        Q(submission_key__startswith=KEY_PREFIX)
        | Q(complaint__first_instance__submission_key__startswith=KEY_PREFIX)
    )


def summary(created: int = 0, seconds: float = 0.0) -> dict:
    cases = complaints()

    def states(instance: int) -> dict[str, int]:
        rows = (
            cases.filter(complaint__instance=instance)
            .order_by()
            .values_list("state")
            .annotate(n=Count("id"))
        )
        return dict(sorted(rows))

    return {
        "created": created,
        "total": cases.count(),
        "first_instance": states(1),
        "second_instance": states(2),
        "overdue": cases.filter(
            state__in=OPEN_STATUTORY, deadline__lt=timezone.localdate()
        ).count(),
        "seconds": round(seconds, 1),
    }


@story
def load(today: Today) -> dict:
    """The complaints of the ten months before ``today`` (the ground, ``units_people``, must be
    loaded); return counts by state."""
    found = offices()
    planner = Planner(random.Random(SEED), today.now, found)
    return load_cases(
        complaints(),
        planner.plan_all,
        lambda plan, step, pks: _apply(plan, step, pks, found),
        summary,
    )
