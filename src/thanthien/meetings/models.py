"""Meetings: the launch, trainings, dialogue conferences, reception sessions and village meetings;
who registered and came; the questions asked before a dialogue; the answers and commitments made
in the room, followed until they are kept (GLOSSARY: dialogue conference, question, minutes,
commitment, launch, training)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_registration_code() -> str:
    # 10 characters of an alphabet without look-alikes: typed at the door when a camera fails.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class MeetingRule(models.Model):
    """A legal period for meetings, as data with an effective date (LEGAL.md "Dialogue conferences").

    ``announcement``: announced at least N days before the meeting; ``minutes``: results published
    within N days after it."""

    class Name(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("announcement lead time")
        MINUTES = "minutes", _("publication of the minutes")

    class Count(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    name = models.CharField(_("rule"), max_length=20, choices=Name.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    count = models.CharField(_("counted in"), max_length=10, choices=Count.choices)
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("source"), max_length=200)
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=False)

    class Meta:
        verbose_name = _("meeting rule")
        verbose_name_plural = _("meeting rules")
        ordering = ["name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["name", "effective_from"], name="meeting_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_name_display()}: {self.days} ({self.effective_from:%d/%m/%Y})"


class Kind(models.TextChoices):
    LAUNCH = "launch", _("launch")
    TRAINING = "training", _("training")
    DIALOGUE = "dialogue", _("dialogue conference")
    RECEPTION = "reception", _("citizen reception session")
    VILLAGE = "village", _("village meeting")


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    ANNOUNCED = "announced", _("announced")
    HELD = "held", _("held")
    MINUTES_PUBLISHED = "published", _("minutes published")
    CANCELLED = "cancelled", _("cancelled")


PUBLIC_STATES = [State.ANNOUNCED, State.HELD, State.MINUTES_PUBLISHED, State.CANCELLED]


class Meeting(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    organizer = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizing body")
    )
    title = models.CharField(_("name of the meeting"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    chairs = models.CharField(_("chaired by"), max_length=300, blank=True)
    invited_bodies = models.ManyToManyField(
        "core.Body", blank=True, related_name="+", verbose_name=_("invited bodies")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    is_public = models.BooleanField(_("open to the public"), default=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    reception_session = models.ForeignKey(
        "petitions.ReceptionSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reception session"),
    )
    announced_at = models.DateTimeField(_("announced on"), null=True, blank=True)
    announcement_due = models.DateField(_("announce by"), null=True, blank=True)
    announced_late = models.BooleanField(_("announced late"), default=False)
    secretary = models.CharField(_("secretary"), max_length=150, blank=True)
    minutes_summary = models.TextField(_("summary of the meeting"), blank=True)
    minutes_due = models.DateField(_("publish the minutes by"), null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["unit_path", "kind", "starts_at"], name="meeting_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_dialogue(self) -> bool:
        return self.kind == Kind.DIALOGUE


class Registration(models.Model):
    """One person's place at a meeting; its ``code`` is what the QR code at the door carries."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    code = models.CharField(max_length=12, unique=True, default=new_registration_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_registrations",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    organization = models.CharField(_("organization or village"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    trained = models.BooleanField(_("trained"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="registration_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["meeting", "phone"],
                condition=~Q(phone=""),
                name="registration_once_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} · {self.meeting}"


class QuestionState(models.TextChoices):
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden")
    MERGED = "merged", _("merged")


class Question(models.Model):
    """A question sent before a dialogue conference, or raised from the floor during it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    state = models.CharField(
        max_length=10, choices=QuestionState.choices, default=QuestionState.PUBLISHED
    )
    text = models.TextField(_("question"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_questions",
    )
    author_name = models.CharField(_("name shown"), max_length=150)
    phone = models.CharField(max_length=15, blank=True)
    petition = models.ForeignKey(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("taken from petition"),
    )
    from_floor = models.BooleanField(_("raised from the floor"), default=False)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    support_count = models.PositiveIntegerField(default=0)
    answer = models.TextField(_("answer given"), blank=True)
    answered_by = models.CharField(_("answered by"), max_length=200, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-support_count", "created_at", "id"]
        indexes = [
            models.Index(fields=["meeting", "state", "-support_count"], name="question_rank")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Support(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    phone = models.CharField(max_length=15, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user"],
                condition=Q(user__isnull=False),
                name="support_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["question", "phone"],
                condition=~Q(phone=""),
                name="support_once_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} ← {self.user_id or self.phone}"


class CommitmentState(models.TextChoices):
    OPEN = "open", _("not started")
    IN_PROGRESS = "in_progress", _("being carried out")
    DONE = "done", _("kept")
    NOT_DONE = "not_done", _("not kept")


OPEN_COMMITMENT_STATES = [CommitmentState.OPEN, CommitmentState.IN_PROGRESS]


class Commitment(models.Model):
    """What was promised in the room: what, which body, by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="commitments")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    text = models.TextField(_("what was committed"))
    body = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible body")
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    due_date = models.DateField(_("by"), db_index=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=CommitmentState.choices,
        default=CommitmentState.OPEN,
        db_index=True,
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    late_flagged_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["unit_path", "state", "due_date"], name="commitment_unit")]

    def __str__(self) -> str:
        return self.text[:60]


class CommitmentUpdate(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("progress"))
    state_before = models.CharField(max_length=12, choices=CommitmentState.choices)
    state_after = models.CharField(max_length=12, choices=CommitmentState.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.state_before} → {self.state_after}"


class Evidence(models.Model):
    update = models.ForeignKey(CommitmentUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="meetings/evidence/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class Follower(models.Model):
    """Someone (not the asker or a supporter) who asked to hear of a commitment's progress."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="followers")
    destination = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commitment", "destination"], name="follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} → {self.destination}"
