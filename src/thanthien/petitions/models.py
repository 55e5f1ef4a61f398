"""Petitions (đơn): feedback and recommendations now; complaints and denunciations join the same
model with their own workflows. A petition is filed under a unit and handled by a body; its life is a
state machine (``workflow.py``) with a log row per transition (``PetitionEvent``)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thanthien.core.models import AdminUnit, Body
from thanthien.core.search import fold


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("feedback")
    RECOMMENDATION = "recommendation", _("recommendation")
    COMPLAINT = "complaint", _("complaint")
    DENUNCIATION = "denunciation", _("denunciation")


SIMPLE_KINDS = [Kind.FEEDBACK, Kind.RECOMMENDATION]
STATUTORY_KINDS = [Kind.COMPLAINT, Kind.DENUNCIATION]


class State(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    FORWARDED = "forwarded", _("forwarded")
    MERGED = "merged", _("merged")
    DECLINED = "declined", _("declined")
    REOPENED = "reopened", _("reopened")
    # Complaints and denunciations
    REFUSED = "refused", _("not accepted")
    VERIFYING = "verifying", _("verification")
    DIALOGUE = "dialogue", _("dialogue")
    DECIDED = "decided", _("decided")
    APPEALED = "appealed", _("complained again (second instance)")
    FINAL = "final", _("final")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_STATES = [
    State.RECEIVED,
    State.ACCEPTED,
    State.IN_PROGRESS,
    State.REOPENED,
    State.VERIFYING,
    State.DIALOGUE,
]


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")
    PHONE = "phone", _("by phone")
    RECEPTION = "reception", _("at citizen reception")
    EMAIL = "email", _("by email")
    FATHERLAND_FRONT = "fatherland_front", _("forwarded by the Fatherland Front")
    MEETING = "meeting", _("raised at a meeting")
    API = "api", _("through the API")


class Field(models.Model):
    """A field (lĩnh vực) a petition is about; an admin-editable list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """How long a body has to answer a kind of petition; a unit's rule wins over its parents'."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        "core.AdminUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("unit"),
        help_text=_("Empty: the default everywhere."),
    )
    days = models.PositiveSmallIntegerField(_("days"))
    count = models.CharField(
        _("counted in"),
        max_length=10,
        choices=[("working", _("working days")), ("calendar", _("calendar days"))],
        default="working",
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=False)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit"], name="deadline_rule_unique"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(unit__isnull=True), name="deadline_rule_one_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days} {self.get_count_display()}"


class UnitPolicy(models.Model):
    """How a unit handles petitions: approval of answers, reopening, what the citizen sees."""

    unit = models.OneToOneField(
        "core.AdminUnit",
        on_delete=models.CASCADE,
        related_name="petition_policy",
        verbose_name=_("unit"),
    )
    answer_needs_approval = models.BooleanField(
        _("a leader approves answers before they go out"), default=True
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("days in which an unsatisfied citizen may reopen"), default=15
    )
    show_handler_names = models.BooleanField(
        _("show the handling official's name to the citizen"), default=False
    )

    class Meta:
        verbose_name = _("petition policy of a unit")
        verbose_name_plural = _("petition policies of units")

    def __str__(self) -> str:
        return str(self.unit)


class RoutingRule(models.Model):
    """Which body a petition about a field in a unit goes to."""

    field = models.ForeignKey(
        Field,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("field"),
        help_text=_("Empty: every field."),
    )
    unit = models.ForeignKey("core.AdminUnit", on_delete=models.CASCADE, verbose_name=_("unit"))
    body = models.ForeignKey("core.Body", on_delete=models.CASCADE, verbose_name=_("body"))

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["field", "unit"], name="routing_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.field or '*'} · {self.unit} → {self.body}"


TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read aloud


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class Petition(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FEEDBACK)
    tracking_code = models.CharField(
        _("tracking code"), max_length=12, unique=True, default=new_tracking_code, editable=False
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    field = models.ForeignKey(Field, on_delete=models.PROTECT, verbose_name=_("field"))
    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    village = models.ForeignKey(
        "core.AdminUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("village"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("what happened"))
    search_text = models.TextField(editable=False, default="")

    channel = models.CharField(
        _("how it was received"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    received_at = models.DateTimeField(_("received on"), db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
        verbose_name=_("citizen's account"),
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    consent_publish = models.BooleanField(
        _("the citizen agrees to publish the answer"), default=False
    )
    share_location = models.BooleanField(default=False)

    body = models.ForeignKey(
        "core.Body",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("handling body"),
    )
    scope_path = models.CharField(max_length=255, db_index=True, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_petitions",
        verbose_name=_("handling official"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    public_text = models.TextField(_("text shown on the public page"), blank=True)

    rating = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    rating_comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    content_digest = models.CharField(max_length=64, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["scope_path", "state", "deadline"], name="petition_inbox"),
            # The public list, newest first, and by field (bench/RESULTS.md: 1.3 s → 7 ms at 1M rows).
            # The condition holds consent only: SQLite cannot match a partial index on IN (…).
            models.Index(
                fields=["-received_at", "-id", "state", "kind", "field"],
                condition=Q(consent_publish=True),
                name="petition_published",
            ),
            models.Index(
                fields=["field", "-received_at", "-id", "state", "kind"],
                condition=Q(consent_publish=True),
                name="petition_published_field",
            ),
            # The open inbox ordered by deadline (bench/RESULTS.md: 0.4–1.2 s → 2 ms).
            models.Index(
                fields=["state", "deadline", "id", "scope_path"], name="petition_state_deadline"
            ),
            models.Index(fields=["unit", "received_at"], name="petition_unit_month"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="petition_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.title} {self.content}")
        if self.body_id and not self.scope_path:
            self.scope_path = self.body.unit.path
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Contact(models.Model):
    """Who sent a petition and how to reach them; kept apart from the petition's text."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.name or self.phone or self.email


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"petitions/{instance.petition.received_at:%Y/%m}/{secrets.token_hex(12)}.{instance.extension}"


