"""Everything that changes the register. Views, demo and other apps call these functions.

Other apps publish into the register with ONE function, ``publish_table_disclosure`` (idempotent by
``source_key``).
"""

import datetime as dt
import mimetypes
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core import permissions
from thanthien.core.audit import audit_record
from thanthien.core.models import AdminUnit, Body
from thanthien.core.people import normalize_phone
from thanthien.core.submissions import create_once, earlier_submission

from . import budget, search
from .extract import extract_text
from .models import (
    Broadcast,
    Category,
    Channel,
    Convention,
    ConventionVersion,
    Disclosure,
    DisclosureFile,
    Form,
    Notice,
    NoticeFile,
    Posting,
    Question,
    SearchEntry,
    Subscription,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"}
MAX_COLUMNS = 12
MAX_CELL = 300
DEFAULT_FORMS = [Form.WEBSITE, Form.OFFICE]
LOUDSPEAKER_FORM = Form.LOUDSPEAKER


class Conflict(Exception):
    """Someone else changed the record first."""


# --- Validation ----------------------------------------------------------------------------------


def check_disclosure(
    *,
    unit: AdminUnit,
    body: Body,
    category: Category,
    title: str,
    forms: list[str],
    starts_on: dt.date,
    ends_on: dt.date,
    period_year: int | None,
    period_quarter: int | None,
) -> None:
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if unit.level not in (AdminUnit.Level.COMMUNE, AdminUnit.Level.DISTRICT):
        err("unit", _("Choose a commune or a district."))
    if body.unit_id != unit.pk:
        err("body", _("The body must belong to the chosen unit."))
    if not category.is_active:
        err("category", _("Choose a category from the list."))
    if len(title.strip()) < 5 or len(title) > 250:
        err("title", _("Give a title of 5 to 250 characters."))
    if not forms:
        err("forms", _("Choose at least one form of disclosure."))
    elif any(f not in Form.values for f in forms):
        err("forms", _("Unknown form of disclosure."))
    elif category.loudspeaker_days and Form.LOUDSPEAKER not in forms:
        err(
            "forms",
            _("This category must also be read on the commune loudspeaker (%(n)s days).")
            % {"n": category.loudspeaker_days},
        )
    if ends_on < starts_on:
        err("ends_on", _("The end of the disclosure period is before its start."))
    else:
        days = (ends_on - starts_on).days + 1
        needed = max(category.posting_days, category.loudspeaker_days)
        if days < needed:
            err(
                "ends_on",
                _("This category must stay disclosed for at least %(n)s days (here: %(days)s).")
                % {"n": needed, "days": days},
            )
    if period_quarter is not None and period_year is None:
        err("period_year", _("Give the year of the quarter."))
    if period_quarter is not None and not 1 <= period_quarter <= 4:
        err("period_quarter", _("A quarter is 1, 2, 3 or 4."))
    if period_year is not None and not 2000 <= period_year <= 2100:
        err("period_year", _("Give a year between 2000 and 2100."))
    if errors:
        raise ValidationError(errors)


def check_table(header: list, rows: list[list]) -> tuple[list[str], list[list]]:
    """A table as the register keeps it: text headers, rows of text, whole numbers or nothing."""
    if not header:
        return [], []
    if len(header) > MAX_COLUMNS:
        raise ValidationError(_("A table has at most %(n)s columns.") % {"n": MAX_COLUMNS})
    if len(rows) > budget.MAX_ROWS:
        raise ValidationError(_("A table has at most %(n)s rows.") % {"n": budget.MAX_ROWS})
    clean_rows = []
    for number, row in enumerate(rows, start=1):
        row = list(row)
        if len(row) != len(header):
            raise ValidationError(
                _("Row %(row)s has %(got)s cells; the header has %(want)s.")
                % {"row": number, "got": len(row), "want": len(header)}
            )
        clean = []
        for value in row:
            if value is None or isinstance(value, int) and not isinstance(value, bool):
                clean.append(value)
            elif isinstance(value, float):
                clean.append(round(value, 2))
            else:
                text = str(value)
                if len(text) > MAX_CELL:
                    raise ValidationError(_("Row %(row)s: a cell is too long.") % {"row": number})
                clean.append(text)
        clean_rows.append(clean)
    return [str(h)[:80] for h in header], clean_rows


# --- Disclosures -----------------------------------------------------------------------------------


def _index_disclosure(disclosure: Disclosure) -> None:
    cells = [str(c) for row in disclosure.table_rows for c in row if isinstance(c, str)]
    files = list(disclosure.files.values_list("text", flat=True))
    search.index(
        "disclosure",
        disclosure.pk,
        unit_path=disclosure.unit.path,
        category=disclosure.category.code,
        day=disclosure.starts_on,
        title=disclosure.title,
        parts=[
            disclosure.summary,
            disclosure.document_number,
            disclosure.document_issuer,
            disclosure.category.name,
            disclosure.unit.name,
            *cells,
            *files,
        ],
    )


def disclosure_create(
    *,
    unit: AdminUnit,
    body: Body,
    category: Category,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    actor,
    forms: list[str] | None = None,
    summary: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    document_issuer: str = "",
    period_year: int | None = None,
    period_quarter: int | None = None,
    header: list | None = None,
    rows: list | None = None,
    files: list | None = None,
    check_permission: bool = True,
) -> Disclosure:
    if check_permission:
        permissions.require(actor, "disclosure.manage", unit)
    forms = list(forms if forms is not None else DEFAULT_FORMS)
    check_disclosure(
        unit=unit,
        body=body,
        category=category,
        title=title,
        forms=forms,
        starts_on=starts_on,
        ends_on=ends_on,
        period_year=period_year,
        period_quarter=period_quarter,
    )
    header, rows = check_table(list(header or []), list(rows or []))
    checked = [_check_file(f) for f in files or []]
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            unit=unit,
            body=body,
            category=category,
            title=title.strip(),
            summary=summary.strip(),
            document_number=document_number.strip(),
            document_date=document_date,
            document_issuer=document_issuer.strip(),
            forms=forms,
            starts_on=starts_on,
            ends_on=ends_on,
            period_year=period_year,
            period_quarter=period_quarter,
            table_header=header,
            table_rows=rows,
            created_by=actor,
        )
        _store_files(disclosure, checked)
        _index_disclosure(disclosure)
        audit_record("disclosure.created", obj=disclosure, actor=actor, unit=unit)
    return disclosure


