"""What the complaints and the denunciations of the demo share: a case's plan, a planner that
knows the legal periods (``LegalRule``, through ``cases.period_end``) and draws the words of a
story, the numbering of decisions and conclusions, and loading a set of cases once."""

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from thanthien.petitions import cases
from thanthien.petitions.models import Field

from ._helpers import People, Step, Timeline, run_steps
from .units_people import LOGINS, Office

MAX_AGE = 300  # days: the cases of today's story were received in the last ten months or so

PROJECTS = [
    "dự án mở rộng đường giao thông liên xã qua {village}",
    "dự án xây dựng khu dân cư mới phía tây {commune}",
    "dự án kênh tiêu úng nội đồng {village}",
]


@dataclass
class Plan:
    number: int
    kind: str
    unit_code: str
    state: str
    submit: dict
    received_at: dt.datetime
    steps: list[Step] = field(default_factory=list)
    key: str = ""


class CasePlanner(Timeline):
    """Draws who, what and when for each case of a story from one seeded generator."""

    def __init__(self, rng: random.Random, now: dt.datetime, offices: dict[str, Office]):
        today = timezone.localdate(now)
        super().__init__(
            rng, now, today - dt.timedelta(days=MAX_AGE + 60), today + dt.timedelta(days=200)
        )
        self.offices = offices
        self.fields = {f.code: f for f in Field.objects.all()}
        # Nobody twice in a story (a complainant is not also a neighbour), nor named as a login.
        taken = {login.full_name for login in LOGINS}
        self.people = People(rng, unique=True, taken=taken)
        self._periods: dict[tuple[str, dt.date], dt.date] = {}

    def period(self, code: str, day: dt.date) -> dt.date:
        """The last day of the legal period ``code`` that starts on ``day``."""
        if (code, day) not in self._periods:
            self._periods[code, day] = cases.period_end(code, day)
        return self._periods[code, day]

    def received_between(self, ages: tuple[float, float], online: bool) -> dt.datetime:
        return self.received(self.rng.uniform(*ages), online)

    def fits(self, steps: list[Step]) -> bool:
        moments = [s.at for s in steps]
        return moments == sorted(moments) and moments[-1] < self.limit

    def person(self, female: bool | None = None) -> str:
        return self.people.name(female)

    def phone(self) -> str:
        return self.people.phone()

    def words(self, office: Office) -> dict:
        r = self.rng
        village = r.choice(office.villages)
        other = r.choice([v for v in office.villages if v.pk != village.pk] or [village])
        unit = office.unit
        words = {
            "village_unit": village,
            "village": f"{village.kind.lower()} {village.short_name}",
            "other_village": f"{other.kind.lower()} {other.short_name}",
            "commune": f"{unit.kind.lower()} {unit.short_name}",
            "committee": office.committee.name,
            "neighbor": self.person(female=False),
            "neighbor_f": self.person(female=True),
            "elder": self.person(female=True),
            "elder_m": self.person(female=False),
            "child": self.person(),
            "official": self.person(female=False),
            "area": r.choice([85, 120, 146, 180, 215, 260, 312]),
            "fruit": r.randint(6, 15),
            "number": r.randint(18, 240),
        }
        words["project"] = r.choice(PROJECTS).format(**words)
        return words

    def number_documents(self, plans: list[Plan], action: str, name: str) -> None:
        """The documents that the steps ``action`` issue are numbered in each unit's register of
        that kind, in date order, with the unit's other documents in between."""
        numbered = sorted(
            (
                (step.at, plan.number, plan, step)
                for plan in plans
                for step in plan.steps
                if step.action == action
            ),
            key=lambda item: item[:2],
        )
        counters: dict[tuple[str, int], int] = {}
        for at, _n, plan, step in numbered:
            key = (plan.unit_code, timezone.localdate(at).year)
            if key not in counters:
                counters[key] = self.rng.randint(3, 20)
            counters[key] += self.rng.randint(2, 14)
            step.args[name] = counters[key]


def key_by_date(plans: list, prefix: str) -> None:
    """Submission keys in the order the cases were received, so that they read as a register."""
    for i, plan in enumerate(sorted(plans, key=lambda p: (p.received_at, p.number)), start=1):
        plan.key = f"{prefix}{i:03d}"


def load_cases(
    cases: QuerySet,
    plan_all: Callable[[], list[Plan]],
    apply: Callable[[Plan, Step, dict[str, int]], None],
    summary: Callable[..., dict],
) -> dict:
    """Plan a story's cases and take their steps through the room's services, once: a story already
    loaded is left as it is. ``apply`` records in its dict the petition of each submission key
    (and of each second instance an appeal makes). Return ``summary``'s counts."""
    started = time.monotonic()
    if cases.exists():
        return summary()
    pks: dict[str, int] = {}
    run_steps(plan_all(), lambda plan, step: apply(plan, step, pks))
    return summary(created=len(pks), seconds=time.monotonic() - started)
