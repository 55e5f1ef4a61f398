import datetime as dt

import pytest
from django.utils import timezone

from thanthien.core.models import Body
from thanthien.core.notify import ConsoleSender
from thanthien.meetings import services
from thanthien.meetings.models import Kind


@pytest.fixture(autouse=True)
def _empty_outbox():
    ConsoleSender.outbox.clear()
    yield
    ConsoleSender.outbox.clear()


@pytest.fixture
def van_du(units):
    return units["van_du"]


@pytest.fixture
def ubnd(van_du):
    return Body.objects.get(unit=van_du, name="UBND thị trấn Vân Du")


@pytest.fixture
def diachinh_body(van_du):
    return Body.objects.get(unit=van_du, name="Địa chính - Xây dựng thị trấn Vân Du")


def make_meeting(
    actor,
    unit,
    organizer,
    *,
    kind=Kind.DIALOGUE,
    days_ahead=20,
    announce=True,
    capacity=None,
    is_public=True,
    title="Hội nghị đối thoại thị trấn Vân Du",
):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days_ahead)
    meeting = services.meeting_create(
        actor=actor,
        unit=unit,
        organizer=organizer,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place="Hội trường UBND thị trấn Vân Du",
        chairs="Lê Văn C - Chủ tịch UBND",
        capacity=capacity,
        is_public=is_public,
    )
    if announce:
        services.meeting_announce(meeting=meeting, actor=actor, accept_late=True)
        meeting.refresh_from_db()
    return meeting


@pytest.fixture
def dialogue(clerk, van_du, ubnd):
    return make_meeting(clerk, van_du, ubnd)


def hold(meeting, actor):
    """Move a meeting's start to the past and record it as held."""
    from thanthien.meetings.models import Meeting

    start = timezone.now() - dt.timedelta(hours=4)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    meeting.refresh_from_db()
    return services.meeting_hold(meeting=meeting, actor=actor, secretary="Nguyễn Văn A")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def petition(db, units):
    from thanthien.petitions import services as petition_services
    from thanthien.petitions.models import Field

    petition, _ = petition_services.petition_submit(
        field=Field.objects.get(code="infrastructure"),
        unit=units["van_du"],
        title="Đèn đường khu phố 2 hỏng",
        content="Đèn đường trục chính khu phố 2 hỏng đã ba tháng, buổi tối đi lại nguy hiểm.",
        name="Bùi Văn Nam",
        phone="0987 111 222",
    )
    return petition


def otp_from_outbox(phone: str) -> str:
    import re

    for message in reversed(ConsoleSender.outbox):
        if message.to == phone:
            return re.search(r"\b(\d{6})\b", message.body).group(1)
    raise AssertionError(f"no code sent to {phone}")
