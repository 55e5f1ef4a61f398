"""Prototypes of the changes bench/RESULTS.md proposes, to measure them without editing src/.

Nothing here is loaded by the application. ``bench/settings_fixes.py`` adds this module's app to
INSTALLED_APPS, and its ``ready()`` patches, in the running server only:

- the public list: ``select_related("contact")`` (``public_text`` reads the contact of each of the
  20 rows: 20 queries per page), and the total count cached for a minute;
- the staff inbox: when it shows open petitions only (the default), order by ``deadline, id``:
  among open petitions the "urgency" CASE is a step function of the deadline, so the order is the
  same and the database can walk an index instead of sorting every open petition in scope;
- both lists: the long text columns the page does not show are not read;
- the inbox's count cached for a minute too, and its page read in two steps: the ids of the page
  from the index alone, then those 50 rows (``LateRowPaginator``).

``python bench/fixes.py indexes`` creates (``drop`` removes) the proposed indexes in the bench
database named by the environment, exactly as a migration would.
"""

import os
import sys
import time
from pathlib import Path

from django.apps import AppConfig
from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000

INDEXES = {
    # The public list: published rows in display order, with state in the index so that skipping
    # the open ones (they are the newest rows) needs no table lookup.
    "petition_published": (
        "CREATE INDEX IF NOT EXISTS petition_published ON petitions_petition "
        "(received_at DESC, id DESC, state, field_id) WHERE consent_publish"
    ),
    # The public list by field. Not (field_id, state, received_at…): with state second, SQLite
    # drives the unfiltered list from the fields table and sorts all 600,000 rows (7 s).
    "petition_published_field": (
        "CREATE INDEX IF NOT EXISTS petition_published_field ON petitions_petition "
        "(field_id, received_at DESC, id DESC, state) WHERE consent_publish"
    ),
    # The inbox: open states, by deadline; scope_path last so that the count reads the index only.
    "petition_state_deadline": (
        "CREATE INDEX IF NOT EXISTS petition_state_deadline ON petitions_petition "
        "(state, deadline, id, scope_path)"
    ),
}
DROPPED: list[str] = []

COUNT_TTL = 60.0
_counts: dict[str, tuple[float, int]] = {}


class CachedCountPaginator(Paginator):
    """The same pages, with the total counted at most once a minute per query and process.

    A prototype of caching the count (Django's cache, keyed by the filter) or of not showing a
    total at all: counting 600,000 published rows for every page view costs more than the page.
    """

    @cached_property
    def count(self):
        key = str(self.object_list.query)
        now = time.monotonic()
        hit = _counts.get(key)
        if hit and hit[0] > now:
            return hit[1]
        n = self.object_list.count()
        _counts[key] = (now + COUNT_TTL, n)
        return n


class LateRowPaginator(CachedCountPaginator):
    """Find the page's ids with a query the index answers alone, then read those rows.

    SQLite sorts whole rows: ordering 26,000 open petitions with every column and join costs
    300-1000 ms, the same ordering on (state, deadline, id, scope_path) alone under 1 ms.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        qs = self.object_list
        ids = list(qs.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in qs.filter(pk__in=ids).order_by()}
        return self._get_page([rows[i] for i in ids if i in rows], number, self)


class BenchFixes(AppConfig):
    name = "bench.fixes"
    label = "bench_fixes"
    verbose_name = "bench: prototypes of proposed fixes"

    def ready(self):
        from thanthien.petitions import selectors, views, views_staff
        from thanthien.petitions.models import OPEN_STATES

        public_petitions = selectors.public_petitions
        inbox = selectors.inbox

        def public_petitions_fixed(flt):
            return public_petitions(flt).select_related("contact").defer("search_text")

        def inbox_fixed(user, flt, today=None):
            qs = inbox(user, flt, today).defer("content", "search_text", "public_text")
            if flt.which == "open" or flt.state in OPEN_STATES:
                # Same order: among open petitions "urgency" is a step function of the deadline.
                qs = qs.order_by("deadline", "id")
            return qs

        selectors.public_petitions = public_petitions_fixed
        selectors.inbox = inbox_fixed
        views.Paginator = CachedCountPaginator
        views_staff.Paginator = LateRowPaginator


def manage_indexes(action: str) -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "src"))
    os.environ.setdefault("THANTHIEN_DATA_DIR", "/tmp/ttbench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.settings")
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as c:
        for name in DROPPED + (list(INDEXES) if action == "indexes" else []):
            c.execute(f"DROP INDEX IF EXISTS {name}")
        for name, sql in INDEXES.items():
            c.execute(sql if action == "indexes" else f"DROP INDEX IF EXISTS {name}")
            print(f"{action}: {name}")
        c.execute("ANALYZE petitions_petition")


if __name__ == "__main__":
    manage_indexes(sys.argv[1] if len(sys.argv) > 1 else "indexes")
