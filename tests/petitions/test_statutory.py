"""Complaints and denunciations: filing limits, stages, deadlines from the legal rules, extensions,
the denouncer's identity kept apart and encrypted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from thanthien.petitions import statutory
from thanthien.petitions.confidential import (
    Identity,
    can_see_identity,
    identity_grant,
    identity_read,
)
from thanthien.petitions.models import ConfidentialIdentity, Contact, Field, Petition, State

D = dt.date


def fresh(p):
    return Petition.objects.get(pk=p.pk)


@pytest.fixture
def complaint(units):
    def _make(**kw):
        data = {
            "field": Field.objects.get(code="land"),
            "unit": units["van_du"],
            "title": "Khiếu nại quyết định thu hồi đất",
            "content": "Tôi không đồng ý với mức bồi thường khi thu hồi đất của gia đình.",
            "act_complained_of": "Quyết định số 12/QĐ-UBND về thu hồi đất",
            "respondent": "Chủ tịch UBND thị trấn Vân Du",
            "learned_on": timezone.localdate() - dt.timedelta(days=10),
            "name": "Hoàng Văn Khải",
            "phone": "0987 333 444",
        }
        data.update(kw)
        return statutory.complaint_submit(**data)[0]

    return _make


@pytest.fixture
def denunciation(units):
    def _make(**kw):
        data = {
            "field": Field.objects.get(code="land"),
            "unit": units["van_du"],
            "title": "Tố cáo cán bộ nhận tiền",
            "content": "Cán bộ địa chính nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận cho một số hộ.",
            "denounced": "Một cán bộ địa chính thị trấn",
            "identity": Identity(
                name="Người Tố Cáo ZQX", phone="0911 222 333", address="Khu phố 9"
            ),
        }
        data.update(kw)
        return statutory.denunciation_submit(**data)[0]

    return _make


@pytest.mark.django_db
def test_a_complaint_goes_through_every_stage(complaint, handler, chairman):
    petition = complaint()
    assert petition.state == State.RECEIVED and petition.complaint.instance == 1
    statutory.complaint_accept(petition=petition, actor=handler, is_complex=True)
    petition = fresh(petition)
    assert petition.deadline == statutory.period_end(
        "complaint-first-complex", timezone.localdate()
    )
    statutory.complaint_verify(petition=petition, actor=handler)
    statutory.complaint_dialogue(
        petition=fresh(petition),
        actor=handler,
        record="Hai bên trình bày ý kiến tại trụ sở UBND ngày họp.",
        result="Chưa thống nhất",
    )
    statutory.complaint_decide(
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
        statutory.complaint_finalize(petition=fresh(petition), actor=handler)
    later = timezone.localdate() + dt.timedelta(days=60)
    statutory.complaint_finalize(petition=fresh(petition), actor=handler, today=later)
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
    statutory.complaint_accept(petition=petition, actor=handler)
    statutory.complaint_verify(petition=fresh(petition), actor=handler)
    statutory.complaint_dialogue(
        petition=fresh(petition),
        actor=handler,
        record="Biên bản đối thoại đầy đủ các bên.",
        result="Không đồng ý",
    )
    statutory.complaint_decide(
        petition=fresh(petition),
        actor=chairman,
        verification_result="Đã xác minh",
        legal_basis="Luật Đất đai",
        conclusion="Giữ nguyên quyết định",
        outcome="keep",
    )
    statutory.complaint_appeal(
        petition=fresh(petition), reason="Không đồng ý với quyết định lần đầu"
    )
    petition = fresh(petition)
    assert petition.state == State.APPEALED
    second = petition.second_instances.get().petition
    assert second.body.name == "UBND huyện Thạch Thành" and second.complaint.instance == 2


@pytest.mark.django_db
def test_a_denunciation_keeps_the_identity_encrypted_and_apart(
    denunciation, handler, chairman, clerk
):
    petition = denunciation()
    assert (
        not Contact.objects.filter(petition=petition).exclude(name="", phone="", email="").exists()
    )
    token = bytes(ConfidentialIdentity.objects.get(petition=petition).token)
    assert b"ZQX" not in token and b"0911" not in token
    assert "ZQX" not in petition.content + petition.search_text
    assert not can_see_identity(clerk, petition)
    with pytest.raises(PermissionDenied):
        identity_read(petition=petition, user=chairman, purpose="test")
    statutory.denunciation_accept(petition=petition, actor=handler)
    petition = fresh(petition)
    assert (
        identity_read(petition=petition, user=handler, purpose="verify").name == "Người Tố Cáo ZQX"
    )
    identity_grant(petition=petition, leader=chairman, user=clerk)
    assert identity_read(petition=petition, user=clerk, purpose="notice").phone == "0911222333"


@pytest.mark.django_db
def test_a_denunciation_extends_at_most_twice(denunciation, handler, chairman):
    petition = denunciation()
    statutory.denunciation_accept(petition=petition, actor=handler)
    first_deadline = fresh(petition).deadline
    statutory.denunciation_verify(petition=fresh(petition), actor=handler)
    statutory.denunciation_extend(
        petition=fresh(petition), actor=chairman, days=30, reason="Vụ việc phức tạp"
    )
    statutory.denunciation_extend(
        petition=fresh(petition), actor=chairman, days=30, reason="Đặc biệt phức tạp"
    )
    assert fresh(petition).deadline > first_deadline
    with pytest.raises(ValidationError):
        statutory.denunciation_extend(
            petition=fresh(petition), actor=chairman, days=10, reason="Lần thứ ba"
        )
    statutory.denunciation_conclude(
        petition=fresh(petition),
        actor=chairman,
        conclusion="Nội dung tố cáo đúng một phần, đã xử lý kỷ luật.",
    )
    assert fresh(petition).state == State.DECIDED


@pytest.mark.django_db
def test_an_anonymous_denunciation_is_checked_only_with_a_named_violator_and_evidence(denunciation):
    with pytest.raises(ValidationError):
        denunciation(is_anonymous=True, content="Có sai phạm.")
    petition = denunciation(is_anonymous=True)
    assert (
        petition.denunciation.is_self_check
        and not ConfidentialIdentity.objects.filter(petition=petition).exists()
    )
