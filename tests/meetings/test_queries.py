"""Each page issues a bounded number of queries however many rows there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import client_for
from thanthien.meetings import services

from .conftest import make_meeting


def _fill(n, clerk, citizen, van_du, ubnd, diachinh_body):
    meeting = make_meeting(clerk, van_du, ubnd, capacity=None)
    for i in range(n):
        question, _ = services.question_submit(
            meeting=meeting,
            text=f"Câu hỏi số {i} về đường giao thông khu phố",
            author_name=f"Người {i}",
            phone=f"0913{i:06d}",
        )
        services.question_support(question=question, user=citizen)
        services.registration_create(
            meeting=meeting, full_name=f"Người {i}", phone=f"0915{i:06d}", added_by=clerk
        )
        services.commitment_create(
            meeting=meeting,
            actor=clerk,
            text=f"Cam kết số {i} sửa đường",
            body=diachinh_body if i % 2 else ubnd,
            due_date=timezone.localdate() + dt.timedelta(days=30 + i),
            question=question,
        )
        make_meeting(clerk, van_du, ubnd, title=f"Cuộc họp {i}", kind="village")
    return meeting


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["public", "staff"])
def test_pages_stay_bounded(who, clerk, citizen, van_du, ubnd, diachinh_body):
    few = _fill(10, clerk, citizen, van_du, ubnd, diachinh_body)
    client = client_for(clerk if who == "staff" else citizen)

    def urls(m):
        if who == "public":
            return [
                "/meetings/",
                f"/meetings/{m.pk}/",
                f"/meetings/{m.pk}/questions/",
                f"/meetings/commitments/unit/{van_du.pk}/",
            ]
        return [
            "/staff/meetings/",
            f"/staff/meetings/{m.pk}/",
            f"/staff/meetings/{m.pk}/questions/",
            f"/staff/meetings/{m.pk}/agenda/",
            "/staff/meetings/commitments/?show=all",
        ]

    small = {url.replace(str(few.pk), "M"): _count(client, url) for url in urls(few)}
    many = _fill(40, clerk, citizen, van_du, ubnd, diachinh_body)
    large = {url.replace(str(many.pk), "M"): _count(client, url) for url in urls(many)}
    for url, n in small.items():
        assert large[url] <= n, (url, n, large[url])
        assert n <= 25, (url, n)


def test_a_commitment_page_stays_bounded_with_many_updates(clerk, handler, dialogue, diachinh_body):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.conftest import hold

    hold(dialogue, clerk)
    commitment = services.commitment_create(
        meeting=dialogue,
        actor=clerk,
        text="Rải cấp phối tuyến đường khu phố 3",
        body=diachinh_body,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )

    def report(n):
        for _ in range(n):
            commitment.refresh_from_db()
            photo = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff x", content_type="image/jpeg")
            services.commitment_progress(
                commitment=commitment,
                actor=handler,
                text="Đang thi công tiếp.",
                state="in_progress",
                files=[photo],
                notify=False,
            )

    report(3)
    public, staff = client_for(None), client_for(handler)
    few = (
        _count(public, f"/meetings/commitments/{commitment.pk}/"),
        _count(staff, f"/staff/meetings/commitments/{commitment.pk}/"),
    )
    report(20)
    many = (
        _count(public, f"/meetings/commitments/{commitment.pk}/"),
        _count(staff, f"/staff/meetings/commitments/{commitment.pk}/"),
    )
    assert many[0] <= few[0] and many[1] <= few[1], (few, many)
