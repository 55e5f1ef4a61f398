"""Citizen reception: the schedule generated from regular days (days off skipped), the Art. 15
weekly minimum, bookings, the reception log (Form 03) with every action, the denouncer's identity
kept out of the log, print and exports, query counts, bad input, and who may do what."""

import datetime as dt
import io
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import client_for
from thanthien.core import permissions
from thanthien.core.models import AuditEvent, Body, CalendarDay, User
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions import reception
from thanthien.petitions.confidential import decrypt_bytes, identity_grant
from thanthien.petitions.models import (
    Channel,
    ConfidentialIdentity,
    Contact,
    Field,
    Kind,
    Petition,
    ReceptionBooking,
    ReceptionRule,
    ReceptionSession,
    ReceptionVisit,
    State,
)

D = dt.date
T = dt.time
THURSDAY = 3
DENOUNCER = "Người Tố Cáo QWZ"
DENOUNCER_ADDRESS = "Số 9 ngõ Bí Mật"
DENOUNCER_ID = "038099001234"
FORM03 = [
    "STT",
    "Ngày tiếp",
    "Họ và tên - Địa chỉ",
    "Số CCCD/Hộ chiếu",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Hướng xử lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
]
_serial = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def next_weekday(weekday: int, after: dt.date | None = None) -> dt.date:
    """The first ``weekday`` strictly after ``after`` (today) that is a working day."""
    from thanthien.core.workdays import is_working_day

    day = (after or today()) + dt.timedelta(days=1)
    while day.weekday() != weekday or not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def van_du(units):
    return units["van_du"]


@pytest.fixture
def land(db):
    return Field.objects.get(code="land")


@pytest.fixture
def add_rule(van_du, chairman):
    """A regular day of Vân Du, received by the chairman; keywords override the defaults."""

    def _add(**kw):
        data = {
            "unit": van_du,
            "actor": chairman,
            "weekday": THURSDAY,
            "start_time": T(7, 30),
            "end_time": T(11, 0),
            "place": "Phòng tiếp công dân UBND thị trấn",
            "host": chairman,
            "capacity": 10,
            "valid_from": today(),
        }
        data.update(kw)
        return reception.rule_create(**data)

    return _add


@pytest.fixture
def record(van_du, clerk, land):
    """Record a visit to Vân Du as the clerk; keywords override the defaults."""

    def _record(**kw):
        n = next(_serial)
        data = {
            "unit": van_du,
            "actor": clerk,
            "received_on": today(),
            "kind": Kind.FEEDBACK,
            "name": "Bùi Văn Nam",
            "address": "Khu phố 1, thị trấn Vân Du",
            "id_number": "038 085 001 234",
            "phone": "0987 111 222",
            "content": f"Đường khu phố 1 bị sụt lún sau mưa, đề nghị sửa chữa (lần {n}).",
            "action": ReceptionVisit.Action.ACCEPT,
            "field": land,
        }
        data.update(kw)
        return reception.visit_record(**data)[0]

    return _record


def denunciation_kwargs(**kw):
    data = {
        "kind": Kind.DENUNCIATION,
        "name": DENOUNCER,
        "address": DENOUNCER_ADDRESS,
        "id_number": DENOUNCER_ID,
        "phone": "0911 222 333",
        "content": "Cán bộ địa chính nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận cho các hộ.",
        "case": {"denounced": "Một cán bộ địa chính thị trấn"},
    }
    data.update(kw)
    return data


def dates(occurrences) -> list[dt.date]:
    return [o.date for o in occurrences]


# --- Schedule ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_weekly_day_skips_tet_and_public_holidays(add_rule, van_du):
    add_rule(weekday=THURSDAY, valid_from=D(2026, 1, 1))
    add_rule(weekday=2, valid_from=D(2026, 1, 1), start_time=T(14, 0), end_time=T(16, 30))

    tet = reception.unit_schedule(van_du, start=D(2026, 2, 9))
    assert D(2026, 2, 12) in dates(tet) and D(2026, 2, 26) in dates(tet)
    # Thursday 19 and Wednesday 18 February 2026 are Tết: no session.
    assert D(2026, 2, 19) not in dates(tet) and D(2026, 2, 18) not in dates(tet)

    september = reception.unit_schedule(van_du, start=D(2026, 8, 31))
    assert D(2026, 9, 2) not in dates(september)  # National Day, a Wednesday
    assert D(2026, 9, 3) in dates(september) and D(2026, 9, 9) in dates(september)


