"""The public page of answered petitions: consent, redaction, filters, search without diacritics."""

import pytest

from tests.conftest import client_for
from thanthien.petitions import services
from thanthien.petitions.models import Field, Petition
from thanthien.petitions.selectors import redact


def answer(petition, clerk, handler, text="Đã xử lý xong."):
    services.petition_accept(petition=petition, actor=clerk)
    services.petition_start(petition=Petition.objects.get(pk=petition.pk), actor=handler)
    services.petition_answer(
        petition=Petition.objects.get(pk=petition.pk), actor=handler, text=text
    )
    return Petition.objects.get(pk=petition.pk)


@pytest.mark.django_db
def test_only_answered_petitions_with_consent_are_public_and_without_personal_data(
    submit, clerk, handler, no_approval
):
    public = answer(
        submit(
            name="Bùi Văn Nam",
            phone="0987 111 222",
            content="Tôi là Bùi Văn Nam, số điện thoại 0987.111.222, email nam@example.vn, CCCD 038090001234: "
            "đường khu phố 1 bị sụt lún.",
        ),
        clerk,
        handler,
        text="Đã san lấp đoạn sụt lún.",
    )
    private = answer(
        submit(consent_publish=False, title="Không đồng ý công khai", phone="0911 000 003"),
        clerk,
        handler,
    )
    unanswered = submit(title="Chưa trả lời", phone="0911 000 004")
    client = client_for(None)
    listing = client.get("/petitions/public/").content.decode()
    assert public.title in listing
    assert private.title not in listing and unanswered.title not in listing
    detail = client.get(f"/petitions/public/{public.pk}/").content.decode()
    assert "Đã san lấp đoạn sụt lún." in detail and "đường khu phố 1 bị sụt lún" in detail
    for secret in [
        "Bùi Văn Nam",
        "0987.111.222",
        "0987111222",
        "nam@example.vn",
        "038090001234",
        public.tracking_code,
    ]:
        assert secret not in detail and secret not in listing, secret
    assert client.get(f"/petitions/public/{private.pk}/").status_code == 404
    assert client.get(f"/petitions/public/{unanswered.pk}/").status_code == 404


@pytest.mark.django_db
def test_an_official_can_write_the_public_text_by_hand(submit, clerk, handler, no_approval):
    petition = answer(submit(), clerk, handler)
    Petition.objects.filter(pk=petition.pk).update(
        public_text="Phản ánh về đường sụt lún tại khu phố 1."
    )
    detail = client_for(None).get(f"/petitions/public/{petition.pk}/").content.decode()
    assert "Phản ánh về đường sụt lún tại khu phố 1." in detail


@pytest.mark.django_db
def test_filters_and_search_without_diacritics(submit, clerk, handler, no_approval, units):
    road = answer(submit(title="Đường liên thôn xuống cấp"), clerk, handler)
    other = answer(
        submit(
            title="Rác thải ven sông",
            field=Field.objects.get(code="environment"),
            phone="0911 000 005",
        ),
        clerk,
        handler,
    )
    client = client_for(None)
    found = [
        p.pk for p in client.get("/petitions/public/", {"q": "duong lien thon"}).context["page"]
    ]
    assert road.pk in found and other.pk not in found
    env = Field.objects.get(code="environment").pk
    found = [p.pk for p in client.get("/petitions/public/", {"field": env}).context["page"]]
    assert found == [other.pk] or (other.pk in found and road.pk not in found)
    found = [
        p.pk
        for p in client.get("/petitions/public/", {"unit": units["thach_binh"].pk}).context["page"]
    ]
    assert road.pk not in found


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"field": "abc"}, {"since": "31/02/2026"}, {"unit": "999999"}])
def test_bad_filters_get_a_message_not_an_error(query):
    response = client_for(None).get("/petitions/public/", query)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("gọi 0912 345 678 nhé", "0912 345 678"),
        ("+84912345678", "+84912345678"),
        ("thư a.b@c.vn", "a.b@c.vn"),
        ("CMND 123456789", "123456789"),
    ],
)
def test_redact(text, hidden):
    assert hidden not in redact(text)
