"""The meetings of 2023, loaded through the services, twice without change."""

from thanthien.demo import meetings
from thanthien.meetings.models import (
    Commitment,
    CommitmentState,
    CommitmentUpdate,
    Meeting,
    Question,
    Registration,
    Support,
)


def _counts():
    return [
        m.objects.count()
        for m in (Meeting, Registration, Question, Support, Commitment, CommitmentUpdate)
    ]


def test_it_loads_the_2023_meetings_once(db):
    summary = meetings.load()
    assert "4 meetings" in summary
    first = _counts()
    assert meetings.load() == "already loaded"
    assert _counts() == first
    assert set(Commitment.objects.values_list("state", flat=True)) == set(CommitmentState.values)
    november = Meeting.objects.get(title__contains="tháng 11 năm 2023")
    assert november.announced_late
    assert Meeting.objects.get(title__contains="tháng 6 năm 2023").announced_late is False
    assert Registration.objects.filter(trained=True).count() == 7