@pytest.mark.django_db
def test_a_saturday_morning_is_held_except_on_holidays(add_rule, van_du):
    add_rule(weekday=5, valid_from=D(2027, 1, 1))

    schedule = reception.unit_schedule(van_du, start=D(2027, 1, 25), weeks=15)

    assert D(2027, 1, 30) in dates(schedule) and D(2027, 2, 13) in dates(schedule)
    assert D(2027, 2, 6) not in dates(schedule)  # Tết
    assert D(2027, 5, 1) not in dates(schedule)  # Labour Day
    assert D(2027, 5, 8) in dates(schedule)


@pytest.mark.django_db
def test_an_announced_day_off_is_skipped(add_rule, van_du):
    add_rule(valid_from=D(2026, 1, 1))
    CalendarDay.objects.create(date=D(2026, 3, 12), kind=CalendarDay.Kind.DAY_OFF)

    schedule = reception.unit_schedule(van_du, start=D(2026, 3, 2))

    assert D(2026, 3, 5) in dates(schedule) and D(2026, 3, 19) in dates(schedule)
    assert D(2026, 3, 12) not in dates(schedule)


@pytest.mark.django_db
def test_the_schedule_covers_eight_weeks_in_order(add_rule, van_du):
    add_rule(valid_from=D(2026, 3, 1))
    add_rule(weekday=0, week_of_month=1, valid_from=D(2026, 3, 1), place="Nhà văn hóa khu phố 2")

    schedule = reception.unit_schedule(van_du, start=D(2026, 3, 2))

    thursdays = [o for o in schedule if o.date.weekday() == THURSDAY]
    first_mondays = [o for o in schedule if o.date.weekday() == 0]
    assert len(thursdays) == 8
    assert dates(first_mondays) == [D(2026, 3, 2), D(2026, 4, 6)]
    assert dates(schedule) == sorted(dates(schedule))
    assert max(dates(schedule)) < D(2026, 3, 2) + dt.timedelta(weeks=8)


@pytest.mark.django_db
def test_unscheduled_sessions_cancellations_and_ended_days(add_rule, van_du, clerk, chairman):
    rule = add_rule()
    first, second = next_weekday(THURSDAY), next_weekday(THURSDAY, next_weekday(THURSDAY))
    extra = reception.session_create(
        unit=van_du,
        actor=clerk,
        date=today() + dt.timedelta(days=3),
        start_time=T(8, 0),
        end_time=T(9, 30),
        place="Hội trường khu phố 3",
        host_name="Phạm Văn Phó",
        host_title="Phó Chủ tịch UBND",
    )
    reception.session_cancel(
        unit=van_du, actor=clerk, key=f"r{rule.pk}-{first:%Y%m%d}", reason="Chủ tịch đi họp huyện"
    )

    schedule = reception.unit_schedule(van_du)

    by_date = {o.date: o for o in schedule if o.regular}
    assert by_date[first].cancelled and by_date[first].cancel_reason == "Chủ tịch đi họp huyện"
    assert not by_date[second].cancelled
    unscheduled = [o for o in schedule if not o.regular]
    assert [o.session for o in unscheduled] == [extra]
    assert unscheduled[0].host_label == "Phạm Văn Phó"

    reception.rule_end(rule=rule, actor=chairman, last_day=first)
    after = reception.unit_schedule(van_du)
    assert [o.date for o in after if o.regular] == [first]  # the cancelled one, kept on record


@pytest.mark.django_db
def test_the_public_pages_show_the_schedule(add_rule, van_du, chairman):
    add_rule()
    client = client_for(None)

    page = client.get(f"/reception/{van_du.pk}/")
    listing = client.get("/reception/")

    assert page.status_code == 200
    assert chairman.display_name in page.content.decode()
    assert f"{next_weekday(THURSDAY):%d/%m/%Y}" in page.content.decode()
    assert listing.status_code == 200 and van_du.name in listing.content.decode()


