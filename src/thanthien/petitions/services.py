"""Everything that changes a petition. Views, the API, commands and tasks all call these functions."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import actions, permissions
from thanthien.core.audit import audit_record
from thanthien.core.models import AdminUnit, Body
from thanthien.core.people import normalize_phone
from thanthien.core.search import fold
from thanthien.core.units import unit_on
from thanthien.core.workdays import due_date

from .files import CleanFile, clean_uploads
from .models import (
    STATUTORY_KINDS,
    Answer,
    Attachment,
    Channel,
    Contact,
    DeadlineRule,
    Field,
    Kind,
    Petition,
    PetitionEvent,
    RoutingRule,
    State,
    UnitPolicy,
)
from .notifications import notify_citizen, notify_officials
from .selectors import receiving_units
from .workflow import permission_for, transitions_for

DUPLICATE_WINDOW = dt.timedelta(minutes=10)
DEFAULT_DEADLINE_DAYS = 10


class Conflict(actions.Conflict):
    """The petition changed since the official loaded it (someone else acted first)."""


# --- Rules that are data ------------------------------------------------------------------------


def deadline_rule_for(kind: str, unit: AdminUnit) -> DeadlineRule:
    """The rule of the nearest unit up the tree that has one, else the default rule."""
    rules = {
        r.unit_id: r
        for r in DeadlineRule.objects.filter(kind=kind, unit_id__in=[*unit.ancestor_ids, None])
    }
    rules.update({None: rules.get(None)})
    for unit_id in reversed(unit.ancestor_ids):
        if unit_id in rules:
            return rules[unit_id]
    return rules[None] or DeadlineRule(kind=kind, days=DEFAULT_DEADLINE_DAYS, count="working")


def deadline_for(kind: str, unit: AdminUnit, event: dt.datetime) -> dt.date:
    rule = deadline_rule_for(kind, unit)
    return due_date(event, rule.days, rule.count)


def policy_for(unit: AdminUnit) -> UnitPolicy:
    policies = {p.unit_id: p for p in UnitPolicy.objects.filter(unit_id__in=unit.ancestor_ids)}
    for unit_id in reversed(unit.ancestor_ids):
        if unit_id in policies:
            return policies[unit_id]
    return UnitPolicy(unit=unit)


def route(field: Field, unit: AdminUnit) -> Body:
    """The body that handles ``field`` in ``unit``: the routing table, else the People's Committee."""
    candidates = RoutingRule.objects.filter(unit_id__in=unit.ancestor_ids).select_related(
        "body__unit"
    )
    best = None
    for rule in candidates:
        if rule.field_id not in (field.pk, None):
            continue
        depth = unit.ancestor_ids.index(rule.unit_id)
        score = (depth, rule.field_id is not None)
        if best is None or score > best[0]:
            best = (score, rule.body)
    if best is not None:
        return best[1]
    committee = (
        Body.objects.filter(
            unit_id__in=unit.ancestor_ids, kind=Body.Kind.PEOPLES_COMMITTEE, is_active=True
        )
        .select_related("unit")
        .order_by("-unit__path")
        .first()
    )
    if committee is None:
        raise ValidationError(
            _("No body receives petitions for %(unit)s yet.") % {"unit": unit.name}
        )
    return committee


def receiving_unit(unit: AdminUnit, received_at: dt.datetime) -> tuple[AdminUnit, str]:
    """The commune that takes a petition lodged with ``unit`` at ``received_at``, and what the
    sender is told when it is not ``unit``.

    The rule of DESIGN.md, for every channel: an abolished unit takes no new record. The day of
    receipt counts, so a paper petition received before 1 July 2025 is still entered under the
    unit that received it. Lodged with a unit abolished by then, it goes to the unit's one
    successor when that successor receives petitions on the platform, and the sender is told;
    otherwise a ValidationError names the successor(s) and nothing is saved.
    """
    if unit.level != AdminUnit.Level.COMMUNE:
        return unit, ""  # _validate_submission says what to choose
    placed = unit_on(unit, timezone.localdate(received_at))
    if not placed.moved:
        return unit, ""
    successor, since = placed.unit, placed.moved_since.strftime("%d/%m/%Y")
    names = {"old": unit.name, "new": successor.name, "day": since}
    if not receiving_units(include_abolished=True).filter(pk=successor.pk).exists():
        raise ValidationError(
            {
                "unit": [
                    _(
                        "%(old)s became part of %(new)s on %(day)s, but %(new)s does not receive "
                        "petitions on the platform yet: the petition was not saved. Send it to "
                        "%(new)s directly."
                    )
                    % names
                ]
            }
        )
    return successor, _(
        "%(old)s became part of %(new)s on %(day)s; the petition goes to %(new)s."
    ) % names


