"""An abolished unit takes no new record (DESIGN.md, issue 13): on every channel a petition lodged
with Thị trấn Vân Du (abolished 30/6/2025) goes to Xã Vân Du, its one successor, and the sender is
told; where Xã Vân Du has no People's Committee on the platform it is refused and nothing is saved.
Who decides a commune's second complaint is data: the province since 1/7/2025, the district before.

The rest of the suite runs on the 2023 units with ``ABOLISHED_UNITS_TAKE_RECORDS``; here it is off.
"""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.api.conftest import key_for  # noqa: F401, F811
from tests.conftest import client_for
from thanthien.complaints import services as complaint_services
from thanthien.core.models import AdminUnit, Body
from thanthien.core.units import unit_on
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions import cases
from thanthien.petitions.confidential import Identity
from thanthien.petitions.forms import new_record_units
from thanthien.petitions.models import CompetenceRule, Field, Petition
from thanthien.petitions.selectors import receiving_units
from thanthien.reception import services as reception_services

MOVED = (
    "Thị trấn Vân Du đã được sáp nhập vào Xã Vân Du từ 01/07/2025; đơn được chuyển đến Xã Vân Du."
)
NO_BODY = "Xã Vân Du chưa tiếp nhận đơn trên nền tảng"


@pytest.fixture(autouse=True)
def _rule_on(settings, tmp_path):
    settings.ABOLISHED_UNITS_TAKE_RECORDS = False
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def xa_van_du(units):
    (successor,) = units["van_du"].current_successors()
    assert successor.name == "Xã Vân Du"
    return successor


@pytest.fixture
def xa_van_du_committee(xa_van_du):
    return Body.objects.create(
        unit=xa_van_du, kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND xã Vân Du", short_name="UBND"
    )


@pytest.fixture
def land(db):
    return Field.objects.get(code="land")


@pytest.fixture
def form_data(units, land):
    return {
        "kind": "feedback",
        "field": land.pk,
        "unit": units["van_du"].pk,
        "village": units["van_du_village"].pk,
        "title": "Đèn đường hỏng",
        "content": "Ba bóng đèn đường trên trục chính khu phố 1 không sáng từ tuần trước.",
        "name": "Lò Thị Mai",
        "phone": "0987 222 333",
        "submission_key": "b" * 32,
    }


# --- What the forms offer ------------------------------------------------------------------------


def test_the_forms_offer_only_communes_in_force(units, xa_van_du, xa_van_du_committee):
    offered = list(receiving_units())
    assert xa_van_du in offered and units["van_du"] not in offered
    # Old records stay readable: the public list and figures still know Thị trấn Vân Du.
    assert units["van_du"] in receiving_units(include_abolished=True)
    page = client_for(None).get("/petitions/new/").content.decode()
    assert "Xã Vân Du" in page and f'value="{units["van_du"].pk}"' not in page
    assert client_for(None).get(f"/petitions/public/?unit={units['van_du'].pk}").status_code == 200


def test_a_unit_is_judged_on_the_day_of_receipt(units, xa_van_du):
    # A paper petition received in June 2025 is entered under the town that received it.
    assert unit_on(units["van_du"], dt.date(2025, 6, 20)).unit == units["van_du"]
    moved = unit_on(units["van_du"], dt.date(2025, 7, 1))
    assert moved.unit == xa_van_du and moved.moved_since == dt.date(2025, 7, 1)


# --- The citizen's form and the official's entry -------------------------------------------------


def test_the_citizens_form_reroutes_to_the_successor_and_says_so(
    client, form_data, xa_van_du, xa_van_du_committee
):
    response = client.post("/petitions/new/", form_data)
    assert response.status_code == 302
    petition = Petition.objects.get(title="Đèn đường hỏng")
    assert petition.unit == xa_van_du and petition.body == xa_van_du_committee
    assert petition.village is None and "Khu phố 1" in petition.address
    assert MOVED in client.get(response.url).content.decode()


def test_the_citizens_form_is_refused_when_the_successor_receives_nothing(client, form_data):
    before = Petition.objects.count()
    response = client.post("/petitions/new/", form_data)
    assert response.status_code == 400
    assert NO_BODY in response.content.decode()
    assert Petition.objects.count() == before


def test_a_staff_entry_is_refused_and_saves_nothing(clerk, form_data):
    before = Petition.objects.count()
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client_for(clerk).post(
        "/staff/petitions/new/", {**form_data, "channel": "paper", "received_at": now}
    )
    assert response.status_code == 400 and NO_BODY in response.content.decode()
    assert Petition.objects.count() == before


