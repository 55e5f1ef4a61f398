"""Every stage × every role for complaints and denunciations, and every legal time limit around Tết
and weekends (LEGAL.md; the rules are data, seeded by migration 0005)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from thanthien.core.models import User
from thanthien.petitions import cases, services
from thanthien.petitions.models import LegalRule, Petition, State

D = dt.date

# Written out independently of workflow.py.
COMPLAINT = {
    "accept": ({"received"}, {"handler", "leader"}, False),
    "refuse": ({"received"}, {"handler", "leader"}, False),
    "forward": ({"received"}, {"clerk", "handler", "leader"}, False),
    "verify": ({"accepted"}, {"handler", "leader"}, False),
    "dialogue": ({"verifying"}, {"handler", "leader"}, False),
    "decide": ({"verifying", "dialogue"}, {"leader"}, False),
    "appeal": ({"decided"}, {"clerk", "handler", "leader"}, True),
    "finalize": ({"decided"}, {"clerk", "handler", "leader"}, False),
    "withdraw": (
        {"received", "accepted", "verifying", "dialogue"},
        {"clerk", "handler", "leader"},
        True,
    ),
}
DENUNCIATION = {
    "accept": ({"received"}, {"handler", "leader"}, False),
    "refuse": ({"received"}, {"handler", "leader"}, False),
    "forward": ({"received"}, {"clerk", "handler", "leader"}, False),
    "verify": ({"accepted"}, {"handler", "leader"}, False),
    "extend": ({"accepted", "verifying"}, {"leader"}, False),
    "conclude": ({"verifying"}, {"leader"}, False),
    "close": ({"decided"}, {"clerk", "handler", "leader"}, False),
    "withdraw": ({"received", "accepted", "verifying"}, {"clerk", "handler", "leader"}, True),
}
PERSONAS = {
    "vandu.vanthu": "clerk",
    "vandu.diachinh": "handler",
    "vandu.chutich": "leader",
    "vandu.mttq": None,
    "huyen.bandanvan": None,
    "huyen.quantri": None,
    "thachbinh.canbo": None,
    "0912000001": None,
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["complaint", "denunciation"])
@pytest.mark.parametrize("state", list(State.values))
def test_stage_role_matrix(kind, state, submit):
    table = COMPLAINT if kind == "complaint" else DENUNCIATION
    petition = submit()
    Petition.objects.filter(pk=petition.pk).update(kind=kind, state=state)
    petition.refresh_from_db()
    users = {name: User.objects.get(username=name) for name in PERSONAS}
    for action, (sources, roles, citizen) in table.items():
        for name, role in PERSONAS.items():
            expected = state in sources and role in roles
            assert services.may(users[name], petition, action) is expected, (
                kind,
                state,
                action,
                name,
            )
        assert services.may(AnonymousUser(), petition, action) is False
        assert services.may(None, petition, action, as_citizen=True) is (
            state in sources and citizen
        )
    # The feedback-only actions do not exist for these kinds.
    for action in ("answer", "approve", "merge", "reopen", "start"):
        assert services.may(users["vandu.chutich"], petition, action) is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "event", "expected"),
    [
        # 90 calendar days from Sunday 16/11/2025 end on Saturday 14/02/2026, inside Tết 2026: next working day.
        ("complaint-filing-first", D(2025, 11, 16), D(2026, 2, 23)),
        ("complaint-filing-second", D(2026, 1, 15), D(2026, 2, 23)),  # 30 days → Sat 14/02 (Tết)
        ("complaint-filing-second-remote", D(2026, 1, 15), D(2026, 3, 2)),  # 45 days → Sun 01/03
        ("complaint-acceptance", D(2026, 2, 13), D(2026, 3, 6)),  # 10 working days across Tết
        ("complaint-first", D(2026, 1, 15), D(2026, 2, 23)),
        ("complaint-first-complex", D(2026, 3, 2), D(2026, 4, 16)),
        ("complaint-first-remote", D(2026, 3, 2), D(2026, 4, 16)),
        (
            "complaint-first-remote-complex",
            D(2026, 3, 2),
            D(2026, 5, 4),
        ),  # 01/05 holiday, 02–03 weekend
        ("complaint-second", D(2026, 3, 2), D(2026, 4, 16)),
        ("complaint-second-complex", D(2026, 3, 2), D(2026, 5, 4)),
        ("complaint-second-remote", D(2026, 3, 2), D(2026, 5, 4)),
        ("complaint-second-remote-complex", D(2026, 3, 2), D(2026, 5, 11)),
        ("complaint-final", D(2026, 8, 3), D(2026, 9, 3)),  # 30 days → Wed 02/09 (National Day)
        ("complaint-final-remote", D(2026, 3, 2), D(2026, 4, 16)),
        ("denunciation-classification", D(2026, 2, 12), D(2026, 3, 2)),  # 7 working days across Tết
        ("denunciation-notice", D(2026, 4, 28), D(2026, 5, 7)),  # 30/04, 01/05 off
        ("denunciation-resolution", D(2026, 1, 15), D(2026, 2, 23)),
        ("denunciation-extension", D(2026, 3, 6), D(2026, 4, 6)),  # 30 days → Sun 05/04
    ],
)
def test_every_legal_time_limit(code, event, expected):
    assert cases.period_end(code, event) == expected


@pytest.mark.django_db
def test_a_rule_changed_by_an_administrator_applies_from_its_date():
    LegalRule.objects.create(
        code="complaint-acceptance",
        name="Sửa đổi",
        days=5,
        count="working",
        source="Luật sửa đổi (ví dụ)",
        effective_from=D(2026, 6, 1),
    )
    assert cases.period_end("complaint-acceptance", D(2026, 5, 4)) == D(2026, 5, 18)
    assert cases.period_end("complaint-acceptance", D(2026, 6, 1)) == D(2026, 6, 8)


@pytest.mark.django_db
def test_an_unknown_rule_is_a_clear_error():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError, match="not set up"):
        cases.period_end("no-such-rule", D(2026, 6, 1))
    with translation.override("vi"), pytest.raises(ValidationError, match="chưa được thiết lập"):
        cases.period_end("no-such-rule", D(2026, 6, 1))
