"""Complaints through the pages: filing, stages, bad input, withdrawal by tracking code."""

import pytest

from tests.conftest import client_for
from thanthien.petitions.models import Petition, State


@pytest.mark.django_db
def test_a_citizen_files_a_complaint_and_a_handler_walks_it_to_a_decision(
    client, complaint_data, handler, chairman
):
    response = client.post("/petitions/complaint/new/", complaint_data)
    assert response.status_code == 302
    petition = Petition.objects.get(title="Khiếu nại mức bồi thường")
    assert (
        petition.kind == "complaint" and petition.complaint.respondent == "Chủ tịch UBND thị trấn"
    )
    staff = client_for(handler)

    def act(user_client, action, data=None):
        p = Petition.objects.get(pk=petition.pk)
        return user_client.post(
            f"/staff/petitions/{p.pk}/{action}/", {"version": p.version, **(data or {})}
        )

    assert act(staff, "accept", {"is_complex": "on"}).status_code == 302
    assert act(staff, "verify").status_code == 302
    assert (
        act(
            staff,
            "dialogue",
            {"record": "Đối thoại ngày 10, các bên trình bày đầy đủ.", "result": "Chưa thống nhất"},
        ).status_code
        == 302
    )
    leader = client_for(chairman)
    assert (
        act(
            leader,
            "decide",
            {
                "verification_result": "Đã xác minh",
                "legal_basis": "Luật Đất đai",
                "conclusion": "Khiếu nại đúng một phần",
                "outcome": "amend",
                "decision_number": "7",
            },
        ).status_code
        == 302
    )
    assert Petition.objects.get(pk=petition.pk).state == State.DECIDED
    docx = leader.get(f"/staff/petitions/{petition.pk}/documents/decision.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = leader.get(f"/staff/petitions/{petition.pk}/documents/decision.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    track = client.get(f"/petitions/track/{petition.tracking_code}/").content.decode()
    assert "Khiếu nại đúng một phần" in track


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"learned_on": "2020-01-01"}, "learned_on"),
        ({"name": ""}, "name"),
        ({"respondent": ""}, "respondent"),
        ({"learned_on": "2099-01-01"}, "learned_on"),
        ({"act_complained_of": ""}, "act_complained_of"),
    ],
)
def test_bad_complaint_input_is_refused_and_nothing_saved(client, complaint_data, change, field):
    before = Petition.objects.count()
    response = client.post("/petitions/complaint/new/", {**complaint_data, **change})
    assert response.status_code == 400 and field in response.context["form"].errors
    assert Petition.objects.count() == before


@pytest.mark.django_db
def test_the_citizen_withdraws_a_complaint_by_tracking_code(client, complaint_data):
    client.post("/petitions/complaint/new/", complaint_data)
    petition = Petition.objects.get(title="Khiếu nại mức bồi thường")
    response = client.post(
        f"/petitions/track/{petition.tracking_code}/case/withdraw/",
        {"reason": "Đã thỏa thuận được với cơ quan"},
    )
    assert response.status_code == 302
    assert Petition.objects.get(pk=petition.pk).state == State.WITHDRAWN
