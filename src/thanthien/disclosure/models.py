"""The commune's public register: disclosures (with their tables, attachments, postings and
citizens' questions), required disclosures, notices and their delivery to subscribers, village
conventions, and one search index over all of them."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Form(models.TextChoices):
    """How a disclosure is made public (Law on Grassroots Democracy 2022, Art. 12–13)."""

    WEBSITE = "website", _("commune web portal")
    OFFICE = "office", _("posting at the commune office")
    VILLAGE_HALL = "village_hall", _("posting at the village hall")
    LOUDSPEAKER = "loudspeaker", _("commune loudspeaker")
    VILLAGE_MEETING = "village_meeting", _("village meeting")
    SMS = "sms", _("SMS to households")
    SOCIAL = "social", _("social network")


class Category(models.Model):
    """A category of disclosure from the legal list (Art. 11 groups): data an administrator edits."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group (Art. 11)"), max_length=200, blank=True)
    posting_days = models.PositiveSmallIntegerField(
        _("minimum posting days"),
        default=30,
        help_text=_("At least 30 unless a law says otherwise."),
    )
    loudspeaker_days = models.PositiveSmallIntegerField(
        _("minimum consecutive loudspeaker days"),
        default=0,
        help_text=_("0 when the loudspeaker is not required."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("disclosure category")
        verbose_name_plural = _("disclosure categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Requirement(models.Model):
    """What every commune must disclose in a category, and by when."""

    class Frequency(models.TextChoices):
        ANNUAL = "annual", _("every year")
        QUARTERLY = "quarterly", _("every quarter")

    class Reference(models.TextChoices):
        PERIOD_START = "start", _("after the period starts")
        PERIOD_END = "end", _("after the period ends")

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("category")
    )
    name = models.CharField(_("what must be disclosed"), max_length=200)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    reference = models.CharField(_("counted from"), max_length=5, choices=Reference.choices)
    due_days = models.PositiveSmallIntegerField(_("days allowed"))
    source = models.CharField(_("legal source"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("required disclosure")
        verbose_name_plural = _("required disclosures")
        ordering = ["category__order", "id"]

    def __str__(self) -> str:
        return self.name


class Disclosure(models.Model):
    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    body = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("body")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("category")
    )
    title = models.CharField(pgettext_lazy("disclosure", "title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    document_issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    forms = models.JSONField(_("forms of disclosure"), default=list, blank=True)
    starts_on = models.DateField(_("disclosed from"))
    ends_on = models.DateField(_("disclosed until"))
    period_year = models.PositiveSmallIntegerField(_("year covered"), null=True, blank=True)
    period_quarter = models.PositiveSmallIntegerField(_("quarter covered"), null=True, blank=True)
    table_header = models.JSONField(default=list, blank=True)
    table_rows = models.JSONField(default=list, blank=True)
    source_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "category", "period_year"], name="disclosure_obligation"),
            models.Index(fields=["-starts_on", "-id"], name="disclosure_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="disclosure_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(period_quarter__isnull=True)
                | Q(period_quarter__gte=1, period_quarter__lte=4),
                name="disclosure_quarter_1_4",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_public(self, today: dt.date) -> bool:
        return self.starts_on <= today

    def form_labels(self) -> list[str]:
        labels = dict(Form.choices)
        return [str(labels[f]) for f in self.forms if f in labels]


class DisclosureFile(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="disclosure/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Posting(models.Model):
    """Where and when a disclosure was made public: a notice board, a loudspeaker broadcast…"""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="postings")
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    place = models.CharField(_("place"), max_length=200)
    posted_on = models.DateField(_("posted on"))
    photo = models.FileField(_("photo"), upload_to="disclosure/postings/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["posted_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()}: {self.place}"


class Question(models.Model):
    """A citizen's question on a disclosure: a petition in the petitions workflow, linked here."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="questions")
    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.disclosure_id}: {self.petition_id}"


class Notice(models.Model):
    class Kind(models.TextChoices):
        POLICY = "policy", _("policy explainer")
        RESOLUTION = "resolution", _("resolution for the commune")
        SCHEDULE = "schedule", _("schedule")
        WARNING = "warning", _("warning")

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    villages = models.ManyToManyField(
        "core.AdminUnit", blank=True, related_name="+", verbose_name=_("villages")
    )
    kind = models.CharField(_("category"), max_length=20, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("disclosure", "title"), max_length=250)
    text = models.TextField(_("text"))
    loudspeaker_script = models.TextField(_("loudspeaker script"), blank=True)
    published_on = models.DateField(_("published on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["unit", "-published_on"], name="notice_unit_newest")]

    def __str__(self) -> str:
        return self.title


class Broadcast(models.Model):
    """One reading of a notice on the commune loudspeaker."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="broadcasts")
    at = models.DateTimeField(_("read at"))

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "at"], name="broadcast_once_per_time")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} @ {self.at:%Y-%m-%d %H:%M}"


class NoticeFile(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="notices/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True, editable=False)

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    EMAIL = "email", _("email")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo Official Account")


class Subscription(models.Model):
    """A citizen's wish to receive a commune's or village's notices on one channel. Personal data:
    the destination is shown to nobody but its owner and never in a public page or feed."""

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    destination = models.CharField(_("address"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # In the link at the foot of every message: whoever holds it may stop the messages.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "channel", "destination"], name="subscription_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.unit_id}"  # never the address


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notice", "subscription"], name="delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}/{self.subscription_id}: {self.state}"


class Convention(models.Model):
    """A village convention (hương ước, quy ước) and its life."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONSULTATION = "consultation", _("in consultation")
        RECOGNIZED = "recognized", _("recognized")
        AMENDED = "amended", _("amended")
        REPEALED = "repealed", _("repealed")

    village = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    title = models.CharField(pgettext_lazy("disclosure", "title"), max_length=250)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    recognition_number = models.CharField(
        _("recognition decision number"), max_length=60, blank=True
    )
    recognition_date = models.DateField(_("recognition decision date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("village convention")
        verbose_name_plural = _("village conventions")
        ordering = ["village__path", "title"]
        constraints = [
            models.UniqueConstraint(fields=["village", "title"], name="convention_title_in_village")
        ]

    def __str__(self) -> str:
        return self.title


class ConventionVersion(models.Model):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "number"], name="convention_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.convention_id} v{self.number}"


class SearchEntry(models.Model):
    """One searchable thing (a disclosure, a notice, a convention), its text folded (no diacritics,
    đ→d). The full-text index over ``text`` is created by migration: FTS5 on SQLite, a GIN index on
    PostgreSQL (see ``search.py``)."""

    class Kind(models.TextChoices):
        DISCLOSURE = "disclosure", _("disclosure")
        NOTICE = "notice", _("notice")
        CONVENTION = "convention", _("village convention")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    unit_path = models.CharField(max_length=255)
    category = models.CharField(max_length=40, blank=True)
    day = models.DateField()
    title = models.CharField(max_length=250)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        indexes = [models.Index(fields=["-day", "-id"], name="search_entry_newest")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