def publish_table_disclosure(
    *,
    unit: AdminUnit,
    body: Body,
    category_code: str,
    title: str,
    header: list,
    rows: list[list],
    starts_on: dt.date,
    ends_on: dt.date,
    actor,
    source_key: str,
    summary: str = "",
    forms: list[str] | None = None,
    period_year: int | None = None,
    period_quarter: int | None = None,
    document_number: str = "",
    document_date: dt.date | None = None,
    document_issuer: str = "",
) -> Disclosure:
    """Publish (or update) a table in the register on behalf of another app.

    Idempotent by ``source_key`` (e.g. "participation:campaign:12"): a second call with the same key
    updates that disclosure and never creates another. The calling app checks its own permissions;
    this records ``actor`` in the audit trail. Raises ValidationError on a bad period, table or
    category (unknown ``category_code``)."""
    if not source_key or len(source_key) > 120:
        raise ValidationError(_("A source key of 1 to 120 characters is required."))
    category = Category.objects.filter(code=category_code, is_active=True).first()
    if category is None:
        raise ValidationError({"category": [_("Unknown disclosure category.")]})
    if forms is None:
        forms = list(DEFAULT_FORMS)
        if category.loudspeaker_days:
            forms.append(Form.LOUDSPEAKER)
    check_disclosure(
        unit=unit,
        body=body,
        category=category,
        title=title,
        forms=forms,
        starts_on=starts_on,
        ends_on=ends_on,
        period_year=period_year,
        period_quarter=period_quarter,
    )
    header, rows = check_table(list(header), list(rows))
    fields = {
        "unit": unit,
        "body": body,
        "category": category,
        "title": title.strip(),
        "summary": summary.strip(),
        "forms": forms,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "period_year": period_year,
        "period_quarter": period_quarter,
        "table_header": header,
        "table_rows": rows,
        "document_number": document_number.strip()[:60],
        "document_date": document_date,
        "document_issuer": document_issuer.strip()[:200],
    }
    for _attempt in range(2):
        try:
            with transaction.atomic():
                existing = (
                    Disclosure.objects.select_for_update().filter(source_key=source_key).first()
                )
                if existing is None:
                    disclosure = Disclosure.objects.create(
                        source_key=source_key, created_by=actor, **fields
                    )
                    action = "disclosure.published"
                else:
                    for name, value in fields.items():
                        setattr(existing, name, value)
                    existing.save()
                    disclosure, action = existing, "disclosure.republished"
                _index_disclosure(disclosure)
                audit_record(
                    action, obj=disclosure, actor=actor, unit=unit, data={"source": source_key}
                )
                return disclosure
        except IntegrityError:
            continue  # another call created it first: update that one
    raise Conflict(source_key)


