"""Complaints: filing limits, stages, deadlines from the legal rules, the second complaint."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.petitions.conftest import fresh
from thanthien.complaints import services as complaint_services
from thanthien.petitions import cases
from thanthien.petitions.models import State

D = dt.date


@pytest.mark.django_db
def test_a_complaint_goes_through_every_stage(complaint, handler, chairman):
    petition = complaint()
    assert petition.state == State.RECEIVED and petition.complaint.instance == 1
    complaint_services.complaint_accept(petition=petition, actor=handler, is_complex=True)
    petition = fresh(petition)
    assert petition.deadline == cases.period_end("complaint-first-complex", timezone.localdate())
    complaint_services.complaint_verify(petition=petition, actor=handler)
    complaint_services.complaint_dialogue(
        petition=fresh(petition),
        actor=handler,
        record="Hai bên trình bày ý kiến tại trụ sở UBND ngày họp.",
        result="Chưa thống nhất",
    )
    complaint_services.complaint_decide(
        petition=fresh(petition),
        actor=chairman,
        verification_result="Đã xác minh hồ sơ",
        legal_basis="Luật Đất đai 2013",
        conclusion="Khiếu nại đúng một phần",
        outcome="amend",
        decision_number=5,
    )
    assert fresh(petition).state == State.DECIDED
    with pytest.raises(ValidationError):
        complaint_services.complaint_finalize(petition=fresh(petition), actor=handler)
    later = timezone.localdate() + dt.timedelta(days=60)
    complaint_services.complaint_finalize(petition=fresh(petition), actor=handler, today=later)
    assert fresh(petition).state == State.FINAL


@pytest.mark.django_db
def test_a_late_complaint_is_refused_unless_a_handler_accepts_the_reason(complaint, handler, clerk):
    old = timezone.localdate() - dt.timedelta(days=120)
    with pytest.raises(ValidationError, match="90"):
        complaint(learned_on=old)
    with pytest.raises(ValidationError):
        complaint(learned_on=old, entered_by=clerk, channel="reception", late_reason="Ốm nằm viện")
    petition = complaint(
        learned_on=old, entered_by=handler, channel="reception", late_reason="Ốm nằm viện 2 tháng"
    )
    assert petition.complaint.late_reason == "Ốm nằm viện 2 tháng"


@pytest.mark.django_db
def test_an_appeal_goes_to_the_superior_body(complaint, handler, chairman):
    petition = complaint()
    complaint_services.complaint_accept(petition=petition, actor=handler)
    complaint_services.complaint_verify(petition=fresh(petition), actor=handler)
    complaint_services.complaint_dialogue(
        petition=fresh(petition),
        actor=handler,
        record="Biên bản đối thoại đầy đủ các bên.",
        result="Không đồng ý",
    )
    complaint_services.complaint_decide(
        petition=fresh(petition),
        actor=chairman,
        verification_result="Đã xác minh",
        legal_basis="Luật Đất đai",
        conclusion="Giữ nguyên quyết định",
        outcome="keep",
    )
    complaint_services.complaint_appeal(
        petition=fresh(petition), reason="Không đồng ý với quyết định lần đầu"
    )
    petition = fresh(petition)
    assert petition.state == State.APPEALED
    second = petition.second_instances.get().petition
    assert second.body.name == "UBND huyện Thạch Thành" and second.complaint.instance == 2
