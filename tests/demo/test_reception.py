import pytest

from tests.conftest import client_for
from thanthien.demo import reception
from thanthien.petitions.models import ReceptionRule


@pytest.mark.django_db
def test_the_demo_publishes_a_weekly_reception_day_for_each_commune(units):
    assert reception.load() == 3
    assert reception.load() == 0  # loading twice adds nothing
    assert ReceptionRule.objects.filter(unit=units["van_du"], weekday=3).exists()
    page = client_for(None).get("/reception/").content.decode()
    assert "Thị trấn Vân Du" in page and "Lê Văn C" in page
