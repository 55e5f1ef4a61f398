"""The permission matrix: every persona × every unit × every action, and the membership states."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import client_for
from thanthien.core import permissions
from thanthien.core.models import Body, Membership, User

ALL = {"clerk", "handler", "leader", "supervisor", "administrator"}
# The policy, written out independently of permissions.ACTIONS so that a change there shows here.
POLICY = {
    "staff.view": ALL,
    "audit.view": ALL,
    "units.manage_villages": {"administrator"},
    "bodies.manage": {"administrator"},
    "people.manage": {"administrator"},
    "calendar.manage": {"administrator"},
}
# persona → (role, the unit keys the role covers)
PERSONAS = {
    "vandu.vanthu": ("clerk", {"van_du", "van_du_village"}),
    "vandu.diachinh": ("handler", {"van_du", "van_du_village"}),
    "vandu.chutich": ("leader", {"van_du", "van_du_village"}),
    "vandu.mttq": ("supervisor", {"van_du", "van_du_village"}),
    "huyen.bandanvan": (
        "supervisor",
        {"district", "van_du", "van_du_village", "kim_tan", "thach_binh"},
    ),
    "huyen.quantri": (
        "administrator",
        {"district", "van_du", "van_du_village", "kim_tan", "thach_binh"},
    ),
    "thachbinh.canbo": ("handler", {"thach_binh"}),
    "0912000001": (None, set()),
}
UNIT_KEYS = ["province", "district", "van_du", "van_du_village", "kim_tan", "thach_binh"]


def test_the_policy_covers_every_action():
    assert set(POLICY) <= set(permissions.ACTIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("username", list(PERSONAS))
@pytest.mark.parametrize("action", list(POLICY))
def test_matrix(username, action, units):
    user = User.objects.get(username=username)
    role, covered = PERSONAS[username]
    for key in UNIT_KEYS:
        expected = role in POLICY[action] and key in covered
        assert permissions.can(user, action, units[key]) is expected, (username, action, key)
    assert permissions.can(user, action) is (role in POLICY[action])


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(POLICY))
def test_anonymous_may_do_nothing(action, units):
    for key in UNIT_KEYS:
        assert permissions.can(AnonymousUser(), action, units[key]) is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("valid_from", "valid_to", "body_active", "user_active", "expected"),
    [
        (None, None, True, True, True),
        (dt.date(2020, 1, 1), None, True, True, True),
        (dt.date(2020, 1, 1), dt.date(2021, 1, 1), True, True, False),  # ended
        (dt.date(2100, 1, 1), None, True, True, False),  # not yet started
        (None, None, False, True, False),  # the body was dissolved
        (None, None, True, False, False),  # the account is disabled
    ],
)
def test_membership_states(units, valid_from, valid_to, body_active, user_active, expected):
    body = Body.objects.create(
        unit=units["kim_tan"],
        kind=Body.Kind.DEPARTMENT,
        name="Văn phòng thử",
        is_active=body_active,
    )
    user = User.objects.create(username="kimtan.thu", is_active=user_active)
    Membership.objects.create(
        user=user, body=body, role="administrator", valid_from=valid_from, valid_to=valid_to
    )
    assert permissions.can(user, "units.manage_villages", units["kim_tan"]) is expected
    assert permissions.can(user, "units.manage_villages", units["van_du"]) is False


@pytest.mark.django_db
def test_scope_queries_follow_the_matrix(units):
    admin = User.objects.get(username="huyen.quantri")
    scoped = permissions.units_for(admin, "units.manage_villages")
    assert scoped.filter(pk=units["thach_binh"].pk).exists()
    assert not scoped.filter(pk=units["province"].pk).exists()
    clerk = User.objects.get(username="vandu.vanthu")
    assert not permissions.units_for(clerk, "units.manage_villages").exists()
    assert set(permissions.units_for(clerk, "audit.view").values_list("pk", flat=True)) == set(
        units["van_du"]
        .__class__.objects.filter(path__startswith=units["van_du"].path)
        .values_list("pk", flat=True)
    )


# persona → expected status of each page (404 hides what is outside the persona's reach)
PAGES = {
    "villages_van_du": lambda u: f"/staff/units/{u['van_du'].pk}/villages/",
    "villages_thach_binh": lambda u: f"/staff/units/{u['thach_binh'].pk}/villages/",
    "calendar": lambda u: "/staff/calendar/",
    "people": lambda u: "/staff/people/",
    "audit": lambda u: "/staff/audit/",
    "dashboard": lambda u: "/me/",
}
EXPECTED_STATUS = {
    None: {
        "villages_van_du": 302,
        "villages_thach_binh": 302,
        "calendar": 302,
        "people": 302,
        "audit": 302,
        "dashboard": 302,
    },
    "0912000001": {
        "villages_van_du": 404,
        "villages_thach_binh": 404,
        "calendar": 404,
        "people": 404,
        "audit": 404,
        "dashboard": 200,
    },
    "vandu.vanthu": {
        "villages_van_du": 404,
        "villages_thach_binh": 404,
        "calendar": 404,
        "people": 404,
        "audit": 200,
        "dashboard": 200,
    },
    "vandu.chutich": {
        "villages_van_du": 404,
        "villages_thach_binh": 404,
        "calendar": 404,
        "people": 404,
        "audit": 200,
        "dashboard": 200,
    },
    "thachbinh.canbo": {
        "villages_van_du": 404,
        "villages_thach_binh": 404,
        "calendar": 404,
        "people": 404,
        "audit": 200,
        "dashboard": 200,
    },
    "huyen.quantri": {
        "villages_van_du": 200,
        "villages_thach_binh": 200,
        "calendar": 200,
        "people": 200,
        "audit": 200,
        "dashboard": 200,
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("username", list(EXPECTED_STATUS))
def test_pages_by_persona(username, units):
    user = User.objects.get(username=username) if username else None
    client = client_for(user)
    for page, url in PAGES.items():
        assert client.get(url(units)).status_code == EXPECTED_STATUS[username][page], (
            username,
            page,
        )


@pytest.mark.django_db
def test_the_people_page_lists_only_officials_of_the_administrators_units(district_admin, units):
    response = client_for(district_admin).get("/staff/people/")
    names = {m.user.username for m in response.context["page"]}
    assert {"vandu.chutich", "thachbinh.canbo"} <= names
    body = Body.objects.create(
        unit=units["province"], kind=Body.Kind.PEOPLES_COMMITTEE, name="UBND tỉnh"
    )
    outsider = User.objects.create(username="tinh.canbo")
    Membership.objects.create(user=outsider, body=body, role="leader")
    response = client_for(district_admin).get("/staff/people/")
    assert "tinh.canbo" not in {m.user.username for m in response.context["page"]}


def test_every_action_has_a_label_for_people():
    """/me/ lists what an official may do: by label, never by the action's code name."""
    from pathlib import Path

    from django.conf import settings

    from thanthien.core.permissions import ACTION_LABELS, ACTIONS

    template = (
        Path(settings.BASE_DIR) / "core" / "templates" / "core" / "_action_label.html"
    ).read_text(encoding="utf-8")
    unlabelled = [
        name
        for name in ACTIONS
        if name not in ACTION_LABELS and f'action == "{name}"' not in template
    ]
    assert unlabelled == []
