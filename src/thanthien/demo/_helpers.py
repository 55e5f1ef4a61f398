"""What every story of the demo shares: where it happens, the day it is loaded, the clock, and how a
story is loaded (one transaction, nobody notified).

Today's stories are dated from one anchor, ``Today``, taken when the demo is loaded: "eleven days
ago" is ``today.days_ago(11)``. The stories of 2023 are history and carry their own dates.
"""

import datetime as dt
import functools
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from unittest import mock

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks.backends.dummy import DummyBackend

from thanthien.core.models import AdminUnit, Body, User
from thanthien.core.workdays import WorkCalendar

# --- Where ------------------------------------------------------------------------------------------

DISTRICT_CODE = "391"  # Huyện Thạch Thành
PILOT_CODE = "15190"  # Thị trấn Vân Du, the model's pilot unit
KIM_TAN, THACH_BINH = "15187", "15211"  # Thị trấn Kim Tân, Xã Thạch Bình: replication
OTHER_COMMUNES = [KIM_TAN, THACH_BINH]
LEGACY_END = dt.date(2025, 6, 30)  # the units of 2023 ended with the reorganization of 1/7/2025


def legacy_unit(code: str, level: str = AdminUnit.Level.COMMUNE) -> AdminUnit:
    """A unit of the demo as it was before 1 July 2025 (a district, a town, a commune)."""
    return AdminUnit.objects.get(level=level, code=code, valid_to=LEGACY_END)


def committee(of: AdminUnit) -> Body:
    """The People's Committee of a unit."""
    return Body.objects.get(unit=of, kind=Body.Kind.PEOPLES_COMMITTEE)


def user(username: str) -> User:
    return User.objects.get(username=username)


# --- When -------------------------------------------------------------------------------------------