EDITABLE = [
    "body",
    "category",
    "title",
    "summary",
    "document_number",
    "document_date",
    "document_issuer",
    "forms",
    "starts_on",
    "ends_on",
    "period_year",
    "period_quarter",
]


def disclosure_update(*, disclosure: Disclosure, actor, **changes) -> Disclosure:
    """Correct a disclosure (the unit stays). The same rules as on creation; the audit trail keeps
    which fields changed."""
    permissions.require(actor, "disclosure.manage", disclosure.unit)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    values = {name: changes.get(name, getattr(disclosure, name)) for name in EDITABLE}
    values["title"] = values["title"].strip()
    check_disclosure(
        unit=disclosure.unit,
        body=values["body"],
        category=values["category"],
        title=values["title"],
        forms=list(values["forms"]),
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        period_year=values["period_year"],
        period_quarter=values["period_quarter"],
    )
    changed = sorted(n for n, v in values.items() if v != getattr(disclosure, n))
    if not changed:
        return disclosure
    with transaction.atomic():
        for name in changed:
            setattr(disclosure, name, values[name])
        disclosure.save()
        _index_disclosure(disclosure)
        audit_record("disclosure.updated", obj=disclosure, actor=actor, data={"fields": changed})
    return disclosure


def set_table(*, disclosure: Disclosure, header: list, rows: list[list], actor) -> Disclosure:
    permissions.require(actor, "disclosure.manage", disclosure.unit)
    header, rows = check_table(list(header), list(rows))
    with transaction.atomic():
        Disclosure.objects.filter(pk=disclosure.pk).update(
            table_header=header, table_rows=rows, updated_at=timezone.now()
        )
        disclosure.table_header, disclosure.table_rows = header, rows
        _index_disclosure(disclosure)
        audit_record("disclosure.table_set", obj=disclosure, actor=actor, data={"rows": len(rows)})
    return disclosure


def import_budget(*, disclosure: Disclosure, upload, actor) -> Disclosure:
    """Replace the disclosure's table with the spreadsheet's lines: all of them or none."""
    permissions.require(actor, "disclosure.manage", disclosure.unit)
    lines = budget.read_xlsx(upload)
    return set_table(
        disclosure=disclosure,
        header=budget.BUDGET_HEADER,
        rows=[line.as_row() for line in lines],
        actor=actor,
    )


def _check_file(upload) -> tuple[str, bytes, str]:
    name = PurePosixPath(getattr(upload, "name", "") or "file").name[:200]
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in FILE_TYPES:
        raise ValidationError({"files": [_("Attach PDF, DOCX, XLSX, JPG or PNG files only.")]})
    if getattr(upload, "size", 0) > MAX_FILE_BYTES:
        raise ValidationError({"files": [_("A file is larger than 10 MB.")]})
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"files": [_("A file is larger than 10 MB.")]})
    magic = {
        ".pdf": b"%PDF",
        ".docx": b"PK",
        ".xlsx": b"PK",
        ".png": b"\x89PNG",
        ".jpg": b"\xff\xd8",
        ".jpeg": b"\xff\xd8",
    }
    if not data.startswith(magic[suffix]):
        raise ValidationError(
            {"files": [_("The file %(name)s is not what its name says.") % {"name": name}]}
        )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name, data, content_type


def _store_files(owner, checked: list[tuple[str, bytes, str]]) -> None:
    model = DisclosureFile if isinstance(owner, Disclosure) else NoticeFile
    key = "disclosure" if isinstance(owner, Disclosure) else "notice"
    for name, data, content_type in checked:
        row = model(
            name=name, content_type=content_type, size=len(data), text=extract_text(data, name)
        )
        setattr(row, key, owner)
        row.file.save(name, ContentFile(data), save=False)
        row.save()


