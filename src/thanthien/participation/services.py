"""Everything that changes participation records. Views, commands and the demo call these.

Every state change is a conditional UPDATE on the old state (two officials cannot both win) and one
audit row. Bad input raises ``ValidationError`` with a translated message and changes nothing.
"""

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.audit import audit_record
from thanthien.core.models import AdminUnit, Body, OneTimeCode, Role
from thanthien.core.people import normalize_phone
from thanthien.core.submissions import create_once, earlier_submission
from thanthien.core.workdays import due_date

from . import rules, workflow
from .models import (
    Ballot,
    Campaign,
    Consultation,
    Contribution,
    CountingMember,
    DecisionOption,
    ForwardedOpinion,
    FrontReport,
    Household,
    Opinion,
    RecognitionTask,
    Recommendation,
    Section,
    VillageDecision,
)
from .workflow import Conflict, transition

FRONT_KINDS = (Body.Kind.FATHERLAND_FRONT, Body.Kind.MASS_ORGANIZATION)
RECOGNITION_DAYS = 10  # working days for the commune to recognize a village decision (unverified)
MAX_TEXT = 5000


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _text(value: str, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError({field: [_("Keep it under %(n)d characters.") % {"n": limit}]})
    return value


def front_body_for(user, unit: AdminUnit) -> Body | None:
    """The Fatherland Front or mass-organization body through which ``user`` acts at ``unit``."""
    for m in permissions.active_memberships(user):
        if (
            m.role == Role.SUPERVISOR
            and m.body.kind in FRONT_KINDS
            and unit.path.startswith(m.body.unit.path)
        ):
            return m.body
    return None


# --- Consultations -------------------------------------------------------------------------------


def _validate_period(opens_on, closes_on) -> None:
    if not opens_on or not closes_on:
        raise ValidationError({"closes_on": [_("Give both the opening and the closing date.")]})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": [_("The closing date is before the opening date.")]})


def _check_comment_period(kind: str, opens_on: dt.date, closes_on: dt.date) -> None:
    """A draft village convention stays open for comment at least the legal period, counted as
    LEGAL.md counts days (Civil Code 2015, Art. 147-148): from the day after it opens, and when the
    last day is a day off, to the end of the next working day."""
    if kind != Consultation.Kind.CONVENTION:
        return
    rule = rules.CONVENTION_COMMENT_PERIOD
    earliest = due_date(opens_on, rule.value, rule.count)
    if closes_on < earliest:
        raise ValidationError(
            {
                "closes_on": [
                    _(
                        "A draft village convention is open for comment at least %(days)d days "
                        "(%(source)s), counted from the day after it opens (%(counting)s): opening "
                        "on %(opens)s, it can close on %(earliest)s at the earliest."
                    )
                    % {
                        "days": rule.value,
                        "source": rule.citation,
                        "counting": rules.DAY_COUNTING_SOURCE,
                        "opens": opens_on.strftime("%d/%m/%Y"),
                        "earliest": earliest.strftime("%d/%m/%Y"),
                    }
                ]
            }
        )


def _clean_sections(sections: list[tuple[str, str]]) -> list[tuple[str, str]]:
    cleaned = [
        (h.strip(), t.strip()) for h, t in sections if (h or "").strip() or (t or "").strip()
    ]
    if not cleaned:
        raise ValidationError({"sections": [_("The draft needs at least one section.")]})
    for n, (heading, text) in enumerate(cleaned, start=1):
        if not heading or not text:
            raise ValidationError(
                {"sections": [_("Section %(n)d needs both a heading and a text.") % {"n": n}]}
            )
    return cleaned


def parse_sections(text: str) -> list[tuple[str, str]]:
    """A draft pasted as text: a line starting with '## ' starts a section (its heading)."""
    sections: list[tuple[str, list[str]]] = []
    for line in (text or "").splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip():
            sections.append(("", [line]))
    return [(h, "\n".join(lines).strip()) for h, lines in sections]


@transaction.atomic
def consultation_create(
    *,
    actor,
    unit: AdminUnit,
    kind: str,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    audiences: list[str],
    sections: list[tuple[str, str]],
    summary: str = "",
    target_units=(),
    organizations=(),
    allow_anonymous: bool = False,
    previous: Consultation | None = None,
) -> Consultation:
    permissions.require(actor, "participation.manage", unit)
    if unit.level != AdminUnit.Level.COMMUNE:
        raise ValidationError({"unit": [_("A consultation belongs to a commune.")]})
    if kind not in Consultation.Kind.values:
        raise ValidationError({"kind": [_("Choose a kind from the list.")]})
    title = _text(title, "title", limit=250)
    _validate_period(opens_on, closes_on)
    if previous is None:  # a revised version is the adopted text, published at once: no new round
        _check_comment_period(kind, opens_on, closes_on)
    audiences = list(dict.fromkeys(audiences or []))
    if not audiences or any(a not in Consultation.Audience.values for a in audiences):
        raise ValidationError({"audiences": [_("Choose who is asked.")]})
    target_units = list(target_units)
    if any(not (v.path.startswith(unit.path) and v.level == "village") for v in target_units):
        raise ValidationError({"target_units": [_("Choose villages of this commune.")]})
    if Consultation.Audience.VILLAGES in audiences and not target_units:
        raise ValidationError({"target_units": [_("Name the villages that are asked.")]})
    organizations = list(organizations)
    if any(not b.unit.path.startswith(unit.path) for b in organizations):
        raise ValidationError({"organizations": [_("Choose organizations of this commune.")]})
    cleaned = _clean_sections(sections)
    consultation = Consultation.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        summary=(summary or "").strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        audiences=audiences,
        allow_anonymous=allow_anonymous,
        created_by=actor,
        previous=previous,
        version=previous.version + 1 if previous else 1,
    )
    consultation.target_units.set(target_units)
    consultation.organizations.set(organizations)
    Section.objects.bulk_create(
        Section(consultation=consultation, number=n, heading=h, text=t)
        for n, (h, t) in enumerate(cleaned, start=1)
    )
    audit_record("participation.consultation_created", obj=consultation, actor=actor, unit=unit)
    return consultation


