"""Triage: routing, forwarding to another body or outside, merging duplicates, declining."""

import pytest

from tests.conftest import client_for
from thanthien.core.models import Body
from thanthien.core.notify import ConsoleSender
from thanthien.petitions import services
from thanthien.petitions.models import Field, Petition, PetitionEvent, RoutingRule, State


def fresh(petition):
    return Petition.objects.get(pk=petition.pk)


@pytest.mark.django_db
def test_the_routing_table_sends_a_field_to_its_body(submit, units, land):
    department = Body.objects.get(name="Địa chính - Xây dựng thị trấn Vân Du")
    RoutingRule.objects.create(field=land, unit=units["van_du"], body=department)
    assert submit().body == department
    other = Field.objects.get(code="social-policy")
    assert submit(field=other, title="Trợ cấp chậm").body.name == "UBND thị trấn Vân Du"


@pytest.mark.django_db
def test_a_commune_of_a_district_without_bodies_is_refused_clearly(submit, units):
    from django.core.exceptions import ValidationError

    from thanthien.core.models import AdminUnit

    commune = (
        AdminUnit.objects.filter(level="commune", valid_to__isnull=False)
        .exclude(path__startswith=units["district"].path)
        .first()
    )
    with pytest.raises(ValidationError, match=commune.name):
        submit(unit=commune, village=None)


@pytest.mark.django_db
def test_a_commune_not_yet_on_the_platform_goes_to_the_district(submit, units):
    commune = units["district"].children.get(code="15196")  # Thạch Lâm: no bodies of its own
    assert submit(unit=commune, village=None).body.name == "UBND huyện Thạch Thành"


@pytest.mark.django_db
def test_forwarding_to_another_body_moves_the_petition_and_tells_the_citizen(
    submit, clerk, other_official
):
    petition = submit()
    target = Body.objects.get(name="UBND xã Thạch Bình")
    client = client_for(clerk)
    response = client.post(
        f"/staff/petitions/{petition.pk}/forward/",
        {"version": petition.version, "body": target.pk, "reason": "Địa điểm thuộc xã Thạch Bình"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.state, petition.body) == (State.RECEIVED, target)
    assert petition.scope_path == target.unit.path
    assert client.get(f"/staff/petitions/{petition.pk}/").status_code == 404
    assert client_for(other_official).get(f"/staff/petitions/{petition.pk}/").status_code == 200
    track = client_for(None).get(f"/petitions/track/{petition.tracking_code}/").content.decode()
    assert "Địa điểm thuộc xã Thạch Bình" in track and "UBND xã Thạch Bình" in track


@pytest.mark.django_db
def test_forwarding_outside_the_platform_ends_here_and_names_the_recipient(submit, handler):
    petition = submit()
    services.petition_forward(
        petition=petition,
        actor=handler,
        outside="Tòa án nhân dân huyện Thạch Thành",
        reason="Tranh chấp dân sự thuộc thẩm quyền Tòa án",
    )
    petition.refresh_from_db()
    assert petition.state == State.FORWARDED
    track = client_for(None).get(f"/petitions/track/{petition.tracking_code}/").content.decode()
    assert "Tòa án nhân dân huyện Thạch Thành" in track


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"reason": "Chuyển đi"},  # neither a body nor a name
        {"reason": "Chuyển đi", "outside": "Tòa án", "body": "__other__"},  # both
        {"body": "__other__", "reason": ""},  # no reason
        {"body": "__same__", "reason": "Chuyển lại"},  # the same body
    ],
)
def test_bad_forwarding_is_refused_and_nothing_changes(submit, clerk, data):
    petition = submit()
    same = petition.body
    other = Body.objects.get(name="UBND xã Thạch Bình")
    data = {
        k: (other.pk if v == "__other__" else same.pk if v == "__same__" else v)
        for k, v in data.items()
    }
    response = client_for(clerk).post(
        f"/staff/petitions/{petition.pk}/forward/", {"version": petition.version, **data}
    )
    assert response.status_code == 400
    assert response.context["forward_form"].errors or response.context["action_error"]
    assert fresh(petition).state == State.RECEIVED and fresh(petition).body == same
    assert PetitionEvent.objects.filter(petition=petition).count() == 1


