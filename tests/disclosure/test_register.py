"""Publishing, search, pages, feeds, questions through the petitions workflow."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import client_for
from thanthien.core.models import Body
from thanthien.disclosure import search, services
from thanthien.disclosure.models import Category, Disclosure, Question, SearchEntry, Subscription


def committee(unit):
    return Body.objects.get(unit=unit, kind="peoples_committee")


def test_publish_table_disclosure_is_idempotent(db, units, clerk):
    kwargs = {
        "unit": units["van_du"],
        "body": committee(units["van_du"]),
        "category_code": "resident-contributions",
        "title": "Đóng góp làm đường khu phố 4",
        "header": ["Hộ", "Số tiền"],
        "rows": [["Nguyễn Văn A", 500_000]],
        "starts_on": dt.date(2023, 9, 1),
        "ends_on": dt.date(2023, 10, 15),
        "actor": clerk,
        "source_key": "participation:campaign:7",
    }
    first = services.publish_table_disclosure(**kwargs)
    assert services.LOUDSPEAKER_FORM in first.forms  # the category requires the loudspeaker
    again = services.publish_table_disclosure(**{**kwargs, "rows": [["Nguyễn Văn A", 700_000]]})
    assert again.pk == first.pk
    assert Disclosure.objects.filter(source_key="participation:campaign:7").count() == 1
    assert Disclosure.objects.get(pk=first.pk).table_rows == [["Nguyễn Văn A", 700_000]]
    assert SearchEntry.objects.filter(kind="disclosure", object_id=first.pk).count() == 1
    with pytest.raises(ValidationError):
        services.publish_table_disclosure(
            **{**kwargs, "category_code": "nope", "source_key": "x:1"}
        )
    with pytest.raises(ValidationError):
        services.publish_table_disclosure(
            **{**kwargs, "rows": [["only one cell"]], "source_key": "x:2"}
        )
    assert not Disclosure.objects.filter(source_key__startswith="x:").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_on": dt.date(2023, 1, 20)}, "ends_on"),  # 15 days < 30
        ({"ends_on": dt.date(2022, 12, 1)}, "ends_on"),
        ({"forms": []}, "forms"),
        ({"forms": ["pigeon"]}, "forms"),
        ({"category": "land-recovery", "forms": ["website"]}, "forms"),  # loudspeaker required
        ({"period_quarter": 5, "period_year": 2023}, "period_quarter"),
        ({"period_quarter": 2}, "period_year"),
        ({"title": "abc"}, "title"),
        ({"body": "kim_tan"}, "body"),
    ],
)
def test_periods_and_forms_validated(db, units, clerk, change, field):
    kwargs = {
        "unit": units["van_du"],
        "body": committee(units["van_du"]),
        "category": Category.objects.get(code=change.pop("category", "budget-estimate")),
        "title": "Dự toán ngân sách thử",
        "starts_on": dt.date(2023, 1, 6),
        "ends_on": dt.date(2023, 2, 28),
        "forms": ["website", "office"],
        "actor": clerk,
    }
    if change.get("body"):
        change["body"] = committee(units[change["body"]])
    before = Disclosure.objects.count()
    with pytest.raises(ValidationError) as error:
        services.disclosure_create(**{**kwargs, **change})
    assert field in error.value.message_dict
    assert Disclosure.objects.count() == before


def test_search_folds_diacritics_and_filters(register, units):
    def titles(q, **f):
        return [e.title for e in search.search(q, search.Filters(**f), today=dt.date(2026, 1, 1))]  # noqa: E731

    found = titles("du toan ngan sach")
    assert "Dự toán ngân sách 2023 của Thị trấn Vân Du" in found
    assert titles("DỰ TOÁN ngân sach") == found
    assert any("đóng góp" in t for t in titles("dong gop"))  # đ → d
    assert titles("du toan ngan sach", unit_path=units["kim_tan"].path) == [
        "Dự toán ngân sách 2023 của Thị trấn Kim Tân"
    ]
    assert titles("ngan sach", category="budget-estimate", unit_path=units["van_du"].path) == [
        "Dự toán ngân sách 2023 của Thị trấn Vân Du"
    ]
    assert titles("ngan sach", since=dt.date(2024, 1, 1)) == []
    assert any("Lịch tiếp công dân" in t for t in titles("lich tiep", kind="notice"))
    assert any("Hương ước" in t for t in titles("huong uoc"))
    assert titles("") and titles("!!! ***") == titles("")
    assert titles("\"'; DROP TABLE x; --") == []


def test_future_disclosure_is_not_public(db, units, clerk):
    future = dt.date.today() + dt.timedelta(days=10)
    d = services.disclosure_create(
        unit=units["van_du"],
        body=committee(units["van_du"]),
        category=Category.objects.get(code="other"),
        title="Công khai sắp tới xyzzy",
        starts_on=future,
        ends_on=future + dt.timedelta(days=40),
        actor=clerk,
    )
    assert client_for(None).get(f"/disclosure/{d.pk}/").status_code == 404
    assert client_for(clerk).get(f"/disclosure/{d.pk}/").status_code == 200
    assert "Công khai sắp tới" not in client_for(None).get("/disclosure/?q=xyzzy").content.decode()


def test_attachment_text_is_searchable(db, units, clerk):
    import io

    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = docx.Document()
    document.add_paragraph("Phương án đền bù cho hộ ông Quỳnh tại cánh đồng Đồng Mười")
    out = io.BytesIO()
    document.save(out)
    d = services.disclosure_create(
        unit=units["van_du"],
        body=committee(units["van_du"]),
        category=Category.objects.get(code="other"),
        title="Phương án đền bù",
        starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 4, 30),
        actor=clerk,
        files=[SimpleUploadedFile("pa.docx", out.getvalue())],
    )
    assert [e.object_id for e in search.search("canh dong dong muoi")] == [d.pk]
    with pytest.raises(ValidationError):
        services.attach_files(
            disclosure=d, files=[SimpleUploadedFile("x.pdf", b"MZ...")], actor=clerk
        )
    with pytest.raises(ValidationError):
        services.attach_files(disclosure=d, files=[SimpleUploadedFile("x.exe", b"MZ")], actor=clerk)


def test_detail_page_table_chart_downloads(register, django_assert_max_num_queries):
    d = Disclosure.objects.get(source_key="demo:15190:execution:2023q2")
    client = client_for(None)
    with django_assert_max_num_queries(10):
        response = client.get(f"/disclosure/{d.pk}/")
    html = response.content.decode()
    assert "<svg" in html and 'id="chart-quarters"' in html and "12.450.000.000" in html
    assert client.get(f"/disclosure/{d.pk}/table.xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


@pytest.mark.parametrize("n", [5, 60])
def test_list_queries_bounded(register, units, clerk, n, django_assert_max_num_queries):
    for i in range(n):
        services.disclosure_create(
            unit=units["van_du"],
            body=committee(units["van_du"]),
            category=Category.objects.get(code="other"),
            title=f"Thông báo công khai số {i}",
            starts_on=dt.date(2023, 3, 1),
            ends_on=dt.date(2023, 4, 30),
            actor=clerk,
        )
    client = client_for(None)
    for url in [
        "/disclosure/?q=cong+khai",
        "/notices/",
        "/conventions/",
        f"/disclosure/feed/{units['van_du'].pk}/",
    ]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_feed_and_pages_never_show_subscribers(register, units):
    services.subscribe(unit=units["van_du"], channel="sms", destination="0987 654 321")
    services.subscribe(unit=units["van_du"], channel="email", destination="Ba.Nguyen@example.vn")
    client = client_for(None)
    feed = client.get(f"/disclosure/feed/{units['van_du'].pk}/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Dự toán ngân sách 2023" in feed.content.decode()
    cat = client.get(f"/disclosure/feed/{units['van_du'].pk}/budget-estimate/").content.decode()
    assert "quý" not in cat and "Dự toán" in cat
    notice = services.search.search("lich tiep").first()
    pages = [
        feed,
        client.get(f"/notices/{notice.object_id}/"),
        client.get(f"/notices/{notice.object_id}/print/"),
        client.get("/notices/"),
    ]
    for page in pages:
        text = page.content.decode()
        assert "0987654321" not in text and "ba.nguyen@example.vn" not in text


def test_subscription_validation_and_double_submit(db, units):
    client = client_for(None)
    bad = client.post(
        "/notices/subscribe/", {"unit": units["van_du"].pk, "channel": "sms", "destination": "12"}
    )
    assert bad.status_code == 200 and not Subscription.objects.exists()
    data = {"unit": units["van_du_village"].pk, "channel": "email", "destination": "a@b.vn"}
    client.post("/notices/subscribe/", data)
    client.post("/notices/subscribe/", data)
    assert Subscription.objects.count() == 1


def test_question_goes_through_petitions_and_answer_shows(register, chairman, handler):
    from thanthien.petitions import services as petitions

    d = Disclosure.objects.get(source_key="demo:15190:estimate:2023")
    client = client_for(None)
    data = {
        "title": "Chi giáo dục",
        "content": "Vì sao chi giáo dục năm nay giảm so với năm trước?",
        "name": "Trần Văn Hỏi",
        "phone": "0912345678",
        "consent_publish": "on",
        "submission_key": "k1",
    }
    assert client.post(f"/disclosure/{d.pk}/ask/", data).status_code == 302
    client.post(f"/disclosure/{d.pk}/ask/", data)
    question = Question.objects.get(disclosure=d)
    petition = question.petition
    assert Question.objects.filter(disclosure=d).count() == 1 and petition.unit_id == d.unit_id
    empty = client.post(f"/disclosure/{d.pk}/ask/", {**data, "content": "", "submission_key": "k2"})
    assert empty.status_code == 200 and Question.objects.count() == 1
    assert "Vì sao chi giáo dục" not in client.get(f"/disclosure/{d.pk}/").content.decode()
    petitions.petition_accept(petition=petition, actor=chairman)
    petitions.petition_start(petition=petition, actor=chairman, assignee=handler)
    petition.refresh_from_db()
    petitions.petition_answer(
        petition=petition, actor=handler, text="Năm nay trường mới đã xây xong nên chi đầu tư giảm."
    )
    petition.refresh_from_db()
    petitions.petition_approve(petition=petition, actor=chairman)
    html = client.get(f"/disclosure/{d.pk}/").content.decode()
    assert (
        "trường mới đã xây xong" in html and "Trần Văn Hỏi" not in html and "0912345678" not in html
    )
    # The one search box finds the published answer too (through the petitions selector).
    found = client.get("/disclosure/?q=chi+giao+duc").content.decode()
    assert f"/petitions/public/{petition.pk}/" in found and "Trần Văn Hỏi" not in found


def test_posting_with_photo_and_attachments(db, units, clerk):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    d = services.disclosure_create(
        unit=units["van_du"],
        body=committee(units["van_du"]),
        category=Category.objects.get(code="other"),
        title="Công khai có ảnh niêm yết",
        starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 4, 30),
        actor=clerk,
    )
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "JPEG")
    client = client_for(clerk)
    photo = SimpleUploadedFile("bang-tin.jpg", out.getvalue(), content_type="image/jpeg")
    response = client.post(
        f"/disclosure/{d.pk}/posting/",
        {
            "form": "village_hall",
            "place": "Nhà văn hóa khu phố 1",
            "posted_on": "2023-03-02",
            "photo": photo,
        },
    )
    assert response.status_code == 302
    posting = d.postings.get()
    assert (
        client_for(None).get(f"/disclosure/{d.pk}/postings/{posting.pk}/photo/").status_code == 200
    )
    future = client.post(
        f"/disclosure/{d.pk}/posting/",
        {"form": "office", "place": "Trụ sở", "posted_on": "2999-01-01"},
    )
    assert future.status_code == 200 and d.postings.count() == 1
    pdf = SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%%EOF")
    assert client.post(f"/disclosure/{d.pk}/attach/", {"files": [pdf]}).status_code == 302
    assert d.files.count() == 1
    fake = SimpleUploadedFile("qd.pdf", b"<html>")
    assert client.post(f"/disclosure/{d.pk}/attach/", {"files": [fake]}).status_code == 200
    assert d.files.count() == 1


def test_administrator_edits_the_catalogue(register, district_admin):
    client = client_for(district_admin)
    assert client.get("/admin/disclosure/category/").status_code == 200
    assert client.get("/admin/disclosure/requirement/").status_code == 200
    assert client_for(None).get("/admin/disclosure/category/").status_code == 302


def test_correct_a_disclosure(db, units, clerk, other_official):
    from thanthien.core.models import AuditEvent

    d = services.disclosure_create(
        unit=units["van_du"],
        body=committee(units["van_du"]),
        category=Category.objects.get(code="other"),
        title="Kế hoạch thu gom rác năm 2023",
        starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 4, 30),
        actor=clerk,
    )
    url = f"/disclosure/{d.pk}/edit/"
    assert client_for(other_official).get(url).status_code == 404
    client = client_for(clerk)
    page = client.get(url)
    assert page.status_code == 200 and "Kế hoạch thu gom rác" in page.content.decode()
    data = {
        "unit": units["van_du"].pk,
        "body": d.body_id,
        "category": d.category_id,
        "title": "Kế hoạch thu gom rác thải năm 2023",
        "forms": ["website", "village_hall"],
        "starts_on": "2023-03-01",
        "ends_on": "2023-03-10",
    }
    assert client.post(url, data).status_code == 200  # 10 days < 30: refused
    assert Disclosure.objects.get(pk=d.pk).title == "Kế hoạch thu gom rác năm 2023"
    assert client.post(url, {**data, "ends_on": "2023-04-30"}).status_code == 302
    d.refresh_from_db()
    assert d.title == "Kế hoạch thu gom rác thải năm 2023" and d.forms == [
        "website",
        "village_hall",
    ]
    assert [e.object_id for e in search.search("rac thai")] == [d.pk]
    event = AuditEvent.objects.filter(action="disclosure.updated", object_id=str(d.pk)).get()
    assert event.data["fields"] == ["forms", "title"]


def test_reindex_command(register):
    from io import StringIO

    from django.core.management import call_command

    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "text"))
    SearchEntry.objects.all().delete()
    assert list(search.search("du toan ngan sach")) == []
    out = StringIO()
    call_command("disclosure_reindex", stdout=out)
    assert sorted(SearchEntry.objects.values_list("kind", "object_id", "text")) == before
    assert len(list(search.search("du toan ngan sach"))) == 3


def test_loudspeaker_consecutive_days(register, clerk):
    d = Disclosure.objects.get(source_key="demo:15190:land:2023")
    for day in (1, 2, 4, 5, 6):
        services.record_posting(
            disclosure=d,
            form="loudspeaker",
            place="Loa thị trấn",
            posted_on=dt.date(2023, 5, 15 + day),
            actor=clerk,
        )
        if day == 2:
            html = client_for(None).get(f"/disclosure/{d.pk}/").content.decode()
            assert (
                'class="notice" id="loudspeaker"' in html
                and " 2 " in html.split('id="loudspeaker">')[1][:80]
            )
    html = client_for(None).get(f"/disclosure/{d.pk}/").content.decode()
    assert (
        'class="tag" id="loudspeaker"' in html and " 3 " in html.split('id="loudspeaker">')[1][:80]
    )