def consultation_new_version(
    *,
    consultation: Consultation,
    actor,
    sections: list[tuple[str, str]],
    summary: str = "",
    on: dt.date | None = None,
) -> Consultation:
    """The revised draft after the responses: a new record beside the old, linked to it, published
    ``on`` that day (today by default)."""
    permissions.require(actor, "participation.respond", consultation.unit)
    if consultation.state != Consultation.State.PUBLISHED:
        raise ValidationError(_("Publish the responses before publishing a new version."))
    if Consultation.objects.filter(previous=consultation).exists():
        raise ValidationError(_("This draft already has a newer version."))
    try:
        new = consultation_create(
            actor=actor,
            unit=consultation.unit,
            kind=consultation.kind,
            title=consultation.title,
            summary=summary or consultation.summary,
            opens_on=on or timezone.localdate(),
            closes_on=on or timezone.localdate(),
            audiences=consultation.audiences,
            sections=sections,
            target_units=consultation.target_units.all(),
            organizations=consultation.organizations.all(),
            allow_anonymous=consultation.allow_anonymous,
            previous=consultation,
        )
    except IntegrityError as error:  # two officials at once: OneToOne on previous
        raise ValidationError(_("This draft already has a newer version.")) from error
    transition(new, "publish_version", actor=actor, unit=new.unit, published_at=timezone.now())
    return new


def consultation_open(*, consultation: Consultation, actor) -> Consultation:
    return transition(consultation, "open", actor=actor, unit=consultation.unit)


def consultation_close(
    *, consultation: Consultation, actor, today: dt.date | None = None
) -> Consultation:
    permissions.require(actor, "participation.manage", consultation.unit)
    if _today(today) <= consultation.closes_on:
        raise ValidationError(
            _("The period runs until %(d)s: it can be closed from the next day.")
            % {"d": consultation.closes_on.strftime("%d/%m/%Y")}
        )
    return transition(consultation, "close", actor=actor, unit=consultation.unit)


CODES_PER_PHONE = 3  # codes sent to one phone in CODE_WINDOW: an SMS costs money, and annoys
CODE_WINDOW = dt.timedelta(minutes=30)


def check_code_allowance(phone: str) -> None:
    """Refuse to send more than a few codes to one phone in a short time."""
    recent = OneTimeCode.objects.filter(
        destination=phone,
        purpose=OneTimeCode.Purpose.VERIFY_CONTACT,
        created_at__gte=timezone.now() - CODE_WINDOW,
    ).count()
    if recent >= CODES_PER_PHONE:
        raise ValidationError(
            {"phone": [_("Too many codes were sent to this number. Try again in 30 minutes.")]}
        )


def accepts_opinions(consultation: Consultation, today: dt.date | None = None) -> bool:
    return consultation.state == Consultation.State.OPEN and rules.in_period(
        _today(today), consultation.opens_on, consultation.closes_on
    )


def _check_open(consultation: Consultation, today: dt.date | None) -> None:
    if not accepts_opinions(consultation, today):
        raise ValidationError(
            _("This draft is not open for opinions (period %(a)s – %(b)s).")
            % {
                "a": consultation.opens_on.strftime("%d/%m/%Y"),
                "b": consultation.closes_on.strftime("%d/%m/%Y"),
            }
        )


