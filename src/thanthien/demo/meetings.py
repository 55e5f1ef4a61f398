"""The meetings of Vân Du town in 2023, as history (plan 149-KH/HU III.3, III.5): the launch in
March, a training with attendance, and the June and November dialogue conferences with questions,
answers and commitments in every state. Everything goes through the services, with the moment
of each step given explicitly. Idempotent: a second run finds the launch and adds nothing.
Nobody real is named; phone numbers follow the demo's "091?000???" pattern."""

import datetime as dt

from thanthien.core.models import AdminUnit, Body
from thanthien.meetings import services
from thanthien.meetings.models import CommitmentState, Kind, Meeting

from ._helpers import DISTRICT_CODE, PILOT_CODE, Today, legacy_unit, moment, story, user

LAUNCH_TITLE = "Lễ ra mắt mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ” thị trấn Vân Du"

PEOPLE = [
    ("Nguyễn Văn Hùng", "0913000101", "Khu phố 1"),
    ("Trần Thị Lan", "0913000102", "Khu phố 2"),
    ("Lê Văn Minh", "0913000103", "Khu phố 3"),
    ("Phạm Thị Hoa", "0913000104", "Khu phố 4"),
    ("Hoàng Văn Nam", "0913000105", "Khu phố 5"),
    ("Vũ Thị Mai", "0913000106", "Hội Liên hiệp Phụ nữ"),
    ("Đặng Văn Sơn", "0913000107", "Hội Nông dân"),
    ("Bùi Thị Thu", "0913000108", "Đoàn Thanh niên"),
]


def _at(y, m, d, h=8, mi=0) -> dt.datetime:
    return moment(dt.date(y, m, d), h, mi)


def _body(unit: AdminUnit, name: str) -> Body:
    return Body.objects.get(unit=unit, name=name)


def _meeting(clerk, unit, organizer, kind, title, start, hours, place, **extra) -> Meeting:
    return services.meeting_create(
        actor=clerk,
        unit=unit,
        organizer=organizer,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        place=place,
        **extra,
    )


def _register_and_attend(meeting, clerk, people, present: int, at):
    for i, (name, phone, org) in enumerate(people):
        registration, _new = services.registration_create(
            meeting=meeting, full_name=name, phone=phone, organization=org, added_by=clerk, at=at
        )
        if i < present:
            services.attendance_record(
                meeting=meeting, code=registration.code, actor=clerk, at=meeting.starts_at
            )


def _dialogue(clerk, handler, chairman, unit, bodies, spec) -> Meeting:
    meeting = _meeting(
        clerk,
        unit,
        bodies["ubnd"],
        Kind.DIALOGUE,
        spec["title"],
        spec["start"],
        3,
        "Hội trường UBND thị trấn Vân Du",
        chairs="Lê Văn C - Chủ tịch UBND thị trấn, Phạm Thị D - Chủ tịch Ủy ban MTTQ thị trấn",
        agenda="1. Báo cáo kết quả thực hiện cam kết tại hội nghị trước.\n"
        "2. Đối thoại với Nhân dân về các câu hỏi gửi trước và ý kiến tại hội nghị.\n"
        "3. Kết luận của Chủ tịch UBND thị trấn.",
        invited_bodies=[bodies["mttq"], bodies["hlhpn"], bodies["hnd"], bodies["ttnd"]],
    )
    services.meeting_announce(meeting=meeting, actor=clerk, accept_late=True, at=spec["announced"])
    meeting.refresh_from_db()
    asked_at = spec["announced"] + dt.timedelta(days=1)
    questions = []
    for i, (text, name, phone) in enumerate(spec["questions"]):
        question, _new = services.question_submit(
            meeting=meeting,
            text=text,
            author_name=name,
            phone=phone,
            submission_key=f"demo-meetings-{meeting.starts_at:%Y%m}-{i}",
            at=asked_at,
        )
        questions.append(question)
    for qi, supporters in spec["supports"].items():
        for j in range(supporters):
            services.question_support(
                question=questions[qi], phone=f"09140{qi:02d}{j:03d}", at=asked_at
            )
    if "hide" in spec:
        qi, reason = spec["hide"]
        services.question_hide(question=questions[qi], actor=clerk, reason=reason)
    if "merge" in spec:
        source, target = spec["merge"]
        services.question_merge(question=questions[source], into=questions[target], actor=clerk)
    _register_and_attend(meeting, clerk, PEOPLE, present=6, at=asked_at)
    for qi, answer, by, commitments in spec["answers"]:
        question = questions[qi]
        question.refresh_from_db()
        services.question_answer(
            question=question, actor=clerk, answer=answer, answered_by=by, at=meeting.starts_at
        )
        for text, body_key, due, updates in commitments:
            commitment = services.commitment_create(
                meeting=meeting,
                actor=clerk,
                text=text,
                body=bodies[body_key],
                due_date=due,
                question=question,
            )
            for update_text, state, when in updates:
                commitment.refresh_from_db()
                services.commitment_progress(
                    commitment=commitment,
                    actor=handler,
                    text=update_text,
                    state=state,
                    at=when,
                    notify=False,
                )
    services.question_floor(
        meeting=meeting,
        actor=clerk,
        text=spec["floor"][0],
        author_name=spec["floor"][1],
    )
    services.meeting_hold(
        meeting=meeting,
        actor=clerk,
        secretary="Nguyễn Văn A - Công chức Văn phòng - Thống kê",
        summary=spec["summary"],
        at=meeting.ends_at,
    )
    if spec.get("published"):
        meeting.refresh_from_db()
        services.minutes_publish(meeting=meeting, actor=chairman, at=spec["published"])
    return meeting