def test_a_staff_entry_is_rerouted_and_the_official_told(clerk, form_data, xa_van_du_committee):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client_for(clerk).post(
        "/staff/petitions/new/",
        {**form_data, "channel": "paper", "received_at": now},
        follow=False,
    )
    assert response.status_code == 302
    petition = Petition.objects.get(title="Đèn đường hỏng")
    assert petition.body == xa_van_du_committee
    from django.contrib.messages import get_messages

    texts = [m.message for m in get_messages(response.wsgi_request)]
    assert any(MOVED in t for t in texts)


# --- Complaints, denunciations, reception -------------------------------------------------------


def _complaint(units, land, **kw):
    return complaint_services.complaint_submit(
        field=land,
        unit=units["van_du"],
        title="Khiếu nại quyết định thu hồi đất",
        content="Tôi không đồng ý với mức bồi thường khi thu hồi đất của gia đình.",
        act_complained_of="Quyết định số 12/QĐ-UBND về thu hồi đất",
        respondent="Chủ tịch UBND thị trấn Vân Du",
        learned_on=timezone.localdate() - dt.timedelta(days=10),
        name="Hoàng Văn Khải",
        phone="0987 333 444",
        **kw,
    )[0]


def _denunciation(units, land):
    return denunciation_services.denunciation_submit(
        field=land,
        unit=units["van_du"],
        title="Tố cáo cán bộ nhận tiền",
        content="Cán bộ địa chính nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận cho một số hộ.",
        denounced="Một cán bộ địa chính",
        identity=Identity(name="Người Tố Cáo", phone="0911 222 333", address="Khu phố 9"),
    )[0]


@pytest.mark.parametrize("make", [_complaint, _denunciation])
def test_complaints_and_denunciations_are_refused_without_a_successor_body(units, land, make):
    before = Petition.objects.count()
    with pytest.raises(ValidationError) as refused:
        make(units, land)
    assert NO_BODY in " ".join(refused.value.messages)
    assert Petition.objects.count() == before


@pytest.mark.parametrize("make", [_complaint, _denunciation])
def test_complaints_and_denunciations_go_to_the_successor(units, land, make, xa_van_du_committee):
    petition = make(units, land)
    assert petition.body == xa_van_du_committee
    assert petition.events.get(action="submit").reason == MOVED


def test_the_complaint_filing_page_refuses_with_the_message(client, units, land):
    before = Petition.objects.count()
    response = client.post(
        "/petitions/complaint/new/",
        {
            "field": land.pk,
            "unit": units["van_du"].pk,
            "title": "Khiếu nại quyết định thu hồi đất",
            "content": "Tôi không đồng ý với mức bồi thường khi thu hồi đất của gia đình.",
            "act_complained_of": "Quyết định số 12/QĐ-UBND về thu hồi đất",
            "respondent": "Chủ tịch UBND thị trấn Vân Du",
            "learned_on": (timezone.localdate() - dt.timedelta(days=10)).isoformat(),
            "name": "Hoàng Văn Khải",
            "phone": "0987 333 444",
            "submission_key": "c" * 32,
        },
    )
    assert response.status_code == 400 and NO_BODY in response.content.decode()
    assert Petition.objects.count() == before


def test_a_reception_visit_is_not_logged_under_an_abolished_unit(units, chairman, land):
    before = Petition.objects.count()
    with pytest.raises(ValidationError) as refused:
        reception_services.visit_record(
            unit=units["van_du"],
            actor=chairman,
            received_on=timezone.localdate(),
            kind="feedback",
            name="Lò Văn Tiến",
            content="Đề nghị sửa đường vào khu phố 2 bị ngập.",
            action="accept",
            field=land,
        )
    assert "Xã Vân Du" in refused.value.message_dict["unit"][0]
    assert Petition.objects.count() == before


# --- The JSON API and Open311 -------------------------------------------------------------------


def _api_post(units, **extra):
    payload = {
        "field": "land",
        "unit": units["van_du"].pk,
        "title": "Đèn đường khu phố 1 bị hỏng",
        "content": "Ba cột đèn trên đường vào khu phố 1 không sáng từ tuần trước, buổi tối rất tối.",
        "name": "Bùi Văn Nam",
        "phone": "0987 111 222",
        **extra,
    }
    return client_for(None).post(
        "/api/v1/petitions", data=json.dumps(payload), content_type="application/json"
    )


def test_the_api_refuses_and_saves_nothing(units):
    before = Petition.objects.count()
    response = _api_post(units)
    assert response.status_code == 400 and NO_BODY in response.content.decode()
    assert Petition.objects.count() == before


