"""The model's rollout: a plan as data (149-KH/HU), the survey that selects its units, its
milestones and tasks, the support budget, inspections, reviews and awards.

Every record hangs from a ``Plan``; a plan belongs to the unit of its issuing body, and a commune's
own plan points to the district plan it implements (``parent``).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LAYOUT_CHOICES = [("party", _("Party (Guide 36-HD/VPTW)")), ("state", _("State (Decree 30/2020)"))]


class Plan(models.Model):
    issuer = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing body")
    )
    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    scope_path = models.CharField(max_length=255, db_index=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("implements the plan"),
    )
    layout = models.CharField(_("layout"), max_length=10, choices=LAYOUT_CHOICES)
    issuer_parent = models.CharField(_("superior body (heading)"), max_length=120, blank=True)
    issuer_heading = models.CharField(_("issuing body (heading)"), max_length=120)
    issuer_code = models.CharField(_("issuer code"), max_length=20)
    type_code = models.CharField(_("document type code"), max_length=10, default="KH")
    number = models.PositiveIntegerField(pgettext_lazy("rollout", "number"), null=True, blank=True)
    number_period = models.CharField(
        _("numbering period"),
        max_length=20,
        help_text=_("The calendar year (State) or the Party committee's term, e.g. 2020-2025."),
    )
    issued_on = models.DateField(_("date"))
    place = models.CharField(_("place name in the date line"), max_length=80)
    title = models.CharField(pgettext_lazy("rollout", "subject"), max_length=300)
    implements = models.TextField(
        _("documents it implements"), help_text=_("One per line: number, date, issuer, subject.")
    )
    preamble_end = models.TextField(_("issuing sentence"), blank=True)
    purposes = models.TextField(_("purposes and requirements"), help_text=_("One per line."))
    content_areas = models.TextField(_("content areas"), help_text=_("One per line."))
    process_steps = models.TextField(_("process steps"), help_text=_("One per line."))
    place_text = models.TextField(
        pgettext_lazy("rollout", "places"), help_text=_("What section IV.1 says.")
    )
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "type_code", "number_period", "number"],
                condition=Q(number__isnull=False),
                name="rollout_plan_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol} — {self.title}"

    @property
    def symbol(self) -> str:
        number = f"{self.number:02d}" if self.number else "…"
        if self.layout == "party":
            return f"{number}-{self.type_code}/{self.issuer_code}"
        return f"{number}/{self.type_code}-{self.issuer_code}"

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class PlanUnit(models.Model):
    """A place of the plan: the pilot, or a unit for replication."""

    class Role(models.TextChoices):
        PILOT = "pilot", _("pilot")
        REPLICATION = "replication", _("replication")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="places")
    unit = models.ForeignKey("core.AdminUnit", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["role", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="rollout_place_unique"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(role="pilot"), name="rollout_one_pilot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} ({self.role})"


# --- Selection --------------------------------------------------------------------------------


class Survey(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("scoring")
        DECIDED = "decided", _("selection decided")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("name of the survey"), max_length=200)
    held_from = models.DateField(_("first day"))
    held_to = models.DateField(_("last day"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["held_from", "pk"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"))
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="rollout_criterion_unique"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="rollout_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="candidates")
    unit = models.ForeignKey("core.AdminUnit", on_delete=models.PROTECT, related_name="+")
    selection = models.CharField(
        _("selection"), max_length=20, choices=PlanUnit.Role.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit"], name="rollout_candidate_unique")
        ]

    def __str__(self) -> str:
        return str(self.unit_id)


class Score(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    surveyor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "criterion", "surveyor"], name="rollout_score_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.score)


# --- Running it ---------------------------------------------------------------------------------


class Status(models.TextChoices):
    PLANNED = "planned", _("not started")
    IN_PROGRESS = "in_progress", _("under way")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_STATUSES = [Status.PLANNED, Status.IN_PROGRESS]


class Milestone(models.Model):
    """A line of the plan's timeline (section IV.2). A launch or a training may later point to the
    meeting that held it (``meeting_id``, set by the meetings app), whose attendance is shown."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("survey and selection")
        PLANNING = "planning", _("plans of the units")
        LAUNCH = "launch", _("launch")
        TRAINING = "training", _("training")
        IMPLEMENTATION = "implementation", _("implementation")
        DIALOGUE = "dialogue", _("dialogue conference")
        INSPECTION = "inspection", _("inspection")
        REVIEW = "review", _("review")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("milestone text"), max_length=300)
    month_from = models.DateField(_("from month"))
    month_to = models.DateField(_("to month"))
    due_on = models.DateField(_("due date"))
    unit = models.ForeignKey(
        "core.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    phase = models.PositiveSmallIntegerField(
        _("line of the timeline"),
        default=1,
        help_text=_("Milestones with the same number share one line of the plan's section IV.2."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)
    meeting_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["month_from", "due_on", "pk"]
        indexes = [models.Index(fields=["plan", "status", "due_on"], name="rollout_ms_due")]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """What section V assigns to a kind of body ("Ban Dân vận Huyện ủy", "Đảng ủy các xã"), in the
    plan's words; the concrete tasks of each body are ``Task`` rows made from it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    order = models.PositiveSmallIntegerField(_("order"))
    heading = models.CharField(_("bodies assigned"), max_length=200)
    duties = models.TextField(_("duties"), help_text=_("One per line."))

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="rollout_assignment_order")
        ]

    def __str__(self) -> str:
        return self.heading


class Task(models.Model):
    """A task of a body (section V), with an owner, a due date and a status."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("milestone"),
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    body = models.ForeignKey(
        "core.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("body")
    )
    scope_path = models.CharField(max_length=255, db_index=True, editable=False)
    title = models.CharField(_("task"), max_length=400)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(_("progress note"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["plan", "status", "due_on"], name="rollout_task_due")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on < today


class BudgetLine(models.Model):
    """A line of the support budget (V.1: partial funding for the pilot units), in đồng."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    unit = models.ForeignKey(
        "core.AdminUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit supported"),
    )
    item = models.CharField(_("item"), max_length=300)
    amount = models.PositiveBigIntegerField(_("estimate (đồng)"))
    approved = models.PositiveBigIntegerField(_("approved (đồng)"), null=True, blank=True)
    spent = models.PositiveBigIntegerField(_("spent (đồng)"), default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.item


# --- Inspection and evaluation --------------------------------------------------------------------


class ChecklistItem(models.Model):
    """A criterion of the inspection checklist, under one of the six content areas; it may name a
    figure key ("petitions.on_time") whose live value the inspectors see next to it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checklist")
    area = models.PositiveSmallIntegerField(_("content area"))
    text = models.CharField(_("criterion"), max_length=300)
    figure_key = models.CharField(_("figure key"), max_length=60, blank=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)

    class Meta:
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return self.text


class Inspection(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("under way")
        CONCLUDED = "concluded", _("concluded")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="inspections")
    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    scope_path = models.CharField(max_length=255, db_index=True, editable=False)
    held_on = models.DateField(_("date"))
    team = models.TextField(_("inspection team"), help_text=_("One member per line."))
    findings = models.TextField(pgettext_lazy("rollout", "findings"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "held_on"], name="rollout_inspection_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.held_on}"


class InspectionResult(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["item__area", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="rollout_result_unique")
        ]

    def __str__(self) -> str:
        return str(self.item_id)


class Recommendation(models.Model):
    """What the inspectors ask the unit to fix, by a deadline; followed like a commitment."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    due_on = models.DateField(_("deadline to fix"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class Review(models.Model):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim review")
        FINAL = "final", _("final review")

    class State(models.TextChoices):
        DRAFT = "draft", _("awards proposed")
        DECIDED = "decided", _("awards decided")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    summary = models.TextField(_("assessment"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    decided_on = models.DateField(null=True, blank=True)
    decision_ref = models.CharField(_("award decision"), max_length=200, blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "held_on"], name="rollout_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on}"


class Award(models.Model):
    """A proposed award of the emulation ranking: who, what form, why; decided once."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="awards")
    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    form = models.CharField(_("form of award"), max_length=200)
    reason = models.TextField(_("reason"))
    decided = models.BooleanField(default=False)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "unit"], name="rollout_award_unique")
        ]

    def __str__(self) -> str:
        return self.form
