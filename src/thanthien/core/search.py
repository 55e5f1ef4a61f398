"""Search that ignores diacritics: "chinh quyen than thien" finds "Chính quyền thân thiện".

Every search in the platform folds both the stored text and the query with ``fold`` and compares the
folded forms, so SQLite and PostgreSQL behave alike without database extensions.
"""

import re
import unicodedata

from django.db.models import Q, QuerySet

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """NFC, strip diacritics, đ→d, lower case, single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_terms(query: str | None) -> list[str]:
    return [term for term in fold(query).split(" ") if term]


def filter_folded(queryset: QuerySet, field: str, query: str | None) -> QuerySet:
    """Keep rows whose folded ``field`` contains every word of ``query`` (folded)."""
    condition = Q()
    for term in search_terms(query):
        condition &= Q(**{f"{field}__contains": term})
    return queryset.filter(condition)
