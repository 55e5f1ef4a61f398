"""The public figures page: per month of receipt, how many petitions came in, how many were answered,
how many on time, in how many days on average, how satisfied the citizens were."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import client_for
from thanthien.petitions import services
from thanthien.petitions.models import Petition, State


def month_start(months_back: int) -> dt.date:
    """The first day of the month ``months_back`` months before the current one."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def petition_on(submit):
    """A petition received at ``received`` (the 3rd of a month, 09:00) with the given deadline."""
    counter = iter(range(1000))

    def _petition_on(received: dt.datetime, deadline: dt.date, **overrides) -> Petition:
        n = next(counter)
        petition = submit(
            title=f"Kiến nghị số {n}",
            content=f"Nội dung kiến nghị số {n} về đường giao thông.",
            phone=f"0987 111 {n:03d}",
            **overrides,
        )
        Petition.objects.filter(pk=petition.pk).update(received_at=received, deadline=deadline)
        petition.refresh_from_db()
        return petition

    return _petition_on


@pytest.fixture
def answer(clerk, handler, no_approval):
    def _answer(petition: Petition, *, after_days: int, rating: int | None = None) -> Petition:
        petition = services.petition_accept(petition=petition, actor=clerk)
        petition = services.petition_start(petition=petition, actor=handler)
        services.petition_answer(petition=petition, actor=handler, text="Đã xử lý xong, cảm ơn.")
        Petition.objects.filter(pk=petition.pk).update(
            answered_at=petition.received_at + dt.timedelta(days=after_days)
        )
        petition.refresh_from_db()
        if rating:
            petition = services.petition_rate(petition=petition, rating=rating)
        return petition

    return _answer


@pytest.fixture
def known_set(petition_on, answer, units, handler, chairman):
    """Vân Du: three months ago two answered (on time in 2 days, late in 5), one still open past
    its deadline, one duplicate merged; last month one answered on time in 1 day and one open.
    Kim Tân: last month one answered on time in 3 days. Long ago: one more in Vân Du."""
    a, b = month_start(3), month_start(1)
    on_time = petition_on(at(a), a + dt.timedelta(days=10))
    duplicate = petition_on(at(a, 10), a + dt.timedelta(days=10))
    services.petition_merge(petition=duplicate, actor=handler, into=on_time)
    on_time = answer(on_time, after_days=2, rating=5)
    services.petition_rate(petition=Petition.objects.get(pk=duplicate.pk), rating=1)
    late = answer(petition_on(at(a, 11), a + dt.timedelta(days=1)), after_days=5, rating=2)
    petition_on(at(a, 12), a + dt.timedelta(days=10))  # open and overdue
    answer(petition_on(at(b), b + dt.timedelta(days=10)), after_days=1, rating=4)
    petition_on(at(b, 10), timezone.localdate() + dt.timedelta(days=5))  # open, not yet due
    kim_tan = petition_on(at(b, 11), b + dt.timedelta(days=10), unit=units["kim_tan"], village=None)
    Petition.objects.filter(pk=kim_tan.pk).update(  # no official of Kim Tân in the demo to answer
        state=State.ANSWERED, answered_at=at(b, 11) + dt.timedelta(days=3), rating=3
    )
    petition_on(at(month_start(14)), month_start(14) + dt.timedelta(days=10))
    merged = Petition.objects.get(pk=duplicate.pk)
    assert merged.state == State.MERGED and merged.answered_at is not None and merged.rating == 1
    assert late.answered_at.date() > late.deadline
    return {"a": a, "b": b}


def figures(unit) -> dict:
    response = client_for(None).get(f"/petitions/figures/?unit={unit.pk}")
    assert response.status_code == 200
    return response.context


def row(r: dict) -> dict:
    keys = ["month", "received", "answered", "on_time", "on_time_pct", "average_days"]
    keys += ["satisfaction", "rated", "overdue_open"]
    return {k: r[k] for k in keys}


@pytest.mark.django_db
def test_the_figures_of_a_commune_month_by_month(known_set, units):
    context = figures(units["van_du"])

    assert context["unit"] == units["van_du"]
    assert [row(r) for r in context["rows"]] == [
        {
            "month": known_set["a"],
            "received": 3,  # the merged duplicate is not counted a second time
            "answered": 2,
            "on_time": 1,
            "on_time_pct": 50,
            "average_days": 3.5,
            "satisfaction": 3.5,  # the duplicate's own rating is left out with it
            "rated": 2,
            "overdue_open": 1,
        },
        {
            "month": known_set["b"],
            "received": 2,
            "answered": 1,
            "on_time": 1,
            "on_time_pct": 100,
            "average_days": 1.0,
            "satisfaction": 4.0,
            "rated": 1,
            "overdue_open": 0,
        },
    ]
    assert context["totals"] == {
        "received": 5,
        "answered": 3,
        "on_time": 2,
        "overdue_open": 1,
        "on_time_pct": 67,
        "satisfaction": 3.7,
    }


@pytest.mark.django_db
def test_the_page_shows_the_totals(known_set, units):
    page = client_for(None).get(f"/petitions/figures/?unit={units['van_du'].pk}").content.decode()

    assert "67%" in page and "3.7" in page.replace(",", ".")
    assert known_set["a"].strftime("%m/%Y") in page


@pytest.mark.django_db
def test_the_figures_of_the_district_add_up_its_communes(known_set, units):
    context = figures(units["district"])

    assert [row(r) for r in context["rows"]][1] == {
        "month": known_set["b"],
        "received": 3,
        "answered": 2,
        "on_time": 2,
        "on_time_pct": 100,
        "average_days": 2.0,
        "satisfaction": 3.5,
        "rated": 2,
        "overdue_open": 0,
    }
    assert context["totals"] == {
        "received": 6,
        "answered": 4,
        "on_time": 3,
        "overdue_open": 1,
        "on_time_pct": 75,
        "satisfaction": 3.5,
    }
    assert figures(units["kim_tan"])["totals"]["received"] == 1
    assert figures(units["thach_binh"])["rows"] == []


@pytest.mark.django_db
def test_the_figures_cover_this_month_and_the_eleven_before(petition_on, units):
    petition_on(at(month_start(11)), month_start(11) + dt.timedelta(days=10))
    petition_on(at(month_start(12)), month_start(12) + dt.timedelta(days=10))

    rows = figures(units["van_du"])["rows"]

    assert [r["month"] for r in rows] == [month_start(11)]


@pytest.mark.django_db
def test_a_unit_without_petitions_shows_no_rows_and_no_percentages(units):
    context = figures(units["thach_binh"])

    assert context["rows"] == []
    assert context["totals"]["on_time_pct"] is None
    assert context["totals"]["satisfaction"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("unit", ["abc", "999999", "-1", "1.5", "1;drop"])
def test_a_bad_unit_is_not_found(unit):
    assert client_for(None).get(f"/petitions/figures/?unit={unit}").status_code == 404


@pytest.mark.django_db
def test_without_a_unit_the_page_shows_the_first_one(units):
    response = client_for(None).get("/petitions/figures/")

    assert response.status_code == 200
    assert response.context["unit"] is not None
