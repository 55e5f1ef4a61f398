"""What every case shares on the pages: the overdue list."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import client_for
from thanthien.petitions.models import Petition


@pytest.mark.django_db
def test_the_overdue_list_shows_what_passed_its_time_limit(
    client, complaint_data, district_supervisor
):
    client.post("/petitions/complaint/new/", complaint_data)
    petition = Petition.objects.get(title="Khiếu nại mức bồi thường")
    Petition.objects.filter(pk=petition.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=2)
    )
    page = client_for(district_supervisor).get("/staff/petitions/?which=overdue")
    assert petition.pk in [p.pk for p in page.context["page"]]
