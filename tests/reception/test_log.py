"""The reception log (Form 03): a visit recorded with every action (accept, return with guidance,
forward, refuse for a reason of Art. 9), the petition it files, the denouncer's identity kept out
of the log, numbering, and the visit form through HTTP with bad input."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from openpyxl import load_workbook

from tests.conftest import client_for
from tests.reception.conftest import (
    DENOUNCER,
    DENOUNCER_ADDRESS,
    DENOUNCER_ID,
    D,
    booking_key,
    denunciation_kwargs,
    today,
)
from thanthien.core.models import AuditEvent, Body
from thanthien.denunciations import services as denunciation_services
from thanthien.petitions.confidential import decrypt_bytes, identity_grant
from thanthien.petitions.models import (
    Channel,
    ConfidentialIdentity,
    Contact,
    Kind,
    Petition,
    ReceptionBooking,
    ReceptionVisit,
    State,
)
from thanthien.reception import documents, selectors, services

# --- Recording visits ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Kind.FEEDBACK, Kind.RECOMMENDATION])
def test_accepting_feedback_files_a_petition_from_reception(record, clerk, kind):
    visit = record(kind=kind)

    petition = visit.petition
    assert petition.kind == kind and petition.channel == Channel.RECEPTION
    assert petition.entered_by == clerk and petition.state == State.RECEIVED
    contact = Contact.objects.get(petition=petition)
    assert (contact.name, contact.phone) == ("Bùi Văn Nam", "0987111222")
    assert contact.address == "Khu phố 1, thị trấn Vân Du"
    assert visit.name == "Bùi Văn Nam" and visit.id_number == "038085001234"


@pytest.mark.django_db
def test_accepting_a_complaint_files_a_complaint(record):
    visit = record(
        kind=Kind.COMPLAINT,
        case={
            "act_complained_of": "Quyết định số 12/QĐ-UBND về thu hồi đất",
            "respondent": "Chủ tịch UBND thị trấn Vân Du",
            "learned_on": today() - dt.timedelta(days=10),
        },
    )

    petition = visit.petition
    assert petition.kind == Kind.COMPLAINT and petition.channel == Channel.RECEPTION
    assert petition.complaint.respondent == "Chủ tịch UBND thị trấn Vân Du"


@pytest.mark.django_db
def test_a_denunciation_keeps_the_identity_out_of_the_log_and_the_contact(record, clerk):
    visit = record(**denunciation_kwargs())

    petition = visit.petition
    assert petition.kind == Kind.DENUNCIATION and petition.channel == Channel.RECEPTION
    stored = ReceptionVisit.objects.filter(pk=visit.pk).values().get()
    for name, value in stored.items():
        text = (
            bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
        )
        for secret in (DENOUNCER, "Tố Cáo", DENOUNCER_ADDRESS, DENOUNCER_ID, "0911222333"):
            assert secret not in text, name
    contact = Contact.objects.get(petition=petition)
    assert (contact.name, contact.phone, contact.email, contact.address) == ("", "", "", "")
    assert DENOUNCER in decrypt_bytes(visit.identity_token).decode("utf-8")
    assert ConfidentialIdentity.objects.filter(petition=petition).exists()
    assert selectors.visit_identity(visit, clerk).hidden


@pytest.mark.django_db
def test_only_those_who_may_see_the_denouncer_see_them_in_the_log(
    record, van_du, clerk, handler, chairman
):
    visit = record(**denunciation_kwargs())
    denunciation_services.denunciation_accept(
        petition=visit.petition, actor=handler
    )  # handler assigned
    url = f"/staff/reception/{van_du.pk}/log/{visit.pk}/"

    hidden = client_for(clerk).get(url).content.decode()
    shown = client_for(handler).get(url).content.decode()

    assert DENOUNCER not in hidden and selectors.REDACTED in hidden
    assert DENOUNCER in shown and DENOUNCER_ID in shown
    identity_grant(petition=visit.petition, leader=chairman, user=clerk)
    assert DENOUNCER in client_for(clerk).get(url).content.decode()
    # The list, the print and every export never carry it, whoever asks.
    for path in ("log/", "log/print/"):
        page = client_for(handler).get(f"/staff/reception/{van_du.pk}/{path}").content.decode()
        assert DENOUNCER not in page and selectors.REDACTED in page
    xlsx = client_for(handler).get(f"/staff/reception/{van_du.pk}/log/export.xlsx").content
    cells = [c.value for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    assert DENOUNCER not in " ".join(str(c) for c in cells)
    assert selectors.REDACTED in cells


@pytest.mark.django_db
def test_a_denunciation_from_a_booking_deletes_the_booking(add_rule, record, van_du):
    rule = add_rule()
    booking, _ = services.booking_create(
        unit=van_du,
        key=booking_key(rule),
        phone="0911 222 333",
        name=DENOUNCER,
        subject="Tố cáo cán bộ địa chính nhận tiền.",
    )

    visit = record(
        booking=booking,
        action=ReceptionVisit.Action.RETURN,
        guidance="Hướng dẫn gửi đơn",
        **denunciation_kwargs(),
    )

    assert not ReceptionBooking.objects.filter(pk=booking.pk).exists()
    assert visit.booking is None and visit.session == booking.session
    assert visit.petition is None and visit.name == ""
    assert not AuditEvent.objects.filter(data__icontains=booking.code).exists()


@pytest.mark.django_db
def test_return_with_guidance_and_forward_file_no_petition(record, van_du, units):
    district_committee = Body.objects.get(unit=units["district"], kind=Body.Kind.PEOPLES_COMMITTEE)
    returned = record(
        action=ReceptionVisit.Action.RETURN,
        guidance="Hướng dẫn công dân gửi đơn đến Tòa án nhân dân huyện.",
    )
    forwarded = record(action=ReceptionVisit.Action.FORWARD, forward_body=district_committee)
    outside = record(action=ReceptionVisit.Action.FORWARD, forward_to="Công an huyện Thạch Thành")

    assert Petition.objects.count() == 0
    assert returned.guidance.startswith("Hướng dẫn") and returned.petition is None
    assert documents.direction(forwarded) == (
        2,
        f"Chuyển đơn đến cơ quan có thẩm quyền: {district_committee.name}",
    )
    assert outside.forward_to == "Công an huyện Thạch Thành"


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ReceptionVisit.RefusalReason.values)
def test_refusal_for_a_reason_of_article_9(record, reason):
    visit = record(
        action=ReceptionVisit.Action.REFUSE,
        refusal_reason=reason,
        refusal_note="Công dân say rượu, la hét tại phòng tiếp.",
        refusal_notice="Thông báo số 05/TB-UBND ngày 02/03/2026",
    )

    assert visit.refusal_reason == reason and visit.petition is None
    assert documents.direction(visit)[0] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"refusal_reason": "busy"},
        {"refusal_reason": ""},
        {"refusal_reason": "incapacitated", "refusal_note": ""},
        {"refusal_reason": "resolved", "refusal_notice": ""},
    ],
)
def test_refusal_only_for_the_reasons_of_article_9(record, bad):
    data = {
        "action": ReceptionVisit.Action.REFUSE,
        "refusal_note": "Công dân đã được trả lời nhiều lần.",
        "refusal_notice": "",
    }
    data.update(bad)

    with pytest.raises(ValidationError):
        record(**data)

    assert ReceptionVisit.objects.count() == 0


@pytest.mark.django_db
def test_numbers_run_per_unit_and_year(record, units, other_official, land):
    a, b = record(), record(action=ReceptionVisit.Action.RETURN, guidance="Hướng dẫn gửi đơn")
    last_year = record(
        received_on=D(today().year - 1, 12, 15), action="return", guidance="Hướng dẫn"
    )
    other = services.visit_record(
        unit=units["thach_binh"],
        actor=other_official,
        received_on=today(),
        kind=Kind.FEEDBACK,
        name="Lò Văn Sáu",
        content="Đề nghị sửa đường vào thôn 3 bị sạt lở.",
        action="return",
        guidance="Hướng dẫn gửi đơn",
    )[0]

    assert (a.number, b.number, a.year) == (1, 2, today().year)
    assert (last_year.number, last_year.year) == (1, today().year - 1)
    assert other.number == 1


@pytest.mark.django_db
def test_two_officials_saving_at_once_get_consecutive_numbers(record, monkeypatch):
    record()
    real, calls = QuerySet.aggregate, []

    def stale(self, *args, **kwargs):
        # The first reading misses the row another official has just saved.
        calls.append(1)
        return {"n": None} if len(calls) == 1 else real(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "aggregate", stale)
    visit = record(action="return", guidance="Hướng dẫn gửi đơn")

    assert visit.number == 2 and len(calls) == 2
    assert ReceptionVisit.objects.count() == 2


@pytest.mark.django_db
def test_a_visit_sent_twice_is_recorded_once(record):
    first = record(submission_key="v" * 32)
    second = record(submission_key="v" * 32)

    assert first == second
    assert ReceptionVisit.objects.count() == 1 and Petition.objects.count() == 1


@pytest.mark.django_db
def test_the_follow_up_is_recorded(record, van_du, clerk):
    visit = record()

    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/{visit.pk}/",
        {"follow_up": "Đã trả lời ngày 05/12", "notes": "Công dân hài lòng"},
    )

    visit.refresh_from_db()
    assert response.status_code == 302
    assert (visit.follow_up, visit.notes) == ("Đã trả lời ngày 05/12", "Công dân hài lòng")


# --- The visit form through HTTP, and bad input on it -----------------------------------------


def visit_post(land, **kw) -> dict:
    data = {
        "received_on": today().isoformat(),
        "kind": Kind.FEEDBACK,
        "people_count": "1",
        "name": "Bùi Văn Nam",
        "address": "Khu phố 1",
        "id_number": "038085001234",
        "phone": "0987111222",
        "content": "Đường khu phố 1 bị sụt lún sau mưa, đề nghị sửa chữa.",
        "action": "accept",
        "field": str(land.pk),
    }
    data.update(kw)
    return data


@pytest.mark.django_db
def test_an_official_records_a_group_visit_through_the_form(van_du, clerk, land):
    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/new/", visit_post(land, people_count="12")
    )

    visit = ReceptionVisit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/reception/{van_du.pk}/log/{visit.pk}/"
    assert visit.people_count == 12 and visit.petition.channel == Channel.RECEPTION


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"name": ""},
        {"content": "ngắn"},
        {"received_on": "2099-01-01"},
        {"received_on": "hôm qua"},
        {"kind": "gossip"},
        {"people_count": "0"},
        {"id_number": "12AB"},
        {"phone": "123"},
        {"action": "ignore"},
        {"field": ""},  # accept needs the field
        {"phone": ""},  # feedback needs a way to answer: the petition service says so
        {"kind": "complaint"},  # a complaint needs the act, the respondent, the date
        {"kind": "denunciation"},  # a denunciation needs the person denounced
        {"action": "return", "guidance": ""},
        {"action": "forward"},
        {"action": "refuse", "refusal_reason": "busy", "refusal_note": "Bận họp"},
    ],
)
def test_bad_visit_input_says_why_and_saves_nothing(van_du, clerk, land, bad):
    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/new/", visit_post(land, **bad)
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert ReceptionVisit.objects.count() == 0 and Petition.objects.count() == 0


@pytest.mark.django_db
def test_bad_follow_up_input_saves_nothing(record, van_du, clerk):
    visit = record()

    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/{visit.pk}/", {"follow_up": "x" * 2001, "notes": ""}
    )

    visit.refresh_from_db()
    assert response.status_code == 400 and response.context["form"].errors
    assert visit.follow_up == ""


@pytest.mark.django_db
def test_a_visit_is_recorded_from_a_booking(add_rule, van_du, clerk, land):
    rule = add_rule()
    booking, _ = services.booking_create(
        unit=van_du,
        key=booking_key(rule),
        phone="0912000001",
        name="Đỗ Thị K",
        subject="Đề nghị sửa đèn đường khu phố 2 bị hỏng.",
    )
    url = f"/staff/reception/{van_du.pk}/log/new/?booking={booking.code}"
    form = client_for(clerk).get(url)
    assert form.status_code == 200 and "Đỗ Thị K" in form.content.decode()

    response = client_for(clerk).post(
        f"/staff/reception/{van_du.pk}/log/new/",
        visit_post(
            land,
            booking=booking.code,
            name="Đỗ Thị K",
            phone="0912000001",
            content="Đề nghị sửa đèn đường khu phố 2 bị hỏng.",
        ),
    )

    assert response.status_code == 302
    assert ReceptionVisit.objects.get().booking == booking


@pytest.mark.django_db
def test_a_bad_period_is_refused(van_du, clerk):
    response = client_for(clerk).get(
        f"/staff/reception/{van_du.pk}/log/?since=2026-05-01&until=2026-01-01"
    )

    assert response.status_code == 400 and response.context["period"].errors
