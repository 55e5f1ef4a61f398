"""The public functions other apps call, and the figures."""

import datetime as dt

from thanthien.core.figures import figure_map, providers
from thanthien.demo import meetings as demo_meetings
from thanthien.meetings.models import Meeting
from thanthien.meetings.selectors import attendance_summary, meetings_for


def test_meetings_for_a_unit_and_period(db, units):
    demo_meetings.load()
    district, van_du = units["district"], units["van_du"]
    year = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert [m.kind for m in meetings_for(district, *year)] == [
        "launch",
        "training",
        "dialogue",
        "dialogue",
    ]
    assert [m.kind for m in meetings_for(van_du, *year, kinds=["launch", "training"])] == [
        "launch",
        "training",
    ]
    assert not meetings_for(units["thach_binh"], *year).exists()
    assert not meetings_for(van_du, dt.date(2024, 1, 1), dt.date(2024, 12, 31)).exists()
    training = Meeting.objects.get(kind="training")
    assert attendance_summary(training) == {"registered": 8, "attended": 7, "trained": 7}
    launch = Meeting.objects.get(kind="launch")
    assert attendance_summary(launch) == {"registered": 6, "attended": 5, "trained": 0}


def test_figures(db, units):
    demo_meetings.load()
    assert "meetings" in providers()
    figures = figure_map(units["district"], dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert figures["meetings.dialogues_held"].value == 2
    assert figures["meetings.people_trained"].value == 7
    kept = figures["meetings.commitments_kept"]
    # Due in 2023: June's four and November's "by 15/12/2023"; kept on time: the road (done
    # 20/9, due 30/9) and the extra notary (done 1/12, due 15/12); the land-file list was kept
    # after its date, the street lights not kept, the market rubbish still open.
    assert (kept.numerator, kept.denominator) == (2, 5)
    assert kept.rate == 40.0
    # June's minutes were published within 10 days; November's are not published.
    assert (
        figures["meetings.minutes_on_time"].numerator,
        figures["meetings.minutes_on_time"].denominator,
    ) == (1, 2)
    empty = figure_map(units["thach_binh"], dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert empty["meetings.commitments_kept"].rate is None


def test_fulfilment_by_year_on_the_public_page(client, units):
    from thanthien.meetings.selectors import fulfilment_by_year

    demo_meetings.load()
    years = fulfilment_by_year(units["van_du"])
    assert [(y["year"], y["kept"], y["due"]) for y in years] == [(2024, 0, 2), (2023, 2, 5)]
    page = client.get(f"/meetings/commitments/unit/{units['van_du'].pk}/").content.decode()
    assert "40,0%" in page or "40.0%" in page


def test_a_reception_session_becomes_a_meeting_once(clerk, units):
    import datetime as dt

    from django.utils import timezone

    from thanthien.meetings import services
    from thanthien.meetings.selectors import meeting_url
    from thanthien.reception.services import session_create

    day = timezone.localdate() + dt.timedelta(days=14)
    session = session_create(
        unit=units["van_du"],
        actor=clerk,
        date=day,
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Phòng tiếp công dân",
        host_name="Lê Văn C",
        host_title="Chủ tịch UBND",
        capacity=8,
    )
    meeting = services.meeting_from_reception(actor=clerk, session=session)
    assert meeting.kind == "reception" and meeting.reception_session == session
    assert timezone.localtime(meeting.starts_at).time() == dt.time(7, 30)
    assert meeting.capacity == 8 and "Lê Văn C" in meeting.chairs
    assert services.meeting_from_reception(actor=clerk, session=session) == meeting
    assert meeting_url(meeting) == f"/meetings/{meeting.pk}/"


def test_minutes_within_their_period_do_not_count_against_the_unit(clerk, units):
    import datetime as dt

    from django.utils import timezone

    from tests.meetings.conftest import hold, make_meeting
    from thanthien.core.models import Body

    van_du = units["van_du"]
    meeting = make_meeting(clerk, van_du, Body.objects.get(unit=van_du, kind="peoples_committee"))
    hold(meeting, clerk)
    today = timezone.localdate()
    figures = figure_map(van_du, today - dt.timedelta(days=1), today)
    assert figures["meetings.dialogues_held"].value == 1
    assert figures["meetings.minutes_on_time"].denominator == 0