# --- The weekly minimum (Art. 15) -----------------------------------------------------------


@pytest.mark.django_db
def test_a_unit_without_a_weekly_leader_day_is_warned(add_rule, van_du, chairman):
    client = client_for(chairman)
    url = f"/staff/reception/{van_du.pk}/"
    assert not reception.schedule_check(van_du).ok
    assert 'id="schedule-warning"' in client.get(url).content.decode()

    add_rule(weekday=0, week_of_month=1)  # once a month is not once a week
    add_rule(weekday=1, host=None, host_name="Nguyễn Công Chức", is_leader=False)
    assert not reception.schedule_check(van_du).ok
    assert 'id="schedule-warning"' in client.get(url).content.decode()

    add_rule(weekday=THURSDAY)
    check = reception.schedule_check(van_du)
    assert check.ok and check.leader_days == 1
    assert 'id="schedule-warning"' not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_named_official_who_is_a_leader_counts(add_rule, van_du):
    add_rule(host=None, host_name="Phạm Văn Phó", host_title="Phó Chủ tịch UBND", is_leader=True)

    assert reception.schedule_check(van_du).ok


@pytest.mark.django_db
def test_an_ended_day_no_longer_counts(add_rule, van_du, chairman):
    rule = add_rule(valid_from=today() - dt.timedelta(days=30))
    reception.rule_end(rule=rule, actor=chairman)

    assert not reception.schedule_check(van_du).ok


# --- Booking ------------------------------------------------------------------------------------


def booking_key(rule, day=None) -> str:
    return f"r{rule.pk}-{(day or next_weekday(THURSDAY)):%Y%m%d}"


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

    first, created = reception.booking_create(phone="0912 000 001", **kwargs)
    second, created_again = reception.booking_create(phone="+84912000001", **kwargs)

    assert created and not created_again and first == second
    assert ReceptionSession.objects.get().booked == 1


@pytest.mark.django_db
def test_a_full_session_takes_no_more_bookings(add_rule, van_du):
    rule = add_rule(capacity=2)
    kwargs = {"unit": van_du, "key": booking_key(rule), "subject": "Hỏi về chế độ chính sách."}
    reception.booking_create(phone="0912000001", **kwargs)
    reception.booking_create(phone="0912000002", **kwargs)

    with pytest.raises(ValidationError) as error:
        reception.booking_create(phone="0912000003", **kwargs)

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
    reception.session_cancel(unit=van_du, actor=clerk, key=key, reason="Chủ tịch đi công tác")
    kwargs = {"unit": van_du, "phone": "0912000001", "subject": "Hỏi về chế độ chính sách."}

    for bad_key in (key, booking_key(walk_in, next_weekday(1)), "r999-20990101", "nonsense"):
        with pytest.raises(ValidationError):
            reception.booking_create(key=bad_key, **kwargs)

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


# --- Recording visits ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Kind.FEEDBACK, Kind.RECOMMENDATION])
def test_accepting_feedback_files_a_petition_from_reception(record, clerk, kind):
    visit = record(kind=kind)

    petition = visit.petition
    assert petition.kind == kind and petition.channel == Channel.RECEPTION
    assert petition.entered_by == clerk and petition.state == State.RECEIVED
    contact = Contact.objects.get(petition=petition)
    assert (contact.name, contact.phone) == ("Bùi Văn Nam", "0987111222")
    assert contact.address == "Khu phố 1, thị trấn Vân Du"
    assert visit.name == "Bùi Văn Nam" and visit.id_number == "038085001234"


@pytest.mark.django_db
def test_accepting_a_complaint_files_a_complaint(record):
    visit = record(
        kind=Kind.COMPLAINT,
        case={
            "act_complained_of": "Quyết định số 12/QĐ-UBND về thu hồi đất",
            "respondent": "Chủ tịch UBND thị trấn Vân Du",
            "learned_on": today() - dt.timedelta(days=10),
        },
    )

    petition = visit.petition
    assert petition.kind == Kind.COMPLAINT and petition.channel == Channel.RECEPTION
    assert petition.complaint.respondent == "Chủ tịch UBND thị trấn Vân Du"


