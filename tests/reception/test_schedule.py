"""The reception schedule: generated from the regular days (Tết, public holidays and announced days
off skipped), unscheduled sessions and cancellations, the Art. 15 weekly minimum, and the schedule
forms with bad input."""

import datetime as dt

import pytest

from tests.conftest import client_for
from tests.reception.conftest import THURSDAY, D, T, booking_key, next_weekday, rule_post, today
from thanthien.core.models import CalendarDay
from thanthien.petitions.models import ReceptionRule, ReceptionSession
from thanthien.reception import selectors, services


def dates(occurrences) -> list[dt.date]:
    return [o.date for o in occurrences]


# --- Schedule ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_weekly_day_skips_tet_and_public_holidays(add_rule, van_du):
    add_rule(weekday=THURSDAY, valid_from=D(2026, 1, 1))
    add_rule(weekday=2, valid_from=D(2026, 1, 1), start_time=T(14, 0), end_time=T(16, 30))

    tet = selectors.unit_schedule(van_du, start=D(2026, 2, 9))
    assert D(2026, 2, 12) in dates(tet) and D(2026, 2, 26) in dates(tet)
    # Thursday 19 and Wednesday 18 February 2026 are Tết: no session.
    assert D(2026, 2, 19) not in dates(tet) and D(2026, 2, 18) not in dates(tet)

    september = selectors.unit_schedule(van_du, start=D(2026, 8, 31))
    assert D(2026, 9, 2) not in dates(september)  # National Day, a Wednesday
    assert D(2026, 9, 3) in dates(september) and D(2026, 9, 9) in dates(september)


@pytest.mark.django_db
def test_a_saturday_morning_is_held_except_on_holidays(add_rule, van_du):
    add_rule(weekday=5, valid_from=D(2027, 1, 1))

    schedule = selectors.unit_schedule(van_du, start=D(2027, 1, 25), weeks=15)

    assert D(2027, 1, 30) in dates(schedule) and D(2027, 2, 13) in dates(schedule)
    assert D(2027, 2, 6) not in dates(schedule)  # Tết
    assert D(2027, 5, 1) not in dates(schedule)  # Labour Day
    assert D(2027, 5, 8) in dates(schedule)


@pytest.mark.django_db
def test_an_announced_day_off_is_skipped(add_rule, van_du):
    add_rule(valid_from=D(2026, 1, 1))
    CalendarDay.objects.create(date=D(2026, 3, 12), kind=CalendarDay.Kind.DAY_OFF)

    schedule = selectors.unit_schedule(van_du, start=D(2026, 3, 2))

    assert D(2026, 3, 5) in dates(schedule) and D(2026, 3, 19) in dates(schedule)
    assert D(2026, 3, 12) not in dates(schedule)


@pytest.mark.django_db
def test_the_schedule_covers_eight_weeks_in_order(add_rule, van_du):
    add_rule(valid_from=D(2026, 3, 1))
    add_rule(weekday=0, week_of_month=1, valid_from=D(2026, 3, 1), place="Nhà văn hóa khu phố 2")

    schedule = selectors.unit_schedule(van_du, start=D(2026, 3, 2))

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
    extra = services.session_create(
        unit=van_du,
        actor=clerk,
        date=today() + dt.timedelta(days=3),
        start_time=T(8, 0),
        end_time=T(9, 30),
        place="Hội trường khu phố 3",
        host_name="Phạm Văn Phó",
        host_title="Phó Chủ tịch UBND",
    )
    services.session_cancel(
        unit=van_du, actor=clerk, key=f"r{rule.pk}-{first:%Y%m%d}", reason="Chủ tịch đi họp huyện"
    )

    schedule = selectors.unit_schedule(van_du)

    by_date = {o.date: o for o in schedule if o.regular}
    assert by_date[first].cancelled and by_date[first].cancel_reason == "Chủ tịch đi họp huyện"
    assert not by_date[second].cancelled
    unscheduled = [o for o in schedule if not o.regular]
    assert [o.session for o in unscheduled] == [extra]
    assert unscheduled[0].host_label == "Phạm Văn Phó"

    services.rule_end(rule=rule, actor=chairman, last_day=first)
    after = selectors.unit_schedule(van_du)
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
    assert not selectors.schedule_check(van_du).ok
    assert 'id="schedule-warning"' in client.get(url).content.decode()

    add_rule(weekday=0, week_of_month=1)  # once a month is not once a week
    add_rule(weekday=1, host=None, host_name="Nguyễn Công Chức", is_leader=False)
    assert not selectors.schedule_check(van_du).ok
    assert 'id="schedule-warning"' in client.get(url).content.decode()

    add_rule(weekday=THURSDAY)
    check = selectors.schedule_check(van_du)
    assert check.ok and check.leader_days == 1
    assert 'id="schedule-warning"' not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_named_official_who_is_a_leader_counts(add_rule, van_du):
    add_rule(host=None, host_name="Phạm Văn Phó", host_title="Phó Chủ tịch UBND", is_leader=True)

    assert selectors.schedule_check(van_du).ok


@pytest.mark.django_db
def test_an_ended_day_no_longer_counts(add_rule, van_du, chairman):
    rule = add_rule(valid_from=today() - dt.timedelta(days=30))
    services.rule_end(rule=rule, actor=chairman)

    assert not selectors.schedule_check(van_du).ok


# --- Schedule forms: bad input ------------------------------------------------------------------


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
