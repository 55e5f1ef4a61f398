"""Citizen reception: each commune chairman of the demo receives citizens every Thursday morning
(Luật Tiếp công dân 2013, Art. 15: at least one day a week), a rule in force since a month before
the day the demo is loaded. Idempotent: a commune that has a rule keeps it."""

import datetime as dt

from thanthien.core.models import Role
from thanthien.petitions.models import ReceptionRule
from thanthien.reception.services import rule_create

from ._helpers import Today, story, user
from .units_people import OFFICES

THURSDAY = 3


@story
def load(today: Today) -> int:
    """Return how many rules were made."""
    created = 0
    for _clerk, _handler, leader in OFFICES.values():
        chairman = user(leader)
        membership = (
            chairman.memberships.select_related("body__unit").filter(role=Role.LEADER).first()
        )
        if membership is None or ReceptionRule.objects.filter(unit=membership.body.unit).exists():
            continue
        rule_create(
            unit=membership.body.unit,
            actor=chairman,
            weekday=THURSDAY,
            start_time=dt.time(7, 30),
            end_time=dt.time(11, 0),
            place=f"Phòng tiếp công dân, {membership.body.name}",
            host=chairman,
            host_title="Chủ tịch UBND",
            capacity=8,
            valid_from=today.days_ago(30),
        )
        created += 1
    return created