def _section_of(consultation: Consultation, section: Section | None) -> Section | None:
    if section is not None and section.consultation_id != consultation.pk:
        raise ValidationError({"section": [_("Choose a section of this draft.")]})
    return section


def _create_opinion(submission_key: str | None, **fields) -> tuple[Opinion, bool]:
    existing = earlier_submission(Opinion, submission_key)
    if existing is not None:
        return existing, False

    def create() -> Opinion:
        opinion = Opinion.objects.create(submission_key=submission_key or None, **fields)
        audit_record(
            "participation.opinion_received",
            obj=opinion,
            actor=fields.get("entered_by") or fields.get("user"),
            unit=fields["consultation"].unit,
            data={"source": fields["source"]},
        )
        return opinion

    return create_once(Opinion, submission_key, create)


def opinion_submit_citizen(
    *,
    consultation: Consultation,
    section: Section | None,
    text: str,
    user=None,
    verified_phone: str = "",
    name: str = "",
    is_anonymous: bool = False,
    submission_key: str | None = None,
    today: dt.date | None = None,
) -> tuple[Opinion, bool]:
    """A citizen's comment: signed in, or with a phone proven by a one-time code (the view checks
    the code through ``core.people.otp_verify``), or anonymous where the consultation allows it."""
    _check_open(consultation, today)
    if Consultation.Audience.CITIZENS not in consultation.audiences and (
        Consultation.Audience.VILLAGES not in consultation.audiences
    ):
        raise ValidationError(_("This draft asks organizations only."))
    section = _section_of(consultation, section)
    text = _text(text, "text")
    name = _text(name, "name", required=False, limit=150)
    if user is not None and user.is_authenticated:
        verification, phone = Opinion.Verification.ACCOUNT, user.phone or ""
        name = name or user.display_name
    elif verified_phone:
        verification, phone = Opinion.Verification.PHONE, verified_phone
    elif consultation.allow_anonymous:
        verification, phone, is_anonymous = Opinion.Verification.NONE, "", True
    else:
        raise ValidationError(_("Sign in or confirm your phone number with a code first."))
    return _create_opinion(
        submission_key,
        consultation=consultation,
        section=section,
        source=Opinion.Source.CITIZEN,
        verification=verification,
        author_name="" if verification == Opinion.Verification.NONE else name,
        is_anonymous=is_anonymous,
        phone=phone,
        user=user if verification == Opinion.Verification.ACCOUNT else None,
        text=text,
    )


def opinion_submit_organization(
    *,
    consultation: Consultation,
    actor,
    text: str,
    section: Section | None = None,
    document=None,
    submission_key: str | None = None,
    today: dt.date | None = None,
) -> tuple[Opinion, bool]:
    """The Fatherland Front's or a mass organization's formal opinion, with its signed document."""
    body = front_body_for(actor, consultation.unit)
    if body is None:
        raise Http404
    _check_open(consultation, today)
    asked = (
        (
            body.kind == Body.Kind.FATHERLAND_FRONT
            and Consultation.Audience.FRONT in consultation.audiences
        )
        or consultation.organizations.filter(pk=body.pk).exists()
        or Consultation.Audience.MASS_ORGANIZATIONS in consultation.audiences
    )
    if not asked:
        raise ValidationError(_("Your organization is not among those asked on this draft."))
    section = _section_of(consultation, section)
    text = _text(text, "text")
    if document is not None:
        if document.size > 10 * 1024 * 1024:
            raise ValidationError({"document": [_("The file is larger than 10 MB.")]})
        if not document.name.lower().endswith((".pdf", ".docx", ".doc", ".jpg", ".jpeg", ".png")):
            raise ValidationError({"document": [_("Send a PDF, Word document or photo.")]})
    opinion, created = _create_opinion(
        submission_key,
        consultation=consultation,
        section=section,
        source=Opinion.Source.ORGANIZATION,
        verification=Opinion.Verification.ACCOUNT,
        author_name=actor.display_name,
        user=actor,
        body=body,
        text=text,
        entered_by=actor,
    )
    if created and document is not None:
        opinion.document.save(document.name, document, save=True)
    return opinion, created


def opinion_enter(
    *,
    consultation: Consultation,
    actor,
    source: str,
    text: str,
    source_note: str,
    author_name: str = "",
    section: Section | None = None,
    submission_key: str | None = None,
) -> tuple[Opinion, bool]:
    """Staff enter an opinion gathered at a meeting or on a paper questionnaire."""
    permissions.require(actor, "participation.manage", consultation.unit)
    if consultation.state not in (Consultation.State.OPEN, Consultation.State.CLOSED):
        raise ValidationError(_("Opinions are entered while the draft is open or being answered."))
    if source not in (Opinion.Source.MEETING, Opinion.Source.QUESTIONNAIRE):
        raise ValidationError({"source": [_("Choose where the opinion was gathered.")]})
    section = _section_of(consultation, section)
    return _create_opinion(
        submission_key,
        consultation=consultation,
        section=section,
        source=source,
        verification=Opinion.Verification.STAFF,
        author_name=_text(author_name, "author_name", required=False, limit=150),
        source_note=_text(source_note, "source_note", limit=250),
        text=_text(text, "text"),
        entered_by=actor,
    )


