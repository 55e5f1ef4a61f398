"""Participation: consultations on drafts, village decisions by household vote, mobilization
campaigns, and the Fatherland Front's forwarded opinions, supervision and social criticism.

Each thing with a life has a ``state`` field whose transitions live in ``services.py`` (conditional
UPDATE, audit row per change)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# --- Consultations on drafts (lấy ý kiến dự thảo) -------------------------------------------------


class Consultation(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("plan")
        CONVENTION = "convention", _("village convention")
        PROJECT = "project", _("project")
        POLICY = "policy", _("policy")

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("open for opinions")
        CLOSED = "closed", _("closed, being answered")
        PUBLISHED = "published", _("responses published")

    class Audience(models.TextChoices):
        CITIZENS = "citizens", _("all citizens")
        FRONT = "fatherland_front", _("the Fatherland Front")
        MASS_ORGANIZATIONS = "mass_organizations", _("mass organizations")
        VILLAGES = "villages", _("named villages")

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title of the draft"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    audiences = models.JSONField(_("who is asked"), default=list)
    target_units = models.ManyToManyField(
        "core.AdminUnit", blank=True, related_name="+", verbose_name=_("villages asked")
    )
    organizations = models.ManyToManyField(
        "core.Body", blank=True, related_name="+", verbose_name=_("organizations asked")
    )
    allow_anonymous = models.BooleanField(
        _("accept comments without name or verification"), default=False
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=250)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="section_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"


def opinion_file_path(instance: "Opinion", filename: str) -> str:
    return f"participation/opinions/{instance.consultation_id}/{filename}"


class Opinion(models.Model):
    class Source(models.TextChoices):
        CITIZEN = "citizen", _("citizen online")
        ORGANIZATION = "organization", _("organization's formal opinion")
        MEETING = "meeting", _("raised at a meeting")
        QUESTIONNAIRE = "questionnaire", _("paper questionnaire")

    class Verification(models.TextChoices):
        ACCOUNT = "account", _("signed in")
        PHONE = "phone", _("phone code")
        NONE = "none", _("anonymous")
        STAFF = "staff", _("entered by staff")

    class Response(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        PARTLY = "partly", _("partly adopted")
        EXPLAINED = "explained", _("explained (not adopted)")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="opinions"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    source = models.CharField(_("how it was received"), max_length=20, choices=Source.choices)
    verification = models.CharField(max_length=10, choices=Verification.choices)
    author_name = models.CharField(_("name"), max_length=150, blank=True)
    is_anonymous = models.BooleanField(_("publish without my name"), default=False)
    phone = models.CharField(_("phone number"), max_length=15, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        "core.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    source_note = models.CharField(_("where it was gathered"), max_length=250, blank=True)
    text = models.TextField(_("opinion"))
    document = models.FileField(_("document"), upload_to=opinion_file_path, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    response = models.CharField(
        _("response"), max_length=12, choices=Response.choices, blank=True, db_index=True
    )
    response_text = models.TextField(_("reason / how it was taken in"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "section__number", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def public_author(self) -> str:
        if self.body_id:
            return self.body.name
        if self.is_anonymous or not self.author_name:
            return str(_("A citizen"))
        return self.author_name


# --- Village decisions (dân bàn và quyết định) ----------------------------------------------------


class VillageDecision(models.Model):
    class Method(models.TextChoices):
        HANDS = "hands", _("show of hands at a meeting")
        BALLOT = "ballot", _("secret ballot")

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("voting")
        COUNTED = "counted", _("counted")
        PUBLISHED = "published", _("published to the village")

    village = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    title = models.CharField(_("matter"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(_("voting method"), max_length=10, choices=Method.choices)
    opens_on = models.DateField(_("voting opens on"))
    closes_on = models.DateField(_("voting closes on"))
    # Historical: the switch of the old, wrong rule (before issue 14), kept so past records show how
    # they were set up. Nothing reads it: validity (more than half of the households taking part)
    # always applies (rules.vote_outcome). Dropping it would need a migration that deletes data.
    quorum_required = models.BooleanField(
        _("also require more than half of all households to take part"), default=False
    )
    needs_recognition = models.BooleanField(_("needs the commune's recognition"), default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    participants = models.PositiveIntegerField(
        _("household representatives taking part"), null=True, blank=True
    )
    spoiled = models.PositiveIntegerField(_("spoiled ballots"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title


class DecisionOption(models.Model):
    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="options")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(_("option"), max_length=250)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)

    class Meta:
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="option_number_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Household(models.Model):
    decision = models.ForeignKey(
        VillageDecision, on_delete=models.CASCADE, related_name="households"
    )
    code = models.CharField(_("household no."), max_length=30)
    head_name = models.CharField(_("head of household"), max_length=150)
    representative = models.CharField(_("representative"), max_length=150)

    class Meta:
        ordering = ["decision", "code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "code"], name="household_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.head_name}"


class CountingMember(models.Model):
    decision = models.ForeignKey(
        VillageDecision, on_delete=models.CASCADE, related_name="counting_committee"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=80, blank=True)

    def __str__(self) -> str:
        return self.name


class Ballot(models.Model):
    """One household's ballot: which option, or spoiled. One per household (a second is refused)."""

    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="ballots")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        DecisionOption, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots"
    )
    spoiled = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "household"], name="one_ballot_per_household"
            ),
            models.CheckConstraint(
                condition=Q(spoiled=True, option__isnull=True)
                | Q(spoiled=False, option__isnull=False),
                name="ballot_option_or_spoiled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}/{self.household_id}"


class RecognitionTask(models.Model):
    """A village decision that the commune must recognize (công nhận): a tracked task."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the commune")
        RECOGNIZED = "recognized", _("recognized")
        REFUSED = "refused", _("not recognized")

    decision = models.OneToOneField(
        VillageDecision, on_delete=models.PROTECT, related_name="recognition"
    )
    commune = models.ForeignKey("core.AdminUnit", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.decision} ({self.get_state_display()})"


# --- Campaigns (vận động) ------------------------------------------------------------------------


class Campaign(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("running")
        CLOSED = "closed", _("closed")

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("name of the campaign"), max_length=250)
    goal = models.TextField(_("goal"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    villages = models.ManyToManyField(
        "core.AdminUnit", related_name="+", verbose_name=_("villages")
    )
    target_money = models.PositiveBigIntegerField(_("target in money (VND)"), default=0)
    target_labour_days = models.PositiveIntegerField(_("target in labour days"), default=0)
    target_materials = models.CharField(_("materials sought"), max_length=250, blank=True)
    hide_household_amounts = models.BooleanField(
        _("do not publish what each household gave"), default=True
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    """A household's pledge (đăng ký) or contribution (đóng góp) in money, labour days or materials."""

    class Kind(models.TextChoices):
        PLEDGE = "pledge", _("pledge")
        CONTRIBUTION = "contribution", _("contribution")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="contributions")
    village = models.ForeignKey("core.AdminUnit", on_delete=models.PROTECT, related_name="+")
    household_name = models.CharField(_("household"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    money = models.PositiveBigIntegerField(_("money (VND)"), default=0)
    labour_days = models.PositiveIntegerField(_("labour days"), default=0)
    materials = models.CharField(_("materials"), max_length=250, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    by_citizen = models.BooleanField(default=False)
    on_date = models.DateField(_("date"))
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "-on_date", "-id"]
        indexes = [models.Index(fields=["campaign", "village", "kind"])]

    def __str__(self) -> str:
        return f"{self.household_name} {self.get_kind_display()}"


# --- The Fatherland Front: supervision, social criticism, forwarded opinions ----------------------


class FrontReport(models.Model):
    """A supervision finding (giám sát) or social-criticism opinion (phản biện xã hội)."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("supervision finding")
        CRITICISM = "criticism", _("social-criticism opinion")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    body = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    unit = models.ForeignKey("core.AdminUnit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("subject"), max_length=250)
    findings = models.TextField(_("findings"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("waiting for an answer")
        IN_PROGRESS = "in_progress", _("being handled")
        ANSWERED = "answered", _("answered")

    report = models.ForeignKey(
        FrontReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("recommendation"))
    responsible = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible body")
    )
    scope_path = models.CharField(max_length=255, db_index=True)
    due_on = models.DateField(_("due on"), db_index=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["report", "number"]

    def __str__(self) -> str:
        return self.text[:60]

    def is_late(self, today) -> bool:
        if self.answered_on:
            return self.answered_on > self.due_on
        return today > self.due_on


class ForwardedOpinion(models.Model):
    """A citizen's opinion the Front forwarded: it became a petition (channel Fatherland Front)."""

    body = models.ForeignKey("core.Body", on_delete=models.PROTECT, related_name="+")
    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.PROTECT, related_name="+"
    )
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.petition_id)
