"""Feedback and recommendations of the last twelve months: about 300 petitions in every state, so
that every page (inboxes, the public list, the figures, a citizen's own list) has something real to
show, dated from the day the demo is loaded.

Every petition goes through the real services (submit, accept, start, answer, return, approve,
close, reopen, rate, forward, merge, decline), so its log, its audit rows, its deadlines and its
attachments are the ones the platform itself writes. Each step runs with the clock set to the moment
it happened, and the steps of all petitions run in the order of those moments, so that the audit
trail reads like a year of work. ``Planner`` draws these histories; ``history_2023`` uses it for
the pilot year.

Loading is idempotent (the petitions carry a ``submission_key`` starting "demo-") and
deterministic for a given day (one seeded generator), except for the tracking codes, which the model
draws from ``secrets``. Nobody real is named: people are placeholders ("Nguyễn Văn M"), phone
numbers follow the demo's "09x?000???" pattern and emails use example.com.
"""

import datetime as dt
import functools
import io
import random
import time
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, QuerySet
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from thanthien.core.models import AdminUnit, Body, User
from thanthien.petitions import services
from thanthien.petitions.models import (
    OPEN_STATES,
    SIMPLE_KINDS,
    Channel,
    Field,
    Kind,
    Petition,
    State,
)

from ._helpers import (
    DISTRICT_CODE,
    KIM_TAN,
    LEGACY_END,
    PILOT_CODE,
    THACH_BINH,
    People,
    Step,
    Timeline,
    Today,
    run_steps,
    story,
    submit_planned,
)
from .units_people import DEMO_CITIZEN, Office, offices

SEED = 149
KEY_PREFIX = "demo-"

FB, REC = Kind.FEEDBACK, Kind.RECOMMENDATION

UNIT_WEIGHTS = {PILOT_CODE: 60, KIM_TAN: 20, THACH_BINH: 20}


# --- How many of what -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    state: str
    # to_district, pending (an answer waits for approval), reanswered, land (Vân Du's, about land)
    variant: str = ""
    overdue: bool = False  # open petitions only: past the deadline today
    late: bool | None = None  # answered after the deadline; None: drawn (LATE_SHARE)
    answered_on: dt.date | None = None  # the chairman answers on that day (a story's date)


CASES: list[tuple[Case, int]] = [
    (Case(State.RECEIVED), 18),
    (Case(State.RECEIVED, overdue=True), 2),
    (Case(State.RECEIVED, "to_district"), 2),  # forwarded on the platform: received at the district
    (Case(State.RECEIVED, "to_district", overdue=True), 2),
    (Case(State.ACCEPTED), 20),
    (Case(State.ACCEPTED, overdue=True), 4),
    (Case(State.IN_PROGRESS), 19),
    (Case(State.IN_PROGRESS, "pending"), 12),
    (Case(State.IN_PROGRESS, overdue=True), 2),
    (Case(State.IN_PROGRESS, "pending", overdue=True), 3),
    (Case(State.ANSWERED), 74),
    (Case(State.ANSWERED, "reanswered"), 1),
    (Case(State.CLOSED), 103),
    (Case(State.CLOSED, "reanswered"), 2),
    (Case(State.FORWARDED), 12),
    (Case(State.MERGED), 9),
    (Case(State.DECLINED), 9),
    (Case(State.REOPENED), 4),
    (Case(State.REOPENED, overdue=True), 2),
]
# The demo citizen's own petitions (online, in Vân Du): one of each of these states.
CITIZEN_STATES = [
    State.RECEIVED,
    State.ACCEPTED,
    State.IN_PROGRESS,
    State.ANSWERED,
    State.CLOSED,
    State.CLOSED,
    State.REOPENED,
    State.DECLINED,
]

FIELD_WEIGHTS = {
    "land": 24,
    "infrastructure": 26,
    "environment": 16,
    "social-policy": 12,
    "security-order": 8,
    "administrative-procedures": 8,
    "other": 6,
}
RECOMMENDATION_SHARE = 0.3
CHANNEL_WEIGHTS = {
    Channel.ONLINE: 58,
    Channel.PAPER: 12,
    Channel.PHONE: 8,
    Channel.RECEPTION: 10,
    Channel.FATHERLAND_FRONT: 6,
    Channel.MEETING: 6,
}
ANONYMOUS_SHARE = 0.15
CONSENT_SHARE = 0.7
EMAIL_ONLY_SHARE = 0.08
VILLAGE_SHARE = 0.9
LATE_SHARE = 0.1
RATED_SHARE = 0.6
PHOTO_SHARE = 0.2
LEADER_ANSWERS_SHARE = 0.15
RETURNED_SHARE = 0.08
CITIZEN_CLOSES_SHARE = 0.55


# --- Texts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    key: str
    field: str
    kind: str
    title: str
    content: str
    answer: str