def opinion_respond(*, opinion: Opinion, actor, response: str, text: str) -> Opinion:
    """Adopted, partly adopted, or explained: the last two need the reason in writing."""
    consultation = opinion.consultation
    permissions.require(actor, "participation.respond", consultation.unit)
    if consultation.state != Consultation.State.CLOSED:
        raise ValidationError(_("Opinions are answered after the period closes."))
    if response not in Opinion.Response.values:
        raise ValidationError({"response": [_("Choose adopted, partly adopted or explained.")]})
    text = _text(text, "response_text", required=response != Opinion.Response.ADOPTED)
    now = timezone.now()
    with transaction.atomic():
        # Conditional: only while the consultation is still being answered.
        updated = Opinion.objects.filter(
            pk=opinion.pk, consultation__state=Consultation.State.CLOSED
        ).update(response=response, response_text=text, responded_by=actor, responded_at=now)
        if not updated:
            raise Conflict(_("This record was changed by someone else. Reload the page."))
        audit_record(
            "participation.opinion_answered",
            obj=opinion,
            actor=actor,
            unit=consultation.unit,
            data={"response": response},
        )
    opinion.response, opinion.response_text = response, text
    opinion.responded_by, opinion.responded_at = actor, now
    return opinion


def consultation_publish(*, consultation: Consultation, actor) -> Consultation:
    permissions.require(actor, "participation.respond", consultation.unit)
    waiting = consultation.opinions.filter(response="").count()
    if waiting:
        raise ValidationError(_("%(n)d opinions have no response yet.") % {"n": waiting})
    return transition(
        consultation, "publish", actor=actor, unit=consultation.unit, published_at=timezone.now()
    )


# --- Village decisions ---------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    actor,
    village: AdminUnit,
    title: str,
    method: str,
    opens_on: dt.date,
    closes_on: dt.date,
    options: list[str],
    description: str = "",
    counting_committee: list[str] = (),
    needs_recognition: bool = False,
) -> VillageDecision:
    permissions.require(actor, "participation.manage", village)
    if village.level != AdminUnit.Level.VILLAGE:
        raise ValidationError({"village": [_("A village decision belongs to a village.")]})
    title = _text(title, "title", limit=250)
    if method not in VillageDecision.Method.values:
        raise ValidationError({"method": [_("Choose a voting method.")]})
    _validate_period(opens_on, closes_on)
    options = [o.strip() for o in options if (o or "").strip()]
    if len(options) < 2:
        raise ValidationError({"options": [_("Give at least two options (e.g. Agree, Disagree).")]})
    if len({o.casefold() for o in options}) != len(options):
        raise ValidationError({"options": [_("Two options have the same text.")]})
    members = [m.strip() for m in counting_committee if (m or "").strip()]
    low, high = rules.COUNTING_COMMITTEE_SIZE
    if method == VillageDecision.Method.BALLOT and not low <= len(members) <= high:
        raise ValidationError(
            {
                "counting_committee": [
                    _("A secret ballot needs a counting committee of %(a)d to %(b)d people.")
                    % {"a": low, "b": high}
                ]
            }
        )
    decision = VillageDecision.objects.create(
        village=village,
        title=title,
        description=(description or "").strip(),
        method=method,
        opens_on=opens_on,
        closes_on=closes_on,
        needs_recognition=needs_recognition,
        created_by=actor,
    )
    DecisionOption.objects.bulk_create(
        DecisionOption(decision=decision, number=n, text=t) for n, t in enumerate(options, 1)
    )
    CountingMember.objects.bulk_create(CountingMember(decision=decision, name=m) for m in members)
    audit_record("participation.decision_created", obj=decision, actor=actor, unit=village)
    return decision


HOUSEHOLD_HEADER = ["số hộ", "chủ hộ", "người đại diện"]