@pytest.mark.django_db
def test_a_denunciation_keeps_the_identity_out_of_the_log_and_the_contact(record, clerk):
    visit = record(**denunciation_kwargs())

    petition = visit.petition
    assert petition.kind == Kind.DENUNCIATION and petition.channel == Channel.RECEPTION
    stored = ReceptionVisit.objects.filter(pk=visit.pk).values().get()
    for name, value in stored.items():
        text = (
            bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
        )
        for secret in (DENOUNCER, "Tố Cáo", DENOUNCER_ADDRESS, DENOUNCER_ID, "0911222333"):
            assert secret not in text, name
    contact = Contact.objects.get(petition=petition)
    assert (contact.name, contact.phone, contact.email, contact.address) == ("", "", "", "")
    assert DENOUNCER in decrypt_bytes(visit.identity_token).decode("utf-8")
    assert ConfidentialIdentity.objects.filter(petition=petition).exists()
    assert reception.visit_identity(visit, clerk).hidden


@pytest.mark.django_db
def test_only_those_who_may_see_the_denouncer_see_them_in_the_log(
    record, van_du, clerk, handler, chairman
):
    visit = record(**denunciation_kwargs())
    denunciation_services.denunciation_accept(
        petition=visit.petition, actor=handler
    )  # handler assigned
    url = f"/staff/reception/{van_du.pk}/log/{visit.pk}/"

    hidden = client_for(clerk).get(url).content.decode()
    shown = client_for(handler).get(url).content.decode()

    assert DENOUNCER not in hidden and reception.REDACTED in hidden
    assert DENOUNCER in shown and DENOUNCER_ID in shown
    identity_grant(petition=visit.petition, leader=chairman, user=clerk)
    assert DENOUNCER in client_for(clerk).get(url).content.decode()
    # The list, the print and every export never carry it, whoever asks.
    for path in ("log/", "log/print/"):
        page = client_for(handler).get(f"/staff/reception/{van_du.pk}/{path}").content.decode()
        assert DENOUNCER not in page and reception.REDACTED in page
    xlsx = client_for(handler).get(f"/staff/reception/{van_du.pk}/log/export.xlsx").content
    cells = [c.value for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    assert DENOUNCER not in " ".join(str(c) for c in cells)
    assert reception.REDACTED in cells


@pytest.mark.django_db
def test_a_denunciation_from_a_booking_deletes_the_booking(add_rule, record, van_du):
    rule = add_rule()
    booking, _ = reception.booking_create(
        unit=van_du,
        key=booking_key(rule),
        phone="0911 222 333",
        name=DENOUNCER,
        subject="Tố cáo cán bộ địa chính nhận tiền.",
    )

    visit = record(
        booking=booking,
        action=ReceptionVisit.Action.RETURN,
        guidance="Hướng dẫn gửi đơn",
        **denunciation_kwargs(),
    )

    assert not ReceptionBooking.objects.filter(pk=booking.pk).exists()
    assert visit.booking is None and visit.session == booking.session
    assert visit.petition is None and visit.name == ""
    assert not AuditEvent.objects.filter(data__icontains=booking.code).exists()


@pytest.mark.django_db
def test_return_with_guidance_and_forward_file_no_petition(record, van_du, units):
    district_committee = Body.objects.get(unit=units["district"], kind=Body.Kind.PEOPLES_COMMITTEE)
    returned = record(
        action=ReceptionVisit.Action.RETURN,
        guidance="Hướng dẫn công dân gửi đơn đến Tòa án nhân dân huyện.",
    )
    forwarded = record(action=ReceptionVisit.Action.FORWARD, forward_body=district_committee)
    outside = record(action=ReceptionVisit.Action.FORWARD, forward_to="Công an huyện Thạch Thành")

    assert Petition.objects.count() == 0
    assert returned.guidance.startswith("Hướng dẫn") and returned.petition is None
    assert reception.direction(forwarded) == (
        2,
        f"Chuyển đơn đến cơ quan có thẩm quyền: {district_committee.name}",
    )
    assert outside.forward_to == "Công an huyện Thạch Thành"


@pytest.mark.django_db
@pytest.mark.parametrize("reason", reception.ReceptionVisit.RefusalReason.values)
def test_refusal_for_a_reason_of_article_9(record, reason):
    visit = record(
        action=ReceptionVisit.Action.REFUSE,
        refusal_reason=reason,
        refusal_note="Công dân say rượu, la hét tại phòng tiếp.",
        refusal_notice="Thông báo số 05/TB-UBND ngày 02/03/2026",
    )

    assert visit.refusal_reason == reason and visit.petition is None
    assert reception.direction(visit)[0] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"refusal_reason": "busy"},
        {"refusal_reason": ""},
        {"refusal_reason": "incapacitated", "refusal_note": ""},
        {"refusal_reason": "resolved", "refusal_notice": ""},
    ],
)
def test_refusal_only_for_the_reasons_of_article_9(record, bad):
    data = {
        "action": ReceptionVisit.Action.REFUSE,
        "refusal_note": "Công dân đã được trả lời nhiều lần.",
        "refusal_notice": "",
    }
    data.update(bad)

    with pytest.raises(ValidationError):
        record(**data)

    assert ReceptionVisit.objects.count() == 0