def test_the_api_reroutes_and_says_so(units, xa_van_du, xa_van_du_committee):
    response = _api_post(units)
    assert response.status_code == 201
    body = json.loads(response.content)
    assert body["unit"] == xa_van_du.pk and body["notice"] == MOVED


@pytest.fixture
def open311_form(key_for):  # noqa: F811
    return {
        "api_key": key_for(None),
        "jurisdiction_id": "15190",
        "service_code": "land",
        "address_string": "Khu phố 1, thị trấn Vân Du",
        "description": "Đường trước nhà văn hóa khu phố 1 bị sụt lún sau mưa lớn.",
        "first_name": "Văn Nam",
        "last_name": "Bùi",
        "phone": "0987111222",
    }


def test_open311_refuses_and_saves_nothing(open311_form):
    before = Petition.objects.count()
    response = client_for(None).post("/open311/v2/requests.json", open311_form)
    assert response.status_code == 400 and NO_BODY in response.content.decode()
    assert Petition.objects.count() == before


def test_open311_sends_to_the_commune_in_force_with_that_code(
    open311_form, xa_van_du, xa_van_du_committee
):
    # Xã Vân Du kept the town's code, 15190: the jurisdiction is today's commune, no move to tell.
    assert xa_van_du.code == "15190"
    response = client_for(None).post("/open311/v2/requests.json", open311_form)
    assert response.status_code == 200
    (receipt,) = json.loads(response.content)
    assert Petition.objects.get(pk=receipt["service_request_id"]).body == xa_van_du_committee


def test_open311_says_where_an_abolished_jurisdiction_went(open311_form, units, land):
    # A commune whose code no commune of today kept (both with a committee on the platform).
    moved = [
        (old, new)
        for old in AdminUnit.objects.filter(level="commune", valid_to__isnull=False)
        for new in old.current_successors()
        if new.code != old.code and len(old.current_successors()) == 1
    ]
    if not moved:
        pytest.skip("every successor kept a predecessor's code")
    kim_tan, successor = moved[0]
    Body.objects.create(
        unit=kim_tan, kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND cũ", short_name="UBND"
    )
    Body.objects.create(
        unit=successor, kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND mới", short_name="UBND"
    )
    response = client_for(None).post(
        "/open311/v2/requests.json", {**open311_form, "jurisdiction_id": kim_tan.code}
    )
    assert response.status_code == 200
    (receipt,) = json.loads(response.content)
    assert receipt["service_notice"].startswith(
        f"{kim_tan.name} đã được sáp nhập vào {successor.name} từ 01/07/2025"
    )
    assert Petition.objects.get(pk=receipt["service_request_id"]).unit == successor


# --- Competence as data ---------------------------------------------------------------------------


@pytest.fixture
def province_committee(units):
    return Body.objects.create(
        unit=units["province"],
        kind=Body.Kind.PEOPLES_COMMITTEE,
        name="UBND tỉnh Thanh Hóa",
        short_name="UBND",
    )


def test_the_competence_rules_ship_with_sources_and_to_be_confirmed(db):
    rules = CompetenceRule.objects.filter(procedure="complaint-second", from_level="commune")
    assert {(r.effective_from, r.to_level) for r in rules} == {
        (dt.date(2012, 7, 1), "district"),
        (dt.date(2025, 7, 1), "province"),
    }
    assert all(r.source and not r.verified for r in rules)


def test_a_2026_second_complaint_from_a_commune_goes_to_the_province(
    units, xa_van_du, province_committee
):
    second = CompetenceRule.Procedure.COMPLAINT_SECOND
    assert cases.competent_body(second, xa_van_du, dt.date(2026, 3, 2)) == province_committee
    # A commune of 2023 too: in 2026 there is no district to go to.
    assert cases.competent_body(second, units["van_du"], dt.date(2026, 3, 2)) == province_committee
    # Before the reorganization, the district.
    district = cases.competent_body(second, units["van_du"], dt.date(2025, 3, 3))
    assert district.name == "UBND huyện Thạch Thành"


def test_without_a_provincial_committee_a_second_complaint_is_refused(xa_van_du):
    with pytest.raises(ValidationError):
        cases.competent_body(
            CompetenceRule.Procedure.COMPLAINT_SECOND, xa_van_du, dt.date(2026, 3, 2)
        )


def test_new_record_units_accept_an_abolished_unit_to_explain_where_it_went(units):
    assert units["van_du"] in new_record_units()
    assert AdminUnit.objects.filter(pk=units["van_du"].pk, valid_to__isnull=False).exists()
