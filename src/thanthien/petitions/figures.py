"""Petitions' figures for inspections, reviews and dashboards (``thanthien.core.figures``).

The same counts as the public figures page (``selectors.figures_by_month``), over a period instead
of months: petitions received in the period, handled on time among those whose deadline fell in the
period, those of them still open past their deadline, and the citizens' average rating.
"""

import datetime as dt

from django.db.models import Avg, Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.figures import Figure, register_figures
from thanthien.core.models import AdminUnit

from .models import OPEN_STATES, Petition, State


def petitions_figures(unit: AdminUnit, start: dt.date, end: dt.date) -> list[Figure]:
    """Two queries whatever the number of petitions."""
    base = Petition.objects.filter(unit__path__startswith=unit.path).exclude(state=State.MERGED)
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    last = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    received = base.filter(received_at__range=(first, last)).aggregate(
        received=Count("id"), average_rating=Avg("rating"), rated=Count("rating")
    )
    due = base.filter(deadline__range=(start, end)).aggregate(
        due=Count("id"),
        on_time=Count(
            "id", filter=Q(answered_at__isnull=False, answered_at__date__lte=F("deadline"))
        ),
        overdue_open=Count(
            "id", filter=Q(state__in=OPEN_STATES, deadline__lt=min(end, timezone.localdate()))
        ),
    )
    url = f"{reverse('petition_figures')}?unit={unit.pk}"
    figures = [
        Figure(
            key="petitions.on_time",
            label=_("answered on time"),
            numerator=due["on_time"],
            denominator=due["due"],
            unit="%",
            url=url,
        ),
        Figure(
            key="petitions.received",
            label=_("petitions received"),
            value=received["received"],
            url=url,
        ),
        Figure(
            key="petitions.overdue_open",
            label=_("Overdue now"),
            value=due["overdue_open"],
            url=url,
        ),
    ]
    if received["rated"]:
        figures.append(
            Figure(
                key="petitions.rating",
                label=_("satisfaction (1–5)"),
                value=round(received["average_rating"], 1),
                url=url,
            )
        )
    return figures


register_figures("petitions", petitions_figures)