def _rows_from_upload(upload) -> list[list[str]]:
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:  # noqa: BLE001 - any broken file gets the same message
            raise ValidationError({"file": [_("The spreadsheet cannot be read.")]}) from error
        return [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError({"file": [_("Save the CSV file as UTF-8.")]}) from error
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    raise ValidationError({"file": [_("Send an .xlsx or .csv file.")]})


def households_import(*, decision: VillageDecision, actor, upload) -> int:
    """Replace the household list from a spreadsheet: columns household no., head, representative.

    All or nothing: the first bad row is named and nothing is saved."""
    permissions.require(actor, "participation.manage", decision.village)
    if decision.state != VillageDecision.State.DRAFT:
        raise ValidationError(_("The household list is fixed once voting opens."))
    rows = _rows_from_upload(upload)
    rows = [r for r in rows if any(r)]
    if rows and [c.casefold() for c in rows[0][:3]] == HOUSEHOLD_HEADER:
        rows = rows[1:]
        first = 2
    else:
        first = 1
    if not rows:
        raise ValidationError({"file": [_("The file has no households.")]})
    seen: set[str] = set()
    households = []
    for n, row in enumerate(rows, start=first):
        row = [*row, "", "", ""][:3]
        code, head, rep = row
        if not code or not head:
            raise ValidationError(
                {
                    "file": [
                        _("Row %(n)d: the household number and the head's name are required.")
                        % {"n": n}
                    ]
                }
            )
        if len(code) > 30 or len(head) > 150 or len(rep) > 150:
            raise ValidationError({"file": [_("Row %(n)d: a value is too long.") % {"n": n}]})
        if code in seen:
            raise ValidationError(
                {
                    "file": [
                        _("Row %(n)d: household %(code)s appears twice.") % {"n": n, "code": code}
                    ]
                }
            )
        seen.add(code)
        households.append(
            Household(decision=decision, code=code, head_name=head, representative=rep or head)
        )
    with transaction.atomic():
        decision.households.all().delete()
        Household.objects.bulk_create(households)
        audit_record(
            "participation.households_imported",
            obj=decision,
            actor=actor,
            unit=decision.village,
            data={"count": len(households)},
        )
    return len(households)


def decision_open(*, decision: VillageDecision, actor) -> VillageDecision:
    permissions.require(actor, "participation.manage", decision.village)
    if not decision.households.exists():
        raise ValidationError(_("Import the list of households first."))
    return transition(decision, "open", actor=actor, unit=decision.village)


def _check_voting(decision: VillageDecision, today: dt.date | None) -> None:
    if decision.state != VillageDecision.State.OPEN or not rules.in_period(
        _today(today), decision.opens_on, decision.closes_on
    ):
        raise ValidationError(
            _("Votes are recorded only during the voting period (%(a)s – %(b)s).")
            % {
                "a": decision.opens_on.strftime("%d/%m/%Y"),
                "b": decision.closes_on.strftime("%d/%m/%Y"),
            }
        )


def ballot_record(
    *,
    decision: VillageDecision,
    actor,
    household_code: str,
    option_number: int | None,
    spoiled: bool = False,
    today: dt.date | None = None,
) -> Ballot:
    """The counting committee records one household's ballot. A household votes once."""
    permissions.require(actor, "participation.manage", decision.village)
    if decision.method != VillageDecision.Method.BALLOT:
        raise ValidationError(_("This decision is taken by show of hands."))
    _check_voting(decision, today)
    household = decision.households.filter(code=(household_code or "").strip()).first()
    if household is None:
        raise ValidationError({"household": [_("No such household on this decision's list.")]})
    option = None
    if not spoiled:
        option = decision.options.filter(number=option_number).first() if option_number else None
        if option is None:
            raise ValidationError({"option": [_("Choose an option, or mark the ballot spoiled.")]})
    try:
        with transaction.atomic():
            # Lock the decision: a ballot recorded while another official closes the count
            # either lands before the count or is refused, never after it unseen.
            still_open = (
                VillageDecision.objects.select_for_update()
                .filter(pk=decision.pk, state=VillageDecision.State.OPEN)
                .exists()
            )
            if not still_open:
                raise Conflict(_("This record was changed by someone else. Reload the page."))
            ballot = Ballot.objects.create(
                decision=decision,
                household=household,
                option=option,
                spoiled=spoiled,
                recorded_by=actor,
            )
            audit_record(
                "participation.ballot_recorded", obj=decision, actor=actor, unit=decision.village
            )
    except IntegrityError as error:
        raise ValidationError(
            {"household": [_("Household %(code)s has already voted.") % {"code": household.code}]}
        ) from error
    return ballot


def hands_result_enter(
    *,
    decision: VillageDecision,
    actor,
    participants: int,
    votes: dict[int, int],
    today: dt.date | None = None,
) -> rules.VoteOutcome:
    """The meeting's secretary enters the show of hands: who took part, votes per option."""
    permissions.require(actor, "participation.manage", decision.village)
    if decision.method != VillageDecision.Method.HANDS:
        raise ValidationError(_("This decision is taken by secret ballot."))
    _check_voting(decision, today)
    options = list(decision.options.all())
    if set(votes) != {o.number for o in options}:
        raise ValidationError({"votes": [_("Give the votes for every option.")]})
    try:
        outcome = rules.vote_outcome(
            households=decision.households.count(),
            participants=participants,
            options=[(o.number, o.text, votes[o.number]) for o in options],
        )
    except ValueError as error:
        raise ValidationError({"votes": [str(error)]}) from error
    with transaction.atomic():
        transition(
            decision,
            "count",
            actor=actor,
            unit=decision.village,
            data={"participants": participants, "votes": votes},
            participants=participants,
        )
        for o in options:
            DecisionOption.objects.filter(pk=o.pk).update(votes=votes[o.number])
    return outcome


def decision_count(
    *, decision: VillageDecision, actor, today: dt.date | None = None
) -> rules.VoteOutcome:
    """Close a secret ballot and count it: the totals come from the recorded ballots."""
    permissions.require(actor, "participation.manage", decision.village)
    if decision.method != VillageDecision.Method.BALLOT:
        raise ValidationError(_("This decision is taken by show of hands."))
    if _today(today) < decision.opens_on:
        raise ValidationError(_("Voting has not started."))
    with transaction.atomic():
        transition(decision, "count", actor=actor, unit=decision.village)
        ballots = list(decision.ballots.values_list("option_id", "spoiled"))
        spoiled = sum(1 for _o, s in ballots if s)
        for option in decision.options.all():
            DecisionOption.objects.filter(pk=option.pk).update(
                votes=sum(1 for o, _s in ballots if o == option.pk)
            )
        VillageDecision.objects.filter(pk=decision.pk).update(
            participants=len(ballots), spoiled=spoiled
        )
        decision.participants, decision.spoiled = len(ballots), spoiled
    return decision_outcome(decision)


def decision_outcome(decision: VillageDecision) -> rules.VoteOutcome | None:
    if decision.participants is None:
        return None
    return rules.vote_outcome(
        households=decision.households.count(),
        participants=decision.participants,
        spoiled=decision.spoiled,
        options=[(o.number, o.text, o.votes or 0) for o in decision.options.all()],
    )


def decision_publish(*, decision: VillageDecision, actor) -> VillageDecision:
    """Publish the result to the village; a passed decision that needs the commune's recognition
    becomes a task for the commune with a deadline."""
    permissions.require(actor, "participation.manage", decision.village)
    outcome = decision_outcome(decision)
    with transaction.atomic():
        transition(
            decision, "publish", actor=actor, unit=decision.village, published_at=timezone.now()
        )
        if decision.needs_recognition and outcome is not None and outcome.passed:
            RecognitionTask.objects.create(
                decision=decision,
                commune=decision.village.parent,
                due_on=due_date(timezone.now(), RECOGNITION_DAYS),
            )
    return decision


def recognition_decide(
    *, task: RecognitionTask, actor, recognized: bool, note: str = ""
) -> RecognitionTask:
    permissions.require(actor, "participation.recognize", task.commune)
    note = _text(note, "note", required=not recognized)
    return transition(
        task,
        "recognize" if recognized else "refuse",
        actor=actor,
        unit=task.commune,
        note=note,
        decided_by=actor,
        decided_at=timezone.now(),
    )


# --- Campaigns -----------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor,
    unit: AdminUnit,
    title: str,
    goal: str,
    starts_on: dt.date,
    ends_on: dt.date,
    villages,
    target_money: int = 0,
    target_labour_days: int = 0,
    target_materials: str = "",
    hide_household_amounts: bool = True,
) -> Campaign:
    permissions.require(actor, "participation.manage", unit)
    title = _text(title, "title", limit=250)
    goal = _text(goal, "goal")
    _validate_period(starts_on, ends_on)
    villages = list(villages)
    if not villages or any(
        not v.path.startswith(unit.path) or v.level != "village" for v in villages
    ):
        raise ValidationError({"villages": [_("Choose villages of this commune.")]})
    if (target_money or 0) < 0 or (target_labour_days or 0) < 0:
        raise ValidationError({"target_money": [_("Targets cannot be negative.")]})
    if not (target_money or target_labour_days or (target_materials or "").strip()):
        raise ValidationError(
            {"target_money": [_("Set a target in money, labour days or materials.")]}
        )
    campaign = Campaign.objects.create(
        unit=unit,
        title=title,
        goal=goal,
        starts_on=starts_on,
        ends_on=ends_on,
        target_money=target_money or 0,
        target_labour_days=target_labour_days or 0,
        target_materials=(target_materials or "").strip(),
        hide_household_amounts=hide_household_amounts,
        created_by=actor,
    )
    campaign.villages.set(villages)
    audit_record("participation.campaign_created", obj=campaign, actor=actor, unit=unit)
    return campaign


