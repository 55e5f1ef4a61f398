"""Booking a place in a reception session: no account needed, once per phone, never beyond the
session's capacity, and never in a cancelled, past or walk-in-only session."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import client_for
from tests.reception.conftest import booking_key, next_weekday
from thanthien.petitions.models import ReceptionBooking, ReceptionSession
from thanthien.reception import services

# --- Booking ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_citizen_books_without_an_account_and_sees_the_code(add_rule, van_du):
    rule = add_rule()
    client = client_for(None)
    url = f"/reception/{van_du.pk}/book/{booking_key(rule)}/"
    data = {
        "name": "Đỗ Thị K",
        "phone": "0912 000 001",
        "subject": "Hỏi về việc cấp giấy chứng nhận quyền sử dụng đất.",
        "submission_key": "k" * 32,
    }

    assert client.get(url).status_code == 200
    response = client.post(url, data)
    again = client.post(url, data)

    booking = ReceptionBooking.objects.get()
    assert response.status_code == 302 and again.status_code == 302
    assert response["Location"] == again["Location"] == f"/reception/booking/{booking.code}/"
    shown = client.get(response["Location"]).content.decode()
    assert booking.code in shown and "0912000001" not in shown
    assert booking.phone == "0912000001" and booking.session.rule == rule
    assert booking.session.booked == 1


@pytest.mark.django_db
def test_the_same_phone_books_a_session_once(add_rule, van_du):
    rule = add_rule()
    kwargs = {"unit": van_du, "key": booking_key(rule), "subject": "Hỏi về chế độ chính sách."}

    first, created = services.booking_create(phone="0912 000 001", **kwargs)
    second, created_again = services.booking_create(phone="+84912000001", **kwargs)

    assert created and not created_again and first == second
    assert ReceptionSession.objects.get().booked == 1


@pytest.mark.django_db
def test_a_full_session_takes_no_more_bookings(add_rule, van_du):
    rule = add_rule(capacity=2)
    kwargs = {"unit": van_du, "key": booking_key(rule), "subject": "Hỏi về chế độ chính sách."}
    services.booking_create(phone="0912000001", **kwargs)
    services.booking_create(phone="0912000002", **kwargs)

    with pytest.raises(ValidationError) as error:
        services.booking_create(phone="0912000003", **kwargs)

    assert "session" in error.value.message_dict
    assert ReceptionBooking.objects.count() == 2
    assert ReceptionSession.objects.get().booked == 2
    page = client_for(None).get(f"/reception/{van_du.pk}/").content.decode()
    assert booking_key(rule) not in page  # no booking link left for it


@pytest.mark.django_db
def test_cancelled_past_and_walk_in_only_sessions_take_no_booking(add_rule, van_du, clerk):
    rule = add_rule()
    walk_in = add_rule(weekday=1, capacity=0)
    key = booking_key(rule)
    services.session_cancel(unit=van_du, actor=clerk, key=key, reason="Chủ tịch đi công tác")
    kwargs = {"unit": van_du, "phone": "0912000001", "subject": "Hỏi về chế độ chính sách."}

    for bad_key in (key, booking_key(walk_in, next_weekday(1)), "r999-20990101", "nonsense"):
        with pytest.raises(ValidationError):
            services.booking_create(key=bad_key, **kwargs)

    assert ReceptionBooking.objects.count() == 0
    assert client_for(None).get(f"/reception/{van_du.pk}/book/nonsense/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"phone": "12345"},
        {"phone": ""},
        {"subject": "ngắn"},
        {"subject": "x" * 1001},
        {"name": "x" * 151},
    ],
)
def test_a_bad_booking_says_why_and_saves_nothing(add_rule, van_du, bad):
    rule = add_rule()
    data = {"phone": "0912000001", "subject": "Hỏi về chế độ chính sách.", "name": ""}
    data.update(bad)

    response = client_for(None).post(f"/reception/{van_du.pk}/book/{booking_key(rule)}/", data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert ReceptionBooking.objects.count() == 0 and ReceptionSession.objects.count() == 0