@pytest.mark.django_db
def test_numbers_run_per_unit_and_year(record, units, other_official, land):
    a, b = record(), record(action=ReceptionVisit.Action.RETURN, guidance="Hướng dẫn gửi đơn")
    last_year = record(
        received_on=D(today().year - 1, 12, 15), action="return", guidance="Hướng dẫn"
    )
    other = reception.visit_record(
        unit=units["thach_binh"],
        actor=other_official,
        received_on=today(),
        kind=Kind.FEEDBACK,
        name="Lò Văn Sáu",
        content="Đề nghị sửa đường vào thôn 3 bị sạt lở.",
        action="return",
        guidance="Hướng dẫn gửi đơn",
    )[0]

    assert (a.number, b.number, a.year) == (1, 2, today().year)
    assert (last_year.number, last_year.year) == (1, today().year - 1)
    assert other.number == 1


@pytest.mark.django_db
def test_two_officials_saving_at_once_get_consecutive_numbers(record, monkeypatch):
    record()
    real, calls = QuerySet.aggregate, []

    def stale(self, *args, **kwargs):
        # The first reading misses the row another official has just saved.
        calls.append(1)
        return {"n": None} if len(calls) == 1 else real(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "aggregate", stale)
    visit = record(action="return", guidance="Hướng dẫn gửi đơn")

    assert visit.number == 2 and len(calls) == 2
    assert ReceptionVisit.objects.count() == 2


@pytest.mark.django_db
def test_a_visit_sent_twice_is_recorded_once(record):
    first = record(submission_key="v" * 32)
    second = record(submission_key="v" * 32)

    assert first == second
    assert ReceptionVisit.objects.count() == 1 and Petition.objects.count() == 1


@pytest.mark.django_db
def test_the_follow_up_is_recorded(record, van_du, clerk):
    visit = record()

    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/{visit.pk}/",
        {"follow_up": "Đã trả lời ngày 05/12", "notes": "Công dân hài lòng"},
    )

    visit.refresh_from_db()
    assert response.status_code == 302
    assert (visit.follow_up, visit.notes) == ("Đã trả lời ngày 05/12", "Công dân hài lòng")


# --- The visit form through HTTP, and bad input on it -----------------------------------------


def visit_post(land, **kw) -> dict:
    data = {
        "received_on": today().isoformat(),
        "kind": Kind.FEEDBACK,
        "people_count": "1",
        "name": "Bùi Văn Nam",
        "address": "Khu phố 1",
        "id_number": "038085001234",
        "phone": "0987111222",
        "content": "Đường khu phố 1 bị sụt lún sau mưa, đề nghị sửa chữa.",
        "action": "accept",
        "field": str(land.pk),
    }
    data.update(kw)
    return data