def contribution_record(
    *,
    campaign: Campaign,
    village: AdminUnit,
    household_name: str,
    kind: str,
    on_date: dt.date,
    money: int = 0,
    labour_days: int = 0,
    materials: str = "",
    actor=None,
    citizen=None,
    submission_key: str | None = None,
) -> tuple[Contribution, bool]:
    """A pledge or contribution, entered by village/commune staff or by the citizen themself."""
    if citizen is None:
        permissions.require(actor, "participation.manage", village)
    elif not (citizen.is_authenticated and citizen.is_active):
        raise ValidationError(_("Sign in to pledge."))
    if campaign.state != Campaign.State.OPEN or not rules.in_period(
        on_date, campaign.starts_on, campaign.ends_on
    ):
        raise ValidationError({"on_date": [_("The date is outside the campaign's period.")]})
    if not campaign.villages.filter(pk=village.pk).exists():
        raise ValidationError({"village": [_("This village is not in the campaign.")]})
    if kind not in Contribution.Kind.values:
        raise ValidationError({"kind": [_("Choose pledge or contribution.")]})
    household_name = _text(household_name, "household_name", limit=150)
    if (money or 0) < 0 or (labour_days or 0) < 0:
        raise ValidationError({"money": [_("Amounts cannot be negative.")]})
    materials = (materials or "").strip()[:250]
    if not (money or labour_days or materials):
        raise ValidationError({"money": [_("Give an amount of money, labour days or materials.")]})
    existing = earlier_submission(Contribution, submission_key)
    if existing is not None:
        return existing, False

    def create() -> Contribution:
        row = Contribution.objects.create(
            campaign=campaign,
            village=village,
            household_name=household_name,
            kind=kind,
            money=money or 0,
            labour_days=labour_days or 0,
            materials=materials,
            entered_by=actor or citizen,
            by_citizen=citizen is not None,
            on_date=on_date,
            submission_key=submission_key or None,
        )
        audit_record(
            "participation.contribution_recorded",
            obj=row,
            actor=actor or citizen,
            unit=village,
            data={"kind": kind},
        )
        return row

    return create_once(Contribution, submission_key, create)


