"""Reception pages make as many queries with 200 rows as with 10."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.reception.conftest import T, today
from thanthien.core.models import Body
from thanthien.petitions.models import Kind, Petition, ReceptionSession, ReceptionVisit

# --- Query counts --------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def add_visits(unit, official, n: int) -> None:
    body = Body.objects.get(unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE)
    start = ReceptionVisit.objects.filter(unit=unit).count()
    petition = Petition.objects.filter(body=body).first()
    ReceptionVisit.objects.bulk_create(
        ReceptionVisit(
            unit=unit,
            year=today().year,
            number=start + i + 1,
            received_on=today(),
            kind=[Kind.FEEDBACK, Kind.COMPLAINT, Kind.DENUNCIATION][i % 3],
            name="Bùi Văn Nam",
            content="Đường khu phố 1 bị sụt lún sau mưa.",
            action=["accept", "forward", "return"][i % 3],
            petition=petition if i % 3 == 0 else None,
            forward_body=body if i % 3 == 1 else None,
            guidance="Hướng dẫn",
            received_by=official,
        )
        for i in range(n)
    )


def add_sessions(unit, host, n: int) -> None:
    ReceptionSession.objects.bulk_create(
        ReceptionSession(
            unit=unit,
            date=today() + dt.timedelta(days=1 + i % 50),
            start_time=T(8, 0),
            end_time=T(9, 0),
            place=f"Hội trường {i}",
            host=host if i % 2 else None,
            host_name="" if i % 2 else "Phạm Văn Phó",
            capacity=5,
        )
        for i in range(n)
    )


@pytest.mark.django_db
def test_the_log_list_makes_as_many_queries_with_200_rows_as_with_10(record, van_du, clerk):
    record()  # one real petition for the rows to point at
    add_visits(van_du, clerk, 9)
    client = client_for(clerk)
    url = f"/staff/reception/{van_du.pk}/log/"

    few = count_queries(client, url)
    add_visits(van_du, clerk, 190)
    many = count_queries(client, url)

    assert few == many
    assert count_queries(client, f"{url}print/") == count_queries(
        client, f"{url}print/?since=2000-01-01"
    )


@pytest.mark.django_db
def test_the_print_view_makes_as_many_queries_with_200_rows_as_with_10(record, van_du, clerk):
    record()
    add_visits(van_du, clerk, 9)
    client = client_for(clerk)
    url = f"/staff/reception/{van_du.pk}/log/print/"

    few = count_queries(client, url)
    add_visits(van_du, clerk, 190)

    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_the_public_schedule_makes_as_many_queries_with_200_sessions_as_with_10(
    add_rule, van_du, units, chairman
):
    add_rule()
    add_sessions(van_du, chairman, 10)
    client = client_for(None)
    pages = [f"/reception/{van_du.pk}/", "/reception/"]

    few = [count_queries(client, url) for url in pages]
    add_sessions(van_du, chairman, 190)
    add_sessions(units["kim_tan"], chairman, 5)
    add_rule(weekday=1)
    many = [count_queries(client, url) for url in pages]

    assert few == many