class Attachment(models.Model):
    class Role(models.TextChoices):
        SUBMISSION = "submission", _("sent with the petition")
        ANSWER = "answer", _("evidence with the answer")
        DECISION = "decision", _("signed decision or conclusion (scan)")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    role = models.CharField(max_length=12, choices=Role.choices)
    answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # A denouncer's scans may show their handwriting: stored encrypted, shown only with the identity.
    confidential = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.original_name


class Answer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("sent")
        RETURNED = "returned", _("returned for changes")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.petition.tracking_code} {self.get_status_display()}"


class PetitionEvent(models.Model):
    """One transition of a petition's state machine (or a note on it), as it happened."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20)
    old_state = models.CharField(max_length=20, blank=True)
    new_state = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        "core.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    public = models.BooleanField(default=True, help_text="shown to the citizen")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.old_state}→{self.new_state}"


class PetitionReminder(models.Model):
    """A deadline reminder sent for a petition on a day, so that none is sent twice."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "kind", "day"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.day}"


# --- Complaints and denunciations -----------------------------------------------------------------


class LegalRule(models.Model):
    """A time limit the law sets (LEGAL.md), as data: an administrator corrects it when the law or
    its reading changes, and a new row with a later ``effective_from`` keeps old cases on old rules."""

    class Count(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    days = models.PositiveSmallIntegerField(_("days"))
    count = models.CharField(_("counted in"), max_length=10, choices=Count.choices)
    source = models.CharField(_("source"), max_length=200)
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=False)
    effective_from = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("legal time limit")
        verbose_name_plural = _("legal time limits")
        ordering = ["code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="legal_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.days} {self.get_count_display()}"


class CompetenceRule(models.Model):
    """Which body is competent for a procedure, as data (LEGAL.md: "who is competent for what is
    data, not code"): a case decided by a body of a unit at ``from_level`` goes to the body of kind
    ``body_kind`` of the ancestor unit at ``to_level``. A new row with a later ``effective_from``
    follows a reorganization (1 July 2025: no districts) and leaves the old rule for older cases.
    ``verified`` is off ("to be confirmed") until someone has checked the source."""

    class Procedure(models.TextChoices):
        COMPLAINT_SECOND = "complaint-second", _("second-instance complaint")

    procedure = models.CharField(_("procedure"), max_length=40, choices=Procedure.choices)
    from_level = models.CharField(
        _("level of the first-instance body"), max_length=10, choices=AdminUnit.Level.choices
    )
    to_level = models.CharField(
        _("level of the competent body"), max_length=10, choices=AdminUnit.Level.choices
    )
    body_kind = models.CharField(
        _("competent body"),
        max_length=30,
        choices=Body.Kind.choices,
        default=Body.Kind.PEOPLES_COMMITTEE,
    )
    effective_from = models.DateField(_("effective from"))
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("competence rule")
        verbose_name_plural = _("competence rules")
        ordering = ["procedure", "from_level", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "from_level", "effective_from"], name="competence_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()}: {self.from_level} → {self.to_level}"