# --- The Fatherland Front ------------------------------------------------------------------------


def front_report_submit(
    *,
    actor,
    unit: AdminUnit,
    kind: str,
    title: str,
    findings: str,
    recommendations: list[tuple[str, Body, int]],
    submission_key: str | None = None,
    today: dt.date | None = None,
) -> tuple[FrontReport, bool]:
    """A supervision finding or social-criticism opinion; each recommendation (text, responsible
    body, working days to answer) becomes a tracked response with its deadline."""
    body = front_body_for(actor, unit)
    if body is None:
        raise Http404
    if kind not in FrontReport.Kind.values:
        raise ValidationError({"kind": [_("Choose supervision or social criticism.")]})
    title = _text(title, "title", limit=250)
    findings = _text(findings, "findings")
    if not recommendations:
        raise ValidationError({"recommendations": [_("Give at least one recommendation.")]})
    for n, (text, responsible, days) in enumerate(recommendations, 1):
        if not (text or "").strip():
            raise ValidationError(
                {"recommendations": [_("Recommendation %(n)d has no text.") % {"n": n}]}
            )
        if responsible is None or not responsible.unit.path.startswith(unit.path):
            raise ValidationError(
                {
                    "recommendations": [
                        _("Recommendation %(n)d: choose a body of this commune.") % {"n": n}
                    ]
                }
            )
        if not 1 <= int(days) <= 90:
            raise ValidationError(
                {
                    "recommendations": [
                        _("Recommendation %(n)d: the time to answer is 1 to 90 working days.")
                        % {"n": n}
                    ]
                }
            )
    existing = earlier_submission(FrontReport, submission_key)
    if existing is not None:
        return existing, False
    start = _today(today)

    def create() -> FrontReport:
        report = FrontReport.objects.create(
            kind=kind,
            body=body,
            unit=unit,
            title=title,
            findings=findings,
            created_by=actor,
            submission_key=submission_key or None,
        )
        Recommendation.objects.bulk_create(
            Recommendation(
                report=report,
                number=n,
                text=text.strip(),
                responsible=responsible,
                scope_path=responsible.unit.path,
                due_on=due_date(start, int(days)),
            )
            for n, (text, responsible, days) in enumerate(recommendations, 1)
        )
        audit_record(
            "participation.front_report_submitted",
            obj=report,
            actor=actor,
            unit=unit,
            data={"kind": kind, "recommendations": len(recommendations)},
        )
        return report

    return create_once(FrontReport, submission_key, create)


