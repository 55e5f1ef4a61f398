import datetime as dt

import pytest
from django.utils import timezone

from thanthien.core.models import Body
from thanthien.participation import services
from thanthien.participation.models import Consultation


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def front_body(db, units):
    return Body.objects.get(unit=units["van_du"], kind=Body.Kind.FATHERLAND_FRONT)


@pytest.fixture
def committee(db, units):
    return Body.objects.get(unit=units["van_du"], kind=Body.Kind.PEOPLES_COMMITTEE)


@pytest.fixture
def make_consultation(db, units, clerk, handler, today):
    def _make(state="open", **overrides):
        data = {
            "actor": clerk,
            "unit": units["van_du"],
            "kind": Consultation.Kind.CONVENTION,
            "title": "Dự thảo hương ước khu phố 1",
            "opens_on": today - dt.timedelta(days=3),
            # A draft convention is open for comment at least 30 days (Decree 61/2023, Art. 9);
            # 45 leaves room for the Tết days off that can push the earliest closing day.
            "closes_on": today + dt.timedelta(days=45),
            "audiences": [Consultation.Audience.CITIZENS, Consultation.Audience.FRONT],
            "sections": [
                ("Vệ sinh môi trường", "Các hộ gia đình thu gom rác đúng giờ."),
                ("Đường làng ngõ xóm", "Không lấn chiếm lòng đường."),
            ],
        }
        data.update(overrides)
        c = services.consultation_create(**data)
        if state in ("open", "closed", "published"):
            services.consultation_open(consultation=c, actor=clerk)
        if state in ("closed", "published"):
            services.consultation_close(
                consultation=c, actor=clerk, today=c.closes_on + dt.timedelta(days=1)
            )
        if state == "published":
            services.consultation_publish(consultation=c, actor=handler)
        return c

    return _make
