"""Atom feeds per unit and per category: new disclosures and notices."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from thanthien.core.models import AdminUnit

from . import search

KIND_URLS = {
    "disclosure": "disclosure_detail",
    "notice": "notice_detail",
    "convention": "convention_detail",
}


class UnitFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, unit: int, category: str = ""):
        return get_object_or_404(AdminUnit, pk=unit), category

    def title(self, obj):
        unit, category = obj
        return _("Disclosures and notices of %(unit)s") % {"unit": unit.name} + (
            f" · {category}" if category else ""
        )

    def link(self, obj):
        return reverse("disclosure_list") + f"?unit={obj[0].pk}"

    def subtitle(self, obj):
        return _("What the commune made public.")

    def items(self, obj):
        unit, category = obj
        filters = search.Filters(unit_path=unit.path, category=category)
        return list(
            search.search("", filters, today=timezone.localdate()).exclude(kind="convention")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_kind_display()

    def item_link(self, item):
        return reverse(KIND_URLS[item.kind], args=[item.object_id])

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.day, dt.time.min))