@pytest.mark.django_db
def test_an_official_records_a_group_visit_through_the_form(van_du, clerk, land):
    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/new/", visit_post(land, people_count="12")
    )

    visit = ReceptionVisit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/reception/{van_du.pk}/log/{visit.pk}/"
    assert visit.people_count == 12 and visit.petition.channel == Channel.RECEPTION


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"name": ""},
        {"content": "ngắn"},
        {"received_on": "2099-01-01"},
        {"received_on": "hôm qua"},
        {"kind": "gossip"},
        {"people_count": "0"},
        {"id_number": "12AB"},
        {"phone": "123"},
        {"action": "ignore"},
        {"field": ""},  # accept needs the field
        {"phone": ""},  # feedback needs a way to answer: the petition service says so
        {"kind": "complaint"},  # a complaint needs the act, the respondent, the date
        {"kind": "denunciation"},  # a denunciation needs the person denounced
        {"action": "return", "guidance": ""},
        {"action": "forward"},
        {"action": "refuse", "refusal_reason": "busy", "refusal_note": "Bận họp"},
    ],
)
def test_bad_visit_input_says_why_and_saves_nothing(van_du, clerk, land, bad):
    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/new/", visit_post(land, **bad)
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert ReceptionVisit.objects.count() == 0 and Petition.objects.count() == 0


@pytest.mark.django_db
def test_bad_follow_up_input_saves_nothing(record, van_du, clerk):
    visit = record()

    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/{visit.pk}/", {"follow_up": "x" * 2001, "notes": ""}
    )

    visit.refresh_from_db()
    assert response.status_code == 400 and response.context["form"].errors
    assert visit.follow_up == ""


@pytest.mark.django_db
def test_a_visit_is_recorded_from_a_booking(add_rule, van_du, clerk, land):
    rule = add_rule()
    booking, _ = reception.booking_create(
        unit=van_du,
        key=booking_key(rule),
        phone="0912000001",
        name="Đỗ Thị K",
        subject="Đề nghị sửa đèn đường khu phố 2 bị hỏng.",
    )
    url = f"/staff/reception/{van_du.pk}/log/new/?booking={booking.code}"
    form = client_for(clerk).get(url)
    assert form.status_code == 200 and "Đỗ Thị K" in form.content.decode()

    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/new/",
        visit_post(
            land,
            booking=booking.code,
            name="Đỗ Thị K",
            phone="0912000001",
            content="Đề nghị sửa đèn đường khu phố 2 bị hỏng.",
        ),
    )

    assert response.status_code == 302
    assert ReceptionVisit.objects.get().booking == booking


# --- Schedule forms: bad input ------------------------------------------------------------------


def rule_post(**kw) -> dict:
    data = {
        "weekday": "3",
        "week_of_month": "",
        "start_time": "07:30",
        "end_time": "11:00",
        "place": "Phòng tiếp công dân",
        "host": "",
        "host_name": "",
        "host_title": "",
        "capacity": "10",
        "valid_from": today().isoformat(),
        "valid_to": "",
    }
    data.update(kw)
    return data


