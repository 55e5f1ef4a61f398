"""The one demo: Thạch Thành's communes today, dated from the day it is loaded, and their 2023
pilot of the model as history; ``load()`` puts it all in the database and returns the logins."""

# The demo stands above every app: it may import any of them and none imports it (only its
# commands, ``thanthien demo`` and ``thanthien loaddemo``, and the tests do). Each story is a module
# whose ``load(today)`` makes its records once (loading twice changes nothing) through the service
# functions the pages use. Shared pieces are in ``_helpers`` (where, the ``Today`` anchor, the
# clock, loading quietly) and ``_cases`` (what complaints and denunciations share).

import datetime as dt
from collections.abc import Callable


def load(now: dt.datetime | None = None, report: Callable[[str, object], None] | None = None):
    """Load the whole demo, dated from ``now`` (the present moment when not given), in one
    transaction; ``report(story, result)`` hears what each story made. Return the logins
    (``units_people.LOGINS``)."""
    # Imported here: the stories import models, and Django imports this package before the
    # models are ready.
    from django.db import transaction

    from . import (
        complaints,
        denunciations,
        disclosure,
        history_2023,
        meetings,
        participation,
        petitions,
        reception,
        rollout,
        units_people,
    )
    from ._helpers import Today, quiet

    # In this order: a story may build on those before it, and all on ``units_people``.
    stories = [
        petitions,  # feedback and recommendations of the last twelve months
        complaints,  # complaints of the last ten months, three appealed to the district
        denunciations,  # denunciations of the last ten months
        reception,  # each chairman's weekly day of receiving citizens
        history_2023,  # the petitions of 2023, which the pilot's inspections and reviews measure
        disclosure,  # 2023: disclosures, notices, village conventions
        participation,  # 2023: a consultation, a vote, a campaign, the Front's supervision
        meetings,  # 2023: the launch, a training, two dialogues and their commitments
        rollout,  # 2023: plan 149-KH/HU from the survey of units to the final review
    ]
    today = Today(now) if now else Today.at_load()
    with quiet(), transaction.atomic():
        logins = units_people.load()
        for story in stories:
            result = story.load(today)
            if report is not None:
                report(story.__name__.rsplit(".", 1)[-1], result)
    return logins