T = Template
TEMPLATES = [
    # Đất đai
    T(
        "land-boundary",
        "land",
        FB,
        "Tranh chấp ranh giới đất với hộ liền kề ở {village}",
        "Gia đình tôi ở {village} có thửa đất giáp ranh với hộ ông {neighbor}. Từ {month}, hộ ông "
        "{neighbor} xây tường rào lấn sang phần đất nhà tôi khoảng {width} m. Ban điều hành {village} "
        "đã hòa giải một lần nhưng hai bên chưa thống nhất. Đề nghị UBND {commune} cử cán bộ địa chính "
        "xuống đo đạc, xác định lại ranh giới theo bản đồ địa chính.",
        "Ngày {date}, công chức Địa chính - Xây dựng phối hợp với Ban điều hành {village} đo đạc thực "
        "địa, đối chiếu với bản đồ địa chính và hồ sơ cấp giấy chứng nhận của hai hộ. Kết quả: tường "
        "rào của hộ ông {neighbor} lấn sang thửa đất của gia đình ông/bà khoảng {width} m. UBND "
        "{commune} đã tổ chức hòa giải; hai hộ thống nhất dỡ phần tường lấn trong 15 ngày và cắm lại "
        "mốc ranh giới có xác nhận của Ban điều hành {village}.",
    ),
    T(
        "land-certificate",
        "land",
        FB,
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Tôi nộp hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất lần đầu cho thửa đất ở {village} "
        "tại bộ phận một cửa UBND {commune} từ {month}. Đến nay đã quá thời hạn hẹn trả kết quả nhưng "
        "tôi chưa nhận được giấy, cũng không được thông báo lý do. Đề nghị kiểm tra, cho biết hồ sơ "
        "đang vướng ở khâu nào.",
        "UBND {commune} đã kiểm tra: hồ sơ của ông/bà được tiếp nhận và chuyển Chi nhánh Văn phòng Đăng "
        "ký đất đai huyện đúng hạn; hồ sơ bị trả lại để bổ sung bản trích đo thửa đất nhưng bộ phận một "
        "cửa chưa thông báo kịp thời cho ông/bà. UBND đã nhắc nhở công chức liên quan. Ngày {date}, bộ "
        "phận một cửa đã liên hệ hướng dẫn ông/bà bổ sung; hồ sơ sẽ được chuyển lại ngay trong ngày "
        "nhận đủ giấy tờ.",
    ),
    T(
        "land-encroach",
        "land",
        FB,
        "Lấn chiếm hành lang đường giao thông ở {village}",
        "Tại {place}, một hộ dân dựng lều quán và đổ cát, gạch lấn ra hành lang đường khoảng {n} m, "
        "che khuất tầm nhìn ở khúc cua. Trong tháng đã có {n} vụ va quẹt xe máy. Đề nghị chính quyền "
        "kiểm tra, yêu cầu tháo dỡ.",
        "Ngày {date}, Tổ kiểm tra trật tự xây dựng {commune} đã kiểm tra tại {place}, lập biên bản và "
        "yêu cầu hộ vi phạm tự tháo dỡ lều quán, dọn vật liệu trong 05 ngày. Đến nay hộ gia đình đã "
        "chấp hành, hành lang đường đã thông thoáng. Ban điều hành {village} được giao theo dõi, không "
        "để tái lấn chiếm.",
    ),
    T(
        "land-area",
        "land",
        FB,
        "Diện tích đất trên giấy chứng nhận sai lệch so với thực tế",
        "Thửa đất của gia đình tôi ở {village} được cấp giấy chứng nhận từ năm 2004. Khi làm thủ tục "
        "tặng cho con, đo đạc lại thì diện tích thực tế lớn hơn trên giấy khoảng {area} m², ranh giới "
        "không thay đổi, không tranh chấp với ai. Đề nghị hướng dẫn thủ tục điều chỉnh.",
        "Trường hợp của ông/bà là diện tích đo đạc thực tế chênh lệch so với giấy chứng nhận đã cấp mà "
        "ranh giới không thay đổi, không có tranh chấp. Ông/bà nộp hồ sơ đề nghị cấp đổi giấy chứng "
        "nhận tại bộ phận một cửa UBND {commune} (đơn đề nghị, giấy chứng nhận đã cấp, bản trích đo địa "
        "chính). Ngày {date}, công chức Địa chính - Xây dựng đã xác minh thực địa và xác nhận thửa đất "
        "không có tranh chấp để ông/bà kèm theo hồ sơ.",
    ),
    T(
        "land-plan",
        "land",
        REC,
        "Đề nghị công khai quy hoạch sử dụng đất tại {village}",
        "Người dân {village} nghe tin có dự án mở rộng đường và khu dân cư mới nhưng chưa được xem bản "
        "đồ quy hoạch sử dụng đất. Đề nghị UBND {commune} niêm yết công khai bản đồ quy hoạch tại nhà "
        "văn hóa {village} để bà con biết, yên tâm xây dựng nhà ở.",
        "Ngày {date}, UBND {commune} đã niêm yết bản đồ quy hoạch sử dụng đất đến năm 2030 và kế hoạch "
        "sử dụng đất năm nay tại trụ sở UBND và nhà văn hóa {village}. Người dân có thể xem trực tiếp "
        "hoặc liên hệ công chức Địa chính - Xây dựng trong giờ hành chính để được giải thích.",
    ),
    # Tài nguyên, môi trường
    T(
        "env-garbage",
        "environment",
        FB,
        "Rác thải tồn đọng nhiều ngày ở {village}",
        "Tại {place}, rác thải sinh hoạt dồn ứ {n} ngày chưa được thu gom, bốc mùi hôi, ruồi nhặng "
        "nhiều, trời mưa nước rỉ rác chảy ra đường. Đề nghị chỉ đạo tổ thu gom rác thu dọn và có lịch "
        "thu gom cố định.",
        "Ngày {date}, UBND {commune} đã yêu cầu tổ thu gom rác thu dọn toàn bộ rác tồn đọng tại {place} "
        "và tăng tần suất thu gom lên 3 lần/tuần (thứ Hai, thứ Tư, thứ Sáu). Ban điều hành {village} đã "
        "thông báo lịch thu gom trên loa truyền thanh và nhắc các hộ để rác đúng nơi, đúng giờ.",
    ),
    T(
        "env-pigfarm",
        "environment",
        FB,
        "Mùi hôi từ trại chăn nuôi lợn gần khu dân cư {village}",
        "Trại chăn nuôi lợn của hộ ông {neighbor} ở {village} có khoảng {herd} con, nước thải chảy "
        "thẳng ra mương chung, mùi hôi nồng nặc nhất là buổi chiều tối, các hộ xung quanh phải đóng cửa "
        "cả ngày. Đề nghị kiểm tra, yêu cầu xử lý chất thải.",
        "Ngày {date}, UBND {commune} phối hợp với Công an {commune} kiểm tra trại chăn nuôi của hộ ông "
        "{neighbor}. Kết quả: hầm biogas bị quá tải, một phần nước thải chảy ra mương chung. UBND đã "
        "lập biên bản, yêu cầu hộ chăn nuôi giảm đàn, cải tạo hầm biogas và xây bể lắng trong 30 ngày, "
        "không xả nước thải ra mương. Hết thời hạn, UBND sẽ kiểm tra lại và xử lý theo quy định nếu "
        "chưa khắc phục.",
    ),
    T(
        "env-straw",
        "environment",
        FB,
        "Đốt rơm rạ sau thu hoạch gây khói bụi",
        "Mỗi vụ gặt, nhiều hộ ở cánh đồng giáp {village} đốt rơm rạ ngay trên ruộng, khói bay vào khu "
        "dân cư, người già và trẻ nhỏ bị ho, khói còn che tầm nhìn trên đường. Đề nghị có biện pháp "
        "tuyên truyền, xử lý.",
        "UBND {commune} đã chỉ đạo Ban điều hành {village} tuyên truyền trên loa truyền thanh, nhắc các "
        "hộ không đốt rơm rạ gần khu dân cư và đường giao thông. Ngày {date}, Hội Nông dân đã hướng dẫn "
        "bà con ủ rơm rạ bằng chế phẩm sinh học làm phân bón và phát chế phẩm miễn phí cho các hộ đăng "
        "ký.",
    ),
    T(
        "env-cassava",
        "environment",
        FB,
        "Nước thải từ cơ sở chế biến tinh bột sắn chảy ra kênh",
        "Cơ sở chế biến tinh bột sắn gần {place} xả nước thải có màu đen, mùi chua ra kênh tưới tiêu, "
        "cá chết nổi trắng, ruộng lúa phía dưới bị ảnh hưởng. Đề nghị kiểm tra việc xử lý nước thải "
        "của cơ sở.",
        "Ngày {date}, UBND {commune} cùng Phòng Tài nguyên và Môi trường huyện kiểm tra cơ sở và lấy "
        "mẫu nước thải. Cơ sở có hệ thống xử lý nhưng hồ lắng đã đầy, nước thải chưa đạt quy chuẩn. "
        "UBND đã lập biên bản, yêu cầu cơ sở tạm dừng xả thải, nạo vét hồ lắng và chuyển hồ sơ để huyện "
        "xử lý vi phạm theo thẩm quyền.",
    ),
    T(
        "env-bins",
        "environment",
        REC,
        "Đề nghị đặt thêm thùng rác công cộng ở khu chợ",
        "Khu chợ và {place} đông người qua lại nhưng chỉ có một điểm tập kết rác, bà con buôn bán hay "
        "vứt rác ra lề đường. Đề nghị bố trí thêm thùng rác công cộng có nắp đậy.",
        "UBND {commune} tiếp thu kiến nghị. Ngày {date}, đã bố trí thêm {n} thùng rác 240 lít có nắp "
        "đậy tại khu chợ và {place}, giao Ban quản lý chợ nhắc các hộ kinh doanh bỏ rác đúng nơi quy "
        "định.",
    ),
    T(
        "env-dust",
        "environment",
        FB,
        "Xe chở đất không che chắn gây bụi qua {village}",
        "Nhiều ngày nay xe tải chở đất, đá chạy qua {place} không che bạt, đất rơi vãi, bụi mù mịt, "
        "trời mưa thì trơn trượt. Các hộ hai bên đường không dám mở cửa. Đề nghị kiểm tra, yêu cầu chủ "
        "xe che chắn và tưới nước đường.",
        "Ngày {date}, Công an {commune} phối hợp với công chức Địa chính - Xây dựng kiểm tra, lập biên "
        "bản {n} xe chở vật liệu không che chắn và yêu cầu chủ công trình bố trí xe tưới nước, rửa bánh "
        "xe trước khi ra đường. UBND tiếp tục giao Công an kiểm tra đột xuất vào các buổi sáng.",
    ),
    # Hạ tầng, giao thông, xây dựng
    T(
        "infra-road",
        "infrastructure",
        FB,
        "Đường ở {village} bị sụt lún, đọng nước",
        "Đoạn đường {place} dài khoảng {length} m bị sụt lún, nhiều ổ gà, mưa xuống nước đọng thành "
        "vũng. Học sinh đi học và người đi xe máy rất nguy hiểm, đã có người ngã xe. Đề nghị sớm sửa "
        "chữa.",
        "Ngày {date}, UBND {commune} đã kiểm tra và cho đổ cấp phối đá dăm, lu lèn tạm thời các ổ gà "
        "trên đoạn đường {place}. Việc làm lại mặt đường bê tông đã được đưa vào kế hoạch đầu tư công "
        "năm tới; trong thời gian chờ, Ban điều hành {village} đặt biển cảnh báo ở hai đầu đoạn đường.",
    ),
    T(
        "infra-lights",
        "infrastructure",
        FB,
        "Đèn đường hỏng nhiều ngày ở {village}",
        "Tuyến đèn chiếu sáng {place} có {n} bóng hỏng hơn hai tuần nay, buổi tối tối om, người dân đi "
        "lại lo ngại mất an toàn. Đề nghị cho thay bóng.",
        "Ngày {date}, UBND {commune} đã giao đơn vị quản lý hệ thống chiếu sáng thay {n} bóng đèn LED "
        "và kiểm tra lại tủ điện tuyến {place}. Hệ thống đã sáng bình thường. Người dân phát hiện đèn "
        "hỏng có thể báo Ban điều hành {village} hoặc gửi phản ánh qua nền tảng này.",
    ),
    T(
        "infra-ditch",
        "infrastructure",
        FB,
        "Mương thoát nước tắc gây ngập khi mưa ở {village}",
        "Mương thoát nước {place} bị rác và bùn đất lấp đầy, mỗi khi mưa to nước tràn vào sân và nhà "
        "của {n} hộ dân. Đề nghị nạo vét mương trước mùa mưa bão.",
        "Ngày {date}, UBND {commune} đã huy động dân quân và Đoàn Thanh niên phối hợp với Ban điều hành "
        "{village} nạo vét khoảng {length} m mương thoát nước {place}, thu gom rác và bùn. UBND đề nghị "
        "các hộ không đổ rác xuống mương; {village} sẽ tổng vệ sinh định kỳ hằng tháng.",
    ),
    T(
        "infra-bridge",
        "infrastructure",
        FB,
        "Cầu tràn xuống cấp, lan can bị gãy",
        "Cầu tràn gần {village} bị bong mặt, lan can một bên bị gãy từ mùa mưa năm trước. Hằng ngày "
        "nhiều học sinh đi qua, khi nước lên rất nguy hiểm. Đề nghị sửa chữa, đặt biển cảnh báo.",
        "Ngày {date}, UBND {commune} đã lắp biển cảnh báo, cọc tiêu và dây chắn tạm tại vị trí lan can "
        "bị gãy; khi nước lên sẽ bố trí người trực hướng dẫn. Do kinh phí sửa chữa vượt khả năng ngân "
        "sách cấp xã, UBND đã có văn bản đề nghị UBND huyện hỗ trợ sửa chữa cầu tràn.",
    ),
    T(
        "infra-power",
        "infrastructure",
        FB,
        "Điện yếu, mất điện thường xuyên ở {village}",
        "Khoảng {n} tuần nay các hộ cuối {village} bị điện yếu vào buổi tối, bóng đèn chập chờn, tủ "
        "lạnh không chạy, có hôm mất điện vài tiếng không báo trước. Đề nghị kiểm tra đường dây.",
        "UBND {commune} đã có văn bản gửi Điện lực Thạch Thành. Ngày {date}, Điện lực đã kiểm tra, cân "
        "pha lại trạm biến áp và thay đoạn dây hạ thế bị xuống cấp cuối {village}; điện áp đã ổn định. "
        "Lịch cắt điện định kỳ sẽ được thông báo trước trên loa truyền thanh.",
    ),
    T(
        "infra-light-new",
        "infrastructure",
        REC,
        "Đề nghị lắp đèn chiếu sáng đường vào {village}",
        "Đường từ trục chính vào {village} dài khoảng {length} m chưa có đèn chiếu sáng, buổi tối học "
        "sinh đi học thêm về và người đi làm ca rất sợ. Bà con sẵn sàng đóng góp ngày công. Đề nghị "
        "UBND hỗ trợ lắp đèn.",
        "UBND {commune} ghi nhận kiến nghị. Tuyến đường vào {village} đã được đưa vào danh mục công "
        "trình chiếu sáng năm tới theo cách Nhà nước hỗ trợ cột, bóng đèn, nhân dân đóng góp ngày công. "
        "Ngày {date}, UBND đã làm việc với Ban điều hành {village} để thống nhất vị trí lắp đặt.",
    ),
    T(
        "infra-bump",
        "infrastructure",
        REC,
        "Đề nghị làm gờ giảm tốc trước cổng trường học",
        "Đoạn đường trước cổng trường gần {place} xe tải và xe máy chạy rất nhanh, giờ tan học phụ "
        "huynh đón con đứng tràn ra đường. Đề nghị làm gờ giảm tốc và biển báo khu vực trường học.",
        'UBND {commune} tiếp thu kiến nghị. Ngày {date}, đã sơn vạch kẻ đường, lắp biển "Chú ý - '
        'Trường học" và giao Công an {commune} bố trí người phân luồng vào giờ tan học. Việc làm gờ '
        "giảm tốc trên tuyến đường do huyện quản lý, UBND đã đề nghị Phòng Kinh tế - Hạ tầng huyện "
        "xem xét.",
    ),
    T(
        "infra-alley",
        "infrastructure",
        REC,
        "Đề nghị bê tông hóa đường ngõ ở {village}",
        "Ngõ xóm ở {village} dài khoảng {length} m vẫn là đường đất, mưa là lầy lội, xe chở nông sản "
        "không vào được. {n} hộ trong ngõ đã thống nhất hiến đất mở rộng và góp tiền, đề nghị UBND hỗ "
        "trợ xi măng theo chương trình bê tông hóa đường giao thông nông thôn.",
        "UBND {commune} hoan nghênh tinh thần của các hộ dân. Tuyến ngõ đã được đưa vào danh sách hỗ "
        "trợ xi măng đợt tới theo chương trình bê tông hóa đường giao thông. Ngày {date}, công chức Địa "
        "chính - Xây dựng đã khảo sát, đo đạc tuyến đường; Ban điều hành {village} sẽ thông báo thời "
        "gian nhận xi măng và khởi công.",
    ),
    T(
        "infra-build",
        "infrastructure",
        FB,
        "Công trình xây dựng để vật liệu tràn ra lòng đường",
        "Công trình xây nhà ở {place} tập kết cát, sỏi, gạch tràn ra quá nửa lòng đường nhiều ngày, "
        "buổi tối không có đèn cảnh báo. Đề nghị nhắc nhở chủ công trình.",
        "Ngày {date}, Tổ kiểm tra trật tự xây dựng {commune} đã kiểm tra, nhắc nhở và yêu cầu chủ công "
        "trình thu dọn vật liệu vào trong phạm vi công trình, đặt đèn cảnh báo ban đêm. Chủ công trình "
        "đã chấp hành ngay trong ngày.",
    ),
    # Chính sách xã hội
    T(
        "social-elderly",
        "social-policy",
        FB,
        "Chưa nhận được trợ cấp xã hội cho người cao tuổi",
        "Mẹ tôi ở {village}, năm nay {age} tuổi, không có lương hưu. Gia đình đã nộp hồ sơ đề nghị "
        "hưởng trợ cấp xã hội hằng tháng từ {month} nhưng đến nay vẫn chưa được nhận. Đề nghị kiểm tra "
        "giúp.",
        "UBND {commune} đã kiểm tra: hồ sơ của mẹ ông/bà đủ điều kiện và đã được chuyển Phòng Lao động "
        "- Thương binh và Xã hội huyện thẩm định. Ngày {date}, UBND huyện đã ban hành quyết định hưởng "
        "trợ cấp xã hội hằng tháng; mẹ ông/bà được nhận từ tháng tới tại điểm chi trả của bưu điện và "
        "được truy lĩnh các tháng chờ.",
    ),
    T(
        "social-poor",
        "social-policy",
        FB,
        "Thắc mắc việc bình xét hộ nghèo, cận nghèo ở {village}",
        "Việc bình xét hộ nghèo, hộ cận nghèo năm nay ở {village} chưa công khai danh sách, có hộ đã "
        "xây nhà to, mua ô tô vẫn có tên, trong khi nhà tôi chồng ốm đau lại không được bình xét. Đề "
        "nghị xem xét lại.",
        "Ngày {date}, UBND {commune} đã kiểm tra việc rà soát tại {village}: danh sách dự kiến đã được "
        "niêm yết tại nhà văn hóa nhưng chưa đủ 7 ngày. UBND đã yêu cầu niêm yết lại và họp dân bình xét "
        "lại; hộ có ô tô không đủ điều kiện đã được đưa ra khỏi danh sách. Gia đình ông/bà được phúc "
        "tra theo chuẩn nghèo đa chiều; kết quả sẽ được thông báo tại cuộc họp của {village}.",
    ),
    T(
        "social-bhyt",
        "social-policy",
        FB,
        "Chưa được cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
        "Con tôi sinh {month}, đã làm giấy khai sinh và đăng ký thường trú ở {village} nhưng đến nay "
        "chưa có thẻ bảo hiểm y tế, đi khám phải trả tiền. Đề nghị kiểm tra giúp.",
        "UBND {commune} đã kiểm tra: thông tin của cháu đã được chuyển sang Bảo hiểm xã hội huyện qua "
        "liên thông khai sinh - thường trú - bảo hiểm y tế nhưng bị sai ngày sinh. Ngày {date}, công "
        "chức Tư pháp - Hộ tịch đã điều chỉnh dữ liệu; thẻ bảo hiểm y tế điện tử của cháu đã có trên "
        "ứng dụng VssID.",
    ),
    T(
        "social-house",
        "social-policy",
        REC,
        "Đề nghị hỗ trợ sửa nhà cho hộ nghèo có nhà dột nát",
        "Hộ bà {neighbor} ở {village} là hộ nghèo, sống một mình, nhà xây từ những năm 1990 nay tường "
        "nứt, mái ngói dột nát, mùa mưa bão rất nguy hiểm. Đề nghị xem xét hỗ trợ sửa chữa nhà.",
        "UBND {commune} tiếp thu kiến nghị. Ngày {date}, UBND cùng Ủy ban MTTQ {commune} và Ban điều "
        "hành {village} đã khảo sát nhà của bà {neighbor}. Trường hợp của bà được đưa vào danh sách hỗ "
        "trợ xóa nhà tạm, nhà dột nát; Ủy ban MTTQ vận động thêm kinh phí, Đoàn Thanh niên hỗ trợ ngày "
        "công để sửa nhà trước mùa mưa bão.",
    ),
    T(
        "social-merit",
        "social-policy",
        FB,
        "Chưa được điều chỉnh mức trợ cấp người có công",
        "Bố tôi là thương binh, ở {village}. Từ {month}, mức trợ cấp ưu đãi người có công đã tăng nhưng "
        "tiền nhận hằng tháng của bố tôi vẫn như cũ. Đề nghị kiểm tra.",
        "UBND {commune} đã làm việc với Phòng Lao động - Thương binh và Xã hội huyện: mức trợ cấp mới "
        "được áp dụng cho mọi người có công, nhưng danh sách chi trả chậm cập nhật nên tháng trước chưa "
        "điều chỉnh kịp. Khoản chênh lệch đã được truy lĩnh trong kỳ chi trả ngày {date}.",
    ),
    # An ninh, trật tự
    T(
        "sec-noise",
        "security-order",
        FB,
        "Thanh niên tụ tập gây ồn ào về đêm ở {village}",
        "Nhiều tối gần đây, một nhóm thanh niên tụ tập tại {place} đến quá nửa đêm, nẹt pô, hò hét, có "
        "hôm uống rượu say gây gổ. Người dân không ngủ được và lo mất an ninh. Đề nghị công an kiểm "
        "tra, xử lý.",
        "UBND {commune} đã chỉ đạo Công an {commune} tăng cường tuần tra tại {place} vào ban đêm. Ngày "
        "{date}, Công an đã mời {n} thanh niên cùng gia đình lên làm việc, giáo dục, yêu cầu cam kết "
        "không tái phạm; trường hợp tái phạm sẽ bị xử phạt vi phạm hành chính theo quy định.",
    ),
    T(
        "sec-theft",
        "security-order",
        FB,
        "Trộm cắp vặt xảy ra nhiều ở {village}",
        "Trong {n} tuần qua ở {village} có nhiều hộ bị mất trộm gà, vịt, xe đạp, có nhà bị lấy cả máy "
        "bơm nước ngoài ruộng. Đề nghị công an tăng cường tuần tra, truy tìm đối tượng.",
        "Công an {commune} đã tiếp nhận, xác minh các vụ việc và tăng cường tuần tra ban đêm tại "
        "{village} cùng tổ bảo vệ an ninh, trật tự ở cơ sở. Ngày {date}, Công an đã họp dân tuyên "
        "truyền phòng chống trộm cắp, hướng dẫn các hộ khóa cửa, lắp camera; người dân phát hiện đối "
        "tượng khả nghi báo ngay Công an {commune}.",
    ),
    T(
        "sec-karaoke",
        "security-order",
        FB,
        "Hát karaoke to sau 22 giờ ở {village}",
        "Một hộ gia đình ở {place} thường xuyên mở loa kéo hát karaoke rất to đến 23–24 giờ, kể cả "
        "ngày thường, ảnh hưởng đến việc nghỉ ngơi và học tập của các hộ xung quanh. Đề nghị nhắc nhở.",
        "Ngày {date}, Công an {commune} phối hợp với Ban điều hành {village} đã đến nhắc nhở hộ gia "
        "đình, yêu cầu không hát karaoke gây ồn sau 22 giờ và giảm âm lượng loa. Hộ gia đình đã ký cam "
        "kết; nếu tái phạm sẽ bị xử phạt theo quy định.",
    ),
    T(
        "sec-camera",
        "security-order",
        REC,
        "Đề nghị lắp camera an ninh tại ngã ba {village}",
        "Ngã ba vào {village} là điểm giao thông đông, gần đây có vài vụ trộm cắp và va chạm giao thông "
        'nhưng không xác định được người gây ra. Đề nghị lắp camera theo mô hình "Camera an ninh" như '
        "các địa phương khác; bà con sẵn sàng góp một phần kinh phí.",
        "UBND {commune} tiếp thu kiến nghị. Ngày {date}, Công an {commune} đã khảo sát, thống nhất lắp "
        '{n} camera tại ngã ba {village} theo mô hình "Camera an ninh" bằng nguồn xã hội hóa; Ban điều '
        "hành {village} sẽ họp dân để thống nhất mức đóng góp tự nguyện.",
    ),
    # Thủ tục hành chính
    T(
        "proc-certify",
        "administrative-procedures",
        FB,
        "Chứng thực bản sao phải chờ lâu",
        "Sáng thứ Hai tôi đến bộ phận một cửa UBND {commune} chứng thực bản sao giấy tờ, phải chờ hơn "
        "{n} tiếng vì chỉ có một người làm, nhiều người về không kịp làm. Đề nghị bố trí thêm người vào "
        "buổi đông.",
        "UBND {commune} ghi nhận phản ánh. Từ ngày {date}, UBND bố trí thêm một công chức hỗ trợ chứng "
        "thực vào sáng thứ Hai và sáng thứ Sáu là những buổi đông người, đồng thời cấp số thứ tự để "
        "người dân không phải đứng chờ. Người dân cũng có thể đề nghị cấp bản sao điện tử từ sổ gốc trên "
        "Cổng dịch vụ công.",
    ),
    T(
        "proc-birth",
        "administrative-procedures",
        FB,
        "Đăng ký khai sinh cho con bị hẹn nhiều lần",
        "Tôi đến UBND {commune} đăng ký khai sinh cho con, đã nộp đủ giấy chứng sinh và giấy tờ của bố "
        "mẹ nhưng bị hẹn {n} lần với lý do phần mềm lỗi. Đề nghị giải quyết sớm để con tôi kịp làm thẻ "
        "bảo hiểm y tế.",
        "UBND {commune} xin lỗi ông/bà về sự chậm trễ. Nguyên nhân là phần mềm đăng ký hộ tịch điện tử "
        "bị lỗi kết nối trong mấy ngày; công chức Tư pháp - Hộ tịch lẽ ra phải đăng ký vào sổ giấy rồi "
        "cập nhật sau. Ngày {date}, UBND đã cấp giấy khai sinh cho cháu và nhắc nhở công chức thực hiện "
        "đúng quy trình khi phần mềm gặp sự cố.",
    ),
    T(
        "proc-online",
        "administrative-procedures",
        REC,
        "Đề nghị hướng dẫn người cao tuổi nộp hồ sơ trực tuyến",
        "Nhiều người cao tuổi ở {village} không biết nộp hồ sơ trên Cổng dịch vụ công, ra bộ phận một "
        "cửa lại được đề nghị tự nộp trực tuyến. Đề nghị bố trí người hướng dẫn, làm giúp tại chỗ.",
        "UBND {commune} tiếp thu kiến nghị. Từ ngày {date}, tình nguyện viên của Tổ công nghệ số cộng "
        "đồng trực tại bộ phận một cửa các buổi sáng để hướng dẫn, nộp hồ sơ trực tuyến giúp người dân; "
        "tổ công nghệ số ở {village} cũng hỗ trợ tại nhà văn hóa vào tối thứ Bảy.",
    ),
    T(
        "proc-attitude",
        "administrative-procedures",
        FB,
        "Thái độ tiếp dân chưa đúng mực tại bộ phận một cửa",
        "Ngày tôi đến làm thủ tục tại bộ phận một cửa UBND {commune}, một công chức trả lời cộc lốc, "
        "không hướng dẫn cụ thể hồ sơ còn thiếu gì, tôi phải đi lại {n} lần. Đề nghị chấn chỉnh.",
        "UBND {commune} cảm ơn ông/bà đã phản ánh. Ngày {date}, UBND đã xác minh, tổ chức kiểm điểm và "
        "nhắc nhở công chức liên quan, yêu cầu hướng dẫn một lần, đầy đủ bằng phiếu hướng dẫn. UBND xin "
        "lỗi ông/bà vì sự phiền hà.",
    ),
    # Khác
    T(
        "other-speaker",
        "other",
        FB,
        "Loa truyền thanh ở {village} phát quá sớm và quá to",
        "Loa truyền thanh đặt ở {place} phát từ 5 giờ sáng, âm lượng rất to, gia đình có người già và "
        "trẻ nhỏ bị ảnh hưởng. Đề nghị điều chỉnh giờ phát và hướng loa.",
        "UBND {commune} đã điều chỉnh lịch phát thanh buổi sáng bắt đầu từ 6 giờ 15 và giảm âm lượng "
        "các cụm loa gần khu dân cư. Ngày {date}, nhân viên đài truyền thanh đã quay lại hướng cụm loa "
        "tại {place} ra phía đường.",
    ),
    T(
        "other-culture-house",
        "other",
        REC,
        "Đề nghị mở cửa nhà văn hóa {village} cho thanh thiếu niên buổi tối",
        "Nhà văn hóa {village} xây xong nhưng chủ yếu khóa cửa, chỉ mở khi họp. Đề nghị mở cửa vào buổi "
        "tối và cuối tuần để thanh thiếu niên chơi thể thao, sinh hoạt câu lạc bộ, và lắp wifi miễn "
        "phí.",
        "UBND {commune} tiếp thu kiến nghị. Từ ngày {date}, nhà văn hóa {village} mở cửa từ 17 giờ đến "
        "21 giờ hằng ngày và cả ngày Chủ nhật; Đoàn Thanh niên phụ trách lịch sinh hoạt. Wifi miễn phí "
        "được lắp bằng nguồn xã hội hóa do doanh nghiệp viễn thông hỗ trợ.",
    ),
    T(
        "other-dogs",
        "other",
        FB,
        "Chó thả rông không rọ mõm ở {village}",
        "Nhiều hộ ở {village} thả chó ra đường không đeo rọ mõm, chó đuổi cắn người đi xe đạp, một cháu "
        "học sinh vừa bị cắn phải đi tiêm phòng dại. Đề nghị nhắc nhở các hộ nuôi chó.",
        "UBND {commune} đã chỉ đạo Ban điều hành {village} thông báo trên loa truyền thanh và đến từng "
        "hộ nuôi chó yêu cầu nuôi nhốt, đeo rọ mõm khi ra đường. Ngày {date}, UBND tổ chức tiêm phòng "
        "dại cho chó, mèo tại nhà văn hóa; hộ để chó thả rông cắn người sẽ bị xử phạt theo quy định.",
    ),
]
TEMPLATES_BY_KEY = {t.key: t for t in TEMPLATES}