@pytest.mark.django_db
def test_a_leader_adds_a_regular_day(van_du, chairman):
    response = client_for(chairman).post(
        f"/staff/reception/{van_du.pk}/rules/", rule_post(host=str(chairman.pk))
    )

    rule = ReceptionRule.objects.get()
    assert response.status_code == 302
    assert rule.host == chairman and rule.is_leader and rule.host_title == "Chủ tịch UBND thị trấn"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"host": ""},  # nobody receives
        {"host": "{clerk}"},  # not a leader
        {"host": "{chairman}", "host_name": "Ai đó"},  # both
        {"weekday": "6", "host": "{chairman}"},
        {"start_time": "11:00", "end_time": "07:30", "host": "{chairman}"},
        {"start_time": "25:00", "host": "{chairman}"},
        {"place": "", "host": "{chairman}"},
        {"capacity": "-1", "host": "{chairman}"},
        {"capacity": "1000", "host": "{chairman}"},
        {"valid_to": "2000-01-01", "host": "{chairman}"},
    ],
)
def test_a_bad_regular_day_says_why_and_saves_nothing(van_du, chairman, clerk, bad):
    data = rule_post(**{k: v.format(clerk=clerk.pk, chairman=chairman.pk) for k, v in bad.items()})

    response = client_for(chairman).post(f"/staff/reception/{van_du.pk}/rules/", data)

    assert response.status_code == 400
    assert response.context["rule_form"].errors
    assert ReceptionRule.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"date": ""},
        {"date": "2000-01-01"},
        {"end_time": "07:00"},
        {"host_name": ""},
        {"capacity": "abc"},
    ],
)
def test_a_bad_unscheduled_session_says_why_and_saves_nothing(van_du, clerk, bad):
    data = {
        "date": (today() + dt.timedelta(days=2)).isoformat(),
        "start_time": "08:00",
        "end_time": "10:00",
        "place": "Hội trường khu phố 3",
        "host_name": "Phạm Văn Phó",
        "capacity": "5",
    }
    data.update(bad)

    response = client_for(clerk).post(f"/staff/reception/{van_du.pk}/sessions/", data)

    assert response.status_code == 400
    assert response.context["session_form"].errors
    assert ReceptionSession.objects.count() == 0


@pytest.mark.django_db
def test_a_cancellation_needs_a_reason(add_rule, van_du, clerk):
    rule = add_rule()
    url = f"/staff/reception/{van_du.pk}/sessions/{booking_key(rule)}/cancel/"

    response = client_for(clerk).post(url, {"reason": ""})
    short = client_for(clerk).post(url, {"reason": "ốm"})
    done = client_for(clerk).post(url, {"reason": "Chủ tịch đi họp tỉnh"})

    assert response.status_code == 400 and short.status_code == 400
    assert done.status_code == 302
    assert ReceptionSession.objects.get().is_cancelled


@pytest.mark.django_db
def test_a_bad_period_is_refused(van_du, clerk):
    response = client_for(clerk).get(
        f"/staff/reception/{van_du.pk}/log/?since=2026-05-01&until=2026-01-01"
    )

    assert response.status_code == 400 and response.context["period"].errors


# --- Print and exports --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_log_exports_in_the_layout_of_form_03(record, van_du, clerk, units):
    record(name="Bùi Văn Nam", people_count=3)
    record(action="forward", forward_to="Công an huyện Thạch Thành", name="Lê Thị Hoa")
    record(**denunciation_kwargs(action="return", guidance="Hướng dẫn gửi đơn tố cáo"))
    client = client_for(clerk)
    base = f"/staff/reception/{van_du.pk}/log/"

    xlsx = client.get(f"{base}export.xlsx")
    docx = client.get(f"{base}export.docx")
    pdf = client.get(f"{base}export.pdf")
    printed = client.get(f"{base}print/")

    assert xlsx.status_code == docx.status_code == pdf.status_code == printed.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == FORM03
    assert reception.FORM03_HEADER == FORM03
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert rows[1][2] == "Bùi Văn Nam - Khu phố 1, thị trấn Vân Du"
    assert rows[1][5] == "Phản ánh/3" and rows[1][7].startswith("Thụ lý giải quyết")
    assert rows[2][7] == "Chuyển đơn đến cơ quan có thẩm quyền: Công an huyện Thạch Thành"
    assert rows[3][2] == rows[3][3] == reception.REDACTED
    assert docx.content.startswith(b"PK") and pdf.content.startswith(b"%PDF")
    text = printed.content.decode()
    for heading in [*FORM03, *reception.FORM03_DIRECTIONS]:
        assert heading in text
    assert "size: A4 landscape" in text


@pytest.mark.django_db
def test_the_export_covers_the_chosen_period(record, van_du, clerk):
    record(received_on=today() - dt.timedelta(days=40))
    record()

    xlsx = client_for(clerk).get(
        f"/staff/reception/{van_du.pk}/log/export.xlsx?since={today():%Y-%m-%d}"
    )

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert client_for(clerk).get(f"/staff/reception/{van_du.pk}/log/export.csv").status_code == 404


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