def unit_notice(petition: Petition) -> str:
    """What the sender was told about the unit when the petition was recorded ('' if nothing):
    the reason of its first event (``receiving_unit``)."""
    event = petition.events.filter(action="submit").order_by("id").first()
    return event.reason if event is not None else ""


# --- Submission -------------------------------------------------------------------------------


def _digest(*, unit: AdminUnit, field: Field, content: str, who: str) -> str:
    return hashlib.sha256(f"{unit.pk}|{field.pk}|{who}|{fold(content)}".encode()).hexdigest()


def _validate_submission(
    *,
    unit,
    village,
    title,
    content,
    name,
    phone,
    email,
    is_anonymous,
    latitude,
    longitude,
    received_at,
    submitter,
) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if unit.level != AdminUnit.Level.COMMUNE:
        err("unit", _("Choose a commune, ward or town."))
    if village is not None and village.parent_id != unit.pk:
        err("village", _("This village is not in the chosen commune."))
    if len(title.strip()) < 5:
        err("title", _("Give a short title (at least 5 characters)."))
    if len(title) > 200:
        err("title", _("The title is too long (at most 200 characters)."))
    if len(content.strip()) < 10:
        err("content", _("Describe what happened (at least 10 characters)."))
    if len(content) > 5000:
        err("content", _("The text is too long (at most 5,000 characters)."))
    phone_norm = ""
    if phone:
        phone_norm = normalize_phone(phone) or ""
        if not phone_norm:
            err("phone", _("Enter a Vietnamese phone number, e.g. 0912 345 678."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            err("email", _("Enter a valid email address."))
    if not is_anonymous and submitter is None:
        if not name.strip():
            err("name", _("Enter your name, or send anonymously."))
        if not phone and not email:
            err(
                "phone",
                _(
                    "Give a phone number or an email so that we can answer you, or send anonymously."
                ),
            )
    if (latitude is None) != (longitude is None):
        err("latitude", _("Give both latitude and longitude, or neither."))
    elif latitude is not None and not (
        Decimal("8") <= latitude <= Decimal("24") and Decimal("102") <= longitude <= Decimal("110")
    ):
        err("latitude", _("The point is outside Vietnam."))
    now = timezone.now()
    if received_at > now + dt.timedelta(minutes=5):
        err("received_at", _("The date of receipt cannot be in the future."))
    if received_at < now - dt.timedelta(days=366):
        err("received_at", _("The date of receipt is more than a year ago."))
    if errors:
        raise ValidationError(errors)
    return phone_norm, email.strip().lower()


def petition_submit(
    *,
    field: Field,
    unit: AdminUnit,
    title: str,
    content: str,
    kind: str = Kind.FEEDBACK,
    village: AdminUnit | None = None,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    name: str = "",
    phone: str = "",
    email: str = "",
    is_anonymous: bool = False,
    consent_publish: bool = False,
    share_location: bool = False,
    files: list | None = None,
    submitter=None,
    channel: str = Channel.ONLINE,
    received_at: dt.datetime | None = None,
    entered_by=None,
    submission_key: str | None = None,
    case_builder=None,
    deadline: dt.date | None = None,
    confidential_who: str = "",
) -> tuple[Petition, bool]:
    """Record a petition; return it and whether it is new.

    A repeated submission (the same ``submission_key``, or the same text about the same unit from
    the same person within ten minutes) returns the petition already recorded.

    Complaints and denunciations come through their rooms' services, which passes ``case_builder`` (it
    adds the case's own record in the same transaction), their first ``deadline``, and for a
    denunciation ``confidential_who``: the denouncer's contact is not stored with the petition.
    """
    received_at = received_at or timezone.now()
    if not field.is_active:
        raise ValidationError({"field": [_("Choose a field from the list.")]})
    if kind not in Kind.values:
        raise ValidationError({"kind": [_("Unknown kind of petition.")]})
    if kind in STATUTORY_KINDS and case_builder is None:
        raise ValidationError({"kind": [_("Complaints and denunciations have their own form.")]})
    confidential = kind == Kind.DENUNCIATION
    if channel not in (Channel.ONLINE, Channel.API) and entered_by is None:
        raise ValidationError(_("Only staff enter petitions received by other channels."))
    asked = unit
    unit, unit_moved = receiving_unit(unit, received_at)
    if unit_moved and village is not None and village.parent_id != unit.pk:
        # The village stays in the record as a place, not as a unit of the new commune.
        address = ", ".join(part for part in (village.name, address.strip()) if part)
        village = None
    phone, email = _validate_submission(
        unit=unit,
        village=village,
        title=title,
        content=content,
        name=name,
        phone=phone,
        email=email,
        is_anonymous=is_anonymous or confidential,
        latitude=latitude,
        longitude=longitude,
        received_at=received_at,
        submitter=submitter,
    )
    if is_anonymous or confidential:
        name, phone, email = "", "", ""
    if not share_location:
        latitude = longitude = None
    clean_files = clean_uploads(list(files or []), keep_location=share_location)
    who = (
        confidential_who
        or phone
        or email
        or (f"user:{submitter.pk}" if submitter else "")
        or "anonymous"
    )
    digest = _digest(unit=unit, field=field, content=content, who=who)

    existing = _find_duplicate(submission_key, digest)
    if existing is not None:
        return existing, False
    body = route(field, unit)
    try:
        with transaction.atomic():
            petition = Petition.objects.create(
                kind=kind,
                field=field,
                unit=unit,
                village=village,
                address=address.strip()[:200],
                latitude=latitude,
                longitude=longitude,
                title=title.strip(),
                content=content.strip(),
                channel=channel,
                received_at=received_at,
                entered_by=entered_by,
                submitter=submitter,
                is_anonymous=is_anonymous,
                consent_publish=consent_publish,
                share_location=share_location,
                body=body,
                scope_path=body.unit.path,
                deadline=deadline or deadline_for(kind, unit, received_at),
                submission_key=submission_key or None,
                content_digest=digest,
            )
            if submitter is not None and not (is_anonymous or confidential):
                name = name or submitter.display_name
                phone = phone or (submitter.phone or "")
                email = email or (submitter.email or "")
            Contact.objects.create(
                petition=petition, name=name.strip()[:150], phone=phone, email=email
            )
            _store_files(
                petition, clean_files, Attachment.Role.SUBMISSION, confidential=confidential
            )
            if case_builder is not None:
                case_builder(petition)
            PetitionEvent.objects.create(
                petition=petition,
                action="submit",
                new_state=State.RECEIVED,
                actor=entered_by,
                body=body,
                reason=unit_moved,
            )
            audit_record(
                "petition.submitted",
                obj=petition,
                actor=entered_by or submitter,
                unit=body.unit,
                data={"channel": channel, **({"lodged_with": asked.pk} if unit_moved else {})},
                anonymous=confidential and entered_by is None,
            )
    except IntegrityError:
        existing = _find_duplicate(submission_key, digest)
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(lambda: notify_citizen(petition.pk, "submitted"))
    transaction.on_commit(lambda: notify_officials(petition.pk, "new"))
    return petition, True


def _find_duplicate(submission_key: str | None, digest: str) -> Petition | None:
    if submission_key:
        found = Petition.objects.filter(submission_key=submission_key).first()
        if found is not None:
            return found
    now = timezone.now()
    return (
        # Bounded on both sides: a record entered with an earlier clock (the demo's history, an
        # import) is not the double of one made later.
        Petition.objects.filter(
            content_digest=digest, created_at__range=(now - DUPLICATE_WINDOW, now)
        )
        .order_by("-id")
        .first()
    )


def _store_files(
    petition: Petition,
    files: list[CleanFile],
    role: str,
    answer: Answer | None = None,
    confidential: bool = False,
) -> list[Attachment]:
    stored = []
    for number, clean in enumerate(files, 1):
        attachment = Attachment(
            petition=petition,
            role=role,
            answer=answer,
            # A denouncer's file name may carry their name (Luật Tố cáo, Art. 47): it is not kept.
            original_name=f"{petition.tracking_code}-{number}.{clean.extension}"
            if confidential
            else clean.name,
            content_type=clean.content_type,
            extension=clean.extension,
            size=len(clean.content),
            sha256=clean.sha256,
            confidential=confidential,
        )
        content = clean.content
        if confidential:
            from .confidential import encrypt_bytes

            content = encrypt_bytes(content)
        attachment.file.save(clean.name, ContentFile(content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


# --- Transitions ----------------------------------------------------------------------------------


def may(user, petition: Petition, action: str, *, as_citizen: bool = False) -> bool:
    """May ``user`` (or the holder of the tracking code, ``as_citizen``) take ``action`` now?"""
    transition = transitions_for(petition.kind).get(action)
    if transition is None or petition.state not in transition.sources:
        return False
    if as_citizen:
        return transition.citizen
    if not transition.roles:
        return False
    return permissions.can(user, permission_for(petition.kind, action), petition.body.unit)


def _transition(
    petition: Petition,
    action: str,
    actor,
    *,
    target: str,
    reason: str = "",
    public: bool = True,
    event_body: Body | None = None,
    **changes,
) -> Petition:
    """Move ``petition`` to ``target`` if nobody else changed it meanwhile; log the transition."""
    old_state, old_version = petition.state, petition.version
    updated = Petition.objects.filter(pk=petition.pk, state=old_state, version=old_version).update(
        state=target, version=F("version") + 1, **changes
    )
    if updated != 1:
        raise Conflict(_("Someone else has just changed this petition. Reload it and try again."))
    petition.refresh_from_db()
    PetitionEvent.objects.create(
        petition=petition,
        action=action,
        old_state=old_state,
        new_state=target,
        actor=actor,
        body=event_body or petition.body,
        reason=reason,
        public=public,
    )
    audit_record(
        f"petition.{action}",
        obj=petition,
        actor=actor,
        unit=petition.body.unit,
        data={"from": old_state, "to": target},
        # A denouncer acting by tracking code (withdrawing) stays unidentifiable.
        anonymous=actor is None and petition.kind == Kind.DENUNCIATION,
    )
    return petition


def _require(user, petition: Petition, action: str, *, as_citizen: bool = False) -> None:
    if not may(user, petition, action, as_citizen=as_citizen):
        raise PermissionDenied(_("This action is not allowed on this petition now."))


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and len(reason) < 5:
        raise ValidationError({"reason": [_("Give the reason (at least 5 characters).")]})
    if len(reason) > 2000:
        raise ValidationError({"reason": [_("The reason is too long (at most 2,000 characters).")]})
    return reason


@transaction.atomic
def petition_accept(*, petition: Petition, actor) -> Petition:
    _require(actor, petition, "accept")
    return _transition(petition, "accept", actor, target=State.ACCEPTED)


@transaction.atomic
def petition_start(*, petition: Petition, actor, assignee=None) -> Petition:
    _require(actor, petition, "start")
    assignee = assignee or actor
    if not permissions.can(assignee, "petitions.answer", petition.body.unit):
        raise ValidationError(
            {"assignee": [_("This official cannot handle petitions of this unit.")]}
        )
    return _transition(petition, "start", actor, target=State.IN_PROGRESS, assignee=assignee)


@transaction.atomic
def petition_forward(
    *, petition: Petition, actor, reason: str, body: Body | None = None, outside: str = ""
) -> Petition:
    """Send the petition to another body: on the platform it lands in that body's inbox as received,
    with a new deadline; outside the platform it ends here as forwarded, naming the recipient."""
    _require(actor, petition, "forward")
    reason = _reason(reason, required=True)
    outside = (outside or "").strip()
    if (body is None) == (not outside):
        raise ValidationError(
            {"body": [_("Choose a body on the platform or name one outside it.")]}
        )
    if body is not None:
        if body.pk == petition.body_id:
            raise ValidationError({"body": [_("The petition is already with this body.")]})
        if not body.is_active:
            raise ValidationError({"body": [_("This body is no longer active.")]})
        now = timezone.now()
        return _transition(
            petition,
            "forward",
            actor,
            target=State.RECEIVED,
            reason=reason,
            event_body=body,
            body=body,
            scope_path=body.unit.path,
            assignee=None,
            deadline=deadline_for(petition.kind, body.unit, now),
        )
    return _transition(
        petition,
        "forward",
        actor,
        target=State.FORWARDED,
        reason=reason,
        forwarded_to=outside[:200],
        closed_at=timezone.now(),
    )


@transaction.atomic
def petition_merge(*, petition: Petition, actor, into: Petition, reason: str = "") -> Petition:
    _require(actor, petition, "merge")
    if into.pk == petition.pk:
        raise ValidationError({"into": [_("A petition cannot be merged into itself.")]})
    if into.state in (State.MERGED, State.DECLINED, State.FORWARDED):
        raise ValidationError(
            {"into": [_("Merge into a petition that is still being handled or answered.")]}
        )
    if not permissions.can(actor, "petitions.view", into.body.unit):
        raise ValidationError({"into": [_("No petition with this tracking code in your units.")]})
    reason = _reason(reason, required=False) or _("Duplicate of %(code)s") % {
        "code": into.tracking_code
    }
    merged = _transition(
        petition, "merge", actor, target=State.MERGED, reason=reason, merged_into=into
    )
    if into.state in (State.ANSWERED, State.CLOSED):
        _copy_answer(merged, into)
    return merged


@transaction.atomic
def petition_decline(*, petition: Petition, actor, reason: str) -> Petition:
    _require(actor, petition, "decline")
    reason = _reason(reason, required=True)
    petition = _transition(
        petition, "decline", actor, target=State.DECLINED, reason=reason, closed_at=timezone.now()
    )
    transaction.on_commit(lambda: notify_citizen(petition.pk, "declined"))
    return petition


@transaction.atomic
def petition_answer(*, petition: Petition, actor, text: str, files: list | None = None) -> Answer:
    """Answer; where the unit requires it and the author is not a leader, the answer waits for one."""
    _require(actor, petition, "answer")
    text = (text or "").strip()
    if len(text) < 10:
        raise ValidationError({"text": [_("Write the answer (at least 10 characters).")]})
    if len(text) > 10000:
        raise ValidationError({"text": [_("The answer is too long (at most 10,000 characters).")]})
    if petition.answers.filter(status=Answer.Status.PENDING).exists():
        raise ValidationError(_("An answer is already waiting for approval."))
    clean_files = clean_uploads(list(files or []), keep_location=True)
    needs_approval = policy_for(petition.body.unit).answer_needs_approval and not permissions.can(
        actor, "petitions.approve", petition.body.unit
    )
    answer = Answer.objects.create(
        petition=petition,
        text=text,
        author=actor,
        status=Answer.Status.PENDING if needs_approval else Answer.Status.APPROVED,
    )
    _store_files(petition, clean_files, Attachment.Role.ANSWER, answer=answer)
    if needs_approval:
        # The state does not change, but the version does: an approval must see this answer.
        _transition(
            petition,
            "answer",
            actor,
            target=State.IN_PROGRESS,
            public=False,
            reason=_("Answer drafted, waiting for a leader's approval."),
        )
        transaction.on_commit(lambda: notify_officials(petition.pk, "approval"))
    else:
        answer.approved_by, answer.decided_at = actor, timezone.now()
        answer.save(update_fields=["approved_by", "decided_at"])
        _publish_answer(petition, actor, "answer")
    return answer


@transaction.atomic
def petition_approve(*, petition: Petition, actor) -> Answer:
    _require(actor, petition, "approve")
    answer = petition.answers.filter(status=Answer.Status.PENDING).first()
    if answer is None:
        raise ValidationError(_("No answer is waiting for approval."))
    answer.status, answer.approved_by, answer.decided_at = (
        Answer.Status.APPROVED,
        actor,
        timezone.now(),
    )
    answer.save(update_fields=["status", "approved_by", "decided_at"])
    _publish_answer(petition, actor, "approve")
    return answer


@transaction.atomic
def petition_return(*, petition: Petition, actor, note: str) -> Answer:
    _require(actor, petition, "return")
    note = _reason(note, required=True)
    answer = petition.answers.filter(status=Answer.Status.PENDING).first()
    if answer is None:
        raise ValidationError(_("No answer is waiting for approval."))
    answer.status, answer.approved_by, answer.decided_at, answer.note = (
        Answer.Status.RETURNED,
        actor,
        timezone.now(),
        note[:300],
    )
    answer.save(update_fields=["status", "approved_by", "decided_at", "note"])
    _transition(petition, "return", actor, target=State.IN_PROGRESS, reason=note, public=False)
    return answer


def _publish_answer(petition: Petition, actor, action: str) -> None:
    now = timezone.now()
    petition = _transition(petition, action, actor, target=State.ANSWERED, answered_at=now)
    for merged in petition.merged.filter(state=State.MERGED):
        _copy_answer(merged, petition)
    transaction.on_commit(lambda: notify_citizen(petition.pk, "answered"))


def _copy_answer(merged: Petition, into: Petition) -> None:
    """A merged duplicate gets the answer of the petition it was merged into (and its submitter too)."""
    source = into.answers.filter(status=Answer.Status.APPROVED).first()
    if source is None:
        return
    Answer.objects.create(
        petition=merged,
        text=source.text,
        author=source.author,
        status=Answer.Status.APPROVED,
        approved_by=source.approved_by,
        decided_at=timezone.now(),
        note=_("Answer of %(code)s") % {"code": into.tracking_code},
    )
    Petition.objects.filter(pk=merged.pk).update(
        answered_at=timezone.now(), version=F("version") + 1
    )
    PetitionEvent.objects.create(
        petition=merged,
        action="answer",
        old_state=State.MERGED,
        new_state=State.MERGED,
        body=into.body,
        reason=_("Answered together with %(code)s") % {"code": into.tracking_code},
    )
    transaction.on_commit(lambda: notify_citizen(merged.pk, "answered"))


@transaction.atomic
def petition_close(*, petition: Petition, actor=None, as_citizen: bool = False) -> Petition:
    _require(actor, petition, "close", as_citizen=as_citizen)
    return _transition(
        petition,
        "close",
        None if as_citizen else actor,
        target=State.CLOSED,
        closed_at=timezone.now(),
    )


@transaction.atomic
def petition_reopen(*, petition: Petition, reason: str) -> Petition:
    """The citizen is not satisfied: once, within the unit's period after the answer."""
    _require(None, petition, "reopen", as_citizen=True)
    reason = _reason(reason, required=True)
    if petition.reopen_count >= 1:
        raise ValidationError(_("This petition has already been reopened once."))
    period = policy_for(petition.body.unit).reopen_days
    if petition.answered_at and timezone.now() > petition.answered_at + dt.timedelta(days=period):
        raise ValidationError(
            _("The answer is more than %(days)d days old; send a new petition instead.")
            % {"days": period}
        )
    now = timezone.now()
    petition = _transition(
        petition,
        "reopen",
        None,
        target=State.REOPENED,
        reason=reason,
        reopen_count=F("reopen_count") + 1,
        closed_at=None,
        deadline=deadline_for(petition.kind, petition.body.unit, now),
    )
    transaction.on_commit(lambda: notify_officials(petition.pk, "reopened"))
    return petition


@transaction.atomic
def petition_rate(*, petition: Petition, rating: int, comment: str = "") -> Petition:
    if petition.state not in (State.ANSWERED, State.CLOSED) and not (
        petition.state == State.MERGED and petition.answered_at
    ):
        raise ValidationError(_("You can rate the answer once it has been given."))
    if petition.rated_at is not None:
        raise ValidationError(_("This answer has already been rated."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Choose from 1 to 5.")]})
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError(
            {"comment": [_("The comment is too long (at most 2,000 characters).")]}
        )
    updated = Petition.objects.filter(pk=petition.pk, rated_at__isnull=True).update(
        rating=rating, rating_comment=comment, rated_at=timezone.now(), version=F("version") + 1
    )
    if updated != 1:
        raise ValidationError(_("This answer has already been rated."))
    petition.refresh_from_db()
    audit_record("petition.rated", obj=petition, unit=petition.body.unit, data={"rating": rating})
    return petition


@transaction.atomic
def attach_signed_scan(*, petition: Petition, actor, upload) -> Attachment:
    """The scan of the decision or conclusion as signed on paper, kept with the case."""
    if not permissions.can(actor, "petitions.enter", petition.body.unit):
        raise PermissionDenied(_("This action is not allowed on this petition now."))
    clean = clean_uploads([upload], keep_location=True)
    (attachment,) = _store_files(petition, clean, Attachment.Role.DECISION)
    audit_record(
        "petition.signed_scan",
        obj=petition,
        actor=actor,
        unit=petition.body.unit,
        data={"attachment": attachment.pk},
    )
    return attachment
