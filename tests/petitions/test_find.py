"""The staff find box: a tracking code, a petition number, a sender's phone or words, within the
official's units; an exact match opens the petition, anything else is a short list."""

import pytest

from tests.conftest import client_for
from thanthien.denunciations.services import denunciation_submit
from thanthien.petitions.confidential import Identity
from thanthien.petitions.models import Contact

FIND = "/staff/petitions/find/"
PHONE = "0987111222"  # the submit fixture's "0987 111 222", as stored


def opens(response, petition) -> bool:
    return response.status_code == 302 and response.url == f"/staff/petitions/{petition.pk}/"


def listed(response) -> list[int]:
    assert response.status_code == 200
    return [p.pk for p in response.context["found"].rows or []]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["{code}", "{raw}", "{lower}", " {lower_dashed} "])
def test_it_opens_a_petition_by_its_tracking_code_as_people_type_it(submit, handler, typed):
    petition = submit()
    code = petition.tracking_code
    query = typed.format(
        code=code,
        raw=code.replace("-", ""),
        lower=code.replace("-", "").lower(),
        lower_dashed=code.lower(),
    )
    assert opens(client_for(handler).get(FIND, {"q": query}), petition)


@pytest.mark.django_db
def test_it_opens_a_petition_by_its_number(submit, clerk):
    petition = submit()
    assert opens(client_for(clerk).get(FIND, {"q": str(petition.pk)}), petition)
    assert opens(client_for(clerk).get(FIND, {"q": f"#{petition.pk}"}), petition)


@pytest.mark.django_db
def test_it_finds_by_the_senders_phone_for_the_officials_who_see_the_contact(
    submit, handler, chairman, clerk, other_official
):
    first = submit()
    assert opens(client_for(handler).get(FIND, {"q": "0987 111 222"}), first)
    assert opens(client_for(chairman).get(FIND, {"q": "+84987111222"}), first)
    second = submit(title="Đèn đường hỏng", content="Đèn đường khu phố 1 hỏng đã hai tuần.")
    assert set(listed(client_for(clerk).get(FIND, {"q": PHONE}))) == {first.pk, second.pk}
    # Not the official of another commune.
    assert listed(client_for(other_official).get(FIND, {"q": PHONE})) == []


@pytest.mark.django_db
def test_an_anonymous_senders_phone_is_not_searchable(submit, handler):
    petition = submit(is_anonymous=True, name="", phone="")
    # Even were a phone kept with it, the pages do not show it, so the search does not find it.
    Contact.objects.filter(petition=petition).update(phone=PHONE)
    assert listed(client_for(handler).get(FIND, {"q": PHONE})) == []


@pytest.mark.django_db
def test_a_denouncers_phone_never_matches(units, land, handler, chairman, clerk):
    denunciation, _created = denunciation_submit(
        field=land,
        unit=units["van_du"],
        title="Tố cáo thu tiền sai quy định",
        content="Thu tiền làm sổ đỏ ngoài quy định, có biên lai viết tay.",
        denounced="Cán bộ địa chính",
        identity=Identity(name="Danh Tính Bí Mật", phone="0911888777", id_number="038090001111"),
    )
    for user in (handler, chairman, clerk):
        staff = client_for(user)
        for secret in ("0911888777", "0911 888 777", "Danh Tính Bí Mật", "038090001111"):
            assert listed(staff.get(FIND, {"q": secret})) == [], (user, secret)
        # The case itself is found by its words and its code, as in the inbox.
        assert listed(staff.get(FIND, {"q": "thu tien so do"})) == [denunciation.pk]
    # Even were the phone stored with the case by mistake, the find box would not read it.
    Contact.objects.filter(petition=denunciation).update(phone="0911888777")
    assert listed(client_for(handler).get(FIND, {"q": "0911888777"})) == []


@pytest.mark.django_db
def test_it_finds_by_words_without_diacritics(submit, handler):
    road = submit()
    submit(title="Đèn đường hỏng", content="Đèn chiếu sáng khu phố 1 hỏng đã hai tuần.")
    response = client_for(handler).get(FIND, {"q": "SUT LUN"})
    assert listed(response) == [road.pk]
    assert road.tracking_code in response.content.decode()


@pytest.mark.django_db
def test_nothing_from_another_commune(submit, units, other_official, handler):
    petition = submit()
    elsewhere = submit(
        unit=units["thach_binh"],
        village=None,
        title="Cống thoát nước tắc",
        content="Cống thoát nước đầu làng tắc, nước tràn vào nhà dân.",
        phone="0912 333 444",
    )
    staff = client_for(other_official)
    for query in (petition.tracking_code, str(petition.pk), PHONE, "sut lun"):
        assert listed(staff.get(FIND, {"q": query})) == [], query
    assert opens(staff.get(FIND, {"q": elsewhere.tracking_code}), elsewhere)
    assert listed(client_for(handler).get(FIND, {"q": "cong thoat nuoc"})) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("citizen", 404),
        ("district_admin", 404),
        ("clerk", 200),
        ("handler", 200),
        ("chairman", 200),
        ("mttq_officer", 200),
        ("other_official", 200),
    ],
)
def test_who_may_use_the_find_box(request, submit, persona, status):
    petition = submit()
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(FIND).status_code == status
    response = client.get(FIND, {"q": petition.tracking_code})
    if status == 200 and persona != "other_official":
        assert opens(response, petition)
    else:
        assert response.status_code in (status, 200)
        assert response.status_code != 302 or "/login" in response.url


@pytest.mark.django_db
def test_the_inbox_search_finds_a_tracking_code(submit, handler):
    petition = submit()
    submit(title="Đèn đường hỏng", content="Đèn chiếu sáng khu phố 1 hỏng đã hai tuần.")
    code = petition.tracking_code.replace("-", "").lower()
    response = client_for(handler).get("/staff/petitions/", {"q": code, "which": "all"})
    assert [p.pk for p in response.context["page"]] == [petition.pk]


@pytest.mark.django_db
def test_the_find_box_is_in_the_staff_menu_and_the_inbox(submit, handler, citizen):
    inbox = client_for(handler).get("/staff/petitions/").content.decode()
    assert inbox.count('action="/staff/petitions/find/"') == 2  # the menu's and the inbox's
    home = client_for(handler).get("/").content.decode()
    assert 'action="/staff/petitions/find/"' in home
    assert 'action="/staff/petitions/find/"' not in client_for(citizen).get("/").content.decode()
