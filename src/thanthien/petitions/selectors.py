"""Reading petitions: what each person may see, the inbox, the public list, the figures."""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from thanthien.core import permissions
from thanthien.core.models import AdminUnit, Body
from thanthien.core.people import normalize_phone
from thanthien.core.search import filter_folded
from thanthien.core.workdays import due_date

from .models import OPEN_STATES, SIMPLE_KINDS, Answer, Kind, Petition, State

DUE_SOON_WORKING_DAYS = 2
PUBLIC_STATES = [State.ANSWERED, State.CLOSED]


def receiving_units(*, include_abolished: bool = False):
    """Communes where a People's Committee receives petitions on the platform: those in force
    today, which the forms offer for a new petition; with ``include_abolished`` those abolished
    too, to read their records or to tell a sender where a unit went (``core.units.unit_on``)."""
    units = AdminUnit.objects.filter(
        level=AdminUnit.Level.COMMUNE,
        bodies__kind=Body.Kind.PEOPLES_COMMITTEE,
        bodies__is_active=True,
    )
    if not include_abolished:
        units = in_force(units)
    return units.distinct().order_by("name")


def in_force(units):
    """The units of ``units`` that take new records today (see ``core.units.is_abolished``)."""
    if settings.ABOLISHED_UNITS_TAKE_RECORDS:
        return units
    return units.valid_on(timezone.localdate())


def petitions_for_user(user) -> QuerySet[Petition]:
    return Petition.objects.filter(permissions.scope_q(user, "petitions.view", "scope_path"))


def get_petition_for_user(user, pk: int) -> Petition:
    petition = (
        petitions_for_user(user)
        .select_related(
            "field", "unit", "village", "body__unit", "assignee", "contact", "merged_into"
        )
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def get_petition_by_code(code: str) -> Petition:
    code = normalize_tracking_code(code)
    petition = (
        Petition.objects.select_related(
            "field", "unit", "village", "body__unit", "assignee", "merged_into"
        )
        .filter(tracking_code=code)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def normalize_tracking_code(raw: str) -> str:
    """Accept the code as people type it: lower case, with spaces, without the dash."""
    value = re.sub(r"[\s\-_.]", "", (raw or "").upper())
    return f"{value[:4]}-{value[4:]}" if len(value) == 8 else value[:12]


_CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")


def looks_like_tracking_code(raw: str) -> str | None:
    """The tracking code ``raw`` would be if it is one (eight letters or digits), else None."""
    code = normalize_tracking_code(raw)
    return code if _CODE.fullmatch(code) else None


def contact_visible_q() -> Q:
    """Petitions whose sender's contact an official who may see the petition is shown.

    Never a denunciation's: the denouncer's identity lives encrypted in ``confidential.py`` and is
    read only there. Never an anonymous sender's (their contact is not kept anyway)."""
    return ~Q(kind=Kind.DENUNCIATION) & Q(is_anonymous=False)


def can_see_contact(petition: Petition) -> bool:
    """For a petition already in the official's scope: the same rule as ``contact_visible_q``."""
    return petition.kind != Kind.DENUNCIATION and not petition.is_anonymous


FIND_LIMIT = 20
_NUMBER = re.compile(r"#?\s*(\d{1,9})")


@dataclass
class Found:
    """What the find box found: one petition to open at once, or a short list."""

    how: str = ""  # code | number | phone | words
    exact: Petition | None = None
    rows: list[Petition] | None = None
    more: bool = False


def find_petitions(user, query: str) -> Found:
    """A tracking code, a petition number, a sender's phone or words, within the user's units.

    The first three are exact: one match opens the petition. The phone searches only contacts the
    official is shown on the petition's page (``contact_visible_q``): never a denouncer's."""
    query = (query or "").strip()[:100]
    if not query:
        return Found()
    scope = petitions_for_user(user)
    code = looks_like_tracking_code(query)
    if code:
        petition = scope.filter(tracking_code=code).first()
        if petition is not None:
            return Found(how="code", exact=petition)
    number = _NUMBER.fullmatch(query)
    if number:
        petition = scope.filter(pk=int(number[1])).first()
        if petition is not None:
            return Found(how="number", exact=petition)
    phone = normalize_phone(query)
    if phone:
        rows = _found_rows(scope.filter(contact_visible_q(), contact__phone=phone))
        if rows:
            if len(rows) == 1:
                return Found(how="phone", exact=rows[0])
            return Found(how="phone", rows=rows[:FIND_LIMIT], more=len(rows) > FIND_LIMIT)
    rows = _found_rows(filter_folded(scope, "search_text", query))
    return Found(how="words", rows=rows[:FIND_LIMIT], more=len(rows) > FIND_LIMIT)


def _found_rows(qs: QuerySet[Petition]) -> list[Petition]:
    """Open ones first, then the newest; one more than shown, to know whether there are more."""
    qs = qs.annotate(
        closed=Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1))
    ).select_related("field", "unit", "body", "assignee")
    return list(qs.order_by("closed", "-received_at", "-id")[: FIND_LIMIT + 1])