class ComplaintCase(models.Model):
    """What a complaint (khiếu nại) adds to a petition: the act complained of, the instance, the flags
    that set its deadlines, and the contents of the decision (Luật Khiếu nại 2011, Art. 31)."""

    class Outcome(models.TextChoices):
        KEEP = "keep", _("keep the decision or act")
        AMEND = "amend", _("amend it")
        CANCEL_PART = "cancel_part", _("cancel it in part")
        CANCEL_ALL = "cancel_all", _("cancel it entirely")

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="complaint")
    instance = models.PositiveSmallIntegerField(_("instance"), default=1)
    first_instance = models.ForeignKey(
        Petition,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="second_instances",
        verbose_name=_("first-instance case"),
    )
    act_complained_of = models.TextField(_("decision or act complained of"))
    respondent = models.CharField(_("person or body complained against"), max_length=200)
    learned_on = models.DateField(_("date the complainant learned of it"))
    is_complex = models.BooleanField(_("complex case"), default=False)
    is_remote = models.BooleanField(_("remote area"), default=False)
    late_reason = models.TextField(_("reason the late filing is accepted"), blank=True)
    complainants = models.JSONField(
        _("other complainants on the same matter"), default=list, blank=True
    )
    accepted_on = models.DateField(null=True, blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    verification_result = models.TextField(_("verification results"), blank=True)
    dialogue_record = models.TextField(_("record of the dialogue"), blank=True)
    dialogue_result = models.TextField(_("result of the dialogue"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    compensation = models.TextField(_("compensation"), blank=True)
    decision_number = models.PositiveIntegerField(_("decision number"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    final_on = models.DateField(_("final from"), null=True, blank=True)
    withdrawal_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.petition.tracking_code} ({self.instance})"


class DenunciationCase(models.Model):
    """What a denunciation (tố cáo) adds. The denouncer's identity is NOT here: it lives encrypted in
    ``ConfidentialIdentity``, apart from the case."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="denunciation")
    denounced = models.CharField(_("person denounced"), max_length=200)
    is_self_check = models.BooleanField(
        _("anonymous, checked by the body itself"),
        default=False,
        help_text=_("An anonymous denunciation that names a violator with specific evidence."),
    )
    classify_by = models.DateField(_("classify by"), null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    notice_by = models.DateField(_("notify the parties by"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    conclusion_number = models.PositiveIntegerField(_("conclusion number"), null=True, blank=True)
    concluded_on = models.DateField(_("conclusion date"), null=True, blank=True)

    class Meta:
        verbose_name = _("denunciation")
        verbose_name_plural = _("denunciations")

    def __str__(self) -> str:
        return self.petition.tracking_code

    @property
    def extension_count(self) -> int:
        return self.extensions.count()


class Extension(models.Model):
    """An extension of a denunciation's resolution period: a written decision sent to the parties."""

    case = models.ForeignKey(DenunciationCase, on_delete=models.CASCADE, related_name="extensions")
    number = models.PositiveSmallIntegerField()
    days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField()
    new_deadline = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="extension_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case} +{self.days}"


class ConfidentialIdentity(models.Model):
    """The denouncer's identity, encrypted with a key kept outside the database (``IDENTITY_KEY``)."""

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, related_name="confidential_identity"
    )
    token = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"identity of {self.petition_id}"


class IdentityGrant(models.Model):
    """A leader lets one more official see a denouncer's identity."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="identity_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.petition_id} → {self.user_id}"


# --- Citizen reception (tiếp công dân) ------------------------------------------------------------


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")


class ReceptionRule(models.Model):
    """A regular reception day of a unit (Luật Tiếp công dân 2013, Art. 15), e.g. the chairman every
    Thursday morning. Sessions are generated from the rules week by week, skipping days off; a
    ``ReceptionSession`` for a rule's date replaces that occurrence (booked, or cancelled)."""

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    week_of_month = models.PositiveSmallIntegerField(
        _("week of the month"),
        null=True,
        blank=True,
        choices=[(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth"))],
        help_text=_("Empty: every week."),
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    place = models.CharField(_("place"), max_length=200)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("leader who receives"),
    )
    host_name = models.CharField(_("official who receives"), max_length=150, blank=True)
    host_title = models.CharField(_("title"), max_length=120, blank=True)
    is_leader = models.BooleanField(
        _("the chairman or a vice-chairman receives in person"), default=True
    )
    capacity = models.PositiveSmallIntegerField(_("places that can be booked"), default=10)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("regular reception day")
        verbose_name_plural = _("regular reception days")
        ordering = ["unit", "weekday", "start_time"]
        indexes = [models.Index(fields=["unit", "valid_to"], name="reception_rule_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=models.F("end_time")), name="reception_rule_times"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=models.F("valid_to")),
                name="reception_rule_validity",
            ),
            models.CheckConstraint(
                condition=Q(host__isnull=False) | ~Q(host_name=""), name="reception_rule_host"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.get_weekday_display()} {self.start_time:%H:%M}"

    @property
    def host_label(self) -> str:
        return self.host.display_name if self.host_id else self.host_name


class ReceptionSession(models.Model):
    """One reception session on a date: an unscheduled session, or an occurrence of a rule that has
    been booked, changed or cancelled. Occurrences nobody touched are not stored: the schedule is
    generated from the rules."""

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    rule = models.ForeignKey(
        ReceptionRule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("regular reception day"),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    place = models.CharField(_("place"), max_length=200)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("leader who receives"),
    )
    host_name = models.CharField(_("official who receives"), max_length=150, blank=True)
    host_title = models.CharField(_("title"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places that can be booked"), default=10)
    booked = models.PositiveSmallIntegerField(default=0, editable=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["unit", "date"], name="reception_session_unit_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "date"],
                condition=Q(rule__isnull=False),
                name="reception_session_once_per_rule_date",
            ),
            models.CheckConstraint(
                condition=Q(start_time__lt=models.F("end_time")), name="reception_session_times"
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=models.F("capacity")), name="reception_session_capacity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.date:%d/%m/%Y} {self.start_time:%H:%M}"

    @property
    def host_label(self) -> str:
        return self.host.display_name if self.host_id else self.host_name


class ReceptionBooking(models.Model):
    """A citizen's booking of a place in a session (optional: walk-ins remain the norm)."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.PROTECT, related_name="bookings")
    code = models.CharField(
        _("booking code"), max_length=12, unique=True, default=new_tracking_code, editable=False
    )
    name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    subject = models.TextField(_("what it is about"), blank=True)
    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        ordering = ["session", "created_at", "id"]
        constraints = [
            # One booking per phone per session (rows without a phone are left out of the rule).
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=~Q(phone=""),
                name="reception_booking_one_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ReceptionVisit(models.Model):
    """One row of the reception log (sổ tiếp công dân, Form 03 of Circular 04/2021/TT-TTCP).

    For a denunciation the visitor's name, address, ID number and phone are NOT stored in clear: they
    are in ``identity_token``, encrypted with the key of ``ConfidentialIdentity`` (Luật Tố cáo 2018,
    Art. 47)."""

    class Action(models.TextChoices):
        ACCEPT = "accept", _("accept for handling")
        RETURN = "return", _("return with guidance")
        FORWARD = "forward", _("forward to the competent body")
        REFUSE = "refuse", _("refuse reception")

    class RefusalReason(models.TextChoices):
        """The only reasons Luật Tiếp công dân 2013, Art. 9 allows."""

        INCAPACITATED = (
            "incapacitated",
            _("intoxicated, or mentally ill and unable to control their acts"),
        )
        THREATENING = (
            "threatening",
            _("threatens, insults or uses violence, or disrupts the reception"),
        )
        RESOLVED = (
            "resolved",
            _(
                "the matter has been lawfully resolved, explained and reviewed (written notice given)"
            ),
        )

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("no."), editable=False)
    received_on = models.DateField(_("date of reception"))
    session = models.ForeignKey(
        ReceptionSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
        verbose_name=_("reception session"),
    )
    booking = models.OneToOneField(
        ReceptionBooking,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit",
        verbose_name=_("booking"),
    )
    name = models.CharField(_("full name"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    id_number = models.CharField(_("ID card or passport number"), max_length=20, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    identity_token = models.BinaryField(null=True, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    people_count = models.PositiveSmallIntegerField(_("number of people"), default=1)
    content = models.TextField(_("content"))
    handled_before = models.CharField(_("body that already handled it"), max_length=300, blank=True)
    action = models.CharField(_("action taken"), max_length=10, choices=Action.choices)
    petition = models.ForeignKey(
        Petition,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_visits",
        verbose_name=_("petition"),
    )
    guidance = models.TextField(_("guidance given"), blank=True)
    forward_body = models.ForeignKey(
        "core.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("forwarded to (body on the platform)"),
    )
    forward_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusing"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    refusal_note = models.TextField(_("what happened"), blank=True)
    refusal_notice = models.CharField(_("written notice"), max_length=200, blank=True)
    follow_up = models.TextField(_("result follow-up"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reception log entry")
        verbose_name_plural = _("reception log")
        ordering = ["-year", "-number"]
        indexes = [models.Index(fields=["unit", "received_on"], name="reception_visit_unit_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="reception_visit_number_unique"
            ),
            models.CheckConstraint(condition=Q(people_count__gte=1), name="reception_visit_people"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"
