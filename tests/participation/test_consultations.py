"""Consultations on drafts, through the pages a citizen, the Front and the staff use."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.conftest import client_for
from thanthien.core.models import AuditEvent
from thanthien.core.notify import ConsoleSender
from thanthien.participation import selectors, services
from thanthien.participation.models import Consultation, Opinion

pytestmark = pytest.mark.django_db


def comment_url(c):
    return reverse("participation_consultation_comment", args=[c.pk])


def test_signed_in_citizen_comments_on_a_section(make_consultation, citizen):
    c = make_consultation()
    section = c.sections.get(number=2)
    client = client_for(citizen)
    page = client.get(reverse("participation_consultation", args=[c.pk]))
    assert "Không lấn chiếm lòng đường." in page.content.decode()
    response = client.post(
        comment_url(c), {"section": section.pk, "text": "Nên quy định giờ đổ rác buổi tối."}
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get(consultation=c)
    assert opinion.section == section
    assert opinion.user == citizen
    assert opinion.verification == Opinion.Verification.ACCOUNT
    assert AuditEvent.objects.filter(action="participation.opinion_received").exists()


def test_citizen_comments_with_a_phone_code(make_consultation):
    c = make_consultation()
    client = client_for(None)
    response = client.post(
        comment_url(c),
        {
            "text": "Đề nghị thêm điều về giữ gìn cây xanh.",
            "phone": "0987 654 321",
            "name": "Bùi Văn Nam",
        },
    )
    assert response.status_code == 200
    assert not Opinion.objects.filter(consultation=c).exists()
    message = ConsoleSender.outbox[-1]
    assert message.to == "0987654321"
    code = next(
        word for word in message.body.replace(".", " ").split() if word.isdigit() and len(word) == 6
    )
    wrong = client.post(comment_url(c), {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 200 and not Opinion.objects.filter(consultation=c).exists()
    response = client.post(comment_url(c), {"code": code})
    assert response.status_code == 302
    opinion = Opinion.objects.get(consultation=c)
    assert opinion.verification == Opinion.Verification.PHONE
    assert opinion.phone == "0987654321"
    assert opinion.author_name == "Bùi Văn Nam"


def test_without_sign_in_or_phone_refused_unless_anonymous_allowed(make_consultation):
    closed_to_anonymous = make_consultation()
    response = client_for(None).post(comment_url(closed_to_anonymous), {"text": "Ý kiến"})
    assert response.status_code == 200
    assert "alert" in response.content.decode()
    assert not Opinion.objects.exists()
    anonymous_ok = make_consultation(allow_anonymous=True, title="Dự thảo khác")
    response = client_for(None).post(comment_url(anonymous_ok), {"text": "Ý kiến ẩn danh"})
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.is_anonymous and opinion.verification == Opinion.Verification.NONE


def test_no_comment_after_the_period_or_before_it_opens(make_consultation, citizen, today):
    ended = make_consultation(
        opens_on=today - dt.timedelta(days=60), closes_on=today - dt.timedelta(days=1)
    )
    response = client_for(citizen).post(comment_url(ended), {"text": "Muộn"})
    assert response.status_code == 200
    future = make_consultation(
        opens_on=today + dt.timedelta(days=1), closes_on=today + dt.timedelta(days=45)
    )
    client_for(citizen).post(comment_url(future), {"text": "Sớm"})
    closed = make_consultation(state="closed")
    client_for(citizen).post(comment_url(closed), {"text": "Đã đóng"})
    assert not Opinion.objects.exists()


def test_draft_consultation_is_not_public(make_consultation, citizen):
    c = make_consultation(state="draft")
    assert (
        client_for(citizen).get(reverse("participation_consultation", args=[c.pk])).status_code
        == 404
    )


def test_bad_comment_input_changes_nothing(make_consultation, citizen):
    c = make_consultation()
    other = make_consultation(title="Khác")
    client = client_for(citizen)
    for data in [
        {"text": ""},
        {"text": "x" * 5001},
        {"text": "ok", "section": other.sections.first().pk},
    ]:
        response = client.post(comment_url(c), data)
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
    response = client_for(None).post(comment_url(c), {"text": "ok", "phone": "12"})
    assert response.status_code == 200
    assert not Opinion.objects.exists()


def test_double_submit_makes_one_opinion(make_consultation, citizen):
    c = make_consultation()
    client = client_for(citizen)
    data = {"text": "Một lần thôi", "submission_key": "k-123"}
    client.post(comment_url(c), data)
    client.post(comment_url(c), data)
    assert Opinion.objects.filter(consultation=c).count() == 1


def test_front_submits_a_formal_opinion_with_document(make_consultation, mttq_officer, front_body):
    c = make_consultation()
    url = reverse("participation_organization_opinion", args=[c.pk])
    document = SimpleUploadedFile(
        "y-kien-mttq.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    response = client_for(mttq_officer).post(
        url, {"text": "MTTQ đề nghị bổ sung điều khoản.", "document": document}
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get(consultation=c)
    assert opinion.body == front_body and opinion.source == Opinion.Source.ORGANIZATION
    assert opinion.document.name.endswith(".pdf")


def test_only_the_front_may_send_a_formal_opinion(
    make_consultation, citizen, clerk, district_supervisor
):
    c = make_consultation()
    url = reverse("participation_organization_opinion", args=[c.pk])
    for user in (citizen, clerk, district_supervisor):
        assert client_for(user).post(url, {"text": "x"}).status_code == 404
    assert not Opinion.objects.exists()


def test_organization_not_asked_is_refused(make_consultation, mttq_officer):
    c = make_consultation(audiences=[Consultation.Audience.CITIZENS])
    with translation.override("en"), pytest.raises(ValidationError, match="not among"):
        services.opinion_submit_organization(consultation=c, actor=mttq_officer, text="x")


def test_staff_enter_respond_publish_and_report(
    make_consultation, citizen, clerk, handler, mttq_officer
):
    c = make_consultation()
    services.opinion_submit_citizen(
        consultation=c, section=c.sections.first(), text="Ý kiến A", user=citizen
    )
    services.opinion_submit_organization(consultation=c, actor=mttq_officer, text="Ý kiến MTTQ")
    staff = client_for(clerk)
    response = staff.post(
        reverse("participation_opinion_enter", args=[c.pk]),
        {
            "source": "meeting",
            "source_note": "Họp khu phố 1, 12/5/2023",
            "text": "Ý kiến tại hội nghị",
        },
    )
    assert response.status_code == 302
    assert c.opinions.count() == 3
    # Responses wait for the period to end.
    opinion = c.opinions.first()
    with translation.override("en"), pytest.raises(ValidationError, match="after the period"):
        services.opinion_respond(opinion=opinion, actor=handler, response="adopted", text="")
    services.consultation_close(
        consultation=c, actor=clerk, today=c.closes_on + dt.timedelta(days=1)
    )
    c.refresh_from_db()
    # The clerk may not respond; the handler may.
    url = reverse("participation_opinion_respond", args=[opinion.pk])
    assert client_for(clerk).post(url, {"response": "adopted"}).status_code == 404
    # "explained" without a reason: refused, nothing saved.
    client_for(handler).post(url, {"response": "explained", "text": ""})
    opinion.refresh_from_db()
    assert opinion.response == ""
    # Publishing with opinions unanswered is refused.
    client_for(handler).post(reverse("participation_consultation_act", args=[c.pk, "publish"]))
    c.refresh_from_db()
    assert c.state == Consultation.State.CLOSED
    for o, (resp, text) in zip(
        c.opinions.all(),
        [("adopted", ""), ("partly", "Tiếp thu một phần"), ("explained", "Đã có trong luật")],
        strict=True,
    ):
        assert (
            client_for(handler)
            .post(
                reverse("participation_opinion_respond", args=[o.pk]),
                {"response": resp, "text": text},
            )
            .status_code
            == 302
        )
    assert not c.opinions.filter(response="").exists()
    docx = client_for(handler).get(reverse("participation_synthesis_report", args=[c.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client_for(handler).get(reverse("participation_synthesis_report", args=[c.pk, "pdf"]))
    assert pdf.content[:4] == b"%PDF"
    client_for(handler).post(reverse("participation_consultation_act", args=[c.pk, "publish"]))
    c.refresh_from_db()
    assert c.state == Consultation.State.PUBLISHED
    public = (
        client_for(None).get(reverse("participation_consultation", args=[c.pk])).content.decode()
    )
    assert "Đã có trong luật" in public and "Ý kiến MTTQ" in public
    # The citizen's phone never appears on the public page.
    assert citizen.phone not in public


def test_synthesis_document_lists_every_response(make_consultation, citizen, handler, clerk):
    c = make_consultation()
    services.opinion_submit_citizen(consultation=c, section=None, text="Ý kiến chung", user=citizen)
    services.consultation_close(
        consultation=c, actor=clerk, today=c.closes_on + dt.timedelta(days=1)
    )
    services.opinion_respond(
        opinion=c.opinions.get(), actor=handler, response="explained", text="Lý do X"
    )
    doc = selectors.synthesis_document(c)
    table = [b for b in doc.body if b.kind == "table"][0]
    assert table.rows[0][3] == "Ý kiến chung" and table.rows[0][5] == "Lý do X"
    assert "giải trình" in doc.subject


def test_close_refused_before_the_period_ends(make_consultation, clerk):
    c = make_consultation()
    response = client_for(clerk).post(
        reverse("participation_consultation_act", args=[c.pk, "close"])
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.state == Consultation.State.OPEN


def test_two_officials_cannot_both_open(make_consultation, clerk):
    c = make_consultation(state="draft")
    stale = Consultation.objects.get(pk=c.pk)
    services.consultation_open(consultation=c, actor=clerk)
    with pytest.raises(services.Conflict):
        services.consultation_open(consultation=stale, actor=clerk)


def test_new_version_shows_the_differences(make_consultation, handler):
    c = make_consultation(state="published")
    response = client_for(handler).post(
        reverse("participation_consultation_version", args=[c.pk]),
        {
            "sections": "## Vệ sinh môi trường\nCác hộ gia đình thu gom rác đúng giờ, trước 19 giờ.\n\n## Đường làng ngõ xóm\nKhông lấn chiếm lòng đường."
        },
    )
    new = Consultation.objects.get(previous=c)
    assert response.url == reverse("participation_consultation_changes", args=[new.pk])
    page = client_for(None).get(response.url).content.decode()
    assert "<del>− Các hộ gia đình thu gom rác đúng giờ.</del>" in page
    assert "<ins>+ Các hộ gia đình thu gom rác đúng giờ, trước 19 giờ.</ins>" in page
    old_page = (
        client_for(None).get(reverse("participation_consultation", args=[c.pk])).content.decode()
    )
    assert reverse("participation_consultation_changes", args=[new.pk]) in old_page
    # A second new version of the same draft is refused.
    with translation.override("en"), pytest.raises(ValidationError, match="newer version"):
        services.consultation_new_version(consultation=c, actor=handler, sections=[("a", "b")])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"kind": "poem"}, "kind"),
        ({"audiences": []}, "audiences"),
        ({"sections": []}, "sections"),
        ({"sections": [("Heading", "")]}, "sections"),
        ({"audiences": ["villages"]}, "target_units"),
    ],
)
def test_bad_consultation_input_refused(make_consultation, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_consultation(state="draft", **overrides)
    assert field in error.value.message_dict
    assert not Consultation.objects.exists()


def test_closing_before_opening_refused_through_the_form(clerk, units, today):
    response = client_for(clerk).post(
        reverse("participation_consultation_new"),
        {
            "unit": units["van_du"].pk,
            "kind": "plan",
            "title": "Kế hoạch",
            "opens_on": today.isoformat(),
            "closes_on": (today - dt.timedelta(days=1)).isoformat(),
            "audiences": ["citizens"],
            "sections": "## Mục 1\nNội dung",
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_codes_to_one_phone_are_limited(make_consultation):
    c = make_consultation()
    client = client_for(None)
    ConsoleSender.outbox.clear()
    sent = 0
    for _ in range(5):
        client.post(comment_url(c), {"text": "Ý kiến", "phone": "0987 000 222"})
    assert len(ConsoleSender.outbox) - sent == 3


def test_front_document_for_officials_only(
    make_consultation, mttq_officer, clerk, other_official, citizen
):
    c = make_consultation()
    document = SimpleUploadedFile("y-kien.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    opinion, _ = services.opinion_submit_organization(
        consultation=c, actor=mttq_officer, text="Ý kiến", document=document
    )
    url = reverse("participation_opinion_document", args=[opinion.pk])
    assert b"".join(client_for(clerk).get(url).streaming_content) == b"%PDF-1.4 test"
    for user in (other_official, citizen):
        assert client_for(user).get(url).status_code == 404


def test_bad_organization_document_refused(make_consultation, mttq_officer):
    c = make_consultation()
    url = reverse("participation_organization_opinion", args=[c.pk])
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(mttq_officer).post(url, {"text": "Ý kiến", "document": bad})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not Opinion.objects.exists()


def test_staff_entry_needs_where_it_was_gathered(make_consultation, clerk):
    c = make_consultation()
    response = client_for(clerk).post(
        reverse("participation_opinion_enter", args=[c.pk]),
        {"source": "meeting", "source_note": "", "text": "Ý kiến"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Opinion.objects.exists()
    with pytest.raises(ValidationError):
        services.opinion_enter(
            consultation=c, actor=clerk, source="citizen", text="x", source_note="Họp"
        )
    assert not Opinion.objects.exists()


def test_draft_for_organizations_only_offers_no_citizen_comment(make_consultation, citizen):
    c = make_consultation(audiences=[Consultation.Audience.FRONT])
    page = client_for(citizen).get(reverse("participation_consultation", args=[c.pk]))
    assert comment_url(c) not in page.content.decode()
    client_for(citizen).post(comment_url(c), {"text": "Ý kiến"})
    assert not Opinion.objects.exists()


def test_published_responses_as_a_spreadsheet(make_consultation, citizen, clerk, handler):
    import io

    from openpyxl import load_workbook

    c = make_consultation()
    services.opinion_submit_citizen(consultation=c, section=None, text="Ý kiến bảng", user=citizen)
    url = reverse("participation_consultation_responses_xlsx", args=[c.pk])
    assert client_for(None).get(url).status_code == 404  # not published yet
    services.consultation_close(
        consultation=c, actor=clerk, today=c.closes_on + dt.timedelta(days=1)
    )
    services.opinion_respond(
        opinion=c.opinions.get(), actor=handler, response="explained", text="Lý do Y"
    )
    services.consultation_publish(consultation=c, actor=handler)
    response = client_for(None).get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Ý kiến bảng" in values and "Lý do Y" in values
    assert citizen.phone not in [str(v) for v in values]


# --- A draft convention is open for comment at least 30 days (Decree 61/2023/ND-CP, Art. 9) -------
# Counted as LEGAL.md counts days (Civil Code 2015, Art. 147-148): from the day after it opens; when
# the last day is a day off, the period runs to the next working day.

MONDAY = dt.date(2026, 3, 2)  # + 30 days = Wednesday 1 April 2026, a working day


def test_convention_open_29_days_refused(make_consultation):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        make_consultation(state="draft", opens_on=MONDAY, closes_on=MONDAY + dt.timedelta(days=29))
    message = " ".join(error.value.message_dict["closes_on"])
    assert "at least 30 days" in message and "Decree 61/2023/ND-CP, Art. 9" in message
    assert "01/04/2026" in message
    assert not Consultation.objects.exists()


def test_convention_open_30_days_accepted(make_consultation):
    c = make_consultation(state="draft", opens_on=MONDAY, closes_on=MONDAY + dt.timedelta(days=30))
    assert c.closes_on == dt.date(2026, 4, 1)


def test_convention_period_ending_on_a_day_off_runs_to_the_next_working_day(make_consultation):
    thursday = dt.date(2026, 3, 5)  # + 30 days = Saturday 4 April: the period ends Monday 6 April
    with pytest.raises(ValidationError, match="06/04/2026"):
        make_consultation(state="draft", opens_on=thursday, closes_on=dt.date(2026, 4, 4))
    assert make_consultation(state="draft", opens_on=thursday, closes_on=dt.date(2026, 4, 6))


def test_other_drafts_have_no_minimum_period(make_consultation):
    c = make_consultation(
        state="draft",
        kind=Consultation.Kind.PLAN,
        opens_on=MONDAY,
        closes_on=MONDAY + dt.timedelta(days=5),
    )
    assert c.kind == Consultation.Kind.PLAN


def test_revised_convention_is_published_at_once_not_another_round(make_consultation, handler):
    c = make_consultation(state="published")
    new = services.consultation_new_version(
        consultation=c, actor=handler, sections=[("Vệ sinh", "Thu gom rác trước 19 giờ.")]
    )
    assert new.kind == Consultation.Kind.CONVENTION and new.opens_on == new.closes_on


def _convention_form(closes_on, units):
    return {
        "unit": units["van_du"].pk,
        "kind": "convention",
        "title": "Dự thảo hương ước khu phố 2",
        "opens_on": MONDAY.isoformat(),
        "closes_on": closes_on.isoformat(),
        "audiences": ["citizens"],
        "sections": "## Vệ sinh môi trường\nCác hộ thu gom rác đúng giờ.",
    }


def test_convention_open_29_days_refused_through_the_page(clerk, units):
    response = client_for(clerk).post(
        reverse("participation_consultation_new"),
        _convention_form(MONDAY + dt.timedelta(days=29), units),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dự thảo hương ước, quy ước phải được lấy ý kiến ít nhất 30 ngày" in page
    assert "Nghị định số 61/2023/NĐ-CP, Điều 9" in page
    assert "Bộ luật Dân sự 2015, Điều 147–148" in page
    assert "sớm nhất ngày 01/04/2026" in page
    assert not Consultation.objects.exists()


def test_convention_open_30_days_accepted_through_the_page(clerk, units):
    response = client_for(clerk).post(
        reverse("participation_consultation_new"),
        _convention_form(MONDAY + dt.timedelta(days=30), units),
    )
    assert response.status_code == 302
    assert Consultation.objects.get().closes_on == dt.date(2026, 4, 1)
