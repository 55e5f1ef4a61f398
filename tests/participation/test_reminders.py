import datetime as dt

import pytest

from thanthien.core.models import User
from thanthien.core.notify import ConsoleSender
from thanthien.participation import services
from thanthien.participation.models import FrontReport
from thanthien.participation.tasks import send_recommendation_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def reachable(chairman, mttq_officer):
    # The People's Committee is responsible: its chairman hears; the Front hears when late.
    ConsoleSender.outbox.clear()
    User.objects.filter(pk=chairman.pk).update(email="chutich@vandu.example")
    User.objects.filter(pk=mttq_officer.pk).update(email="mttq@vandu.example")


def test_due_soon_to_the_body_late_also_to_the_front(
    reachable, mttq_officer, handler, units, committee
):
    start = dt.date(2023, 7, 3)
    report, _ = services.front_report_submit(
        actor=mttq_officer,
        unit=units["van_du"],
        kind=FrontReport.Kind.SUPERVISION,
        title="Giám sát",
        findings="f",
        recommendations=[
            ("Sớm đến hạn", committee, 2),
            ("Đã trả lời", committee, 2),
            ("Còn xa", committee, 30),
        ],
        today=start,
    )
    soon, answered, far = report.recommendations.all()
    services.recommendation_update(
        recommendation=answered, actor=handler, state="answered", answer="Xong"
    )
    before = 0
    counts = send_recommendation_reminders.call(start.isoformat())
    assert counts == {"due_soon": 1, "overdue": 0}
    sent = ConsoleSender.outbox[before:]
    assert {m.to for m in sent} == {"chutich@vandu.example"}
    # Once a day only.
    assert send_recommendation_reminders.call(start.isoformat()) == {"due_soon": 0, "overdue": 0}
    late_day = soon.due_on + dt.timedelta(days=1)
    ConsoleSender.outbox.clear()
    before = 0
    assert send_recommendation_reminders.call(late_day.isoformat())["overdue"] == 1
    assert {m.to for m in ConsoleSender.outbox[before:]} == {
        "chutich@vandu.example",
        "mttq@vandu.example",
    }