# The recommendation's next states, from the workflow table (for the form's choices).
RECOMMENDATION_MOVES = {
    source: {step.target for step in workflow.RECOMMENDATION.values() if source in step.sources}
    for source in Recommendation.State.values
}
_RECOMMENDATION_ACTION = {step.target: name for name, step in workflow.RECOMMENDATION.items()}


def recommendation_update(
    *,
    recommendation: Recommendation,
    actor,
    state: str,
    answer: str = "",
    today: dt.date | None = None,
) -> Recommendation:
    """The responsible body starts handling a recommendation or answers it."""
    permissions.require(actor, "participation.respond", recommendation.responsible.unit)
    if state not in RECOMMENDATION_MOVES.get(recommendation.state, set()):
        raise ValidationError({"state": [_("This step is not possible now.")]})
    fields = {}
    if state == Recommendation.State.ANSWERED:
        fields = {
            "answer": _text(answer, "answer"),
            "answered_by": actor,
            "answered_on": _today(today),
        }
    return transition(
        recommendation,
        _RECOMMENDATION_ACTION[state],
        actor=actor,
        unit=recommendation.responsible.unit,
        **fields,
    )


def front_forward_opinion(
    *,
    actor,
    unit: AdminUnit,
    field,
    title: str,
    content: str,
    name: str = "",
    phone: str = "",
    village: AdminUnit | None = None,
    submission_key: str | None = None,
):
    """A citizen's opinion the Front collected becomes a petition in the petitions workflow, with
    the channel "forwarded by the Fatherland Front"; which Front body forwarded it is kept here."""
    from thanthien.petitions.models import Channel
    from thanthien.petitions.services import petition_submit

    body = front_body_for(actor, unit)
    if body is None:
        raise Http404
    if phone and not normalize_phone(phone):
        raise ValidationError({"phone": [_("Enter a valid phone number.")]})
    petition, created = petition_submit(
        field=field,
        unit=unit,
        village=village,
        title=title,
        content=content,
        name=name,
        phone=phone,
        # A citizen who did not want to be named reaches the commune through the Front only.
        is_anonymous=not (name or "").strip(),
        channel=Channel.FATHERLAND_FRONT,
        entered_by=actor,
        submission_key=submission_key,
    )
    if created:
        ForwardedOpinion.objects.create(body=body, petition=petition, forwarded_by=actor)
        audit_record(
            "participation.opinion_forwarded",
            obj=petition,
            actor=actor,
            unit=unit,
            data={"front_body": body.name},
        )
    return petition, created


# --- Disclosure of contributions -----------------------------------------------------------------

POSTING_DAYS = 30  # the register's minimum posting period (disclosure categories may ask more)


def campaign_disclose(*, campaign: Campaign, actor, on: dt.date | None = None):
    """Publish (or bring up to date) the campaign's contributions in the commune's disclosure
    register, under "resident contributions", respecting the campaign's privacy setting. One
    disclosure per campaign: publishing again updates it. Returns the disclosure."""
    from thanthien.disclosure.services import publish_table_disclosure

    from .selectors import campaign_disclosure_rows, campaign_totals

    permissions.require(actor, "participation.manage", campaign.unit)
    body = (
        Body.objects.filter(unit=campaign.unit, kind=Body.Kind.PEOPLES_COMMITTEE, is_active=True)
        .order_by("id")
        .first()
    )
    if body is None:
        raise ValidationError(_("The commune has no People's Committee to publish in its name."))
    totals = campaign_totals(campaign)
    if not totals["households"]:
        raise ValidationError(_("Nothing has been contributed yet: there is nothing to publish."))
    header, rows = campaign_disclosure_rows(campaign)
    on = on or timezone.localdate()
    disclosure = publish_table_disclosure(
        unit=campaign.unit,
        body=body,
        category_code="resident-contributions",
        title=_("Contributions to “%(campaign)s”") % {"campaign": campaign.title},
        header=[str(h) for h in header],
        rows=[[c.strftime("%d/%m/%Y") if isinstance(c, dt.date) else c for c in r] for r in rows],
        starts_on=on,
        ends_on=on + dt.timedelta(days=POSTING_DAYS),
        actor=actor,
        source_key=f"participation:campaign:{campaign.pk}",
        summary=_(
            "%(households)s households contributed %(money)s VND of %(target)s VND and "
            "%(labour)s labour days."
        )
        % {
            "households": totals["households"],
            "money": f"{totals['money']:,}".replace(",", "."),
            "target": f"{campaign.target_money:,}".replace(",", "."),
            "labour": totals["labour"],
        },
        period_year=on.year,
    )
    audit_record(
        "participation.campaign_disclosed",
        obj=campaign,
        actor=actor,
        unit=campaign.unit,
        data={"disclosure": disclosure.pk},
    )
    return disclosure
