"""Every list and detail page of petitions makes as many queries with 1,000 rows as with 10 (and a
detail page as many with 50 events as with 1): no query per row."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import client_for
from thanthien.core.models import Body
from thanthien.core.search import fold
from thanthien.petitions import services
from thanthien.petitions.models import Contact, Field, Petition, PetitionEvent, State

TITLE = "Đường khu phố 1 bị sụt lún"
CONTENT = "Đoạn đường trước nhà văn hóa bị sụt lún sau mưa. Liên hệ anh Bùi Văn Nam, 0987 111 222."
STATES = itertools.cycle(
    [State.RECEIVED, State.ACCEPTED, State.IN_PROGRESS, State.ANSWERED, State.CLOSED]
)
_serial = itertools.count(1)


@pytest.fixture
def make(units, handler):
    """Create ``n`` petitions in Vân Du at once, each with its contact."""
    van_du = units["van_du"]
    body = Body.objects.get(unit=van_du, kind=Body.Kind.PEOPLES_COMMITTEE)
    field = Field.objects.get(code="land")
    now = timezone.now()

    def _make(n: int, *, state: str | None = None, **extra) -> list[Petition]:
        rows = []
        for _ in range(n):
            i = next(_serial)
            received = now - dt.timedelta(hours=7 * (i % 1200))  # over the last 350 days
            row_state = state or next(STATES)
            answered = row_state in (State.ANSWERED, State.CLOSED)
            rows.append(
                Petition(
                    field=field,
                    unit=van_du,
                    village=units["van_du_village"],
                    body=body,
                    scope_path=body.unit.path,
                    received_at=received,
                    deadline=(received + dt.timedelta(days=14)).date(),
                    answered_at=received + dt.timedelta(days=i % 20) if answered else None,
                    rating=(i % 5) + 1 if answered else None,
                    tracking_code=f"Q{i:06d}",
                    title=f"{TITLE} ({i})",
                    content=CONTENT,
                    search_text=fold(f"{TITLE} {CONTENT}"),
                    state=row_state,
                    consent_publish=True,
                    assignee=handler if i % 2 else None,
                    **extra,
                )
            )
        created = Petition.objects.bulk_create(rows)
        Contact.objects.bulk_create(
            Contact(petition=p, name="Bùi Văn Nam", phone="0987111222") for p in created
        )
        return created

    return _make


def count_queries(client, url: str) -> int:
    client.get(url)  # first request: caches warmed (content types, translations…)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def assert_same_queries(client, url: str, grow) -> None:
    few = count_queries(client, url)
    grow()
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with few rows, {many} with many"


def land() -> int:
    return Field.objects.get(code="land").pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "?q=sut+lun", "?field={land}", "?field={land}&q=khu+pho&state=answered"],
)
def test_the_public_list(make, query):
    make(10, state=State.ANSWERED)
    url = "/petitions/public/" + query.format(land=land())

    assert_same_queries(client_for(None), url, lambda: make(990, state=State.ANSWERED))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?which=all", "?which=closed", "?q=sut+lun&which=all"])
def test_the_officials_inbox(make, handler, query):
    make(10)
    url = "/staff/petitions/" + query

    assert_same_queries(client_for(handler), url, lambda: make(990))


@pytest.mark.django_db
def test_my_petitions(make, citizen):
    make(10, submitter=citizen)

    assert_same_queries(
        client_for(citizen), "/petitions/mine/", lambda: make(990, submitter=citizen)
    )


@pytest.mark.django_db
def test_the_figures(make, units):
    make(10)

    assert_same_queries(
        client_for(None), f"/petitions/figures/?unit={units['van_du'].pk}", lambda: make(990)
    )


@pytest.mark.django_db
def test_the_district_figures(make, units):
    make(10)

    assert_same_queries(
        client_for(None), f"/petitions/figures/?unit={units['district'].pk}", lambda: make(990)
    )


def add_events(petition: Petition, n: int, actors: list) -> None:
    PetitionEvent.objects.bulk_create(
        PetitionEvent(
            petition=petition,
            action="note",
            old_state=petition.state,
            new_state=petition.state,
            actor=actors[i % len(actors)],
            body=petition.body,
            reason=f"Ghi chú {i}",
            public=bool(i % 2),
        )
        for i in range(n)
    )


@pytest.fixture
def followed(submit, clerk, handler, no_approval):
    """An answered petition: its events so far, and the answer."""
    petition = services.petition_accept(petition=submit(), actor=clerk)
    petition = services.petition_start(petition=petition, actor=handler)
    services.petition_answer(petition=petition, actor=handler, text="Đã sửa xong đoạn đường.")
    petition.refresh_from_db()
    return petition


@pytest.mark.django_db
def test_the_tracking_page(followed, clerk, handler, chairman):
    url = f"/petitions/track/{followed.tracking_code}/"

    assert_same_queries(
        client_for(None), url, lambda: add_events(followed, 50, [clerk, handler, chairman])
    )


@pytest.mark.django_db
def test_the_staff_detail_page(followed, clerk, handler, chairman):
    url = f"/staff/petitions/{followed.pk}/"

    assert_same_queries(
        client_for(handler), url, lambda: add_events(followed, 50, [clerk, handler, chairman])
    )


@pytest.mark.django_db
def test_the_public_detail_page(followed, clerk, handler, chairman):
    url = f"/petitions/public/{followed.pk}/"

    assert_same_queries(
        client_for(None), url, lambda: add_events(followed, 50, [clerk, handler, chairman])
    )
