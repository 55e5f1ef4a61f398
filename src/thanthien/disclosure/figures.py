"""The register's figures for inspections and dashboards."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.figures import Figure
from thanthien.core.models import AdminUnit

from .compliance import DONE, LATE, MISSING, obligations, total
from .models import Disclosure, Notice


def disclosure_figures(unit: AdminUnit, start: dt.date, end: dt.date) -> list[Figure]:
    items = obligations(unit, start, end, timezone.localdate())
    tally = total(items, unit)
    url = reverse("disclosure_compliance") + f"?unit={unit.pk}&since={start}&until={end}"
    published = Disclosure.objects.filter(
        unit__path__startswith=unit.path, starts_on__gte=start, starts_on__lte=end
    ).count()
    notices = Notice.objects.filter(
        unit__path__startswith=unit.path, published_on__gte=start, published_on__lte=end
    ).count()
    return [
        Figure(
            key="disclosure.compliance",
            label=_("Required disclosures made on time"),
            numerator=tally.counts[DONE],
            denominator=tally.required,
            unit="%",
            url=url,
        ),
        Figure(
            key="disclosure.late",
            label=_("Required disclosures made late"),
            value=tally.counts[LATE],
            url=url,
        ),
        Figure(
            key="disclosure.missing",
            label=_("Required disclosures missing"),
            value=tally.counts[MISSING],
            url=url,
        ),
        Figure(
            key="disclosure.published",
            label=_("Disclosures published"),
            value=published,
            url=reverse("disclosure_list") + f"?unit={unit.pk}",
        ),
        Figure(
            key="disclosure.notices",
            label=_("Notices published"),
            value=notices,
            url=reverse("notice_list") + f"?unit={unit.pk}",
        ),
    ]