# --- Who may do what ----------------------------------------------------------------------------

PERSONAS = {
    "vandu.vanthu": {"reception.record", "reception.sessions"},
    "vandu.diachinh": {"reception.record", "reception.sessions"},
    "vandu.chutich": {"reception.record", "reception.sessions", "reception.schedule"},
    "vandu.mttq": set(),
    "huyen.bandanvan": set(),
    "huyen.quantri": {"reception.schedule"},
    "thachbinh.canbo": set(),
    "0912000001": set(),
}
ACTIONS = ["reception.record", "reception.sessions", "reception.schedule"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_matrix(username, van_du):
    user = User.objects.get(username=username)
    for action in ACTIONS:
        expected = action in PERSONAS[username]
        assert permissions.can(user, action, van_du) is expected, (username, action)
        assert permissions.can(AnonymousUser(), action, van_du) is False


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_matrix_through_the_pages(username, van_du, add_rule, record, land):
    rule = add_rule()
    visit = record()
    user = User.objects.get(username=username)
    allowed = PERSONAS[username]
    client = client_for(user)
    base = f"/staff/reception/{van_du.pk}/"
    key = booking_key(rule)

    def status(url, data=None):
        return (client.post(url, data) if data is not None else client.get(url)).status_code

    log_pages = ["log/", f"log/{visit.pk}/", "log/new/", "log/print/", "log/export.xlsx"]
    for page in log_pages:
        assert (status(base + page) == 200) is ("reception.record" in allowed), page
        if "reception.record" not in allowed:
            assert status(base + page) == 404, page
    assert (status(base) == 200) is bool(allowed)
    assert (status(f"{base}sessions/{key}/") == 200) is bool(
        allowed & {"reception.record", "reception.sessions"}
    )
    rules = ReceptionRule.objects.count()
    response = status(f"{base}rules/", rule_post(weekday="1", host_name="Phạm Văn Phó"))
    assert (response == 302) is ("reception.schedule" in allowed)
    assert ReceptionRule.objects.count() == rules + ("reception.schedule" in allowed)
    response = status(f"{base}sessions/{key}/cancel/", {"reason": "Chủ tịch đi họp tỉnh"})
    assert (response == 302) is ("reception.sessions" in allowed)
    # Anyone sees the public schedule.
    assert status(f"/reception/{van_du.pk}/") == 200


@pytest.mark.django_db
def test_the_log_is_never_public(van_du, record):
    visit = record()
    client = client_for(None)

    for page in ["", "log/", f"log/{visit.pk}/", "log/print/", "log/export.xlsx"]:
        response = client.get(f"/staff/reception/{van_du.pk}/{page}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_an_official_of_another_commune_gets_404(record, units, other_official, van_du):
    visit = record()
    client = client_for(other_official)

    assert client.get(f"/staff/reception/{units['thach_binh'].pk}/log/").status_code == 200
    assert client.get(f"/staff/reception/{van_du.pk}/log/{visit.pk}/").status_code == 404
    assert (
        client.get(f"/staff/reception/{units['thach_binh'].pk}/log/{visit.pk}/").status_code == 404
    )


@pytest.mark.django_db
def test_services_refuse_who_may_not(van_du, clerk, mttq_officer, land):
    with pytest.raises(PermissionDenied):
        reception.rule_create(
            unit=van_du,
            actor=clerk,
            weekday=THURSDAY,
            start_time=T(8),
            end_time=T(11),
            place="Phòng tiếp công dân",
            host_name="Phạm Văn Phó",
        )
    with pytest.raises(PermissionDenied):
        reception.visit_record(
            unit=van_du,
            actor=mttq_officer,
            received_on=today(),
            kind=Kind.FEEDBACK,
            name="Bùi Văn Nam",
            content="Đường khu phố 1 bị sụt lún.",
            action="return",
            guidance="Hướng dẫn",
        )
    assert ReceptionRule.objects.count() == ReceptionVisit.objects.count() == 0