def moment(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    """An aware moment, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass(frozen=True)
class Today:
    """The moment the demo is loaded, from which today's stories count their dates."""

    now: dt.datetime

    @classmethod
    def at_load(cls) -> "Today":
        return cls(timezone.now())

    @property
    def day(self) -> dt.date:
        return timezone.localdate(self.now)

    def days_ago(self, n: float) -> dt.date:
        return self.day - dt.timedelta(days=int(n))

    def days_ahead(self, n: float) -> dt.date:
        return self.day + dt.timedelta(days=int(n))


@contextmanager
def clock_at(at: dt.datetime) -> Iterator[None]:
    """Run with ``django.utils.timezone.now()`` returning ``at``.

    The services stamp every event, answer and audit row with ``timezone.now()`` (they import the
    module, not the function), and the models' ``auto_now_add`` fields call the same function;
    patching it is how a demo record gets a history spread over months instead of one that all
    happened in the second the demo was loaded.
    """
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


class DiscardBackend(DummyBackend):
    """A task backend that takes every task and keeps none."""

    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        self.results.clear()
        return result


@contextmanager
def quiet() -> Iterator[None]:
    """Past events must not text or email anybody today, nor fill the task queue with old news:
    while a story loads, every notification task is discarded (whichever app enqueues it)."""
    with override_settings(TASKS={"default": {"BACKEND": f"{__name__}.DiscardBackend"}}):
        yield


Result = TypeVar("Result")


def story(load: Callable[[Today], Result]) -> Callable[..., Result]:
    """A story's loader: ``load(today=None)`` runs in one transaction (on SQLite several times
    faster than one per step, and a failure leaves nothing half-loaded), with notifications
    discarded, dated from ``today`` (the moment of the call when not given)."""

    @functools.wraps(load)
    def loader(today: Today | None = None) -> Result:
        # Until the demo moves to today's units (issue 13), its stories file under the 2023 ones.
        with quiet(), override_settings(ABOLISHED_UNITS_TAKE_RECORDS=True), transaction.atomic():
            return load(today or Today.at_load())

    return loader


# --- Office hours, and histories that run through the services ----------------------------------

OFFICE_START, OFFICE_END = 7 * 60 + 30, 17 * 60  # minutes after midnight
CITIZEN_START, CITIZEN_END = 6 * 60, 22 * 60 + 30


@dataclass
class Step:
    at: dt.datetime
    action: str
    args: dict


class Timeline:
    """When things happen in a history drawn from ``rng``: officials act in office hours on
    working days (``calendar``), citizens at any hour of the day. ``today`` ends the history
    (``limit`` is a little before it: nothing happens in the last minutes)."""

    def __init__(self, rng: random.Random, now: dt.datetime, first: dt.date, last: dt.date):
        self.rng, self.now = rng, now
        self.limit = now - dt.timedelta(minutes=10)
        self.today = timezone.localdate(now)
        self.calendar = WorkCalendar(first, last)

    def working(self, day: dt.date) -> bool:
        return self.calendar.is_working_day(day)

    def add_working(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (``day`` itself, or the next working one, for 0)."""
        if n == 0:
            while not self.working(day):
                day += dt.timedelta(days=1)
            return day
        for _ in range(n):
            day += dt.timedelta(days=1)
            while not self.working(day):
                day += dt.timedelta(days=1)
        return day

    def moment(self, day: dt.date, minute: int) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
        )

    def office_on(self, day: dt.date, after: dt.datetime) -> dt.datetime:
        """A moment in office hours on ``day`` (or the next working day with time left) after
        ``after``."""
        local = timezone.localtime(after)
        day = self.add_working(max(day, local.date()), 0)
        while True:
            earliest = OFFICE_START
            if day == local.date():
                earliest = max(earliest, local.hour * 60 + local.minute + 10)
            if earliest <= OFFICE_END - 15:
                break
            day = self.add_working(day, 1)
        return self.moment(day, self.rng.randint(earliest, OFFICE_END - 15))

    def office_after(self, after: dt.datetime, low: int, high: int) -> dt.datetime:
        day = self.add_working(timezone.localdate(after), self.rng.randint(low, high))
        return self.office_on(day, after)

    def citizen_on(self, day: dt.date, after: dt.datetime) -> dt.datetime:
        at = self.moment(day, self.rng.randint(CITIZEN_START, CITIZEN_END))
        if at <= after + dt.timedelta(minutes=10):
            at = after + dt.timedelta(minutes=self.rng.randint(20, 240))
        return at

    def citizen_after(self, after: dt.datetime, low: int, high: int) -> dt.datetime:
        day = timezone.localdate(after) + dt.timedelta(days=self.rng.randint(low, high))
        return self.citizen_on(day, after)

    def received(self, days_ago: float, online: bool) -> dt.datetime:
        """Sent online at any hour, else handed in at the office on a working day."""
        day = self.today - dt.timedelta(days=int(days_ago))
        if online:
            return self.moment(day, self.rng.randint(CITIZEN_START, CITIZEN_END))
        while not self.working(day):
            day -= dt.timedelta(days=1)
        return self.moment(day, self.rng.randint(OFFICE_START, OFFICE_END - 30))

    @staticmethod
    def day_text(day: dt.date) -> str:
        return day.strftime("%d/%m/%Y")

    @staticmethod
    def month_text(day: dt.date) -> str:
        return f"tháng {day.month}/{day.year}"


def run_steps(plans: Iterable[Any], apply: Callable[[Any, Step], None]) -> None:
    """Take the steps of all ``plans`` (each with ``number`` and ``steps``) in the order they
    happened, each with the clock set to its moment, so that the audit trail reads like months of
    work."""
    steps = sorted(
        (
            (step.at, plan.number, n, plan, step)
            for plan in plans
            for n, step in enumerate(plan.steps)
        ),
        key=lambda item: item[:3],
    )
    for at, _number, _n, plan, step in steps:
        with clock_at(at):
            apply(plan, step)


# --- People ------------------------------------------------------------------------------------------

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Ngô Dương Lý Trịnh Đinh Quách Hà Mai Lương"
MALE_MIDDLE = ["Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Xuân"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thu", "Hồng"]
INITIALS = "ABCDEGHKLMNPQSTVXY"


# The denouncers' names (placeholders, never shown: they are stored only encrypted). Nobody else in
# the demo is given one of them.
DENOUNCERS = [
    "Nguyễn Văn P",
    "Trần Thị Q",
    "Lê Văn R",
    "Phạm Thị S",
    "Hoàng Văn Ư",
    "Vũ Thị Ơ",
    "Đặng Văn Â",
    "Bùi Thị Ê",
    "Đỗ Văn Ô",
    "Mai Thị Đ",
]


class People:
    """Placeholder people ("Nguyễn Văn M": nobody real is named) and phone numbers in the demo's
    "09x?000???" pattern, drawn from ``rng``. Nobody is given a name in ``taken`` nor a
    denouncer's; with ``unique``, nobody is drawn twice."""

    def __init__(self, rng: random.Random, *, unique: bool = False, taken: Iterable[str] = ()):
        self.rng, self.unique, self.taken = rng, unique, {*taken, *DENOUNCERS}

    def name(self, female: bool | None = None) -> str:
        r = self.rng
        while True:
            is_female = r.random() < 0.45 if female is None else female
            middle = r.choice(FEMALE_MIDDLE if is_female else MALE_MIDDLE)
            name = f"{r.choice(SURNAMES.split())} {middle} {r.choice(INITIALS)}"
            if name in self.taken:
                continue
            if self.unique:
                self.taken.add(name)
            return name

    def phone(self) -> str:
        r = self.rng
        return f"09{r.choice('1346789')}{r.randint(0, 9)}000{r.randint(0, 999):03d}"


def submit_planned(plan: Any, submit: Callable[..., tuple[Any, bool]], pks: dict[str, int]) -> None:
    """File a planned record through ``submit`` (a service) with the plan's submission key, and
    keep its pk under that key. A double found instead is a planning error, never a demo record."""
    record, created = submit(**plan.submit, received_at=plan.received_at, submission_key=plan.key)
    if not created:
        raise RuntimeError(f"{plan.key} was taken for a duplicate of {record.tracking_code}")
    pks[plan.key] = record.pk
