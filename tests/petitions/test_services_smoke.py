import pytest

from thanthien.petitions import services
from thanthien.petitions.models import State


@pytest.mark.django_db
def test_the_whole_life_of_a_feedback(submit, clerk, handler, chairman):
    petition = submit()
    assert petition.state == State.RECEIVED
    assert petition.body.name == "UBND thị trấn Vân Du"
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=petition, actor=handler)
    petition.refresh_from_db()
    answer = services.petition_answer(
        petition=petition, actor=handler, text="Đã cử cán bộ kiểm tra và sửa chữa."
    )
    petition.refresh_from_db()
    assert answer.status == "pending" and petition.state == State.IN_PROGRESS
    services.petition_approve(petition=petition, actor=chairman)
    petition.refresh_from_db()
    assert petition.state == State.ANSWERED
    services.petition_rate(petition=petition, rating=5, comment="Cảm ơn")
    services.petition_close(petition=petition, as_citizen=True)
    petition.refresh_from_db()
    assert petition.state == State.CLOSED
    assert [e.action for e in petition.events.all()] == [
        "submit",
        "accept",
        "start",
        "answer",
        "approve",
        "close",
    ]