PLACES = [
    "đoạn trước nhà văn hóa {village}",
    "ngã ba gần chợ {commune_short}",
    "đoạn gần cổng Trường Tiểu học {commune_short}",
    "ngõ {n2} {village}",
    "đường nội đồng phía sau {village}",
    "đoạn gần trạm y tế {commune_short}",
    "trục đường chính {village}",
    "đoạn giáp ranh {village} và {other_village}",
    "khu vực sân vận động {commune_short}",
]

# Petitions that end outside the platform: (template, recipient, reason).
FORWARDS_OUTSIDE = [
    (
        "land-boundary",
        "Tòa án nhân dân huyện Thạch Thành",
        "Tranh chấp ranh giới đã được hòa giải tại UBND nhưng không thành; theo Luật Đất đai năm "
        "2024, các bên có quyền khởi kiện tại Tòa án nhân dân huyện. Đã hướng dẫn công dân và gửi kèm "
        "biên bản hòa giải.",
    ),
    (
        "land-boundary",
        "Tòa án nhân dân huyện Thạch Thành",
        "Hòa giải tại cơ sở không thành, hai bên không đồng ý với kết quả đo đạc; vụ việc thuộc thẩm "
        "quyền giải quyết của Tòa án nhân dân huyện.",
    ),
    (
        "land-boundary",
        "Tòa án nhân dân huyện Thạch Thành",
        "Các bên đã có giấy chứng nhận quyền sử dụng đất; tranh chấp do Tòa án nhân dân giải quyết. "
        "Chuyển kèm biên bản hòa giải không thành.",
    ),
    (
        "land-certificate",
        "Chi nhánh Văn phòng Đăng ký đất đai huyện Thạch Thành",
        "Hồ sơ đang được Chi nhánh Văn phòng Đăng ký đất đai giải quyết; chuyển để Chi nhánh trả lời "
        "công dân theo thẩm quyền.",
    ),
    (
        "land-certificate",
        "Chi nhánh Văn phòng Đăng ký đất đai huyện Thạch Thành",
        "Việc chậm trả kết quả phát sinh tại Chi nhánh Văn phòng Đăng ký đất đai; chuyển để Chi nhánh "
        "kiểm tra, trả lời.",
    ),
    (
        "sec-theft",
        "Công an huyện Thạch Thành",
        "Vụ việc có dấu hiệu tội phạm (tài sản bị mất có giá trị lớn), chuyển Công an huyện thụ lý "
        "theo thẩm quyền.",
    ),
    (
        "sec-theft",
        "Công an huyện Thạch Thành",
        "Các vụ trộm có dấu hiệu do cùng một nhóm đối tượng thực hiện ở nhiều xã; chuyển Công an huyện "
        "điều tra theo thẩm quyền.",
    ),
    (
        "infra-power",
        "Điện lực Thạch Thành",
        "Lưới điện hạ thế do Điện lực Thạch Thành quản lý vận hành; chuyển để Điện lực kiểm tra, khắc "
        "phục và trả lời công dân.",
    ),
    (
        "infra-power",
        "Điện lực Thạch Thành",
        "Trạm biến áp và đường dây thuộc tài sản của ngành điện; chuyển Điện lực Thạch Thành giải "
        "quyết.",
    ),
    (
        "social-bhyt",
        "Bảo hiểm xã hội huyện Thạch Thành",
        "Việc cấp thẻ bảo hiểm y tế thuộc thẩm quyền của Bảo hiểm xã hội huyện.",
    ),
    (
        "social-bhyt",
        "Bảo hiểm xã hội huyện Thạch Thành",
        "Dữ liệu thẻ bảo hiểm y tế do Bảo hiểm xã hội huyện quản lý; chuyển để điều chỉnh và trả lời.",
    ),
    (
        "env-cassava",
        "Phòng Tài nguyên và Môi trường huyện Thạch Thành",
        "Cơ sở sản xuất do UBND huyện cấp phép môi trường; chuyển Phòng Tài nguyên và Môi trường huyện "
        "kiểm tra, xử lý theo thẩm quyền.",
    ),
]
# Forwarded on the platform to UBND huyện: beyond what a commune can decide.
TO_DISTRICT_TEMPLATES = ["infra-bridge", "infra-bump", "env-cassava", "land-plan"]
TO_DISTRICT_REASON = (
    "Nội dung vượt thẩm quyền giải quyết của cấp xã (công trình, cơ sở do huyện quản lý); chuyển UBND "
    "huyện Thạch Thành xem xét, giải quyết."
)
DECLINE_REASONS = [
    "Nội dung đơn không rõ ràng, không có địa điểm, thời gian cụ thể nên không có cơ sở xác minh. Đề "
    "nghị công dân gửi lại đơn với thông tin cụ thể.",
    "Nội dung này đã được UBND trả lời bằng văn bản trong năm nay; đơn không có tình tiết mới nên "
    "không thụ lý lại.",
    "Vụ việc đang được Tòa án nhân dân huyện thụ lý giải quyết; UBND không thụ lý theo quy định.",
    "Đơn trùng nội dung với hồ sơ thủ tục hành chính đang được giải quyết trên Cổng dịch vụ công; "
    "công dân theo dõi kết quả tại đó.",
]
MERGE_REASON = "Trùng nội dung với đơn {code}; gộp để xử lý và trả lời chung."
RETURN_NOTES = [
    "Đề nghị bổ sung kết quả kiểm tra thực địa và thời hạn khắc phục cụ thể.",
    "Câu trả lời cần nêu rõ căn cứ và người chịu trách nhiệm theo dõi.",
    "Viết lại ngắn gọn, dễ hiểu hơn với người dân; bỏ các từ viết tắt.",
]
DRAFT_TEXT = "Đã tiếp nhận và giao bộ phận chuyên môn kiểm tra, xử lý theo quy định."
ANSWER_ENDINGS = [
    "",
    " Nếu còn vướng mắc, đề nghị ông/bà liên hệ bộ phận một cửa UBND {commune} trong giờ hành chính "
    "để được hướng dẫn.",
    " UBND {commune} cảm ơn ông/bà đã phản ánh, góp ý.",
    " Kết quả đã được thông báo đến Ban điều hành {village}.",
]
REANSWER = (
    "Tiếp nhận ý kiến của ông/bà sau lần trả lời trước, ngày {date} UBND {commune} đã kiểm tra lại "
    "thực tế cùng Ban điều hành {village}. Các tồn tại ông/bà nêu đã được yêu cầu khắc phục triệt để "
    "và đến nay đã hoàn thành; Ban điều hành {village} được giao theo dõi, báo cáo UBND nếu tái diễn."
)
REOPEN_REASONS = [
    "Sau khi trả lời, tình trạng vẫn tiếp diễn như cũ, đề nghị kiểm tra lại.",
    "Câu trả lời chưa đúng với nội dung tôi phản ánh.",
    "Mới khắc phục tạm thời, sau trận mưa vừa rồi lại hỏng như cũ.",
    "Cam kết khắc phục nhưng đã quá thời hạn mà chưa thấy thực hiện.",
]
RATING_COMMENTS = {
    5: ["Cảm ơn cán bộ đã xử lý nhanh.", "Trả lời rõ ràng, cụ thể.", "Bà con rất phấn khởi."],
    4: ["Đã xử lý nhưng còn hơi chậm.", "Cơ bản hài lòng, mong duy trì thường xuyên."],
    3: ["Mới xử lý tạm thời, chưa triệt để.", "Trả lời chung chung, chưa nêu thời hạn cụ thể."],
    2: ["Vài ngày sau lại như cũ.", "Chưa thấy ai xuống kiểm tra thực tế."],
    1: ["Trả lời không đúng nội dung tôi phản ánh.", "Quá hạn mới trả lời, vẫn chưa giải quyết."],
}
RATINGS_ON_TIME = {1: 3, 2: 5, 3: 10, 4: 32, 5: 50}
RATINGS_LATE = {1: 15, 2: 20, 3: 30, 4: 25, 5: 10}

