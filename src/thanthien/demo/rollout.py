"""The whole 2023 run of plan 149-KH/HU in Thạch Thành, as history, made through the real services.

February: the survey of six units scored by the Mass Mobilization board; Vân Du town chosen as the
pilot, Kim Tân and Thạch Bình for replication. March: the plan, the launch and the training; Vân Du's
own plan implementing the district's. April–November: tasks of each body with mixed progress, the
support budget, two inspections with recommendations, and the November final review with its
ranking and awards. The inspections and reviews read their figures live from the platform: the
petitions of ``history_2023``, the disclosures, participation and meetings of 2023.
Idempotent: the plan carries the submission key "demo-149".
"""

import datetime as dt

from thanthien.core.models import AdminUnit, Body, User
from thanthien.rollout import services
from thanthien.rollout import template_149 as tpl
from thanthien.rollout.meetings_bridge import candidate_meetings
from thanthien.rollout.models import Plan, Status

from . import meetings
from ._helpers import (
    DISTRICT_CODE,
    KIM_TAN,
    PILOT_CODE,
    THACH_BINH,
    Today,
    legacy_unit,
    story,
    user,
)

D = dt.date

CRITERIA = [
    ("Sự quan tâm, cam kết của cấp ủy, chính quyền", 30),
    ("Năng lực đội ngũ cán bộ, công chức", 25),
    ("Tỷ lệ giải quyết đơn thư đúng hạn năm 2022", 25),
    ("Cơ sở vật chất, nơi tiếp công dân", 20),
]
# Scores of the survey (0–10 per criterion, in the order above), by unit code; other units get
# the last row.
SCORES = {
    PILOT_CODE: [9, 9, 8, 9],
    KIM_TAN: [8, 8, 8, 7],
    THACH_BINH: [8, 7, 8, 6],
    None: [6, 7, 6, 5],
}


