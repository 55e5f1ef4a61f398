"""Reading the register: public lists, a disclosure's published answers, quarter series."""

import datetime as dt

from django.db.models import QuerySet

from .models import Disclosure, Question


def public_disclosures(today: dt.date) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(starts_on__lte=today).select_related(
        "unit", "category", "body"
    )


def published_answers(disclosure: Disclosure) -> list[dict]:
    """Questions on the disclosure whose answer the petitions workflow published (answered or
    closed, sender agreed to publication), with personal data removed."""
    from thanthien.petitions.models import Answer
    from thanthien.petitions.selectors import PUBLIC_STATES, public_text

    questions = (
        Question.objects.filter(
            disclosure=disclosure,
            petition__consent_publish=True,
            petition__state__in=PUBLIC_STATES,
        )
        .select_related("petition__contact")
        .order_by("id")
    )
    questions = list(questions[:50])
    answers: dict[int, str] = {}
    for petition_id, text in (
        Answer.objects.filter(
            petition_id__in=[q.petition_id for q in questions], status=Answer.Status.APPROVED
        )
        .order_by("petition_id", "-decided_at")
        .values_list("petition_id", "text")
    ):
        answers.setdefault(petition_id, text)
    return [
        {
            "petition": q.petition,
            "question": public_text(q.petition),
            "answer": answers.get(q.petition_id, ""),
        }
        for q in questions
    ]


def quarter_series(disclosure: Disclosure) -> list[tuple[str, int | None, int | None]]:
    """Totals of planned and actual for each quarter of the same commune, category and year."""
    if not disclosure.period_year:
        return []
    rows = Disclosure.objects.filter(
        unit=disclosure.unit,
        category=disclosure.category,
        period_year=disclosure.period_year,
        period_quarter__isnull=False,
    ).values_list("period_quarter", "table_header", "table_rows")
    found = {}
    for quarter, header, table in rows:
        if len(header) >= 4:
            planned = sum(r[2] or 0 for r in table if isinstance(r[2], int) and _top(r))
            actual = sum(r[3] or 0 for r in table if isinstance(r[3], int) and _top(r))
            found[quarter] = (planned, actual)
    return [(f"Q{q}", *found[q]) for q in sorted(found)]


def _top(row) -> bool:
    """A top-level line: its code has no dot (1, 2, 3 — not 1.1)."""
    return "." not in str(row[0] or "")


def loudspeaker_streak(postings) -> int:
    """The longest run of consecutive days with a loudspeaker reading among ``postings``."""
    days = sorted({p.posted_on for p in postings if p.form == "loudspeaker"})
    best = run = 0
    previous = None
    for day in days:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    return best


def by_source_key(source_key: str):
    """The disclosure another app published under ``source_key`` (see
    ``services.publish_table_disclosure``), or None."""
    from .models import Disclosure

    return Disclosure.objects.filter(source_key=source_key).first()
