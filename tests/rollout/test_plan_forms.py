"""A plan entered in forms: its text edited section by section, its number checked, its
support budget ready for disclosure."""

from django.urls import reverse

from tests.conftest import client_for
from thanthien.core.models import AuditEvent
from thanthien.rollout.selectors import support_budget_disclosure_rows


def form_data(plan, **changes):
    data = {
        name: getattr(plan, name)
        for name in [
            "layout",
            "issuer_parent",
            "issuer_heading",
            "issuer_code",
            "type_code",
            "number",
            "number_period",
            "place",
            "title",
            "implements",
            "preamble_end",
            "purposes",
            "content_areas",
            "process_steps",
            "place_text",
            "signer_title",
            "signer_name",
            "recipients",
        ]
    }
    data["issued_on"] = plan.issued_on.isoformat()
    data.update(changes)
    return data


def test_the_board_edits_the_plans_text(plan149, district_supervisor):
    client = client_for(district_supervisor)
    url = reverse("rollout_plan_edit", args=[plan149.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(plan149, place_text="Ba xã, thị trấn."))
    assert response.status_code == 302
    plan149.refresh_from_db()
    assert plan149.place_text == "Ba xã, thị trấn."
    event = AuditEvent.objects.filter(action="rollout.plan_update").latest("pk")
    assert event.data["changed"] == ["place_text"]


def test_bad_plan_input_is_refused_and_changes_nothing(plan149, district_supervisor):
    client = client_for(district_supervisor)
    url = reverse("rollout_plan_edit", args=[plan149.pk])
    other = plan149.children.get()
    before = plan149.title
    for changes in (
        {"title": ""},
        {"issued_on": "32/13/2023"},
        {"layout": "royal"},
        {"content_areas": "Chỉ một nội dung"},  # the checklist uses areas 1–6
    ):
        response = client.post(url, form_data(plan149, **{"title": "Mới", **changes}))
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
    plan149.refresh_from_db()
    assert plan149.title == before
    # The number of another plan of the same issuer and period is refused.
    assert other.issuer != plan149.issuer
    from thanthien.rollout.services import plan_create

    second = plan_create(
        actor=None,
        issuer=plan149.issuer,
        layout="party",
        issued_on=plan149.issued_on,
        title="Khác",
        issuer_heading="HU",
        issuer_code="HU",
        type_code="KH",
        place="Thạch Thành",
    )
    response = client.post(
        reverse("rollout_plan_edit", args=[second.pk]), form_data(plan149, title="Khác")
    )
    assert "đã được cơ quan này dùng trong kỳ 2020-2025" in response.content.decode()
    second.refresh_from_db()
    assert second.number == 150


def test_a_commune_official_cannot_edit_the_district_plan(plan149, chairman):
    response = client_for(chairman).post(
        reverse("rollout_plan_edit", args=[plan149.pk]), form_data(plan149, title="X")
    )
    assert response.status_code == 404


def test_support_budget_rows_for_disclosure(plan149):
    header, rows = support_budget_disclosure_rows(plan149)
    assert len(header) == 6
    assert rows[0][1:4] == [
        "Hỗ trợ tổ chức lễ ra mắt và tập huấn tại thị trấn Vân Du",
        "Thị trấn Vân Du",
        30_000_000,
    ]
    assert rows[-1][3:] == [60_000_000, 55_000_000, 37_500_000]
    assert all(len(row) == len(header) for row in rows)
