"""A launch or training milestone linked to the meeting that held it shows its attendance, from the
provider the meetings app registers after the merge (here a stand-in)."""

import pytest
from django.test import Client
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
    assert len(provider) == 1 and 42 in provider[0]  # one call for the whole timeline


def test_without_a_provider_nothing_is_shown(plan149, district_supervisor, monkeypatch):
    monkeypatch.setattr(meetings_link, "_PROVIDER", [])
    launch = plan149.milestones.get(kind="launch", unit__isnull=False)
    services.milestone_link_meeting(milestone=launch, meeting_id=42, actor=district_supervisor)
    body = client_for(district_supervisor).get(reverse("rollout_timeline", args=[plan149.pk]))
    assert "tham dự" not in body.content.decode()


# --- With the meetings app itself --------------------------------------------------------------


def test_the_demo_launch_and_training_show_who_came(plan149, district_supervisor):
    from thanthien.meetings.models import Meeting
    from thanthien.meetings.selectors import attendance_summary

    launch = plan149.milestones.get(kind="launch", unit__isnull=False)
    training = plan149.milestones.get(kind="training")
    held = Meeting.objects.get(pk=launch.meeting_id)
    assert held.kind == "launch" and held.starts_at.month == 3
    assert Meeting.objects.get(pk=training.meeting_id).kind == "training"
    counts = attendance_summary(held)
    body = client_for(district_supervisor).get(reverse("rollout_timeline", args=[plan149.pk]))
    text = body.content.decode()
    assert f"{counts['attended']}/{counts['registered']} người tham dự" in text
    assert reverse("meetings_detail", args=[held.pk]) in text


def test_a_manager_links_a_milestone_to_a_meeting_listed_for_it(plan149, district_supervisor):
    from thanthien.meetings.models import Meeting

    launch = plan149.milestones.get(kind="launch", unit__isnull=False)
    held = launch.meeting_id
    type(launch).objects.filter(pk=launch.pk).update(meeting_id=None)
    url = reverse("rollout_milestone_meeting", args=[launch.pk])
    client = client_for(district_supervisor)
    page = client.get(url).content.decode()
    assert f'value="{held}"' in page
    dialogue = Meeting.objects.filter(kind="dialogue").first()
    for bad in ("", "abc", str(dialogue.pk)):  # nothing, nonsense, a meeting of another kind
        response = client.post(url, {"meeting": bad})
        assert response.status_code == 400
        assert "Chọn một trong các hội nghị" in response.content.decode()
        launch.refresh_from_db()
        assert launch.meeting_id is None
    response = client.post(url, {"meeting": str(held)})
    assert response.status_code == 302
    launch.refresh_from_db()
    assert launch.meeting_id == held


def test_only_the_plans_managers_link_meetings(plan149, clerk, other_official):
    launch = plan149.milestones.get(kind="launch", unit__isnull=False)
    url = reverse("rollout_milestone_meeting", args=[launch.pk])
    for user in (clerk, other_official):
        response = client_for(user).post(url, {"meeting": str(launch.meeting_id)})
        assert response.status_code in (403, 404)


# --- The support budget in the disclosure register --------------------------------------------


def test_the_support_budget_is_published_once_and_updated(plan149, district_supervisor):
    from thanthien.disclosure.models import Disclosure
    from thanthien.rollout import selectors

    key = f"rollout:budget:{plan149.pk}"
    demo = Disclosure.objects.get(source_key=key)  # the demo published it
    header, rows = selectors.support_budget_disclosure_rows(plan149)
    assert demo.table_header == header and len(demo.table_rows) == len(rows)
    public = Client().get(reverse("disclosure_detail", args=[demo.pk])).content.decode()
    assert plan149.symbol in public
    client = client_for(district_supervisor)
    response = client.post(reverse("rollout_budget_disclose", args=[plan149.pk]))
    assert response.status_code == 302
    assert Disclosure.objects.filter(source_key=key).count() == 1
    page = client.get(reverse("rollout_budget", args=[plan149.pk])).content.decode()
    assert reverse("disclosure_detail", args=[demo.pk]) in page


def test_publishing_the_budget_is_for_the_plans_managers(plan149, clerk, other_official):
    from thanthien.disclosure.models import Disclosure

    before = list(Disclosure.objects.values_list("pk", "updated_at"))
    for user in (clerk, other_official):
        response = client_for(user).post(reverse("rollout_budget_disclose", args=[plan149.pk]))
        assert response.status_code in (302, 403, 404)
    assert list(Disclosure.objects.values_list("pk", "updated_at")) == before


def test_an_empty_budget_is_not_published(plan149, district_supervisor):
    from thanthien.disclosure.models import Disclosure

    plan149.budget_lines.all().delete()
    Disclosure.objects.filter(source_key=f"rollout:budget:{plan149.pk}").delete()
    response = client_for(district_supervisor).post(
        reverse("rollout_budget_disclose", args=[plan149.pk]), follow=True
    )
    assert "chưa có dòng nào" in response.content.decode()
    assert not Disclosure.objects.filter(source_key=f"rollout:budget:{plan149.pk}").exists()
