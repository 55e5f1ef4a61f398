"""A launch or training milestone linked to the meeting that held it shows its attendance, from the
provider the meetings app registers after the merge (here a stand-in)."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from thanthien.core.models import AuditEvent
from thanthien.rollout import meetings_link, services


@pytest.fixture
def provider(monkeypatch):
    calls = []

    def attendance(ids):
        calls.append(ids)
        return {i: meetings_link.Attendance(invited=120, present=97, url=f"/m/{i}/") for i in ids}

    monkeypatch.setattr(meetings_link, "_PROVIDER", [attendance])
    return calls


def test_the_launch_shows_its_meetings_attendance(plan149, district_supervisor, provider):
    launch = plan149.milestones.get(kind="launch", unit__isnull=False)
    services.milestone_link_meeting(milestone=launch, meeting_id=42, actor=district_supervisor)
    assert AuditEvent.objects.filter(action="rollout.milestone_meeting").exists()
    text = client_for(district_supervisor).get(reverse("rollout_timeline", args=[plan149.pk]))
    body = text.content.decode()
    assert "97/120 người tham dự" in body and 'href="/m/42/"' in body
    assert provider == [[42]]  # one call for the whole timeline


def test_without_a_provider_nothing_is_shown(plan149, district_supervisor, monkeypatch):
    monkeypatch.setattr(meetings_link, "_PROVIDER", [])
    launch = plan149.milestones.get(kind="launch", unit__isnull=False)
    services.milestone_link_meeting(milestone=launch, meeting_id=42, actor=district_supervisor)
    body = client_for(district_supervisor).get(reverse("rollout_timeline", args=[plan149.pk]))
    assert "tham dự" not in body.content.decode()
