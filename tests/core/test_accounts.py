import datetime as dt
import re

import pytest
from django.utils import timezone

from thanthien.core.models import LoginFailure, OneTimeCode, User
from thanthien.core.notify import ConsoleSender
from thanthien.core.people import normalize_phone


def _last_code(to: str) -> str:
    message = [m for m in ConsoleSender.outbox if m.to == to][-1]
    return re.search(r"\b(\d{6})\b", message.body).group(1)


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("02373123456", "02373123456"),
        ("12345", None),
        ("abc", None),
    ],
)
def test_normalize_phone(raw, phone):
    assert normalize_phone(raw) == phone


SIGNUP = {
    "full_name": "Bùi Thị Lan",
    "identifier": "0987 654 321",
    "password": "mat-khau-dai-2026",
    "password_again": "mat-khau-dai-2026",
}


@pytest.mark.django_db
def test_a_citizen_signs_up_by_phone_and_verifies_with_the_code(client):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302 and response.url == "/accounts/verify/"
    user = User.objects.get(phone="0987654321")
    assert user.username == "0987654321" and not user.is_verified
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    response = client.post(
        "/accounts/verify/",
        {"code": "000000" if _last_code("0987654321") != "000000" else "111111"},
    )
    assert response.status_code == 400
    response = client.post("/accounts/verify/", {"code": _last_code("0987654321")})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_verified


@pytest.mark.django_db
def test_the_code_is_not_stored_in_clear(client):
    client.post("/accounts/signup/", SIGNUP)
    otp = OneTimeCode.objects.get(destination="0987654321")
    assert _last_code("0987654321") not in otp.code_hash


@pytest.mark.django_db
def test_an_expired_code_is_refused(client):
    client.post("/accounts/signup/", SIGNUP)
    OneTimeCode.objects.filter(destination="0987654321").update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.post(
        "/accounts/verify/", {"code": _last_code("0987654321")}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert not User.objects.get(phone="0987654321").is_verified


@pytest.mark.django_db
def test_too_many_wrong_codes_lock_the_code(client, settings):
    client.post("/accounts/signup/", SIGNUP)
    code = _last_code("0987654321")
    wrong = "123456" if code != "123456" else "654321"
    for _ in range(settings.OTP_MAX_ATTEMPTS):
        client.post("/accounts/verify/", {"code": wrong})
    response = client.post("/accounts/verify/", {"code": code})
    assert response.status_code == 400
    assert not User.objects.get(phone="0987654321").is_verified


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"identifier": "12345"}, "identifier"),
        ({"identifier": "not-an-email@"}, "identifier"),
        (
            {"identifier": "+84 912 000 001"},
            "identifier",
        ),  # the demo citizen's phone, another spelling
        ({"full_name": " "}, "full_name"),
        ({"password_again": "something-else-2026"}, "password_again"),
        ({"password": "12345678", "password_again": "12345678"}, "password"),
        ({"password": "", "password_again": ""}, "password"),
    ],
)
def test_bad_signup_input_is_refused_and_nothing_is_saved(client, change, field):
    before = (User.objects.count(), OneTimeCode.objects.count())
    response = client.post("/accounts/signup/", {**SIGNUP, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert (User.objects.count(), OneTimeCode.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("identifier", ["0912000001", "+84912000001", "0912 000 001"])
def test_a_citizen_signs_in_with_any_spelling_of_the_phone(client, identifier):
    response = client.post(
        "/accounts/login/", {"username": identifier, "password": "thanthien-demo"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_sign_in_is_rate_limited(client, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post(
            "/accounts/login/", {"username": "vandu.chutich", "password": "wrong"}
        )
        assert response.status_code == 400
    response = client.post(
        "/accounts/login/",
        {"username": "vandu.chutich", "password": "thanthien-demo"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not blocked yet.
    response = client.post(
        "/accounts/login/", {"username": "vandu.vanthu", "password": "thanthien-demo"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_failures_older_than_the_window_do_not_count(client, settings):
    old = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 5)
    LoginFailure.objects.bulk_create([LoginFailure(key="id:vandu.chutich", at=old)] * 10)
    response = client.post(
        "/accounts/login/", {"username": "vandu.chutich", "password": "thanthien-demo"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "status"),
    [({"username": "", "password": ""}, 400), ({"username": "nobody", "password": "x"}, 400)],
)
def test_bad_sign_in_input_gets_a_message(client, data, status):
    response = client.post("/accounts/login/", data)
    assert response.status_code == status
    assert response.context["form"].errors


@pytest.mark.django_db
def test_sign_in_never_redirects_to_another_site(client):
    response = client.post(
        "/accounts/login/?next=https://evil.example/",
        {
            "username": "vandu.chutich",
            "password": "thanthien-demo",
            "next": "https://evil.example/",
        },
    )
    assert response.url == "/me/"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User(username="argon")
    user.set_password("mat-khau-dai-2026")
    assert user.password.startswith("argon2")


@pytest.mark.django_db
def test_a_citizen_who_forgot_the_password_gets_a_link_by_sms(client, citizen):
    ConsoleSender.outbox.clear()  # it keeps only the last 100 messages
    before = 0
    response = client.post("/accounts/password/reset/", {"identifier": "+84 912 000 001"})
    assert response.status_code == 302 and response.url == "/accounts/login/"
    message = ConsoleSender.outbox[-1]
    assert len(ConsoleSender.outbox) == before + 1 and message.to == "0912000001"
    link = re.search(r"http\S+/accounts/password/reset/\S+/", message.body).group(0)
    response = client.get(link, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    response = client.post(
        "/accounts/login/", {"username": "0912000001", "password": "mat-khau-moi-2026"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_asking_for_a_link_does_not_tell_whether_an_account_exists(client):
    ConsoleSender.outbox.clear()  # it keeps only the last 100 messages
    before = 0
    response = client.post("/accounts/password/reset/", {"identifier": "0999111222"})
    assert response.status_code == 302 and response.url == "/accounts/login/"
    assert len(ConsoleSender.outbox) == before


@pytest.mark.django_db
def test_at_most_three_links_an_hour_go_to_one_person(client, citizen):
    ConsoleSender.outbox.clear()  # it keeps only the last 100 messages
    before = 0
    for _ in range(5):
        client.post("/accounts/password/reset/", {"identifier": "0912000001"})
    assert len(ConsoleSender.outbox) == before + 3