@dataclass
class InboxFilter:
    state: str = ""
    body: int | None = None
    unit: int | None = None
    field: int | None = None
    query: str = ""
    which: str = "open"  # open | all | closed
    assignee: int | None = None


def inbox(user, flt: InboxFilter, today: dt.date | None = None) -> QuerySet[Petition]:
    """The official's petitions: overdue first, then due soon, then by deadline."""
    today = today or timezone.localdate()
    soon = due_date(today, DUE_SOON_WORKING_DAYS)
    qs = petitions_for_user(user)
    if flt.which == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif flt.which == "overdue":
        # What the superior body watches: every open case of its units past its time limit.
        qs = qs.filter(state__in=OPEN_STATES, deadline__lt=today)
    elif flt.which == "closed":
        qs = qs.exclude(state__in=OPEN_STATES)
    if flt.state:
        qs = qs.filter(state=flt.state)
    if flt.body:
        qs = qs.filter(body_id=flt.body)
    if flt.unit:
        unit = AdminUnit.objects.filter(pk=flt.unit).first()
        qs = qs.filter(scope_path__startswith=unit.path) if unit else qs.none()
    if flt.field:
        qs = qs.filter(field_id=flt.field)
    if flt.assignee:
        qs = qs.filter(assignee_id=flt.assignee)
    if flt.query:
        # A tracking code typed into the search finds its petition, as the words find theirs.
        code = looks_like_tracking_code(flt.query)
        words = filter_folded(qs, "search_text", flt.query)
        qs = (qs.filter(tracking_code=code) | words) if code else words
    urgency = Case(
        When(state__in=OPEN_STATES, deadline__lt=today, then=Value(0)),
        When(state__in=OPEN_STATES, deadline__lte=soon, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    qs = qs.annotate(urgency=urgency).select_related("field", "unit", "body", "assignee")
    if flt.which in ("open", "overdue"):
        # Open petitions always have a deadline, and urgency follows it: the same order as below,
        # but one an index on (state, deadline, id) serves without sorting the whole inbox.
        return qs.order_by("deadline", "id")
    if flt.which == "closed":
        return qs.order_by("-received_at", "-id")
    return qs.order_by("urgency", "deadline", "id")


# --- Waiting for me ------------------------------------------------------------------------------

# The lists of "waiting for me", in the order they are shown: a leader's approvals first.
WAITING = ("approve", "accept", "overdue", "due", "assigned")
DUE_WITHIN_DAYS = 7


def _waiting_conditions(user, today: dt.date) -> dict[str, Q]:
    """Each list as a condition on the user's open petitions; every permission through ``scope_q``.

    Due and overdue are what the official answers for: the petitions assigned to them, and for a
    leader (who may approve answers in a unit) every petition of that unit."""

    def scope(action: str) -> Q:
        # Everywhere (a superuser) is an empty Q, which ``|`` would drop: say "every row" instead.
        return permissions.scope_q(user, action, "scope_path") or Q(pk__isnull=False)

    answers_for = Q(assignee=user) | scope("petitions.approve")
    may_accept = (
        (Q(kind__in=SIMPLE_KINDS) & scope("petitions.accept"))
        | (Q(kind=Kind.COMPLAINT) & scope("petitions.complaint.accept"))
        | (Q(kind=Kind.DENUNCIATION) & scope("petitions.denunciation.accept"))
    )
    pending = Exists(Answer.objects.filter(petition=OuterRef("pk"), status=Answer.Status.PENDING))
    return {
        "approve": Q(pending, state=State.IN_PROGRESS) & scope("petitions.approve"),
        "accept": Q(state=State.RECEIVED) & may_accept,
        "overdue": Q(deadline__lt=today) & answers_for,
        "due": Q(deadline__gte=today, deadline__lt=today + dt.timedelta(days=DUE_WITHIN_DAYS))
        & answers_for,
        "assigned": Q(assignee=user),
    }


def _open_for(user) -> QuerySet[Petition]:
    return petitions_for_user(user).filter(state__in=OPEN_STATES)


def waiting_counts(user, today: dt.date | None = None) -> dict[str, int]:
    """How many petitions wait in each list, and ``total`` (each petition once): one query."""
    today = today or timezone.localdate()
    conditions = _waiting_conditions(user, today)
    anything = Q()
    for condition in conditions.values():
        anything |= condition
    return _open_for(user).aggregate(
        **{name: Count("id", filter=condition) for name, condition in conditions.items()},
        total=Count("id", filter=anything),
    )


def waiting_list(user, which: str, today: dt.date | None = None) -> QuerySet[Petition]:
    """The petitions of one list, the most urgent first."""
    today = today or timezone.localdate()
    condition = _waiting_conditions(user, today)[which]
    return (
        _open_for(user)
        .filter(condition)
        .select_related("field", "unit", "body", "assignee")
        .order_by("deadline", "id")
    )


@dataclass
class PublicFilter:
    unit: int | None = None
    field: int | None = None
    state: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    query: str = ""


def public_petitions(flt: PublicFilter) -> QuerySet[Petition]:
    """Answered petitions whose senders agreed to publication."""
    qs = Petition.objects.filter(
        consent_publish=True, state__in=PUBLIC_STATES, kind__in=SIMPLE_KINDS
    )
    if flt.unit:
        unit = AdminUnit.objects.filter(pk=flt.unit).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if flt.field:
        qs = qs.filter(field_id=flt.field)
    if flt.state in PUBLIC_STATES:
        qs = qs.filter(state=flt.state)
    if flt.since:
        qs = qs.filter(received_at__date__gte=flt.since)
    if flt.until:
        qs = qs.filter(received_at__date__lte=flt.until)
    if flt.query:
        qs = filter_folded(qs, "search_text", flt.query)
    # "contact": public_text() reads the sender's name to remove it from each row's text.
    return qs.select_related("field", "unit", "body", "contact").order_by("-received_at", "-id")


_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")


def redact(text: str, names: list[str] | None = None) -> str:
    """Remove phone numbers, email addresses, ID numbers and the given names from ``text``."""
    text = _EMAIL.sub("[…]", text)
    text = _PHONE.sub("[…]", text)
    text = _ID_NUMBER.sub("[…]", text)
    for name in names or []:
        name = name.strip()
        if len(name) >= 3:
            text = re.sub(re.escape(name), "[…]", text, flags=re.IGNORECASE)
    return text


def public_text(petition: Petition) -> str:
    if petition.public_text:
        return petition.public_text
    contact = getattr(petition, "contact", None)
    names = [contact.name] if contact is not None and contact.name else []
    return redact(petition.content, names)


def first_of_months_back(today: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` months back, the current month counting as one."""
    index = today.year * 12 + today.month - months
    return dt.date(index // 12, index % 12 + 1, 1)


def figures_by_month(unit: AdminUnit, months: int = 12, today: dt.date | None = None) -> list[dict]:
    """Per month of receipt: received, answered, answered on time, average days, satisfaction."""
    today = today or timezone.localdate()
    first = first_of_months_back(today, months)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    rows = (
        Petition.objects.filter(unit__path__startswith=unit.path, received_at__gte=start)
        .exclude(state=State.MERGED)
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            on_time=Count(
                "id", filter=Q(answered_at__isnull=False, answered_at__date__lte=F("deadline"))
            ),
            overdue_open=Count("id", filter=Q(state__in=OPEN_STATES, deadline__lt=today)),
            satisfaction=Avg("rating"),
            rated=Count("rating"),
        )
        .order_by("month")
    )
    result = []
    durations = _answer_days_by_month(unit, start)
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        answered = row["answered"]
        result.append(
            {
                **row,
                "month": month,
                "on_time_pct": round(100 * row["on_time"] / answered) if answered else None,
                "average_days": durations.get((month.year, month.month)),
            }
        )
    return result


def _answer_days_by_month(unit: AdminUnit, start: dt.datetime) -> dict[tuple[int, int], float]:
    """Average calendar days from receipt to answer, per month of receipt (one query)."""
    pairs = (
        Petition.objects.filter(
            unit__path__startswith=unit.path, received_at__gte=start, answered_at__isnull=False
        )
        .exclude(state=State.MERGED)
        .values_list("received_at", "answered_at")
    )
    sums: dict[tuple[int, int], list[float]] = {}
    for received, answered in pairs.iterator(chunk_size=2000):
        local = timezone.localtime(received)
        bucket = sums.setdefault((local.year, local.month), [0.0, 0])
        bucket[0] += (answered - received).total_seconds() / 86400
        bucket[1] += 1
    return {key: round(total / n, 1) for key, (total, n) in sums.items()}


def figures_by_kind(
    unit: AdminUnit, since: dt.date, until: dt.date, today: dt.date | None = None
) -> list[dict]:
    """Per kind of petition received in [since, until] under ``unit``: received, accepted, resolved,
    resolved on time, overdue now, extended, and (complaints) the share that went to second instance.
    Four queries whatever the number of petitions."""
    from .models import ComplaintCase, DenunciationCase, Kind

    today = today or timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until, dt.time.max))
    base = Petition.objects.filter(
        unit__path__startswith=unit.path, received_at__range=(start, end)
    ).exclude(state=State.MERGED)
    not_accepted = [State.RECEIVED, State.REFUSED, State.DECLINED, State.FORWARDED]
    rows = {
        r["kind"]: r
        for r in base.values("kind").annotate(
            received=Count("id"),
            accepted=Count("id", filter=~Q(state__in=not_accepted)),
            resolved=Count("id", filter=Q(answered_at__isnull=False)),
            on_time=Count(
                "id", filter=Q(answered_at__isnull=False, answered_at__date__lte=F("deadline"))
            ),
            overdue=Count("id", filter=Q(state__in=OPEN_STATES, deadline__lt=today)),
        )
    }
    extended = (
        DenunciationCase.objects.filter(petition__in=base, extensions__isnull=False)
        .values("pk")
        .distinct()
        .count()
    )
    first_decided = ComplaintCase.objects.filter(
        petition__in=base, instance=1, decided_on__isnull=False
    ).count()
    appealed = ComplaintCase.objects.filter(
        petition__in=base, instance=1, petition__state=State.APPEALED
    ).count()
    result = []
    for kind, label in Kind.choices:
        row = rows.get(
            kind, {"received": 0, "accepted": 0, "resolved": 0, "on_time": 0, "overdue": 0}
        )
        item = {
            "kind": kind,
            "label": str(label),
            "received": row["received"],
            "accepted": row["accepted"],
            "resolved": row["resolved"],
            "on_time": row["on_time"],
            "on_time_pct": round(100 * row["on_time"] / row["resolved"])
            if row["resolved"]
            else None,
            "overdue": row["overdue"],
            "extended": extended if kind == Kind.DENUNCIATION else None,
            "second_instance_pct": (
                round(100 * appealed / first_decided) if first_decided else None
            )
            if kind == Kind.COMPLAINT
            else None,
        }
        result.append(item)
    return result