# --- Evidence photos --------------------------------------------------------------------------

PHOTO_CAPTIONS = ["Hiện trường khi kiểm tra", "Sau khi khắc phục", "Làm việc tại thực địa"]


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)  # has Vietnamese letters
    except OSError:
        return ImageFont.load_default(size=size)


@functools.cache
def _photo(variant: int) -> tuple[bytes, str, str]:
    """A small generated picture (JPEG or PNG): bytes, file extension, content type."""
    shade = 120 + 20 * variant
    image = Image.new("RGB", (640, 420), (shade, shade, shade))
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, 623, 403), outline=(70, 70, 70), width=4)
    for text, size, y in [("Ảnh minh chứng", 40, 160), (PHOTO_CAPTIONS[variant], 24, 230)]:
        font = _font(size)
        left, _, right, _ = draw.textbbox((0, 0), text, font=font)
        draw.text(((640 - (right - left)) / 2, y), text, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    if variant % 2:
        image.save(out, format="PNG")
        return out.getvalue(), "png", "image/png"
    image.save(out, format="JPEG", quality=80)
    return out.getvalue(), "jpg", "image/jpeg"


def _photo_upload(number: int) -> SimpleUploadedFile:
    variant = number % len(PHOTO_CAPTIONS)
    content, extension, content_type = _photo(variant)
    return SimpleUploadedFile(f"anh-minh-chung-{number}.{extension}", content, content_type)


# --- Planning -----------------------------------------------------------------------------------


@dataclass
class Plan:
    number: int  # order of planning; the submission key is given by date once all are planned
    case: Case
    unit_code: str
    template: Template
    words: dict
    submit: dict
    citizen: bool = False
    key: str = ""
    received_at: dt.datetime | None = None
    deadline: dt.date | None = None  # the one in force at the end
    answered_at: dt.datetime | None = None
    forward: tuple[str, str, str] | None = None  # outside the platform: template, to whom, why
    steps: list[Step] = field(default_factory=list)


class Planner(Timeline):
    """Draws what happens to each petition of a story, and when, from one seeded generator.

    The class attributes say what the story holds; this one is the last twelve months before
    ``now`` (the day the demo is loaded), ``history_2023.Year2023`` the pilot year."""

    key_prefix = KEY_PREFIX
    cases = CASES
    citizen_states = CITIZEN_STATES
    unit_weights = UNIT_WEIGHTS
    late_share = dict.fromkeys(UNIT_WEIGHTS, LATE_SHARE)

    def __init__(self, rng: random.Random, now: dt.datetime, offices: dict[str, Office]):
        today = timezone.localdate(now)
        super().__init__(rng, now, today - dt.timedelta(days=420), today + dt.timedelta(days=90))
        self.offices = offices
        self.people = People(rng)
        self.fields = {f.code: f for f in Field.objects.filter(code__in=FIELD_WEIGHTS)}
        self.district = Body.objects.select_related("unit").get(
            unit__level=AdminUnit.Level.DISTRICT,
            unit__code=DISTRICT_CODE,
            unit__valid_to=LEGACY_END,
            kind=Body.Kind.PEOPLES_COMMITTEE,
        )
        self.citizen = User.objects.get(username=DEMO_CITIZEN)
        self._deadlines: dict[tuple, dt.date] = {}
        self._forwards: list[tuple[str, str, str]] = []  # drawn without replacement: a fair mix

    # Dates and times.

    def deadline(self, kind: str, unit: AdminUnit, moment: dt.datetime) -> dt.date:
        key = (kind, unit.pk, timezone.localdate(moment))
        if key not in self._deadlines:
            self._deadlines[key] = services.deadline_for(kind, unit, moment)
        return self._deadlines[key]

    def days_ago(self, case: Case) -> float:
        """How long before ``today`` a petition of ``case`` was received."""
        r = self.rng
        if case.state == State.REOPENED:
            return r.uniform(40, 85) if case.overdue else r.uniform(14, 30)
        if case.variant == "to_district":
            return r.uniform(25, 70) if case.overdue else r.uniform(2, 10)
        if case.state in OPEN_STATES:
            return r.uniform(18, 80) if case.overdue else r.uniform(0, 11)
        if case.state == State.ANSWERED:  # old answers are mostly closed by now
            return 12 + 346 * r.random() ** 1.6
        return 14 + 344 * r.random() ** 1.15  # more petitions lately, as the pilot took off

    def received_in_story(self, plan: "Plan") -> bool:
        return timezone.localdate(plan.received_at) >= self.today - dt.timedelta(days=360)

    # People and words.

    def person(self) -> str:
        return self.people.name()

    def phone(self) -> str:
        return self.people.phone()

    def words(self, office: Office, village: AdminUnit) -> dict:
        r = self.rng
        unit = office.unit
        other = r.choice([v for v in office.villages if v.pk != village.pk] or [village])
        words = {
            "village": f"{village.kind.lower()} {village.short_name}",
            "other_village": f"{other.kind.lower()} {other.short_name}",
            "commune": f"{unit.kind.lower()} {unit.short_name}",
            "commune_short": unit.short_name,
            "neighbor": self.person(),
            "n": r.randint(2, 6),
            "n2": r.randint(2, 9),
            "width": r.choice(["0,3", "0,4", "0,5", "0,6", "0,8", "1,2"]),
            "area": r.randint(12, 85),
            "length": r.choice([60, 80, 100, 120, 150, 200, 250, 300]),
            "herd": r.choice([80, 120, 150, 200, 300]),
            "age": r.randint(80, 91),
        }
        words["place"] = r.choice(PLACES).format(**words)
        return words

    def template(self, case: Case) -> Template:
        r = self.rng
        codes = list(FIELD_WEIGHTS)
        code = r.choices(codes, weights=[FIELD_WEIGHTS[c] for c in codes])[0]
        kind = REC if r.random() < RECOMMENDATION_SHARE else FB
        if case.variant == "land":
            code, kind = "land", FB
        pool = [t for t in TEMPLATES if t.field == code and t.kind == kind] or [
            t for t in TEMPLATES if t.field == code
        ]
        return r.choice(pool)

    def answer_text(self, plan: Plan, day: dt.date, text: str | None = None) -> str:
        r = self.rng
        received = timezone.localdate(plan.received_at)
        checked = max(received, day - dt.timedelta(days=r.randint(0, 3)))
        words = {**plan.words, "date": checked.strftime("%d/%m/%Y")}
        what = "phản ánh" if plan.template.kind == FB else "kiến nghị"
        committee = self.offices[plan.unit_code].committee.name
        body = (text or plan.template.answer).format(**words)
        ending = r.choice(ANSWER_ENDINGS).format(**words)
        return f"Về nội dung ông/bà {what}, {committee} trả lời như sau: {body}{ending}"

    # One petition's life.

    def new_plan(self, number: int, case: Case, citizen: bool) -> Plan:
        r = self.rng
        codes = list(self.unit_weights)
        unit_code = PILOT_CODE
        if not (citizen or case.variant == "land"):  # a story's feedback is the pilot's
            unit_code = r.choices(codes, weights=[self.unit_weights[c] for c in codes])[0]
        forward = None
        if case.state == State.FORWARDED:
            if not self._forwards:
                self._forwards = r.sample(FORWARDS_OUTSIDE, len(FORWARDS_OUTSIDE))
            forward = self._forwards.pop()
            template = TEMPLATES_BY_KEY[forward[0]]
        elif case.variant == "to_district":
            template = TEMPLATES_BY_KEY[r.choice(TO_DISTRICT_TEMPLATES)]
        else:
            template = self.template(case)
        office = self.offices[unit_code]
        village = r.choice(office.villages)
        words = self.words(office, village)
        channel = Channel.ONLINE
        if not citizen:
            channel = r.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        submit = {
            "field": self.fields[template.field],
            "unit": office.unit,
            "kind": template.kind,
            "village": village if r.random() < VILLAGE_SHARE else None,
            "channel": channel,
            "entered_by": None if channel == Channel.ONLINE else office.clerk,
            "consent_publish": r.random() < CONSENT_SHARE,
        }
        if "{place}" in template.content:
            submit["address"] = words["place"][:1].upper() + words["place"][1:]
        if citizen:
            submit["submitter"] = self.citizen
        elif r.random() < ANONYMOUS_SHARE:
            submit["is_anonymous"] = True
        elif r.random() < EMAIL_ONLY_SHARE:
            submit["name"] = self.person()
            submit["email"] = f"nguoidan.{number:03d}@example.com"
        else:
            submit["name"] = self.person()
            submit["phone"] = self.phone()
        return Plan(number, case, unit_code, template, words, submit, citizen, forward=forward)

    def build(self, plan: Plan, received_at: dt.datetime) -> bool:
        """Lay out the steps of ``plan`` from ``received_at``; False if they do not fit before now
        or miss the case's overdue-or-not."""
        r, case = self.rng, plan.case
        office = self.offices[plan.unit_code]
        plan.received_at, plan.steps, plan.answered_at = received_at, [], None
        plan.words.update(self.words_for_dates(plan, received_at))
        title = plan.template.title.format(**plan.words)
        content = plan.template.content.format(**plan.words)
        plan.submit.update(title=title, content=content)
        kind, unit = plan.template.kind, office.unit
        plan.deadline = self.deadline(kind, unit, received_at)
        at = received_at
        if plan.submit["channel"] != Channel.ONLINE:
            at += dt.timedelta(minutes=r.randint(5, 90))  # entered by the clerk a little later
        steps = plan.steps
        steps.append(Step(at, "submit", {}))

        if case.state == State.FORWARDED:
            if r.random() < 0.6:
                at = self.office_after(at, 0, 2)
                steps.append(Step(at, "accept", {"actor": office.clerk}))
            _, outside, reason = plan.forward
            at = self.office_after(at, 0, 3)
            actor = r.choice([office.clerk, office.leader])
            steps.append(
                Step(at, "forward", {"actor": actor, "outside": outside, "reason": reason})
            )
        elif case.state == State.DECLINED:
            if r.random() < 0.5:
                at = self.office_after(at, 0, 2)
                steps.append(Step(at, "accept", {"actor": office.clerk}))
            at = self.office_after(at, 0, 4)
            actor = r.choice([office.handler, office.leader])
            reason = r.choice(DECLINE_REASONS)
            steps.append(Step(at, "decline", {"actor": actor, "reason": reason}))
        elif case.variant == "to_district":
            if r.random() < 0.5:
                at = self.office_after(at, 0, 1)
                steps.append(Step(at, "accept", {"actor": office.clerk}))
            at = self.office_after(at, 0, 3)
            args = {"actor": office.leader, "body": self.district, "reason": TO_DISTRICT_REASON}
            steps.append(Step(at, "forward", args))
            plan.deadline = self.deadline(kind, self.district.unit, at)
        elif case.state != State.RECEIVED:
            at = self.office_after(at, 0, 2)
            steps.append(Step(at, "accept", {"actor": office.clerk}))
            if case.state != State.ACCEPTED:
                at = self.start(steps, office, at)
                if case.state == State.IN_PROGRESS:
                    if case.variant == "pending":
                        at = self.answer(plan, at, plan.deadline, publish=False)
                else:
                    at = self.answered(plan, at)
        return self.fits(plan)

    def words_for_dates(self, plan: Plan, received_at: dt.datetime) -> dict:
        month = timezone.localdate(received_at) - dt.timedelta(days=self.rng.randint(35, 150))
        return {"month": f"tháng {month.month}/{month.year}"}

    def start(self, steps: list[Step], office: Office, after: dt.datetime) -> dt.datetime:
        at = self.office_after(after, 0, 2)
        actor = office.leader if self.rng.random() < 0.5 else office.handler
        steps.append(Step(at, "start", {"actor": actor, "assignee": office.handler}))
        return at

    def answer_day(self, after: dt.datetime, deadline: dt.date, late: bool) -> dt.date:
        first = timezone.localdate(after)
        if late:
            return self.add_working(max(first, deadline), self.rng.randint(1, 8))
        days = []
        day = first
        while day <= min(deadline, self.today):
            if self.working(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return self.rng.choice(days[1:] or days or [first])

    def answer(
        self,
        plan: Plan,
        after: dt.datetime,
        deadline: dt.date,
        *,
        publish: bool = True,
        text: str | None = None,
    ) -> dt.datetime:
        """Draft an answer (returned once in a while) and, when ``publish``, have it approved;
        return the moment of the last step."""
        r, office, steps, case = self.rng, self.offices[plan.unit_code], plan.steps, plan.case
        late = r.random() < self.late_share[plan.unit_code]
        if case.late is not None:
            late = case.late
        day = case.answered_on if case.answered_on and text is None else None
        day = day or self.answer_day(after, deadline, late)
        photo = r.random() < PHOTO_SHARE
        answer = {"text": self.answer_text(plan, day, text), "photo": photo}
        at = self.office_on(day, after)
        chairman = case.answered_on is not None or r.random() < LEADER_ANSWERS_SHARE
        if publish and chairman:  # the chairman answers himself
            steps.append(Step(at, "answer", {"actor": office.leader, **answer}))
            plan.answered_at = at
            return at
        if publish and r.random() < RETURNED_SHARE:
            steps.append(Step(at, "answer", {"actor": office.handler, "text": DRAFT_TEXT}))
            at = self.office_after(at, 0, 1)
            note = r.choice(RETURN_NOTES)
            steps.append(Step(at, "return", {"actor": office.leader, "note": note}))
            at = self.office_after(at, 0, 1)
        steps.append(Step(at, "answer", {"actor": office.handler, **answer}))
        if not publish:
            return at
        approve = self.office_after(at, 0, 1)
        if not late and timezone.localdate(approve) > deadline:
            approve = self.office_on(timezone.localdate(at), at)
        steps.append(Step(approve, "approve", {"actor": office.leader}))
        plan.answered_at = approve
        return approve

    def rate(self, plan: Plan, after: dt.datetime, *, low: bool = False) -> dt.datetime:
        r = self.rng
        late = plan.answered_at is not None and timezone.localdate(plan.answered_at) > plan.deadline
        weights = RATINGS_LATE if late or low else RATINGS_ON_TIME
        if low:
            weights = {1: 50, 2: 50}
        rating = r.choices(list(weights), weights=list(weights.values()))[0]
        comment = r.choice(RATING_COMMENTS[rating]) if rating <= 3 or r.random() < 0.5 else ""
        at = self.citizen_after(after, 0, 6)
        plan.steps.append(Step(at, "rate", {"rating": rating, "comment": comment}))
        return at

    def answered(self, plan: Plan, after: dt.datetime) -> dt.datetime:
        r, case, office = self.rng, plan.case, self.offices[plan.unit_code]
        at = self.answer(plan, after, plan.deadline)
        if case.state == State.REOPENED or case.variant == "reanswered":
            if case.state == State.REOPENED and r.random() < 0.5:
                at = self.rate(plan, at, low=True)
            at = max(at + dt.timedelta(minutes=30), self.citizen_after(plan.answered_at, 1, 12))
            reason = r.choice(REOPEN_REASONS)
            plan.steps.append(Step(at, "reopen", {"reason": reason}))
            plan.deadline = self.deadline(plan.template.kind, office.unit, at)
            if case.state == State.REOPENED:
                return at
            at = self.start(plan.steps, office, at)
            at = self.answer(plan, at, plan.deadline, text=REANSWER)
        if r.random() < RATED_SHARE:
            at = self.rate(plan, at)
        if case.state == State.CLOSED:
            if r.random() < CITIZEN_CLOSES_SHARE:
                at = self.citizen_after(at, 0, 5)
                plan.steps.append(Step(at, "close", {"as_citizen": True}))
            else:  # the clerk closes once the citizen's time to reopen has passed
                at = max(at, self.office_after(plan.answered_at, 11, 14))
                at = self.office_on(timezone.localdate(at), at)
                plan.steps.append(Step(at, "close", {"actor": office.clerk}))
        return at

    def merged(self, plan: Plan, into: Plan) -> bool:
        r, office = self.rng, self.offices[plan.unit_code]
        received_at = into.received_at + dt.timedelta(hours=r.uniform(12, 240))
        if plan.submit["channel"] != Channel.ONLINE:
            received_at = self.office_on(timezone.localdate(received_at), received_at)
        plan.received_at, plan.steps = received_at, []
        plan.deadline = self.deadline(plan.template.kind, office.unit, received_at)
        at = received_at
        if plan.submit["channel"] != Channel.ONLINE:
            at += dt.timedelta(minutes=r.randint(5, 90))
        plan.steps.append(Step(at, "submit", {}))
        if r.random() < 0.5:
            at = self.office_after(at, 0, 1)
            plan.steps.append(Step(at, "accept", {"actor": office.clerk}))
        at = self.office_after(at, 0, 3)
        actor = r.choice([office.handler, office.leader])
        plan.steps.append(Step(at, "merge", {"actor": actor, "into": into, "reason": MERGE_REASON}))
        return self.fits(plan)

    def fits(self, plan: Plan) -> bool:
        moments = [s.at for s in plan.steps]
        if moments[-1] >= self.limit or moments != sorted(moments):
            return False
        if not self.received_in_story(plan):
            return False
        if plan.case.state in OPEN_STATES:
            return (plan.deadline < self.today) == plan.case.overdue
        return True

    def plan_all(self) -> list[Plan]:
        r = self.rng
        cases = [case for case, count in self.cases for _ in range(count)]
        r.shuffle(cases)
        wanted = list(self.citizen_states)
        plans, merged = [], []
        for number, case in enumerate(cases):
            citizen = case.state in wanted and not case.overdue and case.variant == ""
            if citizen:
                wanted.remove(case.state)
            if case.state == State.MERGED:
                merged.append((number, case))
                continue
            plan = self.new_plan(number, case, citizen)
            for _ in range(500):
                online = plan.submit["channel"] == Channel.ONLINE
                if self.build(plan, self.received(self.days_ago(case), online)):
                    break
            else:
                raise RuntimeError(f"no history fits demo petition {number} ({case})")
            plans.append(plan)
        targets = [
            p
            for p in plans
            if p.case.state in (State.IN_PROGRESS, State.ANSWERED, State.CLOSED)
            and p.case.variant == ""
            and not p.citizen
        ]
        r.shuffle(targets)
        for number, case in merged:
            for into in targets:
                plan = self.merged_plan(number, case, into)
                if self.merged(plan, into):
                    targets.remove(into)
                    plans.append(plan)
                    break
            else:
                raise RuntimeError(f"no petition to merge demo petition {number} into")
        plans.sort(key=lambda p: (p.received_at, p.number))
        for i, plan in enumerate(plans, start=1):
            plan.key = f"{self.key_prefix}{i:04d}"
        return plans

    def merged_plan(self, number: int, case: Case, into: Plan) -> Plan:
        """A neighbour writes about the same thing: same commune, field, village and story."""
        r = self.rng
        channel = r.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        office = self.offices[into.unit_code]
        submit = {
            **into.submit,
            "channel": channel,
            "entered_by": None if channel == Channel.ONLINE else office.clerk,
            "consent_publish": r.random() < CONSENT_SHARE,
            "content": into.submit["content"] + " Nhiều hộ xung quanh cũng có chung ý kiến này.",
            "name": self.person(),
            "phone": self.phone(),
            "email": "",
            "is_anonymous": False,
            "submitter": None,
        }
        return Plan(number, case, into.unit_code, into.template, dict(into.words), submit)


# --- Running the plans through the services ----------------------------------------------------


def _apply(plan: Plan, step: Step, pks: dict[str, int], photos: list[int]) -> None:
    """Take one step through the services; ``pks`` maps submission keys to petitions, ``photos``
    counts the evidence photos so far."""
    if step.action == "submit":
        submit_planned(plan, services.petition_submit, pks)
        return
    petition = Petition.objects.select_related("body__unit").get(pk=pks[plan.key])
    a = step.args
    match step.action:
        case "accept":
            services.petition_accept(petition=petition, actor=a["actor"])
        case "start":
            services.petition_start(petition=petition, actor=a["actor"], assignee=a["assignee"])
        case "forward":
            services.petition_forward(
                petition=petition,
                actor=a["actor"],
                reason=a["reason"],
                body=a.get("body"),
                outside=a.get("outside", ""),
            )
        case "merge":
            into = Petition.objects.select_related("body__unit").get(pk=pks[a["into"].key])
            reason = a["reason"].format(code=into.tracking_code)
            services.petition_merge(petition=petition, actor=a["actor"], into=into, reason=reason)
        case "decline":
            services.petition_decline(petition=petition, actor=a["actor"], reason=a["reason"])
        case "answer":
            files = None
            if a.get("photo"):
                photos.append(len(photos) + 1)
                files = [_photo_upload(photos[-1])]
            services.petition_answer(
                petition=petition, actor=a["actor"], text=a["text"], files=files
            )
        case "return":
            services.petition_return(petition=petition, actor=a["actor"], note=a["note"])
        case "approve":
            services.petition_approve(petition=petition, actor=a["actor"])
        case "close":
            services.petition_close(
                petition=petition, actor=a.get("actor"), as_citizen=a.get("as_citizen", False)
            )
        case "reopen":
            services.petition_reopen(petition=petition, reason=a["reason"])
        case "rate":
            services.petition_rate(petition=petition, rating=a["rating"], comment=a["comment"])
        case _:
            raise ValueError(step.action)


def petitions_of(prefix: str) -> QuerySet[Petition]:
    return Petition.objects.filter(submission_key__startswith=prefix, kind__in=SIMPLE_KINDS)


def summary(petitions: QuerySet[Petition], created: int = 0, seconds: float = 0.0) -> dict:
    states = dict(petitions.order_by().values_list("state").annotate(n=Count("id")))
    return {
        "created": created,
        "total": sum(states.values()),
        "states": {state: states.get(state, 0) for state in State.values},
        "overdue": petitions.filter(
            state__in=OPEN_STATES, deadline__lt=timezone.localdate()
        ).count(),
        "rated": petitions.filter(rating__isnull=False).count(),
        "seconds": round(seconds, 1),
    }


def load_plans(planner: Planner) -> dict:
    """Plan a story's petitions and take their steps through the services, once: a story already
    loaded is left as it is. Return counts by state."""
    started = time.monotonic()
    petitions = petitions_of(planner.key_prefix)
    if petitions.exists():
        return summary(petitions)
    plans = planner.plan_all()
    pks: dict[str, int] = {}
    photos: list[int] = []
    run_steps(plans, lambda plan, step: _apply(plan, step, pks, photos))
    return summary(petitions, created=len(plans), seconds=time.monotonic() - started)


@story
def load(today: Today) -> dict:
    """The petitions of the twelve months before ``today`` (the ground, ``units_people``, must be
    loaded)."""
    return load_plans(Planner(random.Random(SEED), today.now, offices()))
