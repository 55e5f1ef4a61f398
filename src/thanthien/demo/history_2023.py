"""The pilot year in petitions: feedback and recommendations the three units of plan 149-KH/HU
received in 2023, all of them answered long since.

The plan's inspections and its July interim and November final reviews read their figures from the
platform (``thanthien.core.figures``) over 2023: this history is what they measure. Vân Du, the
pilot, answered almost always on time; Kim Tân less often (its October inspection found petitions
overdue). Three of Vân Du's land feedbacks ran past their deadline in late June: the Fatherland
Front's supervision of 3 July found them and the chairman answered them on 12 July (the Front's
report in ``participation`` tells the same).

Made by the same planner as today's petitions (``petitions.Planner``), with early 2024 as its
"today"; loading is idempotent (the submission keys start "demo2023-"). This story does not move
with the day the demo is loaded: it is history.
"""

import datetime as dt
import random

from django.utils import timezone

from thanthien.petitions.models import State

from ._helpers import KIM_TAN, PILOT_CODE, THACH_BINH, Today, moment, story
from .petitions import Case, Plan, Planner, load_plans
from .units_people import offices

SEED = 2023
RECEIVED_FROM, RECEIVED_TO = dt.date(2023, 1, 3), dt.date(2023, 12, 15)
ENDS_AT = moment(dt.date(2024, 1, 19), 17)  # everything was closed by then
FRONT_FOUND_ON, ANSWERED_ON = dt.date(2023, 7, 3), dt.date(2023, 7, 12)


class Year2023(Planner):
    key_prefix = "demo2023-"
    cases = [
        (Case(State.CLOSED), 80),
        (Case(State.CLOSED, "reanswered"), 1),
        (Case(State.CLOSED, "land", late=True, answered_on=ANSWERED_ON), 3),
        (Case(State.FORWARDED), 3),
        (Case(State.DECLINED), 2),
        (Case(State.MERGED), 2),
    ]
    citizen_states: list[str] = []
    unit_weights = {PILOT_CODE: 55, KIM_TAN: 30, THACH_BINH: 15}
    late_share = {PILOT_CODE: 0.03, KIM_TAN: 0.3, THACH_BINH: 0.12}

    def days_ago(self, case: Case) -> float:
        r = self.rng
        if case.variant == "land":  # due before the Front came on 3 July (10 working days)
            latest = FRONT_FOUND_ON - dt.timedelta(days=17)
            return (self.today - latest).days + r.uniform(0, 4)
        span = (RECEIVED_TO - RECEIVED_FROM).days
        # More petitions as the year went on: the pilot was launched in March.
        return (self.today - RECEIVED_TO).days + span * r.random() ** 1.3

    def received_in_story(self, plan: Plan) -> bool:
        return RECEIVED_FROM <= timezone.localdate(plan.received_at) <= RECEIVED_TO


@story
def load(today: Today) -> dict:
    """The petitions of 2023 (the ground, ``units_people``, must be loaded); ``today`` does not
    move them."""
    return load_plans(Year2023(random.Random(SEED), ENDS_AT, offices()))