def attach_files(*, disclosure: Disclosure, files: list, actor) -> None:
    permissions.require(actor, "disclosure.manage", disclosure.unit)
    checked = [_check_file(f) for f in files]
    with transaction.atomic():
        _store_files(disclosure, checked)
        _index_disclosure(disclosure)
        audit_record(
            "disclosure.files_added", obj=disclosure, actor=actor, data={"n": len(checked)}
        )


def record_posting(
    *, disclosure: Disclosure, form: str, place: str, posted_on: dt.date, actor, photo=None
) -> Posting:
    permissions.require(actor, "disclosure.manage", disclosure.unit)
    errors: dict[str, list[str]] = {}
    if form not in Form.values:
        errors["form"] = [_("Unknown form of disclosure.")]
    if not place.strip():
        errors["place"] = [_("Say where it was posted or read.")]
    if posted_on > timezone.localdate():
        errors["posted_on"] = [_("The date cannot be in the future.")]
    elif posted_on < disclosure.starts_on - dt.timedelta(days=7):
        errors["posted_on"] = [_("The date is long before the disclosure period.")]
    checked = None
    if photo is not None:
        try:
            checked = _check_file(photo)
        except ValidationError:
            errors["photo"] = [_("The photo must be a JPG or PNG image of at most 10 MB.")]
        else:
            if not checked[0].lower().endswith((".jpg", ".jpeg", ".png")):
                errors["photo"] = [_("The photo must be a JPG or PNG image of at most 10 MB.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        posting = Posting(
            disclosure=disclosure,
            form=form,
            place=place.strip()[:200],
            posted_on=posted_on,
            recorded_by=actor,
        )
        if checked is not None:
            posting.photo.save(checked[0], ContentFile(checked[1]), save=False)
        posting.save()
        audit_record("disclosure.posted", obj=disclosure, actor=actor, data={"form": form})
    return posting


# --- Citizens' questions (through the petitions workflow) -------------------------------------


def ask_question(
    *,
    disclosure: Disclosure,
    title: str,
    content: str,
    name: str = "",
    phone: str = "",
    email: str = "",
    submitter=None,
    consent_publish: bool = True,
    submission_key: str | None = None,
) -> tuple[Question, bool]:
    """A citizen's question or comment: a petition (feedback) about the disclosure's commune,
    linked to the disclosure. Its answer, once published by the petitions workflow, shows under the
    disclosure. A repeated submission returns the question already recorded."""
    from thanthien.petitions import services as petitions
    from thanthien.petitions.models import Field

    field = (
        Field.objects.filter(code="other", is_active=True).first()
        or Field.objects.filter(is_active=True).first()
    )
    if field is None:
        raise ValidationError(_("Questions cannot be received yet."))
    if disclosure.unit.level != AdminUnit.Level.COMMUNE:
        raise ValidationError(_("Questions on this disclosure go to the district directly."))
    with transaction.atomic():
        petition, created = petitions.petition_submit(
            field=field,
            unit=disclosure.unit,
            title=title,
            content=_("About the disclosure “%(title)s”:") % {"title": disclosure.title}
            + "\n"
            + content,
            name=name,
            phone=phone,
            email=email,
            submitter=submitter,
            consent_publish=consent_publish,
            submission_key=submission_key,
        )
        question, new = Question.objects.get_or_create(
            petition=petition, defaults={"disclosure": disclosure}
        )
    return question, created and new


# --- Notices and their delivery ------------------------------------------------------------------


def _index_notice(notice: Notice) -> None:
    files = list(notice.files.values_list("text", flat=True))
    search.index(
        "notice",
        notice.pk,
        unit_path=notice.unit.path,
        category=notice.kind,
        day=notice.published_on,
        title=notice.title,
        parts=[notice.text, notice.loudspeaker_script, notice.unit.name, *files],
    )


def notice_create(
    *,
    unit: AdminUnit,
    kind: str,
    title: str,
    text: str,
    published_on: dt.date,
    actor,
    villages: list[AdminUnit] | None = None,
    loudspeaker_script: str = "",
    broadcasts: list[dt.datetime] | None = None,
    files: list | None = None,
    submission_key: str | None = None,
    send: bool = True,
) -> tuple[Notice, bool]:
    permissions.require(actor, "disclosure.manage", unit)
    existing = earlier_submission(Notice, submission_key)
    if existing is not None:
        return existing, False
    errors: dict[str, list[str]] = {}
    villages = list(villages or [])
    broadcasts = sorted(set(broadcasts or []))
    if unit.level != AdminUnit.Level.COMMUNE:
        errors["unit"] = [_("Choose a commune, ward or town.")]
    if kind not in Notice.Kind.values:
        errors["kind"] = [_("Choose a category from the list.")]
    if len(title.strip()) < 5 or len(title) > 250:
        errors["title"] = [_("Give a title of 5 to 250 characters.")]
    if len(text.strip()) < 10:
        errors["text"] = [_("Write the notice (at least 10 characters).")]
    if any(v.parent_id != unit.pk for v in villages):
        errors["villages"] = [_("A village is not in the chosen commune.")]
    if broadcasts and not loudspeaker_script.strip():
        errors["loudspeaker_script"] = [_("Write what the loudspeaker will read.")]
    if any(timezone.localdate(b) < published_on for b in broadcasts):
        errors["broadcasts"] = [_("A broadcast is before the notice is published.")]
    if errors:
        raise ValidationError(errors)
    checked = [_check_file(f) for f in files or []]

    def create() -> Notice:
        notice = Notice.objects.create(
            unit=unit,
            kind=kind,
            title=title.strip(),
            text=text.strip(),
            loudspeaker_script=loudspeaker_script.strip(),
            published_on=published_on,
            created_by=actor,
            submission_key=submission_key or None,
        )
        notice.villages.set(villages)
        Broadcast.objects.bulk_create([Broadcast(notice=notice, at=at) for at in broadcasts])
        _store_files(notice, checked)
        _index_notice(notice)
        audit_record("notice.published", obj=notice, actor=actor, unit=unit)
        return notice

    notice, created = create_once(Notice, submission_key, create)
    if created and send:
        from .tasks import send_notice

        transaction.on_commit(lambda: send_notice.enqueue(notice.pk))
    return notice, created


def clean_destination(channel: str, destination: str) -> str:
    destination = destination.strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(destination)
        except ValidationError:
            raise ValidationError({"destination": [_("Enter a valid email address.")]}) from None
        return destination.lower()
    if channel == Channel.SMS:
        phone = normalize_phone(destination)
        if not phone:
            raise ValidationError(
                {"destination": [_("Enter a Vietnamese phone number, e.g. 0912 345 678.")]}
            )
        return phone
    if channel == Channel.ZALO:
        if not destination.isdigit() or not 5 <= len(destination) <= 30:
            raise ValidationError(
                {
                    "destination": [
                        _("Enter the Zalo user id the Official Account gave you (digits).")
                    ]
                }
            )
        return destination
    raise ValidationError({"channel": [_("Choose a channel from the list.")]})


def subscribe(
    *, unit: AdminUnit, channel: str, destination: str, user=None
) -> tuple[Subscription, bool]:
    if unit.level not in (AdminUnit.Level.COMMUNE, AdminUnit.Level.VILLAGE):
        raise ValidationError({"unit": [_("Choose a commune or a village.")]})
    destination = clean_destination(channel, destination)
    try:
        with transaction.atomic():
            subscription, created = Subscription.objects.get_or_create(
                unit=unit,
                channel=channel,
                destination=destination,
                defaults={"user": user if user is not None and user.is_authenticated else None},
            )
    except IntegrityError:
        return Subscription.objects.get(unit=unit, channel=channel, destination=destination), False
    if not subscription.is_active:
        Subscription.objects.filter(pk=subscription.pk).update(is_active=True)
        subscription.is_active = True
    if created:
        audit_record("subscription.created", obj=subscription, unit=unit, data={"channel": channel})
    return subscription, created


def unsubscribe(*, subscription: Subscription) -> None:
    Subscription.objects.filter(pk=subscription.pk).update(is_active=False)
    audit_record("subscription.ended", obj=subscription, unit=subscription.unit)


# --- Village conventions ---------------------------------------------------------------------------

CONVENTION_TRANSITIONS = {
    Convention.Status.DRAFT: {Convention.Status.CONSULTATION},
    Convention.Status.CONSULTATION: {Convention.Status.DRAFT, Convention.Status.RECOGNIZED},
    Convention.Status.RECOGNIZED: {Convention.Status.AMENDED, Convention.Status.REPEALED},
    Convention.Status.AMENDED: {Convention.Status.AMENDED, Convention.Status.REPEALED},
    Convention.Status.REPEALED: set(),
}


def _index_convention(convention: Convention, text: str) -> None:
    search.index(
        "convention",
        convention.pk,
        unit_path=convention.village.path,
        category=convention.status,
        day=convention.recognition_date or convention.created_at.date(),
        title=convention.title,
        parts=[text, convention.recognition_number, convention.village.name],
    )


def convention_create(*, village: AdminUnit, title: str, text: str, actor) -> Convention:
    permissions.require(actor, "disclosure.conventions", village)
    errors = {}
    if village.level != AdminUnit.Level.VILLAGE:
        errors["village"] = [_("Choose a village.")]
    if len(title.strip()) < 5:
        errors["title"] = [_("Give a title of 5 to 250 characters.")]
    if len(text.strip()) < 20:
        errors["text"] = [_("Write the text of the convention.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            convention = Convention.objects.create(village=village, title=title.strip())
            ConventionVersion.objects.create(
                convention=convention,
                number=1,
                text=text.strip(),
                note=_("First draft"),
                created_by=actor,
            )
            _index_convention(convention, text)
            audit_record("convention.created", obj=convention, actor=actor, unit=village)
    except IntegrityError:
        raise ValidationError(
            {"title": [_("This village already has a convention with this title.")]}
        ) from None
    return convention


def convention_change(
    *,
    convention: Convention,
    status: str,
    actor,
    text: str = "",
    note: str = "",
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> Convention:
    """Move a convention along its life. Recognition and amendment need the commune's decision
    (number and date); an amendment also needs the new text, kept as a new version."""
    permissions.require(actor, "disclosure.conventions", convention.village)
    if status not in CONVENTION_TRANSITIONS.get(convention.status, set()):
        raise ValidationError(_("This change is not allowed now."))
    errors = {}
    needs_decision = status in (Convention.Status.RECOGNIZED, Convention.Status.AMENDED)
    if needs_decision and (not decision_number.strip() or decision_date is None):
        errors["decision_number"] = [_("Give the number and date of the commune's decision.")]
    if decision_date and decision_date > timezone.localdate():
        errors["decision_date"] = [_("The date cannot be in the future.")]
    if status == Convention.Status.AMENDED and len(text.strip()) < 20:
        errors["text"] = [_("Write the amended text.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        changes = {"status": status, "version": F("version") + 1}
        if needs_decision:
            changes |= {
                "recognition_number": decision_number.strip(),
                "recognition_date": decision_date,
            }
        won = Convention.objects.filter(pk=convention.pk, version=convention.version).update(
            **changes
        )
        if not won:
            raise Conflict(convention.pk)
        latest = convention.versions.first()
        if text.strip() and (latest is None or text.strip() != latest.text):
            ConventionVersion.objects.create(
                convention=convention,
                number=(latest.number if latest else 0) + 1,
                text=text.strip(),
                note=note.strip()[:300],
                created_by=actor,
            )
        convention.refresh_from_db()
        _index_convention(convention, convention.versions.first().text)
        audit_record(
            "convention.changed",
            obj=convention,
            actor=actor,
            unit=convention.village,
            data={"status": status},
        )
    return convention


def reindex_all() -> int:
    """Rebuild the search index from the records (after a restore, or a change of folding)."""
    SearchEntry.objects.all().delete()
    n = 0
    for d in Disclosure.objects.select_related("unit", "category").iterator(chunk_size=500):
        _index_disclosure(d)
        n += 1
    for notice in Notice.objects.select_related("unit").iterator(chunk_size=500):
        _index_notice(notice)
        n += 1
    for c in Convention.objects.select_related("village").iterator(chunk_size=500):
        latest = c.versions.first()
        _index_convention(c, latest.text if latest else "")
        n += 1
    return n
