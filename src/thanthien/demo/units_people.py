"""The ground every story stands on: Thạch Thành district (Thanh Hóa) as in 2023, with Vân Du town
as the pilot and Kim Tân and Thạch Bình for replication; their bodies and villages, the days off,
and the demo's logins (``LOGINS``), each official in post in one body.

Loading is idempotent: each record is found by a natural key and only created when missing. The
people are placeholders ("Nguyễn Văn A" is the Vietnamese "John Doe"); nobody real is named.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thanthien.core.models import AdminUnit, Body, Membership, Role, User
from thanthien.core.units import load_province, village_add

from ._helpers import (
    DISTRICT_CODE,
    KIM_TAN,
    OTHER_COMMUNES,
    PILOT_CODE,
    THACH_BINH,
    committee,
    legacy_unit,
)

DEMO_PASSWORD = "thanthien-demo"
DEMO_CITIZEN = "0912000001"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    role: str | None
    body: str | None  # (unit code, body name) key into BODIES
    unit_code: str | None
    title: str
    what: str


B = Body.Kind
BODIES: dict[str, list[tuple[str, str, str]]] = {
    DISTRICT_CODE: [
        (B.PARTY_COMMITTEE, "Huyện ủy Thạch Thành", "HU"),
        (B.MASS_MOBILIZATION_BOARD, "Ban Dân vận Huyện ủy Thạch Thành", "BDVHU"),
        (B.PEOPLES_COMMITTEE, "UBND huyện Thạch Thành", "UBND"),
        (B.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam huyện Thạch Thành", "MTTQ"),
    ],
    PILOT_CODE: [
        (B.PARTY_COMMITTEE, "Đảng ủy thị trấn Vân Du", "ĐU"),
        (B.PEOPLES_COUNCIL, "HĐND thị trấn Vân Du", "HĐND"),
        (B.PEOPLES_COMMITTEE, "UBND thị trấn Vân Du", "UBND"),
        (B.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam thị trấn Vân Du", "MTTQ"),
        (B.MASS_ORGANIZATION, "Hội Liên hiệp Phụ nữ thị trấn Vân Du", "HLHPN"),
        (B.MASS_ORGANIZATION, "Hội Nông dân thị trấn Vân Du", "HND"),
        (B.PEOPLES_INSPECTION_BOARD, "Ban Thanh tra nhân dân thị trấn Vân Du", "TTND"),
        (B.DEPARTMENT, "Văn phòng - Thống kê thị trấn Vân Du", "VP"),
        (B.DEPARTMENT, "Địa chính - Xây dựng thị trấn Vân Du", "ĐC"),
        (B.DEPARTMENT, "Tư pháp - Hộ tịch thị trấn Vân Du", "TP"),
    ],
    KIM_TAN: [
        (B.PARTY_COMMITTEE, "Đảng ủy thị trấn Kim Tân", "ĐU"),
        (B.PEOPLES_COMMITTEE, "UBND thị trấn Kim Tân", "UBND"),
        (B.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam thị trấn Kim Tân", "MTTQ"),
    ],
    THACH_BINH: [
        (B.PARTY_COMMITTEE, "Đảng ủy xã Thạch Bình", "ĐU"),
        (B.PEOPLES_COMMITTEE, "UBND xã Thạch Bình", "UBND"),
        (B.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam xã Thạch Bình", "MTTQ"),
    ],
}

VILLAGES: dict[str, list[tuple[str, str]]] = {
    PILOT_CODE: [("Khu phố", str(n)) for n in range(1, 6)],
    KIM_TAN: [("Khu phố", str(n)) for n in range(1, 4)],
    THACH_BINH: [("Thôn", str(n)) for n in range(1, 5)],
}

LOGINS = [
    DemoLogin(
        "vandu.vanthu",
        "Nguyễn Văn A",
        Role.CLERK,
        "Văn phòng - Thống kê thị trấn Vân Du",
        PILOT_CODE,
        "Công chức Văn phòng - Thống kê",
        "receives and enters petitions",
    ),
    DemoLogin(
        "vandu.diachinh",
        "Trần Thị B",
        Role.HANDLER,
        "Địa chính - Xây dựng thị trấn Vân Du",
        PILOT_CODE,
        "Công chức Địa chính - Xây dựng",
        "handles and answers petitions",
    ),
    DemoLogin(
        "vandu.chutich",
        "Lê Văn C",
        Role.LEADER,
        "UBND thị trấn Vân Du",
        PILOT_CODE,
        "Chủ tịch UBND thị trấn",
        "assigns, approves and signs",
    ),
    DemoLogin(
        "vandu.mttq",
        "Phạm Thị D",
        Role.SUPERVISOR,
        "Ủy ban MTTQ Việt Nam thị trấn Vân Du",
        PILOT_CODE,
        "Chủ tịch Ủy ban MTTQ thị trấn",
        "supervises and forwards opinions",
    ),
    DemoLogin(
        "huyen.bandanvan",
        "Hoàng Văn E",
        Role.SUPERVISOR,
        "Ban Dân vận Huyện ủy Thạch Thành",
        DISTRICT_CODE,
        "Trưởng Ban Dân vận Huyện ủy",
        "oversees the model in every commune",
    ),
    DemoLogin(
        "huyen.quantri",
        "Vũ Thị G",
        Role.ADMINISTRATOR,
        "UBND huyện Thạch Thành",
        DISTRICT_CODE,
        "Quản trị hệ thống",
        "sets up units, bodies, people, calendar",
    ),
    DemoLogin(
        "thachbinh.canbo",
        "Đặng Văn H",
        Role.HANDLER,
        "UBND xã Thạch Bình",
        THACH_BINH,
        "Công chức Văn phòng - Thống kê",
        "handles petitions of Thạch Bình only",
    ),
    DemoLogin(
        "thachbinh.chutich",
        "Lý Văn N",
        Role.LEADER,
        "UBND xã Thạch Bình",
        THACH_BINH,
        "Chủ tịch UBND xã",
        "approves answers of Thạch Bình",
    ),
    DemoLogin(
        "kimtan.canbo",
        "Ngô Văn L",
        Role.HANDLER,
        "UBND thị trấn Kim Tân",
        KIM_TAN,
        "Công chức Văn phòng - Thống kê",
        "receives and handles petitions of Kim Tân",
    ),
    DemoLogin(
        "kimtan.chutich",
        "Trịnh Thị M",
        Role.LEADER,
        "UBND thị trấn Kim Tân",
        KIM_TAN,
        "Chủ tịch UBND thị trấn",
        "approves answers of Kim Tân",
    ),
    DemoLogin(
        "huyen.thanhtra",
        "Lương Văn T",
        Role.HANDLER,
        "UBND huyện Thạch Thành",
        DISTRICT_CODE,
        "Thanh tra viên, Thanh tra huyện",
        "handles second complaints in the district",
    ),
    DemoLogin(
        DEMO_CITIZEN, "Đỗ Thị K", None, None, None, "", "citizen: sends and follows petitions"
    ),
]

# The administrators keep the lists of core and the disclosure catalogue (categories and required
# disclosures) in the admin site, and read the audit trail.
ADMIN_GROUP = "Quản trị viên"
ADMIN_MODELS = {
    "core": ["adminunit", "unitsuccession", "body", "membership", "calendarday", "user"],
    "disclosure": ["category", "requirement"],
}


@transaction.atomic
def load() -> list[DemoLogin]:
    load_province("38")
    units = {DISTRICT_CODE: legacy_unit(DISTRICT_CODE, AdminUnit.Level.DISTRICT)}
    for code in [PILOT_CODE, *OTHER_COMMUNES]:
        units[code] = legacy_unit(code)

    bodies: dict[str, Body] = {}
    for code, rows in BODIES.items():
        for kind, name, short in rows:
            body, _ = Body.objects.get_or_create(
                unit=units[code], name=name, defaults={"kind": kind, "short_name": short}
            )
            bodies[name] = body

    for code, rows in VILLAGES.items():
        existing = set(units[code].children.values_list("short_name", flat=True))
        for kind, name in rows:
            if name not in existing:
                village_add(commune=units[code], name=name, kind=kind)

    group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    may = Q(content_type__app_label="core", codename="view_auditevent")
    for app_label, models in ADMIN_MODELS.items():
        may |= Q(content_type__app_label=app_label, content_type__model__in=models)
    group.permissions.set(Permission.objects.filter(may))

    # One hash for the one published password: hashing is slow on purpose (Argon2), and twelve
    # of them were a good part of the time the demo took to load.
    password = None
    for login in LOGINS:
        person = User.objects.filter(username=login.username).first()
        if person is None:
            person = User(username=login.username, full_name=login.full_name)
            if login.role is None:
                person.phone = login.username
                person.phone_verified_at = timezone.now()
            password = password or make_password(DEMO_PASSWORD)
            person.password = password
            person.is_staff = login.role == Role.ADMINISTRATOR
            person.save()
            if person.is_staff:
                person.groups.add(group)
        if login.role is not None:
            Membership.objects.get_or_create(
                user=person,
                body=bodies[login.body],
                role=login.role,
                defaults={"title": login.title, "valid_from": dt.date(2023, 1, 1)},
            )
    return LOGINS


# --- Who acts in each commune's stories ----------------------------------------------------------

# (clerk, handler, leader); a small commune's handler also clerks.
OFFICES = {
    PILOT_CODE: ("vandu.vanthu", "vandu.diachinh", "vandu.chutich"),
    KIM_TAN: ("kimtan.canbo", "kimtan.canbo", "kimtan.chutich"),
    THACH_BINH: ("thachbinh.canbo", "thachbinh.canbo", "thachbinh.chutich"),
}


@dataclass
class Office:
    unit: AdminUnit
    committee: Body
    villages: list[AdminUnit]
    clerk: User
    handler: User
    leader: User


def offices() -> dict[str, Office]:
    """Each commune's People's Committee, villages and the officials who act in its stories."""
    found = {}
    for code, usernames in OFFICES.items():
        commune = legacy_unit(code)
        users = {u.username: u for u in User.objects.filter(username__in=usernames)}
        clerk, handler, leader = (users[name] for name in usernames)
        found[code] = Office(
            unit=commune,
            committee=committee(commune),
            villages=list(commune.children.order_by("code")),
            clerk=clerk,
            handler=handler,
            leader=leader,
        )
    return found
