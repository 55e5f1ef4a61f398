"""Denunciations (Luật Tố cáo 2018) of the last ten months: 12 cases in every state of their
workflow, two anonymous (the commune checks them itself), some extended once or twice, so that the
statutory pages (inboxes, stages, conclusions, the identity on request) have something real to show,
dated from the day the demo is loaded.

Every case goes through the room's services only (submit, accept, refuse, verify, extend,
conclude, close, withdraw), so its log, audit rows, deadlines (from ``LegalRule``) and the
denouncer's encrypted identity are the platform's own; each step runs with the clock set to the
moment it happened, the steps of all cases in the order of those moments.

Loading is idempotent (the cases carry a ``submission_key`` starting "demo-s-tc-") and
deterministic for a given day (one seeded generator), except for the tracking codes. Nobody real is
named: the denouncers (``DENOUNCERS``) and the people denounced are placeholders, phone numbers
follow the demo's "09x?000???" pattern, ID numbers are made up.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from thanthien.core.workdays import due_date
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions import cases
from thanthien.petitions.confidential import Identity
from thanthien.petitions.models import Channel, DenunciationCase, Kind, Petition, State
from thanthien.petitions.workflow import OPEN_STATUTORY

from ._cases import CasePlanner, Plan, key_by_date, load_cases
from ._helpers import (
    DENOUNCERS,
    KIM_TAN,
    PILOT_CODE,
    THACH_BINH,
    Step,
    Today,
    story,
    submit_planned,
)
from .units_people import Office, offices

SEED = 2018
KEY_PREFIX = "demo-s-tc-"
VAN_DU = PILOT_CODE
ID_PREFIX = "0380"  # Thanh Hóa (038), born in the 20th century, male or not: a placeholder


# --- Denunciation stories --------------------------------------------------------------------------
#
# Placeholders: {village}, {commune}, {official} (the person denounced), {neighbor} (a man),
# {neighbor_f} (a woman), {month}, {event_date}, {number}.


@dataclass(frozen=True)
class DStory:
    field: str
    title: str
    content: str
    denounced: str
    conclusion: str = ""
    measures: str = ""
    extensions: tuple[str, ...] = ()
    refusal: str = ""
    withdrawal: str = ""


EXTENSION_DEFAULT = (
    "Vụ việc có nhiều nội dung, phải làm việc với nhiều người liên quan và thu thập thêm tài liệu; "
    "gia hạn giải quyết tố cáo theo Điều 30 Luật Tố cáo 2018.",
    "Chưa thu thập đủ tài liệu, chứng cứ để kết luận; gia hạn lần hai theo Điều 30 Luật Tố cáo 2018.",
)
DSTORIES: dict[str, DStory] = {
    "hotich-fees": DStory(
        "administrative-procedures",
        "Tố cáo công chức Tư pháp - Hộ tịch thu tiền ngoài quy định khi làm giấy tờ",
        "Tôi tố cáo ông {official}, công chức Tư pháp - Hộ tịch {commune}. Khi đăng ký khai sinh, "
        "chứng thực giấy tờ tại bộ phận một cửa, ông {official} thường nói muốn lấy ngay thì phải "
        "'gửi tiền', nhận của mỗi người từ 100.000 đến 200.000 đồng, không có biên lai. Ngày "
        "{event_date} tôi đã phải đưa 200.000 đồng để lấy trích lục khai sinh cho con. Một số hộ ở "
        "{village} cũng bị như vậy.",
        "Ông {official}, công chức Tư pháp - Hộ tịch {commune}",
        "Tố cáo đúng một phần. Ông {official} đã nhận tiền 'bồi dưỡng' của 04 trường hợp, tổng số "
        "600.000 đồng, khi giải quyết chứng thực, đăng ký hộ tịch; chưa có căn cứ kết luận ông "
        "{official} yêu cầu nộp tiền đối với mọi trường hợp như nội dung tố cáo.",
        "Yêu cầu ông {official} trả lại số tiền đã nhận cho công dân; kiểm điểm, xem xét xử lý kỷ luật "
        "theo Nghị định 112/2020/NĐ-CP; bố trí công chức khác tiếp nhận hồ sơ hộ tịch; niêm yết công "
        "khai phí, lệ phí tại bộ phận một cửa.",
    ),
    "land-officer-money": DStory(
        "land",
        "Tố cáo cán bộ nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận",
        "Tôi tố cáo ông {official}, công chức Địa chính - Xây dựng {commune}, đã nhận của gia đình tôi "
        "5.000.000 đồng trong {month}, hứa làm nhanh hồ sơ cấp giấy chứng nhận quyền sử dụng đất. Đến "
        "nay hồ sơ vẫn chưa có kết quả; khi tôi hỏi lại, ông {official} bảo phải chờ 'trên huyện'. Tôi "
        "có tin nhắn điện thoại hẹn gặp và người làm chứng.",
        "Ông {official}, công chức Địa chính - Xây dựng {commune}",
    ),
    "village-fund": DStory(
        "other",
        "Tố cáo Trưởng {village} sử dụng sai quỹ sửa chữa nhà văn hóa",
        "Các hộ ở {village} đã đóng góp mỗi hộ 500.000 đồng để sửa nhà văn hóa, tổng khoảng 90 triệu "
        "đồng. Ông {official}, Trưởng {village}, giữ tiền, không công khai thu chi; nhà văn hóa chỉ "
        "được quét vôi, thay mái tôn. Tôi nghi ông {official} dùng một phần tiền để trả nợ cá nhân. Đề "
        "nghị kiểm tra sổ sách và công khai trước dân.",
        "Ông {official}, Trưởng {village}",
        "Tố cáo đúng một phần. Tổng số tiền các hộ đóng góp là 87.500.000 đồng; đã chi 71.200.000 đồng "
        "sửa chữa nhà văn hóa, có chứng từ. Số tiền còn lại 16.300.000 đồng ông {official} giữ, không "
        "công khai, trong đó 12.000.000 đồng đã sử dụng vào việc cá nhân. Không có căn cứ về việc thu "
        "vượt mức hội nghị khu dân cư đã thống nhất.",
        "Yêu cầu ông {official} nộp lại toàn bộ số tiền còn lại vào tài khoản của khu dân cư; công "
        "khai thu chi tại hội nghị {village} theo Luật Thực hiện dân chủ ở cơ sở 2022; đề nghị hội "
        "nghị khu dân cư xem xét miễn nhiệm Trưởng {village}; giao Ban Thanh tra nhân dân giám sát.",
        (
            "Phải đối chiếu sổ thu của từng hộ và chứng từ chi của công trình sửa chữa; gia hạn giải "
            "quyết tố cáo theo Điều 30 Luật Tố cáo 2018.",
        ),
    ),
    "tolerated-construction": DStory(
        "infrastructure",
        "Tố cáo cán bộ làm ngơ cho xây nhà trên đất trồng lúa",
        "Từ {month}, hộ ông {neighbor} ở {village} san lấp khoảng 300 m² ruộng lúa và xây nhà hai tầng. "
        "Người dân đã báo ông {official}, công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường "
        "{commune}, nhưng ông {official} không lập biên bản, nhà vẫn xây xong. Có dư luận ông "
        "{official} là họ hàng và đã nhận tiền của chủ nhà.",
        "Ông {official}, công chức Địa chính - Nông nghiệp - Xây dựng - Môi trường {commune}",
        "Tố cáo đúng một phần. Việc hộ ông {neighbor} xây nhà trên đất trồng lúa là có thật; ông "
        "{official} được báo nhưng không kiểm tra, lập biên bản kịp thời, thiếu trách nhiệm trong quản "
        "lý trật tự xây dựng. Không có căn cứ kết luận ông {official} nhận tiền của chủ nhà.",
        "Kiểm điểm, xử lý kỷ luật khiển trách ông {official} theo Nghị định 112/2020/NĐ-CP; lập hồ sơ "
        "đề nghị Chủ tịch UBND huyện xử phạt, buộc hộ ông {neighbor} khôi phục tình trạng ban đầu của "
        "đất theo Nghị định 123/2024/NĐ-CP.",
        (
            "Phải đo đạc hiện trạng, làm việc với hộ xây dựng và xác minh dòng tiền liên quan đến nội "
            "dung nhận tiền; gia hạn giải quyết tố cáo theo Điều 30 Luật Tố cáo 2018.",
        ),
    ),
    "poor-list": DStory(
        "social-policy",
        "Tố cáo Trưởng {village} đưa người nhà vào danh sách hộ nghèo",
        "Trong đợt rà soát hộ nghèo cuối năm, ông {official}, Trưởng {village}, đưa gia đình em ruột "
        "mình vào danh sách hộ nghèo, trong khi gia đình này có nhà xây kiên cố, có ô tô tải chạy "
        "thuê. Một số hộ khó khăn thật sự như hộ bà {neighbor_f} lại không được đưa ra bình xét. Đề nghị "
        "kiểm tra lại việc bình xét.",
        "Ông {official}, Trưởng {village}",
        "Tố cáo đúng. Hộ em ruột ông {official} có thu nhập và điều kiện sống vượt chuẩn, không đủ điều "
        "kiện là hộ nghèo; ông {official} chủ trì hội nghị bình xét nhưng không báo cáo quan hệ thân "
        "thích và không đưa hộ bà {neighbor_f} ra bình xét.",
        "Đưa hộ không đủ điều kiện ra khỏi danh sách hộ nghèo, thu hồi các khoản hỗ trợ đã nhận; bình "
        "xét bổ sung hộ bà {neighbor_f}; đề nghị hội nghị {village} xem xét trách nhiệm của Trưởng "
        "{village}.",
    ),
    "road-labor": DStory(
        "infrastructure",
        "Tố cáo lập chứng từ khống ngày công làm đường giao thông",
        "Công trình bê tông hóa đường ngõ ở {village} năm nay được hỗ trợ kinh phí thuê nhân công. Bảng "
        "chấm công có tên nhiều người không đi làm, trong đó có cả người đang làm ăn xa. Ông "
        "{official}, công chức Tài chính - Kế toán {commune}, cùng Ban giám sát công trình lập và "
        "thanh toán bảng công này. Đề nghị kiểm tra chứng từ thanh toán.",
        "Ông {official}, công chức Tài chính - Kế toán {commune}",
        extensions=(
            "Vụ việc phức tạp: phải đối chiếu chứng từ thanh toán với Kho bạc Nhà nước và xác minh "
            "từng người có tên trong bảng chấm công; gia hạn giải quyết theo Điều 30 Luật Tố cáo 2018.",
            "Chưa xác minh được 06 người có tên trong bảng chấm công đang làm việc ngoài tỉnh; gia hạn "
            "lần hai theo Điều 30 Luật Tố cáo 2018.",
        ),
    ),
    "road-contributions": DStory(
        "other",
        "Tố cáo việc thu tiền làm đường vượt mức, ép các hộ phải nộp",
        "Ông {official}, Trưởng {village}, thu tiền làm đường mỗi khẩu 300.000 đồng, cao hơn mức hội "
        "nghị khu dân cư đã thống nhất (200.000 đồng mỗi hộ). Hộ nào chưa nộp thì ông {official} không "
        "ký xác nhận giấy tờ cho con đi học, đi làm. Tôi có giấy biên nhận viết tay do ông {official} "
        "ký ngày {event_date}.",
        "Ông {official}, Trưởng {village}",
    ),
    "public-land-lease": DStory(
        "land",
        "Tố cáo việc cho thuê đất công ích không qua đấu giá",
        "Khu đất công ích khoảng 1,2 ha ở cánh đồng {village} hết hạn cho thuê từ đầu năm. Ông "
        "{official}, Phó Chủ tịch UBND {commune}, ký hợp đồng cho một người quen thuê tiếp 5 năm với "
        "giá thấp, không thông báo, không đấu giá như những lần trước. Nhiều hộ trong khu muốn thuê "
        "nhưng không được biết.",
        "Ông {official}, Phó Chủ tịch UBND {commune}",
    ),
    "garbage-fees": DStory(
        "environment",
        "Tố cáo tổ thu gom rác thu phí vệ sinh sai quy định, không có biên lai",
        "Ông {official}, tổ trưởng tổ thu gom rác thải {village}, thu phí vệ sinh mỗi hộ 40.000 "
        "đồng/tháng, cao hơn mức 25.000 đồng/tháng UBND {commune} đã thông báo, từ tháng 1 đến nay "
        "không cấp biên lai. Các hộ kinh doanh ở khu chợ bị thu 100.000 đồng/tháng. Có thể kiểm tra sổ "
        "thu tiền của tổ và hỏi các hộ dọc đường chính của {village}.",
        "Ông {official}, tổ trưởng tổ thu gom rác thải {village}",
        extensions=(
            "Cần xác minh sổ thu tiền và lấy ý kiến các hộ kinh doanh khu chợ; tổ thu gom chưa cung "
            "cấp đủ sổ sách. Gia hạn giải quyết theo Điều 30 Luật Tố cáo 2018.",
        ),
    ),
    "allowance-fraud": DStory(
        "social-policy",
        "Tố cáo lập hồ sơ hưởng trợ cấp cho người không đủ điều kiện",
        "Ông {official}, công chức Văn hóa - Xã hội {commune}, lập hồ sơ cho bà {neighbor_f} ở {village} "
        "hưởng trợ cấp người khuyết tật dù bà đi lại, buôn bán bình thường. Ngoài ra danh sách chi trả "
        "năm nay vẫn có tên một cụ ông ở {village} đã mất từ {month} nhưng tiền vẫn được lĩnh. Đề nghị "
        "kiểm tra danh sách chi trả trợ cấp của {village}.",
        "Ông {official}, công chức Văn hóa - Xã hội {commune}",
        "Tố cáo đúng một phần. Trường hợp người đã mất vẫn có tên trong danh sách chi trả là có thật: "
        "tiền trợ cấp 03 tháng được người nhà lĩnh do chưa báo giảm kịp thời. Bà {neighbor_f} được Hội "
        "đồng xác định mức độ khuyết tật đánh giá đúng quy định (khuyết tật nghe, nói); không có căn "
        "cứ kết luận ông {official} lập hồ sơ sai.",
        "Thu hồi số tiền chi sai nộp ngân sách; yêu cầu ông {official} rút kinh nghiệm, báo giảm đối "
        "tượng hằng tháng; rà soát toàn bộ danh sách chi trả trợ cấp của {commune}.",
    ),
    "repeat-certificate": DStory(
        "land",
        "Tố cáo việc cấp giấy chứng nhận quyền sử dụng đất sai cho hộ liền kề",
        "Tôi tiếp tục tố cáo việc ông {official}, nguyên công chức địa chính, cấp giấy chứng nhận cho "
        "hộ ông {neighbor} lấn sang đất nhà tôi ở {village}. Việc này tôi đã tố cáo năm ngoái và UBND "
        "đã có kết luận, nhưng tôi không đồng ý.",
        "Ông {official}, nguyên công chức Địa chính - Xây dựng {commune} (đã nghỉ hưu)",
        refusal="Không thụ lý: nội dung tố cáo đã được Chủ tịch UBND {commune} giải quyết bằng Kết luận "
        "nội dung tố cáo số {number}/KL-UBND; đơn tố cáo lần này không có thông tin, tài liệu, chứng "
        "cứ mới (Luật Tố cáo 2018). Tranh chấp ranh giới đất giữa hai hộ được hướng dẫn giải quyết "
        "bằng hòa giải tại UBND hoặc khởi kiện tại Tòa án.",
    ),
    "vet-fees": DStory(
        "other",
        "Tố cáo nhân viên thú y thu tiền tiêm phòng dại cao hơn quy định",
        "Ông {official}, nhân viên thú y {commune}, thu mỗi con chó 80.000 đồng tiền tiêm phòng dại "
        "trong đợt tiêm {month}, trong khi loa truyền thanh thông báo mức thu thấp hơn, không có biên "
        "lai. Đề nghị kiểm tra việc thu tiền của ông {official} ở {village}.",
        "Ông {official}, nhân viên thú y {commune}",
        withdrawal="Người tố cáo có đơn rút tố cáo: sau buổi làm việc được giải thích mức thu đã gồm "
        "tiền vắc xin theo giá dịch vụ được niêm yết; kiểm tra ban đầu không phát hiện dấu hiệu vi "
        "phạm nên đình chỉ việc giải quyết (Luật Tố cáo 2018).",
    ),
}
DENUNCIATION_WITHDRAWAL = (
    "Người tố cáo có đơn rút tố cáo; qua kiểm tra không phát hiện hành vi vi phạm nên đình chỉ việc "
    "giải quyết (Luật Tố cáo 2018)."
)


# --- The set ------------------------------------------------------------------------------------

ONLINE, PAPER, RECEPTION = Channel.ONLINE, Channel.PAPER, Channel.RECEPTION


@dataclass(frozen=True)
class DSpec:
    state: str
    unit: str
    story: str
    channel: str = ONLINE
    anonymous: bool = False
    extensions: int = 0
    until: str = ""  # withdrawn: the stage it was withdrawn at


S = State
DENUNCIATIONS = [
    DSpec(S.RECEIVED, VAN_DU, "road-contributions"),
    DSpec(S.RECEIVED, KIM_TAN, "land-officer-money", RECEPTION),
    DSpec(S.ACCEPTED, VAN_DU, "public-land-lease", PAPER),
    DSpec(S.VERIFYING, VAN_DU, "road-labor", RECEPTION, extensions=2),
    DSpec(S.VERIFYING, VAN_DU, "garbage-fees", PAPER, anonymous=True, extensions=1),
    DSpec(S.DECIDED, VAN_DU, "village-fund", RECEPTION, extensions=1),
    DSpec(S.CLOSED, VAN_DU, "hotich-fees"),
    DSpec(S.CLOSED, VAN_DU, "allowance-fraud", ONLINE, anonymous=True),
    DSpec(S.CLOSED, THACH_BINH, "tolerated-construction", RECEPTION, extensions=1),
    DSpec(S.CLOSED, THACH_BINH, "poor-list", PAPER),
    DSpec(S.REFUSED, VAN_DU, "repeat-certificate", RECEPTION),
    DSpec(S.WITHDRAWN, KIM_TAN, "vet-fees", ONLINE, until=S.ACCEPTED),
]

# How long ago the case was received (days), by the state it is in now and its extensions; the
# planner draws in the range and keeps a history only if it fits (nothing in the future, open
# cases on time, …).
DENUNCIATION_AGES = {
    (S.RECEIVED, 0): (0.3, 5),
    (S.ACCEPTED, 0): (6, 16),
    (S.VERIFYING, 0): (12, 30),
    (S.VERIFYING, 1): (38, 64),
    (S.VERIFYING, 2): (68, 100),
    (S.DECIDED, 0): (25, 45),
    (S.DECIDED, 1): (45, 95),
    (S.CLOSED, 0): (45, 300),
    (S.CLOSED, 1): (80, 300),
    (S.REFUSED, 0): (8, 300),
    (S.WITHDRAWN, 0): (15, 300),
}


# --- Planning -------------------------------------------------------------------------------------


class Planner(CasePlanner):
    """Draws the history of each denunciation: when it was received, and each stage after."""

    def denunciation(self, number: int, spec: DSpec, denouncer: str | None) -> Plan:
        office, story = self.offices[spec.unit], DSTORIES[spec.story]
        words = self.words(office)
        identity = Identity()
        if denouncer is not None:
            r = self.rng
            village = r.choice(office.villages)
            identity = Identity(
                name=denouncer,
                address=f"{village.kind} {village.short_name}, {words['commune']}, huyện Thạch "
                "Thành, tỉnh Thanh Hóa",
                id_number=f"{ID_PREFIX}{r.randint(55, 99):02d}{r.randint(0, 999_999):06d}",
                phone=self.phone(),
            )
        for _ in range(1000):
            plan = self.denunciation_history(number, spec, office, story, words, identity)
            if plan is not None:
                return plan
        raise RuntimeError(f"no history fits demo denunciation {number} ({spec})")

    def denunciation_history(
        self, number: int, spec: DSpec, office: Office, story: DStory, words: dict, identity
    ) -> Plan | None:
        r = self.rng
        online = spec.channel == ONLINE
        received_at = self.received_between(DENUNCIATION_AGES[spec.state, spec.extensions], online)
        received_day = timezone.localdate(received_at)
        words = {
            **words,
            "month": self.month_text(received_day - dt.timedelta(days=r.randint(20, 90))),
            "event_date": self.day_text(received_day - dt.timedelta(days=r.randint(5, 40))),
        }
        steps = [Step(received_at, "submit", {})]
        classify_by = self.period("denunciation-classification", received_day)

        def done(ok: bool = True) -> Plan | None:
            if not ok or not self.fits(steps):
                return None
            return self.denunciation_plan(number, spec, office, story, words, identity, steps)

        if spec.state == S.RECEIVED:
            return done(self.today <= classify_by)
        at = self.office_after(received_at, 2, 6)
        if timezone.localdate(at) > classify_by:
            return None
        if spec.state == S.REFUSED:
            steps.append(Step(at, "refuse", {"reason": story.refusal.format(**words)}))
            return done()
        steps.append(Step(at, "accept", {}))
        deadline = self.period("denunciation-resolution", timezone.localdate(at))
        target = spec.until if spec.state == S.WITHDRAWN else spec.state

        def withdraw_or(ok: bool) -> Plan | None:
            if spec.state != S.WITHDRAWN:
                return done(ok)
            when = self.office_after(steps[-1].at, 3, 12)
            reason = (story.withdrawal or DENUNCIATION_WITHDRAWAL).format(**words)
            steps.append(Step(when, "withdraw", {"reason": reason}))
            return done()

        if target == S.ACCEPTED:
            return withdraw_or(deadline >= self.today)
        at = self.office_after(at, 1, 4)
        steps.append(Step(at, "verify", {}))
        if target == S.VERIFYING and spec.state == S.WITHDRAWN:
            return withdraw_or(True)
        reasons = story.extensions or EXTENSION_DEFAULT
        for n in range(spec.extensions):
            day = deadline - dt.timedelta(days=r.randint(1, 6))
            at = self.office_on(day, at)
            if timezone.localdate(at) > deadline:
                return None
            days = r.choice([30, 30, 20])
            steps.append(Step(at, "extend", {"days": days, "reason": reasons[n]}))
            deadline = due_date(deadline, days, "calendar")
        if spec.state == S.VERIFYING:
            return done(deadline >= self.today)
        first = self.add_working(timezone.localdate(at), 3)
        if first > deadline:
            return None
        choices = [
            first + dt.timedelta(days=d)
            for d in range((deadline - first).days + 1)
            if self.working(first + dt.timedelta(days=d))
        ]
        at = self.office_on(r.choice(choices[len(choices) // 3 :] or choices), at)
        if timezone.localdate(at) > deadline:
            return None
        steps.append(Step(at, "conclude", {}))
        if spec.state == S.DECIDED:
            return done((self.today - timezone.localdate(at)).days <= 14)
        at = self.office_after(at, 2, 8)
        steps.append(Step(at, "close", {}))
        return done()

    def denunciation_plan(
        self,
        number: int,
        spec: DSpec,
        office: Office,
        story: DStory,
        words: dict,
        identity: Identity,
        steps: list[Step],
    ) -> Plan:
        entered_by = None if spec.channel == ONLINE else office.clerk
        submit = {
            "field": self.fields[story.field],
            "unit": office.unit,
            "village": words["village_unit"],
            "title": story.title.format(**words),
            "content": story.content.format(**words),
            "denounced": story.denounced.format(**words),
            "identity": identity,
            "is_anonymous": spec.anonymous,
            "channel": spec.channel,
            "entered_by": entered_by,
        }
        for step in steps:
            if step.action == "conclude":
                step.args = {
                    "conclusion": story.conclusion.format(**words),
                    "measures": story.measures.format(**words),
                }
        return Plan(number, Kind.DENUNCIATION, spec.unit, spec.state, submit, steps[0].at, steps)

    def plan_all(self) -> list[Plan]:
        denouncers = iter(DENOUNCERS)
        plans = [
            self.denunciation(n, spec, None if spec.anonymous else next(denouncers))
            for n, spec in enumerate(DENUNCIATIONS)
        ]
        self.number_documents(plans, "conclude", "conclusion_number")
        key_by_date(plans, KEY_PREFIX)
        return plans


# --- Running the plans through the services ------------------------------------------------------------


def _apply(plan: Plan, step: Step, pks: dict[str, int], offices: dict[str, Office]) -> None:
    office = offices[plan.unit_code]
    a = dict(step.args)
    if step.action == "submit":
        submit_planned(plan, denunciation_services.denunciation_submit, pks)
        return
    petition = Petition.objects.select_related("body__unit").get(pk=pks[plan.key])
    match step.action:
        case "accept":
            denunciation_services.denunciation_accept(
                petition=petition, actor=office.leader, assignee=office.handler
            )
        case "refuse":
            denunciation_services.denunciation_refuse(petition=petition, actor=office.leader, **a)
        case "verify":
            denunciation_services.denunciation_verify(petition=petition, actor=office.handler)
        case "extend":
            denunciation_services.denunciation_extend(petition=petition, actor=office.leader, **a)
        case "conclude":
            denunciation_services.denunciation_conclude(petition=petition, actor=office.leader, **a)
        case "close":
            denunciation_services.denunciation_close(petition=petition, actor=office.clerk)
        case "withdraw":
            cases.withdraw(petition=petition, actor=office.clerk, **a)
        case _:
            raise ValueError(step.action)


def denunciations() -> QuerySet[Petition]:
    return Petition.objects.filter(submission_key__startswith=KEY_PREFIX)


def summary(created: int = 0, seconds: float = 0.0) -> dict:
    cases = denunciations()
    states = cases.order_by().values_list("state").annotate(n=Count("id"))
    return {
        "created": created,
        "total": cases.count(),
        "states": dict(sorted(states)),
        "extended": DenunciationCase.objects.filter(petition__in=cases)
        .exclude(extensions=None)
        .count(),
        "overdue": cases.filter(
            state__in=OPEN_STATUTORY, deadline__lt=timezone.localdate()
        ).count(),
        "seconds": round(seconds, 1),
    }


@story
def load(today: Today) -> dict:
    """The denunciations of the ten months before ``today`` (the ground, ``units_people``, must be
    loaded); return counts by state."""
    found = offices()
    planner = Planner(random.Random(SEED), today.now, found)
    return load_cases(
        denunciations(),
        planner.plan_all,
        lambda plan, step, pks: _apply(plan, step, pks, found),
        summary,
    )