@story
def load(today: Today) -> str:
    if Meeting.objects.filter(title=LAUNCH_TITLE).exists():
        return "already loaded"
    unit = legacy_unit(PILOT_CODE)
    district = legacy_unit(DISTRICT_CODE, AdminUnit.Level.DISTRICT)
    clerk = user("vandu.vanthu")
    handler = user("vandu.diachinh")
    chairman = user("vandu.chutich")
    board_head = user("huyen.bandanvan")
    bodies = {
        "ubnd": _body(unit, "UBND thị trấn Vân Du"),
        "du": _body(unit, "Đảng ủy thị trấn Vân Du"),
        "mttq": _body(unit, "Ủy ban MTTQ Việt Nam thị trấn Vân Du"),
        "hlhpn": _body(unit, "Hội Liên hiệp Phụ nữ thị trấn Vân Du"),
        "hnd": _body(unit, "Hội Nông dân thị trấn Vân Du"),
        "ttnd": _body(unit, "Ban Thanh tra nhân dân thị trấn Vân Du"),
        "dc": _body(unit, "Địa chính - Xây dựng thị trấn Vân Du"),
        "vp": _body(unit, "Văn phòng - Thống kê thị trấn Vân Du"),
        "tp": _body(unit, "Tư pháp - Hộ tịch thị trấn Vân Du"),
        "bdv": _body(district, "Ban Dân vận Huyện ủy Thạch Thành"),
    }

    launch = _meeting(
        clerk,
        unit,
        bodies["du"],
        Kind.LAUNCH,
        LAUNCH_TITLE,
        _at(2023, 3, 28, 7, 30),
        2,
        "Hội trường UBND thị trấn Vân Du",
        chairs="Bí thư Đảng ủy thị trấn, Chủ tịch UBND thị trấn",
        agenda="1. Công bố Kế hoạch 149-KH/HU và quyết định chọn thị trấn Vân Du làm điểm.\n"
        "2. Ra mắt mô hình; ký cam kết thực hiện.",
        invited_bodies=[bodies["bdv"], bodies["mttq"], bodies["hlhpn"], bodies["hnd"]],
    )
    services.meeting_announce(meeting=launch, actor=clerk, at=_at(2023, 3, 15, 9))
    launch.refresh_from_db()
    _register_and_attend(launch, clerk, PEOPLE[:6], present=5, at=_at(2023, 3, 20))
    services.meeting_hold(meeting=launch, actor=clerk, secretary="Nguyễn Văn A", at=launch.ends_at)

    training = services.meeting_create(
        actor=board_head,
        unit=unit,
        organizer=bodies["bdv"],
        kind=Kind.TRAINING,
        title="Tập huấn kỹ năng giao tiếp, ứng xử thân thiện cho cán bộ, công chức thị trấn Vân Du",
        starts_at=_at(2023, 4, 12, 7, 30),
        ends_at=_at(2023, 4, 12, 11, 30),
        place="Hội trường UBND thị trấn Vân Du",
        chairs="Hoàng Văn E - Trưởng Ban Dân vận Huyện ủy",
        capacity=30,
        is_public=False,
        invited_bodies=[bodies["ubnd"], bodies["mttq"]],
    )
    services.meeting_announce(meeting=training, actor=board_head, at=_at(2023, 4, 3, 9))
    training.refresh_from_db()
    _register_and_attend(training, board_head, PEOPLE, present=7, at=_at(2023, 4, 5))
    services.meeting_hold(
        meeting=training, actor=clerk, secretary="Nguyễn Văn A", at=training.ends_at
    )

    D = CommitmentState
    june = _dialogue(
        clerk,
        handler,
        chairman,
        unit,
        bodies,
        {
            "title": "Hội nghị đối thoại giữa chính quyền, MTTQ và Nhân dân thị trấn Vân Du, "
            "tháng 6 năm 2023",
            "start": _at(2023, 6, 20, 14),
            "announced": _at(2023, 6, 5, 9),
            "published": _at(2023, 6, 28, 10),
            "questions": [
                (
                    "Đường vào Khu phố 3 xuống cấp, mùa mưa ngập lầy; khi nào được sửa?",
                    "Nguyễn Văn Hùng",
                    "0913000101",
                ),
                (
                    "Thủ tục cấp giấy chứng nhận quyền sử dụng đất còn chậm, đề nghị rút ngắn.",
                    "Trần Thị Lan",
                    "0913000102",
                ),
                (
                    "Đèn đường trục chính Khu phố 5 hỏng nhiều tháng chưa thay.",
                    "Hoàng Văn Nam",
                    "0913000105",
                ),
                (
                    "Rác thải ở chợ Vân Du không được thu gom hằng ngày.",
                    "Phạm Thị Hoa",
                    "0913000104",
                ),
                (
                    "Đường vào khu phố 3 hư hỏng nặng, xe không đi được khi trời mưa.",
                    "Lê Văn Minh",
                    "0913000103",
                ),
                (
                    "Nội dung quảng cáo, không liên quan đến hội nghị đối thoại.",
                    "Người dùng X",
                    "0913000199",
                ),
            ],
            "supports": {0: 12, 1: 7, 2: 5, 3: 9, 4: 2},
            "hide": (5, "Nội dung quảng cáo, không phải câu hỏi cho hội nghị."),
            "merge": (4, 0),
            "answers": [
                (
                    0,
                    "UBND thị trấn đã đưa tuyến đường vào kế hoạch sửa chữa năm 2023.",
                    "Lê Văn C - Chủ tịch UBND thị trấn",
                    [
                        (
                            "Sửa chữa, rải cấp phối tuyến đường vào Khu phố 3",
                            "ubnd",
                            dt.date(2023, 9, 30),
                            [
                                ("Đã khảo sát, lập dự toán.", D.IN_PROGRESS, _at(2023, 7, 15)),
                                ("Đã hoàn thành rải cấp phối 450 m.", D.DONE, _at(2023, 9, 20)),
                            ],
                        )
                    ],
                ),
                (
                    1,
                    "Bộ phận một cửa sẽ giải quyết đúng hạn, công khai tiến độ từng hồ sơ.",
                    "Trần Thị B - Công chức Địa chính - Xây dựng",
                    [
                        (
                            "Công khai tiến độ hồ sơ đất đai tại bộ phận một cửa",
                            "dc",
                            dt.date(2023, 8, 31),
                            [("Đã niêm yết danh sách hồ sơ và tiến độ.", D.DONE, _at(2023, 9, 15))],
                        )
                    ],
                ),
                (
                    2,
                    "Sẽ thay toàn bộ bóng đèn hỏng trên trục chính.",
                    "Lê Văn C - Chủ tịch UBND thị trấn",
                    [
                        (
                            "Thay bóng đèn đường trục chính Khu phố 5",
                            "vp",
                            dt.date(2023, 7, 31),
                            [
                                (
                                    "Kinh phí chưa được bố trí; chuyển sang năm 2024.",
                                    D.NOT_DONE,
                                    _at(2023, 8, 5),
                                )
                            ],
                        )
                    ],
                ),
                (
                    3,
                    "Giao tổ thu gom rác tăng tần suất thu gom tại chợ.",
                    "Lê Văn C - Chủ tịch UBND thị trấn",
                    [
                        (
                            "Thu gom rác tại chợ Vân Du hằng ngày",
                            "vp",
                            dt.date(2023, 10, 31),
                            [
                                (
                                    "Đã ký lại hợp đồng thu gom; đang triển khai.",
                                    D.IN_PROGRESS,
                                    _at(2023, 8, 1),
                                )
                            ],
                        )
                    ],
                ),
            ],
            "floor": ("Đề nghị bố trí thêm ghế chờ tại bộ phận một cửa.", "Vũ Thị Mai"),
            "summary": "Chủ tịch UBND thị trấn kết luận: giao các bộ phận thực hiện các cam kết "
            "đúng hạn và báo cáo tại hội nghị đối thoại tháng 11/2023.",
        },
    )
    november = _dialogue(
        clerk,
        handler,
        chairman,
        unit,
        bodies,
        {
            "title": "Hội nghị đối thoại giữa chính quyền, MTTQ và Nhân dân thị trấn Vân Du, "
            "tháng 11 năm 2023",
            "start": _at(2023, 11, 21, 14),
            # Announced four days ahead: later than the law asks; the page says so.
            "announced": _at(2023, 11, 17, 9),
            "questions": [
                (
                    "Hệ thống thoát nước Khu phố 2 bị tắc, nước tràn vào nhà dân.",
                    "Trần Thị Lan",
                    "0913000102",
                ),
                (
                    "Đề nghị lắp camera an ninh tại ngã tư trung tâm thị trấn.",
                    "Đặng Văn Sơn",
                    "0913000107",
                ),
                (
                    "Thời gian chờ chứng thực ở bộ phận một cửa còn lâu vào buổi sáng.",
                    "Bùi Thị Thu",
                    "0913000108",
                ),
            ],
            "supports": {0: 15, 1: 6, 2: 4},
            "answers": [
                (
                    0,
                    "Sẽ nạo vét toàn tuyến mương Khu phố 2 trước mùa mưa 2024.",
                    "Lê Văn C - Chủ tịch UBND thị trấn",
                    [("Nạo vét hệ thống thoát nước Khu phố 2", "dc", dt.date(2024, 3, 31), [])],
                ),
                (
                    1,
                    "Phối hợp Công an thị trấn lắp camera trong năm 2024.",
                    "Lê Văn C - Chủ tịch UBND thị trấn",
                    [
                        (
                            "Lắp camera an ninh tại ngã tư trung tâm",
                            "ubnd",
                            dt.date(2024, 6, 30),
                            [
                                (
                                    "Đã vận động được 60% kinh phí xã hội hóa.",
                                    D.IN_PROGRESS,
                                    _at(2024, 1, 10),
                                )
                            ],
                        )
                    ],
                ),
                (
                    2,
                    "Bố trí thêm một công chức chứng thực buổi sáng từ tháng 12.",
                    "Lê Văn C - Chủ tịch UBND thị trấn",
                    [
                        (
                            "Bố trí thêm người chứng thực buổi sáng",
                            "tp",
                            dt.date(2023, 12, 15),
                            [("Đã bố trí từ 01/12/2023.", D.DONE, _at(2023, 12, 1))],
                        )
                    ],
                ),
            ],
            "floor": ("Khi nào hoàn thành sửa đường Khu phố 3 giai đoạn 2?", "Nguyễn Văn Hùng"),
            "summary": "Báo cáo tại hội nghị: các cam kết tháng 6/2023 đã hoàn thành 2/4.",
        },
    )
    return (
        f"{Meeting.objects.filter(pk__in=[launch.pk, training.pk, june.pk, november.pk]).count()}"
        f" meetings, {june.commitments.count() + november.commitments.count()} commitments"
    )
