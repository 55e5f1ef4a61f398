"""Every persona × every staff page of the register: allowed (200) or not found (404)."""

import datetime as dt

import pytest

from tests.conftest import client_for
from thanthien.core.models import Body, User
from thanthien.disclosure import services
from thanthien.disclosure.models import Category, Convention

PERSONAS = [
    "citizen",
    "clerk",
    "handler",
    "chairman",
    "mttq_officer",
    "district_supervisor",
    "district_admin",
    "other_official",
]
# page → personas who may open it for Vân Du's disclosure
ALLOWED = {
    "new": {"clerk", "handler", "chairman", "district_admin", "other_official"},
    "notice_new": {"clerk", "handler", "chairman", "district_admin", "other_official"},
    "import": {"clerk", "handler", "chairman", "district_admin"},
    "lines": {"clerk", "handler", "chairman", "district_admin"},
    "posting": {"clerk", "handler", "chairman", "district_admin"},
    "edit": {"clerk", "handler", "chairman", "district_admin"},
    "attach": {"clerk", "handler", "chairman", "district_admin"},
    "convention_new": {"clerk", "chairman", "district_admin"},
    "compliance": {
        "clerk",
        "handler",
        "chairman",
        "mttq_officer",
        "district_supervisor",
        "district_admin",
        "other_official",
    },
}


@pytest.fixture
def disclosure(db, units):
    unit = units["van_du"]
    return services.disclosure_create(
        unit=unit,
        body=Body.objects.get(unit=unit, kind="peoples_committee"),
        category=Category.objects.get(code="other"),
        title="Công khai thử quyền",
        starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 4, 30),
        actor=None,
        check_permission=False,
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_matrix(request, disclosure, persona, page):
    user = request.getfixturevalue(persona)
    urls = {
        "new": "/disclosure/new/",
        "notice_new": "/notices/new/",
        "import": f"/disclosure/{disclosure.pk}/import/",
        "lines": f"/disclosure/{disclosure.pk}/lines/",
        "posting": f"/disclosure/{disclosure.pk}/posting/",
        "edit": f"/disclosure/{disclosure.pk}/edit/",
        "attach": f"/disclosure/{disclosure.pk}/attach/",
        "convention_new": "/conventions/new/",
        "compliance": "/disclosure/compliance/",
    }
    response = client_for(user).get(urls[page])
    if response.status_code == 302:  # anonymous-like: sent to sign in
        assert persona not in ALLOWED[page]
        return
    assert response.status_code == (200 if persona in ALLOWED[page] else 404), (persona, page)


@pytest.mark.parametrize("persona", PERSONAS)
def test_post_outside_scope_changes_nothing(request, disclosure, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(
        f"/disclosure/{disclosure.pk}/posting/",
        {"form": "office", "place": "Nhà văn hóa", "posted_on": "2023-03-02"},
    )
    assert (response.status_code == 302) == (persona in ALLOWED["posting"])
    assert disclosure.postings.count() == (1 if persona in ALLOWED["posting"] else 0)


def test_conventions_life(db, units, chairman, other_official):
    from django.core.exceptions import ValidationError
    from django.http import Http404

    village = units["van_du_village"]
    text = "Điều 1. Giữ gìn vệ sinh chung, không thả rông gia súc trên đường."
    with pytest.raises(Http404):
        services.convention_create(
            village=village, title="Hương ước thử", text=text, actor=other_official
        )
    c = services.convention_create(
        village=village, title="Hương ước thử", text=text, actor=chairman
    )
    with pytest.raises(ValidationError):
        services.convention_change(
            convention=c, status="recognized", actor=chairman
        )  # draft → recognized
    c = services.convention_change(convention=c, status="consultation", actor=chairman)
    with pytest.raises(ValidationError):
        services.convention_change(convention=c, status="recognized", actor=chairman)  # no decision
    c = services.convention_change(
        convention=c,
        status="recognized",
        actor=chairman,
        decision_number="5/QĐ-UBND",
        decision_date=dt.date(2023, 5, 1),
    )
    c = services.convention_change(
        convention=c,
        status="amended",
        actor=chairman,
        text=text + " Điều 2. Mới.",
        note="Thêm điều 2",
        decision_number="9/QĐ-UBND",
        decision_date=dt.date(2023, 9, 1),
    )
    stale = Convention.objects.get(pk=c.pk)
    stale.version -= 1
    with pytest.raises(services.Conflict):
        services.convention_change(convention=stale, status="repealed", actor=chairman)
    assert [v.number for v in c.versions.all()] == [2, 1]
    html = client_for(None).get(f"/conventions/{c.pk}/").content.decode()
    assert "9/QĐ-UBND" in html and "Thêm điều 2" in html


def test_convention_pages(db, units, chairman, other_official, citizen):
    village = units["van_du_village"]
    data = {
        "village": village.pk,
        "title": "Quy ước khu phố thử",
        "text": "Điều 1. Không đốt rơm rạ gần khu dân cư, giữ đường làng sạch.",
    }
    # Thạch Bình's handler keeps no conventions; Thạch Bình's chairman cannot choose a Vân Du village.
    assert client_for(other_official).post("/conventions/new/", data).status_code == 404
    other_chairman = User.objects.get(username="thachbinh.chutich")
    assert client_for(other_chairman).post("/conventions/new/", data).status_code == 200
    assert not Convention.objects.exists()
    assert client_for(citizen).get("/conventions/new/").status_code == 404
    assert client_for(chairman).post("/conventions/new/", data).status_code == 302
    c = Convention.objects.get()
    url = f"/conventions/{c.pk}/change/"
    assert client_for(other_official).get(url).status_code == 404
    client = client_for(chairman)
    assert client.post(url, {"status": "consultation", "text": data["text"]}).status_code == 302
    bad = client.post(url, {"status": "recognized", "text": data["text"]})
    assert bad.status_code == 200 and "số và ngày quyết định" in bad.content.decode()
    ok = client.post(
        url,
        {
            "status": "recognized",
            "text": data["text"],
            "decision_number": "7/QĐ-UBND",
            "decision_date": "2023-06-01",
        },
    )
    assert ok.status_code == 302
    c.refresh_from_db()
    assert (c.status, c.recognition_number, c.versions.count()) == ("recognized", "7/QĐ-UBND", 1)
