"""Denunciations: the identity kept apart and encrypted, extensions, anonymous ones."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.petitions.conftest import fresh
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions.confidential import (
    can_see_identity,
    identity_grant,
    identity_read,
)
from thanthien.petitions.models import ConfidentialIdentity, Contact, State

D = dt.date


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
    denunciation_services.denunciation_accept(petition=petition, actor=handler)
    petition = fresh(petition)
    assert (
        identity_read(petition=petition, user=handler, purpose="verify").name == "Người Tố Cáo ZQX"
    )
    identity_grant(petition=petition, leader=chairman, user=clerk)
    assert identity_read(petition=petition, user=clerk, purpose="notice").phone == "0911222333"


@pytest.mark.django_db
def test_a_denunciation_extends_at_most_twice(denunciation, handler, chairman):
    petition = denunciation()
    denunciation_services.denunciation_accept(petition=petition, actor=handler)
    first_deadline = fresh(petition).deadline
    denunciation_services.denunciation_verify(petition=fresh(petition), actor=handler)
    denunciation_services.denunciation_extend(
        petition=fresh(petition), actor=chairman, days=30, reason="Vụ việc phức tạp"
    )
    denunciation_services.denunciation_extend(
        petition=fresh(petition), actor=chairman, days=30, reason="Đặc biệt phức tạp"
    )
    assert fresh(petition).deadline > first_deadline
    with pytest.raises(ValidationError):
        denunciation_services.denunciation_extend(
            petition=fresh(petition), actor=chairman, days=10, reason="Lần thứ ba"
        )
    denunciation_services.denunciation_conclude(
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
