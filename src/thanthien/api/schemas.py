"""The shapes of the JSON API's requests and answers; the OpenAPI schema is generated from them.

Inputs refuse unknown keys (a misspelt "titel" is an error, not silently dropped). Times go out in
the platform's time zone with their offset ("2026-02-13T09:30:00+07:00"), dates as YYYY-MM-DD.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from thanthien.petitions.models import Kind, State

LocalDateTime = Annotated[dt.datetime, AfterValidator(timezone.localtime)]


class StrictInput(Schema):
    model_config = ConfigDict(extra="forbid")


# --- Errors -----------------------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: str = Field(description="A machine-readable code, e.g. invalid_input, not_found.")
    message: str = Field(description="What went wrong, for people, in the request's language.")
    fields: dict[str, list[str]] = Field(description="Messages per input field that was wrong.")


class ErrorOut(Schema):
    error: ErrorDetail


# --- Small references -----------------------------------------------------------------------------


class FieldRef(Schema):
    code: str
    name: str


class UnitRef(Schema):
    id: int
    name: str


class BodyRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    name: str


class Page(Schema):
    count: int = Field(description="How many rows match, on all pages.")
    limit: int
    offset: int


# --- Citizens ---------------------------------------------------------------------------------------


class PetitionIn(StrictInput):
    kind: Kind = Kind.FEEDBACK
    field: str = Field(
        max_length=40, description="A field's code, e.g. land (see Open311 services)."
    )
    unit: int = Field(description="The commune's id.")
    village: int | None = Field(None, description="A village of that commune, by id.")
    title: str
    content: str
    address: str = Field("", max_length=200)
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    name: str = Field("", max_length=150)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    is_anonymous: bool = False
    consent_publish: bool = Field(
        False, description="The citizen agrees that the petition and its answer are published."
    )
    submission_key: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Idempotency key: the same key again returns the same petition. The "
        "Idempotency-Key header does the same.",
    )


class ReceiptOut(Schema):
    tracking_code: str = Field(description="Keep it: it is the only way to follow the petition.")
    state: State
    deadline: dt.date | None = Field(description="The last day of the legal period to answer.")
    received_at: LocalDateTime
    unit: int = Field(
        description="The commune that takes the petition: the one asked, or its successor when "
        "the one asked was abolished (then `notice` says so)."
    )
    notice: str = Field(
        "", description="What the sender is told about where the petition went; empty if nothing."
    )


class EventOut(Schema):
    action: str
    new_state: State
    at: LocalDateTime
    reason: str


class AnswerOut(Schema):
    text: str
    at: LocalDateTime | None


class PetitionStatusOut(Schema):
    tracking_code: str
    kind: Kind
    state: State
    state_label: str
    field: FieldRef
    unit: UnitRef
    body: BodyRef
    title: str
    content: str
    address: str
    received_at: LocalDateTime
    deadline: dt.date | None
    answered_at: LocalDateTime | None
    closed_at: LocalDateTime | None
    events: list[EventOut]
    answer: AnswerOut | None


class PublishedFilter(Schema):
    unit: int | None = Field(None, description="A unit's id: petitions of it and the units below.")
    field: str | None = Field(None, max_length=40, description="A field's code.")
    state: Literal["answered", "closed"] | None = None
    since: dt.date | None = Field(None, description="Received on or after this day.")
    until: dt.date | None = Field(None, description="Received on or before this day.")
    q: str = Field("", max_length=200, description="Words in the title or text.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


class PublishedOut(Schema):
    id: int
    kind: Kind
    state: State
    title: str
    text: str = Field(
        description="The petition's text with phone numbers, emails and names removed."
    )
    field: FieldRef
    unit: UnitRef
    body: BodyRef
    received_at: LocalDateTime
    answered_at: LocalDateTime | None
    answer: str | None


class PublishedPage(Page):
    items: list[PublishedOut]


# --- Staff ------------------------------------------------------------------------------------------


class InboxFilterIn(Schema):
    which: Literal["open", "all", "closed"] = "open"
    state: State | None = None
    body: int | None = None
    unit: int | None = None
    field: str | None = Field(None, max_length=40)
    q: str = Field("", max_length=200)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class InboxItemOut(Schema):
    id: int
    tracking_code: str
    kind: Kind
    state: State
    title: str
    field: FieldRef
    unit: UnitRef
    body: BodyRef
    assignee: PersonRef | None
    received_at: LocalDateTime
    deadline: dt.date | None
    overdue: bool
    due_soon: bool


class InboxPage(Page):
    items: list[InboxItemOut]


class ContactOut(Schema):
    name: str
    phone: str
    email: str


class StaffEventOut(Schema):
    action: str
    old_state: str
    new_state: str
    at: LocalDateTime
    reason: str
    public: bool
    actor: str | None
    body: str | None


class StaffAnswerOut(Schema):
    id: int
    text: str
    status: Literal["pending", "approved", "returned"]
    author: str
    created_at: LocalDateTime
    decided_at: LocalDateTime | None
    note: str


class StaffPetitionOut(Schema):
    id: int
    tracking_code: str
    version: int = Field(description="Send it back with an action to act only on what you saw.")
    kind: Kind
    state: State
    channel: str
    title: str
    content: str
    address: str
    latitude: float | None
    longitude: float | None
    field: FieldRef
    unit: UnitRef
    village: UnitRef | None
    body: BodyRef
    assignee: PersonRef | None
    received_at: LocalDateTime
    deadline: dt.date | None
    answered_at: LocalDateTime | None
    closed_at: LocalDateTime | None
    is_anonymous: bool
    consent_publish: bool
    forwarded_to: str
    merged_into: str | None
    contact: ContactOut | None
    events: list[StaffEventOut]
    answers: list[StaffAnswerOut]
    allowed_actions: list[str]


class ActionIn(StrictInput):
    version: int | None = Field(
        None,
        description="The version you saw; if the petition changed since, nothing happens (409).",
    )


class StartIn(ActionIn):
    assignee: int | None = Field(None, description="The official's user id; yourself if empty.")


class ForwardIn(ActionIn):
    reason: str
    body: int | None = Field(None, description="A body on the platform, by id…")
    outside: str = Field("", max_length=200, description="…or the name of one outside it.")


class MergeIn(ActionIn):
    into: str = Field(max_length=20, description="Tracking code of the petition it duplicates.")
    reason: str = ""


class DeclineIn(ActionIn):
    reason: str


class AnswerIn(ActionIn):
    text: str


class ReturnIn(ActionIn):
    note: str


class KindFiguresOut(Schema):
    kind: str
    label: str
    received: int
    accepted: int
    resolved: int
    on_time: int
    on_time_pct: int | None
    overdue: int
    extended: int | None
    second_instance_pct: int | None


class FiguresOut(Schema):
    unit: int
    unit_name: str
    since: dt.date
    until: dt.date
    kinds: list[KindFiguresOut]