@pytest.mark.django_db
def test_merged_duplicates_get_the_answer_and_both_submitters_are_told(
    submit, clerk, handler, no_approval, django_capture_on_commit_callbacks
):
    ConsoleSender.outbox.clear()
    original = submit()
    duplicate = submit(
        name="Hà Văn Tư", phone="0911 555 666", content="Đường khu phố 1 sụt lún, đề nghị sửa."
    )
    response = client_for(handler).post(
        f"/staff/petitions/{duplicate.pk}/merge/",
        {"version": duplicate.version, "into": original.tracking_code.lower()},
    )
    assert response.status_code == 302
    assert fresh(duplicate).state == State.MERGED and fresh(duplicate).merged_into == original
    services.petition_accept(petition=fresh(original), actor=clerk)
    services.petition_start(petition=fresh(original), actor=handler)
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_answer(
            petition=fresh(original), actor=handler, text="Đã sửa chữa đoạn đường bị sụt lún."
        )
    track = client_for(None).get(f"/petitions/track/{duplicate.tracking_code}/").content.decode()
    assert "Đã sửa chữa đoạn đường bị sụt lún." in track
    answered = {m.to for m in ConsoleSender.outbox if "trả lời" in m.body or "answered" in m.body}
    assert {"0987111222", "0911555666"} <= answered


@pytest.mark.django_db
@pytest.mark.parametrize("into", ["", "ZZZZ-ZZZZ", "__self__", "__other_commune__"])
def test_bad_merges_are_refused(submit, handler, into, units):
    petition = submit()
    if into == "__self__":
        into = petition.tracking_code
    elif into == "__other_commune__":
        into = submit(unit=units["thach_binh"], village=None, title="Ở xã khác").tracking_code
    response = client_for(handler).post(
        f"/staff/petitions/{petition.pk}/merge/", {"version": petition.version, "into": into}
    )
    assert response.status_code == 400
    assert fresh(petition).state == State.RECEIVED


@pytest.mark.django_db
def test_declining_needs_a_reason_that_the_citizen_sees(submit, handler):
    petition = submit()
    client = client_for(handler)
    response = client.post(
        f"/staff/petitions/{petition.pk}/decline/", {"version": petition.version, "reason": ""}
    )
    assert response.status_code == 400 and fresh(petition).state == State.RECEIVED
    response = client.post(
        f"/staff/petitions/{petition.pk}/decline/",
        {"version": petition.version, "reason": "Nội dung đã được trả lời tại đơn trước"},
    )
    assert response.status_code == 302 and fresh(petition).state == State.DECLINED
    track = client_for(None).get(f"/petitions/track/{petition.tracking_code}/").content.decode()
    assert "Nội dung đã được trả lời tại đơn trước" in track


@pytest.mark.django_db
def test_the_inbox_shows_overdue_first_then_due_soon(submit, handler):
    import datetime as dt

    from django.utils import timezone

    later = submit(title="Hạn còn xa")
    overdue = submit(title="Đã quá hạn", phone="0911 000 001")
    soon = submit(title="Sắp đến hạn", phone="0911 000 002")
    today = timezone.localdate()
    Petition.objects.filter(pk=overdue.pk).update(deadline=today - dt.timedelta(days=3))
    Petition.objects.filter(pk=soon.pk).update(deadline=today)
    Petition.objects.filter(pk=later.pk).update(deadline=today + dt.timedelta(days=30))
    page = client_for(handler).get("/staff/petitions/").context["page"]
    titles = [p.title for p in page]
    assert titles.index("Đã quá hạn") < titles.index("Sắp đến hạn") < titles.index("Hạn còn xa")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "data"),
    [("answer", {"text": "ngắn"}), ("return", {"reason": ""}), ("start", {"assignee": "999999"})],
)
def test_bad_action_input_is_refused(submit, clerk, handler, chairman, action, data):
    petition = submit()
    services.petition_accept(petition=petition, actor=clerk)
    if action != "start":
        services.petition_start(petition=fresh(petition), actor=handler)
    if action == "return":
        services.petition_answer(
            petition=fresh(petition), actor=handler, text="Dự thảo trả lời đủ dài."
        )
    before = (fresh(petition).version, PetitionEvent.objects.filter(petition=petition).count())
    response = client_for(chairman).post(
        f"/staff/petitions/{petition.pk}/{action}/", {"version": fresh(petition).version, **data}
    )
    assert response.status_code == 400
    assert (
        fresh(petition).version,
        PetitionEvent.objects.filter(petition=petition).count(),
    ) == before
