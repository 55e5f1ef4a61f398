"""What waits for each official: to accept, to approve, overdue, due within a week, assigned to them;
the counts in the menu come from one query."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import client_for
from thanthien.petitions import services
from thanthien.petitions.models import Answer, Petition

MINE = "/staff/petitions/mine/"


def counts(user) -> dict[str, int]:
    response = client_for(user).get(MINE)
    assert response.status_code == 200
    return dict(response.context["counts"])


def listed(user, which: str) -> list[int]:
    response = client_for(user).get(MINE, {"which": which})
    assert response.status_code == 200 and response.context["which"] == which
    return [p.pk for p in response.context["page"]]


@pytest.fixture
def desk(submit, handler, chairman):
    """Vân Du's desk: a new petition, one in progress with an answer waiting for the chairman,
    one assigned to the handler and overdue, one assigned and due in three days."""
    today = timezone.localdate()
    new = submit(title="Đèn đường hỏng", content="Đèn chiếu sáng khu phố 1 hỏng đã hai tuần.")
    pending = submit()
    services.petition_accept(petition=pending, actor=handler)
    services.petition_start(
        petition=Petition.objects.get(pk=pending.pk), actor=chairman, assignee=handler
    )
    services.petition_answer(
        petition=Petition.objects.get(pk=pending.pk),
        actor=handler,
        text="Đã cử người khảo sát, sẽ sửa trong tuần.",
    )
    assert Answer.objects.filter(petition=pending, status=Answer.Status.PENDING).exists()
    late = submit(title="Cống tắc", content="Cống thoát nước khu phố 1 tắc, nước tràn vào nhà.")
    due = submit(title="Rác thải", content="Rác thải không được thu gom đúng lịch ở khu phố 1.")
    for petition in (late, due):
        services.petition_accept(petition=petition, actor=handler)
        services.petition_start(
            petition=Petition.objects.get(pk=petition.pk), actor=chairman, assignee=handler
        )
    Petition.objects.filter(pk=late.pk).update(deadline=today - dt.timedelta(days=2))
    Petition.objects.filter(pk=due.pk).update(deadline=today + dt.timedelta(days=3))
    Petition.objects.filter(pk=pending.pk).update(deadline=today + dt.timedelta(days=20))
    return {"new": new.pk, "pending": pending.pk, "late": late.pk, "due": due.pk}


@pytest.mark.django_db
def test_the_leader_sees_the_answers_to_approve_first_with_a_badge(desk, chairman):
    assert counts(chairman) == {
        "approve": 1,
        "accept": 1,
        "overdue": 1,
        "due": 1,
        "assigned": 0,
        "total": 4,
    }
    response = client_for(chairman).get(MINE)
    assert response.context["which"] == "approve"
    assert [p.pk for p in response.context["page"]] == [desk["pending"]]
    page = response.content.decode()
    assert page.index("?which=approve") < page.index("?which=accept")
    assert '<span class="badge bad">1' in page  # in the menu and on the tab


@pytest.mark.django_db
def test_the_handler_sees_what_is_assigned_to_them(desk, handler):
    assert counts(handler) == {
        "approve": 0,
        "accept": 1,
        "overdue": 1,
        "due": 1,
        "assigned": 3,
        "total": 4,
    }
    assert listed(handler, "overdue") == [desk["late"]]
    assert listed(handler, "due") == [desk["due"]]
    assert listed(handler, "assigned") == [desk["late"], desk["due"], desk["pending"]]
    assert listed(handler, "approve") == []


@pytest.mark.django_db
def test_the_clerk_sees_what_to_accept(desk, clerk):
    assert counts(clerk) == {
        "approve": 0,
        "accept": 1,
        "overdue": 0,
        "due": 0,
        "assigned": 0,
        "total": 1,
    }
    assert client_for(clerk).get(MINE).context["which"] == "accept"
    assert listed(clerk, "accept") == [desk["new"]]


@pytest.mark.django_db
def test_the_front_officer_accepts_and_approves_nothing(desk, mttq_officer):
    assert counts(mttq_officer) == {
        "approve": 0,
        "accept": 0,
        "overdue": 0,
        "due": 0,
        "assigned": 0,
        "total": 0,
    }


@pytest.mark.django_db
def test_a_platform_superuser_answers_for_everything(desk):
    from thanthien.core.models import User

    root = User.objects.create_superuser(username="root", password="x" * 12, full_name="Quản Trị")
    assert counts(root) == {
        "approve": 1,
        "accept": 1,
        "overdue": 1,
        "due": 1,
        "assigned": 0,
        "total": 4,
    }


@pytest.mark.django_db
def test_nothing_waits_for_the_official_of_another_commune(desk, other_official):
    assert counts(other_official)["total"] == 0
    for which in ("approve", "accept", "overdue", "due", "assigned"):
        assert listed(other_official, which) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("citizen", 404),
        ("district_admin", 404),
        ("clerk", 200),
        ("handler", 200),
        ("chairman", 200),
        ("other_official", 200),
    ],
)
def test_who_may_see_the_waiting_page(request, persona, status):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert client_for(user).get(MINE).status_code == status


@pytest.mark.django_db
def test_the_menu_shows_the_counts_to_officials_only(desk, chairman, citizen):
    home = client_for(chairman).get("/").content.decode()
    assert 'href="/staff/petitions/mine/"' in home and '<span class="badge">4</span>' in home
    assert 'href="/staff/petitions/mine/?which=approve"' in home
    assert "/staff/petitions/mine/" not in client_for(citizen).get("/").content.decode()


@pytest.mark.django_db
def test_the_inbox_filters_what_is_assigned_to_me(desk, handler):
    response = client_for(handler).get("/staff/petitions/", {"mine": "on"})
    assert {p.pk for p in response.context["page"]} == {desk["late"], desk["due"], desk["pending"]}


@pytest.mark.django_db
def test_the_counts_and_lists_cost_the_same_queries_with_more_petitions(
    desk, submit, handler, chairman, django_assert_max_num_queries
):
    staff = client_for(chairman)
    staff.get(MINE)  # caches warmed
    # session, user, memberships, the counts (one query for all lists and the menu), the page's rows
    with django_assert_max_num_queries(5):
        staff.get(MINE)
    for which in ("accept", "overdue", "assigned"):
        with django_assert_max_num_queries(5):
            staff.get(MINE, {"which": which})
    for i in range(15):
        submit(title=f"Ổ gà số {i}", content=f"Ổ gà lớn trên đường khu phố 1, đoạn số {i}.")
    with django_assert_max_num_queries(5):
        staff.get(MINE, {"which": "accept"})
    # Any other page: session, user, memberships and the menu's counts.
    home = client_for(handler)
    home.get("/petitions/track/")
    with django_assert_max_num_queries(4):
        home.get("/petitions/track/")
