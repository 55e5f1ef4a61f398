"""One search box over disclosures, notices and conventions: the interface and its two backends.

Text is folded (``core.search.fold``: no diacritics, đ→d, lower case) before it is stored and before
it is searched, so "du toan ngan sach" finds "Dự toán ngân sách". The index lives in the table
``disclosure_searchentry``; migration 0002 adds, by database vendor, an SQLite FTS5 table kept in
step by triggers, or a PostgreSQL GIN index on ``to_tsvector('simple', text)``. Any other database
falls back to ``LIKE`` on the folded text. Every word of the query must match; the last one as a prefix (it may be half typed).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from thanthien.core.search import fold

from .models import SearchEntry

_WORD = re.compile(r"[a-z0-9]+")
MAX_TERMS = 8


def terms(query: str | None) -> list[str]:
    """The folded words of ``query``, at most eight (a query is typed on a phone, not pasted)."""
    return _WORD.findall(fold(query))[:MAX_TERMS]


@dataclass
class Filters:
    unit_path: str = ""
    category: str = ""
    kind: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


class SqliteBackend:
    # The query text is always a bound parameter; the SQL around it is constant.
    SQL = (
        "disclosure_searchentry.id IN (SELECT rowid FROM disclosure_search_fts "
        "WHERE disclosure_search_fts MATCH %s)"
    )

    def match(self, qs: QuerySet, words: list[str]) -> QuerySet:
        # Whole words, except the last, which may still be being typed (a prefix).
        expression = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
        return qs.extra(where=[self.SQL], params=[expression])  # noqa: S610 - bound parameter


class PostgresBackend:
    def match(self, qs: QuerySet, words: list[str]) -> QuerySet:
        expression = " & ".join([*words[:-1], f"{words[-1]}:*"])
        return qs.extra(  # noqa: S610 - the query text is a bound parameter
            where=[
                "to_tsvector('simple', disclosure_searchentry.text) @@ to_tsquery('simple', %s)"
            ],
            params=[expression],
        )


class LikeBackend:
    def match(self, qs: QuerySet, words: list[str]) -> QuerySet:
        for word in words:
            qs = qs.filter(text__contains=word)
        return qs


def backend():
    if connection.vendor == "sqlite":
        return SqliteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return LikeBackend()


def search(query: str, filters: Filters | None = None, today: dt.date | None = None) -> QuerySet:
    """Entries matching every word of ``query`` and the filters, newest first; nothing published
    after ``today`` (a disclosure scheduled for later is not yet public)."""
    filters = filters or Filters()
    qs = SearchEntry.objects.all()
    if today is not None:
        qs = qs.filter(day__lte=today)
    if filters.unit_path:
        qs = qs.filter(unit_path__startswith=filters.unit_path)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.since:
        qs = qs.filter(day__gte=filters.since)
    if filters.until:
        qs = qs.filter(day__lte=filters.until)
    words = terms(query)
    if words:
        qs = backend().match(qs, words)
    return qs.order_by("-day", "-id").defer("text")


def index(
    kind: str,
    object_id: int,
    *,
    unit_path: str,
    category: str,
    day: dt.date,
    title: str,
    parts: list[str],
) -> None:
    """Put (or replace) one thing in the index."""
    text = fold(" ".join([title, *parts]))
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "unit_path": unit_path,
            "category": category,
            "day": day,
            "title": title[:250],
            "text": text,
        },
    )


def unindex(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE disclosure_search_fts USING fts5(text, content='disclosure_searchentry', "
    "content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER disclosure_search_ai AFTER INSERT ON disclosure_searchentry BEGIN "
    "INSERT INTO disclosure_search_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER disclosure_search_ad AFTER DELETE ON disclosure_searchentry BEGIN "
    "INSERT INTO disclosure_search_fts(disclosure_search_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER disclosure_search_au AFTER UPDATE ON disclosure_searchentry BEGIN "
    "INSERT INTO disclosure_search_fts(disclosure_search_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO disclosure_search_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS disclosure_search_au",
    "DROP TRIGGER IF EXISTS disclosure_search_ad",
    "DROP TRIGGER IF EXISTS disclosure_search_ai",
    "DROP TABLE IF EXISTS disclosure_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX disclosure_search_tsv ON disclosure_searchentry "
    "USING gin (to_tsvector('simple', text))"
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS disclosure_search_tsv"]


def create_index(apps, schema_editor) -> None:
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor) -> None:
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)
