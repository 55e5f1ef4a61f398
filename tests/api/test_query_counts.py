"""Every list of the API issues the same number of queries for 10 rows as for 1,000."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thanthien.core.models import Body
from thanthien.petitions.models import Answer, Contact, Field, Petition, PetitionEvent, State


def add_rows(n: int, *, unit, start: int, state: str = State.RECEIVED, author=None) -> None:
    """``n`` petitions straight into the tables, each with a contact, an event and (when answered)
    an approved answer, as the services would leave them."""
    field = Field.objects.get(code="land")
    body = Body.objects.select_related("unit").get(unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE)
    now = timezone.now()
    petitions = Petition.objects.bulk_create(
        Petition(
            tracking_code=f"T{start + i:04d}-TEST",
            field=field,
            unit=unit,
            body=body,
            scope_path=body.unit.path,
            received_at=now - dt.timedelta(minutes=start + i),
            deadline=(now + dt.timedelta(days=10)).date(),
            title=f"Đơn thử số {start + i}",
            content=f"Nội dung đơn thử số {start + i}, về con đường khu phố.",
            search_text=f"don thu so {start + i}",
            state=state,
            consent_publish=True,
            answered_at=now if state == State.ANSWERED else None,
        )
        for i in range(n)
    )
    Contact.objects.bulk_create(
        Contact(petition=p, name="Nguyễn Văn A", phone="0912000001") for p in petitions
    )
    PetitionEvent.objects.bulk_create(
        PetitionEvent(petition=p, action="submit", new_state=State.RECEIVED, body=body)
        for p in petitions
    )
    if state == State.ANSWERED:
        Answer.objects.bulk_create(
            Answer(petition=p, text="Đã xử lý xong.", author=author, status=Answer.Status.APPROVED)
            for p in petitions
        )


def queries_for(client: Client, url: str, params=None, rows: int | None = None) -> int:
    """The number of queries of one request; ``rows``: how many rows the answer must count."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    if rows is not None:
        if url.endswith(".xml"):
            assert response.content.count(b"<request>") == rows
        else:
            body = json.loads(response.content)
            assert (len(body) if isinstance(body, list) else body["count"]) == rows
    return len(captured)


def grow(units, state, author=None):
    """Yield twice: after 10 rows and after 1,000."""
    add_rows(10, unit=units["van_du"], start=0, state=state, author=author)
    yield 10
    add_rows(990, unit=units["van_du"], start=10, state=state, author=author)
    yield 1000


@pytest.mark.django_db
def test_the_published_list(units, handler):
    client = Client()
    counts = [
        queries_for(client, "/api/v1/petitions/published", {"limit": 100}, n)
        for n in grow(units, State.ANSWERED, author=handler)
    ]
    # 1. count of the matching rows
    # 2. the page, with field, unit, body, contact and the approved answer's text joined in
    assert counts == [2, 2]


@pytest.mark.django_db
def test_the_published_list_filtered_by_field(units, handler):
    client = Client()
    counts = [
        queries_for(
            client, "/api/v1/petitions/published", {"field": "land", "unit": units["van_du"].pk}
        )
        for _ in grow(units, State.ANSWERED, author=handler)
    ]
    # the field by its code, the unit's path, the count, the page
    assert counts == [4, 4]


@pytest.mark.django_db
def test_the_staff_inbox(units, clerk, client_with_key):
    client = client_with_key(clerk)
    client.get("/api/v1/staff/petitions")  # the key's first use is recorded (once a minute at most)
    counts = [
        queries_for(client, "/api/v1/staff/petitions", {"limit": 200}, n)
        for n in grow(units, State.RECEIVED)
    ]
    # 1. the key with its user  2. the official's memberships  3. the working-day calendar for
    # "due soon"  4. the count  5. the page's ids (from the index alone)  6. those rows, with field,
    # unit, body and assignee joined in
    assert counts == [6, 6]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_open311_request_list(units, fmt):
    client = Client()
    counts = [
        queries_for(client, f"/open311/v2/requests.{fmt}", None, n)
        for n in grow(units, State.RECEIVED)
    ]
    # one query: the requests with field, body and contact, and as subqueries the last event's
    # time, the last public reason and the approved answer
    assert counts == [1, 1]


@pytest.mark.django_db
def test_the_open311_list_holds_at_most_1000_requests(units):
    add_rows(1001, unit=units["van_du"], start=0)
    found = json.loads(Client().get("/open311/v2/requests.json").content)
    assert len(found) == 1000


@pytest.mark.django_db
def test_the_open311_services(units):
    client = Client()
    assert queries_for(client, "/open311/v2/services.json") == 1  # the active fields


@pytest.mark.django_db
def test_the_open311_token_lookups(units):
    add_rows(10, unit=units["van_du"], start=0)
    petition = Petition.objects.order_by("pk").first()
    Petition.objects.filter(pk=petition.pk).update(tracking_code="ABCD-EFGH", consent_publish=False)
    client = Client()
    # one query: the petition by its tracking code
    assert queries_for(client, "/open311/v2/tokens/ABCD-EFGH.json", None, 1) == 1
    # one query: the petition by number and tracking code, with field, body, contact and subqueries
    url = f"/open311/v2/requests/{petition.pk}.json"
    assert queries_for(client, url, {"token": "ABCD-EFGH"}, 1) == 1
