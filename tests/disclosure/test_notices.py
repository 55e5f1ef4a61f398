"""Notices: validation, double submit, delivery to subscribers with retries and a record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import client_for
from thanthien.disclosure import channels, services
from thanthien.disclosure.channels import DeliveryError
from thanthien.disclosure.models import Delivery, Notice
from thanthien.disclosure.tasks import MAX_ATTEMPTS


class Flaky:
    name = "flaky"

    def __init__(self, failures: int):
        self.failures = failures
        self.sent: list = []

    def send(self, destination, subject, text):
        if self.failures > 0:
            self.failures -= 1
            raise DeliveryError("gateway timeout")
        self.sent.append((destination, subject))


@pytest.fixture
def flaky():
    def install(failures):
        adapter = Flaky(failures)
        channels.OVERRIDES["sms"] = adapter
        return adapter

    yield install
    channels.OVERRIDES.clear()


def make_notice(unit, actor, **kw):
    args = {
        "unit": unit,
        "kind": "warning",
        "title": "Cảnh báo mưa lớn",
        "text": "Các hộ dân chủ động phòng tránh lũ.",
        "published_on": timezone.localdate(),
        "actor": actor,
    }
    return services.notice_create(**{**args, **kw})


def test_delivery_retried_then_sent(db, units, clerk, flaky, django_capture_on_commit_callbacks):
    adapter = flaky(2)
    services.subscribe(unit=units["van_du"], channel="sms", destination="0987654321")
    services.subscribe(unit=units["van_du_village"], channel="email", destination="a@b.vn")
    services.subscribe(unit=units["kim_tan"], channel="sms", destination="0987000000")
    with django_capture_on_commit_callbacks(execute=True):
        notice, _ = make_notice(units["van_du"], clerk)
    sms = Delivery.objects.get(notice=notice, subscription__channel="sms")
    assert (sms.state, sms.attempts, sms.last_error) == ("sent", 3, "")
    assert adapter.sent == [("0987654321", "Thị trấn Vân Du: Cảnh báo mưa lớn")]
    assert Delivery.objects.get(notice=notice, subscription__channel="email").state == "sent"
    assert Delivery.objects.filter(notice=notice).count() == 2  # not Kim Tân's subscriber


def test_delivery_gives_up_and_records_failure(
    db, units, clerk, flaky, django_capture_on_commit_callbacks
):
    flaky(99)
    services.subscribe(unit=units["van_du"], channel="sms", destination="0987654321")
    with django_capture_on_commit_callbacks(execute=True):
        notice, _ = make_notice(units["van_du"], clerk)
    delivery = Delivery.objects.get(notice=notice)
    assert (delivery.state, delivery.attempts, delivery.last_error) == (
        "failed",
        MAX_ATTEMPTS,
        "gateway timeout",
    )


def test_targeted_villages_only(db, units, clerk, django_capture_on_commit_callbacks):
    from thanthien.core.models import AdminUnit

    other = (
        AdminUnit.objects.filter(parent=units["van_du"], level="village")
        .exclude(pk=units["van_du_village"].pk)
        .first()
    )
    services.subscribe(unit=units["van_du_village"], channel="email", destination="in@b.vn")
    services.subscribe(unit=other, channel="email", destination="out@b.vn")
    with django_capture_on_commit_callbacks(execute=True):
        notice, _ = make_notice(units["van_du"], clerk, villages=[units["van_du_village"]])
    assert list(
        Delivery.objects.filter(notice=notice).values_list("subscription__destination", flat=True)
    ) == ["in@b.vn"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "ab"}, "title"),
        ({"text": ""}, "text"),
        ({"kind": "gossip"}, "kind"),
        ({"broadcasts": [timezone.now()]}, "loudspeaker_script"),
        (
            {"broadcasts": [timezone.now() - dt.timedelta(days=3)], "loudspeaker_script": "Đọc"},
            "broadcasts",
        ),
    ],
)
def test_notice_validation(db, units, clerk, change, field):
    with pytest.raises(ValidationError) as error:
        make_notice(units["van_du"], clerk, **change)
    assert field in error.value.message_dict
    assert not Notice.objects.exists()


def test_notice_form_double_submit_and_print(db, units, clerk):
    client = client_for(clerk)
    data = {
        "unit": units["van_du"].pk,
        "kind": "schedule",
        "title": "Lịch phát thanh tuần này",
        "text": "Phát thanh lúc 6 giờ 30 sáng.",
        "loudspeaker_script": "Kính thưa bà con",
        "broadcasts": "05/06/2030 06:30\n06/06/2030 06:30",
        "published_on": timezone.localdate().isoformat(),
        "submission_key": "same",
    }
    assert client.post("/notices/new/", data).status_code == 302
    assert client.post("/notices/new/", data).status_code == 302
    notice = Notice.objects.get()
    assert notice.broadcasts.count() == 2
    bad = client.post(
        "/notices/new/", {**data, "broadcasts": "mai 6 giờ", "submission_key": "other"}
    )
    assert bad.status_code == 200 and Notice.objects.count() == 1
    page = client_for(None).get(f"/notices/{notice.pk}/print/").content.decode()
    assert (
        "@page { size: A4" in page
        and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        and "06:30 05/06/2030" in page
    )


def test_delivery_counts_for_officials_only(db, units, clerk, django_capture_on_commit_callbacks):
    services.subscribe(unit=units["van_du"], channel="email", destination="secret@b.vn")
    with django_capture_on_commit_callbacks(execute=True):
        notice, _ = make_notice(units["van_du"], clerk)
    staff = client_for(clerk).get(f"/notices/{notice.pk}/").content.decode()
    public = client_for(None).get(f"/notices/{notice.pk}/").content.decode()
    assert 'id="deliveries"' in staff and 'id="deliveries"' not in public
    assert "secret@b.vn" not in staff and "secret@b.vn" not in public


def test_unsubscribe_link(db, units, clerk, django_capture_on_commit_callbacks):
    from thanthien.disclosure.channels import ConsoleAdapter
    from thanthien.disclosure.models import Subscription

    subscription, _ = services.subscribe(
        unit=units["van_du"], channel="zalo", destination="84912345678"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_notice(units["van_du"], clerk)
    destination, _subject, text = ConsoleAdapter.outbox[-1]
    assert destination == "84912345678"
    link = f"/notices/unsubscribe/{subscription.token}/"
    assert link in text
    client = client_for(None)
    assert client.get(link).status_code == 200
    assert Subscription.objects.get().is_active  # a link preview changes nothing
    assert client.post(link).status_code == 302
    assert not Subscription.objects.get().is_active
    with django_capture_on_commit_callbacks(execute=True):
        notice, _ = make_notice(units["van_du"], clerk, title="Thông báo thứ hai")
    assert not Delivery.objects.filter(notice=notice).exists()
    assert (
        client.get("/notices/unsubscribe/00000000-0000-0000-0000-000000000000/").status_code == 404
    )


def test_notice_as_official_document(db, units, clerk):
    import io

    import docx

    notice, _ = make_notice(
        units["van_du"],
        clerk,
        loudspeaker_script="Kính thưa bà con",
        broadcasts=[timezone.now() + dt.timedelta(hours=2)],
    )
    client = client_for(None)
    response = client.get(f"/notices/{notice.pk}/notice.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "THÔNG BÁO" in text and "Các hộ dân chủ động phòng tránh lũ." in text
    assert client.get(f"/notices/{notice.pk}/notice.pdf").content[:4] == b"%PDF"
    assert client.get(f"/notices/{notice.pk}/notice.exe").status_code == 404