@story
def load(today: Today) -> str:
    if Plan.objects.filter(submission_key="demo-149").exists():
        return "plan 149-KH/HU already loaded"
    district = legacy_unit(DISTRICT_CODE, AdminUnit.Level.DISTRICT)
    board_official = user("huyen.bandanvan")
    party = Body.objects.get(unit=district, kind=Body.Kind.PARTY_COMMITTEE)

    plan = services.plan_draft_from_template(
        actor=board_official,
        issuer=party,
        issued_on=D(2023, 3, 7),
        number=149,
        submission_key="demo-149",
    )
    Plan.objects.filter(pk=plan.pk).update(
        signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC", signer_name="Lê Văn P"
    )
    plan.refresh_from_db()

    # February: the survey.
    communes = list(
        AdminUnit.objects.filter(parent=district, level=AdminUnit.Level.COMMUNE).order_by("code")
    )
    chosen = {PILOT_CODE, KIM_TAN, THACH_BINH}
    others = [u for u in communes if u.code not in chosen][:3]
    candidates = [u for u in communes if u.code in chosen] + others
    survey = services.survey_create(
        plan=plan,
        actor=board_official,
        title="Khảo sát lựa chọn đơn vị xây dựng mô hình năm 2023",
        held_from=D(2023, 2, 6),
        held_to=D(2023, 2, 24),
        criteria=CRITERIA,
        units=candidates,
    )
    criteria = list(survey.criteria.all())
    by_code = {}
    for cand in survey.candidates.select_related("unit"):
        by_code[cand.unit.code] = cand
        row = SCORES.get(cand.unit.code, SCORES[None])
        services.scores_record(
            survey=survey,
            surveyor=board_official,
            candidate=cand,
            scores={c.pk: v for c, v in zip(criteria, row, strict=True)},
        )
    services.survey_decide(
        survey=survey,
        actor=board_official,
        pilot=by_code[PILOT_CODE],
        replication=[by_code[KIM_TAN], by_code[THACH_BINH]],
        reasons={
            by_code[PILOT_CODE].pk: "Điểm khảo sát cao nhất; cấp ủy, chính quyền cam kết mạnh; "
            "trung tâm huyện, dễ nhân rộng.",
            by_code[KIM_TAN].pk: "Thị trấn có nhiều đơn thư, cần cải thiện quan hệ với Nhân dân.",
            by_code[THACH_BINH].pk: "Xã đại diện cho vùng nông thôn của huyện.",
        },
    )
    pilot, kim_tan, thach_binh = (by_code[c].unit for c in (PILOT_CODE, KIM_TAN, THACH_BINH))

    # Timeline: what the template gave, plus the launch and the training in March.
    launch = services.milestone_add(
        plan=plan,
        actor=board_official,
        kind="launch",
        title="Lễ ra mắt mô hình điểm tại thị trấn Vân Du",
        month_from=D(2023, 3, 1),
        month_to=D(2023, 3, 1),
        due_on=D(2023, 3, 24),
        unit=pilot,
        phase=2,
    )
    training = services.milestone_add(
        plan=plan,
        actor=board_official,
        kind="training",
        title="Tập huấn nghiệp vụ công tác dân vận chính quyền cơ sở",
        month_from=D(2023, 3, 1),
        month_to=D(2023, 3, 1),
        due_on=D(2023, 3, 30),
        unit=district,
        phase=2,
    )
    # Vân Du's launch and the training were held as meetings (the meetings story): link them, so
    # the timeline shows who came.
    meetings.load(today)
    for milestone in (launch, training):
        held = candidate_meetings(milestone)
        if held:
            services.milestone_link_meeting(
                milestone=milestone, meeting_id=held[0].pk, actor=board_official
            )
    for m in plan.milestones.all():
        if (
            m.kind in ("survey", "launch", "training")
            or m.pk in (launch.pk, training.pk)
            or m.kind in ("implementation", "inspection", "dialogue")
            and m.month_from.month == 6
        ):
            services.milestone_set_status(
                milestone=m, actor=board_official, status=Status.DONE, day=m.due_on
            )
        elif m.kind != "review":
            services.milestone_set_status(
                milestone=m, actor=board_official, status=Status.IN_PROGRESS
            )

    # Section V as tasks of each body, with mixed progress.
    bodies = {
        (b.unit_id, b.kind): b
        for b in Body.objects.filter(unit__in=[district, pilot, kim_tan, thach_binh])
    }
    owners = {
        b.pk: User.objects.filter(memberships__body=b).order_by("pk").first()
        for b in bodies.values()
    }
    assignments = list(plan.assignments.all())
    status_cycle = [Status.DONE, Status.DONE, Status.IN_PROGRESS, Status.PLANNED, Status.DONE]
    n = 0
    for assignment, (_h, kind, level, duties) in zip(assignments, tpl.ORGANIZATION, strict=True):
        units = [district] if level == "district" else [pilot, kim_tan, thach_binh]
        for unit in units:
            body = bodies.get((unit.pk, kind))
            if body is None:
                continue
            for i, duty in enumerate(duties):
                due = D(2023, 3 + (n * 2) % 9, 28)
                task = services.task_add(
                    plan=plan,
                    actor=board_official,
                    body=body,
                    title=duty,
                    due_on=due,
                    owner=owners.get(body.pk),
                    assignment=assignment,
                )
                status = status_cycle[n % len(status_cycle)]
                if unit == pilot and status != Status.DONE and i == 0:
                    status = Status.DONE  # the pilot is ahead
                if status != Status.PLANNED:
                    services.task_set_status(
                        task=task,
                        actor=board_official,
                        status=status,
                        day=due,
                        note="Đã triển khai theo kế hoạch."
                        if status == Status.DONE
                        else "Đang thực hiện.",
                    )
                n += 1

    # Vân Du's own plan, implementing the district's.
    vandu_party = Body.objects.get(unit=pilot, kind=Body.Kind.PARTY_COMMITTEE)
    commune_plan = services.plan_draft_from_template(
        actor=board_official,
        issuer=vandu_party,
        issued_on=D(2023, 3, 15),
        parent=plan,
        number=12,
        submission_key="demo-vandu-plan",
    )
    vandu_ubnd = Body.objects.get(unit=pilot, kind=Body.Kind.PEOPLES_COMMITTEE)
    for title, due, status in [
        (
            "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa và các khu phố",
            D(2023, 4, 28),
            Status.DONE,
        ),
        ("Công khai lịch tiếp công dân của Chủ tịch UBND hằng tuần", D(2023, 4, 14), Status.DONE),
        ("Tổ chức hội nghị đối thoại với Nhân dân", D(2023, 6, 30), Status.DONE),
        ("Tổ chức hội nghị đối thoại cuối năm", D(2023, 11, 30), Status.IN_PROGRESS),
    ]:
        task = services.task_add(
            plan=commune_plan,
            actor=board_official,
            body=vandu_ubnd,
            title=title,
            due_on=due,
            owner=user("vandu.chutich"),
        )
        services.task_set_status(task=task, actor=board_official, status=status, day=due)

    # The support budget.
    for unit, item, amount, approved, spent in [
        (
            pilot,
            "Hỗ trợ tổ chức lễ ra mắt và tập huấn tại thị trấn Vân Du",
            30_000_000,
            30_000_000,
            28_500_000,
        ),
        (
            kim_tan,
            "Hỗ trợ in ấn tài liệu, pano tuyên truyền tại thị trấn Kim Tân",
            15_000_000,
            15_000_000,
            9_000_000,
        ),
        (
            thach_binh,
            "Hỗ trợ in ấn tài liệu, pano tuyên truyền tại xã Thạch Bình",
            15_000_000,
            10_000_000,
            0,
        ),
    ]:
        line = services.budget_line_add(
            plan=plan, actor=board_official, item=item, amount=amount, unit=unit
        )
        services.budget_line_update(line=line, actor=board_official, approved=approved, spent=spent)
    services.budget_disclose(plan=plan, actor=board_official, on=D(2023, 11, 30))

    # Inspections against the checklist built from the six content areas.
    team = (
        "Hoàng Văn E, Trưởng Ban Dân vận Huyện ủy\nĐại diện UBND huyện\nĐại diện Ủy ban MTTQ huyện"
    )
    for unit, day, scores, findings, recs in [
        (
            pilot,
            D(2023, 6, 20),
            [9, 8, 9, 9, 10, 8, 9, 8, 9],
            "Thị trấn triển khai đầy đủ các nội dung; giải quyết đơn thư đúng hạn; công khai còn "
            "chậm ở khu phố 4, 5.",
            [
                (
                    "Niêm yết công khai đầy đủ tại nhà văn hóa khu phố 4, 5",
                    D(2023, 8, 31),
                    Status.DONE,
                )
            ],
        ),
        (
            kim_tan,
            D(2023, 10, 12),
            [8, 7, 7, 6, 8, 7, 8, 6, 7],
            "Đã ra mắt mô hình và đối thoại; còn đơn thư quá hạn; sổ tiếp công dân chưa đúng mẫu.",
            [
                (
                    "Hoàn thiện sổ tiếp công dân theo Mẫu 03, Thông tư 04/2021/TT-TTCP",
                    D(2023, 11, 30),
                    Status.IN_PROGRESS,
                )
            ],
        ),
    ]:
        ins = services.inspection_create(
            plan=plan, actor=board_official, unit=unit, held_on=day, team=team
        )
        results = {
            r.pk: (s, "Hồ sơ, sổ sách tại đơn vị")
            for r, s in zip(ins.results.order_by("item__area", "item_id"), scores, strict=True)
        }
        services.inspection_record(
            inspection=ins, actor=board_official, results=results, findings=findings
        )
        for text, due, status in recs:
            rec = services.recommendation_add(
                inspection=ins, actor=board_official, text=text, due_on=due
            )
            services.recommendation_set_status(
                recommendation=rec, actor=board_official, status=status, day=due
            )
        services.inspection_conclude(inspection=ins, actor=board_official)

    # July: the interim review of the first half (the pilot only has been inspected).
    services.review_create(
        plan=plan,
        actor=board_official,
        kind="interim",
        held_on=D(2023, 7, 20),
        period_from=D(2023, 3, 1),
        period_to=D(2023, 6, 30),
        summary="Sơ kết 6 tháng: mô hình điểm tại thị trấn Vân Du đi vào nền nếp; hai xã nhân rộng "
        "đang xây dựng kế hoạch.",
    )

    # November: the final review, its ranking and awards.
    review = services.review_create(
        plan=plan,
        actor=board_official,
        kind="final",
        held_on=D(2023, 11, 28),
        period_from=D(2023, 3, 1),
        period_to=D(2023, 11, 30),
        summary="Mô hình được triển khai đúng kế hoạch tại 03 đơn vị; thị trấn Vân Du là điểm sáng.\n"
        "Xã Thạch Bình chưa được kiểm tra trong năm; đề nghị kiểm tra trong quý I/2024.",
    )
    services.award_propose(
        review=review,
        actor=board_official,
        unit=pilot,
        form="Giấy khen của Ban Thường vụ Huyện ủy",
        reason="Dẫn đầu xếp loại; hoàn thành toàn bộ kiến nghị sau kiểm tra.",
    )
    services.award_propose(
        review=review,
        actor=board_official,
        unit=kim_tan,
        form="Giấy khen của Ban Dân vận Huyện ủy",
        reason="Hoàn thành tốt các nội dung ra mắt, đối thoại.",
    )
    services.review_decide(
        review=review, actor=board_official, decision_ref="Quyết định số 215-QĐ/HU ngày 05/12/2023"
    )
    return (
        f"plan {plan.symbol}, survey of {len(candidates)} units, "
        f"{plan.tasks.count()} tasks, 2 inspections, final review with {review.awards.count()} awards"
    )
